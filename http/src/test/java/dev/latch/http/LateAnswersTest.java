package dev.latch.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The handler call, alone on a channel: answers now and answers that come later, written by the
 * channel's own loop only; a failed answer is a 500; nothing is written to a channel that closed.
 */
class LateAnswersTest {
    final List<String> events = new ArrayList<>();
    final List<Thread> writers = new ArrayList<>();
    final CompletableFuture<Response> later = new CompletableFuture<>();

    EmbeddedChannel channel(Handler handler) {
        return new EmbeddedChannel(new ChannelOutboundHandlerAdapter() {
            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
                writers.add(Thread.currentThread());
                super.write(ctx, msg, promise);
            }
        }, HandlerCall.of(handler, events::add));
    }

    /** Completes {@link #later} on a thread of its own, and waits for that thread to end. */
    void completeElsewhere(Runnable completion) throws InterruptedException {
        Thread other = new Thread(completion, "elsewhere");
        other.start();
        other.join();
    }

    @Test
    void anAnswerNowIsWrittenAtOnce() {
        EmbeddedChannel channel = channel(request -> Response.text(200, "now"));
        channel.writeInbound(Requests.get("/"));
        Answer answer = channel.readOutbound();
        assertThat(answer.response().status()).isEqualTo(200);
        assertThat(answer.request().path()).isEqualTo("/");
    }

    @Test
    void aLaterAnswerIsWrittenByTheChannelsLoopNotByTheThreadThatCompletesIt() throws Exception {
        EmbeddedChannel channel = channel(request -> Response.later(later));
        channel.writeInbound(Requests.get("/slow"));
        assertThat((Object) channel.readOutbound()).as("nothing before the answer is there").isNull();

        completeElsewhere(() -> later.complete(Response.text(200, "later")));
        assertThat((Object) channel.readOutbound()).as("the completing thread wrote nothing").isNull();
        assertThat(writers).isEmpty();

        channel.runPendingTasks(); // the loop's turn
        Answer answer = channel.readOutbound();
        assertThat(answer.response().status()).isEqualTo(200);
        assertThat(new String(answer.response().bytes())).isEqualTo("later");
        assertThat(writers).containsExactly(Thread.currentThread());
    }

    @Test
    void aFailedAnswerIsA500AndOneLineForTheOperator() throws Exception {
        EmbeddedChannel channel = channel(request -> Response.later(later));
        channel.writeInbound(Requests.get("/broken"));
        completeElsewhere(() -> later.completeExceptionally(new IOException("disk on fire")));
        channel.runPendingTasks();
        Answer answer = channel.readOutbound();
        assertThat(answer.response().status()).isEqualTo(500);
        assertThat(new String(answer.response().bytes())).doesNotContain("disk on fire");
        assertThat(events).singleElement().asString().contains("GET /broken").contains("disk on fire");
    }

    @Test
    void aHandlerThatThrowsOrAnswersNullIsA500Too() {
        EmbeddedChannel throwing = channel(request -> {
            throw new IllegalStateException("bug");
        });
        throwing.writeInbound(Requests.get("/a"));
        assertThat(((Answer) throwing.readOutbound()).response().status()).isEqualTo(500);
        EmbeddedChannel nothing = channel(request -> Response.later(CompletableFuture.completedFuture(null)));
        nothing.writeInbound(Requests.get("/b"));
        nothing.runPendingTasks();
        assertThat(((Answer) nothing.readOutbound()).response().status()).isEqualTo(500);
        assertThat(events).hasSize(2);
    }

    @Test
    void aLaterAnswerInsideALaterAnswerIsFollowed() throws Exception {
        CompletableFuture<Response> inner = new CompletableFuture<>();
        EmbeddedChannel channel = channel(request -> Response.later(later));
        channel.writeInbound(Requests.get("/"));
        completeElsewhere(() -> later.complete(Response.later(inner)));
        channel.runPendingTasks();
        assertThat((Object) channel.readOutbound()).isNull();
        completeElsewhere(() -> inner.complete(Response.text(201, "made")));
        channel.runPendingTasks();
        assertThat(((Answer) channel.readOutbound()).response().status()).isEqualTo(201);
    }

    @Test
    void nothingIsWrittenToAChannelThatClosedMeanwhile() throws Exception {
        EmbeddedChannel channel = channel(request -> Response.later(later));
        channel.writeInbound(Requests.get("/gone"));
        channel.close();
        completeElsewhere(() -> later.complete(Response.text(200, "too late")));
        channel.runPendingTasks();
        assertThat((Object) channel.readOutbound()).isNull();
        assertThat(writers).isEmpty();
        assertThat(events).isEmpty();
    }
}
