package io.couchgate.bootstrap.tls;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.ssl.ServerSslConfiguration;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Protocols and cipher suites of the HTTPS listener: TLS 1.2 and 1.3 with the cipher suites of Mozilla's
 * "intermediate" profile (https://wiki.mozilla.org/Security/Server_Side_TLS, version 5.7), in IANA/Java names.
 * Set in code on Micronaut's {@link ServerSslConfiguration} when it is made, so configuration cannot weaken them.
 */
@Singleton
@Requires(property = "couchgate.tls.enabled", value = "true")
final class TlsPolicy implements BeanCreatedEventListener<ServerSslConfiguration> {

    /** Enabled protocol versions. */
    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** Enabled cipher suites: TLS 1.3 first, then TLS 1.2 ECDHE and DHE AEAD suites, in Mozilla's order. */
    static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    @Override
    public ServerSslConfiguration onCreated(BeanCreatedEvent<ServerSslConfiguration> event) {
        ServerSslConfiguration ssl = event.getBean();
        ssl.setProtocols(PROTOCOLS.toArray(new String[0]));
        ssl.setCiphers(CIPHER_SUITES.toArray(new String[0]));
        ssl.setKeyName(CouchgateCertificateProvider.NAME);
        return ssl;
    }
}
