package dev.latch.server.pipeline;

import dev.latch.server.site.Sites;
import dev.latch.http.Answer;
import dev.latch.http.Request;
import dev.latch.http.Response;
import dev.latch.server.site.VirtualHost;
import dev.latch.tls.ClientAuth;
import dev.latch.tls.handshake.ClientIdentity;
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

class ClientCertificateGateTest {
    private static final ClientIdentity ALICE = new ClientIdentity(ClientIdentity.Status.TRUSTED, "CN=alice", null, null);
    private static final ClientIdentity MALLORY = new ClientIdentity(ClientIdentity.Status.REFUSED,
            "CN=mallory,O=<Evil>", "the certificate expired on 2026-01-01: renew it", null);

    private final VirtualHost required = site("required.test", List.of(), ClientAuth.REQUIRE, r -> Response.text(200, "in"));
    private final VirtualHost optional = site("optional.test", List.of(), ClientAuth.OPTIONAL, r -> Response.text(200, "in"));
    private final VirtualHost open = site("open.test");
    private final EmbeddedChannel channel = new EmbeddedChannel(new ClientCertificateGate(
            new Sites(List.of(required, optional, open), open)));

    private Request to(VirtualHost site, ClientIdentity client) {
        return request(site.name(), "/", client).routedTo(site.name());
    }

    private Response refused(ClientIdentity client) {
        channel.writeInbound(to(required, client));
        assertThat(passedOn(channel)).as("not passed on").isNull();
        Answer answer = answered(channel);
        assertThat(answer.response().status()).isEqualTo(403);
        assertThat(answer.request().host()).isEqualTo("required.test");
        return answer.response();
    }

    private void assertPassedOn(Request request) {
        channel.writeInbound(request);
        assertThat(passedOn(channel)).isSameAs(request);
        assertThat(nothingAnswered(channel)).isTrue();
    }

    @Test
    void aRequiredCertificateNotSentGets403SayingNoneWasSent() {
        Response response = refused(ClientIdentity.ANONYMOUS);

        assertThat(body(response)).contains("Client Certificate Required").contains("sent none").contains("--cert");
    }

    @Test
    void aConnectionWithoutAnyVerdictCountsAsNoneSent() {
        assertThat(body(refused(null))).contains("sent none");
    }

    @Test
    void aRefusedCertificateGets403WithItsSubjectAndWhatWasWrong() {
        Response response = refused(MALLORY);

        assertThat(body(response))
                .contains("CN=mallory,O=&lt;Evil&gt;")
                .contains("the certificate expired on 2026-01-01: renew it")
                .doesNotContain("<Evil>");
    }

    @Test
    void aTrustedCertificateIsPassedOn() {
        assertPassedOn(to(required, ALICE));
    }

    @Test
    void anOptionalSiteServesClientsWithoutOrWithRefusedCertificates() {
        assertPassedOn(to(optional, ClientIdentity.ANONYMOUS));
        assertPassedOn(to(optional, MALLORY));
    }

    @Test
    void aSiteThatAsksForNoCertificatePassesEverythingOn() {
        assertPassedOn(to(open, null));
    }
}
