package dev.latch.server.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.latch.core.UsageException;
import dev.latch.http.config.ConfigFileBytes;
import dev.latch.http.config.YamlConfigReader;

import java.nio.file.Path;

/**
 * Reads {@code latch serve --config FILE}: YAML with snake_case keys, for example
 * <pre>
 * port: 8443
 * http_port: 8080
 * access_log: /var/log/latch/access.log
 * hosts:
 *   - names: [a.test]
 *     aliases: [www.a.test]
 *     root: /srv/a
 *   - names: [b.test, "*.b.test"]
 *     root: /srv/b
 *     cert: /etc/latch/b.pem
 *     key: /etc/latch/b-key.pem
 *     client_auth: require
 *     client_ca: /etc/latch/clients-ca.pem
 * </pre>
 * Unknown keys are errors (a typo must not silently drop a setting). Relative paths are relative
 * to the file's directory. YAML aliases ({@code *name}) are refused. Every mistake in the file is
 * a {@link UsageException} of one line: {@code FILE:LINE: key: what is wrong: what to do}.
 */
public final class ConfigFile {
    private static final ObjectReader SETTINGS = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .readerFor(ServeConfig.class);
    // a second document is ignored, as it always was
    private static final YamlConfigReader READER =
            new YamlConfigReader("see 'latch serve --help' for the format", ConfigFile::expected, false);

    private ConfigFile() {
    }

    public static ServeConfig read(Path file) {
        return parse(file.toString(), ConfigFileBytes.read(file));
    }

    /** @param name what to call the document in messages (its file name) */
    static ServeConfig parse(String name, byte[] yaml) {
        ServeConfig config = READER.read(name, yaml, SETTINGS);
        if (config == null || config.hosts().isEmpty()) {
            throw new UsageException(name + ": no hosts", "add a 'hosts:' list with at least one site");
        }
        return config;
    }

    /** What the key takes, in words. */
    private static String expected(String key, Class<?> type) {
        if ("port".equals(key)) {
            return "a port number (0-65535)";
        }
        if ("http_port".equals(key)) {
            return "a port number (0-65535) or off";
        }
        if (type == null) {
            return "another kind of value";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == HostConfig.class) {
            return "a host (names:, root:, ...)";
        }
        if (type == ServeConfig.LimitsConfig.class) {
            return "limits (max_connections:, ...)";
        }
        if (type == ServeConfig.class) {
            return "settings (port:, hosts:, ...)";
        }
        return null;
    }
}
