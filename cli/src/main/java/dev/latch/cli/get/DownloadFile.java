package dev.latch.cli.get;

import dev.latch.client.failure.ClientFailure;
import dev.latch.client.failure.FailureKind;
import dev.latch.core.LatchException;
import dev.latch.core.io.AtomicFiles;

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
 * renamed over the target only when the exchange succeeded, and removed otherwise. A symbolic link
 * is followed (the file it points to is replaced, the link stays); a target that exists but is no
 * regular file ({@code /dev/null}, a named pipe) is written directly, never replaced.
 */
final class DownloadFile {
    private final Path target;
    private final Path file;
    private final boolean direct;
    private Path temp;
    private FileChannel channel;
    private OutputStream stream;

    /** @throws ClientFailure (23) when the target's directory does not exist, before anything is sent */
    DownloadFile(Path target) {
        this.target = target.toAbsolutePath();
        this.file = resolved(this.target);
        this.direct = Files.exists(file) && !Files.isRegularFile(file);
        if (!Files.isDirectory(file.getParent())) {
            throw new ClientFailure(FailureKind.WRITE_ERROR, "cannot write " + this.target + ": the directory "
                    + file.getParent() + " does not exist", "create it, or choose another file with -o");
        }
    }

    /** The file a link points to (when it exists), so that the rename replaces the file, not the link. */
    private static Path resolved(Path path) {
        try {
            return Files.isSymbolicLink(path) && Files.exists(path) ? path.toRealPath() : path;
        } catch (IOException e) {
            return path;
        }
    }

    Path target() {
        return target;
    }

    /** A fresh temporary file (dropping one opened before, for an earlier response); the target itself when it is no regular file. */
    OutputStream open() throws IOException {
        abort();
        if (direct) {
            stream = Files.newOutputStream(file, StandardOpenOption.WRITE);
            return stream;
        }
        temp = Files.createTempFile(file.getParent(), "." + file.getFileName() + ".", ".tmp");
        channel = FileChannel.open(temp, StandardOpenOption.WRITE);
        stream = Channels.newOutputStream(channel);
        return stream;
    }

    boolean opened() {
        return stream != null;
    }

    /** Puts the complete body in place. */
    void commit() {
        if (stream == null) {
            return;
        }
        try {
            if (direct) {
                stream.close();
            } else {
                channel.force(true);
                channel.close();
                AtomicFiles.replace(temp, file);
                AtomicFiles.syncDirectory(file.getParent());
            }
            temp = null;
            stream = null;
        } catch (IOException | LatchException e) {
            abort();
            throw new ClientFailure(FailureKind.WRITE_ERROR, "cannot write " + target + ": " + e.getMessage(),
                    "check that the directory is writable and has room");
        }
    }

    /** Removes what was written; the target is left as it was (what went to a device or pipe is gone). */
    void abort() {
        if (stream == null) {
            return;
        }
        try {
            stream.close();
        } catch (IOException ignored) {
            // the file goes anyway
        }
        stream = null;
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // a leftover .tmp never shadows the target, and a later write removes it once stale
        }
        temp = null;
    }
}
