package dev.latch.http.listen;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

/** Whether an HTTP/1.1 connection is answering a request right now (so shutdown lets it finish). */
public final class InFlight {
    private static final AttributeKey<Boolean> BUSY = AttributeKey.valueOf(InFlight.class, "busy");

    private InFlight() {
    }

    public static void set(Channel connection, boolean busy) {
        connection.attr(BUSY).set(busy);
    }

    public static boolean busy(Channel connection) {
        return Boolean.TRUE.equals(connection.attr(BUSY).get());
    }
}
