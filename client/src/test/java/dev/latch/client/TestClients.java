package dev.latch.client;

import dev.latch.client.connect.ClientLoop;
import dev.latch.client.connect.Dialer;
import dev.latch.client.connect.TlsProfiles;
import dev.latch.client.proxy.ProxyEndpoint;
import dev.latch.client.trace.TraceListener;
import dev.latch.client.trust.TrustOptions;
import dev.latch.tls.TlsEngine;
import dev.latch.tls.certs.KeyMaterial;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The client's engine as HttpsClient wires it, with the stand-ins for the parts other helpers write (trust,
 * exchange, proxy selection), and options set field by field.
 */
final class TestClients implements AutoCloseable {
    TlsEngine engine = TlsEngine.BORINGSSL;
    TrustOptions trust;
    KeyMaterial clientCertificate;
    Function<URI, ProxyEndpoint> proxy = url -> null;
    final Map<String, List<InetAddress>> resolve = new LinkedHashMap<>();
    Duration connectTimeout = Duration.ofSeconds(10);
    Duration maxTime = Duration.ofSeconds(30);
    String tlsMin = "TLSv1.2";
    String tlsMax = "TLSv1.3";
    List<String> groups = new ArrayList<>();
    boolean http2 = true;
    int maxRedirects;
    TraceListener listener = TraceListener.NONE;

    final ExchangeDouble exchanges = new ExchangeDouble();
    final List<TrustDouble> trusts = new ArrayList<>();
    private final ClientLoop loop = new ClientLoop();

    HttpsClient.Options options() {
        return new HttpsClient.Options(engine, trust, clientCertificate, null, resolve, connectTimeout, maxTime, tlsMin,
                tlsMax, groups, http2, maxRedirects, "latch-test", listener);
    }

    Sender sender() {
        HttpsClient.Options options = options();
        TlsProfiles tls = new TlsProfiles(options, trustOptions -> {
            TrustDouble made = new TrustDouble(trustOptions);
            trusts.add(made);
            return made;
        });
        return new Sender(options, new Dialer(options, loop, tls, proxy), exchanges);
    }

    ClientResponse get(String url) {
        return sender().send(ClientRequest.get(URI.create(url)), BodySink.discard());
    }

    @Override
    public void close() {
        loop.close();
    }
}
