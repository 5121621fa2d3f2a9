package dev.latch.http;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.latch.http.HttpTestSupport.channel;
import static dev.latch.http.HttpTestSupport.request;
import static dev.latch.http.HttpTestSupport.written;
import static org.assertj.core.api.Assertions.assertThat;

class HandlerCallTest {
    private final List<String> events = new ArrayList<>();

    private Answer call(HandlerCall handlerCall, Request request) {
        EmbeddedChannel channel = channel(handlerCall);
        assertThat(channel.writeInbound(request)).as("the request ends here").isFalse();
        return written(channel, Answer.class);
    }

    @Test
    void theHandlersResponseIsWrittenAsAnAnswerToItsRequest() {
        Request request = request("GET", "/hello");
        Response response = Response.text(200, "hi");

        Answer answer = call(HandlerCall.of(r -> response, events::add), request);

        assertThat(answer.request()).isSameAs(request);
        assertThat(answer.response()).isSameAs(response);
        assertThat(events).isEmpty();
    }

    @Test
    void eachRequestGoesToTheHandlerChosenForIt() {
        Map<String, Handler> bySite = Map.of(
                "a.test", r -> Response.text(200, "site a"),
                "b.test", r -> Response.text(200, "site b"));
        HandlerCall call = new HandlerCall(r -> bySite.get(r.host()), events::add);

        Answer answer = call(call, request("GET", "/").routedTo("b.test"));

        assertThat(answer.response().bytes()).asString(StandardCharsets.UTF_8).isEqualTo("site b");
    }

    @Test
    void aHandlerThatThrowsGives500WithoutItsTextAndOneEventLine() {
        Handler failing = r -> {
            throw new IOException("disk /srv/secret unreadable");
        };

        Answer answer = call(HandlerCall.of(failing, events::add), request("GET", "/page").routedTo("a.test"));

        String body = new String(answer.response().bytes(), StandardCharsets.UTF_8);
        assertThat(answer.response().status()).isEqualTo(500);
        assertThat(body).contains("Internal Server Error").doesNotContain("secret").doesNotContain("IOException");
        assertThat(events).singleElement().asString()
                .contains("a.test GET /page").contains("the handler failed").contains("disk /srv/secret unreadable");
    }

    @Test
    void aHandlerThatGivesNoResponseGives500AndOneEventLine() {
        Answer answer = call(HandlerCall.of(r -> null, events::add), request("GET", "/nothing").routedTo("a.test"));

        assertThat(answer.response().status()).isEqualTo(500);
        assertThat(events).singleElement().asString().isEqualTo("a.test GET /nothing: the handler gave no response");
    }

    @Test
    void aFailureBeforeRoutingIsLoggedWithoutAHost() {
        Handler failing = r -> {
            throw new IllegalStateException("boom");
        };

        call(HandlerCall.of(failing, events::add), request("POST", "/form?x=1"));

        assertThat(events).singleElement().asString().startsWith("POST /form: the handler failed");
    }

    @Test
    void anExceptionOnTheConnectionClosesIt() {
        EmbeddedChannel channel = channel(HandlerCall.of(r -> Response.text(200, "x"), events::add));

        channel.pipeline().fireExceptionCaught(new IOException("connection reset by peer"));

        assertThat(channel.isOpen()).isFalse();
        assertThat(events).isEmpty();
    }
}
