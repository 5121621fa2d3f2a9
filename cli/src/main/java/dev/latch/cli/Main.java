package dev.latch.cli;

import dev.latch.cli.support.ExitCodes;
import dev.latch.cli.support.CommandName;
import dev.latch.cli.support.Converters;
import dev.latch.core.LatchException;
import dev.latch.core.Spelling;
import dev.latch.core.UsageException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;
import java.util.Collection;
import java.util.List;

/** Entry point of the {@code latch} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs one command line with the given output streams; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = commandLine(LatchCommand.subcommandsFor(args));
        commandLine.setOut(out);
        commandLine.setErr(err);
        return commandLine.execute(args);
    }

    /** The whole command tree, every subcommand built. */
    public static CommandLine commandLine() {
        return commandLine(LatchCommand.SUBCOMMANDS.values());
    }

    private static CommandLine commandLine(Collection<Class<?>> subcommands) {
        CommandLine commandLine = new CommandLine(new LatchCommand());
        for (Class<?> subcommand : subcommands) {
            commandLine.addSubcommand(subcommand);
        }
        // after the subcommands: picocli hands the converters and settings down to those it has
        Converters.register(commandLine);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        // an argument starting with @ is a value, not picocli's argument file: curl's -d @FILE, get -w @FILE
        commandLine.setExpandAtFiles(false);
        commandLine.setExecutionExceptionHandler(new ExecutionErrors());
        commandLine.setParameterExceptionHandler(new ParameterErrors());
        return commandLine;
    }

    // The two handlers are classes, not lambdas: the launcher's class-data archive cannot hold a
    // lambda of an interface from picocli's Java 5 class files, and making one at run time costs
    // more start-up time than the rest of a short command.

    /** A failure while a command runs: one line for people, the stack trace only with LATCH_DEBUG. */
    private static final class ExecutionErrors implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parseResult) {
            PrintWriter err = cmd.getErr();
            if (e instanceof UsageException usage) {
                err.println(CommandName.inText(who(cmd) + ": " + usage.oneLine()));
                debug(err, e);
                return ExitCodes.USAGE;
            }
            if (e instanceof LatchException pki) {
                err.println("latch: " + CommandName.inText(pki.oneLine()));
                debug(err, e);
                return ExitCodes.FAILED;
            }
            if (e instanceof IllegalArgumentException illegal) {
                err.println(who(cmd) + ": " + illegal.getMessage() + seeHelp(cmd));
                debug(err, e);
                return ExitCodes.USAGE;
            }
            err.println("latch: internal error: " + e + " (set LATCH_DEBUG=1 for details, and please report it)");
            debug(err, e);
            return ExitCodes.FAILED;
        }
    }

    /** A command line picocli cannot parse: one line that says what is wrong and where to look. */
    private static final class ParameterErrors implements IParameterExceptionHandler {
        @Override
        public int handleParseException(ParameterException e, String[] args) {
            CommandLine cmd = e.getCommandLine();
            String message = e instanceof UnmatchedArgumentException unmatched ? unmatched(unmatched)
                    : e.getMessage().replace('\n', ' ');
            cmd.getErr().println(who(cmd) + ": " + message + seeHelp(cmd));
            return ExitCodes.USAGE;
        }
    }

    /**
     * The first unknown option, or else the first unexpected argument, with picocli's suggestions.
     * Only one: after an unknown option, picocli counts the arguments that follow it as unmatched
     * too, though they are the command's own ({@code verify --hostname x FILE} names no FILE).
     */
    private static String unmatched(UnmatchedArgumentException e) {
        List<String> args = e.getUnmatched();
        String option = args.stream().filter(a -> a.startsWith("-") && a.length() > 1).findFirst().orElse(null);
        String what;
        if (option != null) {
            what = "unknown option '" + option.split("=", 2)[0] + "'";
        } else if (!args.isEmpty() && !e.getCommandLine().getSubcommands().isEmpty()) {
            what = "unknown command '" + args.get(0) + "'";
        } else {
            what = "unexpected argument" + (args.size() > 1 ? "s " : " ") + String.join(" ", args.stream().map(a -> "'" + a + "'").toList());
        }
        List<String> suggestions = e.getSuggestions();
        if (suggestions.isEmpty() && option != null) {
            String nearest = Spelling.nearest(option.split("=", 2)[0],
                    e.getCommandLine().getCommandSpec().optionsMap().keySet());
            suggestions = nearest == null ? List.of() : List.of(nearest);
        }
        return suggestions.isEmpty() ? what
                : what + ": did you mean " + String.join(" or ", suggestions.stream().limit(3).map(s -> "'" + s + "'").toList()) + "?";
    }

    /** "latch serve": who speaks, in an error line. */
    private static String who(CommandLine cmd) {
        String name = qualifiedName(cmd);
        return name.isEmpty() ? "latch" : "latch " + name;
    }

    private static String seeHelp(CommandLine cmd) {
        String name = qualifiedName(cmd);
        return " (see '" + CommandName.get() + (name.isEmpty() ? "" : " " + name) + " --help')";
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
