package dev.latch.cli.get;

import dev.latch.client.ClientResponse;
import dev.latch.client.Timings;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * {@code -w FORMAT}: text with curl's {@code %{variable}}s filled in from the outcome, and
 * {@code \n}, {@code \r}, {@code \t}, {@code %%} as curl reads them. Written also when the exchange
 * failed (status 000, times of the steps that happened). An unknown variable is left out and
 * named in a warning, as curl does.
 */
final class WriteOut {
    private WriteOut() {
    }

    static String format(String format, Outcome outcome, Consumer<String> warnings) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i);
            if (c == '%' && format.startsWith("%{", i) && format.indexOf('}', i) > 0) {
                int end = format.indexOf('}', i);
                String name = format.substring(i + 2, end);
                String value = variable(name, outcome);
                if (value == null) {
                    warnings.accept("-w: unknown variable %{" + name + "} left out");
                } else {
                    out.append(value);
                }
                i = end + 1;
            } else if (c == '%' && format.startsWith("%%", i)) {
                out.append('%');
                i += 2;
            } else if (c == '\\' && i + 1 < format.length() && "nrt\\".indexOf(format.charAt(i + 1)) >= 0) {
                out.append(switch (format.charAt(i + 1)) {
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    default -> '\\';
                });
                i += 2;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** The variable's text, or null for a name curl's common set does not have. */
    static String variable(String name, Outcome outcome) {
        ClientResponse response = outcome.response();
        Timings timings = response != null ? response.timings() : null;
        return switch (name) {
            case "http_code", "response_code" -> response == null ? "000" : String.format(Locale.ROOT, "%03d", response.status());
            case "time_namelookup" -> seconds(timings == null ? null : timings.nameLookup());
            case "time_connect" -> seconds(timings == null ? null : timings.connect());
            case "time_appconnect" -> seconds(timings == null ? null : timings.tlsHandshake());
            case "time_pretransfer" -> seconds(timings == null ? null : timings.preTransfer());
            case "time_starttransfer" -> seconds(timings == null ? null : timings.startTransfer());
            case "time_redirect" -> seconds(timings == null ? null : timings.redirects());
            case "time_total" -> seconds(timings != null ? timings.total() : outcome.trace() != null ? outcome.trace().elapsed() : null);
            case "size_download" -> Long.toString(response == null ? 0 : response.bodyBytes());
            case "speed_download" -> Long.toString(speed(response));
            case "url_effective" -> outcome.effectiveUrl() == null ? "" : outcome.effectiveUrl().toString();
            case "num_redirects" -> Integer.toString(response == null ? 0 : response.redirects().size());
            case "ssl_verify_result" -> outcome.verdict() == null || outcome.verdict().report().trusted() ? "0" : "1";
            case "remote_ip" -> remote(response) == null ? "" : remote(response).getAddress().getHostAddress();
            case "remote_port" -> remote(response) == null ? "" : Integer.toString(remote(response).getPort());
            case "http_version" -> response == null ? "0" : response.head().version().replace("HTTP/", "");
            case "content_type" -> response == null || response.head().header("Content-Type") == null ? ""
                    : response.head().header("Content-Type");
            case "exitcode" -> Integer.toString(outcome.exitCode());
            case "errormsg" -> outcome.failure() == null ? "" : outcome.failure().getMessage();
            default -> null;
        };
    }

    /** curl's form: seconds with six decimals. */
    private static String seconds(Duration duration) {
        long micros = duration == null ? 0 : duration.toNanos() / 1000;
        return String.format(Locale.ROOT, "%d.%06d", micros / 1_000_000, micros % 1_000_000);
    }

    /** Bytes per second over the whole exchange, as a whole number (curl 7.x and later). */
    private static long speed(ClientResponse response) {
        if (response == null || response.timings() == null || response.timings().total().isZero()) {
            return 0;
        }
        return (long) (response.bodyBytes() / (response.timings().total().toNanos() / 1e9));
    }

    private static InetSocketAddress remote(ClientResponse response) {
        return response == null || response.connection() == null ? null : response.connection().remote();
    }
}
