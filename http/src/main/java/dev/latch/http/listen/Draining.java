package dev.latch.http.listen;

import io.netty.channel.Channel;
import io.netty.handler.codec.http2.Http2ConnectionHandler;

/**
 * How one open connection ends at shutdown: HTTP/2 with GOAWAY; a connection with nothing
 * {@link InFlight} (in its handshake, or an idle keep-alive one) at once; one answering a request
 * (or, in a proxy, carrying a tunnel) is closed by its own handler when that is done.
 */
public final class Draining {
    private Draining() {
    }

    public static void start(Channel connection) {
        if (connection.pipeline().get(Http2ConnectionHandler.class) != null) {
            connection.close(); // the HTTP/2 handler sends GOAWAY and lets open streams finish
        } else if (!InFlight.busy(connection)) {
            connection.close();
        }
    }
}
