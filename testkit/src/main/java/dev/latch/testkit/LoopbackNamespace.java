package dev.latch.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A Linux network namespace of its own with only the loopback interface up: whatever runs inside
 * can reach 127.0.0.1 and ::1 of the namespace and nothing else, so a test whose subject might
 * connect somewhere it should not (a proxy asked for a private or public address, Chromium calling
 * home) cannot send a packet off this machine. A connection to any other address fails at once
 * with "Network is unreachable".
 *
 * <p>The namespace's loopback is not the test's: a server started inside is reachable only from
 * inside, so the client, the subject and its upstream all run in it, as child processes
 * ({@link #command}, {@link #java}). Creating a namespace needs root and the {@code ip} program
 * (iproute2); without them the test is skipped as for a missing {@link Peers peer}, or fails under
 * {@code LATCH_REQUIRE_PEERS=1}.
 *
 * <pre>{@code
 * try (LoopbackNamespace ns = LoopbackNamespace.create()) {
 *     ProcessRun run = ns.run(dir, "curl", "-sS", "http://10.255.255.1/");  // fails: unreachable
 *     try (PeerProcess proxy = PeerProcess.command(ns.java("-Dx=y", Main.class.getName()))
 *             .readiness(ns.listening(port)).start()) { ... }
 * }
 * }</pre>
 */
public final class LoopbackNamespace implements AutoCloseable {
    /** What a missing capability is recorded as, in the list of skipped peers. */
    static final String PEER = "ip netns";
    private static final Duration IP_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    private final Path ip;
    private final String name;

    private LoopbackNamespace(Path ip, String name) {
        this.ip = ip;
        this.name = name;
    }

    /** A new namespace {@code latch-<random>} with {@code lo} up; skips the test where it cannot be made. */
    public static LoopbackNamespace create() {
        return create(System.getenv());
    }

    static LoopbackNamespace create(Map<String, String> environment) {
        Path ip = Peers.require("ip", environment);
        if (!root()) {
            return Peers.unavailable(PEER, "network namespaces need root", "(this test runs as another user)",
                    "run the tests as root", environment);
        }
        byte[] random = new byte[5];
        new SecureRandom().nextBytes(random);
        String name = "latch-" + HexFormat.of().formatHex(random);
        ProcessRun added = ip(ip, "netns", "add", name);
        if (added.exitCode() != 0) {
            if (added.err().contains("Operation not permitted") || added.err().contains("Permission denied")) {
                return Peers.unavailable(PEER, "cannot create a network namespace here: " + added.err().strip(),
                        "(root without CAP_SYS_ADMIN?)", "run the tests where root may create network namespaces",
                        environment);
            }
            added.ok();
        }
        LoopbackNamespace namespace = new LoopbackNamespace(ip, name);
        try {
            ip(ip, "netns", "exec", name, ip.toString(), "link", "set", "lo", "up").ok();
        } catch (AssertionError e) {
            namespace.close();
            throw e;
        }
        return namespace;
    }

    private static boolean root() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static ProcessRun ip(Path ip, String... args) {
        List<String> command = new ArrayList<>(List.of(ip.toString()));
        command.addAll(List.of(args));
        return ProcessRunner.in(Path.of(".")).timeout(IP_TIMEOUT).run(command);
    }

    /** Its name, as {@code ip netns list} shows it. */
    public String name() {
        return name;
    }

    /** {@code command} as a command line that runs it inside (for {@link ProcessRunner} or {@link PeerProcess}). */
    public List<String> command(List<String> command) {
        List<String> inside = new ArrayList<>(List.of(ip.toString(), "netns", "exec", name));
        inside.addAll(command);
        return inside;
    }

    public List<String> command(String... command) {
        return command(List.of(command));
    }

    /**
     * A JVM inside, with this JVM's java and class path (so a test's own {@code main} classes run
     * there): {@code java -cp CLASSPATH ARGS}, where {@code args} are JVM options, then the main class
     * and its arguments.
     */
    public List<String> java(String... args) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path")));
        command.addAll(List.of(args));
        return command(command);
    }

    /** Runs {@code program ARGS} (a {@linkplain Peers#require required} peer) inside, to its end, in {@code dir}. */
    public ProcessRun run(Path dir, String program, String... args) {
        return ProcessRunner.in(dir).run(command(Peers.command(program, List.of(args))));
    }

    /** Ready once a TCP connection to {@code port} on 127.0.0.1 inside this namespace succeeds. */
    public Readiness listening(int port) {
        return new Readiness.ListeningInside(this, port);
    }

    /** Whether something inside accepts TCP connections on 127.0.0.1:{@code port} now. */
    boolean accepts(int port) {
        return ProcessRunner.in(Path.of(".")).timeout(PROBE_TIMEOUT)
                .run(command("bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/" + port)).exitCode() == 0;
    }

    /**
     * Deletes the namespace. Processes still inside keep running (end them first); with the last of
     * them the kernel removes the namespace's interfaces.
     */
    @Override
    public void close() {
        ip(ip, "netns", "delete", name).ok();
    }
}
