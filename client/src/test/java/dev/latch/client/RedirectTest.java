package dev.latch.client;

import dev.latch.client.failure.ClientFailure;
import dev.latch.client.failure.FailureKind;
import dev.latch.client.message.BodySink;
import dev.latch.client.message.ClientRequest;
import dev.latch.client.message.Header;
import dev.latch.client.message.RequestBody;
import dev.latch.client.trace.Step;
import dev.latch.client.trace.TraceEvent;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Redirects followed against a real HTTP server (RFC 9110 §15.4). */
class RedirectTest {
    private static ClientRequest request(String method, String url, String body, Header... headers) {
        return new ClientRequest(method, URI.create(url), List.of(headers),
                body == null ? null : new RequestBody.Bytes(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aRelativeLocationIsFollowedAndOnlyTheFinalBodyReachesTheSink() throws Exception {
        try (HttpPeer peer = new HttpPeer().on("/old", HttpPeer.redirect(301, "../new/page"))
                .on("/new/", HttpPeer.redirect(302, "/final?x=1")).on("/final", HttpPeer.text(200, "the end"));
             TestClients clients = new TestClients()) {
            clients.maxRedirects = 5;
            String base = "http://127.0.0.1:" + peer.port();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            ClientResponse response = clients.client().send(ClientRequest.get(URI.create(base + "/old/x")), head -> body);

            assertThat(response.status()).isEqualTo(200);
            assertThat(body.toString()).isEqualTo("the end");
            assertThat(response.url()).hasToString(base + "/final?x=1");
            assertThat(response.redirects()).extracting(URI::toString).containsExactly(base + "/old/x", base + "/new/page");
            assertThat(peer.seen).extracting(HttpPeer.Seen::path).containsExactly("/old/x", "/new/page", "/final?x=1");
            List<TraceEvent> redirects = response.trace().events().stream().filter(e -> e.step() == Step.REDIRECT).toList();
            assertThat(redirects).extracting(e -> e.facts().get("status")).containsExactly(301, 302);
            assertThat(redirects.get(0).facts()).containsEntry("from", base + "/old/x").containsEntry("to", base + "/new/page");
            assertThat(response.timings().redirects()).isPositive();
        }
    }

    @Test
    void withoutFollowingTheRedirectIsTheResponse() throws Exception {
        try (HttpPeer peer = new HttpPeer().on("/old", HttpPeer.redirect(302, "/new"));
             TestClients clients = new TestClients()) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            ClientResponse response = clients.client().send(
                    ClientRequest.get(URI.create("http://127.0.0.1:" + peer.port() + "/old")), head -> body);
            assertThat(response.status()).isEqualTo(302);
            assertThat(body.toString()).isEqualTo("moved to /new");
            assertThat(response.redirects()).isEmpty();
            assertThat(peer.seen).hasSize(1);
        }
    }

    @Test
    void see303TurnsPostIntoGetWithoutBody() throws Exception {
        try (HttpPeer peer = new HttpPeer().on("/form", HttpPeer.redirect(303, "/done")).on("/done", HttpPeer.text(200, "ok"));
             TestClients clients = new TestClients()) {
            clients.maxRedirects = 1;
            ClientResponse response = clients.client().send(request("POST", "http://127.0.0.1:" + peer.port() + "/form",
                    "a=1", new Header("Content-Type", "application/x-www-form-urlencoded")), BodySink.discard());
            assertThat(response.status()).isEqualTo(200);
            assertThat(peer.seen).extracting(HttpPeer.Seen::method).containsExactly("POST", "GET");
            assertThat(peer.seen).extracting(HttpPeer.Seen::body).containsExactly("a=1", "");
            assertThat(peer.seen.get(0).header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
            assertThat(peer.seen.get(1).header("Content-Type")).isNull();
        }
    }

    @Test
    void headStaysHeadOn303() throws Exception {
        try (HttpPeer peer = new HttpPeer().on("/a", HttpPeer.redirect(303, "/b")).on("/b", HttpPeer.text(200, ""));
             TestClients clients = new TestClients()) {
            clients.maxRedirects = 1;
            clients.client().send(request("HEAD", "http://127.0.0.1:" + peer.port() + "/a", null), BodySink.discard());
            assertThat(peer.seen).extracting(HttpPeer.Seen::method).containsExactly("HEAD", "HEAD");
        }
    }

    @Test
    void temporaryAndPermanentRedirects307And308KeepMethodAndBody() throws Exception {
        try (HttpPeer peer = new HttpPeer().on("/a", HttpPeer.redirect(307, "/b")).on("/b", HttpPeer.redirect(308, "/c"))
                .on("/c", HttpPeer.text(201, "made"));
             TestClients clients = new TestClients()) {
            clients.maxRedirects = 2;
            ClientResponse response = clients.client().send(request("PUT", "http://127.0.0.1:" + peer.port() + "/a", "data"),
                    BodySink.discard());
            assertThat(response.status()).isEqualTo(201);
            assertThat(peer.seen).extracting(HttpPeer.Seen::method).containsExactly("PUT", "PUT", "PUT");
            assertThat(peer.seen).extracting(HttpPeer.Seen::body).containsExactly("data", "data", "data");
        }
    }

    @Test
    void credentialsStayWithTheirHost() throws Exception {
        try (HttpPeer peer = new HttpPeer();
             TestClients clients = new TestClients()) {
            String a = "http://a.test:" + peer.port();
            String b = "http://b.test:" + peer.port();
            peer.on("/one", HttpPeer.redirect(302, "/two")).on("/two", HttpPeer.redirect(302, b + "/three"))
                    .on("/three", HttpPeer.text(200, "there"));
            clients.resolve("a.test", peer.port(), InetAddress.getLoopbackAddress());
            clients.resolve("b.test", peer.port(), InetAddress.getLoopbackAddress());
            clients.maxRedirects = 2;
            clients.client().send(request("GET", a + "/one", null, new Header("Authorization", "Basic dTpw"),
                    new Header("Cookie", "s=1"), new Header("X-Other", "kept")), BodySink.discard());

            assertThat(peer.seen).extracting(HttpPeer.Seen::authorization).containsExactly("Basic dTpw", "Basic dTpw", null);
            assertThat(peer.seen).extracting(HttpPeer.Seen::cookie).containsExactly("s=1", "s=1", null);
            assertThat(peer.seen.get(2).header("X-Other")).isEqualTo("kept");
            assertThat(peer.seen.get(2).host()).isEqualTo("b.test:" + peer.port());
        }
    }

    @Test
    void aLoopEndsAtTheLimit() throws Exception {
        try (HttpPeer peer = new HttpPeer().on("/loop", HttpPeer.redirect(302, "/loop"));
             TestClients clients = new TestClients()) {
            clients.maxRedirects = 3;
            assertThatThrownBy(() -> clients.get("http://127.0.0.1:" + peer.port() + "/loop"))
                    .isInstanceOfSatisfying(ClientFailure.class, failure -> {
                        assertThat(failure.kind()).isEqualTo(FailureKind.TOO_MANY_REDIRECTS);
                        assertThat(failure.kind().exitCode()).isEqualTo(47);
                        assertThat(failure.getMessage()).startsWith("more than 3 redirects");
                        assertThat(failure.trace().events()).filteredOn(e -> e.step() == Step.REDIRECT).hasSize(3);
                        assertThat(failure.trace().events()).last().extracting(TraceEvent::step).isEqualTo(Step.FAILED);
                    });
            assertThat(peer.seen).hasSize(4);
        }
    }

    @Test
    void aRedirectToAnotherSchemeIsRefused() throws Exception {
        try (HttpPeer peer = new HttpPeer().on("/", HttpPeer.redirect(302, "gopher://127.0.0.1/"));
             TestClients clients = new TestClients()) {
            clients.maxRedirects = 3;
            assertThatThrownBy(() -> clients.get("http://127.0.0.1:" + peer.port() + "/"))
                    .isInstanceOfSatisfying(ClientFailure.class,
                            failure -> assertThat(failure.kind()).isEqualTo(FailureKind.UNSUPPORTED_PROTOCOL));
        }
    }
}
