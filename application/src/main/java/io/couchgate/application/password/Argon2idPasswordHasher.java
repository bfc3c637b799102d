package io.couchgate.application.password;

import io.couchgate.domain.HashParameters;
import io.couchgate.domain.PasswordHash;
import io.couchgate.domain.port.PasswordHasher;
import io.couchgate.domain.port.RandomSource;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id version 19 (RFC 9106) with BouncyCastle: 16-byte random salt, 32-byte hash, stored as a PHC string
 * with unpadded standard base64. Passwords are hashed as their UTF-8 bytes. Thread-safe.
 */
public final class Argon2idPasswordHasher implements PasswordHasher {

    /** Salt length in bytes (RFC 9106, section 3.1, recommends 16). */
    public static final int SALT_BYTES = 16;
    /** Hash (tag) length in bytes. */
    public static final int HASH_BYTES = 32;

    private static final Base64.Encoder BASE64 = Base64.getEncoder().withoutPadding();

    private final RandomSource random;
    private final HashParameters parameters;

    /**
     * @param random the source of salts
     * @param parameters the cost of new hashes (e.g. {@link HashParameters#OWASP_MINIMUM})
     */
    public Argon2idPasswordHasher(RandomSource random, HashParameters parameters) {
        this.random = Objects.requireNonNull(random, "random");
        this.parameters = Objects.requireNonNull(parameters, "parameters");
    }

    /** @param random the source of salts; new hashes use {@link HashParameters#OWASP_MINIMUM} */
    public Argon2idPasswordHasher(RandomSource random) {
        this(random, HashParameters.OWASP_MINIMUM);
    }

    @Override
    public PasswordHash hash(char[] password) {
        byte[] salt = random.bytes(SALT_BYTES);
        byte[] hash = derive(password, salt, parameters, HASH_BYTES);
        try {
            return new PasswordHash("$argon2id$v=19$m=" + parameters.memoryKiB() + ",t=" + parameters.iterations()
                    + ",p=" + parameters.parallelism() + "$" + BASE64.encodeToString(salt) + "$"
                    + BASE64.encodeToString(hash));
        } finally {
            PasswordNormalization.wipe(hash);
        }
    }

    @Override
    public boolean verify(char[] password, PasswordHash stored) {
        byte[] salt = Base64.getDecoder().decode(stored.saltBase64());
        byte[] expected = Base64.getDecoder().decode(stored.hashBase64());
        byte[] actual = derive(password, salt, stored.parameters(), expected.length);
        try {
            return MessageDigest.isEqual(expected, actual);
        } finally {
            PasswordNormalization.wipe(actual);
            PasswordNormalization.wipe(expected);
        }
    }

    @Override
    public boolean needsRehash(PasswordHash stored) {
        return stored.isOutdated(parameters);
    }

    private static byte[] derive(char[] password, byte[] salt, HashParameters cost, int length) {
        Argon2Parameters argon2 = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt)
                .withMemoryAsKB(cost.memoryKiB())
                .withIterations(cost.iterations())
                .withParallelism(cost.parallelism())
                .build();
        byte[] utf8 = utf8(password);
        byte[] out = new byte[length];
        try {
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(argon2);
            generator.generateBytes(utf8, out);
            return out;
        } finally {
            PasswordNormalization.wipe(utf8);
            argon2.clear();
        }
    }

    /** UTF-8 bytes of {@code password} without a {@code String}; the encoder's buffer is wiped. */
    private static byte[] utf8(char[] password) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        PasswordNormalization.wipe(encoded.array());
        return bytes;
    }
}
