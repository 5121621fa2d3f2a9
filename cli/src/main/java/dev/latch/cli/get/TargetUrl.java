package dev.latch.cli.get;

import dev.latch.client.ClientFailure;
import dev.latch.client.FailureKind;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The URL to fetch. Its scheme decides port and TLS (seed §14.7.2): {@code http} is port 80 and
 * plain HTTP, {@code https} port 443 and a handshake. Unlike curl, which guesses {@code http://},
 * a URL without a scheme means {@code https://}.
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
