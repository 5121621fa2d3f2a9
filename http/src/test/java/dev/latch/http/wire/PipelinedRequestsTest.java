package dev.latch.http.wire;

import dev.latch.http.Answer;
import dev.latch.http.HandlerCall;
import dev.latch.http.Request;
import dev.latch.http.Requests;
import dev.latch.http.Response;
import dev.latch.http.listen.InFlight;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pipelined HTTP/1.1 requests, the first answered later (as static files on a cold cache are):
 * the answers still leave in request order, and the connection stops reading while requests wait.
 */
class PipelinedRequestsTest {
    /** Requests for /slow* are answered when the test says so; the others at once. */
    final Map<String, CompletableFuture<Response>> slow = new HashMap<>();
    final HandlerCall handler = HandlerCall.of(request -> request.path().startsWith("/slow")
            ? Response.later(slow.computeIfAbsent(request.path(), p -> new CompletableFuture<>()))
            : Response.text(200, request.path()), event -> { });

    EmbeddedChannel connection(ChannelHandler... handlers) {
        EmbeddedChannel channel = new EmbeddedChannel(handlers);
        channel.pipeline().addLast(handler);
        return channel;
    }

    static List<String> answered(EmbeddedChannel channel) {
        List<String> paths = new ArrayList<>();
        for (Object out; (out = channel.readOutbound()) != null; ) {
            paths.add(((Answer) out).request().path());
        }
        return paths;
    }

    @Test
    void withoutItALaterAnswerIsOvertakenByTheNextOne() {
        EmbeddedChannel channel = connection();
        channel.writeInbound(Requests.get("/slow"), Requests.get("/fast"));
        slow.get("/slow").complete(Response.text(200, "slow"));
        channel.runPendingTasks();
        assertThat(answered(channel)).as("what this handler is for").containsExactly("/fast", "/slow");
    }

    @Test
    void answersLeaveInRequestOrderAndReadingStopsWhileRequestsWait() {
        EmbeddedChannel channel = connection(new PipelinedRequests());
        channel.writeInbound(Requests.get("/slow"), Requests.get("/fast"), Requests.get("/fast2"));
        assertThat(answered(channel)).as("the fast ones wait for the slow one").isEmpty();
        assertThat(channel.config().isAutoRead()).as("no more reading while requests wait").isFalse();

        slow.get("/slow").complete(Response.text(200, "slow"));
        channel.runPendingTasks();
        assertThat(answered(channel)).containsExactly("/slow", "/fast", "/fast2");
        assertThat(channel.config().isAutoRead()).as("reading again once none waits").isTrue();
    }

    @Test
    void aWaitingRequestIsReleasedOnlyOnceTheAnswerBeforeItIsWritten() {
        EmbeddedChannel channel = connection(new PipelinedRequests());
        channel.writeInbound(Requests.get("/slow1"), Requests.get("/slow2"), Requests.get("/fast"));
        assertThat(slow).containsOnlyKeys("/slow1");
        slow.get("/slow1").complete(Response.text(200, "1"));
        channel.runPendingTasks();
        assertThat(answered(channel)).containsExactly("/slow1");
        assertThat(slow).as("the second is now being answered").containsKey("/slow2");
        assertThat(InFlight.busy(channel)).isTrue();
        slow.get("/slow2").complete(Response.text(200, "2"));
        channel.runPendingTasks();
        assertThat(answered(channel)).containsExactly("/slow2", "/fast");
    }

    @Test
    void nothingAfterARequestThatAskedToCloseIsAnswered() {
        EmbeddedChannel channel = connection(new PipelinedRequests());
        channel.writeInbound(Requests.get("/slow", false), Requests.get("/fast"));
        slow.get("/slow").complete(Response.text(200, "slow"));
        channel.runPendingTasks();
        assertThat(answered(channel)).as("RFC 9112 §9.6").containsExactly("/slow");
    }

    @Test
    void beyondTheBoundTheRestIsDroppedAndTheConnectionClosesAfterTheHeldAnswers() {
        EmbeddedChannel channel = connection(new PipelinedRequests());
        List<Request> burst = new ArrayList<>();
        burst.add(Requests.get("/slow"));
        for (int i = 0; i < PipelinedRequests.MAX_HELD + 5; i++) {
            burst.add(Requests.get("/fast" + i));
        }
        channel.writeInbound(burst.toArray());
        slow.get("/slow").complete(Response.text(200, "slow"));
        channel.runPendingTasks();
        List<String> paths = answered(channel);
        assertThat(paths).hasSize(1 + PipelinedRequests.MAX_HELD);
        assertThat(paths.get(0)).isEqualTo("/slow");
        assertThat(paths.get(PipelinedRequests.MAX_HELD)).isEqualTo("/fast" + (PipelinedRequests.MAX_HELD - 1));
        assertThat(channel.isActive()).as("the client retries the dropped ones elsewhere").isFalse();
    }
    @Test
    void theNextRequestWaitsForTheSocketToTakeTheAnswerNotJustForTheHandler() {
        List<ChannelPromise> unsent = new ArrayList<>();
        EmbeddedChannel channel = connection(new ChannelOutboundHandlerAdapter() {
            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                unsent.add(promise); // a socket that has not taken the bytes yet (a large file, a slow client)
                ctx.write(msg);
            }
        }, new PipelinedRequests());
        channel.writeInbound(Requests.get("/fast1"), Requests.get("/fast2"));
        assertThat(answered(channel)).containsExactly("/fast1");
        unsent.get(0).setSuccess();
        assertThat(answered(channel)).containsExactly("/fast2");
    }
}
