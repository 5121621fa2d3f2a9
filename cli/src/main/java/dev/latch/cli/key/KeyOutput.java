package dev.latch.cli.key;

import dev.latch.core.LatchException;
import dev.latch.core.UsageException;
import dev.latch.core.io.AtomicFiles;
import dev.latch.core.io.AtomicFiles.FileContent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/** Where {@code latch key} writes: whole files (a private key 0600 from its creation), never over an existing one without --force. */
final class KeyOutput {
    private KeyOutput() {
    }

    /** Checked before any work (a passphrase asked, a key made) that a refusal would waste. */
    static void checkWritable(Path path, boolean force) {
        if (Files.isDirectory(path)) {
            throw new UsageException(path + ": is a directory", "give the file to write, e.g. -o " + path.resolve("key.pem"));
        }
        if (!force && Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new LatchException(path + ": already exists; refusing to overwrite it",
                    "pass --force to replace it, or choose another name");
        }
    }

    /** Whether the two paths name one existing file (through links too). */
    static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    static void write(Path path, String pem, boolean secret, boolean force) {
        checkWritable(path, force);
        AtomicFiles.writeAll(List.of(new FileContent(path, pem.getBytes(StandardCharsets.US_ASCII), secret)), force);
    }
}
