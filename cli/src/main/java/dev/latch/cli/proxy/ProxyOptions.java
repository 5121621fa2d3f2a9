package dev.latch.cli.proxy;

import com.google.common.net.InetAddresses;
import dev.latch.cli.support.CaHomeOption;
import dev.latch.cli.support.PassphraseOptions;
import dev.latch.core.LatchException;
import dev.latch.core.UsageException;
import dev.latch.http.log.AccessLog;
import dev.latch.proxy.ProxyConfig;
import dev.latch.proxy.ProxyLimits;
import dev.latch.proxy.auth.ProxyAuth;
import dev.latch.proxy.auth.UsersFile;
import dev.latch.proxy.config.ProxySettings;
import dev.latch.proxy.policy.Destinations;
import dev.latch.tls.TlsEngine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The flags of {@code latch proxy}, and the one place they become a {@link ProxyConfig}: every
 * mistake in them is found (exit 2) before anything is created, opened or listened on.
 */
public final class ProxyOptions {
    @Option(names = "--listen", paramLabel = "HOST:PORT", converter = ProxyConverters.Address.class,
            description = "Address to listen on (repeatable; default: 127.0.0.1:3128; [::1]:3128 for IPv6; port 0 picks a free one).")
    List<InetSocketAddress> listen = new ArrayList<>();

    @Option(names = "--users", paramLabel = "FILE",
            description = "Users who may use the proxy (Basic Proxy-Authorization); default: $LATCH_HOME/proxy/users when it exists.")
    Path users;

    @Option(names = "--open",
            description = "Accept listening beyond loopback without authentication: anyone who can reach the proxy may use it.")
    boolean open;

    @Option(names = "--allow", paramLabel = "HOST|CIDR",
            description = "Allow a host pattern (a.test, *.a.test) or a CIDR, even in the ranges denied by default (repeatable).")
    List<String> allow = new ArrayList<>();

    @Option(names = "--deny", paramLabel = "HOST|CIDR", description = "Deny a host pattern or a CIDR (repeatable).")
    List<String> deny = new ArrayList<>();

    @Option(names = "--only-allowed",
            description = "Reach only what --allow names; every other destination is denied.")
    boolean onlyAllowed;

    @Option(names = "--ports", paramLabel = "PORT", split = ",",
            description = "Ports CONNECT may reach (default: 443,8443).")
    List<Integer> ports;

    @Option(names = "--resolve", paramLabel = "NAME:ADDRESS", converter = ProxyConverters.Resolve.class,
            description = "Use ADDRESS (or several, comma-separated) for NAME instead of DNS, like curl's --resolve (repeatable); the policy still judges it.")
    List<NameOverride> resolve = new ArrayList<>();

    @Option(names = "--tls", description = "Listen over TLS (clients use https://… as the proxy URL) with a certificate from the local CA.")
    boolean tls;

    @Option(names = "--name", paramLabel = "NAME",
            description = "A name in the proxy's certificate with --tls (repeatable; default: localhost and the addresses listened on).")
    List<String> names = new ArrayList<>();

    @Option(names = "--cert", paramLabel = "FILE", description = "Certificate chain (PEM) for --tls instead of one from the local CA.")
    Path cert;

    @Option(names = "--key", paramLabel = "FILE", description = "Private key of --cert.")
    Path key;

    @Option(names = "--tls-engine", paramLabel = "ENGINE",
            description = "With --tls: boringssl (default; falls back to jdk when it cannot load) or jdk.")
    String engine;

    @Option(names = "--max-tunnels", paramLabel = "N",
            description = "Open tunnels and forwarded requests at once; more get 503 (default: 10000).")
    Integer maxTunnels;

    @Option(names = "--max-tunnels-per-client", paramLabel = "N",
            description = "The same per client address; more get 429 (default: 256).")
    Integer maxTunnelsPerClient;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS",
            description = "Time to connect to a destination; then 504 (default: 10).")
    Integer connectTimeout;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS",
            description = "A connection or tunnel quiet both ways this long is closed (default: 300).")
    Integer idleTimeout;

    @Option(names = "--access-log", paramLabel = "FILE|-|off",
            description = "A line per request or tunnel (default: - , standard output).")
    String accessLog;

    @Option(names = "--json", description = "Print the start as one JSON line, and the access log as JSON lines.")
    boolean json;

    @Option(names = "--status", paramLabel = "HOST:PORT", converter = ProxyConverters.Address.class,
            description = "Serve open tunnels and totals on this loopback address (default: none).")
    InetSocketAddress status;

    @Option(names = "--config", paramLabel = "FILE", description = "Settings from a YAML file (see above).")
    Path config;

    @Mixin
    CaHomeOption home;

    @Mixin
    PassphraseOptions passphrase;

    boolean json() {
        return json;
    }

    /**
     * Checks the options and builds the proxy's configuration: the flags, or the {@code --config}
     * file with this run's output flags laid over it, go the same way from settings to configuration.
     *
     * @param notices hears one-line notices: a local CA created, a certificate warning, events of the running proxy
     */
    public ProxySetup setup(ProxyParts parts, Consumer<String> notices) {
        ProxySettings settings = config != null ? fileSettings(parts) : flagSettings();
        List<InetSocketAddress> listenAddresses = settings.listen().isEmpty()
                ? List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), ProxyConfig.DEFAULT_PORT))
                : settings.listen();
        boolean overTls = settings.tls() != null;
        if (!overTls && (!names.isEmpty() || engine != null)) {
            throw new IllegalArgumentException((names.isEmpty() ? "--tls-engine" : "--name")
                    + " is for a proxy that listens over TLS: add --tls" + (config == null ? "" : " (tls: in " + config + ")"));
        }
        TlsEngine.Choice engineChoice = overTls ? engineChoice() : null;
        List<String> certificateNames = overTls && settings.tls().auto() ? certificateNames(listenAddresses) : names;
        Path usersFile = usersFile(settings.users(), UsersFile.defaultPath());

        DestinationRules rules = DestinationRules.of(settings);
        ProxyConfig.Builder builder = ProxyConfig.builder()
                .destinations(destinations(parts, settings))
                .auth(usersFile == null ? ProxyAuth.none() : parts.users(usersFile, notices))
                .open(Boolean.TRUE.equals(settings.open()))
                .limits(settings.limits(ProxyLimits.defaults()))
                .status(settings.status())
                .events(notices);
        listenAddresses.forEach(builder::listen);
        build(builder); // refuses what ProxyConfig refuses (beyond loopback without users) before a CA or log is made

        ProxyCertificate certificate = null;
        if (overTls) {
            certificate = settings.tls().auto()
                    ? ProxyCertificate.fromLocalCa(home.caHome(), passphrase.source(), certificateNames, notices)
                    : ProxyCertificate.fromFiles(settings.tls().cert(), settings.tls().key(), passphrase.source(), names,
                    notices);
            builder.tls(certificate.material(), engineChoice.engine());
        }
        builder.accessLog(AccessLog.open(settings.accessLog() == null ? ProxySettings.STDOUT : settings.accessLog(),
                Path.of("").toAbsolutePath(), json ? AccessLog.Format.JSON
                        : settings.accessLogFormat() == null ? AccessLog.Format.COMBINED : settings.accessLogFormat()));
        return new ProxySetup(build(builder), rules, usersFile, engineChoice, certificate, config);
    }

    /** The flags as the settings a config file would give. */
    private ProxySettings flagSettings() {
        for (int port : ports == null ? List.<Integer>of() : ports) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("--ports takes port numbers (1-65535), not " + port);
            }
        }
        Set<InetSocketAddress> distinct = new LinkedHashSet<>();
        for (InetSocketAddress address : listen) {
            if (address.getPort() != 0 && !distinct.add(address)) {
                throw new IllegalArgumentException("--listen " + SocketAddresses.text(address) + " is given twice");
            }
        }
        if ((cert == null) != (key == null)) {
            throw new IllegalArgumentException("--cert and --key go together");
        }
        ProxySettings.TlsSettings tlsSettings = cert != null ? new ProxySettings.TlsSettings(cert, key)
                : tls ? new ProxySettings.TlsSettings(null, null) : null;
        ProxySettings.LimitsSettings limits = new ProxySettings.LimitsSettings(
                atLeastOne("--max-tunnels", maxTunnels), atLeastOne("--max-tunnels-per-client", maxTunnelsPerClient),
                null, null, null, null, seconds("--idle-timeout", idleTimeout),
                seconds("--connect-timeout", connectTimeout));
        return new ProxySettings(listen, tlsSettings, users, open, allow, deny, onlyAllowed, ports, limits, accessLog,
                null, status, overrides());
    }

    /** With --config the file says how the proxy runs; the flags left are about this run's output. */
    private ProxySettings fileSettings(ProxyParts parts) {
        List<String> inFile = new ArrayList<>();
        addIf(inFile, !listen.isEmpty(), "--listen");
        addIf(inFile, users != null, "--users");
        addIf(inFile, open, "--open");
        addIf(inFile, !allow.isEmpty(), "--allow");
        addIf(inFile, !deny.isEmpty(), "--deny");
        addIf(inFile, onlyAllowed, "--only-allowed");
        addIf(inFile, ports != null, "--ports");
        addIf(inFile, !resolve.isEmpty(), "--resolve");
        addIf(inFile, tls || cert != null || key != null, "--tls");
        addIf(inFile, maxTunnels != null || maxTunnelsPerClient != null || connectTimeout != null || idleTimeout != null,
                "the limits");
        if (!inFile.isEmpty()) {
            throw new IllegalArgumentException("with --config, put " + String.join(", ", inFile)
                    + " in the file (on the command line: --access-log, --json, --status, --name, --tls-engine)");
        }
        ProxySettings file = parts.configFile(config);
        return new ProxySettings(file.listen(), file.tls(), file.users(), file.open(), file.allow(), file.deny(),
                file.onlyAllowed(), file.ports(), file.limits(), accessLog != null ? accessLog : file.accessLog(),
                file.accessLogFormat(), status != null ? status : file.status(), file.resolve());
    }

    private static void addIf(List<String> names, boolean given, String name) {
        if (given) {
            names.add(name);
        }
    }

    /** ProxyConfig's refusals are about what was asked: usage errors, with its words. */
    private static ProxyConfig build(ProxyConfig.Builder builder) {
        try {
            return builder.build();
        } catch (UsageException e) {
            throw e;
        } catch (LatchException e) {
            throw new UsageException(e.getMessage(), e.hint());
        }
    }

    private static Destinations destinations(ProxyParts parts, ProxySettings settings) {
        try {
            return parts.destinations(settings);
        } catch (UsageException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), "see 'latch proxy --help' for --allow and --deny");
        }
    }

    private Map<String, List<InetAddress>> overrides() {
        Map<String, List<InetAddress>> byName = new LinkedHashMap<>();
        for (NameOverride override : resolve) {
            byName.computeIfAbsent(override.name(), name -> new ArrayList<>()).addAll(override.addresses());
        }
        return byName;
    }

    private static Integer atLeastOne(String option, Integer given) {
        if (given != null && given < 1) {
            throw new IllegalArgumentException(option + " must be at least 1, not " + given);
        }
        return given;
    }

    private static Duration seconds(String option, Integer given) {
        return given == null ? null : Duration.ofSeconds(atLeastOne(option, given));
    }

    private TlsEngine.Choice engineChoice() {
        try {
            return TlsEngine.choose(engine == null ? TlsEngine.BORINGSSL : TlsEngine.parse(engine));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--tls-engine: " + e.getMessage());
        }
    }

    /** The names clients reach the proxy by: --name, else localhost and the loopback or other address listened on. */
    private List<String> certificateNames(List<InetSocketAddress> addresses) {
        if (!names.isEmpty()) {
            return names;
        }
        Set<String> derived = new LinkedHashSet<>();
        for (InetSocketAddress address : addresses) {
            InetAddress ip = address.getAddress();
            if (ip.isAnyLocalAddress()) {
                throw new IllegalArgumentException("with --tls on " + SocketAddresses.text(address)
                        + ", give the names clients use for the proxy with --name (its certificate carries them)");
            }
            if (ip.isLoopbackAddress()) {
                derived.add("localhost");
            }
            derived.add(InetAddresses.toAddrString(ip));
        }
        return List.copyOf(derived);
    }

    /** The given users file (--users or users:), else the default file when it exists; null when nobody need authenticate. */
    static Path usersFile(Path users, Path usual) {
        if (users != null) {
            if (!Files.isRegularFile(users)) {
                throw new LatchException("no users file at " + users, "add a user with 'latch proxy user add NAME'"
                        + " (or give the right --users FILE)");
            }
            return users;
        }
        return Files.isRegularFile(usual) ? usual : null;
    }

}
