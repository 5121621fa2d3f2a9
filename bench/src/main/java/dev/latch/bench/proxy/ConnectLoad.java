package dev.latch.bench.proxy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The load client of {@code bench/run-proxy.sh}: opens CONNECT tunnels through a forward proxy
 * with plain NIO, one selector thread, no per-connection thread and no allocation per tunnel
 * beyond the channel and one small buffer, so that on loopback it is not what limits the rate.
 *
 * <pre>
 * rate PROXY TARGET CONCURRENCY WARMUP_S MEASURE_S [PID]
 *     CONCURRENCY connections at a time, each CONNECT TARGET -> "HTTP/1.x 200" -> close, again and
 *     again; WARMUP_S seconds not counted (both JVMs warm up), then MEASURE_S seconds counted.
 *     Prints "setups N seconds S rate R errors E cpu_ticks T client_ticks C" (T: utime+stime of
 *     PID over the measured seconds, from /proc/PID/stat, -1 without PID; C: this client's own).
 * hold PROXY TARGET COUNT UNTIL_FILE MAX_S
 *     Opens COUNT tunnels (at most 256 being set up at once), prints "holding N" once all are
 *     established, keeps them open and idle until UNTIL_FILE exists (or MAX_S seconds), closes them
 *     and prints "closed".
 * </pre>
 */
public final class ConnectLoad {
    private static final int SETTING_UP_AT_ONCE = 256;
    /**
     * Connections come from 127.0.0.1 to 127.0.0.64 in turn, as from 64 clients: a proxy's limit of
     * tunnels per client address (Latch: 256 by default) then does not cap the idle tunnels, and
     * the client's ports in TIME_WAIT are spread over 64 addresses.
     */
    private static final int SOURCES = 64;

    private final InetSocketAddress proxy;
    private final ByteBuffer request;
    private final Selector selector;
    private long sourceTurn;
    private long established;
    private long errors;
    private String firstError;

    private ConnectLoad(InetSocketAddress proxy, String target) throws IOException {
        this.proxy = proxy;
        this.request = ByteBuffer.wrap(("CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII)).asReadOnlyBuffer();
        this.selector = Selector.open();
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: ConnectLoad rate PROXY TARGET CONCURRENCY WARMUP_S MEASURE_S [PID]"
                    + " | hold PROXY TARGET COUNT UNTIL_FILE MAX_S");
            System.exit(2);
        }
        ConnectLoad load = new ConnectLoad(address(args[1]), args[2]);
        switch (args[0]) {
            case "rate" -> load.rate(Integer.parseInt(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]),
                    args.length > 6 ? Long.parseLong(args[6]) : -1);
            case "hold" -> load.hold(Integer.parseInt(args[3]), Path.of(args[4]), Integer.parseInt(args[5]));
            default -> throw new IllegalArgumentException("mode rate or hold, not " + args[0]);
        }
    }

    private static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    private void rate(int concurrency, int warmupSeconds, int measureSeconds, long pid) throws IOException {
        for (int i = 0; i < concurrency; i++) {
            open();
        }
        long warmEnd = System.nanoTime() + warmupSeconds * 1_000_000_000L;
        run(warmEnd, true);
        long before = established;
        long errorsBefore = errors;
        long cpuBefore = cpuTicks(pid);
        long self = ProcessHandle.current().pid();
        long selfBefore = cpuTicks(self);
        long start = System.nanoTime();
        run(start + measureSeconds * 1_000_000_000L, true);
        double seconds = (System.nanoTime() - start) / 1e9;
        long cpu = pid < 0 ? -1 : cpuTicks(pid) - cpuBefore;
        long client = cpuTicks(self) - selfBefore;
        long setups = established - before;
        System.out.printf(Locale.ROOT, "setups %d seconds %.3f rate %.1f errors %d cpu_ticks %d client_ticks %d%n",
                setups, seconds, setups / seconds, errors - errorsBefore, cpu, client);
        if (firstError != null) {
            System.out.println("first error: " + firstError);
        }
        closeAll();
    }

    private void hold(int count, Path untilFile, int maxSeconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
        int opened = 0;
        while (established < count && System.nanoTime() < deadline) {
            while (opened - established - errors < SETTING_UP_AT_ONCE && opened < count) {
                open();
                opened++;
            }
            step(false, deadline);
            if (errors > count / 100 + 10) {
                break;
            }
        }
        System.out.println("holding " + established + " errors " + errors + (firstError == null ? "" : " first error: " + firstError));
        System.out.flush();
        while (!Files.exists(untilFile) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        closeAll();
        System.out.println("closed");
    }

    private void run(long until, boolean again) throws IOException {
        while (System.nanoTime() < until) {
            step(again, until);
        }
    }

    /** One select round; with {@code again}, each finished tunnel is closed and replaced by a new one. */
    private void step(boolean again, long until) throws IOException {
        long waitMs = Math.max(1, Math.min(100, (until - System.nanoTime()) / 1_000_000));
        selector.select(waitMs);
        for (SelectionKey key : selector.selectedKeys()) {
            Tunnel tunnel = (Tunnel) key.attachment();
            boolean ended;
            try {
                ended = tunnel.advance(key);
            } catch (IOException e) {
                failed(e.toString());
                ended = true;
                tunnel.close();
            }
            if (ended && (again || tunnel.state != State.OPEN)) {
                tunnel.close();
            }
            if (ended && again) {
                open();
            }
        }
        selector.selectedKeys().clear();
    }

    private void open() throws IOException {
        SocketChannel channel = SocketChannel.open();
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        try {
            channel.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (1 + sourceTurn++ % SOURCES)}), 0));
            boolean now = channel.connect(proxy);
            Tunnel tunnel = new Tunnel(channel);
            channel.register(selector, now ? SelectionKey.OP_WRITE : SelectionKey.OP_CONNECT, tunnel);
            if (now) {
                tunnel.state = State.WRITING;
            }
        } catch (IOException e) {
            failed(e.toString());
            channel.close();
        }
    }

    private void failed(String what) {
        errors++;
        if (firstError == null) {
            firstError = what;
        }
    }

    private void closeAll() throws IOException {
        for (SelectionKey key : selector.keys()) {
            key.channel().close();
        }
        selector.selectNow();
    }

    /** utime + stime of a process, in clock ticks (/proc/PID/stat fields 14 and 15). */
    static long cpuTicks(long pid) throws IOException {
        if (pid < 0) {
            return 0;
        }
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private enum State { CONNECTING, WRITING, READING, OPEN }

    /** One tunnel being set up: connect, write the CONNECT request, read the response head. */
    private final class Tunnel {
        private final SocketChannel channel;
        private final ByteBuffer out = request.duplicate();
        private final ByteBuffer in = ByteBuffer.allocate(512);
        private State state = State.CONNECTING;

        Tunnel(SocketChannel channel) {
            this.channel = channel;
        }

        /** True once this tunnel is done with: established (counted) or refused (an error). */
        boolean advance(SelectionKey key) throws IOException {
            switch (state) {
                case CONNECTING -> {
                    if (!channel.finishConnect()) {
                        return false;
                    }
                    state = State.WRITING;
                    key.interestOps(SelectionKey.OP_WRITE);
                    return advance(key);
                }
                case WRITING -> {
                    channel.write(out);
                    if (out.hasRemaining()) {
                        return false;
                    }
                    state = State.READING;
                    key.interestOps(SelectionKey.OP_READ);
                    return false;
                }
                case READING -> {
                    if (channel.read(in) < 0) {
                        failed("the proxy closed the connection before the end of its answer");
                        return true;
                    }
                    String head = new String(in.array(), 0, in.position(), StandardCharsets.ISO_8859_1);
                    int end = head.indexOf("\r\n\r\n");
                    if (end < 0) {
                        if (!in.hasRemaining()) {
                            failed("answer head longer than 512 bytes: " + head.lines().findFirst().orElse(""));
                            return true;
                        }
                        return false;
                    }
                    if (!head.startsWith("HTTP/1.1 200") && !head.startsWith("HTTP/1.0 200")) {
                        failed("answer: " + head.lines().findFirst().orElse(""));
                        return true;
                    }
                    established++;
                    state = State.OPEN;
                    // an idle tunnel: nothing more to read until the other side closes
                    key.interestOps(SelectionKey.OP_READ);
                    return true;
                }
                case OPEN -> {
                    in.clear();
                    if (channel.read(in) < 0) {
                        failed("the proxy closed an idle tunnel");
                        close();
                    }
                    return false;
                }
                default -> throw new IllegalStateException(state.toString());
            }
        }

        void close() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing a socket that is gone already
            }
        }
    }
}
