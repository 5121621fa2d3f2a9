package dev.latch.http.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the line of a place in a YAML document given by its keys and list positions, as Jackson
 * names the place of a mistake ({@link JsonMappingException#getPath()}). Needed where Jackson
 * notices a mistake only at the end of a map: an unknown key, or a check across the map's keys.
 */
final class YamlLines {
    private YamlLines() {
    }

    /** "hosts", 0, "root" from Jackson's path: keys in the file's own spelling, list positions as numbers. */
    static List<Object> steps(List<JsonMappingException.Reference> path) {
        List<Object> steps = new ArrayList<>();
        for (JsonMappingException.Reference reference : path) {
            if (reference.getFieldName() != null) {
                steps.add(snakeCase(reference.getFieldName()));
            } else if (reference.getIndex() >= 0) {
                steps.add(reference.getIndex());
            }
        }
        return steps;
    }

    static String snakeCase(String name) {
        return PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(name);
    }

    /** The line where the key (or list item) at {@code steps} stands (for the root: the first line of content); -1 if not there. */
    static int lineOf(JsonFactory factory, byte[] yaml, List<Object> steps) {
        try (JsonParser parser = factory.createParser(yaml)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                JsonStreamContext context = parser.getParsingContext();
                // a map or list that opens is at the place its parent is at
                boolean opens = token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY;
                if (token != JsonToken.END_OBJECT && token != JsonToken.END_ARRAY
                        && steps.equals(stepsTo(opens ? context.getParent() : context))) {
                    return parser.currentTokenLocation().getLineNr();
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1; // the place is named without its line
        }
        return -1;
    }

    private static List<Object> stepsTo(JsonStreamContext context) {
        List<Object> steps = new ArrayList<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject()) {
                steps.addFirst(c.getCurrentName() == null ? "" : c.getCurrentName());
            } else if (c.inArray()) {
                steps.addFirst(Math.max(c.getCurrentIndex(), 0));
            }
        }
        return steps;
    }
}
