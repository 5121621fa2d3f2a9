package dev.latch.cli.serve;

import dev.latch.core.LatchException;
import dev.latch.core.io.Inputs;
import dev.latch.pki.cert.Certificates;
import dev.latch.server.site.Sites;
import dev.latch.cli.support.CaHomeOption;
import dev.latch.cli.support.CommandName;
import dev.latch.cli.support.Json;
import dev.latch.cli.support.PassphraseOptions;
import dev.latch.server.HttpsServer;
import dev.latch.server.site.VirtualHost;
import dev.latch.server.config.ConfigFile;
import dev.latch.server.config.HostConfig;
import dev.latch.server.config.ServeConfig;
import dev.latch.server.config.ServeSetup;
import dev.latch.http.log.AccessLog;
import dev.latch.tls.certs.CertificateJudgement;
import dev.latch.tls.certs.KeyMaterial;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "serve",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Serve a directory over HTTPS.",
                "",
                "With no options: serves DIR (default: the current directory) at",
                "https://localhost:8443 with a certificate for localhost, 127.0.0.1",
                "and ::1 from the local CA (created on first use), and redirects",
                "http://localhost:8080 to it. Listens on loopback only.",
                "",
                "Several sites (SNI virtual hosts) come from --config FILE (YAML):",
                "  port: 8443",
                "  http_port: 8080               # or off",
                "  access_log: access.log        # or - (stdout) or off",
                "  default_host: a.test          # no/unknown SNI; 'none' refuses",
                "  hosts:",
                "    - names: [a.test]",
                "      aliases: [www.a.test]      # 301 to https://a.test",
                "      root: site-a",
                "    - names: [b.test, \"*.b.test\"]",
                "      root: site-b",
                "      cert: b.pem                # default: auto (local CA)",
                "      key: b-key.pem",
                "      client_auth: require       # none | optional | require",
                "      client_ca: clients-ca.pem  # default: latch (local CA)",
                "      hsts: 31536000             # seconds; 0 = off",
                "      directory_listing: false",
                "      hidden_files: false        # true serves .git/, .env",
                "Also: bind, engine, limits (max_connections, max_header_bytes,",
                "max_body_bytes, handshake_timeout, request_timeout, idle_timeout).",
                "",
                "TLS 1.3 and 1.2 with ECDHE and AEAD ciphers only; X25519MLKEM768",
                "first (BoringSSL). Certificates reload when their files change or",
                "on SIGHUP; local-CA certificates renew with a third of their life",
                "left. A certificate clients would refuse (expired or not yet valid,",
                "other names, another key, a bad chain) fails the start; on a reload",
                "the current one stays, said once on stderr. Ctrl+C (SIGINT/SIGTERM)",
                "stops gracefully, then exits 0."
        },
        footer = {"", "Examples:",
                "  ${env:LATCH_COMMAND:-latch} serve                       # . at https://localhost:8443",
                "  ${env:LATCH_COMMAND:-latch} serve site --port 9443 --http-port off",
                "  ${env:LATCH_COMMAND:-latch} serve --config sites.yaml",
                "  ${env:LATCH_COMMAND:-latch} serve site --client-auth require   # mutual TLS, local CA",
                "",
                "JVM: the latch launcher runs serve with the serial collector and a heap",
                "that starts at 16 MiB and grows as needed up to 1/8 of the memory;",
                "options in LATCH_JAVA_OPTS come last and win (LATCH_JAVA_OPTS='-Xmx1g')."})
public final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "Directory to serve (default: .).")
    Path directory;

    @Option(names = "--config", paramLabel = "FILE", description = "Sites and settings from a YAML file (see above).")
    Path config;

    @Option(names = "--name", paramLabel = "NAME",
            description = "A name of the site (repeatable; default: the names in --cert, else localhost, 127.0.0.1, ::1).")
    List<String> names = new ArrayList<>();

    @Option(names = "--alias", paramLabel = "NAME", description = "A name that 301-redirects to the first --name.")
    List<String> aliases = new ArrayList<>();

    @Option(names = "--port", paramLabel = "PORT", description = "HTTPS port (default: 8443; 0 picks a free one).")
    Integer port;

    @Option(names = "--http-port", paramLabel = "PORT|off",
            description = "Plain-HTTP port that redirects to HTTPS and publishes the CA's CRL (default: 8080).")
    String httpPort;

    @Option(names = "--bind", paramLabel = "ADDR",
            description = "Address to listen on (repeatable; default: 127.0.0.1 and ::1). 0.0.0.0 exposes the server to the network.")
    List<String> bind = new ArrayList<>();

    @Option(names = "--cert", paramLabel = "FILE", description = "Certificate chain (PEM) instead of one from the local CA.")
    String cert;

    @Option(names = "--key", paramLabel = "FILE", description = "Private key of --cert.")
    String key;

    @Option(names = "--client-auth", paramLabel = "MODE",
            description = "Client certificates: none (default), optional or require (403 page without one).")
    String clientAuth;

    @Option(names = "--client-ca", paramLabel = "FILE|latch",
            description = "Trusted issuers of client certificates (default: latch, the local CA).")
    String clientCa;

    @Option(names = "--hsts", paramLabel = "SECONDS",
            description = "Strict-Transport-Security max-age (default: 31536000; 0 = off).")
    Long hsts;

    @Option(names = "--list-directories", description = "List directories that have no index.html.")
    boolean listDirectories;

    @Option(names = "--hidden-files", description = "Serve and list files and folders whose name begins with '.'"
            + " (.git/, .env: by default they get 404; /.well-known/ is always served).")
    boolean hiddenFiles;

    @Option(names = "--tls-engine", paramLabel = "ENGINE",
            description = "boringssl (default; falls back to jdk when it cannot load) or jdk.")
    String engine;

    @Option(names = "--max-connections", paramLabel = "N", description = "Open connections at once (default: 4096).")
    Integer maxConnections;

    @Option(names = "--access-log", paramLabel = "FILE|-|off", description = "Access log (default: - , standard output).")
    String accessLog;

    @Option(names = "--json", description = "Print the start as one JSON line, and the access log as JSON lines.")
    boolean json;

    @Mixin
    CaHomeOption home;

    @Mixin
    PassphraseOptions passphrase;

    @Override
    public Integer call() throws Exception {
        NettyLogging.productionLeakDetection();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (port != null && (port < 0 || port > 65535)) {
            throw new IllegalArgumentException("--port takes a port number (0-65535; 0 picks a free one), not " + port);
        }
        NettyLogging.configure(err);
        ServeConfig serveConfig = config != null ? fromFile() : fromFlags();
        Path baseDir = config != null ? config.toAbsolutePath().getParent() : Path.of("").toAbsolutePath();
        try (ServeSetup setup = ServeSetup.prepare(serveConfig, baseDir, home.caHome(), passphrase.source(),
                json ? AccessLog.Format.JSON : AccessLog.Format.COMBINED)) {
            if (setup.engine().fallbackReason() != null) {
                err.println("latch: " + setup.engine().fallbackReason());
            }
            if (setup.caCreated()) {
                err.println("latch: created a local CA in " + setup.ca().home().dir());
            }
            HttpsServer server = setup.builder().events(message -> err.println("latch: " + message)).start();
            Runnable stop = () -> {
                err.println("latch: stopping (open requests get up to 10 s to finish)");
                server.close(Duration.ofSeconds(10));
            };
            Thread hook = new Thread(stop, "latch-shutdown"); // when the JVM is stopped another way
            Runtime.getRuntime().addShutdownHook(hook);
            CountDownLatch stopAsked = new CountDownLatch(1);
            Signals.onStop(stopAsked::countDown);
            Signals.onHangup(() -> {
                err.println("latch: SIGHUP: reloading certificates");
                server.reloadCertificates();
            });
            if (json) {
                Json.printLine(out, startRecord(serveConfig, setup, server));
            } else {
                printStarted(out, serveConfig, setup, server);
            }
            stopAsked.await();
            Runtime.getRuntime().removeShutdownHook(hook);
            stop.run();
            return 0;
        }
    }

    private void printStarted(PrintWriter out, ServeConfig serveConfig, ServeSetup setup, HttpsServer server) {
        out.println("latch serve: TLS engine " + setup.engine().engine().describe() + ", " + server.transport()
                + ", listening on " + String.join(", ", serveConfig.bind()));
        for (VirtualHost site : server.hosts()) {
            CertificateJudgement judgement = site.tls().judgement();
            KeyMaterial material = judgement.material();
            String root = site.handler() instanceof dev.latch.server.files.StaticFiles files ? files.root().toString() : "";
            out.println("Serving " + root + " at https://" + urlHost(site.name()) + ":" + server.httpsPort() + "/"
                    + (site.clientAuth() == dev.latch.tls.ClientAuth.NONE ? "" : "  (client certificates: " + site.clientAuth().id() + ")"));
            out.println("  certificate for " + String.join(", ", material.names()) + ", from " + material.source() + ", valid until "
                    + material.notAfter());
            if (judgement.line() != null) {
                out.println("  warning: it " + judgement.line());
            }
        }
        if (server.httpPort() >= 0) {
            out.println("  http://localhost:" + server.httpPort() + "/ redirects to HTTPS"
                    + (setup.crlUrl() != null ? "; the CA's CRL is at " + setup.crlUrl() : ""));
        }
        if (setup.ca() != null) {
            Path root = setup.ca().home().rootCertificate();
            out.println("To trust the local CA: " + CommandName.get() + " ca trust (system store, Chromium's ~/.pki/nssdb, each Firefox profile, Java)"
                    + " or curl --cacert " + root);
        }
        if (serveConfig.bind().stream().anyMatch(a -> !a.startsWith("127.") && !a.equals("::1"))) {
            out.println("Warning: listening beyond loopback (" + String.join(", ", serveConfig.bind())
                    + "): anyone on the network can reach these sites.");
        }
        out.println("Press Ctrl+C to stop.");
        out.flush();
    }

    private static Map<String, Object> startRecord(ServeConfig serveConfig, ServeSetup setup, HttpsServer server) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("event", "started");
        record.put("engine", setup.engine().engine().id());
        record.put("engineFallback", setup.engine().fallbackReason());
        record.put("bind", serveConfig.bind());
        record.put("httpsPort", server.httpsPort());
        record.put("httpPort", server.httpPort() >= 0 ? server.httpPort() : null);
        record.put("crlUrl", setup.crlUrl());
        record.put("caRoot", setup.ca() == null ? null : setup.ca().home().rootCertificate().toString());
        List<Map<String, Object>> sites = new ArrayList<>();
        for (VirtualHost site : server.hosts()) {
            CertificateJudgement judgement = site.tls().judgement();
            KeyMaterial material = judgement.material();
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", site.name());
            s.put("url", "https://" + urlHost(site.name()) + ":" + server.httpsPort() + "/");
            s.put("root", site.handler() instanceof dev.latch.server.files.StaticFiles files ? files.root().toString() : null);
            s.put("clientAuth", site.clientAuth().id());
            s.put("certificateNames", material.names());
            s.put("certificateSource", material.source());
            s.put("notAfter", material.notAfter().toString());
            s.put("warning", judgement.line() == null ? null : "it " + judgement.line());
            sites.add(s);
        }
        record.put("sites", sites);
        return record;
    }

    private static String urlHost(String name) {
        return name.indexOf(':') >= 0 ? "[" + name + "]" : name;
    }

    private ServeConfig fromFile() {
        if (directory != null || !names.isEmpty() || !aliases.isEmpty() || cert != null || key != null
                || clientAuth != null || clientCa != null || hsts != null || listDirectories || hiddenFiles) {
            throw new IllegalArgumentException("with --config, put the sites in the file "
                    + "(DIR, --name, --alias, --cert, --key, --client-auth, --client-ca, --hsts, --list-directories, "
                    + "--hidden-files go there)");
        }
        ServeConfig c = ConfigFile.read(config);
        return new ServeConfig(bind.isEmpty() ? c.bind() : bind, port != null ? port : c.port(),
                httpPort != null ? parseHttpPort(httpPort) : c.httpPort(), engine != null ? engine : c.engine(),
                accessLog != null ? accessLog : c.accessLog(), c.defaultHost(), limits(c.limits()), c.hosts());
    }

    private ServeConfig fromFlags() {
        if ((cert == null) != (key == null)) {
            throw new IllegalArgumentException("--cert and --key go together");
        }
        List<String> siteNames = !names.isEmpty() ? names : cert != null ? namesIn(cert) : List.of("localhost", "127.0.0.1", "::1");
        String root = directory == null ? "." : directory.toString();
        HostConfig host = new HostConfig(siteNames, aliases, root, cert == null ? HostConfig.AUTO : cert, key,
                clientAuth, clientCa, hsts, listDirectories, hiddenFiles);
        return new ServeConfig(bind, port, httpPort == null ? Integer.valueOf(8080) : parseHttpPort(httpPort),
                engine, accessLog, null, limits(null), List.of(host));
    }

    /** With --cert and no --name, the site answers to the names its certificate carries. */
    private static List<String> namesIn(String certificateFile) {
        Path file = Path.of(certificateFile);
        X509Certificate leaf = Certificates.read(Inputs.read(file), file.toString()).get(0);
        List<String> names = KeyMaterial.namesOf(leaf, file.toString());
        if (names.isEmpty()) {
            throw new LatchException(file + " names no host (it has no DNS or IP subjectAltName)",
                    "give the site's names with --name, and a certificate that carries them");
        }
        return names;
    }

    /** The file's limits with --max-connections laid over them. */
    private ServeConfig.LimitsConfig limits(ServeConfig.LimitsConfig file) {
        ServeConfig.LimitsConfig l = file != null ? file : new ServeConfig.LimitsConfig(null, null, null, null, null, null);
        if (maxConnections == null) {
            return l;
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("--max-connections must be at least 1");
        }
        return new ServeConfig.LimitsConfig(maxConnections, l.maxHeaderBytes(), l.maxBodyBytes(), l.handshakeTimeout(),
                l.requestTimeout(), l.idleTimeout());
    }

    private static Integer parseHttpPort(String value) {
        if (value.equalsIgnoreCase("off")) {
            return null;
        }
        try {
            int p = Integer.parseInt(value);
            if (p < 0 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--http-port takes a port number (0-65535) or off, not '" + value + "'");
        }
    }

}
