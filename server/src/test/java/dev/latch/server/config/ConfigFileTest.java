package dev.latch.server.config;

import dev.latch.testkit.ConfigErrors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every kind of mistake in a config file gets one line that names the key and what it takes, in
 * the operator's words: never a Java class, a Jackson token or an exception's name.
 */
class ConfigFileTest {
    private static final String HOST = "hosts:\n  - names: [a.test]\n    root: site\n";

    private static ServeConfig parse(String yaml) {
        return ConfigFile.parse("sites.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    }

    private static String error(String yaml) {
        return ConfigErrors.usageLine("sites.yaml", () -> parse(yaml), "HostConfig", "ServeConfig");
    }

    @ParameterizedTest
    @ValueSource(strings = {"off", "false", "\"off\"", "OFF"})
    void httpPortOffMeansNoPlainHttpPort(String off) {
        assertThat(parse("http_port: " + off + "\n" + HOST).httpPort()).isNull();
    }

    @Test
    void httpPortTakesANumber() {
        assertThat(parse("http_port: 8080\n" + HOST).httpPort()).isEqualTo(8080);
        assertThat(parse("http_port: 0\nport: 0\n" + HOST).port()).isZero();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "port: 65536     | port: 65536 is not a port number: use 0-65535",
            "port: -1        | port: -1 is not a port number",
            "http_port: 70000| http_port: 70000 is not a port number: use 0-65535, or off",
            "http_port: on   | http_port: expected a port number (0-65535) or off",
            "http_port: [1]  | http_port: expected a port number (0-65535) or off",
            "port: true      | port: expected a port number (0-65535)",
            "port: 99999999999 | port: the number is too large"})
    void badPortsNameTheKeyAndTheRange(String setting, String expected) {
        assertThat(error(setting.strip() + "\n" + HOST)).contains("sites.yaml:1: " + expected.strip());
    }

    @Test
    void wrongTypesSayWhatTheKeyTakes() {
        assertThat(error("hosts:\n  - names: a.test\n    root: site\n"))
                .isEqualTo("sites.yaml:2: hosts[0].names: expected a list, like [a, b], not 'a.test': see 'latch serve --help' for the format");
        assertThat(error("hosts:\n  - names: [a.test]\n    root: [site]\n")).contains("sites.yaml:3: hosts[0].root: expected a single value");
        assertThat(error("hosts:\n  - names: [a.test]\n    root: site\n    directory_listing: maybe\n"))
                .contains("sites.yaml:4: hosts[0].directory_listing: expected true or false");
        assertThat(error("hosts: a.test\n")).contains("sites.yaml:1: hosts: expected a list");
        assertThat(error("limits:\n  max_connections: 0\n" + HOST)).contains("sites.yaml:2: limits: max_connections: 0 is too small");
        assertThat(error("hosts:\n  - names: [a.test]\n    root: site\n    hsts: -1\n")).contains("sites.yaml:4: hosts[0]: hsts: -1 is negative");
    }

    @Test
    void unknownKeysGetTheNearestKnownOne() {
        assertThat(error("hosts:\n  - names: [a.test]\n    rooot: site\n"))
                .isEqualTo("sites.yaml:3: hosts[0]: unknown setting 'rooot': did you mean 'root'?");
        assertThat(error("htp_port: 80\n" + HOST)).isEqualTo("sites.yaml:1: unknown setting 'htp_port': did you mean 'http_port'?");
        assertThat(error("colour: blue\n" + HOST)).startsWith("sites.yaml:1: unknown setting 'colour': known settings there: ")
                .contains("access_log, bind, default_host");
    }

    @Test
    void aliasesAreRefusedNotReadAsTheirName() {
        assertThat(error("hosts:\n  - names: [a.test]\n    root: &r site\n  - names: [b.test]\n    root: *r\n"))
                .isEqualTo("sites.yaml:5: YAML aliases ('*r') are not supported: write the value out in full");
        assertThat(error("x: &a [c.test, d.test]\nhosts:\n  - names: *a\n    root: site\n")).contains("sites.yaml:3: YAML aliases ('*a')");
    }

    @Test
    void aDeviceThatNeverEndsIsReadWithABound() {
        assertThatThrownBy(() -> ConfigFile.read(Path.of("/dev/zero")))
                .hasMessage("/dev/zero: larger than 1024 KiB, too large for a configuration");
    }

    /** The line of the value at fault; of the key, for an unknown one or a range checked across its record. */
    @Test
    void everyMistakeNamesItsLineInTheFile(@TempDir Path dir) throws Exception {
        String twoHosts = "access_log: off\nhosts:\n  - names: [a.test]\n    root: site\n  - names: [b.test]\n    root: site\n";
        Path file = dir.resolve("sites.yaml");
        Files.writeString(file, twoHosts + "    directory_listing: maybe\n");
        assertThatThrownBy(() -> ConfigFile.read(file))
                .hasMessage(file + ":7: hosts[1].directory_listing: expected true or false, not 'maybe'");
        Files.writeString(file, twoHosts + "    rooot: site\n    hsts: 60\n");
        assertThatThrownBy(() -> ConfigFile.read(file)).hasMessage(file + ":7: hosts[1]: unknown setting 'rooot'");
        Files.writeString(file, twoHosts + "    hsts: -1\n    directory_listing: true\n");
        assertThatThrownBy(() -> ConfigFile.read(file)).hasMessage(file + ":7: hosts[1]: hsts: -1 is negative");
        Files.writeString(file, "engine: jdk\n\nport: 70000\n" + twoHosts);
        assertThatThrownBy(() -> ConfigFile.read(file)).hasMessage(file + ":3: port: 70000 is not a port number");
        assertThat(error("port: 8443\nPort: 8444\n" + HOST)).isEqualTo("sites.yaml:2: unknown setting 'Port': did you mean 'port'?");
    }

    @Test
    void brokenYamlSaysWhere() {
        assertThat(error("hosts: [\n")).startsWith("sites.yaml:2:1: not valid YAML: ");
        assertThat(error("")).isEqualTo("sites.yaml: no hosts: add a 'hosts:' list with at least one site");
    }
}
