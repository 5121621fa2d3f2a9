package dev.latch.proxy.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import dev.latch.core.LatchException;
import dev.latch.core.UsageException;
import dev.latch.proxy.target.BadTarget;
import dev.latch.proxy.target.Target;
import dev.latch.proxy.target.TargetParser;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code resolve:} — names answered from the file instead of DNS, like curl's {@code --resolve}:
 * <pre>
 * resolve:
 *   intranet.example: 10.1.2.3
 *   app.example: [192.0.2.7, 2001:db8::7]
 * </pre>
 * Names are normalised as a request target is, so {@code Intranet.Example.} and a client's
 * {@code intranet.example} are the same name.
 */
final class ResolveTable extends StdDeserializer<Map<String, List<InetAddress>>> {
    ResolveTable() {
        super(Map.class);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, List<InetAddress>> deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            return (Map<String, List<InetAddress>>) context.handleUnexpectedToken(Map.class, parser);
        }
        Map<String, List<InetAddress>> table = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = name(parser);
            List<InetAddress> addresses = new ArrayList<>();
            JsonToken value = parser.nextToken();
            if (value == JsonToken.START_ARRAY) {
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    addresses.add(address(parser, context));
                }
            } else {
                addresses.add(address(parser, context));
            }
            if (addresses.isEmpty()) {
                throw new BadValue(parser, new UsageException("resolve: " + name + " has no address", "give one, like "
                        + name + ": 192.0.2.7"));
            }
            table.put(name, addresses);
        }
        return table;
    }

    private static String name(JsonParser parser) throws IOException {
        String text = parser.currentName();
        try {
            Target target = TargetParser.connect(text + ":1");
            if (!target.isAddress()) {
                return target.host();
            }
        } catch (BadTarget e) {
            // said below
        }
        throw new BadValue(parser, new UsageException("resolve: '" + Values.printable(text) + "' is not a host name",
                "write a name and its addresses, like intranet.example: 10.1.2.3"));
    }

    private static InetAddress address(JsonParser parser, DeserializationContext context) throws IOException {
        if (!parser.currentToken().isScalarValue() || parser.currentToken() == JsonToken.VALUE_NULL) {
            context.handleUnexpectedToken(InetAddress.class, parser);
        }
        try {
            return Values.address(parser.getText().strip());
        } catch (LatchException e) {
            throw new BadValue(parser, e);
        }
    }
}
