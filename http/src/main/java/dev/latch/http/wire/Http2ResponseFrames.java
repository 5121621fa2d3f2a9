package dev.latch.http.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameSizePolicy;
import io.netty.handler.codec.http2.Http2FrameWriter;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersEncoder;

/**
 * A response held in memory laid out as the frames of one buffer: HEADERS (and CONTINUATION when
 * the header block passes the peer's frame size) and, for a body, DATA frames of at most the peer's
 * frame size, the last of which ends the stream. Netty's frame writer hands each frame's header, payload and padding on as writes of their
 * own, each with a promise to aggregate; for a small answer those writes cost more than the bytes.
 * The header block comes from the connection's own HPACK encoder, the one Netty's writer uses, so
 * both keep one dynamic table (RFC 7541 §2.3.2) and the table-size updates the peer asks for.
 */
final class Http2ResponseFrames {
    /**
     * The largest body copied into the frames' buffer (the largest a file served from memory has);
     * a larger one goes through Netty's flow controller.
     */
    static final int MAX_BODY = 64 * 1024;

    private static final int FRAME_HEADER = 9;
    private static final byte DATA = 0x0;
    private static final byte HEADERS = 0x1;
    private static final byte CONTINUATION = 0x9;
    private static final byte END_STREAM = 0x1;
    private static final byte END_HEADERS = 0x4;
    /** Room for a typical response's header block, so that the buffer seldom grows. */
    private static final int HEADER_BLOCK_GUESS = 512;

    private final Http2HeadersEncoder hpack;
    private final Http2FrameSizePolicy peerFrameSize;

    private Http2ResponseFrames(Http2HeadersEncoder hpack, Http2FrameSizePolicy peerFrameSize) {
        this.hpack = hpack;
        this.peerFrameSize = peerFrameSize;
    }

    /**
     * The frames for the connection whose frames {@code writer} writes, or null when its HPACK
     * encoder cannot be shared (a writer other than Netty's default): then every response takes
     * Netty's path.
     */
    static Http2ResponseFrames sharing(Http2FrameWriter writer) {
        Http2FrameWriter.Configuration configuration = writer.configuration();
        return configuration.headersConfiguration() instanceof Http2HeadersEncoder hpack
                ? new Http2ResponseFrames(hpack, configuration.frameSizePolicy()) : null;
    }

    /** The largest frame payload the peer takes (SETTINGS_MAX_FRAME_SIZE, RFC 9113 §6.5.2). */
    int maxFramePayload() {
        return peerFrameSize.maxFrameSize();
    }

    /**
     * The frames of a response on {@code streamId}: its header block, then {@code body} (null for a
     * response without one, whose HEADERS end the stream).
     *
     * @throws Http2Exception when the header list passes the peer's SETTINGS_MAX_HEADER_LIST_SIZE;
     *                        the encoder checks that before it changes its table, so nothing is spent
     */
    ByteBuf encode(ByteBufAllocator alloc, int streamId, Http2Headers headers, byte[] body) throws Http2Exception {
        int bodyLength = body == null ? 0 : body.length;
        int max = maxFramePayload();
        ByteBuf out = alloc.buffer(FRAME_HEADER + HEADER_BLOCK_GUESS + (bodyLength / max + 1) * FRAME_HEADER + bodyLength);
        try {
            out.writerIndex(FRAME_HEADER);
            hpack.encodeHeaders(streamId, headers, out);
            int block = out.writerIndex() - FRAME_HEADER;
            byte headersEnd = body == null ? END_STREAM : 0; // RFC 9113 §6.2: END_STREAM is on HEADERS, not CONTINUATION
            if (block <= max) { // the usual case: the frame's header goes in the room left before the block
                frameHeader(out, 0, block, HEADERS, (byte) (headersEnd | END_HEADERS), streamId);
            } else { // RFC 9113 §6.10: the block goes on in CONTINUATION frames, the last marked END_HEADERS
                ByteBuf encoded = out;
                out = alloc.buffer(block + (block / max + 1) * FRAME_HEADER + FRAME_HEADER + bodyLength);
                try {
                    frames(out, encoded, FRAME_HEADER, block, max, HEADERS, CONTINUATION, headersEnd, END_HEADERS,
                            streamId);
                } finally {
                    encoded.release();
                }
            }
            if (body != null) {
                frames(out, Unpooled.wrappedBuffer(body), 0, bodyLength, max, DATA, DATA, (byte) 0, END_STREAM, streamId);
            }
            return out;
        } catch (Throwable t) {
            out.release();
            throw t;
        }
    }

    /**
     * {@code length} bytes of {@code payload} from {@code from} as frames of at most {@code max}
     * bytes: the first of type {@code first} with {@code firstFlags}, the others of type {@code next},
     * the last with {@code lastFlags} too.
     */
    private static void frames(ByteBuf out, ByteBuf payload, int from, int length, int max, byte first, byte next,
                               byte firstFlags, byte lastFlags, int streamId) {
        int offset = 0;
        do { // an empty payload is still one frame, with both sets of flags
            int size = Math.min(max, length - offset);
            byte flags = (byte) ((offset == 0 ? firstFlags : 0) | (offset + size == length ? lastFlags : 0));
            out.ensureWritable(FRAME_HEADER + size);
            frameHeader(out, out.writerIndex(), size, offset == 0 ? first : next, flags, streamId);
            out.writerIndex(out.writerIndex() + FRAME_HEADER).writeBytes(payload, from + offset, size);
            offset += size;
        } while (offset < length);
    }

    /**
     * RFC 9113 §4.1: a 24-bit length, the type, the flags and the stream (reserved bit clear), at
     * {@code at}, within the buffer's capacity.
     */
    private static void frameHeader(ByteBuf out, int at, int length, byte type, byte flags, int streamId) {
        out.setMedium(at, length);
        out.setByte(at + 3, type);
        out.setByte(at + 4, flags);
        out.setInt(at + 5, streamId & Integer.MAX_VALUE);
    }
}
