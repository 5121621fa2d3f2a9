package dev.latch.server.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;

import java.io.IOException;

/**
 * {@code http_port:} in the config file: a port number, or {@code off} for none. YAML 1.1 reads a
 * bare {@code off} as the boolean false, so false means off too. Null stands for "no port".
 */
final class PortOrOff extends StdDeserializer<Integer> {
    PortOrOff() {
        super(Integer.class);
    }

    @Override
    public Integer deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        switch (parser.currentToken()) {
            case VALUE_NUMBER_INT:
                if (parser.getNumberType() == JsonParser.NumberType.INT) {
                    return parser.getIntValue();
                }
                break;
            case VALUE_FALSE:
                return null;
            case VALUE_STRING:
                String text = parser.getText().trim();
                if (text.equalsIgnoreCase("off") || text.equalsIgnoreCase("false")) {
                    return null;
                }
                if (text.matches("-?[0-9]{1,9}")) {
                    return Integer.valueOf(text);
                }
                break;
            default:
                break;
        }
        return (Integer) context.handleUnexpectedToken(Integer.class, parser);
    }
}
