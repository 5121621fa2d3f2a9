package dev.latch.cli.proxy;

import dev.latch.http.log.AccessLog;
import dev.latch.http.log.AccessRecord;
import dev.latch.proxy.ForwardProxy;
import dev.latch.proxy.ProxyConfig;
import dev.latch.proxy.auth.PasswordHash;
import dev.latch.proxy.auth.ProxyAuth;
import dev.latch.proxy.auth.UsersAuth;
import dev.latch.proxy.auth.UsersFile;
import dev.latch.proxy.policy.DestinationPolicy;
import dev.latch.proxy.policy.NameResolver;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** Proxies as the tests start them: on a free loopback port, reaching only the {@link Upstreams}. */
final class TestProxies {
    /** A name the policy refuses before it is looked up. */
    static final String BLOCKED = "blocked.test";
    /** A name that does not resolve (the resolver knows only the tests' names; nothing is looked up). */
    static final String UNKNOWN = "nosuch.test";

    private TestProxies() {
    }

    static InetAddress loopback() {
        try {
            return InetAddress.getByName("127.0.0.1");
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * The policy the in-process tests share: CONNECT only to {@code connectPorts}; loopback, which
     * the policy refuses by default, allowed; {@link #BLOCKED} denied; names from a fixed table, so
     * that no test depends on DNS.
     */
    static DestinationPolicy.Builder policy(Integer... connectPorts) {
        return DestinationPolicy.builder()
                .ports(List.of(connectPorts))
                .allow("127.0.0.1")
                .deny(BLOCKED)
                .resolver(NameResolver.fixed(Map.of(Upstreams.SITE, List.of(loopback()), BLOCKED, List.of(loopback()))));
    }

    /** A config on 127.0.0.1, a free port, with {@link #policy} for the HTTPS upstream and {@code log}. */
    static ProxyConfig.Builder config(Upstreams upstreams, AccessLog log) {
        return config(log, upstreams.httpsPort());
    }

    static ProxyConfig.Builder config(AccessLog log, Integer... connectPorts) {
        return ProxyConfig.builder().listen(loopback(), 0).destinations(policy(connectPorts).build()).accessLog(log)
                .threads(2);
    }

    /** The proxy's own authentication: a users file in {@code dir} with one user, as {@code latch proxy user add} writes it. */
    static ProxyAuth users(Path dir, String user, String password) {
        Path file = dir.resolve("users");
        new UsersFile(file).add(user, PasswordHash.of(password.getBytes(StandardCharsets.UTF_8)), false);
        return UsersAuth.open(file, event -> { });
    }

    static ForwardProxy start(ProxyConfig.Builder config) throws InterruptedException {
        return ForwardProxy.start(config.build());
    }

    static int port(ForwardProxy proxy) {
        return proxy.ports().get(0);
    }

    /** The access log kept in memory, one formatted line a record. */
    static final class Lines extends AccessLog {
        final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public void log(AccessRecord record) {
            lines.add(AccessLog.format(record) + " upstream=" + record.upstream());
        }

        @Override
        public void close() {
        }

        /** Waits up to 5 s for a line that matches (a line is written when a tunnel or request ends). */
        String await(Predicate<String> wanted) throws InterruptedException {
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (System.nanoTime() < deadline) {
                for (String line : lines) {
                    if (wanted.test(line)) {
                        return line;
                    }
                }
                Thread.sleep(20);
            }
            assertThat(lines).as("access log").anyMatch(wanted);
            return null;
        }
    }
}
