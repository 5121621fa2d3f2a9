package dev.latch.cli.cipher;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "decode",
        mixinStandardHelpOptions = true,
        description = {"Decode a text with a classic cipher and its key."},
        footer = {"", "Example:", "  ${env:LATCH_COMMAND:-latch} cipher decode --cipher rot --key 3 'phhw ph dw qrrq'",
                "  meet me at noon"})
public final class CipherDecodeCommand implements Callable<Integer> {
    @Mixin
    KeyedCipherOptions options;

    @Override
    public Integer call() {
        return options.run(false);
    }
}
