package dev.latch.cli.serve;

import dev.latch.testkit.PeerProcess;
import dev.latch.testkit.Readiness;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code latch serve} running as a child JVM, as a user starts it: started with a LATCH_HOME of its own,
 * ready once it prints its URL (or, with {@code --json}, its start record), stopped with SIGTERM.
 */
public final class ServeProcess implements AutoCloseable {
    private static final Pattern SERVING = Pattern.compile("^Serving .*https://\\S*:(\\d+)/");
    private static final Pattern JSON_START = Pattern.compile("^\\{\"event\":\"started\"");

    private final PeerProcess process;
    private final Path latchHome;

    private ServeProcess(PeerProcess process, Path latchHome) {
        this.process = process;
        this.latchHome = latchHome;
    }

    /** Starts {@code latch serve ARGS} with LATCH_HOME set to {@code latchHome}; returns once it serves. */
    public static ServeProcess start(Path latchHome, String... args) throws InterruptedException {
        return start(latchHome, List.of(), args);
    }

    /** The same, with JVM options (system properties) for the child. */
    static ServeProcess start(Path latchHome, List<String> jvmOptions, String... args) throws InterruptedException {
        return start(latchHome, jvmOptions, Readiness.printed(SERVING), args);
    }

    /** The command that runs {@code latch ARGS} in a JVM of its own, as the launcher does. */
    public static List<String> latchCommand(List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.latch.cli.Main"));
        command.addAll(List.of(args));
        return command;
    }

    /** {@code latch serve ARGS} where ARGS include {@code --json}: ready once it printed its start record. */
    static ServeProcess startJson(Path latchHome, String... args) throws InterruptedException {
        return start(latchHome, List.of(), Readiness.printed(JSON_START), args);
    }

    private static ServeProcess start(Path latchHome, List<String> jvmOptions, Readiness readiness, String... args)
            throws InterruptedException {
        List<String> command = new ArrayList<>(latchCommand(jvmOptions, "serve"));
        command.addAll(List.of(args));
        return new ServeProcess(PeerProcess.command(command).name("latch serve").directory(latchHome.getParent())
                .environment("LATCH_HOME", latchHome.toString()).readiness(readiness).start(), latchHome);
    }

    /** The HTTPS port from the line that says where it serves. */
    public int port() {
        for (String line : process.stdout()) {
            Matcher serving = SERVING.matcher(line);
            if (serving.find()) {
                return Integer.parseInt(serving.group(1));
            }
        }
        throw new AssertionError("latch serve printed no 'Serving … https://…:PORT/' line:\n" + process.output());
    }

    String url() {
        return "https://localhost:" + port() + "/";
    }

    Path caHome() {
        return latchHome.resolve("ca");
    }

    /** Its lines on standard output so far (the start line or record, then the access log by default). */
    List<String> stdout() {
        return process.stdout();
    }

    /** The first line on stdout (the access log by default) that contains {@code fragment}, waiting up to 10 s for it. */
    String awaitStdout(String fragment) throws InterruptedException {
        return process.awaitStdout(fragment);
    }

    /** Its lines on standard error so far. */
    List<String> stderr() {
        return process.stderr();
    }

    /** Waits up to 10 s for a line on stderr that contains {@code fragment}. */
    String awaitStderr(String fragment) throws InterruptedException {
        return process.awaitStderr(fragment);
    }

    /** SIGHUP: reload certificates. */
    void hangup() {
        process.hangUp();
    }

    /** SIGTERM, as Ctrl+C or a service manager would stop it; it must then stop by itself within 20 s. */
    @Override
    public void close() throws InterruptedException {
        process.close();
    }

    /** {@link #close()}, then its exit status. */
    int stop() throws InterruptedException {
        process.close();
        return process.exitValue();
    }

    /** Everything it printed so far, for assertion messages. */
    public String output() {
        return process.output();
    }
}
