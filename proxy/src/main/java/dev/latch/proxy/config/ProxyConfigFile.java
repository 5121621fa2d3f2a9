package dev.latch.proxy.config;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.latch.core.UsageException;
import dev.latch.http.config.ConfigFileBytes;
import dev.latch.http.config.YamlConfigReader;

import java.nio.file.Path;

/**
 * Reads {@code latch proxy --config FILE}: YAML with snake_case keys, for example
 * <pre>
 * listen: [127.0.0.1:3128, "[::1]:3128"]
 * tls:
 *   cert: auto                  # or a PEM chain file, with key: FILE
 * users: proxy-users            # from 'latch proxy user add'
 * allow: [10.20.0.0/16, intranet.example, "*.corp.example"]
 * deny: ["*.ads.example", 192.0.2.0/24]
 * only_allowed: false           # true: reach only what allow names
 * ports: [443, 8443]            # CONNECT ports
 * limits:
 *   max_tunnels: 10000
 *   max_tunnels_per_client: 256
 *   max_header_bytes: 16384
 *   header_timeout: 20          # seconds
 *   idle_timeout: 300
 *   connect_timeout: 10
 * access_log: /var/log/latch/proxy.log   # or stdout, or off
 * access_log_format: json       # or combined
 * status: 127.0.0.1:3129
 * resolve:                      # names answered here instead of DNS
 *   intranet.example: 10.20.0.5
 * </pre>
 * Unknown keys and repeated keys are errors (a typo must not silently drop a setting), as are YAML
 * aliases. Relative paths are relative to the file's directory. Every mistake is a
 * {@link UsageException} of one line: {@code FILE:LINE: key: what is wrong: what to do}.
 */
public final class ProxyConfigFile {
    private static final ObjectMapper YAML = YAMLMapper.builder(
                    YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();
    private static final YamlConfigReader READER =
            new YamlConfigReader("see 'latch proxy --help' for the format", ProxyConfigFile::expected, true);

    private ProxyConfigFile() {
    }

    public static ProxySettings read(Path file) {
        return parse(file.toString(), ConfigFileBytes.read(file), file.toAbsolutePath().getParent());
    }

    /**
     * @param name what to call the document in messages (its file name)
     * @param base the directory relative paths are resolved against
     */
    static ProxySettings parse(String name, byte[] yaml, Path base) {
        ProxySettings settings = READER.read(name, yaml, YAML.readerFor(ProxySettings.class).withAttribute(ScalarValue.BASE, base));
        return settings == null ? ProxySettings.none() : settings;
    }

    /** What the key takes, in words. */
    private static String expected(String key, Class<?> type) {
        return switch (key) {
            case "access_log_format" -> "combined or json";
            case "tls" -> "TLS settings (cert: auto, or cert: FILE and key: FILE)";
            case "limits" -> "limits (max_tunnels:, idle_timeout:, ...)";
            case "resolve" -> "names and their addresses (intranet.example: 10.1.2.3)";
            default -> type == ProxySettings.class ? "settings (listen:, allow:, ...)" : null;
        };
    }
}
