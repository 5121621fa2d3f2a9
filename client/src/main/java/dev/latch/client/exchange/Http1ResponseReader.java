package dev.latch.client.exchange;

import dev.latch.client.failure.ClientFailure;
import dev.latch.client.message.Header;
import dev.latch.client.message.ResponseHead;
import dev.latch.client.trace.Step;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslCloseCompletionEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads one HTTP/1.x response as Netty's client codec decodes it: interim (1xx) responses traced
 * and passed over (RFC 9110 §15.2), the final head handed to the sink, the body written on as it
 * arrives. Netty's codec knows the framing: Content-Length, chunked, to the connection's close,
 * and no body for HEAD, 204 and 304 (RFC 9112 §6.3).
 */
final class Http1ResponseReader extends ResponseReader {
    private HttpResponse response;
    private boolean interim;

    Http1ResponseReader(Outcome outcome, SinkWriter body) {
        super(outcome, body);
    }

    @Override
    void read(ChannelHandlerContext ctx, Object msg) throws ClientFailure {
        if (msg instanceof HttpResponse message) {
            if (message.decoderResult().isFailure()) {
                throw ExchangeFailures.badHead(message.decoderResult().cause());
            }
            received(message);
        }
        if (msg instanceof HttpContent content) {
            if (interim) {
                interim = !(msg instanceof LastHttpContent);
                return;
            }
            if (content.decoderResult().isFailure()) { // the connection ended inside the body
                throw ExchangeFailures.closedInBody(body.bytes(), HttpUtil.getContentLength(response, -1L));
            }
            body.write(content.content());
            if (msg instanceof LastHttpContent) {
                end(requestSent && HttpUtil.isKeepAlive(response) && ctx.channel().isActive());
            }
        }
    }

    private void received(HttpResponse message) throws ClientFailure {
        ExchangeFailures.checkedStatus(message.status().code());
        List<Header> fields = new ArrayList<>();
        message.headers().iteratorCharSequence().forEachRemaining(
                field -> fields.add(new Header(field.getKey().toString(), field.getValue().toString())));
        String version = message.protocolVersion().text();
        String reason = message.status().reasonPhrase();
        String line = version + " " + message.status().code() + (reason.isEmpty() ? "" : " " + reason);
        outcome.traceHead(Step.RESPONSE, line, fields);
        if (message.status().codeClass() == HttpStatusClass.INFORMATIONAL && message.status().code() != 101) {
            interim = true;
            return;
        }
        response = message;
        finalHead(new ResponseHead(version, message.status().code(), reason, fields));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslCloseCompletionEvent) {
            ctx.close(); // the server's close_notify: nothing more comes, so a body read to the close ends here
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!outcome.done()) {
            outcome.fail(head == null ? ExchangeFailures.closedBeforeAnswer()
                    : ExchangeFailures.closedInBody(body.bytes(), HttpUtil.getContentLength(response, -1L)));
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!outcome.done()) {
            outcome.fail(ExchangeFailures.receive(cause));
        }
    }
}
