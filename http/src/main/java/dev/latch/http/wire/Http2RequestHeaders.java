package dev.latch.http.wire;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.util.AsciiString;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * An HTTP/2 request's fields as a {@link dev.latch.http.Request} reads them, in place: :authority
 * answers for Host (RFC 9113 §8.3.1), cookies split over several fields are one value again
 * (§8.2.3), and pseudo-header fields are not headers.
 */
final class Http2RequestHeaders {
    /**
     * Names handlers ask for on every request, as byte strings: Netty's header table hashes and
     * compares these without going through each character of a String.
     */
    private static final Map<String, AsciiString> ASKED_OFTEN = Stream.of(HttpHeaderNames.RANGE,
                    HttpHeaderNames.IF_RANGE, HttpHeaderNames.IF_NONE_MATCH, HttpHeaderNames.IF_MODIFIED_SINCE,
                    HttpHeaderNames.ACCEPT_ENCODING, HttpHeaderNames.USER_AGENT, HttpHeaderNames.REFERER)
            .collect(Collectors.toUnmodifiableMap(AsciiString::toString, name -> name));

    private final Http2Headers headers;

    Http2RequestHeaders(Http2Headers headers) {
        this.headers = headers;
    }

    /** The first value of a lower-case name, or null. */
    String first(String name) {
        if (name.isEmpty() || name.charAt(0) == ':') {
            return null;
        }
        if (name.equals("host")) {
            CharSequence authority = headers.authority();
            CharSequence host = authority != null ? authority : headers.get(HttpHeaderNames.HOST);
            return host == null ? null : host.toString();
        }
        if (name.equals("cookie")) {
            return cookie();
        }
        AsciiString known = ASKED_OFTEN.get(name);
        CharSequence value = headers.get(known != null ? known : name);
        return value == null ? null : value.toString();
    }

    /** Every header, names in lower case, values in order; Host first when only :authority gave it. */
    Map<String, List<String>> all() {
        Map<String, List<String>> all = new LinkedHashMap<>();
        if (headers.authority() != null && !headers.contains(HttpHeaderNames.HOST)) {
            all.put("host", new ArrayList<>(List.of(headers.authority().toString())));
        }
        for (Map.Entry<CharSequence, CharSequence> header : headers) {
            String name = header.getKey().toString();
            if (name.startsWith(":")) {
                continue;
            }
            if (name.equals("cookie")) {
                all.putIfAbsent(name, new ArrayList<>(List.of(cookie())));
                continue;
            }
            all.computeIfAbsent(name, k -> new ArrayList<>(1)).add(header.getValue().toString());
        }
        return all;
    }

    private String cookie() {
        List<CharSequence> crumbs = headers.getAll(HttpHeaderNames.COOKIE);
        if (crumbs.isEmpty()) {
            return null;
        }
        return crumbs.size() == 1 ? crumbs.get(0).toString() : String.join("; ", crumbs);
    }
}
