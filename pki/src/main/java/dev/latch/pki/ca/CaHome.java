package dev.latch.pki.ca;

import java.nio.file.Path;

/**
 * Where a local CA keeps its files: by default {@code $LATCH_HOME/ca}, with
 * {@code LATCH_HOME} defaulting to {@code ~/.latch}.
 */
public record CaHome(Path dir) {
    public static final String LATCH_HOME = "LATCH_HOME";

    /** Latch's state directory: {@code $LATCH_HOME}, else {@code ~/.latch}. */
    public static Path latchHome() {
        String home = System.getenv(LATCH_HOME);
        if (home != null && !home.isBlank()) {
            return Path.of(home);
        }
        return Path.of(System.getProperty("user.home"), ".latch");
    }

    public static CaHome defaultHome() {
        return new CaHome(latchHome().resolve("ca"));
    }

    public Path config() {
        return dir.resolve("ca.properties");
    }

    public Path rootCertificate() {
        return dir.resolve("root.pem");
    }

    public Path rootKey() {
        return dir.resolve("root-key.pem");
    }

    public Path intermediateCertificate() {
        return dir.resolve("intermediate.pem");
    }

    public Path intermediateKey() {
        return dir.resolve("intermediate-key.pem");
    }

    public Path registryDatabase() {
        return dir.resolve("registry.db");
    }

    public String defaultRegistryUrl() {
        return "jdbc:sqlite:" + registryDatabase().toAbsolutePath();
    }

    public Path crl() {
        return dir.resolve("crl.pem");
    }

    public Path rootCrl() {
        return dir.resolve("root-crl.pem");
    }
}
