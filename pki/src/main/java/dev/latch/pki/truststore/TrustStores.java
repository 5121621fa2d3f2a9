package dev.latch.pki.truststore;

import dev.latch.core.LatchException;
import dev.latch.core.io.AtomicFiles;
import dev.latch.core.io.Inputs;
import dev.latch.core.pem.Pem;
import dev.latch.pki.io.Pkcs12;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Puts a root certificate where clients look for trust anchors, like mkcert does: a Java
 * PKCS#12 trust store, an NSS database (Chromium, Firefox) through {@code certutil}, or Debian's
 * system store through {@code update-ca-certificates}. Each store reports its own result.
 */
public final class TrustStores {
    /** Where Debian's update-ca-certificates picks up local CAs. */
    public static final Path DEBIAN_LOCAL_CA_DIR = Path.of("/usr/local/share/ca-certificates");

    private TrustStores() {
    }

    /** Adds the root to a PKCS#12 trust store, creating the store when it does not exist. */
    public static InstallResult pkcs12(Path file, String alias, X509Certificate root, char[] password) {
        String store = "PKCS#12 trust store " + file;
        try {
            byte[] content;
            if (Files.exists(file)) {
                KeyStore existing = Pkcs12.load(Inputs.read(file), password, file.toString());
                existing.setCertificateEntry(alias, root);
                content = Pkcs12.save(existing, password);
            } else {
                content = Pkcs12.trustStore(alias, root, password);
            }
            AtomicFiles.write(file, content, false);
            return InstallResult.ok(store, "added as '" + alias + "'; use it with -Djavax.net.ssl.trustStore=" + file
                    + " -Djavax.net.ssl.trustStorePassword=…");
        } catch (LatchException e) {
            return InstallResult.failed(store, e.oneLine());
        } catch (KeyStoreException e) {
            return InstallResult.failed(store, e.getMessage());
        }
    }

    /** Adds the root to an NSS database (the one Chromium uses is {@code ~/.pki/nssdb}). */
    public static InstallResult nss(Path dir, String nickname, Path rootPem) {
        String store = "NSS database " + dir;
        try {
            Files.createDirectories(dir);
            String db = "sql:" + dir.toAbsolutePath();
            if (!Files.exists(dir.resolve("cert9.db"))) {
                Outcome created = run(List.of("certutil", "-N", "-d", db, "--empty-password"));
                if (!created.ok()) {
                    return InstallResult.failed(store, "certutil -N failed: " + created.output());
                }
            }
            Outcome added = run(List.of("certutil", "-A", "-d", db, "-t", "C,,", "-n", nickname, "-i", rootPem.toString()));
            if (!added.ok()) {
                return InstallResult.failed(store, "certutil -A failed: " + added.output());
            }
            return InstallResult.ok(store, "added as '" + nickname + "', trusted to issue server certificates");
        } catch (IOException e) {
            return InstallResult.failed(store, e.getMessage().contains("certutil")
                    ? "certutil is not installed: apt-get install libnss3-tools" : e.getMessage());
        }
    }

    /** Adds the root to Debian's system store; needs root. */
    public static InstallResult system(String fileName, X509Certificate root) {
        String store = "system store (" + DEBIAN_LOCAL_CA_DIR + ")";
        if (!Files.isDirectory(DEBIAN_LOCAL_CA_DIR.getParent()) || !Files.isDirectory(Path.of("/etc/ssl/certs"))) {
            return InstallResult.failed(store, "this system has no Debian-style ca-certificates store; "
                    + "install the ca-certificates package");
        }
        if (!Files.isWritable(DEBIAN_LOCAL_CA_DIR.getParent())) {
            return InstallResult.failed(store, "needs root: run 'sudo latch ca trust --system'");
        }
        try {
            AtomicFiles.write(DEBIAN_LOCAL_CA_DIR.resolve(fileName), Pem.certificate(root).getBytes(StandardCharsets.US_ASCII), false);
            Outcome updated = run(List.of("update-ca-certificates"));
            if (!updated.ok()) {
                return InstallResult.failed(store, "update-ca-certificates failed: " + updated.output());
            }
            return InstallResult.ok(store, "installed as " + DEBIAN_LOCAL_CA_DIR.resolve(fileName)
                    + "; curl, wget and OpenSSL now trust it");
        } catch (LatchException e) {
            return InstallResult.failed(store, e.oneLine());
        } catch (IOException e) {
            return InstallResult.failed(store, e.getMessage().contains("update-ca-certificates")
                    ? "update-ca-certificates is not installed: apt-get install ca-certificates" : e.getMessage());
        }
    }

    private record Outcome(boolean ok, String output) {
    }

    private static Outcome run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        try {
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readNBytes(64 * 1024);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Outcome(false, command.get(0) + " did not finish within 60 s");
            }
            return new Outcome(process.exitValue() == 0, new String(output, StandardCharsets.UTF_8).strip().replace('\n', ' '));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return new Outcome(false, "interrupted");
        }
    }
}
