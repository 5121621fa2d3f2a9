package dev.latch.server.pipeline;

import dev.latch.server.site.Sites;
import dev.latch.http.Answer;
import dev.latch.http.Request;
import dev.latch.server.site.VirtualHost;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.latch.server.pipeline.PipelineTestSupport.answered;
import static dev.latch.server.pipeline.PipelineTestSupport.body;
import static dev.latch.server.pipeline.PipelineTestSupport.nothingAnswered;
import static dev.latch.server.pipeline.PipelineTestSupport.passedOn;
import static dev.latch.server.pipeline.PipelineTestSupport.request;
import static dev.latch.server.pipeline.PipelineTestSupport.site;
import static org.assertj.core.api.Assertions.assertThat;

class AliasRedirectTest {
    private final VirtualHost a = site("a.test", "www.a.test", "*.old.a.test");
    private final VirtualHost b = site("b.test");
    private final EmbeddedChannel channel = new EmbeddedChannel(new AliasRedirect(new Sites(List.of(a, b), a)));

    /** A request with this Host, routed (as the host router does) to {@code site}. */
    private Answer redirected(VirtualHost site, String host, String target) {
        channel.writeInbound(request(host, target).routedTo(site.name()));
        assertThat(passedOn(channel)).as("not passed on").isNull();
        Answer answer = answered(channel);
        assertThat(answer.response().status()).isEqualTo(301);
        return answer;
    }

    private String location(String host, String target) {
        return redirected(a, host, target).response().header("location");
    }

    @Test
    void anAliasGets301ToTheSameTargetOnTheCanonicalName() {
        Answer answer = redirected(a, "www.a.test", "/docs/x?y=1");

        assertThat(answer.response().header("location")).isEqualTo("https://a.test/docs/x?y=1");
        assertThat(body(answer.response())).contains("href=\"https://a.test/docs/x?y=1\"");
        assertThat(answer.request().host()).as("answered by the canonical site").isEqualTo("a.test");
    }

    @Test
    void thePortTheClientUsedIsKeptUnlessItIs443() {
        assertThat(location("www.a.test:8443", "/")).isEqualTo("https://a.test:8443/");
        assertThat(location("www.a.test:443", "/")).isEqualTo("https://a.test/");
    }

    @Test
    void aliasesMatchWhateverTheCaseAndByWildcard() {
        assertThat(location("WWW.A.TEST", "/")).isEqualTo("https://a.test/");
        assertThat(location("x.old.a.test", "/y")).isEqualTo("https://a.test/y");
    }

    @Test
    void theLocationIsBuiltFromThePathSoNoTargetMovesItToAnotherHost() {
        assertThat(location("www.a.test", "//evil.example/x")).isEqualTo("https://a.test/evil.example/x");
        assertThat(location("www.a.test", "/\\evil.example?q")).isEqualTo("https://a.test/%5Cevil.example?q");
        assertThat(location("www.a.test", "/a/../../x")).isEqualTo("https://a.test/x");
    }

    @Test
    void aTargetThatIsNotAPathGets400() {
        channel.writeInbound(request("www.a.test", "@evil.example/x").routedTo("a.test"));

        assertThat(answered(channel).response().status()).isEqualTo(400);
    }

    @Test
    void anAbsoluteFormTargetsAuthorityIsTheOneThatCounts() {
        channel.writeInbound(request("a.test", "/x").withTargetAuthority("www.a.test:8443").routedTo("a.test"));

        assertThat(answered(channel).response().header("location")).isEqualTo("https://a.test:8443/x");
    }

    @Test
    void theCanonicalNameIsPassedOn() {
        Request request = request("a.test", "/").routedTo("a.test");

        channel.writeInbound(request);

        assertThat(passedOn(channel)).isSameAs(request);
        assertThat(nothingAnswered(channel)).isTrue();
    }

    @Test
    void aSiteWithoutAliasesPassesEveryRequestOn() {
        Request request = request("whatever.example", "/").routedTo("b.test");

        channel.writeInbound(request);

        assertThat(passedOn(channel)).isSameAs(request);
    }
}
