package dev.latch.http.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;
import dev.latch.core.LatchException;

/**
 * A value the file holds that its key does not take, thrown by a deserializer; carries the reason
 * and, through the parser, the value's line to {@link YamlConfigReader}.
 */
public final class BadValue extends JsonMappingException {
    public BadValue(JsonParser at, LatchException reason) {
        super(at, reason.getMessage(), reason);
    }

    public LatchException reason() {
        return (LatchException) getCause();
    }
}
