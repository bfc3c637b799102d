package io.couchgate.application.password;

import io.couchgate.domain.Username;
import io.couchgate.domain.WeakPasswordException;
import io.couchgate.domain.port.PasswordPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.resources.ConfigurationBuilder;
import me.gosimple.nbvcxz.resources.Dictionary;
import me.gosimple.nbvcxz.resources.DictionaryBuilder;
import me.gosimple.nbvcxz.resources.Feedback;
import me.gosimple.nbvcxz.scoring.Result;

/**
 * Length limits, then nbvcxz's strength estimate (a Java port of zxcvbn) with the account's username as an
 * exclusion word, so a password built from it counts as weak. Feedback is in English. Thread-safe.
 *
 * <p>nbvcxz loads its dictionaries once per JVM (static in {@link ConfigurationBuilder}); the constructor triggers
 * that load, so the first signup is not the slow one. Because the exclusion word differs per account, each call
 * builds a small {@link Nbvcxz} over the shared dictionaries (nbvcxz's own per-user pattern); an {@code Nbvcxz}
 * holds nothing but its immutable configuration, so no lock is needed.
 *
 * <p>Only the first {@value #ESTIMATED_PREFIX} characters are estimated (a surrogate pair is never split): nbvcxz's
 * cost grows steeply with length (measured on one core: about 10 ms for 18 characters, 100 ms for 64, 600 ms for
 * 128, over 1 s for 256), and 64 characters of a good password carry far more entropy than any minimum needs. So a
 * long password is judged by its prefix alone: strong if the prefix is strong, weak if the prefix is weak, whatever
 * follows. This can only under-rate a password, never over-rate it; whoever wants a long password puts its
 * random part first.
 */
public final class NbvcxzPasswordPolicy implements PasswordPolicy {

    /** How many characters (UTF-16 units) of a password nbvcxz estimates at most. */
    public static final int ESTIMATED_PREFIX = 64;

    private final PasswordPolicyConfig config;
    private final List<Dictionary> dictionaries;

    /** @param config the length and entropy minimums */
    public NbvcxzPasswordPolicy(PasswordPolicyConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.dictionaries = List.copyOf(ConfigurationBuilder.getDefaultDictionaries());
    }

    @Override
    public void requireAcceptable(char[] password, Username username) {
        if (password.length > MAX_LENGTH) {
            throw new WeakPasswordException("password must be at most " + MAX_LENGTH + " characters", List.of());
        }
        if (Character.codePointCount(password, 0, password.length) < config.minLength()) {
            throw new WeakPasswordException("password must be at least " + config.minLength() + " characters",
                    List.of("Use a few uncommon words, or a password manager's random password."));
        }
        // nbvcxz takes a String: this copy cannot be wiped, and lives until garbage collection.
        Result result = estimator(username).estimate(new String(password, 0, prefixLength(password)));
        if (!result.isMinimumEntropyMet()) {
            Feedback feedback = result.getFeedback();
            String warning = feedback.getWarning();
            List<String> suggestions = feedback.getSuggestion() == null ? List.of() : feedback.getSuggestion();
            throw new WeakPasswordException(warning == null ? "password is too easy to guess"
                    : "password is too easy to guess: " + warning, suggestions);
        }
    }

    /** @return how many leading characters of {@code password} are estimated: at most {@link #ESTIMATED_PREFIX} */
    static int prefixLength(char[] password) {
        if (password.length <= ESTIMATED_PREFIX) {
            return password.length;
        }
        boolean splitsPair = Character.isHighSurrogate(password[ESTIMATED_PREFIX - 1])
                && Character.isLowSurrogate(password[ESTIMATED_PREFIX]);
        return splitsPair ? ESTIMATED_PREFIX - 1 : ESTIMATED_PREFIX;
    }

    private Nbvcxz estimator(Username username) {
        List<Dictionary> withUsername = new ArrayList<>(dictionaries);
        withUsername.add(new DictionaryBuilder()
                .setDictionaryName("username")
                .setExclusion(true)
                .addWord(username.value(), 0)
                .createDictionary());
        return new Nbvcxz(new ConfigurationBuilder()
                .setDictionaries(withUsername)
                .setMinimumEntropy(config.minEntropyBits())
                .setLocale(Locale.ENGLISH)
                .createConfiguration());
    }
}
