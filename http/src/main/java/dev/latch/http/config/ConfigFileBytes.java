package dev.latch.http.config;

import dev.latch.core.LatchException;
import dev.latch.core.UsageException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The bytes of a file given to {@code --config}, read with a bound. */
public final class ConfigFileBytes {
    /** Far more than any real configuration. */
    static final int MAX_BYTES = 1024 * 1024;
    private static final String HINT = "check the path given to --config";

    private ConfigFileBytes() {
    }

    public static byte[] read(Path file) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1); // bounded: the path may be a device or a pipe that never ends
        } catch (NoSuchFileException e) {
            throw new LatchException(file + ": no such file", HINT);
        } catch (IOException e) {
            throw new LatchException(file + ": cannot read: " + e.getMessage(), HINT);
        }
        if (bytes.length > MAX_BYTES) {
            throw new UsageException(file + ": larger than " + MAX_BYTES / 1024 + " KiB, too large for a configuration", HINT);
        }
        return bytes;
    }
}
