package dev.latch.proxy.tunnel;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;

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
     * Starts relaying. The client's pipeline must no longer hold anything that reads HTTP; both
     * channels must not be reading yet (auto-read off) and be on the same event loop.
     *
     * @param early           bytes the client sent after the CONNECT head, sent upstream first
     * @param clientInputShut the client already ended its side (FIN) before the tunnel was up
     */
    public static Tunnel start(Channel client, Channel upstream, List<ByteBuf> early, boolean clientInputShut,
                               End end) {
        Tunnel tunnel = new Tunnel(client, upstream, end);
        client.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        upstream.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        client.closeFuture().addListener(f -> tunnel.oneClosed());
        upstream.closeFuture().addListener(f -> tunnel.oneClosed());
        client.pipeline().addLast("relay", new Relay(tunnel, upstream, true));
        upstream.pipeline().addLast("relay", new Relay(tunnel, client, false));
        for (ByteBuf buf : early) {
            tunnel.fromClient += buf.readableBytes();
            upstream.write(buf);
        }
        upstream.flush();
        if (clientInputShut) {
            tunnel.inputShut(true);
        } else {
            client.config().setAutoRead(true);
        }
        upstream.config().setAutoRead(true);
        for (Channel side : List.of(client, upstream)) {
            if (!side.isActive()) { // closed before its relay was there to see it
                tunnel.closedBy(side);
            }
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
        other.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(written -> {
            if (clientInputShut && upstreamInputShut) {
                closeBoth();
            } else if (other instanceof io.netty.channel.socket.DuplexChannel duplex && other.isActive()) {
                duplex.shutdownOutput();
            } else {
                other.close();
            }
        });
    }

    /** A side was reset (RST): the other side is reset too, so neither end takes a cut-off stream for a whole one. */
    void resetBy(Channel side) {
        reset = true;
        Channel other = side == client ? upstream : client;
        if (other.isActive()) {
            other.config().setOption(ChannelOption.SO_LINGER, 0);
        }
        other.close();
        side.close();
    }

    /** A side closed: the other closes once what was relayed to it is written. */
    void closedBy(Channel side) {
        Channel other = side == client ? upstream : client;
        if (other.isActive()) {
            other.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(f -> other.close());
        }
    }

    private void closeBoth() {
        client.close();
        upstream.close();
    }

    private void oneClosed() {
        if (++closed == 2) {
            end.ended(fromClient, toClient, reset);
        }
    }
}
