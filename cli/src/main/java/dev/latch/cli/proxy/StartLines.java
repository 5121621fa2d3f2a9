package dev.latch.cli.proxy;

import com.google.common.net.InetAddresses;
import dev.latch.cli.support.CommandName;
import dev.latch.proxy.ProxyConfig;
import dev.latch.tls.certs.KeyMaterial;

import java.io.PrintWriter;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What {@code latch proxy} says when it listens: how it runs, where, what it lets through, who may
 * use it, and the lines a client needs; as text for people or one JSON object for programs.
 */
final class StartLines {
    /** Never reachable from the proxy unless --allow names them: the inside network and the cloud's metadata service. */
    static final String DENIED_BY_DEFAULT = "private, loopback, link-local and cloud-metadata addresses denied";
    static final String ONLY_ALLOWED = "only what is allowed below, nothing else";

    private final ProxySetup setup;
    private final RunningProxy proxy;

    StartLines(ProxySetup setup, RunningProxy proxy) {
        this.setup = setup;
        this.proxy = proxy;
    }

    void print(PrintWriter out) {
        ProxyConfig config = setup.config();
        out.println("latch proxy: " + proxy.transport() + " transport"
                + (setup.engine() == null ? ", plain HTTP" : ", TLS engine " + setup.engine().engine().describe()));
        for (InetSocketAddress address : proxy.addresses()) {
            out.println("Listening on " + scheme() + "://" + SocketAddresses.text(address));
        }
        if (setup.certificate() != null) {
            KeyMaterial material = setup.certificate().material();
            out.println("  certificate for " + String.join(", ", material.names()) + ", from " + material.source()
                    + ", valid until " + material.notAfter());
        }
        if (setup.configFile() != null) {
            out.println("Settings from " + setup.configFile());
        }
        DestinationRules rules = setup.rules();
        out.println("Allows CONNECT to port" + (rules.ports().size() == 1 ? " " : "s ")
                + rules.ports().stream().map(String::valueOf).collect(Collectors.joining(", "))
                + " and http:// requests; " + (rules.onlyAllowed() ? ONLY_ALLOWED : DENIED_BY_DEFAULT));
        if (!rules.allow().isEmpty()) {
            out.println("  allowed: " + String.join(", ", rules.allow()));
        }
        if (!rules.deny().isEmpty()) {
            out.println("  denied: " + String.join(", ", rules.deny()));
        }
        rules.resolve().forEach((name, addresses) -> out.println("  " + name + " resolves to "
                + addresses.stream().map(InetAddress::getHostAddress).collect(Collectors.joining(", "))));
        if (config.auth().required()) {
            out.println("Authentication: required" + (setup.users() == null ? "" : ", users in " + setup.users()));
        } else {
            out.println("Authentication: none (add users with '" + CommandName.get() + " proxy user add NAME')");
            if (!loopbackOnly()) {
                out.println("Warning: listening beyond loopback without authentication (--open): "
                        + "anyone who can reach the proxy may use it.");
            }
        }
        if (proxy.status() != null) {
            out.println("Status: " + statusUrl());
        }
        out.println("To use it:");
        out.println("  " + curl());
        out.println("  export HTTPS_PROXY=" + proxyUrl(config.auth().required()));
        out.println("Press Ctrl+C to stop.");
        out.flush();
    }

    Map<String, Object> record() {
        ProxyConfig config = setup.config();
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("event", "started");
        record.put("transport", proxy.transport());
        record.put("engine", setup.engine() == null ? null : setup.engine().engine().id());
        record.put("engineFallback", setup.engine() == null ? null : setup.engine().fallbackReason());
        record.put("listen", proxy.addresses().stream().map(a -> scheme() + "://" + SocketAddresses.text(a)).toList());
        record.put("proxyUrl", proxyUrl(false));
        record.put("caRoot", setup.certificate() == null || setup.certificate().caRoot() == null ? null
                : setup.certificate().caRoot().toString());
        DestinationRules rules = setup.rules();
        record.put("ports", rules.ports());
        record.put("allow", rules.allow());
        record.put("deny", rules.deny());
        record.put("onlyAllowed", rules.onlyAllowed());
        record.put("config", setup.configFile() == null ? null : setup.configFile().toString());
        record.put("auth", config.auth().required());
        record.put("users", setup.users() == null ? null : setup.users().toString());
        record.put("status", proxy.status() == null ? null : statusUrl());
        return record;
    }

    private String scheme() {
        return setup.certificate() == null ? "http" : "https";
    }

    private boolean loopbackOnly() {
        return proxy.addresses().stream().allMatch(a -> a.getAddress().isLoopbackAddress());
    }

    private String statusUrl() {
        return "http://" + SocketAddresses.text(proxy.status()) + "/";
    }

    /** The curl command that fetches a page through the proxy; curl asks for the password itself. */
    private String curl() {
        List<String> words = new ArrayList<>(List.of("curl", "-x", proxyUrl(false)));
        if (setup.certificate() != null && setup.certificate().caRoot() != null) {
            words.addAll(List.of("--proxy-cacert", setup.certificate().caRoot().toString()));
        }
        if (setup.config().auth().required()) {
            words.addAll(List.of("--proxy-user", "NAME"));
        }
        words.add("https://example.com/");
        return String.join(" ", words);
    }

    /** The proxy's URL for a client on this machine: over TLS by a name its certificate carries. */
    private String proxyUrl(boolean withCredentials) {
        InetSocketAddress first = proxy.addresses().get(0);
        String user = withCredentials ? "NAME:PASSWORD@" : "";
        if (setup.certificate() != null) {
            List<String> names = setup.certificate().material().names();
            String name = names.contains("localhost") ? "localhost"
                    : names.stream().filter(n -> !n.startsWith("*")).findFirst().orElse(names.get(0));
            return "https://" + user + SocketAddresses.text(name, first.getPort());
        }
        InetAddress address = first.getAddress();
        if (address.isAnyLocalAddress()) { // listening everywhere: this machine reaches it on loopback
            address = address instanceof Inet6Address ? InetAddresses.forString("::1") : InetAddresses.forString("127.0.0.1");
        }
        return "http://" + user + SocketAddresses.text(address, first.getPort());
    }
}
