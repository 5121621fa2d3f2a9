package dev.latch.cli.proxy;

import dev.latch.core.LatchException;
import dev.latch.proxy.ForwardProxy;
import dev.latch.proxy.ProxyConfig;
import dev.latch.proxy.auth.ProxyAuth;
import dev.latch.proxy.auth.UsersAuth;
import dev.latch.proxy.config.ProxyConfigFile;
import dev.latch.proxy.config.ProxySettings;
import dev.latch.proxy.policy.Destinations;
import dev.latch.proxy.policy.NameResolver;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** The proxy module's real parts: its destination policy, users file, config file reader and engine. */
final class EngineParts implements ProxyParts {

    @Override
    public Destinations destinations(ProxySettings settings) {
        return settings.destinations(NameResolver.system()).build();
    }

    @Override
    public ProxyAuth users(Path file, Consumer<String> events) {
        return UsersAuth.open(file, events);
    }

    @Override
    public ProxySettings configFile(Path file) {
        return ProxyConfigFile.read(file);
    }

    @Override
    public RunningProxy start(ProxyConfig config) {
        ForwardProxy proxy;
        try {
            proxy = ForwardProxy.start(config);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LatchException("interrupted while starting the proxy", "start it again");
        }
        return new RunningProxy() {
            @Override
            public List<InetSocketAddress> addresses() {
                return proxy.addresses();
            }

            @Override
            public String transport() {
                return proxy.transport();
            }

            @Override
            public InetSocketAddress status() {
                return config.status() == null ? null
                        : new InetSocketAddress(config.status().getAddress(), proxy.statusPort());
            }

            @Override
            public void close(Duration drain) {
                proxy.close(drain);
            }
        };
    }
}
