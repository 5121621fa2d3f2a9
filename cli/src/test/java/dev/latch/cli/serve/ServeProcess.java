package dev.latch.cli.serve;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code latch serve} running as a child JVM, as a user starts it: started with a LATCH_HOME of its own,
 * ready once it prints its URL, stopped with SIGTERM. Also runs the real clients (Chromium, testssl) the
 * tests judge it with.
 */
final class ServeProcess implements AutoCloseable {
    private static final Pattern URL = Pattern.compile("https://\\S*:(\\d+)/");
    private static final Duration START = Duration.ofSeconds(30);
    private static final Duration STOP = Duration.ofSeconds(20);

    private final Process process;
    private final List<String> stdout = new ArrayList<>();
    private final List<String> stderr = new ArrayList<>();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();
    private final Path latchHome;

    private ServeProcess(Process process, Path latchHome) {
        this.process = process;
        this.latchHome = latchHome;
        drain(process.getInputStream(), stdout, "stdout");
        drain(process.getErrorStream(), stderr, "stderr");
    }

    /** Starts {@code latch serve ARGS} with LATCH_HOME set to {@code latchHome}; returns once it serves. */
    static ServeProcess start(Path latchHome, String... args) {
        return start(latchHome, List.of(), args);
    }

    /** The same, with JVM options (system properties) for the child. */
    static ServeProcess start(Path latchHome, List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.latch.cli.Main", "serve"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(latchHome.getParent().toFile());
        builder.environment().put("LATCH_HOME", latchHome.toString());
        ServeProcess serve;
        try {
            serve = new ServeProcess(builder.start(), latchHome);
            serve.process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            serve.port.get(START.toSeconds(), TimeUnit.SECONDS);
            return serve;
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            String output = serve.output();
            serve.process.destroyForcibly();
            throw new AssertionError("latch serve did not start within " + START.toSeconds() + " s:\n" + output, e);
        }
    }

    int port() {
        return port.join();
    }

    String url() {
        return "https://localhost:" + port() + "/";
    }

    Path caHome() {
        return latchHome.resolve("ca");
    }

    /** The first line on stdout (the access log by default) that contains {@code fragment}, waiting up to 10 s for it. */
    String awaitStdout(String fragment) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            synchronized (stdout) {
                for (String line : stdout) {
                    if (line.contains(fragment)) {
                        return line;
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("latch serve printed no line with '" + fragment + "':\n" + output());
    }

    /** SIGHUP: reload certificates. */
    void hangup() throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).inheritIO().start().waitFor();
    }

    /** Waits up to 10 s for a line on stderr that contains {@code fragment}. */
    String awaitStderr(String fragment) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            synchronized (stderr) {
                for (String line : stderr) {
                    if (line.contains(fragment)) {
                        return line;
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("latch serve printed no line with '" + fragment + "' on stderr:\n" + output());
    }

    String output() {
        synchronized (stdout) {
            synchronized (stderr) {
                return "stdout:\n" + String.join("\n", stdout) + "\nstderr:\n" + String.join("\n", stderr);
            }
        }
    }

    /** SIGTERM, as Ctrl+C or a service manager would stop it; it must then stop by itself. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("latch serve did not stop within " + STOP.toSeconds() + " s of SIGTERM:\n" + output());
        }
    }

    private void drain(InputStream stream, List<String> lines, String name) {
        Thread.ofVirtual().name("latch-serve-" + name).start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                    Matcher url = URL.matcher(line);
                    if (lines == stdout && line.startsWith("Serving ") && url.find()) {
                        port.complete(Integer.parseInt(url.group(1)));
                    }
                }
            } catch (IOException e) {
                // the process is gone; what it printed so far is kept
            }
            port.completeExceptionally(new IllegalStateException("latch serve closed its " + name));
        });
    }

    /** A loopback port that was free a moment ago. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Skips the test when a real peer is missing, or fails it where LATCH_REQUIRE_PEERS=1 (CI, which
     * installs them all): a missing browser must not pass unnoticed there.
     */
    static void requirePeer(boolean installed, String why) {
        if (!installed && "1".equals(System.getenv("LATCH_REQUIRE_PEERS"))) {
            throw new AssertionError(why + ", and LATCH_REQUIRE_PEERS=1");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(installed, why);
    }

    /** Whether {@code program} is an executable on the PATH. */
    static boolean installed(String program) {
        return Path.of(program).isAbsolute() ? Files.isExecutable(Path.of(program))
                : Pattern.compile(File.pathSeparator).splitAsStream(System.getenv().getOrDefault("PATH", ""))
                        .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, program)));
    }

    /** One finished run of an external program: exit code, stdout and stderr apart. */
    record Ran(int exitCode, String out, String err) {
    }

    /** Runs {@code command} in {@code dir} with {@code env} added to the environment, killing it after {@code timeout}. */
    static Ran run(Path dir, Map<String, String> env, Duration timeout, String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            // kill the whole tree: chromium and testssl leave helpers behind
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
            throw new AssertionError(command[0] + " did not finish in " + timeout.toSeconds() + " s\nstdout:\n"
                    + text(out) + "\nstderr:\n" + text(err));
        }
        return new Ran(process.exitValue(), text(out), text(err));
    }

    private static String text(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }
}
