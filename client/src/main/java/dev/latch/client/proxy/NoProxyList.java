package dev.latch.client.proxy;

import io.netty.util.NetUtil;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The hosts reached without a proxy, as curl reads {@code --noproxy} and {@code NO_PROXY}: names,
 * addresses and CIDR ranges separated by commas or spaces; {@code *} alone matches every host. A
 * name matches itself and the names under it (a leading or trailing dot makes no difference:
 * {@code example.com} and {@code .example.com} both match {@code www.example.com}, neither matches
 * {@code nonexample.com}). An address matches only an address: {@code 127.0.0.1} does not match
 * {@code localhost}, and no name is resolved to decide. Only the host counts, never the URL's port;
 * an entry with a port ({@code host:8080}) matches nothing, as in curl.
 */
final class NoProxyList {
    static final NoProxyList EMPTY = new NoProxyList(false, List.of());

    private final boolean everything;
    private final List<String> entries;

    private NoProxyList(boolean everything, List<String> entries) {
        this.everything = everything;
        this.entries = entries;
    }

    /** The list as written; null or blank is the empty list (every host through the proxy). */
    static NoProxyList parse(String list) {
        if (list == null || list.isBlank()) {
            return EMPTY;
        }
        if (list.strip().equals("*")) {
            return new NoProxyList(true, List.of());
        }
        return new NoProxyList(false, Arrays.stream(list.split("[,\\s]+")).filter(e -> !e.isEmpty()).toList());
    }

    /** Whether {@code host} (as a URL has it: an IPv6 address may be in brackets) is reached without a proxy. */
    boolean matches(String host) {
        if (everything) {
            return true;
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        byte[] address = NetUtil.createByteArrayFromIpAddressString(bare);
        String name = address == null ? withoutDots(bare).toLowerCase(Locale.ROOT) : null;
        for (String entry : entries) {
            if (address == null ? nameMatches(name, withoutDots(entry).toLowerCase(Locale.ROOT))
                    : addressMatches(address, entry)) {
                return true;
            }
        }
        return false;
    }

    private static boolean nameMatches(String name, String entry) {
        return !entry.isEmpty() && (name.equals(entry) || name.endsWith("." + entry));
    }

    // an address or a CIDR range of the same family (curl 7.86+); no prefix length (or 0, or no digits) means the whole address
    private static boolean addressMatches(byte[] address, String entry) {
        int slash = entry.indexOf('/');
        byte[] network = NetUtil.createByteArrayFromIpAddressString(slash < 0 ? entry : entry.substring(0, slash));
        if (network == null || network.length != address.length) {
            return false;
        }
        int bits = address.length * 8;
        int prefix = slash < 0 ? 0 : leadingNumber(entry.substring(slash + 1));
        if (prefix > bits) {
            return false;
        }
        bits = prefix == 0 ? bits : prefix;
        for (int bit = 0; bit < bits; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    // the digits the prefix length starts with, as curl reads it (atoi): none is 0
    private static int leadingNumber(String text) {
        int end = 0;
        while (end < text.length() && end < 4 && text.charAt(end) >= '0' && text.charAt(end) <= '9') {
            end++;
        }
        return end == 0 ? 0 : Integer.parseInt(text.substring(0, end));
    }

    private static String withoutDots(String name) {
        String result = name.startsWith(".") ? name.substring(1) : name;
        return result.endsWith(".") ? result.substring(0, result.length() - 1) : result;
    }
}
