package dev.latch.http.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.latch.core.LatchException;
import dev.latch.core.Spelling;
import dev.latch.core.UsageException;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Reads one YAML config file into its settings with Jackson, and turns every mistake in it into a
 * {@link UsageException} of one line: {@code FILE:LINE: key: what is wrong: what to do}. The line
 * is the value's own (for an unknown key, the key's; for a check a settings record makes across
 * its keys, the line of the key its message begins with, else of the record). YAML aliases
 * ({@code *name}) are refused: Jackson would read one as the text of its name.
 *
 * <p>What each key takes, in words, comes from the format's own {@link Expected}; the keys and
 * their meaning stay with the command that reads the file.
 *
 * @param formatHint  what to do about a wrong value, like "see 'latch serve --help' for the format"
 * @param expected    what a key takes, in words
 * @param oneDocument refuse a second YAML document ({@code ---}) rather than ignore it
 */
public record YamlConfigReader(String formatHint, Expected expected, boolean oneDocument) {
    /** What a key takes, in the words of one file format; null to leave it to {@link #commonWords}. */
    @FunctionalInterface
    public interface Expected {
        String words(String key, Class<?> type);
    }

    /**
     * @param name   what to call the document in messages (its file name)
     * @param reader reads the settings; its factory must be a YAML one
     * @return the settings, or null for a document with none (empty, comments only, or an empty value)
     */
    public <T> T read(String name, byte[] yaml, ObjectReader reader) {
        JsonFactory factory = reader.getFactory();
        try {
            refuseAliases(name, factory, yaml);
            try (JsonParser parser = factory.createParser(yaml)) {
                try {
                    return settings(name, parser, reader);
                } catch (JsonProcessingException e) {
                    throw explained(name, factory, yaml, e); // here the parser still points at the token at fault
                }
            }
        } catch (JsonProcessingException e) {
            throw new UsageException(syntaxError(name, e), "fix the YAML");
        } catch (IOException e) {
            throw new LatchException(name + ": cannot read: " + e.getMessage(), "check the path given to --config");
        }
    }

    private <T> T settings(String name, JsonParser parser, ObjectReader reader) throws IOException {
        JsonToken first = parser.nextToken();
        if (first == null || first == JsonToken.VALUE_NULL || first.isScalarValue() && parser.getText().isBlank()) {
            return null;
        }
        T settings = reader.readValue(parser);
        if (oneDocument && parser.nextToken() != null) {
            throw new UsageException(name + ":" + parser.currentTokenLocation().getLineNr()
                    + ": a second YAML document; the file holds one", "remove the '---' and merge the settings into one");
        }
        return settings;
    }

    private UsageException explained(String name, JsonFactory factory, byte[] yaml, JsonProcessingException e) {
        String at = at(name, e);
        if (e instanceof BadValue bad) {
            return new UsageException(at + where(bad) + bad.reason().getMessage(), bad.reason().hint());
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            List<Object> key = YamlLines.steps(unknown.getPath().subList(0, Math.max(unknown.getPath().size() - 1, 0)));
            key.add(unknown.getPropertyName()); // as the file spells it
            at = at(name, YamlLines.lineOf(factory, yaml, key), at);
            return new UsageException(at + where(unknown) + "unknown setting '" + printable(unknown.getPropertyName()) + "'",
                    suggestion(unknown.getPropertyName(), unknown.getKnownPropertyIds()));
        }
        if (e instanceof ValueInstantiationException wrong) {
            if (wrong.getCause() instanceof LatchException reason) {
                at = at(name, lineOfCheck(factory, yaml, wrong, reason), at);
                return new UsageException(at + where(wrong) + reason.getMessage(), reason.hint());
            }
            return new UsageException(at + where(wrong) + "invalid value", formatHint);
        }
        if (e instanceof InvalidFormatException format) {
            return new UsageException(at + where(format) + "expected " + expectedWords(format) + ", not '"
                    + printable(String.valueOf(format.getValue())) + "'", formatHint);
        }
        if (e instanceof MismatchedInputException mismatch) {
            return new UsageException(at + where(mismatch) + "expected " + expectedWords(mismatch) + found(mismatch), formatHint);
        }
        if (e instanceof JsonMappingException mapping) {
            return new UsageException(at + where(mapping) + (mapping.getCause() instanceof InputCoercionException
                    ? "the number is too large" : printable(firstLine(mapping.getOriginalMessage()))), formatHint);
        }
        if (e instanceof InputCoercionException) {
            return new UsageException(at + key(e.getProcessor()) + "the number is too large", formatHint);
        }
        return new UsageException(syntaxError(name, e), "fix the YAML");
    }

    /** A check of a settings record names its key first ("port: 70000 is not a port number"): that key's line, else the record's. */
    private static int lineOfCheck(JsonFactory factory, byte[] yaml, ValueInstantiationException e, LatchException reason) {
        List<Object> record = YamlLines.steps(e.getPath());
        String message = reason.getMessage() == null ? "" : reason.getMessage();
        int colon = message.indexOf(": ");
        if (colon > 0 && message.substring(0, colon).matches("[a-z_]+")) {
            List<Object> key = new ArrayList<>(record);
            key.add(message.substring(0, colon));
            int line = YamlLines.lineOf(factory, yaml, key);
            if (line > 0) {
                return line;
            }
        }
        return YamlLines.lineOf(factory, yaml, record);
    }

    /** Jackson reads {@code *name} as the text "name"; better to say no than to do the wrong thing. */
    private static void refuseAliases(String name, JsonFactory factory, byte[] yaml) throws IOException {
        try (JsonParser parser = factory.createParser(yaml)) {
            while (parser.nextToken() != null) {
                if (parser instanceof YAMLParser yamlParser && yamlParser.isCurrentAlias()) {
                    throw new UsageException(name + ":" + parser.currentLocation().getLineNr() + ": YAML aliases ('*"
                            + printable(parser.getText()) + "') are not supported", "write the value out in full");
                }
            }
        }
    }

    /** "sites.yaml:7: " — the line of the token at fault. */
    private static String at(String name, JsonProcessingException e) {
        JsonLocation location = e.getProcessor() instanceof JsonParser parser ? parser.currentTokenLocation() : e.getLocation();
        return location == null || location.getLineNr() < 1 ? name + ": " : name + ":" + location.getLineNr() + ": ";
    }

    private static String at(String name, int line, String otherwise) {
        return line < 1 ? otherwise : name + ":" + line + ": ";
    }

    /** "hosts[1].root: ", "limits.idle_timeout: " — the key at fault, by name and list position. */
    private static String where(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (Object step : YamlLines.steps(e.getPath())) {
            if (step instanceof Integer index) {
                path.append('[').append(index).append(']');
            } else {
                path.append(path.isEmpty() ? "" : ".").append(step);
            }
        }
        if (e instanceof UnrecognizedPropertyException) {
            path.setLength(Math.max(path.lastIndexOf("."), 0)); // the unknown key itself is named in the message
        }
        return path.isEmpty() ? "" : path + ": ";
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

    private String expectedWords(MismatchedInputException e) {
        String key = e.getPath().isEmpty() ? "" : YamlLines.snakeCase(String.valueOf(e.getPath().getLast().getFieldName()));
        String words = expected.words(key, e.getTargetType());
        return words != null ? words : commonWords(e.getTargetType());
    }

    /** What a value of {@code type} is, in words, for the kinds every format has. */
    public static String commonWords(Class<?> type) {
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type != null && Collection.class.isAssignableFrom(type)) {
            return "a list, like [a, b]";
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

    /** "sites.yaml:2:1: not valid YAML: expected ..." from SnakeYAML's report. */
    private static String syntaxError(String name, JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblem() != null) {
            Mark mark = yaml.getProblemMark();
            return name + ":" + (mark == null ? " " : mark.getLine() + 1 + ":" + (mark.getColumn() + 1) + ": ")
                    + "not valid YAML: " + printable(yaml.getProblem().strip().replaceAll("\\s*\\R\\s*", " "));
        }
        JsonLocation at = e.getLocation();
        return name + ":" + (at == null || at.getLineNr() < 1 ? " " : at.getLineNr() + ": ") + "not valid YAML: "
                + printable(withoutJavaNames(firstLine(e.getOriginalMessage())));
    }

    /**
     * The parser's words without the Java inside them: "java.io.CharConversionException: Invalid
     * UTF-8 …" says "Invalid UTF-8 …"; a complex key's "<org.yaml.snakeyaml.events.SequenceStartEvent…>"
     * says "a list"; positions in characters and bytes go (the line is named already).
     */
    static String withoutJavaNames(String message) {
        return message.replaceAll("\\b(?:[a-z]\\w*\\.)+[A-Z]\\w*(?:Exception|Error):\\s*", "")
                .replaceAll("<?(?:[a-z]\\w*\\.)+SequenceStartEvent[^>]*>?", "a list")
                .replaceAll("<?(?:[a-z]\\w*\\.)+MappingStartEvent[^>]*>?", "a map")
                .replaceAll("<?(?:[a-z]\\w*\\.)+\\w*Event[^>]*>?", "something else")
                .replaceAll("\\s*\\(at char #\\d+, byte #-?\\d+\\)", "")
                .replaceAll("\\s*\\((?:Scalar value in YAML)\\)", "");
    }

    /** {@code text} from the file as one short line: control characters (a quoted key may hold a line break) as '?'. */
    public static String printable(String text) {
        String line = text == null ? "" : text.replaceAll("\\p{Cntrl}", "?");
        return line.length() > 100 ? line.substring(0, 100) + "…" : line;
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.lines().map(String::trim).filter(l -> !l.isEmpty()).findFirst().orElse("");
    }
}
