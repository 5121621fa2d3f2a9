package dev.latch.server.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.latch.core.LatchException;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
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
 * to the file's directory.
 */
public final class ConfigFile {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private ConfigFile() {
    }

    /** "hosts[1].root: " — where in the document, by keys and list positions (YAML line numbers drift). */
    private static String where(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE
                        .translate(reference.getFieldName()));
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        if (e instanceof UnrecognizedPropertyException && path.lastIndexOf(".") >= 0) {
            path.setLength(path.lastIndexOf(".")); // the unknown key itself is named in the message
        } else if (e instanceof UnrecognizedPropertyException) {
            path.setLength(0);
        }
        return path.isEmpty() ? "" : path + ": ";
    }

    public static ServeConfig read(Path file) {
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
            ServeConfig config = YAML.readValue(in, ServeConfig.class);
            if (config == null || config.hosts().isEmpty()) {
                throw new LatchException(file + ": no hosts", "add a 'hosts:' list with at least one site");
            }
            return config;
        } catch (UnrecognizedPropertyException e) {
            throw new LatchException(file + ": " + where(e) + "unknown setting '" + e.getPropertyName().replaceAll("\\p{Cntrl}", "?") + "'",
                    "known settings there: " + e.getKnownPropertyIds());
        } catch (JsonMappingException e) {
            throw new LatchException(file + ": " + where(e) + e.getOriginalMessage().lines().findFirst().orElse(""),
                    "see 'latch serve --help' for the format");
        } catch (JsonProcessingException e) {
            // not YAML at all; SnakeYAML's message spans lines (context, problem, the text marked)
            throw new LatchException(file + ": not valid YAML: " + e.getOriginalMessage().strip().replaceAll("\\s*\\R\\s*", " "),
                    "see 'latch serve --help' for the format");
        } catch (NoSuchFileException e) {
            throw new LatchException(file + ": no such file", "check the path given to --config");
        } catch (IOException e) {
            throw new LatchException(file + ": cannot read: " + e.getMessage(), "check the path given to --config");
        }
    }
}
