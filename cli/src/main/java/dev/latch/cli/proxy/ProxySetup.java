package dev.latch.cli.proxy;

import dev.latch.proxy.ProxyConfig;
import dev.latch.tls.TlsEngine;

import java.nio.file.Path;

/**
 * What the options came to: the proxy's configuration, and what the start-up lines tell of it.
 *
 * @param config      what the proxy runs with
 * @param rules       the destination rules from the flags; null when they come from {@code configFile}
 * @param users       the users file, or null when no authentication is asked
 * @param engine      the TLS engine when the proxy listens over TLS, else null
 * @param certificate the proxy's own certificate when it listens over TLS, else null
 * @param configFile  the YAML file the settings came from, or null
 */
public record ProxySetup(ProxyConfig config, DestinationRules rules, Path users, TlsEngine.Choice engine,
                         ProxyCertificate certificate, Path configFile) {
}
