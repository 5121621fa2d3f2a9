package dev.latch.cli;

import dev.latch.core.keys.KeyPairs;
import dev.latch.core.keys.PassphraseSource;
import dev.latch.core.keys.PrivateKeys;
import dev.latch.pki.ca.CaRegistry;
import dev.latch.pki.ca.RegistryEntry;
import dev.latch.pki.cert.Certificates;
import dev.latch.pki.cert.SerialNumbers;
import dev.latch.testkit.PeerProcess;
import dev.latch.testkit.ProcessRun;
import dev.latch.testkit.ProcessRunner;
import dev.latch.testkit.Readiness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static dev.latch.cli.CliRun.latch;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code latch ca issue} killed with SIGKILL at every step of an issuance (the process pauses
 * there through the test hook LATCH_TEST_PAUSE_AT), and at random moments: the next command
 * finishes or rolls back what it finds, so that no temporary file, no orphaned key, no valid row
 * without its files and no files without a valid row are ever left, and no serial is used twice.
 */
class CaIssueCrashTest {
    /** Where the kills land: each step of {@code LocalCa.issue} with files (cert, chain, key, PKCS#12). */
    private static final List<String> KILL_STEPS = List.of("journaled", "reserved", "temp-written-1", "temp-written-3",
            "temp-written-4", "written", "renamed-2", "files-renamed", "valid");
    /** Steps before which nothing is on disk complete enough to finish: the issuance is rolled back. */
    private static final List<String> ROLLED_BACK = List.of("reserved", "temp-written-1", "temp-written-3");
    private static final int RANDOM_KILLS = 8;
    private static final String RECOVERED = "latch ca: recovered an interrupted issuance of serial ";

    @TempDir
    Path dir;
    Path ca;
    Path out;

    /** What a kill interrupted: the name it issued for, the step (null: a random moment), its serial if journaled. */
    record Killed(String name, String step, BigInteger serial) {
    }

    @Test
    void issuanceKilledAnywhereIsFinishedOrRolledBackByTheNextCommand() throws Exception {
        ca = dir.resolve("ca");
        out = dir.resolve("out");
        latch("ca", "init", "--home", ca.toString()).ok();
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Killed previous = null;
        long window = 0;
        for (int i = 0; i < KILL_STEPS.size() + RANDOM_KILLS; i++) {
            String step = i < KILL_STEPS.size() ? KILL_STEPS.get(i) : null;
            String name = "k" + i + ".test";
            try (PeerProcess issue = start(name, step == null ? "started" : "started," + step)) {
                // paused after opening the CA, before writing anything: the previous kill is settled now
                checkSettled(previous, issue.stderr(), "seed " + seed + ", run " + i);
                long resumed = System.nanoTime();
                issue.send("\n");
                if (step != null) {
                    issue.awaitStderr("paused at " + step);
                    window = Math.max(window, System.nanoTime() - resumed);
                } else {
                    // a moment anywhere in the issuance, as long as the named steps showed it to take
                    Thread.sleep(Duration.ofNanos((long) (random.nextDouble() * window * 1.2)));
                }
                issue.kill();
                previous = new Killed(name, step, journaledSerial());
            }
        }
        ProcessRun last = ProcessRunner.in(dir).run(command("last.test")).ok();
        checkSettled(previous, last.err().lines().toList(), "seed " + seed + ", last run");
        assertThat(row("last.test").status()).isEqualTo(RegistryEntry.Status.VALID);
    }

    private PeerProcess start(String name, String pauseAt) throws InterruptedException {
        return PeerProcess.command(command(name)).name("latch ca issue " + name).directory(dir)
                .environment("LATCH_TEST_PAUSE_AT", pauseAt)
                .readiness(Readiness.printed(Pattern.compile("latch-test: paused at started")))
                .startTimeout(Duration.ofSeconds(60))
                .start();
    }

    private List<String> command(String name) {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), "dev.latch.cli.Main",
                "ca", "issue", "--home", ca.toString(), "--out", out.toString(), "--p12", name);
    }

    /** The serial of the issuance whose journal a kill left, if any. */
    private BigInteger journaledSerial() throws Exception {
        List<Path> journals = files(ca.resolve("journal")).stream()
                .filter(file -> file.getFileName().toString().endsWith(".journal")).toList();
        assertThat(journals).hasSizeLessThanOrEqualTo(1);
        return journals.isEmpty() ? null : new BigInteger(journals.get(0).getFileName().toString().split("\\.")[0], 16);
    }

    /** After the kill of {@code killed}, once the next command opened the CA, everything is whole again. */
    private void checkSettled(Killed killed, List<String> stderr, String context) throws Exception {
        if (killed == null) {
            return;
        }
        String what = "after a kill " + (killed.step() == null ? "at a random moment" : "at step " + killed.step())
                + " (" + context + ")";
        if (killed.serial() != null) {
            assertThat(stderr).as(what).anyMatch(line -> line.startsWith(RECOVERED + SerialNumbers.hex(killed.serial()) + ": "));
        }
        assertThat(files(ca.resolve("journal"))).as(what + ": journal and its temporary files").isEmpty();
        assertThat(files(out)).as(what + ": temporary files").noneMatch(file -> file.getFileName().toString().startsWith("."));
        for (Path file : files(out)) {
            String fileName = file.getFileName().toString();
            if (fileName.endsWith("-key.pem") || fileName.endsWith(".p12")) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(what + ": " + file)
                        .isEqualTo("rw-------");
            }
        }
        List<RegistryEntry> leaves;
        try (CaRegistry registry = CaRegistry.open("jdbc:sqlite:" + ca.resolve("registry.db"))) {
            leaves = registry.list().stream().filter(entry -> !entry.profile().isCa()).toList();
        }
        assertThat(leaves).extracting(RegistryEntry::serial).as(what).doesNotHaveDuplicates();
        for (RegistryEntry leaf : leaves) {
            String name = leaf.subjectAltNames().substring("DNS:".length());
            assertThat(leaf.status()).as(what + ": " + name).isIn(RegistryEntry.Status.VALID, RegistryEntry.Status.ABANDONED);
            if (leaf.status() == RegistryEntry.Status.VALID) {
                assertWhole(name, leaf.serial(), what);
            } else {
                assertThat(files(out)).as(what + ": files of abandoned " + name)
                        .noneMatch(file -> file.getFileName().toString().startsWith(name));
            }
        }
        for (Path file : files(out)) {
            String fileName = file.getFileName().toString();
            if (fileName.endsWith(".test.pem")) {
                String name = fileName.substring(0, fileName.length() - ".pem".length());
                assertThat(leaves).as(what + ": a valid row for " + file).anyMatch(leaf ->
                        leaf.subjectAltNames().equals("DNS:" + name) && leaf.status() == RegistryEntry.Status.VALID);
            }
        }
        if (killed.step() != null) {
            expectOutcome(killed, leaves, what);
        }
    }

    /** What each step leads to: before the serial, nothing; before every file is staged, a rollback; after, the finish. */
    private void expectOutcome(Killed killed, List<RegistryEntry> leaves, String what) {
        List<RegistryEntry> rows = leaves.stream().filter(leaf -> leaf.subjectAltNames().equals("DNS:" + killed.name())).toList();
        if (killed.step().equals("journaled")) {
            assertThat(rows).as(what).isEmpty();
        } else if (ROLLED_BACK.contains(killed.step())) {
            assertThat(rows).as(what).singleElement().extracting(RegistryEntry::status).isEqualTo(RegistryEntry.Status.ABANDONED);
        } else {
            assertThat(rows).as(what).singleElement().extracting(RegistryEntry::status).isEqualTo(RegistryEntry.Status.VALID);
        }
    }

    /** NAME.pem carries the row's serial, the chain starts with it, the key belongs to it. */
    private void assertWhole(String name, BigInteger serial, String what) throws Exception {
        Path certificateFile = out.resolve(name + ".pem");
        assertThat(certificateFile).as(what).exists();
        X509Certificate certificate = Certificates.readOne(Files.readAllBytes(certificateFile), certificateFile.toString());
        assertThat(certificate.getSerialNumber()).as(what + ": " + certificateFile).isEqualTo(serial);
        Path chain = out.resolve(name + "-fullchain.pem");
        assertThat(Certificates.read(Files.readAllBytes(chain), chain.toString()).get(0)).as(what + ": " + chain).isEqualTo(certificate);
        Path key = out.resolve(name + "-key.pem");
        assertThat(KeyPairs.matches(PrivateKeys.read(Files.readAllBytes(key), key.toString(), PassphraseSource.NONE),
                certificate.getPublicKey())).as(what + ": " + key).isTrue();
        assertThat(out.resolve(name + ".p12")).as(what).exists();
    }

    private RegistryEntry row(String name) {
        try (CaRegistry registry = CaRegistry.open("jdbc:sqlite:" + ca.resolve("registry.db"))) {
            return registry.list().stream().filter(entry -> entry.subjectAltNames().equals("DNS:" + name)).findFirst().orElseThrow();
        }
    }

    private static List<Path> files(Path folder) throws Exception {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return new ArrayList<>(files.sorted().toList());
        }
    }
}
