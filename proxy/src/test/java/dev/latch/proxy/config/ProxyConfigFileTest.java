package dev.latch.proxy.config;

import com.google.common.net.InetAddresses;
import dev.latch.core.LatchException;
import dev.latch.http.log.AccessLog;
import dev.latch.proxy.ProxyLimits;
import dev.latch.proxy.policy.DestinationPolicy;
import dev.latch.proxy.policy.NameResolver;
import dev.latch.proxy.target.TargetParser;
import dev.latch.testkit.ConfigErrors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Good files give every setting; every kind of mistake gives one line: the file and line, the key,
 * what is wrong and what to do — never a Java class, a Jackson token or an exception's name.
 */
class ProxyConfigFileTest {
    private static final Path BASE = Path.of("/etc/latch");

    private static ProxySettings parse(String yaml) {
        return ProxyConfigFile.parse("proxy.yaml", yaml.getBytes(StandardCharsets.UTF_8), BASE);
    }

    private static String error(String yaml) {
        return ConfigErrors.usageLine("proxy.yaml", () -> parse(yaml), "Settings", "InetSocketAddress");
    }

    @Test
    void aFullFileSetsEverything() {
        ProxySettings s = parse("""
                listen: [127.0.0.1:3128, "[::1]:3129"]
                tls:
                  cert: certs/proxy.pem
                  key: /keys/proxy-key.pem
                users: proxy-users
                open: true
                allow: [10.20.0.0/16, Intranet.Example, "*.corp.example"]
                deny:
                  - "*.ads.example"
                  - 192.0.2.0/24
                only_allowed: false
                ports: [443, 8443, 22]
                limits:
                  max_tunnels: 100
                  max_tunnels_per_client: 8
                  max_header_bytes: 8192
                  header_timeout: 5
                  idle_timeout: 60
                  connect_timeout: 3
                access_log: logs/proxy.log
                access_log_format: JSON
                status: 127.0.0.1:3130
                resolve:
                  Intranet.Example.: 10.20.0.5
                  app.example: [192.0.2.7, "2001:db8::7"]
                """);
        assertThat(s.listen()).containsExactly(new InetSocketAddress("127.0.0.1", 3128), new InetSocketAddress("::1", 3129));
        assertThat(s.tls().auto()).isFalse();
        assertThat(s.tls().cert()).isEqualTo(BASE.resolve("certs/proxy.pem"));
        assertThat(s.tls().key()).isEqualTo(Path.of("/keys/proxy-key.pem"));
        assertThat(s.users()).isEqualTo(BASE.resolve("proxy-users"));
        assertThat(s.open()).isTrue();
        assertThat(s.allow()).containsExactly("10.20.0.0/16", "intranet.example", "*.corp.example");
        assertThat(s.deny()).containsExactly("*.ads.example", "192.0.2.0/24");
        assertThat(s.onlyAllowed()).isFalse();
        assertThat(s.ports()).containsExactly(443, 8443, 22);
        ProxyLimits limits = s.limits(ProxyLimits.defaults());
        assertThat(limits.maxTunnels()).isEqualTo(100);
        assertThat(limits.maxTunnelsPerClient()).isEqualTo(8);
        assertThat(limits.maxHeaderBytes()).isEqualTo(8192);
        assertThat(limits.headerTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(limits.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(limits.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(limits.maxConnections()).isEqualTo(ProxyLimits.defaults().maxConnections());
        assertThat(s.accessLog()).isEqualTo(BASE.resolve("logs/proxy.log").toString());
        assertThat(s.accessLogFormat()).isEqualTo(AccessLog.Format.JSON);
        assertThat(s.status()).isEqualTo(new InetSocketAddress("127.0.0.1", 3130));
        assertThat(s.resolve()).containsOnlyKeys("intranet.example", "app.example");
        assertThat(s.resolve().get("app.example")).containsExactly(InetAddresses.forString("192.0.2.7"),
                InetAddresses.forString("2001:db8::7"));
    }

    /** The file's policy decides as the flags would: its resolve: names answer first, no DNS asked. */
    @Test
    void thePolicyOfTheFileDecides() throws Exception {
        ProxySettings s = parse("""
                allow: [intranet.example]
                deny: [192.0.2.0/24]
                ports: [443]
                resolve:
                  intranet.example: 10.20.0.5
                  app.example: [192.0.2.7, 198.51.100.7]
                """);
        DestinationPolicy policy = s.destinations(NameResolver.fixed(Map.of())).build();
        assertThat(policy.decide(TargetParser.connect("intranet.example:443"), true).addresses())
                .containsExactly(InetAddresses.forString("10.20.0.5"));
        assertThat(policy.decide(TargetParser.connect("app.example:443"), true).addresses())
                .containsExactly(InetAddresses.forString("198.51.100.7"));
        assertThat(policy.decide(TargetParser.connect("app.example:8443"), true).allowed()).isFalse();
        assertThat(policy.decide(TargetParser.connect("other.example:443"), true).status()).isEqualTo(502);
    }

    @Test
    void anEmptyFileLeavesEverythingToFlagsAndDefaults() {
        for (String empty : List.of("", "# nothing\n", "~\n", "---\n")) {
            ProxySettings s = parse(empty);
            assertThat(s).isEqualTo(ProxySettings.none());
            assertThat(s.listen()).isEmpty();
            assertThat(s.limits(ProxyLimits.defaults())).isEqualTo(ProxyLimits.defaults());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "access_log: stdout | -",
            "access_log: '-'    | -",
            "access_log: off    | off",
            "access_log: /var/log/p.log | /var/log/p.log"})
    void theAccessLogIsAFileStandardOutputOrOff(String setting, String value) {
        assertThat(parse(setting.strip() + "\n").accessLog()).isEqualTo(value.strip());
    }

    @Test
    void tlsAutoIsTheLocalCa() {
        assertThat(parse("tls:\n  cert: auto\n").tls().auto()).isTrue();
        assertThat(parse("tls: {}\n").tls().auto()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // what and where: file:line, the key, the reason; then what to do
            "'listen: [127.0.0.1:3128, localhost:3128]' | proxy.yaml:1: listen[1]: 'localhost:3128' is not an address and port: write it like 127.0.0.1:3128",
            "'listen: [\"::1:3128\"]'                    | proxy.yaml:1: listen[0]: '::1:3128' is not an address and port",
            "'listen: [127.0.0.1:70000]'                | proxy.yaml:1: listen[0]: '70000' is not a port number from 0 to 65535",
            "'listen: 127.0.0.1:3128'                   | proxy.yaml:1: listen: expected a list, like [a, b], not '127.0.0.1:3128'",
            "'ports: [443, 0]'                          | proxy.yaml:1: ports[1]: '0' is not a port number from 1 to 65535: like 443",
            "'ports: []'                                | ports: the list is empty, so no CONNECT could go anywhere",
            "'allow:\n  - 10.0.0.0/8\n  - 10.1.0.0/8'   | proxy.yaml:3: allow[1]: '10.1.0.0/8' has bits set beyond its /8 prefix: write the block's first address, 10.0.0.0/8, or a longer prefix",
            "'deny: [\"*\"]'                             | proxy.yaml:1: deny[0]: '*' is neither a host name nor an address block",
            "'deny: [0x7f.1]'                           | proxy.yaml:1: deny[0]: '0x7f.1' is an address, not a name: write the address in its usual form, like 127.0.0.1",
            "'open: maybe'                              | proxy.yaml:1: open: expected true or false, not 'maybe'",
            "'limits:\n  idle_timeout: 0'               | proxy.yaml:2: limits.idle_timeout: '0' is not a number of seconds from 1 to 86400",
            "'limits:\n  idle_timeout: 5m'              | proxy.yaml:2: limits.idle_timeout: '5m' is not a number of seconds",
            "'limits:\n  max_tunnels: -1'               | proxy.yaml:2: limits.max_tunnels: '-1' is not a whole number from 1 to 999999999",
            "'limits:\n  max_tunnels: 99999999999'      | proxy.yaml:2: limits.max_tunnels: '99999999999' is not a whole number",
            "'limits: 5'                                | proxy.yaml:1: limits: expected limits (max_tunnels:, idle_timeout:, ...)",
            "'access_log_format: xml'                   | proxy.yaml:1: access_log_format: expected combined or json, not 'xml'",
            "'status: 127.0.0.1'                        | proxy.yaml:1: status: '127.0.0.1' is not an address and port",
            "'resolve:\n  a.example: nowhere'           | proxy.yaml:2: resolve: 'nowhere' is not an IP address: write it like 192.0.2.7",
            "'resolve:\n  10.0.0.1: 10.0.0.2'           | proxy.yaml:2: resolve: resolve: '10.0.0.1' is not a host name",
            "'resolve:\n  a.example: []'                | proxy.yaml:2: resolve: resolve: a.example has no address",
            "'resolve: [a]'                             | proxy.yaml:1: resolve: expected names and their addresses",
            "'users:'                                   | proxy.yaml:1: users: the value is empty: give a value or leave the key out",
            "'tls:\n  cert: proxy.pem'                  | tls: cert is a file, so key: is needed too: add key: FILE, or use cert: auto",
            "'tls: auto'                                | proxy.yaml:1: tls: expected TLS settings (cert: auto, or cert: FILE and key: FILE)",
            "'- listen'                                 | proxy.yaml:1: expected settings (listen:, allow:, ...), not a list",
    })
    void everyMistakeSaysWhereWhatAndWhatToDo(String yaml, String expected) {
        assertThat(error(yaml + "\n")).contains(expected.strip());
    }

    @Test
    void unknownKeysGetTheNearestKnownOne() {
        assertThat(error("open: true\nalow: [a.example]\n"))
                .isEqualTo("proxy.yaml:2: unknown setting 'alow': did you mean 'allow'?");
        assertThat(error("limits:\n  max_tunnels: 5\n  idle_timout: 5\n  connect_timeout: 5\n"))
                .isEqualTo("proxy.yaml:3: limits: unknown setting 'idle_timout': did you mean 'idle_timeout'?");
        assertThat(error("colour: blue\n")).startsWith("proxy.yaml:1: unknown setting 'colour': known settings there: ")
                .contains("access_log, access_log_format, allow, deny");
    }

    /** Checked across its keys when the map ends, a record's mistake is still said at its key, not where the map ends. */
    @Test
    void aCheckAcrossKeysNamesTheLineOfItsKey() {
        assertThat(error("open: true\ntls:\n  cert: proxy.pem\nusers: users\n"))
                .isEqualTo("proxy.yaml:2: tls: cert is a file, so key: is needed too: add key: FILE, or use cert: auto");
        assertThat(error("open: true\nports: []\nusers: users\n")).startsWith("proxy.yaml:2: ports: the list is empty");
    }

    @Test
    void aRepeatedKeyIsAnErrorNotALastOneWins() {
        assertThat(error("deny: [a.example]\nopen: false\ndeny: [b.example]\n")).startsWith("proxy.yaml:3: ")
                .contains("'deny'");
    }

    @Test
    void aliasesAreRefusedNotReadAsTheirName() {
        assertThat(error("allow: &a [a.example]\ndeny: *a\n"))
                .isEqualTo("proxy.yaml:2: YAML aliases ('*a') are not supported: write the value out in full");
    }

    @Test
    void whatTheYamlParserSaysComesWithoutItsJava() {
        String notUtf8 = ConfigErrors.usageLine("proxy.yaml", () -> ProxyConfigFile.parse("proxy.yaml",
                new byte[] {(byte) 0xff, (byte) 0xfe, 0, 'x'}, BASE));
        assertThat(notUtf8).startsWith("proxy.yaml:1: not valid YAML: Invalid UTF-8 start byte 0xff");
        assertThat(error("? [a]\n: b\n")).startsWith("proxy.yaml:1: not valid YAML: Expected a field name, got this instead: a list");
    }

    @Test
    void brokenYamlSaysWhere() {
        assertThat(error("allow: [\n")).startsWith("proxy.yaml:2:1: not valid YAML: ");
        assertThat(error("allow: [a.example]\n---\nopen: true\n")).isEqualTo("proxy.yaml:3: a second YAML document; "
                + "the file holds one: remove the '---' and merge the settings into one");
    }

    @Test
    void aFileIsReadWithABoundAndItsDirectoryIsTheBase(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> ProxyConfigFile.read(Path.of("/dev/zero")))
                .hasMessage("/dev/zero: larger than 1024 KiB, too large for a configuration");
        assertThatThrownBy(() -> ProxyConfigFile.read(dir.resolve("missing.yaml"))).isInstanceOf(LatchException.class)
                .hasMessage(dir.resolve("missing.yaml") + ": no such file");
        Path file = dir.resolve("proxy.yaml");
        Files.writeString(file, "users: users.txt\nports: [x]\n");
        assertThatThrownBy(() -> ProxyConfigFile.read(file)).hasMessageStartingWith(file + ":2: ports[0]: ");
        Files.writeString(file, "users: users.txt\n");
        assertThat(ProxyConfigFile.read(file).users()).isEqualTo(dir.toAbsolutePath().resolve("users.txt"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"open: true\n", "only_allowed: true\nallow: [a.example]\n"})
    void booleansAreRead(String yaml) {
        ProxySettings s = parse(yaml);
        assertThat(s.open() != null && s.open() || s.onlyAllowed() != null && s.onlyAllowed()).isTrue();
    }
}
