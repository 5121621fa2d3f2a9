package dev.latch.proxy.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import dev.latch.core.LatchException;
import dev.latch.core.UsageException;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One value of the file (a YAML scalar) read by {@link #read}, whose {@link LatchException} is
 * reported at the value's own line. An empty value ({@code key:} with nothing after it) is refused
 * rather than taken as "the default", which the author may not have meant.
 */
abstract class ScalarValue<T> extends StdDeserializer<T> {
    /** The attribute holding the file's directory, which relative paths are resolved against. */
    static final String BASE = "latch.config.base";

    ScalarValue(Class<?> type) {
        super(type);
    }

    /** @param text the value, stripped of surrounding blanks */
    abstract T read(String text, Path base);

    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (!parser.currentToken().isScalarValue()) {
            return (T) context.handleUnexpectedToken(handledType(), parser);
        }
        String text = parser.getText().strip();
        if (text.isEmpty()) {
            throw empty(parser);
        }
        try {
            return read(text, (Path) context.getAttribute(BASE));
        } catch (LatchException e) {
            throw new BadValue(parser, e);
        }
    }

    /** A key left out: its flag or default applies. */
    @Override
    public T getAbsentValue(DeserializationContext context) {
        return null;
    }

    /** Jackson asks for this on {@code key:} with nothing after it, and when {@link #read} stands for a default with null. */
    @Override
    public T getNullValue(DeserializationContext context) throws JsonMappingException {
        JsonParser parser = context.getParser();
        if (parser != null && parser.currentToken() == JsonToken.VALUE_NULL) {
            throw empty(parser);
        }
        return null;
    }

    private static BadValue empty(JsonParser parser) {
        return new BadValue(parser, new UsageException("the value is empty", "give a value or leave the key out"));
    }
}
