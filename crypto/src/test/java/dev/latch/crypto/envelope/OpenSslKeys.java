package dev.latch.crypto.envelope;

import dev.latch.core.keys.PrivateKeys;
import dev.latch.testkit.OpenSsl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/** A recipient's key and self-signed certificate, made by openssl itself (a real peer's files). */
record OpenSslKeys(Path keyFile, Path certFile, PrivateKey key, X509Certificate certificate) {
    static OpenSslKeys rsa(Path dir, String name) {
        return make(dir, name, "-newkey", "rsa:2048");
    }

    static OpenSslKeys ec(Path dir, String name, String curve) {
        return make(dir, name, "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:" + curve);
    }

    private static OpenSslKeys make(Path dir, String name, String... keyOptions) {
        Path key = dir.resolve(name + ".key");
        Path cert = dir.resolve(name + ".pem");
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("req", "-x509"));
        args.addAll(java.util.List.of(keyOptions));
        args.addAll(java.util.List.of("-nodes", "-keyout", key.toString(), "-out", cert.toString(),
                "-subj", "/CN=" + name, "-days", "2"));
        OpenSsl.run(dir, args).ok();
        try (InputStream in = Files.newInputStream(cert)) {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            PrivateKey privateKey = PrivateKeys.read(Files.readAllBytes(key), key.toString(), what -> null);
            return new OpenSslKeys(key, cert, privateKey, certificate);
        } catch (IOException | CertificateException e) {
            throw new AssertionError(e);
        }
    }
}
