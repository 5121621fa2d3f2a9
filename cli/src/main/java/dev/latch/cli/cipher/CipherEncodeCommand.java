package dev.latch.cli.cipher;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "encode",
        mixinStandardHelpOptions = true,
        description = {"Encode a text with a classic cipher and its key."},
        footer = {"", "Example:", "  ${env:LATCH_COMMAND:-latch} cipher encode --cipher vigenere --key lemon 'attack at dawn'",
                "  lxfopv ef rnhr"})
public final class CipherEncodeCommand implements Callable<Integer> {
    @Mixin
    KeyedCipherOptions options;

    @Override
    public Integer call() {
        return options.run(true);
    }
}
