package dev.latch.cli.get;

import dev.latch.client.HttpsClient;
import dev.latch.client.failure.ClientFailure;
import dev.latch.client.failure.FailureKind;
import dev.latch.client.proxy.ProxyEndpoint;
import dev.latch.client.proxy.ProxySelection;
import dev.latch.core.LatchException;
import dev.latch.core.keys.PassphraseSource;
import dev.latch.tls.TlsEngine;
import dev.latch.tls.certs.FileCertificateSource;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** How to reach the server: addresses, proxy, timeouts, redirects, TLS versions and groups, engine, client certificate. */
final class ConnectionFlags {
    /** curl's default for --max-redirs. */
    static final int DEFAULT_MAX_REDIRECTS = 50;

    @Option(names = {"-L", "--location"}, description = "Follow redirects (RFC 9110 §15.4), up to --max-redirs.", order = 20)
    boolean follow;

    @Option(names = "--max-redirs", paramLabel = "N", description = "Most redirects -L follows (default 50; -1: no limit). Exit 47 beyond (with 0 at the first).", order = 21)
    Integer maxRedirects;

    @Option(names = "--http1.1", description = "Offer only HTTP/1.1.", order = 22)
    boolean http11;

    @Option(names = "--http2", description = "Offer HTTP/2 and HTTP/1.1 by ALPN, the server picks (the default).", order = 23)
    boolean http2;

    @Option(names = "--resolve", paramLabel = "HOST:PORT:ADDR[,ADDR]",
            description = "Connect to ADDR for HOST:PORT instead of asking DNS (repeatable); the name is still sent and checked.", order = 24)
    List<String> resolve = new ArrayList<>();

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", description = "Most the TCP connect may take (default 30). Exit 28 beyond.", order = 25)
    String connectTimeout;

    @Option(names = {"-m", "--max-time"}, paramLabel = "SECONDS", description = "Most the whole exchange may take. Exit 28 beyond.", order = 26)
    String maxTime;

    @Option(names = "--tls-min", paramLabel = "1.2|1.3", description = "Lowest TLS version offered (default 1.2).", order = 27)
    String tlsMin;

    @Option(names = "--tls-max", paramLabel = "1.2|1.3", description = "Highest TLS version offered (default 1.3).", order = 28)
    String tlsMax;

    @Option(names = {"--groups", "--curves"}, paramLabel = "G1:G2", description = "Key-exchange groups offered, preferred first "
            + "(default X25519MLKEM768:X25519:P-256… where the engine has them).", order = 29)
    String groups;

    @Option(names = "--tls-engine", paramLabel = "boringssl|jdk", description = "TLS engine (default boringssl; jdk when it cannot load).", order = 30)
    String engine;

    @Option(names = {"-E", "--cert"}, paramLabel = "FILE", description = "Client certificate (PEM, with its intermediates) for servers that ask for one.", order = 31)
    Path cert;

    @Option(names = "--key", paramLabel = "FILE", description = "Private key of --cert, PEM (default: in the --cert file).", order = 32)
    Path key;

    @Option(names = {"-x", "--proxy"}, paramLabel = "URL", description = "Go through this proxy: http://[USER:PASSWORD@]HOST:PORT "
            + "or https://… (default: $HTTPS_PROXY, $http_proxy, $ALL_PROXY as curl reads them).", order = 33)
    String proxy;

    @Option(names = "--noproxy", paramLabel = "LIST", description = "Hosts, domains and CIDRs to reach directly (comma-separated; * for all; "
            + "replaces $NO_PROXY).", order = 34)
    String noProxy;

    @Option(names = {"-U", "--proxy-user"}, paramLabel = "USER:PASSWORD", description = "Credentials for --proxy (Basic).", order = 35)
    String proxyUser;

    /** The engine to use and, when it is not the one asked for, why (said once on stderr). */
    TlsEngine.Choice engine() {
        return TlsEngine.choose(engine == null ? TlsEngine.BORINGSSL : TlsEngine.parse(engine));
    }

    int redirects() {
        if (!follow) {
            return 0;
        }
        int max = maxRedirects == null ? DEFAULT_MAX_REDIRECTS : maxRedirects;
        if (max < -1) {
            throw new IllegalArgumentException("--max-redirs takes a number of redirects (or -1 for no limit), not " + max);
        }
        return max == -1 ? Integer.MAX_VALUE : max;
    }

    void configure(HttpsClient.Builder builder, TlsEngine chosen, Map<String, String> environment, PassphraseSource passphrases) {
        if (http11 && http2) {
            throw new IllegalArgumentException("--http1.1 and --http2 exclude each other");
        }
        builder.engine(chosen).http2(!http11).followRedirects(redirects());
        for (String entry : resolve) {
            ResolveEntry parsed = ResolveEntry.parse(entry);
            builder.resolve(parsed.host(), parsed.port(), parsed.addresses());
        }
        if (connectTimeout != null) {
            builder.connectTimeout(Seconds.parse("--connect-timeout", connectTimeout));
        }
        if (maxTime != null) {
            builder.maxTime(Seconds.parse("--max-time", maxTime));
        }
        String min = tlsVersion("--tls-min", tlsMin, "TLSv1.2");
        String max = tlsVersion("--tls-max", tlsMax, "TLSv1.3");
        if (min.compareTo(max) > 0) {
            throw new IllegalArgumentException("--tls-min " + tlsMin + " is above --tls-max " + tlsMax);
        }
        builder.tlsVersions(min, max);
        if (groups != null) {
            builder.groups(Arrays.stream(groups.split(":")).map(String::trim).filter(g -> !g.isEmpty()).toList());
        }
        if (key != null && cert == null) {
            throw new IllegalArgumentException("--key needs --cert FILE");
        }
        if (cert != null) {
            try {
                builder.clientCertificate(new FileCertificateSource(cert, key == null ? cert : key, passphrases).load());
            } catch (LatchException e) {
                throw new ClientFailure(FailureKind.CLIENT_CERTIFICATE, e.getMessage(),
                        e.hint() == null ? "give the client certificate and its key in PEM with --cert and --key" : e.hint());
            }
        }
        builder.proxy(proxies(environment));
    }

    /** As curl: the environment's proxies, -x instead of them all, --noproxy instead of NO_PROXY. */
    ProxySelection proxies(Map<String, String> environment) {
        ProxyEndpoint flag = null;
        if (proxy != null) {
            try {
                flag = ProxyEndpoint.parse(proxy);
            } catch (LatchException e) {
                throw new IllegalArgumentException("-x: " + e.oneLine());
            }
            if (proxyUser != null) {
                int colon = proxyUser.indexOf(':');
                flag = new ProxyEndpoint(flag.tls(), flag.host(), flag.port(), colon < 0 ? proxyUser : proxyUser.substring(0, colon),
                        colon < 0 ? null : proxyUser.substring(colon + 1));
            }
        } else if (proxyUser != null) {
            throw new IllegalArgumentException("--proxy-user needs --proxy URL (or put the user in the URL of $HTTPS_PROXY)");
        }
        return ProxySelection.fromEnvironment(environment).withFlags(flag, noProxy);
    }

    private static String tlsVersion(String option, String value, String otherwise) {
        if (value == null) {
            return otherwise;
        }
        return switch (value) {
            case "1.2" -> "TLSv1.2";
            case "1.3" -> "TLSv1.3";
            default -> throw new IllegalArgumentException(option + " takes 1.2 or 1.3, not '" + value + "' (older versions are not offered)");
        };
    }
}
