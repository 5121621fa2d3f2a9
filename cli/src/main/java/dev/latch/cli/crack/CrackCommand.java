package dev.latch.cli.crack;

import dev.latch.cli.support.CommandGroup;
import picocli.CommandLine.Command;

@Command(name = "crack",
        mixinStandardHelpOptions = true,
        description = {
                "The enumeration attack against a modern cipher, for real.",
                "",
                "Tries every key of a reduced key space, measures the keys per second of this",
                "machine and works out how long larger keys take at that rate (the table of",
                "HTTP: The Definitive Guide, §14.3.1)."},
        subcommands = {CrackAesCommand.class},
        footer = {"", "Start with:  ${env:LATCH_COMMAND:-latch} crack aes  (a planted demo: 2^24 keys)"})
public final class CrackCommand extends CommandGroup {
}
