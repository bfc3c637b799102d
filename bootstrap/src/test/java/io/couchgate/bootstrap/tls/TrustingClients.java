package io.couchgate.bootstrap.tls;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.HexFormat;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/** JDK HTTP clients for the TLS tests: trusting exactly one PEM certificate, optionally limited in protocols. */
final class TrustingClients {

    private TrustingClients() {
    }

    /** @return an SSL context whose only trust anchor is the certificate in {@code pemFile} */
    static SSLContext trusting(Path pemFile) throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(pemFile)) {
            trust.setCertificateEntry("server", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    /**
     * @param context    trust material
     * @param parameters protocols and cipher suites the client offers
     * @return an HTTP/1.1 client with a 5-second connect timeout
     */
    static HttpClient client(SSLContext context, SSLParameters parameters) {
        return HttpClient.newBuilder().sslContext(context).sslParameters(parameters)
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** @return the answer to GET {@code url} as text */
    static HttpResponse<String> get(HttpClient client, String url) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** @return the SHA-256 fingerprint of the certificate the server presented, in hex */
    static String serverFingerprint(HttpResponse<?> response) throws GeneralSecurityException, IOException {
        Certificate leaf = response.sslSession().orElseThrow().getPeerCertificates()[0];
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(leaf.getEncoded()));
    }
}
