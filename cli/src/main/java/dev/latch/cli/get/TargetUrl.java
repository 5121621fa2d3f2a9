package dev.latch.cli.get;

import dev.latch.client.failure.ClientFailure;
import dev.latch.client.failure.FailureKind;
import dev.latch.client.message.ClientRequest;
import dev.latch.client.message.Header;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The URL to fetch. Its scheme decides port and TLS (seed §14.7.2): {@code http} is port 80 and
 * plain HTTP, {@code https} port 443 and a handshake. Unlike curl, which guesses {@code http://},
 * a URL without a scheme means {@code https://}. A {@code user:password@} in it is sent as Basic
 * credentials and never shown.
 */
final class TargetUrl {
    private TargetUrl() {
    }

    static URI parse(String text) {
        String full = text.contains("://") ? text : "https://" + text;
        URI url;
        try {
            url = new URI(full);
        } catch (URISyntaxException e) {
            throw new ClientFailure(FailureKind.BAD_URL, "'" + text + "' is not a URL: " + e.getReason(),
                    "write it as https://host[:port]/path (percent-encode spaces as %20)");
        }
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new ClientFailure(FailureKind.UNSUPPORTED_PROTOCOL, "'" + text + "': latch get speaks https and http, not " + scheme,
                    "use an https:// URL");
        }
        if (url.getHost() == null) {
            throw new ClientFailure(FailureKind.BAD_URL, "'" + text + "' names no host", "write it as https://host[:port]/path");
        }
        return url.getRawPath() == null || url.getRawPath().isEmpty() ? url.resolve("/") : url;
    }

    /** The URL as it is shown and sent: without the {@code user:password@} it may carry. */
    static URI withoutCredentials(URI url) {
        if (url.getRawUserInfo() == null) {
            return url;
        }
        try {
            return new URI(url.getScheme(), null, url.getHost(), url.getPort(), url.getPath(), url.getQuery(), url.getFragment());
        } catch (URISyntaxException e) {
            throw new ClientFailure(FailureKind.BAD_URL, "'" + url.getHost() + "': " + e.getReason(), "write it as https://host[:port]/path");
        }
    }

    /**
     * The request with the URL's {@code user:password@} as Basic credentials (RFC 7617), as curl
     * sends them, unless the request already has an Authorization field ({@code -H}).
     */
    static ClientRequest withCredentials(ClientRequest request, URI given) {
        String userInfo = given.getUserInfo();
        if (userInfo == null || request.headers().stream().anyMatch(h -> h.name().equalsIgnoreCase("Authorization"))) {
            return request;
        }
        String basic = "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
        List<Header> headers = new ArrayList<>(request.headers());
        headers.add(new Header("Authorization", basic));
        return new ClientRequest(request.method(), request.url(), headers, request.body());
    }

    /** -O's file name: the last segment of the URL's path. */
    static String remoteName(URI url) {
        String path = url.getPath() == null ? "" : url.getPath();
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            throw new ClientFailure(FailureKind.WRITE_ERROR, "-O: " + url + " has no file name at the end of its path",
                    "name the file with -o FILE");
        }
        return name;
    }
}
