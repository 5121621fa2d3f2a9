package dev.latch.proxy;

import java.net.InetAddress;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A proxy on a free loopback port for one test class, with the loopback test policy and a
 * recording access log; {@link #close()} checks that it left no connection, socket or buffer behind.
 */
final class ProxyUnderTest implements AutoCloseable {
    final RecordingLog log = new RecordingLog();
    final ForwardProxy proxy;
    private final Set<String> socketsBefore;

    private ProxyUnderTest(UnaryOperator<ProxyConfig.Builder> settings) throws Exception {
        socketsBefore = Sockets.open();
        proxy = ForwardProxy.start(settings.apply(ProxyConfig.builder().listen(InetAddress.getLoopbackAddress(), 0)
                .destinations(TestDestinations.loopback()).accessLog(log).threads(2)).build());
    }

    static ProxyUnderTest start(UnaryOperator<ProxyConfig.Builder> settings) throws Exception {
        return new ProxyUnderTest(settings);
    }

    int port() {
        return proxy.ports().get(0);
    }

    /** The defaults with other tunnel limits and timeouts. */
    static ProxyLimits limits(int maxTunnels, int perClient, java.time.Duration idle, java.time.Duration connect) {
        ProxyLimits d = ProxyLimits.defaults();
        return new ProxyLimits(maxTunnels, perClient, d.maxConnections(), d.maxRequestLine(), d.maxHeaderBytes(),
                d.headerTimeout(), idle, connect);
    }

    /** Waits up to 5 s for every tunnel to have ended, then says whether they had. */
    boolean tunnelsEnded() throws InterruptedException {
        for (int i = 0; i < 500 && proxy.stats().openTunnels() > 0; i++) {
            Thread.sleep(10);
        }
        return proxy.stats().openTunnels() == 0;
    }

    @Override
    public void close() throws Exception {
        Sockets.assertCleanAfter(proxy, socketsBefore);
    }
}
