package dev.latch.cli;

import dev.latch.cli.support.ExitCodes;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The training run of the launcher's start-up archive: runs the short commands in one JVM, so that
 * {@code -XX:DumpLoadedClassList} lists the classes they load, which the launcher then has the JVM
 * store ready-parsed in a class-data sharing archive (see the {@code latch} script). Everything it
 * prints is dropped; it writes only below the directory it is given. It fails when a command does not
 * end as it should, so that the launcher does not keep an archive of a training that went wrong.
 *
 * <p>Usage: {@code java -cp latch.jar dev.latch.cli.StartupTraining SCRATCH_DIR}
 */
public final class StartupTraining {
    private StartupTraining() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: StartupTraining SCRATCH_DIR");
            System.exit(ExitCodes.USAGE);
        }
        train(Path.of(args[0]));
    }

    /** Runs the training commands; fails when one of them does not end as it should. */
    static void train(Path scratch) throws IOException {
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
        run(ExitCodes.OK, "verify", "--ca", ca.resolve("root.pem").toString(), "--host", "localhost", chain);
    }

    private static void run(int expected, String... args) {
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(Writer.nullWriter()), new PrintWriter(err), args);
        if (code != expected) {
            throw new IllegalStateException("latch " + String.join(" ", args) + " exited " + code + ", not " + expected + ": " + err);
        }
    }
}
