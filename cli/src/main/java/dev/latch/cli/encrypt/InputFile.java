package dev.latch.cli.encrypt;

import dev.latch.core.LatchException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The file a command streams from, or standard input for {@code -}. */
final class InputFile {
    private InputFile() {
    }

    static String name(String file) {
        return file.equals("-") ? "standard input" : file;
    }

    /** The file's size in bytes, or -1 for standard input or a size that cannot be read. */
    static long size(String file) {
        if (file.equals("-")) {
            return -1;
        }
        try {
            return Files.size(Path.of(file));
        } catch (IOException e) {
            return -1;
        }
    }

    static InputStream open(String file) {
        if (file.equals("-")) {
            return System.in;
        }
        Path path = Path.of(file);
        if (Files.isDirectory(path)) {
            throw new LatchException(file + ": is a directory", "pass a file");
        }
        try {
            return Files.newInputStream(path);
        } catch (NoSuchFileException e) {
            throw new LatchException(file + ": no such file", "check the path");
        } catch (AccessDeniedException e) {
            throw new LatchException(file + ": permission denied", "check the file's permissions");
        } catch (IOException e) {
            throw new LatchException(file + ": cannot read: " + e.getMessage(), "check the file's permissions");
        }
    }
}
