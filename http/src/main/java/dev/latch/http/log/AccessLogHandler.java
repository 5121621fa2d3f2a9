package dev.latch.http.log;

import dev.latch.http.Answer;
import dev.latch.http.Request;
import dev.latch.http.Response;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

import java.time.Duration;
import java.time.Instant;

/**
 * Writes one access-log record per {@link Answer} once its last byte is handed to the socket
 * (bytes count as sent only if the write succeeded). Not in the pipeline when the log is off.
 */
@ChannelHandler.Sharable
public final class AccessLogHandler extends ChannelOutboundHandlerAdapter {
    private final AccessLog log;

    public AccessLogHandler(AccessLog log) {
        this.log = log;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof Answer answer) {
            // read now: the request's headers are not the log's to keep
            Request request = answer.request();
            Response response = answer.response();
            String referer = request.header("referer");
            String userAgent = request.header("user-agent");
            long bytes = response.omitBody() ? 0 : response.contentLength();
            promise.addListener(f -> log.log(new AccessRecord(Instant.now(),
                    AccessLog.address(request.remote() == null ? null : request.remote().getAddress()), request.method(),
                    request.target(), request.protocol(), response.status(), f.isSuccess() ? bytes : 0, referer, userAgent,
                    request.host(), request.tls(), request.client(), null, request.body().length,
                    Duration.ofNanos(System.nanoTime() - request.receivedNanos()))));
        }
        super.write(ctx, msg, promise);
    }
}
