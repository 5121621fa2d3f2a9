package dev.latch.proxy.config;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.latch.core.LatchException;
import dev.latch.proxy.ProxyLimits;
import dev.latch.proxy.policy.NameResolver;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code latch proxy --config} file fed arbitrary bytes (scripts/fuzz target {@code proxy-config}).
 * Its contract: settings the proxy can be built from (their policy and limits build without an
 * exception), or a {@link LatchException} of one line that names the file. A YAML or Jackson
 * exception escaping, a null inside a list, an overflow on deep nesting, or running out of memory
 * is a finding. {@code ./test} replays the inputs saved in {@code ProxyConfigFileFuzzTestInputs/read/}.
 */
class ProxyConfigFileFuzzTest {
    @FuzzTest
    void read(byte[] data) {
        ProxySettings settings;
        try {
            settings = ProxyConfigFile.parse("proxy.yaml", data, Path.of("/etc/latch"));
        } catch (LatchException refused) {
            assertThat(refused.oneLine()).startsWith("proxy.yaml").doesNotContain("\n").doesNotContain("\r");
            return;
        }
        assertThat(settings.listen()).doesNotContainNull();
        assertThat(settings.ports()).doesNotContainNull().allMatch(p -> p >= 1 && p <= 65535);
        assertThat(settings.limits(ProxyLimits.defaults())).isNotNull();
        try {
            settings.destinations(NameResolver.fixed(Map.of())).build();
        } catch (LatchException refused) {
            // only_allowed without an allow rule: a usage error the command reports
            assertThat(refused.oneLine()).doesNotContain("\n");
        }
    }
}
