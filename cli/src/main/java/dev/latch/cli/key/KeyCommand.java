package dev.latch.cli.key;

import dev.latch.cli.support.CommandGroup;
import picocli.CommandLine.Command;

@Command(name = "key",
        mixinStandardHelpOptions = true,
        description = {
                "Make key pairs, and say what a key is.",
                "",
                "The private key you keep, the public key you hand out. Keys are PKCS#8 PEM,",
                "which OpenSSL and Java read; a new private key is encrypted with a passphrase",
                "unless you say otherwise, and always mode 0600."},
        subcommands = {KeyGenerateCommand.class, KeyPublicCommand.class, KeyInspectCommand.class},
        footer = {"", "Typical use:",
                "  ${env:LATCH_COMMAND:-latch} key generate -o me.key        a new EC P-256 key (asks a passphrase)",
                "  ${env:LATCH_COMMAND:-latch} key public me.key -o me.pub   its public key, to hand out",
                "  ${env:LATCH_COMMAND:-latch} key inspect me.key            what it is, how it is encrypted"})
public final class KeyCommand extends CommandGroup {
}
