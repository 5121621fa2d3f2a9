package dev.latch.tls.context;

import dev.latch.tls.TlsPolicy;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientOfferTest {
    @Test
    void versionsAreTheRangeAskedForWithinThePolicy() {
        assertThat(ClientOffer.of("TLSv1.2", "TLSv1.3", List.of(), false).protocols()).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(ClientOffer.of("1.3", "1.3", List.of(), false).protocols()).containsExactly("TLSv1.3");
        assertThat(ClientOffer.of("tlsv1.2", "1.2", List.of(), false).protocols()).containsExactly("TLSv1.2");
        assertThatThrownBy(() -> ClientOffer.of("1.1", "1.3", List.of(), false))
                .hasMessage("TLS version '1.1' is not offered: latch speaks TLS 1.2 and 1.3");
        assertThatThrownBy(() -> ClientOffer.of("1.3", "1.2", List.of(), false))
                .hasMessage("the lowest TLS version (1.3) is above the highest (1.2)");
    }

    @Test
    void groupsAreThePolicysUnlessGiven() {
        assertThat(ClientOffer.of("1.2", "1.3", List.of(), false).groups()).isEqualTo(TlsPolicy.BORINGSSL_GROUPS)
                .first().isEqualTo("X25519MLKEM768");
        assertThat(ClientOffer.of("1.2", "1.3", List.of(), false).jdkGroups()).isEqualTo(TlsPolicy.JDK_GROUPS);
        assertThat(ClientOffer.of("1.2", "1.3", List.of("P-384", "X25519"), false).jdkGroups())
                .containsExactly("secp384r1", "x25519");
        assertThatThrownBy(() -> ClientOffer.of("1.2", "1.3", List.of("X25519MLKEM768"), false).jdkGroups())
                .hasMessageStartingWith("the JDK's TLS engine has no group X25519MLKEM768: use the BoringSSL engine");
    }
}
