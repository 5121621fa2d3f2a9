package dev.latch.http;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.latch.http.HttpTestSupport.channel;
import static dev.latch.http.HttpTestSupport.request;
import static dev.latch.http.HttpTestSupport.written;
import static org.assertj.core.api.Assertions.assertThat;

class DefaultHeadersTest {
    private static final List<Map.Entry<CharSequence, CharSequence>> SITE_DEFAULTS = List.of(
            DefaultHeaders.header("server", "latch"),
            DefaultHeaders.header("x-content-type-options", "nosniff"));

    /** The response of {@code answer} as it leaves {@code headers}. */
    private static Response through(DefaultHeaders headers, Answer answer) {
        EmbeddedChannel channel = channel(headers);
        channel.writeAndFlush(answer);
        Answer out = written(channel, Answer.class);
        assertThat(out).isSameAs(answer);
        return out.response();
    }

    private static Response through(DefaultHeaders headers, Response response) {
        return through(headers, new Answer(request("GET", "/"), response));
    }

    @Test
    void missingDefaultsAreAdded() {
        Response response = through(DefaultHeaders.always(SITE_DEFAULTS), Response.text(200, "x"));

        assertThat(response.header("server")).isEqualTo("latch");
        assertThat(response.header("x-content-type-options")).isEqualTo("nosniff");
        assertThat(response.header("content-type")).as("the handler's own stay").isEqualTo("text/plain; charset=utf-8");
    }

    @Test
    void aHeaderTheHandlerSetIsNeverOverriddenWhateverItsCase() {
        Response response = through(DefaultHeaders.always(SITE_DEFAULTS),
                Response.text(200, "x").header("Server", "my-app"));

        assertThat(response.headers()).filteredOn(h -> h.getKey().toString().equalsIgnoreCase("server"))
                .singleElement().extracting(h -> h.getValue().toString()).isEqualTo("my-app");
        assertThat(response.header("x-content-type-options")).isEqualTo("nosniff");
    }

    @Test
    void aDefaultNamedInCapitalsDoesNotOverrideTheHandlersHeaderEither() {
        Map.Entry<CharSequence, CharSequence> shouting = Map.entry("X-Frame-Options", "SAMEORIGIN");

        Response response = through(DefaultHeaders.always(List.of(shouting)),
                Response.text(200, "x").header("x-frame-options", "DENY"));

        assertThat(response.headers()).filteredOn(h -> h.getKey().toString().equalsIgnoreCase("x-frame-options"))
                .singleElement().extracting(h -> h.getValue().toString()).isEqualTo("DENY");
    }

    @Test
    void theDefaultsMayDependOnTheAnswer() {
        DefaultHeaders bySite = new DefaultHeaders(answer -> "a.test".equals(answer.request().host())
                ? List.of(DefaultHeaders.header("strict-transport-security", "max-age=60")) : null);

        Response forA = through(bySite, new Answer(request("GET", "/").routedTo("a.test"), Response.text(200, "a")));
        Response unrouted = through(bySite, Response.text(400, "no host"));

        assertThat(forA.header("strict-transport-security")).isEqualTo("max-age=60");
        assertThat(unrouted.header("strict-transport-security")).isNull();
    }

    @Test
    void whatIsNotAnAnswerPassesUntouched() {
        EmbeddedChannel channel = channel(DefaultHeaders.always(SITE_DEFAULTS));

        channel.writeAndFlush("raw");

        assertThat(written(channel, String.class)).isEqualTo("raw");
    }
}
