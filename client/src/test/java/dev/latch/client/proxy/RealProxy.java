package dev.latch.client.proxy;

import dev.latch.testkit.FreePorts;
import dev.latch.testkit.PeerProcess;
import dev.latch.testkit.Peers;
import dev.latch.testkit.ProcessRunner;
import dev.latch.testkit.Readiness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Squid or tinyproxy (Debian) on a free loopback port, configured in a temp folder: no cache, logs
 * and pid file in that folder, CONNECT allowed to any port but {@code deniedPort}. Squid also
 * listens on a second port that requires Basic authentication (user {@link #USER}, password
 * {@link #PASSWORD}, checked by Squid's basic_ncsa_auth against an htpasswd file made by openssl), and
 * a third one that speaks TLS (an https proxy) with a self-signed certificate for localhost made by
 * openssl ({@link #tlsCertificate()}; Debian's Squid, built with GnuTLS, refuses the throwaway CA's).
 */
final class RealProxy implements AutoCloseable {
    static final String USER = "alice";
    /** A password with characters that must be percent-encoded in a proxy URL. */
    static final String PASSWORD = "p@ss:w rd%";

    private final PeerProcess process;
    private final int port;
    private final int authPort;
    private final int tlsPort;
    private Path tlsCertificate;

    private RealProxy(PeerProcess process, int port, int authPort, int tlsPort) {
        this.process = process;
        this.port = port;
        this.authPort = authPort;
        this.tlsPort = tlsPort;
    }

    /** The port that lets every client through. */
    int port() {
        return port;
    }

    /** Squid's port that asks for credentials. */
    int authPort() {
        return authPort;
    }

    /** Squid's TLS port. */
    int tlsPort() {
        return tlsPort;
    }

    /** The certificate of Squid's TLS port (PEM), which its clients trust. */
    Path tlsCertificate() {
        return tlsCertificate;
    }

    static RealProxy squid(Path dir, int deniedPort) throws InterruptedException {
        Path squid = Peers.require("squid");
        Path ncsa = Path.of("/usr/lib/squid/basic_ncsa_auth");
        int port = FreePorts.loopback();
        int authPort = FreePorts.loopback();
        int tlsPort = FreePorts.loopback();
        openToAll(dir);
        Path certificate = dir.resolve("proxy.pem");
        Path key = dir.resolve("proxy-key.pem");
        ProcessRunner.in(dir).run(Peers.command("openssl", List.of("req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:P-256", "-nodes", "-keyout", key.toString(), "-out", certificate.toString(),
                "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost", "-days", "1"))).ok();
        readable(key); // Squid drops to its own user (proxy)
        String hash = ProcessRunner.in(dir).run(Peers.command("openssl", List.of("passwd", "-apr1", PASSWORD))).ok().out().strip();
        Path passwords = write(dir.resolve("passwd"), USER + ":" + hash + "\n");
        Path conf = write(dir.resolve("squid.conf"), String.join("\n",
                "http_port 127.0.0.1:" + port + " name=open",
                "http_port 127.0.0.1:" + authPort + " name=auth",
                "https_port 127.0.0.1:" + tlsPort + " name=tls tls-cert=" + certificate + " tls-key=" + key,
                "acl tls_port myportname tls",
                "auth_param basic program " + ncsa + " " + passwords,
                "auth_param basic realm latch-test",
                "acl open_port myportname open",
                "acl auth_port myportname auth",
                "acl authenticated proxy_auth REQUIRED",
                "acl denied port " + deniedPort,
                "acl CONNECT method CONNECT",
                "http_access deny CONNECT denied",
                "http_access allow open_port",
                "http_access allow tls_port",
                "http_access allow auth_port authenticated",
                "http_access deny all",
                "cache deny all",
                "cache_mem 0 MB",
                "access_log none",
                "cache_store_log none",
                "cache_log " + dir.resolve("cache.log"),
                "pid_filename " + dir.resolve("squid.pid"),
                "coredump_dir " + dir,
                "visible_hostname latch-test",
                "pinger_enable off",
                "shutdown_lifetime 0 seconds",
                ""));
        PeerProcess process = PeerProcess.command(squid.toString(), "-N", "-f", conf.toString()).name("squid")
                .directory(dir).readiness(Readiness.listening(port)).start();
        RealProxy proxy = new RealProxy(process, port, authPort, tlsPort);
        proxy.tlsCertificate = certificate;
        try {
            proxy.awaitPort(authPort);
            proxy.awaitPort(tlsPort);
        } catch (AssertionError | InterruptedException e) {
            proxy.close();
            throw e;
        }
        return proxy;
    }

    static RealProxy tinyproxy(Path dir, int deniedPort, int allowedPort) throws InterruptedException {
        Path tinyproxy = Peers.require("tinyproxy");
        int port = FreePorts.loopback();
        openToAll(dir);
        Path conf = write(dir.resolve("tinyproxy.conf"), String.join("\n",
                "User nobody",
                "Group nogroup",
                "Port " + port,
                "Listen 127.0.0.1",
                "Timeout 60",
                "Allow 127.0.0.1",
                "ConnectPort " + allowedPort, // with ConnectPort lines, CONNECT to other ports (deniedPort) is refused
                "LogLevel Critical",
                "PidFile \"" + dir.resolve("tinyproxy.pid") + "\"",
                ""));
        assert deniedPort != allowedPort;
        PeerProcess process = PeerProcess.command(tinyproxy.toString(), "-d", "-c", conf.toString()).name("tinyproxy")
                .directory(dir).readiness(Readiness.listening(port)).start();
        return new RealProxy(process, port, -1, -1);
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }

    private static void openToAll(Path dir) {
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return readable(file);
    }

    // Squid reads its files as its own user; the key is a throwaway one
    private static Path readable(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // Squid opens its ports one after the other
    private void awaitPort(int other) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Readiness.listening(other).reached(process)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("squid did not open its port " + other + ":\n" + process.output());
            }
            Thread.sleep(20);
        }
    }
}
