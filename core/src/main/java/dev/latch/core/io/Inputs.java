package dev.latch.core.io;

import dev.latch.core.LatchException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads whole inputs with bounded size and errors that name the file. */
public final class Inputs {
    /** Certificates, keys and CRLs are small; anything larger than this is not what the user meant. */
    public static final int MAX_BYTES = 64 * 1024 * 1024;

    private Inputs() {
    }

    public static byte[] read(Path path) {
        try {
            if (Files.isDirectory(path)) {
                throw new LatchException(path + ": is a directory", "pass a file");
            }
            long size = Files.size(path);
            if (size > MAX_BYTES) {
                throw new LatchException(path + ": " + size + " bytes is too large for a certificate, key or CRL");
            }
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new LatchException(path + ": no such file", "check the path");
        } catch (IOException e) {
            throw new LatchException(path + ": cannot read: " + e.getMessage(), "check the file's permissions");
        }
    }

    public static byte[] read(InputStream in, String source) {
        try {
            byte[] data = in.readNBytes(MAX_BYTES + 1);
            if (data.length > MAX_BYTES) {
                throw new LatchException(source + ": more than " + MAX_BYTES + " bytes; not a certificate, key or CRL");
            }
            return data;
        } catch (IOException e) {
            throw new LatchException(source + ": cannot read: " + e.getMessage());
        }
    }
}
