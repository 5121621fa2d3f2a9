package dev.latch.proxy.policy;

import com.google.common.net.InetAddresses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.Inet6Address;
import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

class SpecialRangesTest {

    private static SpecialRanges.Finding find(String address) {
        return SpecialRanges.find(InetAddresses.forString(address));
    }

    /** The first and last address of every range, and what it is called. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0.0.0.0         | in 'this network' (0.0.0.0/8), which reaches this machine",
            "0.255.255.255   | in 'this network'",
            "127.0.0.1       | a loopback address (this machine)",
            "127.255.255.255 | a loopback address",
            "10.0.0.0        | a private address (RFC 1918)",
            "10.255.255.255  | a private address (RFC 1918)",
            "172.16.0.0      | a private address (RFC 1918)",
            "172.31.255.255  | a private address (RFC 1918)",
            "192.168.0.0     | a private address (RFC 1918)",
            "192.168.255.255 | a private address (RFC 1918)",
            "100.64.0.0      | a carrier-grade NAT address (RFC 6598)",
            "100.127.255.255 | a carrier-grade NAT address",
            "169.254.0.0     | a link-local address",
            "169.254.255.255 | a link-local address",
            "198.18.0.0      | a benchmarking address (RFC 2544)",
            "198.19.255.255  | a benchmarking address",
            "224.0.0.0       | a multicast address",
            "239.255.255.255 | a multicast address",
            "240.0.0.0       | a reserved or broadcast address",
            "255.255.255.255 | a reserved or broadcast address",
            "169.254.169.254 | the cloud metadata service",
            "100.100.100.200 | the cloud metadata service",
            "fd00:ec2::254   | the cloud metadata service",
            "::              | the unspecified address, which reaches this machine",
            "::1             | the loopback address (this machine)",
            "fe80::          | a link-local address",
            "febf:ffff::1    | a link-local address",
            "fec0::1         | a site-local address (RFC 3879)",
            "feff::1         | a site-local address (RFC 3879)",
            "fc00::          | a unique-local address (RFC 4193)",
            "fdff:ffff::1    | a unique-local address (RFC 4193)",
            "ff00::          | a multicast address",
            "ff02::1         | a multicast address",
    })
    void everySpecialRangeIsFoundAndNamed(String address, String what) {
        SpecialRanges.Finding finding = find(address.strip());
        assertThat(finding).as(address).isNotNull();
        assertThat(finding.range().what()).startsWith(what.strip());
        assertThat(finding.embedded()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "9.255.255.255", "11.0.0.0", "172.15.255.255", "172.32.0.0",
            "192.167.255.255", "192.169.0.0", "100.63.255.255", "100.128.0.0", "169.253.255.255", "169.255.0.0",
            "198.17.255.255", "198.20.0.0", "223.255.255.255", "128.0.0.1", "2001:4860:4860::8888", "2606:4700::1111",
            "fbff::1", "fe00::1", "fe7f::1"})
    void publicAddressesAreNotSpecial(String address) {
        assertThat(find(address)).isNull();
    }

    /** IPv6 forms that carry an IPv4 address are judged by it: the address a packet ends up at. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "::a01:203             | IPv4-compatible | 10.1.2.3     | a private address (RFC 1918)",
            "::7f00:1              | IPv4-compatible | 127.0.0.1    | a loopback address",
            "::ffff:0:a01:203      | IPv4-translated | 10.1.2.3     | a private address (RFC 1918)",
            "64:ff9b::a01:203      | NAT64           | 10.1.2.3     | a private address (RFC 1918)",
            "64:ff9b::7f00:1       | NAT64           | 127.0.0.1    | a loopback address",
            "64:ff9b::a9fe:a9fe    | NAT64           | 169.254.169.254 | the cloud metadata service",
            "2002:a01:203::1       | 6to4            | 10.1.2.3     | a private address (RFC 1918)",
            "2002:7f00:1::         | 6to4            | 127.0.0.1    | a loopback address",
            "2002:c0a8:101::1      | 6to4            | 192.168.1.1  | a private address (RFC 1918)",
            "2001:0:4136:e378:8000:63bf:f5fe:fdfc | Teredo | 10.1.2.3 | a private address (RFC 1918)",
            "2001:0:4136:e378:8000:63bf:80ff:fffe | Teredo | 127.0.0.1 | a loopback address",
    })
    void embeddedIpv4FormsAreJudgedByTheAddressTheyCarry(String address, String form, String ipv4, String what) {
        SpecialRanges.Finding finding = find(address.strip());
        assertThat(finding).as(address).isNotNull();
        assertThat(finding.embedded().form()).isEqualTo(form.strip());
        assertThat(finding.embedded().ipv4().getHostAddress()).isEqualTo(ipv4.strip());
        assertThat(finding.range().what()).startsWith(what.strip());
        assertThat(finding.describe()).isEqualTo(InetAddresses.toAddrString(InetAddresses.forString(address.strip()))
                + " is " + form.strip() + " for " + ipv4.strip() + ", " + finding.range().what());
    }

    @ParameterizedTest
    @ValueSource(strings = {"64:ff9b::808:808", "2002:808:808::1", "::808:808", "2001:0:4136:e378:8000:63bf:f7f7:f7f7"})
    void embeddedPublicAddressesAreNotSpecial(String address) {
        assertThat(find(address)).isNull();
    }

    /** Guava and the JDK turn ::ffff:a.b.c.d into IPv4; an Inet6Address holding the mapped form must not slip by. */
    @Test
    void aMappedAddressKeptAsIpv6IsJudgedByItsIpv4() throws Exception {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 10, 1, 2, 3};
        InetAddress address = Inet6Address.getByAddress(null, mapped, -1);
        assertThat(address).isInstanceOf(Inet6Address.class);
        SpecialRanges.Finding finding = SpecialRanges.find(address);
        assertThat(finding.embedded().form()).isEqualTo("IPv4-mapped");
        assertThat(finding.describe()).isEqualTo("::ffff:a01:203 is IPv4-mapped for 10.1.2.3, a private address (RFC 1918)");
    }

    @Test
    void theMetadataAddressesAreMarked() {
        assertThat(SpecialRanges.all()).filteredOn(SpecialRanges.Range::metadata).extracting(r -> r.block().toString())
                .containsExactlyInAnyOrder("169.254.169.254", "fd00:ec2::254", "100.100.100.200");
    }
}
