package dev.latch.pki.truststore;

import dev.latch.core.LatchException;
import dev.latch.core.pem.Pem;
import dev.latch.pki.cert.Certificates;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Locale;

/**
 * The root certificate to trust, and the names it goes by in stores: its CN as the NSS nickname, and
 * {@code latch-<cn>-<first 8 hex digits of its SHA-256>} as file name and Java alias, so two
 * local CAs with the same name do not replace each other.
 */
public record RootCertificate(X509Certificate certificate, Path pemFile) {
    public String nickname() {
        return certificate.getSubjectX500Principal().getName().replaceAll(".*CN=([^,]+).*", "$1");
    }

    public String alias() {
        String slug = nickname().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "")
                .replaceFirst("^latch-", "");
        String fingerprint = Certificates.sha256(certificate).replace(":", "").substring(0, 8).toLowerCase(Locale.ROOT);
        return "latch-" + slug + "-" + fingerprint;
    }

    /**
     * The command that does {@code what} as root: sudo changes HOME and drops LATCH_HOME, so the
     * CA is named by its folder.
     */
    String sudo(String what) {
        return "not writable, run with sudo: 'sudo latch ca trust " + what + " --home " + pemFile.toAbsolutePath().getParent() + "'";
    }

    byte[] pem() {
        return Pem.certificate(certificate).getBytes(StandardCharsets.US_ASCII);
    }

    boolean sameAs(X509Certificate other) {
        try {
            return other != null && Arrays.equals(certificate.getEncoded(), other.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new LatchException("cannot encode certificate: " + e.getMessage());
        }
    }
}
