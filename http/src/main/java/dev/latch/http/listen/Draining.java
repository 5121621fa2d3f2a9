package dev.latch.http.listen;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http2.Http2FrameCodec;

/** How one open connection ends at shutdown: HTTP/2 with GOAWAY, an idle HTTP/1.1 connection at once. */
public final class Draining {
    private Draining() {
    }

    public static void start(Channel connection) {
        if (connection.pipeline().get(Http2FrameCodec.class) != null) {
            connection.close(); // the HTTP/2 handler sends GOAWAY and lets open streams finish
        } else if (connection.pipeline().get(HttpServerCodec.class) == null || !InFlight.busy(connection)) {
            connection.close(); // still in the handshake, or an idle keep-alive connection
        }
        // HTTP/1.1 with a response under way: the dispatcher closes it after that response
    }
}
