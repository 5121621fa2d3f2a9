package dev.latch.proxy.policy;

import com.google.common.net.InetAddresses;
import dev.latch.core.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CidrTest {

    @ParameterizedTest
    @CsvSource({
            "10.0.0.0/8, 10.255.1.2, true",
            "10.0.0.0/8, 11.0.0.0, false",
            "10.0.0.0/8, 9.255.255.255, false",
            "172.16.0.0/12, 172.31.255.255, true",
            "172.16.0.0/12, 172.32.0.0, false",
            "0.0.0.0/0, 8.8.8.8, true",
            "0.0.0.0/0, ::1, false",
            "192.0.2.7, 192.0.2.7, true",
            "192.0.2.7, 192.0.2.8, false",
            "fd00::/8, fd12:3456::1, true",
            "fd00::/8, fe00::1, false",
            "fe80::/10, febf:ffff::1, true",
            "fe80::/10, fec0::1, false",
            "::/0, 2001:db8::1, true",
            "::/0, 10.0.0.1, false",
            "2001:db8::1, 2001:db8::1, true",
            "2001:db8::1, 2001:db8::2, false",
    })
    void containsWhatItsPrefixCovers(String block, String address, boolean inside) {
        assertThat(Cidr.parse(block).contains(InetAddresses.forString(address))).isEqualTo(inside);
    }

    @Test
    void aBareAddressIsABlockOfOne() {
        assertThat(Cidr.parse("192.0.2.7").prefix()).isEqualTo(32);
        assertThat(Cidr.parse("192.0.2.7").single()).isTrue();
        assertThat(Cidr.parse("2001:DB8::1").prefix()).isEqualTo(128);
        assertThat(Cidr.parse("2001:DB8:0::1")).hasToString("2001:db8::1");
        assertThat(Cidr.parse("10.0.0.0/8")).hasToString("10.0.0.0/8").isEqualTo(Cidr.parse(" 10.0.0.0/8 "));
        assertThat(Cidr.parse("64:ff9b::/96")).hasToString("64:ff9b::/96");
    }

    @Test
    void hostBitsBeyondThePrefixAreRefusedWithTheBlocksFirstAddress() {
        assertThatThrownBy(() -> Cidr.parse("10.1.0.0/8")).isInstanceOf(UsageException.class)
                .hasMessage("'10.1.0.0/8' has bits set beyond its /8 prefix")
                .extracting(e -> ((UsageException) e).hint()).isEqualTo("write the block's first address, 10.0.0.0/8, or a longer prefix");
        assertThatThrownBy(() -> Cidr.parse("fd00::1/8")).hasMessageContaining("beyond its /8");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "10.0.0.0/33 | has a prefix length that is not 0 to 32",
            "fd00::/129  | has a prefix length that is not 0 to 128",
            "10.0.0.0/   | has a prefix length",
            "10.0.0.0/-1 | has a prefix length",
            "10.0.0.0/8/8| has a prefix length",
            "10.0.0/8    | is not an address block",
            "0x7f.1      | is not an address block",
            "fe80::1%eth0| is not an address block",
            "/8          | is not an address block",
            "::ffff:10.0.0.0/104 | is an IPv4-mapped IPv6 address",
            "::ffff:a00:0/104    | is an IPv4-mapped IPv6 address",
    })
    void whatIsNotABlockSaysSo(String text, String message) {
        assertThatThrownBy(() -> Cidr.parse(text.strip())).isInstanceOf(UsageException.class)
                .hasMessageContaining(message.strip());
    }
}
