package dev.latch.tls.handshake;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import io.netty.handler.ssl.SslHandler;
import io.netty.internal.tcnative.Buffer;
import io.netty.internal.tcnative.SSL;

import javax.net.ssl.SSLEngine;
import java.nio.ByteBuffer;

/**
 * Sends a TLS 1.3 server's session tickets (NewSessionTicket, RFC 8446 §4.6.1) as soon as its
 * handshake is done, rather than with its first answer.
 *
 * <p>Why it matters: a client with Nagle's algorithm on (Python's ssl, plain Java sockets) sends
 * its Finished, then holds its first request back until the Finished is acknowledged. A server
 * that sends nothing back acknowledges only when its delayed-ACK timer runs out (about 40 ms on
 * Linux), so every new connection's first request waited that long. Tickets sent at once carry the
 * acknowledgement.
 *
 * <p>BoringSSL keeps the tickets until the server's first write (so that a server that never writes
 * cannot block on a client that never reads); a write of zero bytes hands them to the engine's
 * output. The JDK engine has them ready as part of the handshake. Either way a flush sends them.
 *
 * <p>Not after a client certificate on BoringSSL: each ticket then carries the client's chain, and
 * written outside a wrap they may not fit the engine's small buffer for such records (a record cut
 * short is a decode_error for the client). Those tickets leave with the first answer, as before.
 */
final class SessionTickets {
    /** What the zero-byte write points at: the native call wants a real address, though it reads nothing. */
    private static final ByteBuffer NOTHING = ByteBuffer.allocateDirect(1);

    private SessionTickets() {
    }

    /** @param ctx a context right after {@code ssl}'s, once its handshake has succeeded (as {@code done}) */
    static void sendNow(ChannelHandlerContext ctx, SslHandler ssl, HandshakeRecord done) {
        SSLEngine engine = ssl.engine();
        if (engine.getUseClientMode() || !"TLSv1.3".equals(engine.getSession().getProtocol())) {
            return; // TLS 1.2 sends its ticket inside the handshake
        }
        if (engine instanceof ReferenceCountedOpenSslEngine boringSsl) {
            if (!done.peerChain().isEmpty()) {
                return;
            }
            synchronized (boringSsl) {
                long pointer = boringSsl.sslPointer();
                if (pointer != 0 && !boringSsl.isOutboundDone()) {
                    SSL.writeToSSL(pointer, Buffer.address(NOTHING), 0);
                    SSL.clearError(); // a zero-byte write is no error for the engine's next call to find
                }
            }
        }
        ctx.flush(); // through the SslHandler, which wraps what the engine has pending and writes it out
    }
}
