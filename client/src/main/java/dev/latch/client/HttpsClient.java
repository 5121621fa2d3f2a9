package dev.latch.client;

import dev.latch.client.connect.ClientLoop;
import dev.latch.client.connect.Dialer;
import dev.latch.client.failure.ClientFailure;
import dev.latch.client.failure.FailureKind;
import dev.latch.client.message.BodySink;
import dev.latch.client.message.ClientRequest;
import dev.latch.client.options.ClientOptions;
import dev.latch.client.proxy.ProxySelection;
import dev.latch.client.trace.TraceListener;
import dev.latch.client.trust.TrustOptions;
import dev.latch.tls.TlsEngine;
import dev.latch.tls.certs.KeyMaterial;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small HTTPS client for Java code and the engine of {@code latch get}: sends a request over
 * HTTP/1.1 or HTTP/2 (by ALPN), directly or through a proxy, and returns the response together
 * with the handshake record and the verdict on the server's certificate. Blocking; one exchange
 * at a time per call, any number of calls at once.
 *
 * <pre>{@code
 * try (HttpsClient client = HttpsClient.builder().trust(TrustOptions.system()).build()) {
 *     ClientResponse response = client.send(ClientRequest.get(URI.create("https://example.test/")), BodySink.discard());
 *     response.connection().trust().report().summary();
 * }
 * }</pre>
 *
 */
public final class HttpsClient implements AutoCloseable {
    private final ClientOptions options;
    private final ClientLoop loop = new ClientLoop();
    private final Sender sender;

    private HttpsClient(ClientOptions options) {
        this.options = options;
        this.sender = new Sender(options, new Dialer(options, loop));
    }

    public static Builder builder() {
        return new Builder();
    }

    public ClientOptions options() {
        return options;
    }

    /**
     * Sends the request and reads the response into the sink, following redirects when asked.
     * A response with any status is a response: only a failure to get one throws.
     *
     * @throws ClientFailure with its {@link FailureKind}, the verdict when a certificate was judged, and the trace
     */
    public ClientResponse send(ClientRequest request, BodySink sink) throws ClientFailure {
        return sender.send(request, sink);
    }

    /** Ends the client's event loop and any idle connections it keeps. */
    @Override
    public void close() {
        loop.close();
    }

    public static final class Builder {
        private TlsEngine engine = TlsEngine.BORINGSSL;
        private TrustOptions trust;
        private KeyMaterial clientCertificate;
        private ProxySelection proxy;
        private final Map<String, List<InetAddress>> resolve = new LinkedHashMap<>();
        private Duration connectTimeout = Duration.ofSeconds(30);
        private Duration maxTime;
        private String tlsMin = "TLSv1.2";
        private String tlsMax = "TLSv1.3";
        private final List<String> groups = new ArrayList<>();
        private boolean http2 = true;
        private int maxRedirects;
        private String userAgent = "latch";
        private TraceListener listener = TraceListener.NONE;

        private Builder() {
        }

        public Builder engine(TlsEngine value) {
            engine = value;
            return this;
        }

        public Builder trust(TrustOptions value) {
            trust = value;
            return this;
        }

        public Builder clientCertificate(KeyMaterial value) {
            clientCertificate = value;
            return this;
        }

        public Builder proxy(ProxySelection value) {
            proxy = value;
            return this;
        }

        public Builder resolve(String host, int port, List<InetAddress> addresses) {
            resolve.put(host.toLowerCase(java.util.Locale.ROOT) + ":" + port, List.copyOf(addresses));
            return this;
        }

        public Builder connectTimeout(Duration value) {
            connectTimeout = value;
            return this;
        }

        public Builder maxTime(Duration value) {
            maxTime = value;
            return this;
        }

        public Builder tlsVersions(String min, String max) {
            tlsMin = min;
            tlsMax = max;
            return this;
        }

        public Builder groups(List<String> value) {
            groups.clear();
            groups.addAll(value);
            return this;
        }

        public Builder http2(boolean value) {
            http2 = value;
            return this;
        }

        public Builder followRedirects(int max) {
            maxRedirects = max;
            return this;
        }

        public Builder userAgent(String value) {
            userAgent = value;
            return this;
        }

        /** Hears each step of every exchange as it happens. */
        public Builder listener(TraceListener value) {
            listener = value;
            return this;
        }

        public HttpsClient build() {
            return new HttpsClient(new ClientOptions(engine, trust == null ? TrustOptions.system() : trust, clientCertificate,
                    proxy == null ? ProxySelection.none() : proxy, resolve, connectTimeout, maxTime, tlsMin, tlsMax,
                    groups, http2, maxRedirects, userAgent, listener));
        }
    }
}
