package dev.latch.tls.sni;

import dev.latch.tls.context.EngineSettings;
import dev.latch.tls.handshake.HandshakeRecorder;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.AbstractSniHandler;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;

import java.util.concurrent.TimeUnit;

/**
 * Reads the ClientHello's SNI name (RFC 6066 §3), picks the host and puts that host's
 * {@link SslHandler} in its place, followed by a {@link HandshakeRecorder} for that host. An
 * unknown name with no default host gets a fatal {@code unrecognized_name} alert: never a
 * certificate for another name.
 */
public final class SniRouter extends AbstractSniHandler<TlsHost> {
    /** A TLS record: alert (21), version TLS 1.2, length 2, level fatal (2), unrecognized_name (112). */
    private static final byte[] UNRECOGNIZED_NAME_ALERT = {21, 3, 3, 0, 2, 2, 112};

    private final HostTable table;
    private final long handshakeTimeoutMillis;

    public SniRouter(HostTable table, long handshakeTimeoutMillis) {
        super(handshakeTimeoutMillis);
        this.table = table;
        this.handshakeTimeoutMillis = handshakeTimeoutMillis;
    }

    @Override
    protected Future<TlsHost> lookup(ChannelHandlerContext ctx, String hostname) {
        return ctx.executor().newSucceededFuture(table.lookup(hostname));
    }

    @Override
    protected void onLookupComplete(ChannelHandlerContext ctx, String hostname, Future<TlsHost> future) {
        TlsHost host = future.getNow();
        if (host == null) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(UNRECOGNIZED_NAME_ALERT)).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        SslHandler handler = host.context().newHandler(ctx.alloc());
        EngineSettings.apply(handler.engine(), host.engine());
        handler.setHandshakeTimeout(handshakeTimeoutMillis, TimeUnit.MILLISECONDS);
        String sni = hostname == null ? null : HostNamePattern.normalize(hostname);
        // the recorder goes in first: the TLS handler starts on the buffered ClientHello as soon as it replaces this router
        ctx.pipeline().addAfter(ctx.name(), HandshakeRecorder.class.getName(),
                        new HandshakeRecorder(handler, sni, host.name(), host.clientCheck()))
                .replace(this, SslHandler.class.getName(), handler);
    }
}
