package dev.latch.http.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * A whole HTTP/1.1 response already laid out as bytes (status line, headers, body), which
 * {@link Http1ServerCodec} passes on as they are: one buffer and one write on its way to TLS.
 */
final class EncodedResponse extends DefaultByteBufHolder {
    EncodedResponse(ByteBuf bytes) {
        super(bytes);
    }
}
