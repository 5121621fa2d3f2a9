package dev.latch.proxy.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;
import dev.latch.core.LatchException;

/** A value the file holds that its key does not take; carries the reason and the value's line to the reader. */
final class BadValue extends JsonMappingException {
    BadValue(JsonParser at, LatchException reason) {
        super(at, reason.getMessage(), reason);
    }

    LatchException reason() {
        return (LatchException) getCause();
    }
}
