package dev.latch.http;

import dev.latch.tls.handshake.ClientIdentity;

import java.net.InetSocketAddress;
import java.util.Map;

/** Requests as a connection would pass them on, for handler tests. */
public final class Requests {
    private Requests() {
    }

    public static Request get(String path) {
        return get(path, true);
    }

    /** @param keepAlive false for a request that asked to close the connection after its answer */
    public static Request get(String path, boolean keepAlive) {
        return new Request("GET", path, path, null, "HTTP/1.1", null, name -> null, Map::of, new byte[0],
                new InetSocketAddress("127.0.0.1", 40000), null, ClientIdentity.ANONYMOUS, keepAlive, System.nanoTime());
    }
}
