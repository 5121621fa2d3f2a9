package dev.latch.client.connect;

import dev.latch.client.failure.ClientFailure;
import dev.latch.client.failure.FailureKind;
import dev.latch.client.trace.Step;
import dev.latch.client.trace.Trace;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Opens a TCP connection to the first of the addresses that answers, trying each in order, each within the connect timeout. */
public final class TcpConnector {
    private final ClientLoop loop;
    private final Duration timeout;

    public TcpConnector(ClientLoop loop, Duration timeout) {
        this.loop = loop;
        this.timeout = timeout;
    }

    /** @throws ClientFailure CONNECT_FAILED, or TIMEOUT when the last try timed out */
    public Channel connect(List<InetAddress> addresses, int port, Deadline deadline, Trace trace) throws ClientFailure {
        ClientFailure last = null;
        for (InetAddress address : addresses) {
            String shown = address.getHostAddress();
            int millis = (int) Math.max(1, Math.min(timeout.toMillis(), deadline.remaining().toMillis()));
            ChannelFuture attempt = loop.bootstrap().option(ChannelOption.CONNECT_TIMEOUT_MILLIS, millis)
                    .connect(new InetSocketAddress(address, port));
            attempt.awaitUninterruptibly();
            Map<String, Object> facts = new LinkedHashMap<>(Map.of("address", shown, "port", port, "ok", attempt.isSuccess()));
            if (attempt.isSuccess()) {
                trace.add(Step.CONNECT, "Connected to " + shown + " port " + port, facts);
                return attempt.channel();
            }
            Throwable cause = attempt.cause();
            boolean timedOut = cause instanceof ConnectTimeoutException;
            String why = timedOut ? "no answer within " + Deadline.seconds(Duration.ofMillis(millis)) : reason(cause);
            facts.put("error", why);
            trace.add(Step.CONNECT, "Could not connect to " + shown + " port " + port + ": " + why, facts);
            deadline.check();
            last = new ClientFailure(timedOut ? FailureKind.TIMEOUT : FailureKind.CONNECT_FAILED,
                    "could not connect to " + shown + " port " + port + ": " + why,
                    timedOut ? "check that the server is up and reachable, or allow longer with --connect-timeout"
                            : "check that the server is running and listening on port " + port, null, cause);
        }
        if (last == null) {
            throw new ClientFailure(FailureKind.CONNECT_FAILED, "no address to connect to", null);
        }
        throw last;
    }

    /** The operating system's reason without Netty's decorations: "Connection refused". */
    static String reason(Throwable cause) {
        String message = cause == null || cause.getMessage() == null ? "connection failed" : cause.getMessage();
        // epoll: "finishConnect(..) failed with error(-111): Connection refused: localhost/127.0.0.1:8443"; NIO:
        // "Connection refused: /127.0.0.1:8443"
        return message.replaceFirst("^\\w+\\(\\.\\.\\) failed(?: with error\\(-?\\d+\\))?: ", "")
                .replaceFirst(": [^\\s/]*/\\S+$", "");
    }
}
