package dev.latch.cli.cipher;

import dev.latch.core.LatchException;
import dev.latch.core.io.Inputs;
import picocli.CommandLine.Parameters;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The text a cipher command works on: its words on the command line, or standard input for {@code -}. */
public final class TextInput {
    @Parameters(arity = "1..*", paramLabel = "TEXT",
            description = "The text (several words are joined with spaces), or - to read standard input (UTF-8).")
    List<String> words;

    /** Whether the text comes from standard input (and so ends with its own line break, if any). */
    boolean fromStandardInput() {
        return words.size() == 1 && words.getFirst().equals("-");
    }

    String read() {
        return fromStandardInput() ? utf8(Inputs.read(System.in, "standard input"), "standard input") : String.join(" ", words);
    }

    static String utf8(byte[] bytes, String source) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new LatchException(source + ": not UTF-8 text", "convert it first, such as with iconv -t UTF-8");
        }
    }

    static String utf8(InputStream in, String source) {
        return utf8(Inputs.read(in, source), source);
    }
}
