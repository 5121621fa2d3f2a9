package dev.latch.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Squid (Debian's) as a forward proxy on a free loopback port, with a configuration of the test's
 * own: it lets the loopback clients CONNECT anywhere, caches nothing, writes no files, and finds
 * the test's names in a hosts file of the test's instead of DNS (asking no name server but
 * 127.0.0.1 for any other). Started as root, Squid reads the hosts file as its own user, so the
 * file lies in a folder of its own that others may read, deleted on {@link #close()}. Runs in the foreground as the
 * test's child, ready once its port accepts connections; stops within a second of SIGTERM.
 *
 * <pre>{@code
 * try (SquidProxy squid = SquidProxy.start(Map.of("a.test", "127.0.0.1"))) {
 *     curl -x http://127.0.0.1:squid.port() https://a.test:PORT/
 * }
 * }</pre>
 */
public final class SquidProxy implements AutoCloseable {
    private final PeerProcess process;
    private final int port;
    private final Path dir;

    private SquidProxy(PeerProcess process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /** {@code squid -N -f squid.conf}, resolving the names of {@code hosts} to their addresses. */
    public static SquidProxy start(Map<String, String> hosts) throws InterruptedException {
        Path squid = Peers.require("squid");
        int port = FreePorts.loopback();
        Path dir;
        try {
            dir = Files.createTempDirectory("latch-squid", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwxr-xr-x")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a folder for squid's files: " + e.getMessage(), e);
        }
        Path conf = dir.resolve("squid.conf");
        try {
            Path hostsFile = Files.writeString(dir.resolve("hosts"), hosts.entrySet().stream()
                    .map(host -> host.getValue() + " " + host.getKey() + "\n").collect(Collectors.joining()));
            Files.writeString(conf, """
                    http_port 127.0.0.1:%d
                    http_access allow localhost
                    http_access deny all
                    hosts_file %s
                    dns_nameservers 127.0.0.1
                    cache deny all
                    cache_mem 8 MB
                    pid_filename none
                    access_log none
                    cache_log /dev/null
                    shutdown_lifetime 1 seconds
                    """.formatted(port, hostsFile));
            hostsFile.toFile().setReadable(true, false);
        } catch (IOException e) {
            delete(dir);
            throw new UncheckedIOException("cannot write " + conf + ": " + e.getMessage(), e);
        }
        try {
            // -d 1: what it would log to cache.log goes to standard error instead
            return new SquidProxy(PeerProcess.command(squid.toString(), "-N", "-d", "1", "-f", conf.toString())
                    .name("squid").directory(dir).readiness(Readiness.listening(port)).start(), port, dir);
        } catch (AssertionError | InterruptedException e) {
            delete(dir);
            throw e;
        }
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:PORT}: the proxy URL for clients. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** What it printed, for a failure message. */
    public String output() {
        return process.output();
    }

    @Override
    public void close() throws InterruptedException {
        try {
            process.close();
        } finally {
            delete(dir);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
            Files.delete(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete squid's folder " + dir + ": " + e.getMessage(), e);
        }
    }
}
