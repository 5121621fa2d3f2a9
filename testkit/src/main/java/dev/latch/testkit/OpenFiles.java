package dev.latch.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The descriptors this process holds open on a file, as the kernel lists them in /proc/self/fd (Linux). */
public final class OpenFiles {
    private OpenFiles() {
    }

    public static List<Path> descriptorsOn(Path file) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).equals(file);
                } catch (IOException gone) {
                    return false; // closed while the folder was listed
                }
            }).toList();
        }
    }
}
