package dev.latch.testkit;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestResourcesTest {
    @Test
    void findsAResourceAsAFileAndNamesAMissingOne() throws Exception {
        assertThat(Files.readString(TestResources.path("testkit/sample.txt"))).isEqualTo("a test resource\n");
        assertThatThrownBy(() -> TestResources.path("testkit/missing.json"))
                .hasMessage("test resource testkit/missing.json is not on the class path (src/test/resources/testkit/missing.json)");
    }
}
