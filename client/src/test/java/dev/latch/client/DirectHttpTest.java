package dev.latch.client;

import dev.latch.client.failure.ClientFailure;
import dev.latch.client.failure.FailureKind;
import dev.latch.client.message.ClientRequest;
import dev.latch.client.trace.Step;
import dev.latch.client.trace.TraceEvent;
import dev.latch.testkit.FreePorts;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Plain HTTP straight to a server: the scheme's port and the URL, names and --resolve, connect failures, max time. */
class DirectHttpTest {
    private static List<Step> steps(List<TraceEvent> events) {
        return events.stream().map(TraceEvent::step).toList();
    }

    @Test
    void getsAPageAndSaysHowItCame() throws Exception {
        try (HttpPeer peer = new HttpPeer().on("/", HttpPeer.text(200, "hello"));
             TestClients clients = new TestClients()) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            ClientResponse response = clients.client().send(ClientRequest.get(
                    URI.create("http://127.0.0.1:" + peer.port() + "/a/b?x=1#frag")), head -> body);

            assertThat(response.status()).isEqualTo(200);
            assertThat(body.toString()).isEqualTo("hello");
            assertThat(peer.seen).singleElement().satisfies(seen -> assertThat(seen.path()).isEqualTo("/a/b?x=1"));
            assertThat(peer.seen.get(0).header("User-Agent")).isEqualTo("latch-test");
            assertThat(response.connection().remote().getPort()).isEqualTo(peer.port());
            assertThat(response.connection().handshake()).isNull();
            assertThat(response.connection().trust()).isNull();
            assertThat(response.connection().proxy()).isNull();
            // an address is not looked up: no RESOLVE step, no name-lookup time
            assertThat(steps(response.trace().events())).containsExactly(Step.CONNECT, Step.REQUEST, Step.RESPONSE, Step.BODY);
            assertThat(response.timings().nameLookup()).isZero();
            assertThat(response.timings().tlsHandshake()).isZero();
            assertThat(response.timings().connect()).isPositive();
            assertThat(response.timings().total()).isGreaterThanOrEqualTo(response.timings().startTransfer());
            assertThat(response.redirects()).isEmpty();
        }
    }

    @Test
    void resolveGivesTheAddressOfAName() throws Exception {
        try (HttpPeer peer = new HttpPeer().on("/", HttpPeer.text(200, "hello"));
             TestClients clients = new TestClients()) {
            clients.resolve("a.test", peer.port(), InetAddress.getLoopbackAddress());
            ClientResponse response = clients.get("http://A.test:" + peer.port() + "/");

            assertThat(response.status()).isEqualTo(200);
            TraceEvent resolve = response.trace().events().get(0);
            assertThat(resolve.step()).isEqualTo(Step.RESOLVE);
            assertThat(resolve.facts()).containsEntry("host", "a.test").containsEntry("source", "--resolve")
                    .containsEntry("addresses", List.of("127.0.0.1"));
            assertThat(peer.seen.get(0).host()).isEqualToIgnoringCase("a.test:" + peer.port());
        }
    }

    @Test
    void aNameThatDoesNotResolveFailsWithTheTrace() {
        try (TestClients clients = new TestClients()) {
            assertThatThrownBy(() -> clients.get("http://nothing-here.invalid/"))
                    .isInstanceOfSatisfying(ClientFailure.class, failure -> {
                        assertThat(failure.kind()).isEqualTo(FailureKind.NAME_NOT_RESOLVED);
                        assertThat(failure.kind().exitCode()).isEqualTo(6);
                        assertThat(failure.getMessage()).contains("nothing-here.invalid");
                        assertThat(failure.hint()).contains("--resolve nothing-here.invalid:80:");
                        assertThat(steps(failure.trace().events())).containsExactly(Step.FAILED);
                        assertThat(failure.trace().events().get(0).facts()).containsEntry("kind", "NAME_NOT_RESOLVED");
                    });
        }
    }

    @Test
    void aRefusedPortIsAConnectFailureAfterTryingEachAddress() throws Exception {
        int closed = FreePorts.loopback();
        try (TestClients clients = new TestClients()) {
            clients.resolve("two.test", closed, InetAddress.getByName("127.0.0.1"), InetAddress.getByName("127.0.0.2"));
            assertThatThrownBy(() -> clients.get("http://two.test:" + closed + "/"))
                    .isInstanceOfSatisfying(ClientFailure.class, failure -> {
                        assertThat(failure.kind()).isEqualTo(FailureKind.CONNECT_FAILED);
                        assertThat(failure.getMessage()).endsWith("could not connect to 127.0.0.2 port " + closed + ": Connection refused");
                        List<TraceEvent> connects = failure.trace().events().stream()
                                .filter(e -> e.step() == Step.CONNECT).toList();
                        assertThat(connects).extracting(e -> e.facts().get("address")).containsExactly("127.0.0.1", "127.0.0.2");
                        assertThat(connects).allSatisfy(e -> assertThat(e.facts()).containsEntry("ok", false).containsKey("error"));
                    });
        }
    }

    @Test
    void theNextAddressIsTriedWhenOneRefuses() throws Exception {
        try (HttpPeer peer = new HttpPeer().on("/", HttpPeer.text(200, "hello"));
             TestClients clients = new TestClients()) {
            clients.resolve("two.test", peer.port(), InetAddress.getByName("127.0.0.2"), InetAddress.getByName("127.0.0.1"));
            ClientResponse response = clients.get("http://two.test:" + peer.port() + "/");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.connection().remote().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void otherSchemesAndBadUrlsAreRefusedBeforeAnyConnection() {
        try (TestClients clients = new TestClients()) {
            assertThatThrownBy(() -> clients.get("ftp://127.0.0.1/file"))
                    .isInstanceOfSatisfying(ClientFailure.class, f -> assertThat(f.kind()).isEqualTo(FailureKind.UNSUPPORTED_PROTOCOL));
            assertThatThrownBy(() -> clients.get("http:///no-host"))
                    .isInstanceOfSatisfying(ClientFailure.class, f -> assertThat(f.kind()).isEqualTo(FailureKind.BAD_URL));
            assertThatThrownBy(() -> clients.get("/relative"))
                    .isInstanceOfSatisfying(ClientFailure.class, f -> assertThat(f.kind()).isEqualTo(FailureKind.BAD_URL));
        }
    }

    @Test
    void anIpv6LiteralIsConnectedTo() throws Exception {
        InetAddress loopback6 = InetAddress.getByName("::1");
        assertThat(loopback6).isInstanceOf(Inet6Address.class);
        try (HttpPeer peer = new HttpPeer(loopback6).on("/", HttpPeer.text(200, "six"));
             TestClients clients = new TestClients()) {
            ClientResponse response = clients.get("http://[::1]:" + peer.port() + "/");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.connection().remote().getAddress()).isEqualTo(loopback6);
        }
    }

    @Test
    void maxTimeEndsAnExchangeTheServerNeverAnswers() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             TestClients clients = new TestClients()) {
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (java.io.IOException end) {
                    // closed at the end of the test
                }
            });
            clients.maxTime = Duration.ofMillis(700);
            assertThatThrownBy(() -> clients.get("http://127.0.0.1:" + silent.getLocalPort() + "/"))
                    .isInstanceOfSatisfying(ClientFailure.class, failure -> {
                        assertThat(failure.kind()).isEqualTo(FailureKind.TIMEOUT);
                        assertThat(failure.kind().exitCode()).isEqualTo(28);
                        assertThat(failure.getMessage()).contains("did not finish within 700 ms");
                        // it got as far as the connection: the time ran out while waiting for the answer
                        assertThat(steps(failure.trace().events())).containsExactly(Step.CONNECT, Step.REQUEST, Step.FAILED);
                    });
            silent.close();
            acceptor.join();
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    @Test
    void aConnectionThatIsNeverAcceptedTimesOut() throws Exception {
        // a listening socket that never accepts, its queue filled: the kernel drops further SYNs, so connects hang
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             TestClients clients = new TestClients()) {
            List<Socket> fillers = new ArrayList<>();
            try {
                for (int i = 0; i < 16; i++) {
                    Socket filler = new Socket();
                    fillers.add(filler);
                    filler.connect(new InetSocketAddress(full.getInetAddress(), full.getLocalPort()), 300);
                }
            } catch (java.net.SocketTimeoutException queueFull) {
                // the queue is full now
            }
            clients.connectTimeout = Duration.ofMillis(500);
            try {
                assertThatThrownBy(() -> clients.get("http://127.0.0.1:" + full.getLocalPort() + "/"))
                        .isInstanceOfSatisfying(ClientFailure.class, failure -> {
                            assertThat(failure.kind()).isEqualTo(FailureKind.TIMEOUT);
                            assertThat(failure.getMessage()).contains("no answer within 500 ms");
                            assertThat(failure.hint()).contains("--connect-timeout");
                        });
            } finally {
                for (Socket filler : fillers) {
                    filler.close();
                }
            }
        }
    }
}
