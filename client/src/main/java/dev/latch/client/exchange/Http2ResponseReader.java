package dev.latch.client.exchange;

import dev.latch.client.failure.ClientFailure;
import dev.latch.client.message.Header;
import dev.latch.client.message.ResponseHead;
import dev.latch.client.trace.Step;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.util.ReferenceCountUtil;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads one response from its HTTP/2 stream: interim (1xx) heads traced and passed over, the
 * final head handed to the sink, DATA written on as it arrives (the multiplexer returns the
 * flow-control credit once a frame is read), trailers ignored, the end at END_STREAM
 * (RFC 9113 §8.1). A reset stream or a GOAWAY that leaves the stream unanswered fails it with the
 * server's error code.
 */
final class Http2ResponseReader extends ResponseReader {
    private final Channel connection;

    Http2ResponseReader(Outcome outcome, SinkWriter body, Channel connection) {
        super(outcome, body);
        this.connection = connection;
    }

    @Override
    void read(ChannelHandlerContext ctx, Object msg) throws ClientFailure {
        outcome.firstByte();
        if (msg instanceof Http2HeadersFrame frame) {
            if (head == null && received(frame.headers())) {
                return; // an interim response: the final one follows on the same stream
            }
            if (frame.isEndStream()) {
                end();
            }
        } else if (msg instanceof Http2DataFrame frame) {
            body.write(frame.content());
            if (frame.isEndStream()) {
                end();
            }
        }
    }

    /** @return whether the head was an interim one */
    private boolean received(Http2Headers headers) throws ClientFailure {
        int status;
        try {
            status = Integer.parseInt(String.valueOf(headers.status()));
        } catch (NumberFormatException e) {
            throw ExchangeFailures.badHead(new IllegalArgumentException("the :status field is '" + headers.status() + "'"));
        }
        ExchangeFailures.checkedStatus(status);
        List<Header> fields = new ArrayList<>();
        headers.forEach(field -> {
            if (!Http2Headers.PseudoHeaderName.hasPseudoHeaderFormat(field.getKey())) {
                fields.add(new Header(field.getKey().toString(), field.getValue().toString()));
            }
        });
        outcome.traceHead(Step.RESPONSE, "HTTP/2 " + status, fields);
        if (status >= 100 && status < 200) {
            return true;
        }
        finalHead(new ResponseHead("HTTP/2", status, "", fields));
        return false;
    }

    private void end() throws ClientFailure {
        end(connection.isActive() && Http2Layer.goAwayCode(connection) == null);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof Http2ResetFrame reset) { // the multiplexer hands a RST_STREAM on as an event, not a read
            outcome.fail(ExchangeFailures.reset(reset.errorCode()));
        } else if (event instanceof Http2GoAwayFrame goAway) {
            // sent only to streams above the GOAWAY's last stream id: the server will not answer them (RFC 9113 §6.8)
            outcome.fail(ExchangeFailures.goAway(goAway.errorCode()));
            goAway.release();
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!outcome.done()) {
            Long goAway = Http2Layer.goAwayCode(connection);
            Throwable failure = Http2Layer.failure(connection);
            if (failure != null) {
                outcome.fail(ExchangeFailures.receive(failure));
            } else if (goAway != null && goAway != 0) {
                outcome.fail(ExchangeFailures.goAway(goAway));
            } else if (head == null) {
                outcome.fail(ExchangeFailures.closedBeforeAnswer());
            } else {
                outcome.fail(ExchangeFailures.closedInBody(body.bytes(), announcedLength()));
            }
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (outcome.done()) {
            return;
        }
        outcome.fail(ExchangeFailures.receive(cause));
    }

    private long announcedLength() {
        try {
            String length = head.header("content-length");
            return length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
