package io.couchgate.bootstrap.tls;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.util.io.pem.PemGenerationException;

/**
 * Reads and writes a private key and a certificate chain as PEM files (RFC 7468) with BouncyCastle. Keys may be
 * PKCS#8 ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) or SEC1 ({@code EC PRIVATE KEY}); encrypted keys
 * are not supported. Files are written with mode 0600, atomically (temporary file, fsync, rename).
 */
final class PemFiles {

    private PemFiles() {
    }

    /**
     * @param keyFile         the private key
     * @param certificateFile the chain, leaf first
     * @return the key and chain
     * @throws IllegalArgumentException when a file holds no key or no certificate; the message names the file
     * @throws UncheckedIOException     when a file cannot be read
     */
    static KeyMaterial read(Path keyFile, Path certificateFile) {
        return new KeyMaterial(readKey(keyFile), readChain(certificateFile));
    }

    /**
     * @param material        what to write
     * @param keyFile         destination of the private key (PKCS#8 PEM)
     * @param certificateFile destination of the chain
     */
    static void write(KeyMaterial material, Path keyFile, Path certificateFile) {
        List<Object> certificates = new ArrayList<>(material.chain());
        writeAtomically(certificateFile, pem(certificates));
        writeAtomically(keyFile, pem(List.of(pkcs8(material.key()))));
    }

    private static Object pkcs8(PrivateKey key) {
        try {
            // PKCS#8 ("PRIVATE KEY") keeps the EC curve in the algorithm identifier; SEC1 output would not.
            return new JcaPKCS8Generator(key, null);
        } catch (PemGenerationException e) {
            throw new IllegalStateException("cannot encode the private key", e);
        }
    }

    private static PrivateKey readKey(Path file) {
        for (Object item : parse(file)) {
            try {
                if (item instanceof PEMKeyPair pair) {
                    return new JcaPEMKeyConverter().getPrivateKey(pair.getPrivateKeyInfo());
                }
                if (item instanceof PrivateKeyInfo info) {
                    return new JcaPEMKeyConverter().getPrivateKey(info);
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the private key in " + file + ": " + e.getMessage());
            }
        }
        throw new IllegalArgumentException(file + " holds no unencrypted PEM private key");
    }

    private static List<X509Certificate> readChain(Path file) {
        List<X509Certificate> chain = new ArrayList<>();
        for (Object item : parse(file)) {
            if (item instanceof X509CertificateHolder holder) {
                try {
                    chain.add(new JcaX509CertificateConverter().getCertificate(holder));
                } catch (CertificateException e) {
                    throw new IllegalArgumentException("bad certificate in " + file + ": " + e.getMessage());
                }
            }
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no PEM certificate");
        }
        return chain;
    }

    private static List<Object> parse(Path file) {
        List<Object> items = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                items.add(item);
            }
            return items;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static String pem(List<Object> items) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            for (Object item : items) {
                writer.writeObject(item);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void writeAtomically(Path file, String text) {
        Path dir = file.toAbsolutePath().getParent();
        try {
            Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    ch.write(StandardCharsets.US_ASCII.encode(text));
                    ch.force(true);
                }
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
