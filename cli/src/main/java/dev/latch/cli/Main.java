package dev.latch.cli;

import dev.latch.cli.support.ExitCodes;
import dev.latch.cli.support.Converters;
import dev.latch.core.LatchException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

import java.io.PrintWriter;

/** Entry point of the {@code latch} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs one command line with the given output streams; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = commandLine();
        commandLine.setOut(out);
        commandLine.setErr(err);
        return commandLine.execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new LatchCommand());
        Converters.register(commandLine);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            PrintWriter err = cmd.getErr();
            if (e instanceof LatchException pki) {
                err.println("latch: " + pki.oneLine());
                debug(err, e);
                return ExitCodes.FAILED;
            }
            if (e instanceof IllegalArgumentException illegal) {
                err.println("latch " + qualifiedName(cmd) + ": " + illegal.getMessage()
                        + " (see 'latch " + qualifiedName(cmd) + " --help')");
                debug(err, e);
                return ExitCodes.USAGE;
            }
            err.println("latch: internal error: " + e + " (set LATCH_DEBUG=1 for details, and please report it)");
            debug(err, e);
            return ExitCodes.FAILED;
        });
        commandLine.setParameterExceptionHandler((ParameterException e, String[] args) -> {
            CommandLine cmd = e.getCommandLine();
            cmd.getErr().println("latch " + qualifiedName(cmd) + ": " + e.getMessage().replace('\n', ' ')
                    + " (see 'latch " + qualifiedName(cmd) + " --help')");
            return ExitCodes.USAGE;
        });
        return commandLine;
    }

    private static String qualifiedName(CommandLine cmd) {
        String full = cmd.getCommandSpec().qualifiedName(" ");
        return full.startsWith("latch ") ? full.substring("latch ".length()) : full.equals("latch") ? "" : full;
    }

    private static void debug(PrintWriter err, Exception e) {
        if (System.getenv("LATCH_DEBUG") != null) {
            e.printStackTrace(err);
        }
    }
}
