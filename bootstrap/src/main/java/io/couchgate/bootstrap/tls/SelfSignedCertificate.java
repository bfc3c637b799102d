package io.couchgate.bootstrap.tls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes a self-signed server certificate with BouncyCastle: EC P-256 key, SHA256withECDSA, every host name as a
 * subject alternative name (DNS or IP, RFC 5280 section 4.2.1.6), key usage digitalSignature, extended key usage
 * serverAuth, not a CA. Keys and signatures come from the JDK's own providers.
 */
final class SelfSignedCertificate {

    /** How long a made certificate is valid. */
    static final Duration VALIDITY = Duration.ofDays(365);

    private static final Duration BACKDATE = Duration.ofHours(1);

    private SelfSignedCertificate() {
    }

    /**
     * @param hostNames DNS names and IP literals, at least one; the first becomes the subject's common name
     * @param now       start of validity (backdated by an hour against clock skew)
     * @return a fresh key pair and its self-signed certificate
     */
    static KeyMaterial create(List<String> hostNames, Instant now) {
        if (hostNames.isEmpty()) {
            throw new IllegalArgumentException("couchgate.tls.host-names is empty; name at least one host");
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair pair = generator.generateKeyPair();
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.O, "couchgate").addRDN(BCStyle.CN, hostNames.get(0)).build();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serialNumber(),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(VALIDITY)), subject, pair.getPublic());
            addExtensions(builder, pair, hostNames);
            var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate());
            var certificate = new JcaX509CertificateConverter().getCertificate(builder.build(signer));
            return new KeyMaterial(pair.getPrivate(), List.of(certificate));
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new IllegalStateException("cannot make a self-signed certificate: " + e.getMessage(), e);
        }
    }

    private static void addExtensions(X509v3CertificateBuilder builder, KeyPair pair, List<String> hostNames)
            throws CertIOException, GeneralSecurityException {
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames(hostNames));
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        builder.addExtension(Extension.subjectKeyIdentifier, false,
                utils.createSubjectKeyIdentifier(pair.getPublic()));
    }

    private static GeneralNames alternativeNames(List<String> hostNames) {
        return new GeneralNames(hostNames.stream()
                .map(HostNames::canonical)
                .map(name -> new GeneralName(HostNames.isIpLiteral(name) ? GeneralName.iPAddress
                        : GeneralName.dNSName, name))
                .toArray(GeneralName[]::new));
    }

    private static BigInteger serialNumber() {
        // RFC 5280 4.1.2.2: positive, at most 20 octets; 127 random bits.
        return new BigInteger(127, new SecureRandom()).add(BigInteger.ONE);
    }
}
