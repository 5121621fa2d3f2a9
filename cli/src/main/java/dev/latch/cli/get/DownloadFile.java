package dev.latch.cli.get;

import dev.latch.client.ClientFailure;
import dev.latch.client.FailureKind;
import dev.latch.core.io.AtomicFiles;
import dev.latch.core.LatchException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The {@code -o} file, never seen half-written: the body goes to a temporary file beside the
 * target ({@code .NAME.DIGITS.tmp}, the form {@link AtomicFiles} cleans up after a crash), which is
 * renamed over the target only when the exchange succeeded, and removed otherwise.
 */
final class DownloadFile {
    private final Path target;
    private Path temp;
    private FileChannel channel;

    /** @throws ClientFailure (23) when the target's directory does not exist, before anything is sent */
    DownloadFile(Path target) {
        this.target = target.toAbsolutePath();
        if (!Files.isDirectory(this.target.getParent())) {
            throw new ClientFailure(FailureKind.WRITE_ERROR, "cannot write " + this.target + ": the directory "
                    + this.target.getParent() + " does not exist", "create it, or choose another file with -o");
        }
    }

    Path target() {
        return target;
    }

    /** A fresh temporary file (dropping one opened before, for an earlier response). */
    OutputStream open() throws IOException {
        abort();
        temp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
        channel = FileChannel.open(temp, StandardOpenOption.WRITE);
        return Channels.newOutputStream(channel);
    }

    boolean opened() {
        return temp != null;
    }

    /** Puts the complete body in place. */
    void commit() {
        if (temp == null) {
            return;
        }
        try {
            channel.force(true);
            channel.close();
            AtomicFiles.replace(temp, target);
            AtomicFiles.syncDirectory(target.getParent());
            temp = null;
        } catch (IOException | LatchException e) {
            abort();
            throw new ClientFailure(FailureKind.WRITE_ERROR, "cannot write " + target + ": " + e.getMessage(),
                    "check that the directory is writable and has room");
        }
    }

    /** Removes what was written; the target is left as it was. */
    void abort() {
        if (temp == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // the file goes anyway
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // a leftover .tmp never shadows the target, and a later write removes it once stale
        }
        temp = null;
    }
}
