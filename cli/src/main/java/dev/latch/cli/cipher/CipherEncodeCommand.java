package dev.latch.cli.cipher;

import dev.latch.cli.support.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "encode",
        mixinStandardHelpOptions = true,
        description = {"Encode a text with a classic cipher and key: plaintext in, ciphertext out."},
        footer = {"", "Example:", "  ${env:LATCH_COMMAND:-latch} cipher encode --cipher vigenere --key lemon 'attack at dawn'   # lxfopv ef rnhr"})
public final class CipherEncodeCommand implements Callable<Integer> {
    @Mixin
    KeyedCipherOptions options;

    @Override
    public Integer call() {
        var cipher = options.cipher();
        options.print(cipher.encode(options.text.read()));
        return ExitCodes.OK;
    }
}
