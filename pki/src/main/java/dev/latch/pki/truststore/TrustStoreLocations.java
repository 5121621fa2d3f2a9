package dev.latch.pki.truststore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where this machine's trust stores are: the home folder (Chromium's NSS database, Firefox
 * profiles), Debian's local CA folder and the command that rebuilds the system bundle, and the
 * cacerts of the JDK in use. Each can be redirected through the environment, so tests point
 * every store at a temporary folder and never touch this machine's own trust.
 *
 * @param systemUpdate the command that rebuilds the system bundle, program first
 */
public record TrustStoreLocations(Path home, Path systemCaDir, List<String> systemUpdate, Path javaCacerts, Path keytool) {
    /** Debian's folder for local CAs, which update-ca-certificates picks up. */
    public static final Path DEBIAN_LOCAL_CA_DIR = Path.of("/usr/local/share/ca-certificates");
    /** Overrides {@link #DEBIAN_LOCAL_CA_DIR}. */
    public static final String SYSTEM_CA_DIR_VARIABLE = "LATCH_SYSTEM_CA_DIR";
    /** Overrides the update command: words separated by spaces. */
    public static final String SYSTEM_CA_UPDATE_VARIABLE = "LATCH_SYSTEM_CA_UPDATE";
    /** Overrides the JDK's cacerts file. */
    public static final String JAVA_CACERTS_VARIABLE = "LATCH_JAVA_CACERTS";

    public TrustStoreLocations {
        systemUpdate = List.copyOf(systemUpdate);
    }

    /** This machine's stores, as redirected by the environment. */
    public static TrustStoreLocations fromEnvironment() {
        return of(System.getenv(), Path.of(System.getProperty("user.home")), Path.of(System.getProperty("java.home")));
    }

    static TrustStoreLocations of(Map<String, String> env, Path userHome, Path javaHome) {
        Path home = env.containsKey("HOME") ? Path.of(env.get("HOME")) : userHome;
        Path systemCaDir = env.containsKey(SYSTEM_CA_DIR_VARIABLE) ? Path.of(env.get(SYSTEM_CA_DIR_VARIABLE)) : DEBIAN_LOCAL_CA_DIR;
        List<String> update = env.containsKey(SYSTEM_CA_UPDATE_VARIABLE)
                ? Arrays.asList(env.get(SYSTEM_CA_UPDATE_VARIABLE).trim().split("\\s+")) : List.of("update-ca-certificates");
        Path cacerts = env.containsKey(JAVA_CACERTS_VARIABLE)
                ? Path.of(env.get(JAVA_CACERTS_VARIABLE)) : javaHome.resolve("lib/security/cacerts");
        return new TrustStoreLocations(home, systemCaDir, update, cacerts, javaHome.resolve("bin/keytool"));
    }

    /** Chromium's (and other NSS programs') shared database on Linux. */
    public Path chromiumNss() {
        return home.resolve(".pki/nssdb");
    }

    /** Every Firefox profile with an NSS database: the usual install's and the snap's. */
    public List<Path> firefoxProfiles() {
        List<Path> profiles = new ArrayList<>();
        for (Path root : List.of(home.resolve(".mozilla/firefox"), home.resolve("snap/firefox/common/.mozilla/firefox"))) {
            if (Files.isDirectory(root)) {
                try (Stream<Path> entries = Files.list(root)) {
                    entries.filter(dir -> Files.isRegularFile(dir.resolve("cert9.db"))).sorted().forEach(profiles::add);
                } catch (IOException e) {
                    // an unreadable profiles folder holds no store we can change
                }
            }
        }
        return profiles;
    }
}
