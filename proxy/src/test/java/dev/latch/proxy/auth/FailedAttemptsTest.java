package dev.latch.proxy.auth;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class FailedAttemptsTest {
    private final FakeTicker clock = new FakeTicker();
    private final FailedAttempts attempts = new FailedAttempts(10, Duration.ofMinutes(1), 1000, clock);

    private static InetAddress ip(String address) throws UnknownHostException {
        return InetAddress.getByName(address);
    }

    @Test
    void tenFailuresBlockTheClientUntilTheWindowHasPassed() throws Exception {
        InetAddress client = ip("192.0.2.7");
        for (int i = 0; i < 9; i++) {
            attempts.failed(client);
        }
        assertThat(attempts.blocked(client)).isFalse();
        attempts.failed(client);
        assertThat(attempts.blocked(client)).isTrue();
        assertThat(attempts.blocked(ip("192.0.2.8"))).as("another client").isFalse();
        clock.advance(Duration.ofSeconds(59));
        assertThat(attempts.blocked(client)).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(attempts.blocked(client)).isFalse();
        attempts.failed(client);
        assertThat(attempts.blocked(client)).as("a new window starts from one").isFalse();
    }

    @Test
    void theWindowStartsAtTheFirstFailureAndLaterFailuresDoNotExtendIt() throws Exception {
        InetAddress client = ip("192.0.2.7");
        attempts.failed(client);
        clock.advance(Duration.ofSeconds(50));
        for (int i = 0; i < 9; i++) {
            attempts.failed(client);
        }
        assertThat(attempts.blocked(client)).isTrue();
        clock.advance(Duration.ofSeconds(10));
        assertThat(attempts.blocked(client)).isFalse();
    }

    @Test
    void anIpv6ClientCountsByItsSlash64() throws Exception {
        for (int i = 0; i < 10; i++) {
            attempts.failed(ip("2001:db8:1:2::" + Integer.toHexString(i + 1)));
        }
        assertThat(attempts.blocked(ip("2001:db8:1:2:ffff::1"))).isTrue();
        assertThat(attempts.blocked(ip("2001:db8:1:3::1"))).isFalse();
    }

    @Test
    void ipv4ClientsSeenAsMappedIpv6AddressesCountEachForItself() throws Exception {
        for (int i = 0; i < 10; i++) {
            attempts.failed(mapped(192, 0, 2, 7));
        }
        assertThat(attempts.blocked(mapped(192, 0, 2, 7))).isTrue();
        assertThat(attempts.blocked(mapped(198, 51, 100, 1))).isFalse();
    }

    private static InetAddress mapped(int a, int b, int c, int d) throws UnknownHostException {
        byte[] bytes = new byte[16];
        bytes[10] = (byte) 0xff;
        bytes[11] = (byte) 0xff;
        bytes[12] = (byte) a;
        bytes[13] = (byte) b;
        bytes[14] = (byte) c;
        bytes[15] = (byte) d;
        InetAddress address = java.net.Inet6Address.getByAddress(null, bytes, -1);
        assertThat(address).isInstanceOf(java.net.Inet6Address.class);
        return address;
    }

    @Test
    void manyAddressesCannotGrowItBeyondItsCap() throws Exception {
        for (int i = 0; i < 20_000; i++) {
            attempts.failed(InetAddress.getByAddress(new byte[]{10, (byte) (i >> 16), (byte) (i >> 8), (byte) i}));
        }
        assertThat(attempts.tracked()).isLessThanOrEqualTo(1000);
    }
}
