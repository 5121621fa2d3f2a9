package dev.latch.bench.proxy;

import dev.latch.http.log.AccessLog;
import dev.latch.proxy.ForwardProxy;
import dev.latch.proxy.ProxyConfig;
import dev.latch.proxy.policy.DestinationPolicy;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * Latch's forward proxy for {@code bench/run-proxy.sh} where the CLI has no {@code latch proxy}:
 * the same engine, configured as the script configures the other proxies, and as
 * {@code latch proxy --listen 127.0.0.1:PORT --allow 127.0.0.1 --ports PORTS --access-log off} would:
 * CONNECT only to PORTS, loopback allowed, no authentication, no access log.
 *
 * <pre>ProxyMain PORT PORTS   (PORTS: comma-separated; ProxyMain --check exits 0 at once)</pre>
 */
public final class ProxyMain {
    private ProxyMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length == 1 && args[0].equals("--check")) {
            return; // the script asks whether this build has it
        }
        InetAddress loopback = InetAddress.getLoopbackAddress();
        DestinationPolicy policy = DestinationPolicy.builder()
                .ports(Arrays.stream(args[1].split(",")).map(Integer::valueOf).toList())
                .allow(loopback.getHostAddress())
                .build();
        ForwardProxy proxy = ForwardProxy.start(ProxyConfig.builder().listen(loopback, Integer.parseInt(args[0]))
                .destinations(policy).accessLog(AccessLog.OFF).build());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            proxy.close();
            stopped.countDown();
        }));
        System.out.println("listening on " + loopback.getHostAddress() + ":" + proxy.ports().get(0) + " (" + proxy.transport() + ")");
        stopped.await();
    }
}
