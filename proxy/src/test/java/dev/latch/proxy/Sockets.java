package dev.latch.proxy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * This process's open TCP sockets (Linux /proc/self/fd and /proc/net/tcp*), to show none is left
 * behind. Unix sockets are not counted: the C library may keep one to a name service.
 */
final class Sockets {
    private Sockets() {
    }

    /**
     * What every test class with a running proxy checks at its end: no connection left open while it
     * runs (only its listeners), none at all once it closed, no buffer leaked.
     */
    static void assertCleanAfter(ForwardProxy proxy, Set<String> before) throws IOException, InterruptedException {
        org.assertj.core.api.Assertions.assertThat(leftBeyond(before, true)).as("connections left open").isEmpty();
        proxy.close(java.time.Duration.ofSeconds(1));
        org.assertj.core.api.Assertions.assertThat(leftBeyond(before)).as("sockets left open after the proxy closed")
                .isEmpty();
        org.assertj.core.api.Assertions.assertThat(LeakRecorder.active()).as("leak detection runs (see the pom)")
                .isTrue();
        org.assertj.core.api.Assertions.assertThat(LeakRecorder.leaks()).as("buffers leaked").isEmpty();
    }

    /** The inodes of the open sockets, as "socket:[N]". */
    static Set<String> open() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.map(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString();
                } catch (IOException gone) {
                    return "";
                }
            }).filter(link -> link.startsWith("socket:") && tcpLine(link) != null).collect(Collectors.toSet());
        }
    }

    /** How many of this process's TCP sockets are still connecting (SYN_SENT) to {@code port}. */
    static long connectingTo(int port) throws IOException {
        String remote = String.format(":%04X", port);
        return open().stream().map(Sockets::tcpLine).filter(line -> {
            String[] fields = line.split("\\s+");
            return fields[2].endsWith(remote) && fields[3].equals("02");
        }).count();
    }

    /** The socket's line in /proc/net/tcp or tcp6 (addresses, state), or null when it is no TCP socket. */
    private static String tcpLine(String socket) {
        String inode = " " + socket.substring(8, socket.length() - 1) + " ";
        for (String file : List.of("tcp", "tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/net", file))) {
                    if (line.contains(inode)) {
                        return line.trim();
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return null;
    }

    /**
     * Waits (up to 10 s) until no socket but those in {@code before} is open; returns the sockets
     * still open beyond them, each with its line from /proc/net (what it is and where it goes).
     */
    static List<String> leftBeyond(Set<String> before) throws IOException, InterruptedException {
        return leftBeyond(before, false);
    }

    /** As {@link #leftBeyond(Set)}, not counting listening sockets when {@code listening} is true. */
    static List<String> leftBeyond(Set<String> before, boolean exceptListening) throws IOException, InterruptedException {
        Set<String> extra = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            extra = new HashSet<>(open());
            extra.removeAll(before);
            if (exceptListening) {
                extra.removeIf(socket -> tcpLine(socket) == null || tcpLine(socket).split("\\s+")[3].equals("0A"));
            }
            if (extra.isEmpty()) {
                return List.of();
            }
            Thread.sleep(50);
        }
        return extra.stream().map(socket -> socket + " " + tcpLine(socket)).toList();
    }
}
