package dev.latch.core.io;

import dev.latch.core.LatchException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads whole inputs with bounded size and errors that name the file. */
public final class Inputs {
    /** Certificates, keys and CRLs are small; anything larger than this is not what the user meant. */
    public static final int MAX_BYTES = 64 * 1024 * 1024;

    private Inputs() {
    }

    /**
     * The whole content of a file, read through a bounded stream: a device or a pipe reports a size
     * of 0 and may never end ({@code /dev/zero}, a FIFO), so the size the file system reports is no guide.
     */
    public static byte[] read(Path path) {
        try (InputStream in = open(path)) {
            return read(in, path.toString());
        } catch (IOException e) {
            throw cannotRead(path, e);
        }
    }

    /** The file opened for reading as a stream (of any size); what keeps it from being read is one line naming it. */
    public static InputStream open(Path path) {
        if (Files.isDirectory(path)) {
            throw new LatchException(path + ": is a directory", "pass a file");
        }
        try {
            return Files.newInputStream(path);
        } catch (IOException e) {
            throw cannotRead(path, e);
        }
    }

    /** What an error while opening or reading {@code path} means, in one line. */
    public static LatchException cannotRead(Path path, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new LatchException(path + ": no such file", "check the path");
        }
        if (e instanceof AccessDeniedException) {
            return new LatchException(path + ": permission denied", "check the file's permissions");
        }
        return new LatchException(path + ": cannot read: " + e.getMessage(), "check the file's permissions");
    }

    public static byte[] read(InputStream in, String source) {
        try {
            byte[] data = in.readNBytes(MAX_BYTES + 1);
            if (data.length > MAX_BYTES) {
                throw new LatchException(source + ": more than " + (MAX_BYTES >> 20) + " MiB, too large for a certificate, key or CRL",
                        "pass the certificate, key or CRL file itself (not a device or an endless stream)");
            }
            return data;
        } catch (IOException e) {
            throw new LatchException(source + ": cannot read: " + e.getMessage());
        }
    }
}
