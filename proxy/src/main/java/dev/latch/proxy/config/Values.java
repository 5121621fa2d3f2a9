package dev.latch.proxy.config;

import com.google.common.net.InetAddresses;
import dev.latch.core.UsageException;
import dev.latch.proxy.policy.DestinationRule;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

/** The kinds of value the proxy's config file holds, each checked where it stands in the file. */
final class Values {
    private static final int MAX_SECONDS = 86_400;

    private Values() {
    }

    /** {@code 127.0.0.1:3128} or {@code "[::1]:3128"}: an address (no name: nothing is looked up) and a port. */
    static final class SocketAddressValue extends ScalarValue<InetSocketAddress> {
        SocketAddressValue() {
            super(InetSocketAddress.class);
        }

        @Override
        InetSocketAddress read(String text, Path base) {
            int colon = text.lastIndexOf(':');
            String host = colon < 0 ? "" : text.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            } else if (host.indexOf(':') >= 0) {
                host = "%"; // an IPv6 address without brackets: ambiguous with its port
            }
            if (host.indexOf('%') >= 0 || !InetAddresses.isInetAddress(host)) {
                throw new UsageException("'" + printable(text) + "' is not an address and port",
                        "write it like 127.0.0.1:3128 or \"[::1]:3128\" (quoted: YAML reads [ as a list)");
            }
            return new InetSocketAddress(InetAddresses.forString(host), port(text.substring(colon + 1), 0));
        }
    }

    /** A host pattern or address block for {@code allow:} and {@code deny:}, in its normal form. */
    static final class RuleValue extends ScalarValue<String> {
        RuleValue() {
            super(String.class);
        }

        @Override
        String read(String text, Path base) {
            return DestinationRule.parse(text).toString();
        }
    }

    /** A port a CONNECT may go to: 1-65535. */
    static final class PortValue extends ScalarValue<Integer> {
        PortValue() {
            super(Integer.class);
        }

        @Override
        Integer read(String text, Path base) {
            return port(text, 1);
        }
    }

    /** A count of something: 1 or more. */
    static final class CountValue extends ScalarValue<Integer> {
        CountValue() {
            super(Integer.class);
        }

        @Override
        Integer read(String text, Path base) {
            if (!text.matches("[0-9]{1,9}") || Integer.parseInt(text) < 1) {
                throw new UsageException("'" + printable(text) + "' is not a whole number from 1 to 999999999", "give a count, like 100");
            }
            return Integer.parseInt(text);
        }
    }

    /** A time in whole seconds, 1 to a day. */
    static final class SecondsValue extends ScalarValue<Duration> {
        SecondsValue() {
            super(Duration.class);
        }

        @Override
        Duration read(String text, Path base) {
            if (!text.matches("[0-9]{1,9}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > MAX_SECONDS) {
                throw new UsageException("'" + printable(text) + "' is not a number of seconds from 1 to " + MAX_SECONDS,
                        "give whole seconds, like 30");
            }
            return Duration.ofSeconds(Integer.parseInt(text));
        }
    }

    /** A file, relative to the config file's directory. */
    static final class PathValue extends ScalarValue<Path> {
        PathValue() {
            super(Path.class);
        }

        @Override
        Path read(String text, Path base) {
            if (text.isEmpty() || text.indexOf('\0') >= 0) {
                throw new UsageException("'" + printable(text) + "' is not a file name", "give a path, relative to this file or absolute");
            }
            return base == null ? Path.of(text) : base.resolve(text);
        }
    }

    /** {@code cert:} of {@code tls:}: {@code auto} (null: issued by the local CA) or a PEM file. */
    static final class CertValue extends ScalarValue<Path> {
        private final PathValue file = new PathValue();

        CertValue() {
            super(Path.class);
        }

        @Override
        Path read(String text, Path base) {
            return text.equals(ProxySettings.TlsSettings.AUTO) ? null : file.read(text, base);
        }
    }

    /** {@code access_log:}: a file, {@code -} or {@code stdout} for standard output ("-"), or {@code off}. */
    static final class AccessLogValue extends ScalarValue<String> {
        private final PathValue file = new PathValue();

        AccessLogValue() {
            super(String.class);
        }

        @Override
        String read(String text, Path base) {
            return switch (text) {
                case "-", "stdout" -> ProxySettings.STDOUT;
                case "off", "false" -> ProxySettings.OFF;
                default -> file.read(text, base).toString();
            };
        }
    }

    static int port(String text, int lowest) {
        if (!text.matches("[0-9]{1,5}") || Integer.parseInt(text) < lowest || Integer.parseInt(text) > 65535) {
            throw new UsageException("'" + printable(text) + "' is not a port number from " + lowest + " to 65535",
                    lowest == 0 ? "0 picks a free port" : "like 443");
        }
        return Integer.parseInt(text);
    }

    static String printable(String text) {
        String line = text.replaceAll("\\p{Cntrl}", "?");
        return line.length() > 100 ? line.substring(0, 100) + "…" : line;
    }

    /** An address as {@code resolve:} takes it: the usual IPv4 or IPv6 text, no zone. */
    static InetAddress address(String text) {
        if (text.indexOf('%') >= 0 || !InetAddresses.isInetAddress(text)) {
            throw new UsageException("'" + printable(text) + "' is not an IP address", "write it like 192.0.2.7 or 2001:db8::7");
        }
        return InetAddresses.forString(text);
    }
}
