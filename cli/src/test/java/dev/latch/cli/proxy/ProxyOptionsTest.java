package dev.latch.cli.proxy;

import dev.latch.cli.Main;
import dev.latch.core.LatchException;
import dev.latch.proxy.ProxyConfig;
import dev.latch.proxy.ProxyLimits;
import dev.latch.proxy.auth.AuthResult;
import dev.latch.proxy.auth.ProxyAuth;
import dev.latch.proxy.policy.Decision;
import dev.latch.proxy.policy.Destinations;
import dev.latch.tls.TlsEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code latch proxy}'s flags become, through the real command line (picocli, Main's error
 * handling and exit codes): every address, port list, rule and limit as given; every mistake one
 * line, exit 2, before anything is made. The proxy module's parts are a recording stand-in that
 * stops the run where the proxy would start listening (exit 1), so the configuration it would
 * have started with can be read.
 */
class ProxyOptionsTest {
    @TempDir
    Path dir;

    /** Records what the command asked of the proxy module; refuses CIDRs with a prefix too long, as a policy does. */
    static final class Recorder implements ProxyParts {
        static final String STOPPED = "the test stops here instead of listening";
        DestinationRules rules;
        Path users;
        ProxyConfig started;

        @Override
        public Destinations destinations(dev.latch.proxy.config.ProxySettings given) {
            rules = DestinationRules.of(given);
            for (String pattern : given.allow()) {
                if (pattern.endsWith("/33")) {
                    throw new IllegalArgumentException("--allow " + pattern + ": an IPv4 prefix is 0 to 32 bits long");
                }
            }
            return (target, tunnel) -> Decision.refuse(403, "not in this test");
        }

        @Override
        public ProxyAuth users(Path file, java.util.function.Consumer<String> events) {
            users = file;
            return new ProxyAuth() {
                @Override
                public AuthResult check(InetAddress client, String proxyAuthorization) {
                    return new AuthResult(AuthResult.Outcome.MISSING, null);
                }

                @Override
                public boolean required() {
                    return true;
                }
            };
        }

        @Override
        public dev.latch.proxy.config.ProxySettings configFile(Path file) {
            return dev.latch.proxy.config.ProxyConfigFile.read(file);
        }

        @Override
        public RunningProxy start(ProxyConfig config) {
            started = config;
            throw new LatchException(STOPPED);
        }
    }

    record Run(int exit, String out, String err, Recorder parts) {
        /** The run got as far as starting the proxy, with this configuration. */
        ProxyConfig started() {
            assertThat(exit).as(err).isEqualTo(1);
            assertThat(err.strip()).isEqualTo("latch: " + Recorder.STOPPED);
            return parts.started;
        }

        /** The run was refused as a usage error: one line, nothing started. */
        String usage() {
            assertThat(exit).as(err).isEqualTo(2);
            assertThat(err.strip().lines()).as(err).hasSize(1);
            assertThat(parts.started).isNull();
            return err.strip();
        }
    }

    Run proxy(String... args) {
        Recorder parts = new Recorder();
        CommandLine latch = Main.commandLine();
        ((ProxyCommand) latch.getSubcommands().get("proxy").getCommand()).parts = parts;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        latch.setOut(new PrintWriter(out, true));
        latch.setErr(new PrintWriter(err, true));
        String[] line = new String[args.length + 1];
        line[0] = "proxy";
        System.arraycopy(args, 0, line, 1, args.length);
        int exit = latch.execute(line);
        return new Run(exit, out.toString(), err.toString(), parts);
    }

    @Test
    void withNoFlagsItListensOnLoopback3128ForPorts443And8443WithoutUsers() {
        Run run = proxy("--access-log", "off");
        ProxyConfig config = run.started();
        assertThat(config.listen()).containsExactly(new InetSocketAddress("127.0.0.1", 3128));
        assertThat(config.auth().required()).isFalse();
        assertThat(config.open()).isFalse();
        assertThat(config.tls()).isNull();
        assertThat(config.status()).isNull();
        assertThat(config.limits()).isEqualTo(ProxyLimits.defaults());
        assertThat(run.parts().rules).isEqualTo(new DestinationRules(List.of(443, 8443), List.of(), List.of(), Map.of(), false));
    }

    @Test
    void listenTakesSeveralAddressesIpv6InBrackets() {
        ProxyConfig config = proxy("--access-log", "off", "--listen", "[::1]:3128", "--listen", "127.0.0.1:0").started();
        assertThat(config.listen()).containsExactly(new InetSocketAddress("::1", 3128), new InetSocketAddress("127.0.0.1", 0));
    }

    @Test
    void aListenAddressThatIsNotAnIpAndAPortIsAUsageError() {
        assertThat(proxy("--listen", "localhost:3128").usage())
                .contains("--listen").contains("'localhost' is not an IP address").contains("[::1]:3128")
                .endsWith("(see 'latch proxy --help')");
        assertThat(proxy("--listen", "127.0.0.1").usage()).contains("'127.0.0.1': no port");
        assertThat(proxy("--listen", "::1:3128").usage()).contains("'::1:3128'");
        assertThat(proxy("--listen", "127.0.0.1:70000").usage()).contains("'127.0.0.1:70000'");
        assertThat(proxy("--listen", "[::1]:3128", "--listen", "[0:0::1]:3128").usage())
                .startsWith("latch proxy: --listen [::1]:3128 is given twice");
    }

    @Test
    void portListsAreCommaSeparatedAndInRange() {
        assertThat(proxy("--access-log", "off", "--ports", "443,8443,9443").started()).isNotNull();
        Recorder parts = proxy("--access-log", "off", "--ports", "443", "--ports", "10443").parts();
        assertThat(parts.rules.ports()).containsExactly(443, 10443);
        assertThat(proxy("--ports", "0").usage()).startsWith("latch proxy: --ports takes port numbers (1-65535), not 0");
        assertThat(proxy("--ports", "443,65536").usage()).contains("not 65536");
        assertThat(proxy("--ports", "https").usage()).contains("--ports").contains("'https'");
    }

    @Test
    void allowAndDenyReachThePolicyAsWrittenAndItsRefusalIsOneUsageLine() {
        Run run = proxy("--access-log", "off", "--allow", "10.1.0.0/16", "--allow", "intranet.test",
                "--deny", "*.ads.test", "--deny", "fd00::/8");
        run.started();
        assertThat(run.parts().rules.allow()).containsExactly("10.1.0.0/16", "intranet.test");
        assertThat(run.parts().rules.deny()).containsExactly("*.ads.test", "fd00::/8");
        assertThat(proxy("--allow", "10.0.0.0/33").usage())
                .isEqualTo("latch proxy: --allow 10.0.0.0/33: an IPv4 prefix is 0 to 32 bits long: "
                        + "see 'latch proxy --help' for --allow and --deny");
    }

    @Test
    void resolveGathersTheAddressesOfEachName() throws Exception {
        Run run = proxy("--access-log", "off", "--resolve", "Up.Test.:127.0.0.1,[::1]", "--resolve", "up.test:127.0.0.2",
                "--resolve", "other.test:192.0.2.7");
        run.started();
        assertThat(run.parts().rules.resolve()).isEqualTo(Map.of(
                "up.test", List.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("::1"),
                        InetAddress.getByName("127.0.0.2")),
                "other.test", List.of(InetAddress.getByName("192.0.2.7"))));
        assertThat(proxy("--resolve", "up.test:nowhere.test").usage()).contains("'nowhere.test' is not an IP address");
        assertThat(proxy("--resolve", "up.test").usage()).contains("give NAME:ADDRESS");
        assertThat(proxy("--resolve", "up_test!:127.0.0.1").usage()).contains("is not a DNS name");
    }

    @Test
    void beyondLoopbackWithoutUsersIsRefusedUnlessOpen() {
        assertThat(proxy("--listen", "0.0.0.0:3128").usage()).isEqualTo("latch proxy: refusing to listen on 0.0.0.0"
                + " without authentication: anyone who can reach it could use the proxy: add a user with"
                + " 'latch proxy user add NAME' (or give --users FILE), or pass --open to accept it");
        assertThat(proxy("--listen", "127.0.0.1:3128", "--listen", "[::]:3128").usage()).contains("refusing to listen on ::");
        ProxyConfig open = proxy("--access-log", "off", "--listen", "0.0.0.0:3128", "--open").started();
        assertThat(open.open()).isTrue();
    }

    @Test
    void aUsersFileTurnsAuthenticationOnAndMustExist() throws Exception {
        Path users = Files.writeString(dir.resolve("users"), "");
        Run run = proxy("--access-log", "off", "--listen", "0.0.0.0:3128", "--users", users.toString());
        assertThat(run.started().auth().required()).isTrue();
        assertThat(run.parts().users).isEqualTo(users);

        Run missing = proxy("--users", dir.resolve("nobody").toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err().strip()).isEqualTo("latch: no users file at " + dir.resolve("nobody")
                + ": add a user with 'latch proxy user add NAME' (or give the right --users FILE)");
    }

    @Test
    void theUsersFileInLatchHomeIsUsedWhenItExistsAndNoneIsGiven() throws Exception {
        Path usual = dir.resolve("proxy").resolve("users");
        assertThat(ProxyOptions.usersFile(null, usual)).as("no users file yet: no authentication").isNull();
        Files.createDirectories(usual.getParent());
        Files.writeString(usual, "");
        assertThat(ProxyOptions.usersFile(null, usual)).isEqualTo(usual);

        Path other = Files.writeString(dir.resolve("other-users"), "");
        assertThat(ProxyOptions.usersFile(other, usual)).as("--users wins").isEqualTo(other);
    }

    @Test
    void theStatusEndpointListensOnlyOnLoopback() {
        assertThat(proxy("--access-log", "off", "--status", "127.0.0.1:3129").started().status())
                .isEqualTo(new InetSocketAddress("127.0.0.1", 3129));
        assertThat(proxy("--status", "192.0.2.1:3129").usage())
                .startsWith("latch proxy: the status endpoint may listen only on loopback, not on 192.0.2.1");
    }

    @Test
    void limitsAreLaidOverTheDefaultsAndMustBePositive() {
        ProxyLimits limits = proxy("--access-log", "off", "--max-tunnels", "5", "--max-tunnels-per-client", "2",
                "--connect-timeout", "3", "--idle-timeout", "60").started().limits();
        ProxyLimits d = ProxyLimits.defaults();
        assertThat(limits).isEqualTo(new ProxyLimits(5, 2, d.maxConnections(), d.maxRequestLine(), d.maxHeaderBytes(),
                d.headerTimeout(), Duration.ofSeconds(60), Duration.ofSeconds(3)));
        assertThat(proxy("--max-tunnels", "0").usage()).startsWith("latch proxy: --max-tunnels must be at least 1, not 0");
        assertThat(proxy("--connect-timeout", "-1").usage()).startsWith("latch proxy: --connect-timeout must be at least 1");
    }

    @Test
    void tlsFlagsBelongTogether() {
        assertThat(proxy("--tls", "--cert", "a.pem").usage()).startsWith("latch proxy: --cert and --key go together");
        assertThat(proxy("--name", "proxy.test").usage()).contains("--name is for a proxy that listens over TLS: add --tls");
        assertThat(proxy("--tls-engine", "jdk").usage()).contains("--tls-engine is for a proxy that listens over TLS");
        assertThat(proxy("--tls", "--tls-engine", "rustls").usage()).contains("--tls-engine: unknown TLS engine 'rustls'");
    }

    @Test
    void theTlsEngineAskedForIsTheOneConfigured() throws Exception {
        Path home = dir.resolve("ca");
        Run run = proxy("--access-log", "off", "--tls", "--tls-engine", "jdk", "--listen", "127.0.0.1:0",
                "--home", home.toString());
        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        assertThat(run.parts().started.engine()).isEqualTo(TlsEngine.JDK);
    }

    @Test
    void anAccessLogFileIsOpenedOnlyForAConfigurationThatCanRun() throws Exception {
        Path log = dir.resolve("logs/access.log");
        proxy("--access-log", log.toString(), "--listen", "0.0.0.0:3128").usage();
        assertThat(log).doesNotExist();
        proxy("--access-log", log.toString()).started();
        assertThat(log).exists();
    }

    @Test
    void overTlsEverywhereTheNamesMustBeGivenBeforeAnyCaIsMade() {
        Path home = dir.resolve("ca");
        assertThat(proxy("--tls", "--open", "--listen", "0.0.0.0:3128", "--home", home.toString()).usage())
                .contains("with --tls on 0.0.0.0:3128, give the names clients use for the proxy with --name");
        assertThat(home).doesNotExist();
    }

    @Test
    void overTlsTheLocalCaIssuesACertificateForTheLoopbackNames() {
        Path home = dir.resolve("ca");
        Run run = proxy("--access-log", "off", "--tls", "--listen", "127.0.0.1:0", "--home", home.toString());
        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).contains("latch: created a local CA in " + home);
        ProxyConfig config = run.parts().started;
        assertThat(config.tls().names()).containsExactly("localhost", "127.0.0.1");
        assertThat(config.tls().chain()).hasSize(2);
    }

    @Test
    void withAConfigFileThePolicyFlagsGoInTheFile() {
        assertThat(proxy("--config", "proxy.yaml", "--allow", "a.test", "--listen", "127.0.0.1:1").usage())
                .startsWith("latch proxy: with --config, put --listen, --allow in the file"
                        + " (on the command line: --access-log, --json, --status, --name, --tls-engine)");
    }

    @Test
    void aConfigFileGoesTheWayOfTheFlagsAndTheOutputFlagsLayOverIt() throws Exception {
        Path file = Files.writeString(dir.resolve("proxy.yaml"), """
                listen: ["127.0.0.1:0"]
                allow: [10.1.0.0/16]
                deny: ["*.ads.test"]
                only_allowed: true
                ports: [443, 10443]
                limits:
                  max_tunnels: 7
                status: 127.0.0.1:0
                access_log: off
                """);
        Run run = proxy("--config", file.toString(), "--status", "127.0.0.1:9");
        ProxyConfig config = run.started();
        assertThat(config.listen()).containsExactly(new InetSocketAddress("127.0.0.1", 0));
        assertThat(config.limits().maxTunnels()).isEqualTo(7);
        assertThat(config.status()).as("--status over the file's").isEqualTo(new InetSocketAddress("127.0.0.1", 9));
        assertThat(run.parts().rules).isEqualTo(new DestinationRules(List.of(443, 10443), List.of("10.1.0.0/16"),
                List.of("*.ads.test"), Map.of(), true));
        assertThat(proxy("--config", file.toString(), "--only-allowed").usage()).contains("put --only-allowed in the file");
    }

    @Test
    void helpTellsTheDefaultsAndTheSafetyRules() {
        Run run = proxy("--help");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("listens on 127.0.0.1:3128").contains("reach ports 443 and 8443")
                .contains("or --open to accept").contains("cloud metadata address are denied unless --allow")
                .contains("latch proxy --tls").doesNotContain("${").doesNotContain("seed");
    }
}
