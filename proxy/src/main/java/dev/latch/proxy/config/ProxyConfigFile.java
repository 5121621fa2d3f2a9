package dev.latch.proxy.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.latch.core.LatchException;
import dev.latch.core.Spelling;
import dev.latch.core.UsageException;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

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
    /** Far more than any real configuration. */
    private static final int MAX_BYTES = 1024 * 1024;
    private static final String HELP = "see 'latch proxy --help' for the format";
    private static final YAMLFactory FACTORY = YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final ObjectMapper YAML = YAMLMapper.builder(FACTORY)
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();

    private ProxyConfigFile() {
    }

    public static ProxySettings read(Path file) {
        byte[] yaml;
        try (InputStream in = Files.newInputStream(file)) {
            yaml = in.readNBytes(MAX_BYTES + 1); // bounded: the path may be a device or a pipe that never ends
        } catch (NoSuchFileException e) {
            throw new LatchException(file + ": no such file", "check the path given to --config");
        } catch (IOException e) {
            throw new LatchException(file + ": cannot read: " + e.getMessage(), "check the path given to --config");
        }
        if (yaml.length > MAX_BYTES) {
            throw new UsageException(file + ": larger than " + MAX_BYTES / 1024 + " KiB, too large for a configuration",
                    "check the path given to --config");
        }
        Path base = file.toAbsolutePath().getParent();
        return parse(file.toString(), yaml, base);
    }

    /**
     * @param name what to call the document in messages (its file name)
     * @param base the directory relative paths are resolved against
     */
    static ProxySettings parse(String name, byte[] yaml, Path base) {
        try {
            refuseAliases(name, yaml);
            try (JsonParser parser = FACTORY.createParser(yaml)) {
                try {
                    return settings(name, parser, base);
                } catch (JsonProcessingException e) {
                    throw explained(name, yaml, e); // here the parser still points at the token at fault
                }
            }
        } catch (JsonProcessingException e) {
            throw new UsageException(syntaxError(name, e), "fix the YAML");
        } catch (IOException e) {
            throw new LatchException(name + ": cannot read: " + e.getMessage(), "check the path given to --config");
        }
    }

    private static ProxySettings settings(String name, JsonParser parser, Path base) throws IOException {
        JsonToken first = parser.nextToken();
        if (first == null || first == JsonToken.VALUE_NULL || first.isScalarValue() && parser.getText().isBlank()) {
            return ProxySettings.none(); // nothing, or a document of comments only
        }
        ProxySettings settings = YAML.readerFor(ProxySettings.class).withAttribute(ScalarValue.BASE, base).readValue(parser);
        if (parser.nextToken() != null) {
            throw new UsageException(name + ":" + parser.currentTokenLocation().getLineNr()
                    + ": a second YAML document; the file holds one", "remove the '---' and merge the settings into one");
        }
        return settings == null ? ProxySettings.none() : settings;
    }

    private static UsageException explained(String name, byte[] yaml, JsonProcessingException e) {
        String at = at(name, e);
        if (e instanceof BadValue bad) {
            return new UsageException(at + where(bad) + bad.reason().getMessage(), bad.reason().hint());
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            // Jackson finds an unknown key only at the end of its map (records are built from all keys at once)
            int line = lineOfKey(yaml, unknown);
            at = line < 1 ? at : name + ":" + line + ": ";
            return new UsageException(at + where(unknown) + "unknown setting '" + Values.printable(unknown.getPropertyName()) + "'",
                    suggestion(unknown.getPropertyName(), unknown.getKnownPropertyIds()));
        }
        if (e instanceof ValueInstantiationException wrong && wrong.getCause() instanceof LatchException reason) {
            return new UsageException(at + reason.getMessage(), reason.hint());
        }
        if (e instanceof InvalidFormatException format) {
            return new UsageException(at + where(format) + "expected " + expected(format) + ", not '"
                    + Values.printable(String.valueOf(format.getValue())) + "'", HELP);
        }
        if (e instanceof MismatchedInputException mismatch) {
            return new UsageException(at + where(mismatch) + "expected " + expected(mismatch) + found(mismatch), HELP);
        }
        if (e instanceof JsonMappingException mapping) {
            return new UsageException(at + where(mapping) + Values.printable(firstLine(mapping.getOriginalMessage())), HELP);
        }
        return new UsageException(syntaxError(name, e), "fix the YAML");
    }

    /** Jackson reads {@code *name} as the text "name"; better to say no than to allow the wrong thing. */
    private static void refuseAliases(String name, byte[] yaml) throws IOException {
        try (YAMLParser parser = (YAMLParser) FACTORY.createParser(yaml)) {
            while (parser.nextToken() != null) {
                if (parser.isCurrentAlias()) {
                    throw new UsageException(name + ":" + parser.currentLocation().getLineNr() + ": YAML aliases ('*"
                            + Values.printable(parser.getText()) + "') are not supported", "write the value out in full");
                }
            }
        }
    }

    /** "proxy.yaml:7: " — the line of the value (or key) at fault. */
    private static String at(String name, JsonProcessingException e) {
        JsonLocation location = e.getProcessor() instanceof JsonParser parser ? parser.currentTokenLocation() : e.getLocation();
        return location == null || location.getLineNr() < 1 ? name + ": " : name + ":" + location.getLineNr() + ": ";
    }

    /** The line of the unknown key, found again by its name and the names of the maps around it; -1 if not found. */
    private static int lineOfKey(byte[] yaml, UnrecognizedPropertyException e) {
        List<String> parents = e.getPath().stream().map(JsonMappingException.Reference::getFieldName)
                .filter(Objects::nonNull).map(ProxyConfigFile::snakeCase).toList();
        parents = parents.isEmpty() ? parents : parents.subList(0, parents.size() - 1);
        try (JsonParser parser = FACTORY.createParser(yaml)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME && e.getPropertyName().equals(parser.currentName())
                        && parents.equals(keysAround(parser.getParsingContext().getParent()))) {
                    return parser.currentTokenLocation().getLineNr();
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // the key is named without its line
        }
        return -1;
    }

    private static List<String> keysAround(JsonStreamContext context) {
        List<String> keys = new ArrayList<>();
        for (JsonStreamContext c = context; c != null; c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                keys.addFirst(c.getCurrentName());
            }
        }
        return keys;
    }

    /** "limits.idle_timeout: ", "allow[1]: " — the key at fault, by name and list position. */
    private static String where(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(snakeCase(reference.getFieldName()));
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        if (e instanceof UnrecognizedPropertyException) {
            int dot = path.lastIndexOf(".");
            path.setLength(Math.max(dot, 0)); // the unknown key itself is named in the message
        }
        return path.isEmpty() ? "" : path + ": ";
    }

    private static String snakeCase(String name) {
        return PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(name);
    }

    /** What the key takes, in words. */
    private static String expected(MismatchedInputException e) {
        String key = e.getPath().isEmpty() ? "" : snakeCase(String.valueOf(e.getPath().get(e.getPath().size() - 1).getFieldName()));
        Class<?> type = e.getTargetType();
        if (key.equals("access_log_format")) {
            return "combined or json";
        }
        if (key.equals("tls")) {
            return "TLS settings (cert: auto, or cert: FILE and key: FILE)";
        }
        if (key.equals("limits")) {
            return "limits (max_tunnels:, idle_timeout:, ...)";
        }
        if (key.equals("resolve")) {
            return "names and their addresses (intranet.example: 10.1.2.3)";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type != null && Collection.class.isAssignableFrom(type)) {
            return "a list, like [a, b]";
        }
        if (type == ProxySettings.class) {
            return "settings (listen:, allow:, ...)";
        }
        return "a single value";
    }

    private static String found(MismatchedInputException e) {
        if (!(e.getProcessor() instanceof JsonParser parser) || parser.currentToken() == null) {
            return "";
        }
        try {
            return switch (parser.currentToken()) {
                case START_ARRAY, END_ARRAY -> ", not a list";
                case START_OBJECT, END_OBJECT, FIELD_NAME -> ", not a map";
                case VALUE_NULL -> ", not an empty value";
                default -> ", not '" + Values.printable(parser.getText()) + "'";
            };
        } catch (IOException | RuntimeException ignored) {
            return "";
        }
    }

    /** "did you mean 'allow'?" for a small typo, else the keys that are allowed there. */
    private static String suggestion(String unknown, Collection<Object> known) {
        List<String> keys = known.stream().map(Object::toString).sorted().toList();
        String nearest = Spelling.nearest(unknown, keys);
        return nearest != null ? "did you mean '" + nearest + "'?" : "known settings there: " + String.join(", ", keys);
    }

    /** "proxy.yaml:2:1: not valid YAML: expected ..." from SnakeYAML's report. */
    private static String syntaxError(String name, JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblem() != null) {
            Mark mark = yaml.getProblemMark();
            return name + ":" + (mark == null ? " " : mark.getLine() + 1 + ":" + (mark.getColumn() + 1) + ": ")
                    + "not valid YAML: " + Values.printable(yaml.getProblem().strip().replaceAll("\\s*\\R\\s*", " "));
        }
        JsonLocation at = e.getLocation();
        return name + ":" + (at == null || at.getLineNr() < 1 ? " " : at.getLineNr() + ": ") + "not valid YAML: "
                + Values.printable(firstLine(e.getOriginalMessage()));
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.lines().map(String::trim).filter(l -> !l.isEmpty()).findFirst().orElse("");
    }
}
