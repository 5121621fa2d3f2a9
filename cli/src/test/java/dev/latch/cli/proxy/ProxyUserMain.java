package dev.latch.cli.proxy;

import dev.latch.cli.Main;
import dev.latch.cli.support.Converters;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * {@code latch proxy user …} with {@code latch}'s error handling, under a stand-in for
 * {@code latch proxy} (whose real command is written elsewhere); a main for tests that need a
 * process of their own, such as one on a terminal.
 */
final class ProxyUserMain {
    @Command(name = "proxy", subcommands = ProxyUserCommand.class)
    static final class ProxyParent {
    }

    private ProxyUserMain() {
    }

    static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine latch = Main.commandLine();
        CommandLine proxy = new CommandLine(new ProxyParent());
        Converters.register(proxy);
        proxy.setExecutionExceptionHandler(latch.getExecutionExceptionHandler());
        proxy.setParameterExceptionHandler(latch.getParameterExceptionHandler());
        proxy.setOut(out);
        proxy.setErr(err);
        return proxy.execute(args);
    }

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }
}
