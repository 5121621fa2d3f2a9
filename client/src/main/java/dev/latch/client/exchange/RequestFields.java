package dev.latch.client.exchange;

import dev.latch.client.ClientRequest;
import dev.latch.client.Header;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The header fields of a request in the order they are sent: the client's own (Host, User-Agent,
 * Accept, Content-Length), then the user's, then the hop's (Proxy-Authorization to a forwarding
 * proxy). A user's field replaces the client's one of the same name; a user's field with an empty
 * value only removes it, as curl's {@code -H 'Name:'}.
 */
final class RequestFields {
    private RequestFields() {
    }

    /** @param userAgent the User-Agent to send unless the user gives one, or null for none */
    static List<Header> of(ClientRequest request, String userAgent, List<Header> extraHeaders) {
        List<Header> own = new ArrayList<>();
        own.add(new Header("Host", authority(request.url())));
        if (userAgent != null && !userAgent.isEmpty()) {
            own.add(new Header("User-Agent", userAgent));
        }
        own.add(new Header("Accept", "*/*"));
        if (request.body() != null) {
            own.add(new Header("Content-Length", Long.toString(request.body().length())));
        }
        List<Header> fields = new ArrayList<>();
        for (Header field : own) {
            if (!named(request.headers(), field.name())) {
                fields.add(field);
            }
        }
        for (Header field : request.headers()) {
            if (!field.value().isEmpty()) {
                fields.add(field);
            }
        }
        fields.addAll(extraHeaders);
        return fields;
    }

    /**
     * The URL's host and port as a Host field or :authority carries them (RFC 9110 §7.2): an IPv6
     * address in brackets, the port only when it is not the scheme's default.
     */
    static String authority(URI url) {
        String host = url.getHost();
        int port = url.getPort();
        if (host == null) { // a name java.net.URI does not take as a host (an underscore, say): the authority as written
            String authority = url.getRawAuthority();
            return authority.substring(authority.indexOf('@') + 1);
        }
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return port < 0 || port == defaultPort(url.getScheme()) ? host : host + ":" + port;
    }

    private static int defaultPort(String scheme) {
        return "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }

    private static boolean named(List<Header> fields, String name) {
        return fields.stream().anyMatch(field -> field.name().equalsIgnoreCase(name));
    }
}
