package dev.latch.proxy.policy;

import com.google.common.net.InetAddresses;
import dev.latch.core.UsageException;
import dev.latch.proxy.target.BadTarget;
import dev.latch.proxy.target.TargetParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every decision on fixed names (NameResolver.fixed): no test here asks real DNS. */
class DestinationPolicyTest {
    private static final Map<String, List<InetAddress>> NAMES = Map.of(
            "public.test", addresses("192.0.2.10"),
            "public6.test", addresses("2001:db8::10"),
            "internal.test", addresses("10.1.2.3"),
            "split.test", addresses("10.1.2.3", "192.0.2.20", "127.0.0.1", "192.0.2.21"),
            "loop.test", addresses("127.0.0.1", "::1"),
            "metadata.test", addresses("169.254.169.254"),
            "metadata.cloud.test", addresses("169.254.169.254"),
            "nat64.test", addresses("64:ff9b::a01:203"),
            "www.corp.test", addresses("10.9.9.9"),
            "a.b.corp.test", addresses("172.16.0.1"));

    private static List<InetAddress> addresses(String... text) {
        return Arrays.stream(text).map(InetAddresses::forString).toList();
    }

    private static DestinationPolicy.Builder policy() {
        return DestinationPolicy.builder().resolver(NameResolver.fixed(NAMES));
    }

    private static Decision connect(DestinationPolicy policy, String authority) {
        try {
            return policy.decide(TargetParser.connect(authority), true);
        } catch (BadTarget e) {
            throw new AssertionError(authority + ": " + e.getMessage());
        }
    }

    private static Decision plain(DestinationPolicy policy, String url) {
        try {
            return policy.decide(TargetParser.absolute(url).target(), false);
        } catch (BadTarget e) {
            throw new AssertionError(url + ": " + e.getMessage());
        }
    }

    private static List<String> connected(Decision decision) {
        assertThat(decision.allowed()).as(decision.reason()).isTrue();
        return decision.addresses().stream().map(Addresses::text).toList();
    }

    @Test
    void aPublicNameIsReachedOnItsAddresses() {
        DestinationPolicy policy = policy().build();
        assertThat(connected(connect(policy, "public.test:443"))).containsExactly("192.0.2.10");
        assertThat(connected(connect(policy, "PUBLIC6.test.:8443"))).containsExactly("2001:db8::10");
        assertThat(connected(connect(policy, "192.0.2.99:443"))).containsExactly("192.0.2.99");
        assertThat(connected(connect(policy, "[2001:db8::99]:443"))).containsExactly("2001:db8::99");
    }

    @Test
    void aPrivateAddressIsRefusedNamingTheAddressAndTheRule() {
        Decision decision = connect(policy().build(), "internal.test:443");
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.status()).isEqualTo(403);
        assertThat(decision.addresses()).isEmpty();
        assertThat(decision.reason()).isEqualTo(
                "internal.test: 10.1.2.3 is a private address (RFC 1918); allow it with --allow 10.0.0.0/8");
        assertThat(connect(policy().build(), "10.1.2.3:443").reason())
                .isEqualTo("10.1.2.3 is a private address (RFC 1918); allow it with --allow 10.0.0.0/8");
    }

    /** DNS rebinding: a name may resolve to public and private addresses at once; only the public ones are returned. */
    @Test
    void onlyTheAllowedAddressesOfANameAreReturnedInTheirOrder() {
        assertThat(connected(connect(policy().build(), "split.test:443"))).containsExactly("192.0.2.20", "192.0.2.21");
        Decision loop = connect(policy().build(), "loop.test:443");
        assertThat(loop.reason()).isEqualTo("loop.test: 127.0.0.1 is a loopback address (this machine); allow it with --allow 127.0.0.0/8");
    }

    @Test
    void aNameThatDoesNotResolveIs502() {
        Decision decision = connect(policy().build(), "nowhere.test:443");
        assertThat(decision.status()).isEqualTo(502);
        assertThat(decision.reason()).isEqualTo("nowhere.test does not resolve");
    }

    /** Every way to write 127.0.0.1 (and the metadata address) that a resolver or a browser accepts. */
    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1", "127.0.1", "2130706433", "0x7f000001", "0X7F000001", "0x7f.1",
            "0x7f.0.0.1", "0x7f.0x0.0x0.0x1", "0177.0.0.1", "0177.1", "017700000001", "127.0.0.1.", "127.000.000.001",
            "[::1]", "[0:0:0:0:0:0:0:1]", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[::127.0.0.1]", "[64:ff9b::127.0.0.1]",
            "[64:ff9b::7f00:1]", "[2002:7f00:1::1]", "[2001:0:4136:e378:8000:63bf:80ff:fffe]", "[::ffff:0:127.0.0.1]",
            "0.0.0.0", "0", "[::]", "localhost.test",
            "169.254.169.254", "2852039166", "0xa9fea9fe", "169.254.43518", "0251.0376.0251.0376", "[::ffff:a9fe:a9fe]",
            "[64:ff9b::a9fe:a9fe]", "metadata.test", "10.1.2.3", "167838211", "012.1.2.3", "10.66051", "nat64.test"})
    void noSpellingOfAnInsideAddressGetsThrough(String host) {
        DestinationPolicy policy = DestinationPolicy.builder()
                .resolver(NameResolver.fixed(Map.of("localhost.test", addresses("127.0.0.2"))).withOverrides(NAMES))
                .build();
        Decision decision = connect(policy, host + ":443");
        assertThat(decision.allowed()).as(host).isFalse();
        assertThat(decision.status()).isEqualTo(403);
        assertThat(plain(policy, "http://" + host + "/").allowed()).as(host).isFalse();
    }

    @Test
    void embeddedFormsNameTheAddressTheyCarry() {
        assertThat(connect(policy().build(), "[64:ff9b::10.1.2.3]:443").reason()).isEqualTo(
                "64:ff9b::a01:203 is NAT64 for 10.1.2.3, a private address (RFC 1918); allow it with --allow 10.0.0.0/8");
        assertThat(connected(connect(policy().allow("10.0.0.0/8").build(), "[64:ff9b::10.1.2.3]:443")))
                .containsExactly("64:ff9b::a01:203");
        assertThat(connected(connect(policy().build(), "[64:ff9b::192.0.2.1]:443"))).containsExactly("64:ff9b::c000:201");
    }

    @Test
    void anAllowedBlockOrNameOpensASpecialRange() {
        assertThat(connected(connect(policy().allow("10.0.0.0/8").build(), "internal.test:443"))).containsExactly("10.1.2.3");
        assertThat(connected(connect(policy().allow("10.1.2.3").build(), "10.1.2.3:443"))).containsExactly("10.1.2.3");
        assertThat(connected(connect(policy().allow("internal.test").build(), "internal.test:443"))).containsExactly("10.1.2.3");
        assertThat(connected(connect(policy().allow("*.corp.test").build(), "a.b.corp.test:443"))).containsExactly("172.16.0.1");
        assertThat(connect(policy().allow("*.corp.test").build(), "internal.test:443").allowed()).isFalse();
        assertThat(connect(policy().allow("10.0.0.0/16").build(), "10.1.2.3:443").allowed()).isFalse();
        assertThat(connected(connect(policy().allow("127.0.0.0/8").allow("::1").build(), "loop.test:443")))
                .containsExactly("127.0.0.1", "::1");
    }

    @Test
    void theMetadataServiceOpensOnlyToARuleThatNamesItExactly() {
        assertThat(connect(policy().build(), "metadata.test:443").reason()).isEqualTo("metadata.test: 169.254.169.254 is the "
                + "cloud metadata service; allow it only by naming it: --allow 169.254.169.254");
        assertThat(connect(policy().allow("169.254.0.0/16").build(), "169.254.169.254:443").allowed()).isFalse();
        assertThat(connected(connect(policy().allow("169.254.0.0/16").build(), "169.254.1.1:443"))).containsExactly("169.254.1.1");
        assertThat(connect(policy().allow("0.0.0.0/0").build(), "metadata.test:443").allowed()).isFalse();
        assertThat(connect(policy().allow("*.cloud.test").build(), "metadata.cloud.test:443").allowed()).isFalse();
        assertThat(connected(connect(policy().allow("169.254.169.254").build(), "metadata.test:443")))
                .containsExactly("169.254.169.254");
        assertThat(connected(connect(policy().allow("metadata.test").build(), "metadata.test:443")))
                .containsExactly("169.254.169.254");
    }

    @Test
    void denyBeatsAllow() {
        DestinationPolicy policy = policy().allow("10.0.0.0/8").deny("10.1.0.0/16").allow("*.corp.test").deny("www.corp.test").build();
        assertThat(connect(policy, "internal.test:443").reason()).isEqualTo("internal.test: 10.1.2.3 is denied by --deny 10.1.0.0/16");
        assertThat(connect(policy, "www.corp.test:443").reason()).isEqualTo("www.corp.test is denied by --deny www.corp.test");
        assertThat(connected(connect(policy, "a.b.corp.test:443"))).containsExactly("172.16.0.1");
        assertThat(connected(connect(policy, "10.2.0.1:443"))).containsExactly("10.2.0.1");
    }

    @Test
    void aDeniedBlockCoversItsAddressesInEverySpelling() {
        DestinationPolicy policy = policy().deny("192.0.2.0/24").build();
        for (String host : List.of("192.0.2.10", "3221225994", "0xc0.0.2.10", "[::ffff:192.0.2.10]", "[64:ff9b::192.0.2.10]",
                "[2002:c000:20a::]", "public.test")) {
            assertThat(connect(policy, host + ":443").allowed()).as(host).isFalse();
        }
        assertThat(connected(connect(policy, "public6.test:443"))).containsExactly("2001:db8::10");
    }

    @Test
    void aDeniedNameIsNotEvenLookedUp() {
        AtomicInteger lookups = new AtomicInteger();
        DestinationPolicy policy = DestinationPolicy.builder().deny("*.public.test").deny("public.test")
                .resolver(name -> {
                    lookups.incrementAndGet();
                    return addresses("192.0.2.10");
                }).build();
        assertThat(connect(policy, "public.test:443").allowed()).isFalse();
        assertThat(connect(policy, "www.public.test:443").reason()).isEqualTo("www.public.test is denied by --deny *.public.test");
        assertThat(lookups).hasValue(0);
        assertThat(connect(policy, "other.test:443").allowed()).isTrue();
        assertThat(lookups).hasValue(1);
    }

    @Test
    void onlyAllowedReachesWhatTheRulesNameAndNothingElse() {
        DestinationPolicy policy = policy().onlyAllowed(true).allow("public.test").allow("198.51.100.0/24").build();
        assertThat(connected(connect(policy, "public.test:443"))).containsExactly("192.0.2.10");
        assertThat(connected(connect(policy, "198.51.100.7:443"))).containsExactly("198.51.100.7");
        assertThat(connect(policy, "public6.test:443").reason()).isEqualTo(
                "public6.test: 2001:db8::10 is not named by any --allow rule, and only what --allow names is reachable");
        assertThat(connect(policy, "internal.test:443").reason()).contains("10.1.2.3 is a private address");
        assertThatThrownBy(() -> policy().onlyAllowed(true).build()).isInstanceOf(UsageException.class)
                .hasMessage("only allowed destinations are reachable, but nothing is allowed");
    }

    @ParameterizedTest
    @CsvSource({"443, true", "8443, true", "80, false", "22, false", "25, false", "8080, false", "65535, false"})
    void connectGoesOnlyToTheAllowedPorts(int port, boolean allowed) {
        Decision decision = connect(policy().build(), "public.test:" + port);
        assertThat(decision.allowed()).isEqualTo(allowed);
        if (!allowed) {
            assertThat(decision.status()).isEqualTo(403);
            assertThat(decision.reason()).isEqualTo("CONNECT to port " + port + " is not allowed (allowed: 443, 8443; change with --ports)");
        }
    }

    @Test
    void theConnectPortsCanBeChanged() {
        DestinationPolicy policy = policy().ports(List.of(22, 443)).build();
        assertThat(connect(policy, "public.test:22").allowed()).isTrue();
        assertThat(connect(policy, "public.test:8443").reason()).contains("(allowed: 22, 443;");
        assertThatThrownBy(() -> policy().ports(List.of())).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> policy().ports(List.of(0))).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> policy().ports(List.of(65536))).isInstanceOf(UsageException.class);
    }

    /** Plain http: port 80, unprivileged ports and the CONNECT ports; never another service's privileged port. */
    @ParameterizedTest
    @CsvSource({"80, true", "1024, true", "8080, true", "65535, true", "443, true", "8443, true",
            "22, false", "25, false", "110, false", "1023, false"})
    void plainHttpGoesToWebPortsOnly(int port, boolean allowed) {
        Decision decision = plain(policy().build(), "http://public.test:" + port + "/");
        assertThat(decision.allowed()).as(decision.reason()).isEqualTo(allowed);
        if (!allowed) {
            assertThat(decision.reason()).isEqualTo("plain http is not forwarded to port " + port
                    + ", a privileged port of another service (only to 80, 1024-65535 and --ports 443, 8443)");
        }
    }

    @Test
    void thePortIsCheckedBeforeTheNameIsLookedUp() {
        AtomicInteger lookups = new AtomicInteger();
        DestinationPolicy policy = DestinationPolicy.builder().resolver(name -> {
            lookups.incrementAndGet();
            return List.of();
        }).build();
        assertThat(connect(policy, "public.test:22").status()).isEqualTo(403);
        assertThat(lookups).hasValue(0);
    }

    @Test
    void overridesAnswerFirstLikeCurlsResolve() {
        NameResolver resolver = NameResolver.fixed(NAMES).withOverrides(Map.of("Public.Test.", addresses("192.0.2.77")));
        assertThat(resolver.resolve("public.test")).extracting(InetAddress::getHostAddress).containsExactly("192.0.2.77");
        assertThat(resolver.resolve("internal.test")).extracting(InetAddress::getHostAddress).containsExactly("10.1.2.3");
        assertThat(resolver.resolve("nowhere.test")).isEmpty();
    }

    /** The operating system's resolver answers "localhost" from its hosts file, no DNS: refused as this machine. */
    @Test
    void theSystemResolverIsJudgedLikeAnyOther() {
        assertThat(NameResolver.system().resolve("localhost")).isNotEmpty().allMatch(InetAddress::isLoopbackAddress);
        Decision decision = connect(DestinationPolicy.builder().build(), "localhost:443");
        assertThat(decision.status()).isEqualTo(403);
        assertThat(decision.reason()).startsWith("localhost: ").contains("loopback");
    }

    @Test
    void theSummaryNamesPortsAndRules() {
        assertThat(policy().allow("10.0.0.0/8").deny("*.bad.test").build().summary()).isEqualTo(
                "CONNECT to ports 443, 8443; denied: *.bad.test; allowed: 10.0.0.0/8; other public addresses; "
                        + "private, loopback, link-local and cloud metadata addresses refused");
    }
}
