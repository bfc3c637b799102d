package io.couchgate.domain;

import java.util.List;

/** A password the policy refuses; carries the reason and the estimator's advice, never the password. */
public class WeakPasswordException extends RuntimeException {

    private final List<String> suggestions;

    /**
     * @param reason why, e.g. "password must be at least 12 characters"
     * @param suggestions advice for a stronger password (may be empty)
     */
    public WeakPasswordException(String reason, List<String> suggestions) {
        super(reason);
        this.suggestions = List.copyOf(suggestions);
    }

    /** @return advice for a stronger password, possibly empty */
    public List<String> suggestions() {
        return suggestions;
    }
}
