package dev.latch.proxy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

/** Proxy authentication: 407 with the challenge, 429 when rate-limited, and credentials never forwarded. */
class AuthTest {
    private static ProxyUnderTest under;
    private static ForwardProxy proxy;

    @BeforeAll
    static void start() throws Exception {
        under = ProxyUnderTest.start(b -> b.auth(new TestAuth()));
        proxy = under.proxy;
    }

    @AfterAll
    static void stop() throws Exception {
        under.close();
    }

    private static String connect(int port, String credentials) {
        return "CONNECT 127.0.0.1:" + port + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                + (credentials == null ? "" : "Proxy-Authorization: " + credentials + "\r\n") + "\r\n";
    }

    @Test
    void noOrWrongCredentialsGet407WithTheBasicChallenge() throws Exception {
        try (Upstream upstream = Upstream.echoThenBye()) {
            for (String credentials : new String[] {null, TestAuth.basic("alice", "wrong"), "Bearer x"}) {
                try (RawClient client = new RawClient(proxy.ports().get(0))) {
                    client.send(connect(upstream.port(), credentials));
                    String head = client.head();
                    assertThat(head).startsWith("HTTP/1.1 407 Proxy Authentication Required")
                            .contains("proxy-authenticate: Basic realm=\"latch proxy\", charset=\"UTF-8\"");
                }
            }
            assertThat(upstream.connections.get()).as("nothing reached the upstream").isZero();
        }
    }

    @Test
    void aRateLimitedClientGets429WithRetryAfter() throws Exception {
        try (RawClient client = new RawClient(proxy.ports().get(0))) {
            client.send(connect(9, TestAuth.basic("blocked", TestAuth.PASSWORD)));
            assertThat(client.head()).startsWith("HTTP/1.1 429 ").contains("retry-after: 60");
        }
    }

    @Test
    void theRightCredentialsOpenTheTunnelAndTheLogNamesTheUser() throws Exception {
        try (Upstream upstream = Upstream.echoThenBye(); RawClient client = new RawClient(proxy.ports().get(0))) {
            client.send(connect(upstream.port(), TestAuth.basic(TestAuth.USER, TestAuth.PASSWORD)));
            assertThat(client.head()).startsWith("HTTP/1.1 200 Connection established");
            client.send("ping");
            assertThat(client.body(4)).isEqualTo("ping");
        }
        assertThat(under.log.await(r -> r.method().equals("CONNECT") && r.status() == 200).user()).isEqualTo(TestAuth.USER);
    }

    @Test
    void after407OnAForwardedRequestTheSameConnectionMayRetryWithCredentials() throws Exception {
        try (HttpUpstream origin = new HttpUpstream(); RawClient client = new RawClient(proxy.ports().get(0))) {
            String url = "http://127.0.0.1:" + origin.port() + "/x";
            client.send("GET " + url + " HTTP/1.1\r\nHost: x\r\n\r\n");
            String refused = client.head();
            assertThat(refused).startsWith("HTTP/1.1 407 ").doesNotContainIgnoringCase("connection: close");
            client.body(RawClient.contentLength(refused));
            client.send("GET " + url + " HTTP/1.1\r\nHost: x\r\nProxy-Authorization: "
                    + TestAuth.basic(TestAuth.USER, TestAuth.PASSWORD) + "\r\n\r\n");
            String head = client.head();
            assertThat(client.body(RawClient.contentLength(head))).isEqualTo("got 0 bytes for /x");
            assertThat(origin.heads.get(0)).doesNotContainIgnoringCase("proxy-authorization");
        }
    }
}
