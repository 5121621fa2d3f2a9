package dev.latch.cli;

import dev.latch.cli.support.ExitCodes;
import dev.latch.client.failure.FailureKind;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The training run of the launcher's start-up archive: runs the short commands (and with {@code --fetch}, latch get from a latch serve) in one JVM, so that
 * {@code -XX:DumpLoadedClassList} lists the classes they load, which the launcher then has the JVM
 * store ready-parsed in a class-data sharing archive (see the {@code latch} script). Everything it
 * prints is dropped; it writes only below the directory it is given. It fails when a command does not
 * end as it should, so that the launcher does not keep an archive of a training that went wrong.
 *
 * <p>Usage: {@code java -cp latch.jar dev.latch.cli.StartupTraining SCRATCH_DIR [--fetch]}; the
 * launcher keeps two archives, one without the fetch for the short commands (a larger archive costs
 * every start: the JVM relocates it), one with it for get, serve and proxy.
 */
public final class StartupTraining {
    private static final Pattern HTTPS_PORT = Pattern.compile("\"httpsPort\":(\\d+)");

    private StartupTraining() {
    }

    public static void main(String[] args) throws IOException {
        boolean fetch = args.length == 2 && args[1].equals("--fetch");
        if (args.length != 1 && !fetch) {
            System.err.println("usage: StartupTraining SCRATCH_DIR [--fetch]");
            System.exit(ExitCodes.USAGE);
        }
        train(Path.of(args[0]), fetch);
        System.exit(ExitCodes.OK); // stops the server of the fetch, whose event loop would keep the JVM
    }

    /**
     * Runs the training commands, with {@code fetch} also latch get from a latch serve; fails when
     * one of them does not end as it should.
     */
    static void train(Path scratch, boolean fetch) throws IOException {
        Path ca = Files.createDirectories(scratch).resolve("ca");
        String home = ca.toString();
        run(ExitCodes.OK, "--version");
        run(ExitCodes.OK, "--help");
        for (String command : LatchCommand.SUBCOMMANDS.keySet()) {
            run(ExitCodes.OK, command, "--help");
        }
        run(ExitCodes.USAGE, "inspect", "--no-such-option");
        run(ExitCodes.OK, "ca", "init", "--home", home);
        run(ExitCodes.OK, "ca", "issue", "--home", home, "--out", scratch.toString(), "localhost");
        String chain = scratch.resolve("localhost-fullchain.pem").toString();
        run(ExitCodes.OK, "inspect", chain);
        String root = ca.resolve("root.pem").toString();
        run(ExitCodes.OK, "verify", "--ca", root, "--host", "localhost", chain);
        String key = scratch.resolve("training-key.pem").toString();
        run(ExitCodes.OK, "key", "generate", "--no-encrypt", "-o", key);
        run(ExitCodes.OK, "key", "inspect", key);
        if (fetch) {
            fetch(scratch, home, root);
        }
    }

    /** latch get from a latch serve in this JVM: a page, and a certificate it does not trust. */
    private static void fetch(Path scratch, String home, String root) throws IOException {
        Path site = Files.createDirectories(scratch.resolve("site"));
        Files.writeString(site.resolve("index.html"), "training\n");
        StringWriter started = new StringWriter();
        Thread server = new Thread(() -> Main.run(new PrintWriter(started, true), new PrintWriter(Writer.nullWriter()),
                "serve", site.toString(), "--home", home, "--bind", "127.0.0.1", "--port", "0", "--http-port", "off",
                "--access-log", "off", "--json"), "training-serve");
        server.start();
        Matcher port = HTTPS_PORT.matcher("");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!port.reset(started.toString()).find()) {
            if (!server.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("latch serve did not start: " + started);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        String url = "https://localhost:" + port.group(1) + "/";
        run(ExitCodes.OK, "get", "--cacert", root, "-o", scratch.resolve("page").toString(), url);
        run(FailureKind.CERTIFICATE_UNTRUSTED.exitCode(), "get", url);
    }

    private static void run(int expected, String... args) {
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(Writer.nullWriter()), new PrintWriter(err), args);
        if (code != expected) {
            throw new IllegalStateException("latch " + String.join(" ", args) + " exited " + code + ", not " + expected + ": " + err);
        }
    }
}
