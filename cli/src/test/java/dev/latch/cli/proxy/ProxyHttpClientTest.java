package dev.latch.cli.proxy;

import dev.latch.proxy.ForwardProxy;
import dev.latch.proxy.auth.ProxyAuth;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The JDK's own HttpClient through the proxy, as a Java application would use it: a
 * {@link ProxySelector} and an {@link Authenticator} that answers the proxy's 407.
 *
 * <p>The JDK refuses Basic credentials for CONNECT tunnels unless
 * {@code jdk.http.auth.tunneling.disabledSchemes} says otherwise (its default is "Basic"); an
 * application that uses a Basic proxy sets it empty, as this class does before the client loads.
 */
class ProxyHttpClientTest {
    static {
        // read once, when the JDK's HTTP client first authenticates: this class sets it before that
        System.setProperty("jdk.http.auth.tunneling.disabledSchemes", "");
    }

    @TempDir
    static Path shared;
    static Upstreams upstreams;
    static TestProxies.Lines log = new TestProxies.Lines();
    static ForwardProxy proxy;
    static SSLContext trustingTheCa;

    @BeforeAll
    static void start() throws Exception {
        upstreams = Upstreams.start(shared);
        proxy = TestProxies.start(TestProxies.config(upstreams, log)
                .auth(TestProxies.users(shared, "alice", "correct horse")));
        trustingTheCa = upstreams.ca.clientContext();
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (upstreams != null) {
            upstreams.close();
        }
    }

    /** What the authenticator was asked: "TYPE scheme realm host". */
    private final List<String> asked = new CopyOnWriteArrayList<>();

    private HttpClient client(String user, String password) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", TestProxies.port(proxy))))
                .sslContext(trustingTheCa).connectTimeout(Duration.ofSeconds(10));
        if (password != null) {
            builder.authenticator(new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    asked.add(getRequestorType() + " " + getRequestingScheme() + " " + getRequestingPrompt());
                    return getRequestorType() == RequestorType.PROXY
                            ? new PasswordAuthentication(user, password.toCharArray()) : null;
                }
            });
        }
        return builder.build();
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build();
    }

    private HttpResponse<String> fetch(String user, String password, String url) throws IOException, InterruptedException {
        try (HttpClient client = client(user, password)) {
            return client.send(get(url), HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void anHttpsRequestGoesThroughTheTunnelOnceTheAuthenticatorAnswers() throws Exception {
        HttpResponse<String> response = fetch("alice", "correct horse", "https://" + Upstreams.SITE + ":" + upstreams.httpsPort() + "/");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("secure " + upstreams.marker + "\n");
        assertThat(response.sslSession()).isPresent();
        // the client met the 407 first and learnt the scheme and realm from Proxy-Authenticate
        assertThat(asked).containsExactly("PROXY basic " + ProxyAuth.REALM);
    }

    @Test
    void aPlainRequestIsForwardedWithTheCredentials() throws Exception {
        HttpResponse<String> response = fetch("alice", "correct horse", "http://" + Upstreams.SITE + ":" + upstreams.plainPort() + "/jdk");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("plain /jdk\n").containsPattern("\nvia: 1\\.1 latch")
                .doesNotContain("proxy-authorization");
        assertThat(asked).containsExactly("PROXY basic " + ProxyAuth.REALM);
    }

    @Test
    void aWrongPasswordEndsInTheProxysRefusal() throws Exception {
        // the JDK (25) ends this with an IOException whose message varies ("Tunnel failed, got: 407",
        // or an internal NullPointerException's text once the proxy closed the connection after 407)
        assertThatThrownBy(() -> fetch("mallory", "guess", "https://" + Upstreams.SITE + ":" + upstreams.httpsPort() + "/"))
                .isInstanceOf(IOException.class);
        assertThat(asked).isNotEmpty().allMatch(a -> a.equals("PROXY basic " + ProxyAuth.REALM));
        // the proxy refused the user the client named, and let no tunnel through for it
        log.await(l -> l.contains(" - mallory [") && l.contains("CONNECT " + Upstreams.SITE + ":") && l.contains("\" 407 "));
        assertThat(log.lines).noneMatch(l -> l.contains(" - mallory [") && l.contains("\" 200 "));
    }

    @Test
    void withoutAnAuthenticatorThePlainAnswerIs407() throws Exception {
        HttpResponse<String> response = fetch(null, null, "http://" + Upstreams.SITE + ":" + upstreams.plainPort() + "/");
        assertThat(response.statusCode()).isEqualTo(407);
        assertThat(response.headers().firstValue("proxy-authenticate")).get().asString()
                .startsWith("Basic realm=\"" + ProxyAuth.REALM + "\"");
    }
}
