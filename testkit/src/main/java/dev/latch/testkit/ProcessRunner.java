package dev.latch.testkit;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program to its end with a time limit and captures standard output and standard error
 * apart. Both are drained while it runs, so output of any size cannot block it. A program that
 * outlives the limit is killed, with whatever it started, and the test fails with what it printed.
 *
 * <pre>{@code
 * ProcessRun run = ProcessRunner.in(dir).input("Q\n").run("openssl", "s_client", "-connect", "127.0.0.1:" + port);
 * }</pre>
 *
 * Instances are immutable: each setting returns a new runner.
 */
public final class ProcessRunner {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration AFTER_KILL = Duration.ofSeconds(5);

    private final Path directory;
    private final Map<String, String> environment;
    private final InputStream input;
    private final Duration timeout;

    private ProcessRunner(Path directory, Map<String, String> environment, InputStream input, Duration timeout) {
        this.directory = directory;
        this.environment = Map.copyOf(environment);
        this.input = input;
        this.timeout = timeout;
    }

    /** Runs programs in {@code directory}, with no input and a limit of 60 s. */
    public static ProcessRunner in(Path directory) {
        return new ProcessRunner(directory, Map.of(), null, DEFAULT_TIMEOUT);
    }

    /** The same, with {@code name=value} added to the environment. */
    public ProcessRunner env(String name, String value) {
        Map<String, String> more = new HashMap<>(environment);
        more.put(name, value);
        return new ProcessRunner(directory, more, input, timeout);
    }

    /** The same, with {@code text} (UTF-8) on standard input, which is then closed. */
    public ProcessRunner input(String text) {
        return input(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The same, with standard input fed from {@code stream} as it yields bytes (each chunk is
     * flushed at once, so a slow stream reaches the program slowly), then closed. One stream
     * serves one run.
     */
    public ProcessRunner input(InputStream stream) {
        return new ProcessRunner(directory, environment, stream, timeout);
    }

    /** The same, with another time limit. */
    public ProcessRunner timeout(Duration limit) {
        return new ProcessRunner(directory, environment, input, limit);
    }

    public ProcessRun run(String... command) {
        return run(List.of(command));
    }

    /** Runs {@code command} to its end; fails the test if it cannot start or outlives the limit. */
    public ProcessRun run(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.environment().putAll(environment);
        if (input == null) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command.get(0) + " (is it installed? ./test --with-peers installs "
                    + "the peers): " + e.getMessage(), e);
        }
        OutputCapture out = OutputCapture.of(process.getInputStream(), command.get(0) + "-stdout");
        OutputCapture err = OutputCapture.of(process.getErrorStream(), command.get(0) + "-stderr");
        if (input != null) {
            Thread.ofVirtual().name(command.get(0) + "-stdin").start(() -> feed(input, process.getOutputStream()));
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                Processes.kill(process);
                out.awaitEnd(AFTER_KILL);
                err.awaitEnd(AFTER_KILL);
                throw new AssertionError(command.get(0) + " did not finish in " + timeout.toSeconds() + " s and was killed: "
                        + command + "\n" + new ProcessRun(command, -1, out.text(), err.text()).printed());
            }
            // the streams end with the process, unless a child it left behind still holds them
            out.awaitEnd(AFTER_KILL);
            err.awaitEnd(AFTER_KILL);
        } catch (InterruptedException e) {
            Processes.kill(process);
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        }
        return new ProcessRun(command, process.exitValue(), out.text(), err.text());
    }

    private static void feed(InputStream from, OutputStream to) {
        byte[] buffer = new byte[8192];
        try (from; to) {
            for (int n; (n = from.read(buffer)) >= 0; ) {
                to.write(buffer, 0, n);
                to.flush();
            }
        } catch (IOException e) {
            // the program stopped reading (it may have exited): what it did is in its output
        }
    }
}
