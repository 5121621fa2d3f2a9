package dev.latch.client.exchange;

import dev.latch.client.failure.ClientFailure;
import dev.latch.client.message.BodySink;
import dev.latch.client.message.ResponseHead;
import io.netty.buffer.ByteBuf;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A response body on its way into the sink: the stream asked for once the head is known, each
 * piece written as it arrives (nothing is kept), counted, and flushed at the end. The stream
 * stays open: it is the sink's.
 */
final class SinkWriter {
    private final BodySink sink;
    private OutputStream out;
    private long bytes;

    SinkWriter(BodySink sink) {
        this.sink = sink;
    }

    void open(ResponseHead head) throws ClientFailure {
        try {
            out = sink.open(head);
        } catch (IOException e) {
            throw ExchangeFailures.write(e);
        }
    }

    void write(ByteBuf content) throws ClientFailure {
        int length = content.readableBytes();
        if (length == 0) {
            return;
        }
        bytes += length;
        if (out == null) {
            return;
        }
        try {
            content.getBytes(content.readerIndex(), out, length);
        } catch (IOException e) {
            throw ExchangeFailures.write(e);
        }
    }

    void finish() throws ClientFailure {
        if (out == null) {
            return;
        }
        try {
            out.flush();
        } catch (IOException e) {
            throw ExchangeFailures.write(e);
        }
    }

    long bytes() {
        return bytes;
    }
}
