package dev.latch.proxy.tunnel;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.socket.DuplexChannel;

import java.util.List;

/**
 * One CONNECT tunnel between a client and an upstream channel on the same event loop: a
 * {@link Relay} on each, the bytes counted each way, and one end for both once both channels closed.
 */
public final class Tunnel {
    /** Told once, when both channels have closed. */
    @FunctionalInterface
    public interface End {
        void ended(long fromClient, long toClient, boolean reset);
    }

    private final Channel client;
    private final Channel upstream;
    private final End end;
    private long fromClient;
    private long toClient;
    private boolean clientInputShut;
    private boolean upstreamInputShut;
    private boolean reset;
    private int closed;

    private Tunnel(Channel client, Channel upstream, End end) {
        this.client = client;
        this.upstream = upstream;
        this.end = end;
    }

    /**
     * Starts relaying. The client's pipeline must no longer hold anything that reads HTTP; the
     * upstream must not be reading yet (auto-read off); both must be on the same event loop, and this
     * runs on it (so nothing is read between the client's last handler going and its relay coming).
     *
     * @param early           bytes the client sent after the CONNECT head, sent upstream first
     * @param clientInputShut the client already ended its side (FIN) before the tunnel was up
     */
    public static Tunnel start(Channel client, Channel upstream, List<ByteBuf> early, boolean clientInputShut,
                               End end) {
        Tunnel tunnel = new Tunnel(client, upstream, end);
        client.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        upstream.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        ChannelFutureListener oneClosed = f -> tunnel.oneClosed();
        client.closeFuture().addListener(oneClosed);
        upstream.closeFuture().addListener(oneClosed);
        client.pipeline().addLast("relay", new Relay(tunnel, upstream, true));
        upstream.pipeline().addLast("relay", new Relay(tunnel, client, false));
        if (!early.isEmpty()) {
            for (ByteBuf buf : early) {
                tunnel.fromClient += buf.readableBytes();
                upstream.write(buf);
            }
            upstream.flush();
        }
        if (clientInputShut) {
            tunnel.inputShut(true);
        } else {
            client.config().setAutoRead(true);
        }
        upstream.config().setAutoRead(true);
        if (!client.isActive()) { // closed before its relay was there to see it
            tunnel.closedBy(client);
        }
        if (!upstream.isActive()) {
            tunnel.closedBy(upstream);
        }
        return tunnel;
    }

    void moved(boolean fromClientSide, int bytes) {
        if (fromClientSide) {
            fromClient += bytes;
        } else {
            toClient += bytes;
        }
    }

    /**
     * One side sent FIN: the other side's output is shut once what was relayed before it is written
     * (shutting at once would drop those bytes); when both sides are done the tunnel closes.
     */
    void inputShut(boolean clientSide) {
        if (clientSide) {
            clientInputShut = true;
        } else {
            upstreamInputShut = true;
        }
        Channel other = clientSide ? upstream : client;
        if (nothingPending(other)) {
            afterInputShut(other); // the usual case: no write and listener to wait for
        } else {
            other.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(written -> afterInputShut(other));
        }
    }

    private void afterInputShut(Channel other) {
        if (clientInputShut && upstreamInputShut) {
            closeBoth();
        } else if (other instanceof DuplexChannel duplex && other.isActive()) {
            if (!duplex.isOutputShutdown()) {
                duplex.shutdownOutput();
            }
            // Once this side's FIN comes too, nothing is left to half-close: Netty may close the channel
            // at once (then closedBy ends the tunnel) instead of shutting an input the kernel already
            // shut, which fails (ENOTCONN) and costs an exception per tunnel.
            other.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, false);
        } else if (other.isOpen()) {
            other.close();
        }
    }

    /** Whether a channel holds nothing written and not yet sent (or is closed: nothing more will be sent). */
    private static boolean nothingPending(Channel channel) {
        ChannelOutboundBuffer pending = channel.unsafe().outboundBuffer();
        return pending == null || (pending.isEmpty() && pending.totalPendingWriteBytes() == 0);
    }

    /** A side was reset (RST): the other side is reset too, so neither end takes a cut-off stream for a whole one. */
    void resetBy(Channel side) {
        reset = true;
        Channel other = side == client ? upstream : client;
        if (other.isActive()) {
            other.config().setOption(ChannelOption.SO_LINGER, 0);
        }
        closeIfOpen(other);
        closeIfOpen(side);
    }

    /** A side closed: the other closes once what was relayed to it is written. */
    void closedBy(Channel side) {
        Channel other = side == client ? upstream : client;
        if (!other.isActive()) {
            return;
        }
        if (nothingPending(other)) {
            other.close();
        } else {
            other.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> closeIfOpen(other));
        }
    }

    private void closeBoth() {
        closeIfOpen(client);
        closeIfOpen(upstream);
    }

    /** Closing a closed channel costs Netty an exception: skip it. */
    private static void closeIfOpen(Channel channel) {
        if (channel.isOpen()) {
            channel.close();
        }
    }

    private void oneClosed() {
        if (++closed == 2) {
            end.ended(fromClient, toClient, reset);
        }
    }
}
