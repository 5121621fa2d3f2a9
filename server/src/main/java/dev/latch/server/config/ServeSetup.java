package dev.latch.server.config;

import dev.latch.core.UsageException;
import dev.latch.pki.ca.CaHome;
import dev.latch.pki.ca.CaInitOptions;
import dev.latch.pki.ca.LocalCa;
import dev.latch.pki.cert.AltName;
import dev.latch.core.keys.PassphraseSource;
import dev.latch.server.HttpsServer;
import dev.latch.http.Limits;
import dev.latch.server.site.VirtualHost;
import dev.latch.server.files.StaticFiles;
import dev.latch.http.log.AccessLog;
import dev.latch.tls.ClientAuth;
import dev.latch.tls.TlsEngine;
import dev.latch.tls.TlsPolicy;
import dev.latch.tls.certs.CertificateSource;
import dev.latch.tls.certs.FileCertificateSource;
import dev.latch.tls.certs.LocalCaCertificateSource;
import dev.latch.tls.sni.HostNamePattern;
import dev.latch.tls.sni.TlsHost;
import dev.latch.trust.TrustAnchors;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Turns a {@link ServeConfig} into a ready-to-start {@link HttpsServer.Builder}: sites with their
 * certificates (files, or issued by the local CA, which is created on first use), client CAs,
 * limits, access log, and the CA's CRL published on the plain-HTTP port.
 */
public final class ServeSetup implements AutoCloseable {
    /** Where the CA's CRL is published on the plain-HTTP port (RFC 5280 §4.2.1.13: over http, not https). */
    public static final String CRL_PATH = "/.well-known/latch/crl";

    private final HttpsServer.Builder builder;
    private final TlsEngine.Choice engine;
    private final List<VirtualHost> hosts;
    private final LocalCa ca;
    private final boolean caCreated;
    private final String crlUrl;

    private ServeSetup(HttpsServer.Builder builder, TlsEngine.Choice engine, List<VirtualHost> hosts, LocalCa ca,
                       boolean caCreated, String crlUrl) {
        this.builder = builder;
        this.engine = engine;
        this.hosts = hosts;
        this.ca = ca;
        this.caCreated = caCreated;
        this.crlUrl = crlUrl;
    }

    public HttpsServer.Builder builder() {
        return builder;
    }

    public TlsEngine.Choice engine() {
        return engine;
    }

    public List<VirtualHost> hosts() {
        return hosts;
    }

    /** The local CA, when a site uses it; else null. */
    public LocalCa ca() {
        return ca;
    }

    public boolean caCreated() {
        return caCreated;
    }

    /** The CRL URL written into new local-CA certificates, or null. */
    public String crlUrl() {
        return crlUrl;
    }

    /**
     * @param baseDir relative paths in the config are relative to this
     */
    public static ServeSetup prepare(ServeConfig config, Path baseDir, CaHome caHome, PassphraseSource passphrases) {
        return prepare(config, baseDir, caHome, passphrases, AccessLog.Format.COMBINED);
    }

    /**
     * Everything in the configuration is checked (names, ports, addresses, client authentication,
     * directories, default host) before anything is changed: the local CA is created, and
     * certificates issued, only for a configuration that can be served.
     *
     * @param logFormat how the access log writes its lines
     */
    public static ServeSetup prepare(ServeConfig config, Path baseDir, CaHome caHome, PassphraseSource passphrases,
                                     AccessLog.Format logFormat) {
        if (config.hosts().isEmpty()) {
            throw new UsageException("no site to serve", "give a directory, or hosts in --config");
        }
        TlsEngine.Choice engine;
        try {
            engine = TlsEngine.choose(TlsEngine.parse(config.engine()));
        } catch (IllegalArgumentException e) {
            throw new UsageException("engine: " + e.getMessage(), "see 'latch serve --help'");
        }
        List<InetAddress> addresses = addresses(config.bind());
        Limits limits = limits(config.limits());
        HttpsServer.Builder builder = HttpsServer.builder();
        List<Site> sites = new ArrayList<>();
        for (HostConfig host : config.hosts()) {
            sites.add(Site.checked(host, baseDir, builder.files()));
        }
        checkDefaultHost(config.defaultHost(), sites);

        boolean needsCa = sites.stream().anyMatch(Site::needsCa);
        LocalCa ca = null;
        boolean created = false;
        if (needsCa) {
            if (LocalCa.exists(caHome)) {
                ca = LocalCa.open(caHome, passphrases);
            } else {
                ca = LocalCa.init(caHome, CaInitOptions.defaults());
                created = true;
            }
            if (config.hosts().stream().anyMatch(h -> HostConfig.AUTO.equals(h.cert()))) {
                ca.unlock(); // asks for the passphrase (if any) now, not at the first renewal
            }
        }
        try {
            Integer httpPort = config.httpPort();
            String crlUrl = null;
            if (ca != null) {
                crlUrl = ca.settings().crlUrl() != null ? ca.settings().crlUrl()
                        : httpPort != null && httpPort > 0 ? "http://localhost:" + httpPort + CRL_PATH : null;
            }
            List<VirtualHost> hosts = new ArrayList<>();
            for (Site site : sites) {
                hosts.add(site.virtualHost(engine.engine(), baseDir, caHome, ca, passphrases,
                        ca != null && ca.settings().crlUrl() == null ? crlUrl : null));
            }
            builder.bind(addresses)
                    .port(config.port())
                    .httpRedirectPort(httpPort == null ? -1 : httpPort)
                    .limits(limits)
                    .accessLog(AccessLog.open(config.accessLog(), baseDir, logFormat))
                    .defaultHost(defaultHost(config.defaultHost(), hosts));
            hosts.forEach(builder::host);
            if (ca != null && ca.settings().crlUrl() == null && httpPort != null && httpPort >= 0) {
                builder.plainHttpPath(CRL_PATH, new CrlPublisher(ca));
            }
            return new ServeSetup(builder, engine, hosts, ca, created, crlUrl);
        } catch (RuntimeException e) {
            if (ca != null) {
                ca.close();
            }
            throw e;
        }
    }

    /** One host of the configuration, checked: what it needs from the CA comes later. */
    private record Site(HostConfig host, List<HostNamePattern> names, List<HostNamePattern> aliases,
                        List<AltName> certificateNames, ClientAuth clientAuth, StaticFiles files) {
        static Site checked(HostConfig host, Path baseDir, Executor blocking) {
            if (host.names().isEmpty()) {
                throw new UsageException("a host has no names", "give each host 'names: [a.test]'");
            }
            String first = host.names().get(0);
            if (host.root() == null) {
                throw new UsageException("host " + first + " has no root", "give it 'root: DIR'");
            }
            List<HostNamePattern> names = new ArrayList<>();
            List<HostNamePattern> aliases = new ArrayList<>();
            List<AltName> certificateNames = new ArrayList<>();
            ClientAuth clientAuth;
            try {
                host.names().forEach(n -> names.add(new HostNamePattern(n)));
                host.aliases().forEach(n -> aliases.add(new HostNamePattern(n)));
                clientAuth = ClientAuth.parse(host.clientAuth());
                if (HostConfig.AUTO.equals(host.cert())) {
                    names.forEach(p -> certificateNames.add(AltName.parse(p.pattern())));
                    aliases.forEach(p -> certificateNames.add(AltName.parse(p.pattern())));
                }
            } catch (IllegalArgumentException e) {
                throw new UsageException("host " + first + ": " + e.getMessage(), "see 'latch serve --help'");
            }
            if (!HostConfig.AUTO.equals(host.cert()) && host.key() == null) {
                throw new UsageException("host " + first + " has cert " + host.cert() + " but no key",
                        "give 'key: FILE' (or --key) with the certificate's private key");
            }
            StaticFiles files = new StaticFiles(baseDir.resolve(host.root()), host.directoryListing(), host.hiddenFiles(),
                    blocking);
            return new Site(host, names, aliases, certificateNames, clientAuth, files);
        }

        boolean needsCa() {
            return HostConfig.AUTO.equals(host.cert()) || (clientAuth != ClientAuth.NONE && "latch".equals(host.clientCa()));
        }

        boolean answersTo(String name) {
            return names.stream().anyMatch(n -> n.matches(name)) || aliases.stream().anyMatch(n -> n.matches(name));
        }

        VirtualHost virtualHost(TlsEngine engine, Path baseDir, CaHome caHome, LocalCa ca, PassphraseSource passphrases,
                                String crlUrl) {
            List<HostNamePattern> all = new ArrayList<>(names);
            all.addAll(aliases);
            CertificateSource source;
            if (HostConfig.AUTO.equals(host.cert())) {
                source = new LocalCaCertificateSource(ca, certificateNames, caHome.dir().resolveSibling("certs"), crlUrl);
            } else {
                source = new FileCertificateSource(baseDir.resolve(host.cert()), baseDir.resolve(host.key()), passphrases);
            }
            TrustAnchors clientCas = null;
            if (clientAuth != ClientAuth.NONE) {
                clientCas = "latch".equals(host.clientCa())
                        ? LocalCaCertificateSource.rootOf(ca)
                        : TrustAnchors.fromPath(baseDir.resolve(host.clientCa()));
            }
            TlsHost tls = new TlsHost(all, source, engine, clientAuth, clientCas, TlsPolicy.ALPN);
            Duration hsts = host.hsts() > 0 ? Duration.ofSeconds(host.hsts()) : null;
            return new VirtualHost(tls, aliases, hsts, files);
        }
    }

    private static void checkDefaultHost(String name, List<Site> sites) {
        if (name != null && !name.equalsIgnoreCase("none") && sites.stream().noneMatch(s -> s.answersTo(name))) {
            throw new UsageException("default_host " + name + " is not one of the hosts", "name one of the hosts, or 'none'");
        }
    }

    private static VirtualHost defaultHost(String name, List<VirtualHost> hosts) {
        if (name == null) {
            return hosts.get(0);
        }
        if (name.equalsIgnoreCase("none")) {
            return null;
        }
        for (VirtualHost host : hosts) {
            if (host.tls().answersTo(name)) {
                return host;
            }
        }
        throw new IllegalStateException("default_host " + name + " was checked"); // checkDefaultHost ran first
    }

    private static List<InetAddress> addresses(List<String> bind) {
        List<InetAddress> addresses = new ArrayList<>();
        for (String address : bind) {
            if (!address.matches("[0-9a-fA-F:.]+")) {
                throw new UsageException("cannot listen on '" + address + "'", "give IP addresses, such as 127.0.0.1, ::1 or 0.0.0.0");
            }
            try {
                addresses.add(InetAddress.getByName(address)); // a literal: no DNS lookup
            } catch (UnknownHostException e) {
                throw new UsageException("cannot listen on '" + address + "': not an IP address", "give an IP address");
            }
        }
        return addresses;
    }

    private static Limits limits(ServeConfig.LimitsConfig c) {
        Limits d = Limits.defaults();
        return new Limits(
                c.maxConnections() != null ? c.maxConnections() : d.maxConnections(),
                c.maxHeaderBytes() != null ? c.maxHeaderBytes() : d.maxHeaderBytes(),
                c.maxBodyBytes() != null ? c.maxBodyBytes() : d.maxBodyBytes(),
                c.handshakeTimeout() != null ? Duration.ofSeconds(c.handshakeTimeout()) : d.handshakeTimeout(),
                c.requestTimeout() != null ? Duration.ofSeconds(c.requestTimeout()) : d.requestTimeout(),
                c.idleTimeout() != null ? Duration.ofSeconds(c.idleTimeout()) : d.idleTimeout(),
                d.maxStreams());
    }

    @Override
    public void close() {
        if (ca != null) {
            ca.close();
        }
    }
}
