package io.couchgate.bootstrap.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;

/**
 * Tries one TLS handshake with a single protocol version from a separate JVM whose security properties allow
 * TLS 1.0 and 1.1 (the JDK disables them by default, which would make the client give up before asking the
 * server). Prints {@code OK <protocol>} or {@code REFUSED <exception class>: <message>}.
 */
final class LegacyTlsProbe {

    private static final String ALLOW_OLD_PROTOCOLS = "jdk.tls.disabledAlgorithms=SSLv3, RC4, DES, MD5withRSA, "
            + "DH keySize < 1024, EC keySize < 224, 3DES_EDE_CBC, anon, NULL\n";

    private LegacyTlsProbe() {
    }

    /** @param args HTTPS port, PEM certificate to trust, protocol (e.g. TLSv1.1) */
    public static void main(String[] args) throws Exception {
        var context = TrustingClients.trusting(Path.of(args[1]));
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1",
                Integer.parseInt(args[0]))) {
            socket.setEnabledProtocols(new String[] {args[2]});
            socket.startHandshake();
            System.out.println("OK " + socket.getSession().getProtocol());
        } catch (IOException e) {
            System.out.println("REFUSED " + e.getClass().getName() + ": " + e.getMessage());
        }
    }

    /**
     * @return the probe's one output line, from a child JVM run with this test's class path
     */
    static String runInJvmAllowingTls11(int port, Path certificate, String protocol)
            throws IOException, InterruptedException {
        Path security = Files.createTempFile("allow-tls11", ".security");
        try {
            Files.writeString(security, ALLOW_OLD_PROTOCOLS, StandardCharsets.US_ASCII);
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(List.of(java, "-Djava.security.properties=" + security,
                    "-cp", System.getProperty("java.class.path"), LegacyTlsProbe.class.getName(),
                    String.valueOf(port), certificate.toString(), protocol))
                    .redirectErrorStream(true).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("the TLS probe did not finish within 30 s");
            }
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        } finally {
            Files.deleteIfExists(security);
        }
    }
}
