package dev.latch.cli.cipher;

import dev.latch.cli.support.CommandGroup;
import picocli.CommandLine.Command;

@Command(name = "cipher",
        mixinStandardHelpOptions = true,
        description = {
                "Classic ciphers, the enumeration attack on them, and the N² key problem.",
                "",
                "Rotate-by-N, a keyed substitution and Vigenère over any alphabet (Latin a-z by "
                        + "default, case kept). Characters outside the alphabet pass through unchanged, so "
                        + "Hangul in a Latin text (or Latin in a Hangul one) is untouched.",
                "",
                "'crack' tries keys and ranks what they decode to by how much it looks like English "
                        + "(built in) or a language you give a table of ('table' counts one).",
                "",
                "Ciphers to learn from: none of them protects anything."},
        subcommands = {CipherEncodeCommand.class, CipherDecodeCommand.class, CipherCrackCommand.class,
                CipherKeysCommand.class, CipherTableCommand.class},
        footer = {"", "Typical use:",
                "  ${env:LATCH_COMMAND:-latch} cipher encode --cipher rot --key 3 'meet me at noon'",
                "  ${env:LATCH_COMMAND:-latch} cipher crack --cipher rot 'phhw ph dw qrrq'",
                "  ${env:LATCH_COMMAND:-latch} cipher keys 10 100 1000"})
public final class CipherCommand extends CommandGroup {
}
