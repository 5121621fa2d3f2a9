package dev.latch.cli.proxy;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/** What {@code latch proxy} needs of the proxy once it runs: where it listens, and a graceful stop. */
public interface RunningProxy {
    /** The addresses listened on, with the ports actually bound (a port 0 asked for is a real one here). */
    List<InetSocketAddress> addresses();

    /** The network transport, for the start-up line: "epoll" or "nio". */
    String transport();

    /** Where the status endpoint listens, or null when there is none. */
    InetSocketAddress status();

    /** Stops accepting, gives open tunnels and requests up to {@code drain} to finish, then closes the rest. */
    void close(Duration drain);
}
