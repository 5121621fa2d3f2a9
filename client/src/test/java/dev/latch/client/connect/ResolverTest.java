package dev.latch.client.connect;

import dev.latch.client.failure.ClientFailure;
import dev.latch.client.failure.FailureKind;
import dev.latch.client.trace.Trace;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Name lookups that do not answer are bounded, by the connect timeout and by the max time (as curl's). */
class ResolverTest {
    private final CountDownLatch never = new CountDownLatch(1);
    private final Resolver silent = new Resolver(Map.of(), host -> {
        try {
            never.await(); // a DNS server that never answers
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new InetAddress[0];
    });

    @Test
    void aLookupThatHangsEndsAtTheConnectTimeout() {
        assertThatThrownBy(() -> silent.resolve("slow.test", 443, FailureKind.NAME_NOT_RESOLVED, Duration.ofMillis(200),
                Deadline.after(null), new Trace(null)))
                .isInstanceOfSatisfying(ClientFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(FailureKind.TIMEOUT);
                    assertThat(failure.getMessage()).isEqualTo("could not resolve 'slow.test' within 200 ms");
                    assertThat(failure.hint()).contains("--resolve slow.test:443:ADDRESS", "--connect-timeout");
                });
        never.countDown();
    }

    @Test
    void aLookupThatHangsEndsAtTheMaxTime() {
        assertThatThrownBy(() -> silent.resolve("slow.test", 443, FailureKind.NAME_NOT_RESOLVED, Duration.ofSeconds(60),
                Deadline.after(Duration.ofMillis(200)), new Trace(null)))
                .isInstanceOfSatisfying(ClientFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(FailureKind.TIMEOUT);
                    assertThat(failure.getMessage()).isEqualTo("the exchange did not finish within 200 ms");
                });
        never.countDown();
    }

    @Test
    void resolveEntriesComeFirstAndAreTraced() throws Exception {
        Resolver resolver = new Resolver(Map.of("a.test:443", List.of(InetAddress.getByName("192.0.2.7"))),
                host -> {
                    throw new AssertionError("no lookup for a name given with --resolve");
                });
        Trace trace = new Trace(null);
        assertThat(resolver.resolve("A.test", 443, FailureKind.NAME_NOT_RESOLVED, Duration.ofSeconds(1),
                Deadline.after(null), trace)).containsExactly(InetAddress.getByName("192.0.2.7"));
        assertThat(trace.events().get(0).facts()).containsEntry("source", "--resolve");
    }
}
