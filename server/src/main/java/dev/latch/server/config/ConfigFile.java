package dev.latch.server.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.latch.core.LatchException;
import dev.latch.core.Spelling;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import dev.latch.core.UsageException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

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
 * to the file's directory. YAML aliases ({@code *name}) are refused: Jackson would read one as the
 * text of its name. Every mistake in the file is a {@link UsageException} that names the key and
 * what it takes.
 */
public final class ConfigFile {
    private static final YAMLFactory FACTORY = new YAMLFactory();
    private static final ObjectMapper YAML = new ObjectMapper(FACTORY)
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    private static final String HELP = "see 'latch serve --help' for the format";

    private ConfigFile() {
    }

    /** Far more than any real configuration. */
    private static final int MAX_BYTES = 1024 * 1024;

    public static ServeConfig read(Path file) {
        byte[] yaml;
        try (InputStream in = Files.newInputStream(file)) {
            yaml = in.readNBytes(MAX_BYTES + 1); // bounded: the path may be a device or a pipe that never ends
            if (yaml.length > MAX_BYTES) {
                throw new UsageException(file + ": larger than " + MAX_BYTES / 1024 + " KiB, too large for a configuration",
                        "check the path given to --config");
            }
        } catch (NoSuchFileException e) {
            throw new LatchException(file + ": no such file", "check the path given to --config");
        } catch (IOException e) {
            throw new LatchException(file + ": cannot read: " + e.getMessage(), "check the path given to --config");
        }
        return parse(file.toString(), yaml);
    }

    /** @param name what to call the document in messages (its file name) */
    static ServeConfig parse(String name, byte[] yaml) {
        try {
            refuseAliases(name, yaml);
            JsonNode tree = YAML.readTree(yaml);
            ServeConfig config = tree == null || tree.isMissingNode() || tree.isNull() ? null
                    : YAML.treeToValue(tree, ServeConfig.class);
            if (config == null || config.hosts().isEmpty()) {
                throw new UsageException(name + ": no hosts", "add a 'hosts:' list with at least one site");
            }
            return config;
        } catch (UnrecognizedPropertyException e) {
            throw new UsageException(name + ": " + where(e) + "unknown setting '" + printable(e.getPropertyName()) + "'",
                    suggestion(e.getPropertyName(), e.getKnownPropertyIds()));
        } catch (ValueInstantiationException e) {
            if (e.getCause() instanceof LatchException wrong) {
                throw new UsageException(name + ": " + where(e) + wrong.getMessage(), wrong.hint());
            }
            throw new UsageException(name + ": " + where(e) + "invalid value", HELP);
        } catch (MismatchedInputException e) {
            throw new UsageException(name + ": " + where(e) + "expected " + expected(e) + found(e), HELP);
        } catch (JsonMappingException e) {
            throw new UsageException(name + ": " + where(e) + (e.getCause() instanceof InputCoercionException
                    ? "the number is too large" : firstLine(e.getOriginalMessage())), HELP);
        } catch (InputCoercionException e) {
            throw new UsageException(name + ": " + key(e.getProcessor()) + "the number is too large", HELP);
        } catch (JsonProcessingException e) {
            throw new UsageException(name + ": " + syntaxError(e), "fix the YAML");
        } catch (IOException e) {
            throw new LatchException(name + ": cannot read: " + e.getMessage(), "check the path given to --config");
        }
    }

    /** Jackson reads {@code *name} as the text "name"; better to say no than to serve the wrong thing. */
    private static void refuseAliases(String name, byte[] yaml) throws IOException {
        try (YAMLParser parser = FACTORY.createParser(yaml)) {
            while (parser.nextToken() != null) {
                if (parser.isCurrentAlias()) {
                    throw new UsageException(name + ": line " + parser.currentLocation().getLineNr() + ": YAML aliases ('*"
                            + printable(parser.getText()) + "') are not supported", "write the value out in full");
                }
            }
        }
    }

    /** "hosts[1].root: " — where in the document, by keys and list positions (YAML line numbers drift). */
    private static String where(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(snakeCase(reference.getFieldName()));
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

    private static String snakeCase(String name) {
        return PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(name);
    }

    private static String key(Object processor) {
        if (processor instanceof JsonParser parser) {
            try {
                String key = parser.currentName();
                return key == null ? "" : key + ": ";
            } catch (IOException | RuntimeException e) {
                return "";
            }
        }
        return "";
    }

    /** What the key takes, in words. */
    private static String expected(MismatchedInputException e) {
        String key = e.getPath().isEmpty() ? "" : e.getPath().get(e.getPath().size() - 1).getFieldName();
        if ("port".equals(key)) {
            return "a port number (0-65535)";
        }
        if ("http_port".equals(key)) {
            return "a port number (0-65535) or off";
        }
        Class<?> type = e.getTargetType();
        if (type == null) {
            return "another kind of value";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a single value";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list, like [a, b]";
        }
        if (type == HostConfig.class) {
            return "a host (names:, root:, ...)";
        }
        if (type == ServeConfig.LimitsConfig.class) {
            return "limits (max_connections:, ...)";
        }
        return "settings (port:, hosts:, ...)";
    }

    private static String found(MismatchedInputException e) {
        if (!(e.getProcessor() instanceof JsonParser parser) || parser.currentToken() == null) {
            return "";
        }
        try {
            return switch (parser.currentToken()) {
                case START_ARRAY -> ", not a list";
                case START_OBJECT, FIELD_NAME -> ", not a map";
                case VALUE_NULL -> ", not an empty value";
                default -> ", not '" + printable(parser.getText()) + "'";
            };
        } catch (IOException | RuntimeException ignored) {
            return "";
        }
    }

    /** "did you mean 'root'?" for a small typo, else the keys that are allowed there. */
    private static String suggestion(String unknown, Collection<Object> known) {
        List<String> keys = known.stream().map(Object::toString).sorted().toList();
        String nearest = Spelling.nearest(unknown, keys);
        return nearest != null ? "did you mean '" + nearest + "'?" : "known settings there: " + String.join(", ", keys);
    }

    /** "line 2, column 1: expected the node content, but found '<stream end>'" from SnakeYAML's report. */
    private static String syntaxError(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblem() != null) {
            Mark mark = yaml.getProblemMark();
            return (mark == null ? "" : "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ": ")
                    + "not valid YAML: " + printable(yaml.getProblem().strip().replaceAll("\\s*\\R\\s*", " "));
        }
        JsonLocation at = e.getLocation();
        return (at == null ? "" : "line " + at.getLineNr() + ": ") + "not valid YAML: " + firstLine(e.getOriginalMessage());
    }

    /** {@code text} from the file with its control characters (a quoted key may hold a line break) as '?': one line stays one line. */
    private static String printable(String text) {
        return text == null ? "" : text.replaceAll("\\p{Cntrl}", "?");
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.lines().map(String::trim).filter(l -> !l.isEmpty()).findFirst().orElse("");
    }
}
