package dev.latch.client.message;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * One request as the user asked for it. The URL's scheme decides port and TLS (seed §14.7.2):
 * {@code http} means port 80 and plain HTTP, {@code https} port 443 and a handshake first.
 *
 * @param method  the method, as given (GET, HEAD, POST, …)
 * @param url     an absolute http or https URL
 * @param headers extra header fields, sent in this order after the client's own (a field given here replaces
 *                the client's one of the same name; an empty value removes it, as curl's {@code -H 'Name:'})
 * @param body    what to send after the head, or null for none
 */
public record ClientRequest(String method, URI url, List<Header> headers, RequestBody body) {
    public ClientRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        headers = List.copyOf(headers);
    }

    public static ClientRequest get(URI url) {
        return new ClientRequest("GET", url, List.of(), null);
    }
}
