package dev.latch.cli.proxy;

import dev.latch.http.log.AccessLog;
import dev.latch.proxy.ForwardProxy;
import dev.latch.proxy.ProxyConfig;
import dev.latch.proxy.policy.DestinationPolicy;
import dev.latch.proxy.policy.NameResolver;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Run by {@link ProxyNamespaceTest} inside a network namespace with only loopback (with the test's
 * class path): the {@link Upstreams} and a proxy with the default destination policy, except that
 * {@value Upstreams#SITE} is allowed (and resolves to 127.0.0.1) and CONNECT may also reach the HTTPS
 * upstream's port. Prints {@code proxy PORT}, {@code https PORT}, {@code plain PORT}, {@code marker …}, {@code root PEM}, then
 * {@code ready}, then an access-log line per request; runs until its standard input ends.
 */
public final class NamespacePeers {
    private NamespacePeers() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        try (Upstreams upstreams = Upstreams.start(Path.of(args[0]))) {
            DestinationPolicy policy = DestinationPolicy.builder()
                    .ports(List.of(443, upstreams.httpsPort()))
                    .allow(Upstreams.SITE)
                    .resolver(NameResolver.system().withOverrides(Map.of(Upstreams.SITE, List.of(TestProxies.loopback()))))
                    .build();
            try (ForwardProxy proxy = ForwardProxy.start(ProxyConfig.builder().listen(TestProxies.loopback(), 0)
                    .destinations(policy).accessLog(AccessLog.toStdout(AccessLog.Format.COMBINED)).build())) {
                System.out.println("proxy " + TestProxies.port(proxy));
                System.out.println("https " + upstreams.httpsPort());
                System.out.println("plain " + upstreams.plainPort());
                System.out.println("marker " + upstreams.marker);
                System.out.println("root " + upstreams.rootPem);
                System.out.println("ready");
                System.out.flush();
                while (System.in.read() >= 0) {
                    // until the test closes our input (or ends us)
                }
            }
        }
    }
}
