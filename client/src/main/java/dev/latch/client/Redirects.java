package dev.latch.client;

import dev.latch.client.failure.ClientFailure;
import dev.latch.client.failure.FailureKind;
import dev.latch.client.message.ClientRequest;
import dev.latch.client.message.Header;
import dev.latch.client.message.ResponseHead;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The request a redirect asks for (RFC 9110 §15.4): the Location resolved against the URL that answered
 * (§10.2.2); 303 turns any method but HEAD into GET, 301 and 302 turn POST into GET (§15.4.2, §15.4.3, as
 * browsers and curl do), dropping the body and its header fields; 307 and 308 keep method and body. Credentials
 * (Authorization, Cookie) do not go to another origin.
 */
final class Redirects {
    private static final Set<Integer> STATUSES = Set.of(301, 302, 303, 307, 308);
    private static final Set<String> CONTENT_FIELDS = Set.of("content-type", "content-length", "content-encoding",
            "content-language", "content-location", "transfer-encoding");
    private static final Set<String> CREDENTIAL_FIELDS = Set.of("authorization", "cookie");

    private Redirects() {
    }

    /** Whether this response asks to be followed: a redirect status with a Location. */
    static boolean redirects(ResponseHead head) {
        return STATUSES.contains(head.status()) && head.header("Location") != null;
    }

    /** The request to send next, or null when the response is not a redirect to follow. */
    static ClientRequest next(ClientRequest request, ResponseHead head) throws ClientFailure {
        if (!redirects(head)) {
            return null;
        }
        URI to = resolve(request.url(), head.header("Location").trim());
        int status = head.status();
        boolean toGet = status == 303 ? !request.method().equals("HEAD")
                : (status == 301 || status == 302) && request.method().equals("POST");
        boolean sameOrigin = sameOrigin(request.url(), to);
        List<Header> headers = request.headers().stream()
                .filter(h -> !(toGet && CONTENT_FIELDS.contains(h.name().toLowerCase(Locale.ROOT))))
                .filter(h -> sameOrigin || !CREDENTIAL_FIELDS.contains(h.name().toLowerCase(Locale.ROOT)))
                .toList();
        return new ClientRequest(toGet ? "GET" : request.method(), to, headers, toGet ? null : request.body());
    }

    private static URI resolve(URI from, String location) throws ClientFailure {
        try {
            return from.resolve(new URI(location));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new ClientFailure(FailureKind.BAD_URL, "the redirect from " + from + " goes to '" + location
                    + "', which is not a valid URL", "the server sends a bad Location header");
        }
    }

    static boolean sameOrigin(URI a, URI b) {
        return Objects.equals(lower(a.getScheme()), lower(b.getScheme())) && Objects.equals(lower(a.getHost()), lower(b.getHost()))
                && port(a) == port(b);
    }

    private static String lower(String text) {
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }

    private static int port(URI url) {
        return url.getPort() != -1 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }
}
