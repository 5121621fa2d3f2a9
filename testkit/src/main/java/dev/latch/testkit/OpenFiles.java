package dev.latch.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** The descriptors this process holds open, as the kernel lists them in /proc/self/fd (Linux). */
public final class OpenFiles {
    private OpenFiles() {
    }

    /** Those open on {@code file}. */
    public static List<Path> descriptorsOn(Path file) throws IOException {
        return descriptors(target -> target.equals(file));
    }

    /** Those that are sockets (TCP, UDP, Unix: the kernel names them {@code socket:[INODE]}). */
    public static List<Path> sockets() throws IOException {
        return descriptors(target -> target.toString().startsWith("socket:"));
    }

    private static List<Path> descriptors(Predicate<Path> target) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return target.test(Files.readSymbolicLink(fd));
                } catch (IOException gone) {
                    return false; // closed while the folder was listed
                }
            }).toList();
        }
    }
}
