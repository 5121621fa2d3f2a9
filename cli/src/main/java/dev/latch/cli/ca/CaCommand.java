package dev.latch.cli.ca;

import dev.latch.cli.support.CommandGroup;
import picocli.CommandLine.Command;

@Command(name = "ca",
        mixinStandardHelpOptions = true,
        description = {
                "Run a local certificate authority: root, intermediate and registry.",
                "",
                "A root you trust once, an intermediate that issues certificates, and a registry",
                "(SQLite by default) of every certificate issued."},
        subcommands = {CaInitCommand.class, CaIssueCommand.class, CaSignCommand.class, CaRevokeCommand.class,
                CaCrlCommand.class, CaListCommand.class, CaTrustCommand.class},
        footer = {"", "Typical use:",
                "  ${env:LATCH_COMMAND:-latch} ca init                          create the CA",
                "  ${env:LATCH_COMMAND:-latch} ca trust                         make this machine's browsers, tools and Java trust its root",
                "  ${env:LATCH_COMMAND:-latch} ca issue example.test 127.0.0.1  issue a server certificate"})
public final class CaCommand extends CommandGroup {
}
