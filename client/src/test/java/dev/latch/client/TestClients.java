package dev.latch.client;

import dev.latch.client.message.BodySink;
import dev.latch.client.message.ClientRequest;
import dev.latch.client.proxy.ProxySelection;
import dev.latch.client.trust.TrustOptions;
import dev.latch.tls.TlsEngine;
import dev.latch.tls.certs.KeyMaterial;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** HttpsClients for tests: options set field by field, each client made by the builder and closed with this. */
public final class TestClients implements AutoCloseable {
    public TlsEngine engine = TlsEngine.BORINGSSL;
    public TrustOptions trust;
    public KeyMaterial clientCertificate;
    public ProxySelection proxy = ProxySelection.none();
    public final List<Object[]> resolve = new ArrayList<>();
    public Duration connectTimeout = Duration.ofSeconds(10);
    public Duration maxTime = Duration.ofSeconds(30);
    public String tlsMin = "TLSv1.2";
    public String tlsMax = "TLSv1.3";
    public List<String> groups = new ArrayList<>();
    public boolean http2 = true;
    public int maxRedirects;

    private final List<HttpsClient> made = new ArrayList<>();

    /** Sends {@code host}:{@code port} to {@code address}, as curl's {@code --resolve}. */
    public void resolve(String host, int port, InetAddress... addresses) {
        resolve.add(new Object[] {host, port, List.of(addresses)});
    }

    @SuppressWarnings("unchecked")
    public HttpsClient client() {
        HttpsClient.Builder builder = HttpsClient.builder().engine(engine).clientCertificate(clientCertificate).proxy(proxy)
                .connectTimeout(connectTimeout).maxTime(maxTime).tlsVersions(tlsMin, tlsMax).groups(groups).http2(http2)
                .followRedirects(maxRedirects).userAgent("latch-test");
        if (trust != null) {
            builder.trust(trust);
        }
        for (Object[] entry : resolve) {
            builder.resolve((String) entry[0], (Integer) entry[1], (List<InetAddress>) entry[2]);
        }
        HttpsClient client = builder.build();
        made.add(client);
        return client;
    }

    public ClientResponse get(String url) {
        return client().send(ClientRequest.get(URI.create(url)), BodySink.discard());
    }

    @Override
    public void close() {
        made.forEach(HttpsClient::close);
    }
}
