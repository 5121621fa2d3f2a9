package dev.latch.cli;

import dev.latch.pki.cert.Certificates;
import dev.latch.testkit.OpenSsl;
import dev.latch.testkit.Peers;
import dev.latch.testkit.ProcessRun;
import dev.latch.testkit.ProcessRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.latch.cli.CliRun.latch;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code latch ca trust} with no store named finds every store, as {@code mkcert -install} does, and
 * {@code --uninstall} takes the root out again; each store checked with its own tool (certutil,
 * update-ca-certificates and openssl, keytool). Every store path points into a temporary folder:
 * the home (NSS databases), Debian's local CA folder and its update command, the JDK's cacerts.
 */
class CaTrustStoresTest {
    @TempDir
    Path dir;
    Path ca;
    Path home;
    Path system;
    Path cacerts;
    String rootSha256;

    private final List<Path> nssDatabases = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        Peers.require("certutil");
        Peers.require("update-ca-certificates");
        ca = dir.resolve("ca");
        latch("ca", "init", "--home", ca.toString()).ok();
        rootSha256 = Certificates.sha256(Certificates.readOne(Files.readAllBytes(ca.resolve("root.pem")), "root.pem"));
        home = Files.createDirectories(dir.resolve("home"));
        system = Files.createDirectories(dir.resolve("system"));
        for (String folder : List.of("local", "etc", "share", "hooks")) {
            Files.createDirectories(system.resolve(folder));
        }
        // a system store always holds other roots; update-ca-certificates leaves an empty bundle as it was
        OpenSsl.run(system.resolve("share"), "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", dir.resolve("other.key").toString(), "-subj", "/CN=Some Other Root", "-days", "30", "-out", "other.crt").ok();
        Files.writeString(system.resolve("ca-certificates.conf"), "other.crt\n");
        cacerts = Files.write(dir.resolve("cacerts"),
                Files.readAllBytes(Path.of(System.getProperty("java.home"), "lib", "security", "cacerts")));
    }

    private void nssDatabase(String relative) {
        Path db = home.resolve(relative);
        ProcessRunner.in(dir).run("mkdir", "-p", db.toString()).ok();
        ProcessRunner.in(dir).run("certutil", "-N", "-d", "sql:" + db, "--empty-password").ok();
        nssDatabases.add(db);
    }

    /** {@code latch ca trust ARGS} as a real process, every store redirected into the test's folder. */
    private ProcessRun trust(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), "dev.latch.cli.Main",
                "ca", "trust", "--home", ca.toString()));
        command.addAll(List.of(args));
        String update = String.join(" ", "update-ca-certificates", "--certsconf", system.resolve("ca-certificates.conf").toString(),
                "--certsdir", system.resolve("share").toString(), "--localcertsdir", system.resolve("local").toString(),
                "--etccertsdir", system.resolve("etc").toString(), "--hooksdir", system.resolve("hooks").toString());
        return ProcessRunner.in(dir).env("HOME", home.toString()).env("LATCH_SYSTEM_CA_DIR", system.resolve("local").toString())
                .env("LATCH_SYSTEM_CA_UPDATE", update).env("LATCH_JAVA_CACERTS", cacerts.toString()).run(command);
    }

    private static long lines(ProcessRun run, String status) {
        return run.out().lines().filter(line -> line.startsWith("  " + status + " ")).count();
    }

    private boolean nssHoldsRoot(Path db) {
        ProcessRun listed = ProcessRunner.in(dir).run("certutil", "-L", "-d", "sql:" + db);
        return listed.ok().out().contains("Latch Local Root CA") && listed.out().contains("C,,");
    }

    /** The bundle update-ca-certificates rebuilt holds the root, and openssl verifies the root with it alone. */
    private boolean systemBundleHoldsRoot() throws Exception {
        Path bundle = system.resolve("etc/ca-certificates.crt");
        if (!Files.exists(bundle) || !Files.readString(bundle).contains(Files.readString(ca.resolve("root.pem")).strip())) {
            return false;
        }
        OpenSsl.run(dir, "verify", "-no-CApath", "-CAfile", bundle.toString(), ca.resolve("root.pem").toString()).ok();
        return true;
    }

    private boolean javaHoldsRoot() {
        ProcessRun listed = ProcessRunner.in(dir).run(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-list", "-keystore", cacerts.toString(), "-storepass", "changeit");
        return listed.ok().out().contains(rootSha256);
    }

    @Test
    void withNoStoreNamedEveryStoreFoundTrustsTheRootUntilUninstalled() throws Exception {
        nssDatabase(".pki/nssdb");
        nssDatabase(".mozilla/firefox/p1.default-release");
        nssDatabase("snap/firefox/common/.mozilla/firefox/s1.default");
        Files.createDirectories(home.resolve(".mozilla/firefox/Crash Reports")); // no cert9.db: not a profile

        ProcessRun installed = trust();
        assertThat(installed.exitCode()).as(installed.all()).isZero();
        assertThat(lines(installed, "installed")).as(installed.out()).isEqualTo(5);
        assertThat(installed.out()).contains(".pki/nssdb (Chromium)", "p1.default-release (Firefox)", "s1.default (Firefox)",
                "system store (" + system.resolve("local"), "Java trust store " + cacerts).doesNotContain("Crash Reports");
        assertThat(nssDatabases).allMatch(this::nssHoldsRoot);
        assertThat(systemBundleHoldsRoot()).isTrue();
        assertThat(javaHoldsRoot()).isTrue();
        try (Stream<Path> files = Files.list(system.resolve("local"))) {
            assertThat(files.map(f -> f.getFileName().toString())).singleElement().asString().startsWith("latch-").endsWith(".crt");
        }

        ProcessRun again = trust();
        assertThat(again.exitCode()).isZero();
        assertThat(lines(again, "already there")).as(again.out()).isEqualTo(5);

        ProcessRun removed = trust("--uninstall");
        assertThat(removed.exitCode()).as(removed.all()).isZero();
        assertThat(lines(removed, "removed")).as(removed.out()).isEqualTo(5);
        assertThat(nssDatabases).noneMatch(this::nssHoldsRoot);
        assertThat(systemBundleHoldsRoot()).isFalse();
        assertThat(javaHoldsRoot()).isFalse();

        ProcessRun json = trust("--uninstall", "--json");
        assertThat(json.exitCode()).isZero();
        assertThat(json.out()).contains("\"action\" : \"uninstall\"", "\"status\" : \"not-there\"").doesNotContain("\"removed\"");
    }

    /**
     * Stores it may not write are skipped with the sudo command that would do it, and the run still succeeds.
     * Root may write anything, so as root latch runs as nobody (setpriv), from a copy of the class path it can read.
     */
    @Test
    void storesItCannotWriteAreSkippedWithTheSudoCommand() throws Exception {
        Files.setPosixFilePermissions(system.resolve("local"), PosixFilePermissions.fromString("r-xr-xr-x"));
        Files.setPosixFilePermissions(cacerts, PosixFilePermissions.fromString("r--r--r--"));
        List<String> command = new ArrayList<>();
        String classPath = System.getProperty("java.class.path");
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of(Peers.require("setpriv").toString(), "--reuid=65534", "--regid=65534", "--clear-groups"));
            classPath = readableCopy(classPath);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            try (Stream<Path> files = Files.walk(ca)) {
                for (Path file : files.toList()) {
                    Files.setOwner(file, file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
                }
            }
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classPath,
                "dev.latch.cli.Main", "ca", "trust", "--home", ca.toString()));
        ProcessRun run = ProcessRunner.in(dir).env("HOME", home.toString()).env("LATCH_SYSTEM_CA_DIR", system.resolve("local").toString())
                .env("LATCH_SYSTEM_CA_UPDATE", "false").env("LATCH_JAVA_CACERTS", cacerts.toString()).run(command);
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(lines(run, "skipped")).as(run.out()).isEqualTo(2);
        assertThat(run.out()).contains("system store (" + system.resolve("local") + "): not writable, run with sudo: "
                        + "'sudo latch ca trust --system --home " + ca + "'",
                "Java trust store " + cacerts + ": not writable, run with sudo: 'sudo latch ca trust --java --home " + ca + "'");
        assertThat(javaHoldsRoot()).isFalse();
    }

    /** A copy of the class path in the test's folder, which another user can read (the originals may be under root's home). */
    private String readableCopy(String classPath) throws Exception {
        Path copies = Files.createDirectories(dir.resolve("classpath"));
        List<String> entries = new ArrayList<>();
        int index = 0;
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            Path source = Path.of(entry);
            if (!Files.exists(source)) {
                continue;
            }
            Path copy = copies.resolve(index++ + "-" + source.getFileName());
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : files.toList()) {
                    Files.copy(file, copy.resolve(source.relativize(file).toString()));
                }
            }
            entries.add(copy.toString());
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    @Test
    void storesThatDoNotExistAreSkippedAndNamedStoresAreTheOnlyOnesChanged() throws Exception {
        Files.delete(cacerts);
        Path noSystem = dir.resolve("absent/local");
        ProcessRun run = ProcessRunner.in(dir).env("HOME", home.toString()).env("LATCH_SYSTEM_CA_DIR", noSystem.toString())
                .env("LATCH_SYSTEM_CA_UPDATE", "false").env("LATCH_JAVA_CACERTS", cacerts.toString())
                .run(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
                        "dev.latch.cli.Main", "ca", "trust", "--home", ca.toString());
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(lines(run, "skipped")).as(run.out()).isEqualTo(2);
        assertThat(run.out()).contains("no Debian-style ca-certificates store", "no cacerts file there");

        Path chosen = dir.resolve("chosen-nssdb");
        ProcessRun nss = trust("--nss", chosen.toString());
        assertThat(nss.exitCode()).as(nss.all()).isZero();
        assertThat(nss.out().lines().filter(line -> line.startsWith("  ") && !line.contains("SHA-256"))).singleElement()
                .asString().startsWith("  installed").contains(chosen.toString());
        assertThat(nssHoldsRoot(chosen)).isTrue();
        assertThat(Files.exists(system.resolve("etc/ca-certificates.crt"))).isFalse();

        ProcessRun print = trust("--print");
        assertThat(print.exitCode()).isZero();
        assertThat(print.out()).startsWith("-----BEGIN CERTIFICATE-----").doesNotContain("installed", "skipped");
    }
}
