package io.couchgate.domain;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Argon2id password hash as a PHC string:
 * {@code $argon2id$v=19$m=<KiB>,t=<iterations>,p=<lanes>$<salt>$<hash>} (salt and hash in unpadded standard
 * base64, per the PHC string format).
 *
 * @param phc the PHC string
 */
public record PasswordHash(String phc) {

    private static final Pattern FORMAT = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,9}),t=(\\d{1,9}),p=(\\d{1,3})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");

    /** @throws IllegalArgumentException if {@code phc} is not an Argon2id v19 PHC string */
    public PasswordHash {
        if (phc == null || !FORMAT.matcher(phc).matches()) {
            throw new IllegalArgumentException("password hash must be an Argon2id v19 PHC string");
        }
    }

    /** @return the cost parameters this hash was made with */
    public HashParameters parameters() {
        Matcher m = FORMAT.matcher(phc);
        m.matches();
        return new HashParameters(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)));
    }

    /** @return the salt, unpadded standard base64 */
    public String saltBase64() {
        Matcher m = FORMAT.matcher(phc);
        m.matches();
        return m.group(4);
    }

    /** @return the hash, unpadded standard base64 */
    public String hashBase64() {
        Matcher m = FORMAT.matcher(phc);
        m.matches();
        return m.group(5);
    }

    /**
     * @param current the parameters new hashes are made with
     * @return true when this hash was made with other parameters and should be re-hashed at the next login
     */
    public boolean isOutdated(HashParameters current) {
        return !parameters().equals(current);
    }

    @Override
    public String toString() {
        return "PasswordHash[" + parameters() + "]";
    }
}
