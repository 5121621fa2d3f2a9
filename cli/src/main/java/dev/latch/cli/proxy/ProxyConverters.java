package dev.latch.cli.proxy;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.net.InetSocketAddress;
import java.util.function.Function;

/** The proxy's argument types for picocli: a bad value is a usage error (exit 2) that says what is wrong. */
public final class ProxyConverters {
    private ProxyConverters() {
    }

    /** {@code HOST:PORT}, see {@link SocketAddresses#parse}. */
    public static final class Address implements ITypeConverter<InetSocketAddress> {
        @Override
        public InetSocketAddress convert(String text) {
            return usage(SocketAddresses::parse, text);
        }
    }

    /** {@code NAME:ADDRESS[,ADDRESS…]}, see {@link NameOverride#parse}. */
    public static final class Resolve implements ITypeConverter<NameOverride> {
        @Override
        public NameOverride convert(String text) {
            return usage(NameOverride::parse, text);
        }
    }

    private static <T> T usage(Function<String, T> parser, String text) {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
