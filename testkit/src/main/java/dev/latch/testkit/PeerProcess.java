package dev.latch.testkit;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real peer running while a test talks to it ({@code openssl s_server}, nginx, {@code latch serve}
 * as a child process): started, then waited for with one {@link Readiness} check and a deadline;
 * its output kept, stdout and stderr apart; stopped by {@link #close()} with SIGTERM.
 *
 * <pre>{@code
 * try (PeerProcess nginx = PeerProcess.command("nginx", "-c", conf.toString(), "-g", "daemon off;")
 *         .directory(dir).readiness(Readiness.listening(port)).start()) {
 *     ...
 * }
 * }</pre>
 */
public final class PeerProcess implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(20);
    private static final Duration AWAIT_LINE = Duration.ofSeconds(10);

    private final String name;
    private final Process process;
    private final OutputCapture out;
    private final OutputCapture err;
    private final Duration stopTimeout;

    private PeerProcess(String name, Process process, Duration stopTimeout) {
        this.name = name;
        this.process = process;
        this.stopTimeout = stopTimeout;
        this.out = OutputCapture.of(process.getInputStream(), name + "-stdout");
        this.err = OutputCapture.of(process.getErrorStream(), name + "-stderr");
    }

    public static Builder command(String... command) {
        return command(List.of(command));
    }

    /** A peer that runs {@code command}; named after the program until {@link Builder#name} says otherwise. */
    public static Builder command(List<String> command) {
        return new Builder(command);
    }

    public long pid() {
        return process.pid();
    }

    /** The complete lines it printed on standard output so far. */
    public List<String> stdout() {
        return out.lines();
    }

    /** The complete lines it printed on standard error so far. */
    public List<String> stderr() {
        return err.lines();
    }

    /** Everything it printed so far, for a failure message. */
    public String output() {
        return "stdout:\n" + out.text() + "\nstderr:\n" + err.text();
    }

    /** The first line on standard output that contains {@code fragment}, waiting up to 10 s for it. */
    public String awaitStdout(String fragment) throws InterruptedException {
        return awaitLine(out, "", fragment);
    }

    /** The first line on standard error that contains {@code fragment}, waiting up to 10 s for it. */
    public String awaitStderr(String fragment) throws InterruptedException {
        return awaitLine(err, " on stderr", fragment);
    }

    private String awaitLine(OutputCapture stream, String where, String fragment) throws InterruptedException {
        long deadline = System.nanoTime() + AWAIT_LINE.toNanos();
        do {
            for (String line : stream.lines()) {
                if (line.contains(fragment)) {
                    return line;
                }
            }
            Thread.sleep(POLL);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(name + " printed no line with '" + fragment + "'" + where + " within "
                + AWAIT_LINE.toSeconds() + " s:\n" + output());
    }

    /** Writes {@code text} (UTF-8) to its standard input, which stays open. */
    public void send(String text) {
        try {
            process.getOutputStream().write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        } catch (IOException e) {
            throw new AssertionError(name + " no longer reads its input: " + e.getMessage() + "\n" + output(), e);
        }
    }

    /** SIGKILL, as a crash or the OOM killer ends it: no shutdown hook runs. Returns once it is gone. */
    public void kill() {
        Processes.kill(process);
    }

    /** Whether it still runs. */
    public boolean alive() {
        return process.isAlive();
    }

    /** SIGHUP, by which servers such as nginx and {@code latch serve} reload their certificates. */
    public void hangUp() {
        ProcessRunner.in(Path.of(".")).run("kill", "-HUP", Long.toString(process.pid())).ok();
    }

    /**
     * SIGTERM, as Ctrl+C or a service manager would stop it; it must then stop by itself within
     * the stop timeout, else it is killed and the test fails.
     */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(stopTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
            Processes.kill(process);
            throw new AssertionError(name + " did not stop within " + stopTimeout.toSeconds() + " s of SIGTERM:\n" + output());
        }
    }

    /** The exit status once it ended (after {@link #close()}); 143 means SIGTERM ended it unhandled. */
    public int exitValue() {
        return process.exitValue();
    }

    private void awaitReady(Readiness readiness, Duration startTimeout) throws InterruptedException {
        long deadline = System.nanoTime() + startTimeout.toNanos();
        while (!readiness.reached(this)) {
            if (!process.isAlive()) {
                out.awaitEnd(Duration.ofSeconds(2));
                err.awaitEnd(Duration.ofSeconds(2));
                throw new AssertionError(name + " exited " + process.exitValue() + " before it was ready (waiting for "
                        + readiness.describe() + "):\n" + output());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " was not ready within " + startTimeout.toSeconds() + " s (waiting for "
                        + readiness.describe() + "):\n" + output());
            }
            Thread.sleep(POLL);
        }
    }

    /** How to start a peer; {@link #start()} returns once it is ready. */
    public static final class Builder {
        private final List<String> command;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private String name;
        private Path directory = Path.of(".");
        private Readiness readiness;
        private Duration startTimeout = Duration.ofSeconds(30);
        private Duration stopTimeout = Duration.ofSeconds(20);

        private Builder(List<String> command) {
            this.command = new ArrayList<>(command);
            this.name = command.get(0);
        }

        /** How failure messages call it ({@code latch serve}, {@code openssl s_server}). */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder directory(Path directory) {
            this.directory = directory;
            return this;
        }

        public Builder environment(String variable, String value) {
            environment.put(variable, value);
            return this;
        }

        /** The one check that it is ready; required. */
        public Builder readiness(Readiness readiness) {
            this.readiness = readiness;
            return this;
        }

        /** How long it may take to be ready (30 s unless set). */
        public Builder startTimeout(Duration limit) {
            this.startTimeout = limit;
            return this;
        }

        /** How long it may take to stop after SIGTERM (20 s unless set). */
        public Builder stopTimeout(Duration limit) {
            this.stopTimeout = limit;
            return this;
        }

        /**
         * Starts it and waits until it is ready; a peer that exits first, or is not ready in time,
         * is killed and the test fails with what it printed.
         */
        public PeerProcess start() throws InterruptedException {
            if (readiness == null) {
                throw new IllegalStateException("say when " + name + " is ready: readiness(...)");
            }
            // standard input stays an open pipe: openssl s_server, for one, shuts down at its end
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
            builder.environment().putAll(environment);
            PeerProcess peer;
            try {
                peer = new PeerProcess(name, builder.start(), stopTimeout);
            } catch (IOException e) {
                throw new AssertionError("cannot start " + name + " (is it installed? ./test --with-peers installs the peers): "
                        + e.getMessage(), e);
            }
            try {
                peer.awaitReady(readiness, startTimeout);
            } catch (AssertionError | InterruptedException e) {
                Processes.kill(peer.process);
                throw e;
            }
            return peer;
        }
    }
}
