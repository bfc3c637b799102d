package io.couchgate.bootstrap.tls;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A self-signed certificate and its key as PEM files (made by couchgate's own {@link SelfSignedStore}: EC P-256,
 * valid for a year), for tests that serve TLS from another program, such as nginx.
 *
 * @param certificateFile the certificate (PEM); a client that trusts exactly it trusts the server
 * @param keyFile the private key (PEM, PKCS#8)
 */
public record TestCertificate(Path certificateFile, Path keyFile) {

    /**
     * @param dir where to write the two files (made with mode 0700 when missing)
     * @param hostNames the DNS names and IP addresses the certificate covers, e.g. {@code 127.0.0.1}
     * @return the written files
     */
    public static TestCertificate write(Path dir, List<String> hostNames) {
        SelfSignedStore store = new SelfSignedStore(dir);
        store.loadOrCreate(hostNames, Instant.now());
        return new TestCertificate(store.certificateFile(), store.keyFile());
    }
}
