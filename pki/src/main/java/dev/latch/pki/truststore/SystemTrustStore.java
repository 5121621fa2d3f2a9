package dev.latch.pki.truststore;

import dev.latch.core.LatchException;
import dev.latch.core.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.latch.pki.truststore.InstallResult.Status.ALREADY_THERE;
import static dev.latch.pki.truststore.InstallResult.Status.FAILED;
import static dev.latch.pki.truststore.InstallResult.Status.INSTALLED;
import static dev.latch.pki.truststore.InstallResult.Status.NOT_THERE;
import static dev.latch.pki.truststore.InstallResult.Status.REMOVED;

/**
 * Debian's system store: the root as {@code latch-*.crt} in the local CA folder, then
 * {@code update-ca-certificates} rebuilds the bundle curl, wget and OpenSSL read. Needs root.
 */
record SystemTrustStore(Path localDir, List<String> update, boolean chosen) implements TrustStore {
    @Override
    public String name() {
        return "system store (" + localDir + ")";
    }

    private Path file(RootCertificate root) {
        return localDir.resolve(root.alias() + ".crt");
    }

    @Override
    public InstallResult install(RootCertificate root) {
        if (!Files.isDirectory(localDir.getParent())) {
            return InstallResult.unavailable(name(), chosen, "this system has no Debian-style ca-certificates store; "
                    + "install the ca-certificates package");
        }
        Path file = file(root);
        if (holds(file, root)) {
            return InstallResult.of(name(), ALREADY_THERE, "as " + file);
        }
        if (!Files.isWritable(Files.isDirectory(localDir) ? localDir : localDir.getParent())) {
            return InstallResult.unavailable(name(), chosen, root.sudo("--system"));
        }
        try {
            Files.createDirectories(localDir);
            AtomicFiles.write(file, root.pem(), false);
            return updated("installed as " + file + "; curl, wget and OpenSSL now trust it", INSTALLED);
        } catch (LatchException e) {
            return InstallResult.of(name(), FAILED, e.oneLine());
        } catch (IOException e) {
            return InstallResult.of(name(), FAILED, "cannot create " + localDir + ": " + e.getMessage());
        }
    }

    @Override
    public InstallResult uninstall(RootCertificate root) {
        Path file = file(root);
        if (!Files.exists(file)) {
            return InstallResult.of(name(), NOT_THERE, "no " + file);
        }
        if (!Files.isWritable(localDir)) {
            return InstallResult.unavailable(name(), chosen, root.sudo("--system --uninstall"));
        }
        try {
            Files.delete(file);
        } catch (IOException e) {
            return InstallResult.of(name(), FAILED, "cannot remove " + file + ": " + e.getMessage());
        }
        // --fresh: without it the link to the removed file stays in /etc/ssl/certs (Debian's own advice)
        return updated("removed " + file, REMOVED, "--fresh");
    }

    private InstallResult updated(String done, InstallResult.Status status, String... options) {
        try {
            List<String> command = new ArrayList<>(update);
            command.addAll(List.of(options));
            ExternalCommand.Outcome outcome = ExternalCommand.run(command);
            if (!outcome.ok()) {
                return InstallResult.of(name(), FAILED, update.get(0) + " failed: " + outcome.oneLine());
            }
            return InstallResult.of(name(), status, done);
        } catch (IOException e) {
            return InstallResult.of(name(), FAILED, update.get(0) + " is not installed: apt-get install ca-certificates");
        }
    }

    private static boolean holds(Path file, RootCertificate root) {
        try {
            return Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), root.pem());
        } catch (IOException e) {
            return false;
        }
    }
}
