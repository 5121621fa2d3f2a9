package dev.latch.client.exchange;

import dev.latch.client.failure.ClientFailure;
import dev.latch.client.message.BodySink;
import dev.latch.client.message.ClientRequest;
import dev.latch.client.message.Header;
import dev.latch.client.message.RequestBody;
import dev.latch.client.trace.Trace;
import io.netty.channel.Channel;
import io.netty.util.concurrent.Future;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What both versions of HTTP do before and after their own part: on the channel's event loop, the
 * request head made (a method or field HTTP does not allow fails here) and the body's file opened
 * (a file that cannot be read fails before anything is sent); then the version sends and reads.
 *
 * @param <H> the request head as the version's codec takes it
 */
abstract sealed class ChannelExchange<H> implements Exchange permits Http1Exchange, Http2Exchange {
    /** The User-Agent sent when none is given. */
    static final String DEFAULT_USER_AGENT = "latch";

    final Channel channel;
    final String userAgent;

    ChannelExchange(Channel channel, String userAgent) {
        this.channel = channel;
        this.userAgent = userAgent;
    }

    @Override
    public final CompletableFuture<ExchangeResult> send(ClientRequest request, String requestTarget,
                                                        List<Header> extraHeaders, BodySink sink, Trace trace) {
        Outcome outcome = new Outcome(trace);
        channel.eventLoop().execute(() -> begin(request, requestTarget, extraHeaders, sink, outcome));
        return outcome.future();
    }

    private void begin(ClientRequest request, String target, List<Header> extraHeaders, BodySink sink, Outcome outcome) {
        List<Header> fields = RequestFields.of(request, userAgent, extraHeaders);
        H head;
        RequestFileChunks file;
        try {
            head = head(request, target, fields);
            file = request.body() instanceof RequestBody.File body ? RequestFileChunks.open(body) : null;
        } catch (IllegalArgumentException e) {
            outcome.fail(ExchangeFailures.unsendable(e));
            return;
        } catch (ClientFailure failure) {
            outcome.fail(failure);
            return;
        }
        if (!channel.isActive()) {
            RequestFileChunks.close(file);
            outcome.fail(ExchangeFailures.closedBeforeAnswer());
            return;
        }
        exchange(new Sending<>(request, target, fields, head, file), sink, outcome);
    }

    /** The head as the codec takes it; IllegalArgumentException where the method or a field is not allowed. */
    abstract H head(ClientRequest request, String target, List<Header> fields);

    /** Sends the request and reads the response, ending {@code outcome}; on the event loop. */
    abstract void exchange(Sending<H> sending, BodySink sink, Outcome outcome);

    /** Fails the exchange when the request could not be sent, unless the final response has come anyway. */
    static void whenSent(Future<?> sent, ResponseReader reader, Outcome outcome) {
        if (sent.isSuccess()) {
            reader.requestSent();
        } else if (sent.cause() instanceof RequestFileChunks.Unreadable unreadable) {
            outcome.fail(unreadable.failure());
        } else if (!reader.answered()) {
            outcome.fail(ExchangeFailures.send(sent.cause()));
        }
    }

    /**
     * One request ready to go.
     *
     * @param fields the header fields as they are traced
     * @param file   the body's file, open; null when the body is not a file
     */
    record Sending<H>(ClientRequest request, String target, List<Header> fields, H head, RequestFileChunks file) {
    }
}
