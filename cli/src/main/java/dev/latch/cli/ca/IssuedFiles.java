package dev.latch.cli.ca;

import dev.latch.cli.support.CommandName;
import dev.latch.cli.support.Json;
import dev.latch.pki.ca.Issued;
import dev.latch.pki.cert.AltName;
import dev.latch.pki.cert.CertificateProfile;
import dev.latch.pki.cert.Certificates;
import dev.latch.pki.cert.SerialNumbers;
import dev.latch.core.io.AtomicFiles.FileContent;
import dev.latch.core.pem.Pem;
import dev.latch.pki.io.Pkcs12;
import dev.latch.core.keys.PrivateKeys;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The files written for an issued certificate, and the report of them: {@code NAME.pem},
 * {@code NAME-fullchain.pem}, and when the CA made the key, {@code NAME-key.pem} (0600) and
 * optionally {@code NAME.p12}.
 */
final class IssuedFiles {
    /** mkcert's and Java's customary PKCS#12 password, used when no passphrase is given. */
    static final String DEFAULT_P12_PASSWORD = "changeit";

    private final Path dir;
    private final String base;
    private final char[] keyPassphrase;
    private final char[] p12Password;

    IssuedFiles(Path dir, String base, char[] keyPassphrase, char[] p12Password) {
        this.dir = dir;
        this.base = base;
        this.keyPassphrase = keyPassphrase;
        this.p12Password = p12Password;
    }

    /** A file name from the first name: {@code *.example.test} becomes {@code _wildcard.example.test}. */
    static String baseName(List<AltName> names) {
        String first = names.get(0).value();
        return first.replace("*", "_wildcard").replaceAll("[^A-Za-z0-9._@-]", "_");
    }

    Path certificate() {
        return dir.resolve(base + ".pem");
    }

    Path fullChain() {
        return dir.resolve(base + "-fullchain.pem");
    }

    Path key() {
        return dir.resolve(base + "-key.pem");
    }

    Path pkcs12() {
        return dir.resolve(base + ".p12");
    }

    List<FileContent> contents(Issued issued) {
        List<FileContent> files = new ArrayList<>();
        files.add(FileContent.open(certificate(), ascii(Pem.certificate(issued.certificate()))));
        files.add(FileContent.open(fullChain(), ascii(Pem.certificates(issued.chain()))));
        if (issued.privateKey() != null) {
            files.add(FileContent.secret(key(), ascii(PrivateKeys.toPem(issued.privateKey(), keyPassphrase))));
            if (p12Password != null) {
                files.add(FileContent.secret(pkcs12(), Pkcs12.keyAndChain(base, issued.privateKey(), issued.chain(), p12Password)));
            }
        }
        return files;
    }

    void report(PrintWriter out, Issued issued, CertificateProfile profile, List<AltName> names, boolean json) {
        X509Certificate cert = issued.certificate();
        Instant notBefore = cert.getNotBefore().toInstant();
        Instant notAfter = cert.getNotAfter().toInstant();
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("serial", SerialNumbers.hex(cert.getSerialNumber()));
            result.put("subject", cert.getSubjectX500Principal().getName());
            result.put("names", names.stream().map(AltName::toString).toList());
            result.put("profile", profile.id());
            result.put("notBefore", notBefore.toString());
            result.put("notAfter", notAfter.toString());
            result.put("sha256", Certificates.sha256(cert));
            result.put("certificate", certificate().toString());
            result.put("fullChain", fullChain().toString());
            if (issued.privateKey() != null) {
                result.put("key", key().toString());
                if (p12Password != null) {
                    result.put("pkcs12", pkcs12().toString());
                }
            }
            Json.print(out, result);
            return;
        }
        out.println("Issued a " + describe(profile) + " certificate for "
                + names.stream().map(AltName::value).collect(Collectors.joining(", ")));
        out.println("  serial      " + SerialNumbers.hex(cert.getSerialNumber()));
        out.println("  valid       " + notBefore + " to " + notAfter
                + " (" + Duration.between(notBefore, notAfter).plusMinutes(30).toDays() + " days)");
        out.println("  certificate " + certificate());
        out.println("  full chain  " + fullChain() + "   (certificate + intermediate: what a server sends)");
        if (issued.privateKey() != null) {
            out.println("  key         " + key() + "   (mode 0600" + (keyPassphrase != null ? ", encrypted" : "") + ")");
            if (p12Password != null) {
                out.println("  PKCS#12     " + pkcs12() + "   (key + chain, password "
                        + (new String(p12Password).equals(DEFAULT_P12_PASSWORD) ? "'changeit'" : "as given") + ")");
            }
        }
        out.println();
        String keyFile = issued.privateKey() != null ? key().toString() : "KEY (the key the CSR was made with)";
        if (profile == CertificateProfile.TLS_CLIENT) {
            out.println("Next: curl --cert " + certificate() + " --key " + keyFile + " https://…");
        } else {
            out.println("Next: nginx  ssl_certificate " + fullChain() + ";  ssl_certificate_key " + keyFile + ";");
        }
        out.println("      clients must trust the root, not the intermediate: " + CommandName.get() + " ca trust --help");
    }

    private static String describe(CertificateProfile profile) {
        return switch (profile) {
            case TLS_CLIENT -> "TLS client";
            case TLS_SERVER_CLIENT -> "TLS server+client";
            default -> "TLS server";
        };
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
