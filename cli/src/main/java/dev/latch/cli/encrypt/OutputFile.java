package dev.latch.cli.encrypt;

import dev.latch.core.LatchException;
import dev.latch.core.io.AtomicFiles;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;

/**
 * A streamed output written to a temporary file beside its target (mode 0600 from the start), and
 * renamed over the target only by {@link #commit()}: a decryption that fails half-way (a changed
 * tag, a cut message) leaves nothing under the target's name. Closing without committing removes it.
 */
final class OutputFile implements AutoCloseable {
    private final Path target;
    private final Path temp;
    private final OutputStream stream;
    /** Removes the temporary file when the process is stopped (Ctrl-C, kill) before the end. */
    private final Thread removeOnExit;
    private boolean committed;

    private OutputFile(Path target, Path temp, FileChannel channel) {
        this.target = target;
        this.temp = temp;
        this.stream = new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024);
        this.removeOnExit = new Thread(this::removeTemp, "remove " + temp.getFileName());
        Runtime.getRuntime().addShutdownHook(removeOnExit);
    }

    static OutputFile create(Path target) {
        if (Files.isDirectory(target)) {
            throw new LatchException(target + " is a directory", "give -o the name of a file to write");
        }
        Path absolute = target.toAbsolutePath();
        if (!Files.isDirectory(absolute.getParent())) {
            throw new LatchException("cannot write " + target + ": its directory does not exist", "create it first");
        }
        // digits only: AtomicFiles removes such files when a killed run left them behind
        Path temp = AtomicFiles.tempFor(absolute, Long.toString(new SecureRandom().nextLong() & Long.MAX_VALUE));
        try {
            FileChannel channel;
            try {
                channel = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            }
            return new OutputFile(target, temp, channel);
        } catch (IOException e) {
            throw new LatchException("cannot write " + target + ": " + e.getMessage(), "check that the directory is writable", e);
        }
    }

    /** Where to write; closing it finishes the writing, {@link #commit()} then puts the file in place. */
    OutputStream stream() {
        return stream;
    }

    /** Flushes the file to disk and renames it over the target. */
    void commit() {
        try {
            stream.close();
            try (FileChannel sync = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                sync.force(true);
            }
        } catch (IOException e) {
            throw new LatchException("cannot write " + target + ": " + e.getMessage(), "check the free space", e);
        }
        AtomicFiles.replace(temp, target.toAbsolutePath());
        AtomicFiles.syncDirectory(target.toAbsolutePath().getParent());
        committed = true;
        forgetHook();
    }

    @Override
    public void close() {
        if (committed) {
            return;
        }
        try {
            stream.close();
        } catch (IOException ignored) {
            // the file is removed below all the same
        }
        removeTemp();
        forgetHook();
    }

    private void forgetHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(removeOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway, and finds nothing left to remove
        }
    }

    private void removeTemp() {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // best effort: a leftover has a hidden temporary name and mode 0600
        }
    }
}
