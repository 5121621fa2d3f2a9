package dev.latch.cli.support;

import dev.latch.pki.ca.RevocationReason;
import dev.latch.pki.cert.AltName;
import dev.latch.pki.cert.NameConstraint;
import dev.latch.pki.cert.SerialNumbers;
import dev.latch.core.keys.KeyType;
import picocli.CommandLine;
import picocli.CommandLine.TypeConversionException;

import java.math.BigInteger;
import java.util.function.Function;

/** Parses Latch's own argument types; a bad value becomes a usage error that says what is wrong. */
public final class Converters {
    private Converters() {
    }

    public static void register(CommandLine commandLine) {
        commandLine.registerConverter(AltName.class, wrap(AltName::parse));
        commandLine.registerConverter(KeyType.class, wrap(KeyType::parse));
        commandLine.registerConverter(RevocationReason.class, wrap(RevocationReason::parse));
        commandLine.registerConverter(NameConstraint.class, wrap(NameConstraint::parse));
        commandLine.registerConverter(BigInteger.class, wrap(SerialNumbers::parse));
    }

    private static <T> CommandLine.ITypeConverter<T> wrap(Function<String, T> parser) {
        return new Parsing<>(parser);
    }

    /**
     * A class, not a lambda: the launcher's class-data archive cannot hold a lambda of an interface
     * from picocli's Java 5 class files (see Main).
     */
    private record Parsing<T>(Function<String, T> parser) implements CommandLine.ITypeConverter<T> {
        @Override
        public T convert(String text) {
            try {
                return parser.apply(text);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
