package dev.latch.cli.proxy;

import dev.latch.proxy.ProxyConfig;
import dev.latch.proxy.auth.ProxyAuth;
import dev.latch.proxy.config.ProxySettings;
import dev.latch.proxy.policy.Destinations;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * What {@code latch proxy} takes from the proxy module: its destination policy, its users file,
 * its config file and its engine. {@link EngineParts} is the real one; the command's tests give
 * their own to check what the options become without starting a proxy.
 */
public interface ProxyParts {
    /** The policy the settings give; a pattern or CIDR it cannot read is an IllegalArgumentException or a UsageException. */
    Destinations destinations(ProxySettings settings);

    /**
     * Basic authentication against the users file (it exists).
     *
     * @param events hears one line when a change of the file cannot be read (the last good users stay)
     */
    ProxyAuth users(Path file, Consumer<String> events);

    /** The settings of a YAML config file. */
    ProxySettings configFile(Path file);

    /** Starts the proxy: it listens when this returns. */
    RunningProxy start(ProxyConfig config);
}
