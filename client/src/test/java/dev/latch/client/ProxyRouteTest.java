package dev.latch.client;

import dev.latch.client.failure.ClientFailure;
import dev.latch.client.failure.FailureKind;
import dev.latch.client.proxy.ProxyEndpoint;
import dev.latch.client.proxy.ProxySelection;
import dev.latch.client.trace.Step;
import dev.latch.client.trace.TraceEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The way to a target through a proxy. */
class ProxyRouteTest {
    @Test
    void aProxyWhoseNameDoesNotResolveIsTheProxysFailure() {
        try (TestClients clients = new TestClients()) {
            clients.proxy = ProxySelection.of(ProxyEndpoint.parse("http://proxy.invalid:3128"), null);
            assertThatThrownBy(() -> clients.get("https://target.invalid/"))
                    .isInstanceOfSatisfying(ClientFailure.class, failure -> {
                        assertThat(failure.kind()).isEqualTo(FailureKind.PROXY_NAME_NOT_RESOLVED);
                        assertThat(failure.kind().exitCode()).isEqualTo(5);
                        assertThat(failure.getMessage()).isEqualTo("could not resolve the proxy's name 'proxy.invalid'");
                        assertThat(failure.trace().events()).extracting(TraceEvent::step).containsExactly(Step.FAILED);
                    });
        }
    }
}
