package dev.latch.cli.get;

import dev.latch.client.ClientRequest;
import dev.latch.client.Header;
import dev.latch.client.RequestBody;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What to ask the server: method, header fields and body, with curl's flags. */
final class RequestOptions {
    @Option(names = {"-X", "--request"}, paramLabel = "METHOD", description = "The method (default GET; POST with -d).", order = 10)
    String method;

    @Option(names = {"-H", "--header"}, paramLabel = "'NAME: VALUE'",
            description = "A header field (repeatable); 'NAME:' with nothing after removes one latch would send.", order = 11)
    List<String> headers = new ArrayList<>();

    @ArgGroup(exclusive = true, multiplicity = "0..*")
    List<DataOption> data = new ArrayList<>();

    @Option(names = {"-I", "--head"}, description = "Send HEAD and print the response's header fields.", order = 14)
    boolean head;

    @Option(names = {"-A", "--user-agent"}, paramLabel = "TEXT", description = "The User-Agent sent (default: latch/VERSION).", order = 15)
    String userAgent;

    /** One -d or --data-binary, kept in command-line order as curl joins them. */
    static final class DataOption {
        @Option(names = {"-d", "--data"}, paramLabel = "DATA|@FILE",
                description = "Send DATA (or FILE without its newlines; @- reads standard input) as the body, "
                        + "POST and application/x-www-form-urlencoded unless said otherwise; repeated, joined by '&'.", order = 12)
        String text;

        @Option(names = "--data-binary", paramLabel = "DATA|@FILE", description = "As -d, but a file is sent exactly as it is.", order = 13)
        String binary;
    }

    ClientRequest request(URI url, InputStream stdin) {
        List<RequestData.Part> parts = new ArrayList<>();
        for (DataOption option : data) {
            parts.add(option.text != null ? new RequestData.Part(option.text, false) : new RequestData.Part(option.binary, true));
        }
        if (head && !parts.isEmpty()) {
            throw new IllegalArgumentException("-I (HEAD) sends no body: drop -d/--data-binary or -I");
        }
        RequestBody body = RequestData.body(parts, stdin);
        List<Header> fields = new ArrayList<>();
        for (String header : headers) {
            fields.add(header(header));
        }
        if (body != null && fields.stream().noneMatch(h -> h.name().equalsIgnoreCase("Content-Type"))) {
            fields.add(new Header("Content-Type", "application/x-www-form-urlencoded"));
        }
        String verb = method != null ? method : head ? "HEAD" : body != null ? "POST" : "GET";
        return new ClientRequest(verb, url, fields, body);
    }

    private static Header header(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("-H '" + text + "' is not a header field: write 'Name: value' (or 'Name:' to remove one)");
        }
        String name = text.substring(0, colon).trim();
        if (!name.chars().allMatch(RequestOptions::tokenChar)) {
            throw new IllegalArgumentException("-H '" + text + "': '" + name + "' is not a field name (RFC 9110 §5.1: letters, digits, -, _ …)");
        }
        return new Header(name, text.substring(colon + 1).trim());
    }

    /** tchar of RFC 9110 §5.6.2. */
    private static boolean tokenChar(int c) {
        return c > 32 && c < 127 && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
    }

    boolean isHead() {
        return head || (method != null && method.toUpperCase(Locale.ROOT).equals("HEAD"));
    }
}
