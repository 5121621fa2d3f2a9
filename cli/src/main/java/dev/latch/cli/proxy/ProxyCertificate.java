package dev.latch.cli.proxy;

import dev.latch.core.LatchException;
import dev.latch.core.keys.PassphraseSource;
import dev.latch.pki.ca.CaHome;
import dev.latch.pki.ca.CaInitOptions;
import dev.latch.pki.ca.LocalCa;
import dev.latch.pki.cert.AltName;
import dev.latch.tls.certs.CertificateJudge;
import dev.latch.tls.certs.CertificateJudgement;
import dev.latch.tls.certs.CertificateSource;
import dev.latch.tls.certs.FileCertificateSource;
import dev.latch.tls.certs.KeyMaterial;
import dev.latch.tls.certs.LocalCaCertificateSource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * The certificate the proxy presents when clients reach it over TLS ({@code curl --proxy https://…}):
 * issued by the local CA for the names clients use (created on first use, as {@code latch serve}
 * does), or read from the operator's files. Judged as a client would judge it before it is used.
 *
 * @param material the chain and key
 * @param caRoot   the local CA's root, which clients give as {@code --proxy-cacert}; null for own files
 */
public record ProxyCertificate(KeyMaterial material, Path caRoot) {

    /** @param notices hears "created a local CA in …" and what is odd about the certificate */
    public static ProxyCertificate fromLocalCa(CaHome home, PassphraseSource passphrases, List<String> names,
                                               Consumer<String> notices) {
        boolean create = !LocalCa.exists(home);
        try (LocalCa ca = create ? LocalCa.init(home, CaInitOptions.defaults()) : LocalCa.open(home, passphrases)) {
            if (create) {
                notices.accept("created a local CA in " + home.dir());
            }
            List<AltName> altNames = names.stream().map(AltName::parse).toList();
            CertificateSource source = new LocalCaCertificateSource(ca, altNames, home.dir().resolveSibling("certs"), null);
            return new ProxyCertificate(judged(source, names, notices), home.rootCertificate());
        }
    }

    /** @param names the names clients use, or empty for those the certificate carries */
    public static ProxyCertificate fromFiles(Path certificate, Path key, PassphraseSource passphrases, List<String> names,
                                             Consumer<String> notices) {
        return new ProxyCertificate(judged(new FileCertificateSource(certificate, key, passphrases), names, notices), null);
    }

    private static KeyMaterial judged(CertificateSource source, List<String> names, Consumer<String> notices) {
        KeyMaterial material = source.load();
        List<String> asked = names.isEmpty() ? material.names() : names;
        CertificateJudgement judgement = CertificateJudge.judge(material, asked, source.anchors(), Instant.now());
        if (judgement.refused()) {
            throw new LatchException("will not listen with the certificate from " + material.source() + ", which "
                    + judgement.problems(), judgement.fixes());
        }
        if (judgement.line() != null) {
            notices.accept("warning: the proxy's certificate " + judgement.line());
        }
        return material;
    }
}
