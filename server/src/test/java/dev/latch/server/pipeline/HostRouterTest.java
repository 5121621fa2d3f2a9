package dev.latch.server.pipeline;

import dev.latch.server.site.Sites;
import dev.latch.http.Answer;
import dev.latch.http.Request;
import dev.latch.server.site.VirtualHost;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static dev.latch.server.pipeline.PipelineTestSupport.answered;
import static dev.latch.server.pipeline.PipelineTestSupport.body;
import static dev.latch.server.pipeline.PipelineTestSupport.nothingAnswered;
import static dev.latch.server.pipeline.PipelineTestSupport.connection;
import static dev.latch.server.pipeline.PipelineTestSupport.passedOn;
import static dev.latch.server.pipeline.PipelineTestSupport.request;
import static dev.latch.server.pipeline.PipelineTestSupport.site;
import static org.assertj.core.api.Assertions.assertThat;

class HostRouterTest {
    private final VirtualHost a = site("a.test", "www.a.test");
    private final VirtualHost b = site("b.test");
    private final VirtualHost wildcard = site("*.w.test");
    private final HostRouter router = new HostRouter(new Sites(List.of(a, b, wildcard), a));

    /** What the router passes on for a request with this Host on a connection made for {@code site}. */
    private Request routed(VirtualHost site, String host) {
        EmbeddedChannel channel = connection(site, router);
        Request original = request(host, "/path?q=1");
        channel.writeInbound(original);
        Request request = passedOn(channel);
        assertThat(request).as("passed on").isNotNull();
        assertThat(request.target()).isEqualTo(original.target());
        assertThat(nothingAnswered(channel)).isTrue();
        return request;
    }

    private Answer refused(VirtualHost site, String host) {
        return refused(site, host, null);
    }

    /** @param targetAuthority the authority of an absolute-form target, or null for origin-form */
    private Answer refused(VirtualHost site, String host, String targetAuthority) {
        EmbeddedChannel channel = connection(site, router);
        Request request = request(host, "/");
        channel.writeInbound(targetAuthority == null ? request : request.withTargetAuthority(targetAuthority));
        assertThat(passedOn(channel)).as("not passed on").isNull();
        return answered(channel);
    }

    @Test
    void aRequestWithoutHostGets400() {
        Answer answer = refused(a, null);

        assertThat(answer.response().status()).isEqualTo(400);
        assertThat(body(answer.response())).contains("no valid Host header");
        assertThat(answer.request().host()).as("no site to route to").isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "a.test:http", "user@a.test", "a.test/x", "[::1", "2001:db8::1", "a.test:123456"})
    void aMalformedHostGets400(String host) {
        assertThat(refused(a, host).response().status()).isEqualTo(400);
    }

    @Test
    void theConnectionsOwnSiteIsPassedOnUnderItsCanonicalName() {
        assertThat(routed(a, "a.test").host()).isEqualTo("a.test");
    }

    @Test
    void portCaseAndATrailingDotDoNotChangeTheSite() {
        assertThat(routed(a, "A.Test.:8443").host()).isEqualTo("a.test");
    }

    @Test
    void anAliasIsPassedOnUnderItsSitesCanonicalName() {
        assertThat(routed(a, "www.a.test").host()).isEqualTo("a.test");
    }

    @Test
    void aNameNoSiteHasGoesToTheConnectionsSite() {
        assertThat(routed(b, "unknown.example").host()).isEqualTo("b.test");
        assertThat(routed(b, "[2001:db8::1]:443").host()).isEqualTo("b.test");
    }

    @Test
    void aWildcardSiteAnswersForTheNamesItCovers() {
        assertThat(routed(wildcard, "x.w.test").host()).isEqualTo("*.w.test");
    }

    @Test
    void anAbsoluteFormTargetsAuthorityWinsOverHost() {
        EmbeddedChannel channel = connection(a, router);
        channel.writeInbound(request("b.test", "/x").withTargetAuthority("a.test:8443"));
        assertThat(passedOn(channel).host()).as("RFC 9112 §3.2.2: the Host b.test is ignored").isEqualTo("a.test");

        Answer answer = refused(a, null, "b.test");
        assertThat(answer.response().status()).isEqualTo(421);
    }

    @Test
    void anotherSitesNameGets421RoutedToTheConnectionsSite() {
        Answer answer = refused(a, "b.test");

        assertThat(answer.response().status()).isEqualTo(421);
        assertThat(answer.request().host()).as("its headers and log line are the connection's site's").isEqualTo("a.test");
        assertThat(body(answer.response())).contains("made for a.test, not b.test");
    }

    @Test
    void anotherSitesAliasGets421Too() {
        Answer answer = refused(b, "www.a.test");

        assertThat(answer.response().status()).isEqualTo(421);
        assertThat(answer.request().host()).isEqualTo("b.test");
    }
}
