package dev.latch.proxy.auth;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class VerifiedCredentialsTest {
    private final FakeTicker clock = new FakeTicker();
    private final VerifiedCredentials verified = new VerifiedCredentials(Duration.ofMinutes(5), 100, clock);
    private final Users users = new Users(Map.of());

    private static BasicCredentials credentials(String user, String password) {
        return new BasicCredentials(user, password.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void remembersExactlyTheVerifiedPairForItsTtl() {
        verified.remember(credentials("alice", "pw"), users);
        assertThat(verified.contains(credentials("alice", "pw"), users)).isTrue();
        assertThat(verified.contains(credentials("alice", "pW"), users)).isFalse();
        assertThat(verified.contains(credentials("bob", "pw"), users)).isFalse();
        // the same bytes split elsewhere are another pair
        assertThat(verified.contains(credentials("alicep", "w"), users)).isFalse();
        clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        assertThat(verified.contains(credentials("alice", "pw"), users)).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(verified.contains(credentials("alice", "pw"), users)).isFalse();
    }

    @Test
    void aPairCountsOnlyForTheReadingOfTheUsersFileItWasVerifiedWith() {
        verified.remember(credentials("alice", "pw"), users);
        assertThat(verified.contains(credentials("alice", "pw"), new Users(Map.of()))).isFalse();
    }

    @Test
    void staysWithinItsSize() {
        for (int i = 0; i < 1000; i++) {
            verified.remember(credentials("user" + i, "pw"), users);
        }
        long remembered = java.util.stream.IntStream.range(0, 1000)
                .filter(i -> verified.contains(credentials("user" + i, "pw"), users)).count();
        assertThat(remembered).isLessThanOrEqualTo(100);
    }
}
