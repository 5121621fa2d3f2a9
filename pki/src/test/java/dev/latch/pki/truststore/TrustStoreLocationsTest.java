package dev.latch.pki.truststore;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Where the stores are: this machine's places by default, each redirected by the environment; Firefox profiles found by their cert9.db. */
class TrustStoreLocationsTest {
    @TempDir
    Path dir;

    @Test
    void defaultsAreThisMachinesPlaces() {
        TrustStoreLocations locations = TrustStoreLocations.of(Map.of(), Path.of("/home/u"), Path.of("/opt/jdk"));
        assertThat(locations.chromiumNss()).isEqualTo(Path.of("/home/u/.pki/nssdb"));
        assertThat(locations.systemCaDir()).isEqualTo(Path.of("/usr/local/share/ca-certificates"));
        assertThat(locations.systemUpdate()).containsExactly("update-ca-certificates");
        assertThat(locations.javaCacerts()).isEqualTo(Path.of("/opt/jdk/lib/security/cacerts"));
        assertThat(locations.keytool()).isEqualTo(Path.of("/opt/jdk/bin/keytool"));
    }

    @Test
    void theEnvironmentRedirectsEveryStore() throws Exception {
        Map<String, String> env = Map.of("HOME", dir.toString(), "LATCH_SYSTEM_CA_DIR", dir.resolve("local").toString(),
                "LATCH_SYSTEM_CA_UPDATE", " update-ca-certificates  --localcertsdir " + dir.resolve("local") + " ",
                "LATCH_JAVA_CACERTS", dir.resolve("cacerts").toString());
        for (String profile : List.of(".mozilla/firefox/b.default-release", ".mozilla/firefox/a.other",
                "snap/firefox/common/.mozilla/firefox/s.default")) {
            Files.createFile(Files.createDirectories(dir.resolve(profile)).resolve("cert9.db"));
        }
        Files.createDirectories(dir.resolve(".mozilla/firefox/Crash Reports"));
        TrustStoreLocations locations = TrustStoreLocations.of(env, Path.of("/home/u"), Path.of("/opt/jdk"));
        assertThat(locations.chromiumNss()).isEqualTo(dir.resolve(".pki/nssdb"));
        assertThat(locations.systemCaDir()).isEqualTo(dir.resolve("local"));
        assertThat(locations.systemUpdate()).containsExactly("update-ca-certificates", "--localcertsdir", dir.resolve("local").toString());
        assertThat(locations.javaCacerts()).isEqualTo(dir.resolve("cacerts"));
        assertThat(locations.firefoxProfiles()).containsExactly(dir.resolve(".mozilla/firefox/a.other"),
                dir.resolve(".mozilla/firefox/b.default-release"), dir.resolve("snap/firefox/common/.mozilla/firefox/s.default"));
    }
}
