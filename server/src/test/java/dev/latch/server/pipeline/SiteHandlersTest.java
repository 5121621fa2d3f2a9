package dev.latch.server.pipeline;

import dev.latch.server.site.Sites;
import dev.latch.http.Answer;
import dev.latch.http.Response;
import dev.latch.http.log.AccessLog;
import dev.latch.http.log.AccessRecord;
import dev.latch.server.site.VirtualHost;
import dev.latch.server.pipeline.PipelineTestSupport.RecordingLog;
import dev.latch.tls.ClientAuth;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.latch.server.pipeline.PipelineTestSupport.answered;
import static dev.latch.server.pipeline.PipelineTestSupport.body;
import static dev.latch.server.pipeline.PipelineTestSupport.connection;
import static dev.latch.server.pipeline.PipelineTestSupport.request;
import static dev.latch.server.pipeline.PipelineTestSupport.site;
import static org.assertj.core.api.Assertions.assertThat;

/** The site handlers in the order {@link SiteHandlers} puts them: what one of them answers still goes out secured and logged. */
class SiteHandlersTest {
    private static final String HSTS = "max-age=31536000";

    private final List<String> events = new ArrayList<>();
    private final List<String> handled = new ArrayList<>();
    private final RecordingLog log = new RecordingLog();
    private final VirtualHost a = site("a.test", List.of("www.a.test"), ClientAuth.NONE, request -> {
        handled.add(request.host() + " " + request.path());
        return Response.text(200, "site a");
    });
    private final VirtualHost b = site("b.test");
    private final VirtualHost framed = site("framed.test", List.of(), ClientAuth.NONE,
            request -> Response.text(200, "own").header("x-frame-options", "DENY"));
    private final VirtualHost locked = site("locked.test", List.of(), ClientAuth.REQUIRE, request -> Response.text(200, "in"));
    private final VirtualHost broken = site("broken.test", List.of(), ClientAuth.NONE, request -> {
        throw new IllegalStateException("no database");
    });
    private final Sites sites = new Sites(List.of(a, b, framed, locked, broken), a);

    /** The answer to a request with this Host on a connection made for {@code site}, with the log as given. */
    private Answer answer(VirtualHost site, String host, AccessLog accessLog) {
        EmbeddedChannel channel = connection(site);
        new SiteHandlers(sites, accessLog, events::add).addTo(channel.pipeline());
        channel.writeInbound(request(host, "/page"));
        return answered(channel);
    }

    private Answer answer(VirtualHost site, String host) {
        return answer(site, host, log);
    }

    private AccessRecord logged() {
        assertThat(log.records).hasSize(1);
        return log.records.get(0);
    }

    private static void assertSecured(Answer answer) {
        Response response = answer.response();
        assertThat(response.header("strict-transport-security")).isEqualTo(HSTS);
        assertThat(response.header("x-content-type-options")).isEqualTo("nosniff");
        assertThat(response.header("referrer-policy")).isEqualTo("strict-origin-when-cross-origin");
        assertThat(response.header("server")).isEqualTo("latch");
    }

    @Test
    void theSitesHandlerAnswersSecuredAndLoggedOnce() {
        Answer answer = answer(a, "a.test");

        assertThat(body(answer.response())).isEqualTo("site a");
        assertThat(handled).containsExactly("a.test /page");
        assertSecured(answer);
        assertThat(answer.response().header("x-frame-options")).isEqualTo("SAMEORIGIN");
        assertThat(logged().status()).isEqualTo(200);
        assertThat(logged().host()).isEqualTo("a.test");
    }

    @Test
    void aHeaderTheHandlerSetIsKeptOverTheSitesDefault() {
        Answer answer = answer(framed, "framed.test");

        assertThat(answer.response().header("x-frame-options")).isEqualTo("DENY");
        assertThat(answer.response().header("strict-transport-security")).isEqualTo(HSTS);
    }

    @Test
    void aMisdirectedRequestIsAnsweredByTheRouterSecuredAndLogged() {
        Answer answer = answer(a, "b.test");

        assertThat(answer.response().status()).isEqualTo(421);
        assertThat(handled).as("no site's handler ran").isEmpty();
        assertSecured(answer);
        assertThat(logged().status()).isEqualTo(421);
        assertThat(logged().host()).isEqualTo("a.test");
    }

    @Test
    void anAliasRedirectIsSecuredAndLogged() {
        Answer answer = answer(a, "www.a.test");

        assertThat(answer.response().status()).isEqualTo(301);
        assertThat(answer.response().header("location")).isEqualTo("https://a.test/page");
        assertThat(handled).isEmpty();
        assertSecured(answer);
        assertThat(logged().status()).isEqualTo(301);
    }

    @Test
    void aMissingClientCertificateIsRefusedSecuredAndLogged() {
        Answer answer = answer(locked, "locked.test");

        assertThat(answer.response().status()).isEqualTo(403);
        assertSecured(answer);
        assertThat(logged().status()).isEqualTo(403);
        assertThat(logged().host()).isEqualTo("locked.test");
    }

    @Test
    void aRequestWithoutHostIsRefusedAndLoggedWithoutASite() {
        Answer answer = answer(a, null);

        assertThat(answer.response().status()).isEqualTo(400);
        assertThat(logged().status()).isEqualTo(400);
        assertThat(logged().host()).isNull();
    }

    @Test
    void aFailingHandlerGives500SecuredLoggedAndOneEvent() {
        Answer answer = answer(broken, "broken.test");

        assertThat(answer.response().status()).isEqualTo(500);
        assertThat(body(answer.response())).doesNotContain("no database");
        assertSecured(answer);
        assertThat(logged().status()).isEqualTo(500);
        assertThat(events).singleElement().asString().contains("broken.test GET /page").contains("no database");
    }

    @Test
    void theHandlersStandInTheirOrderAndTheLogOnlyWhenItIsOn() {
        EmbeddedChannel logged = connection(a);
        EmbeddedChannel unlogged = connection(a);

        new SiteHandlers(sites, log, events::add).addTo(logged.pipeline());
        new SiteHandlers(sites, AccessLog.OFF, events::add).addTo(unlogged.pipeline());

        List<String> order = List.of("security-headers", "host-router", "alias-redirect", "client-certificate",
                "application");
        assertThat(logged.pipeline().names()).containsSubsequence(List.of("access-log")).containsSubsequence(order)
                .startsWith("access-log");
        assertThat(unlogged.pipeline().names()).doesNotContain("access-log").containsSubsequence(order);
    }

    @Test
    void withNoAliasAndNoRequiredCertificateTheirHandlersAreLeftOut() {
        VirtualHost plain = site("plain.test");
        Sites plainSites = new Sites(List.of(plain, b), plain);
        EmbeddedChannel channel = connection(plain);

        new SiteHandlers(plainSites, AccessLog.OFF, events::add).addTo(channel.pipeline());

        assertThat(channel.pipeline().names()).doesNotContain("alias-redirect", "client-certificate")
                .containsSubsequence("security-headers", "host-router", "application");
        channel.writeInbound(request("plain.test", "/page"));
        assertThat(answered(channel).response().status()).isEqualTo(200);
    }
}
