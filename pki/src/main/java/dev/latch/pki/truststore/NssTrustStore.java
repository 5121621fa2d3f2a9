package dev.latch.pki.truststore;

import dev.latch.core.LatchException;
import dev.latch.pki.cert.Certificates;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

import static dev.latch.pki.truststore.InstallResult.Status.ALREADY_THERE;
import static dev.latch.pki.truststore.InstallResult.Status.FAILED;
import static dev.latch.pki.truststore.InstallResult.Status.INSTALLED;
import static dev.latch.pki.truststore.InstallResult.Status.NOT_THERE;
import static dev.latch.pki.truststore.InstallResult.Status.REMOVED;

/**
 * An NSS database (Chromium's {@code ~/.pki/nssdb}, or a Firefox profile), changed through
 * {@code certutil}. A database the user named is created when missing; one that was found is only
 * changed.
 *
 * @param owner who reads it, for the report ("Chromium", "Firefox"), or null
 */
record NssTrustStore(Path dir, String owner, boolean chosen) implements TrustStore {
    @Override
    public String name() {
        return "NSS database " + dir + (owner == null ? "" : " (" + owner + ")");
    }

    private String db() {
        return "sql:" + dir.toAbsolutePath();
    }

    @Override
    public InstallResult install(RootCertificate root) {
        try {
            if (!Files.exists(dir.resolve("cert9.db"))) {
                Files.createDirectories(dir);
                ExternalCommand.Outcome created = ExternalCommand.run(List.of("certutil", "-N", "-d", db(), "--empty-password"));
                if (!created.ok()) {
                    return InstallResult.of(name(), FAILED, "certutil -N failed: " + created.oneLine());
                }
            }
            if (holds(root)) {
                return InstallResult.of(name(), ALREADY_THERE, "as '" + root.nickname() + "'");
            }
            ExternalCommand.Outcome added = ExternalCommand.run(List.of("certutil", "-A", "-d", db(), "-t", "C,,",
                    "-n", root.nickname(), "-i", root.pemFile().toString()));
            if (!added.ok()) {
                return InstallResult.of(name(), FAILED, "certutil -A failed: " + added.oneLine());
            }
            return InstallResult.of(name(), INSTALLED, "as '" + root.nickname() + "', trusted to issue server certificates");
        } catch (IOException e) {
            return missingCertutil(e);
        }
    }

    @Override
    public InstallResult uninstall(RootCertificate root) {
        try {
            if (!Files.exists(dir.resolve("cert9.db")) || !holds(root)) {
                return InstallResult.of(name(), NOT_THERE, "no '" + root.nickname() + "' holding this root");
            }
            ExternalCommand.Outcome deleted = ExternalCommand.run(List.of("certutil", "-D", "-d", db(), "-n", root.nickname()));
            if (!deleted.ok()) {
                return InstallResult.of(name(), FAILED, "certutil -D failed: " + deleted.oneLine());
            }
            return InstallResult.of(name(), REMOVED, "'" + root.nickname() + "'");
        } catch (IOException e) {
            return missingCertutil(e);
        }
    }

    /** Whether a certificate under the root's nickname is this very root. */
    private boolean holds(RootCertificate root) throws IOException {
        ExternalCommand.Outcome listed = ExternalCommand.run(List.of("certutil", "-L", "-d", db(), "-n", root.nickname(), "-a"));
        if (!listed.ok()) {
            return false;
        }
        try {
            for (X509Certificate present : Certificates.read(listed.output().getBytes(StandardCharsets.US_ASCII), "certutil -L")) {
                if (root.sameAs(present)) {
                    return true;
                }
            }
        } catch (LatchException e) {
            // not a listing of certificates: treat as absent
        }
        return false;
    }

    private InstallResult missingCertutil(IOException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("certutil")
                ? InstallResult.unavailable(name(), chosen, "certutil is not installed: apt-get install libnss3-tools")
                : InstallResult.of(name(), FAILED, message);
    }
}
