package dev.latch.cli.proxy;

import com.google.common.net.InetAddresses;
import com.google.common.net.InternetDomainName;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code --resolve NAME:ADDRESS[,ADDRESS…]}, like curl's {@code --resolve} without the port: the
 * proxy takes these addresses for NAME instead of asking DNS (tests, split-horizon names). The
 * policy still judges the addresses, so an override cannot open a denied range.
 *
 * @param name      a lower-case DNS name without a trailing dot
 * @param addresses in the order given
 */
public record NameOverride(String name, List<InetAddress> addresses) {

    public NameOverride {
        addresses = List.copyOf(addresses);
    }

    public static NameOverride parse(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("'" + text + "': give NAME:ADDRESS, such as upstream.test:127.0.0.1");
        }
        String name = text.substring(0, colon).toLowerCase(Locale.ROOT);
        name = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (!InternetDomainName.isValid(name)) {
            throw new IllegalArgumentException("'" + text + "': '" + text.substring(0, colon) + "' is not a DNS name");
        }
        List<InetAddress> addresses = new ArrayList<>();
        for (String address : text.substring(colon + 1).split(",", -1)) {
            String literal = address.startsWith("[") && address.endsWith("]")
                    ? address.substring(1, address.length() - 1) : address;
            try {
                addresses.add(InetAddresses.forString(literal)); // a literal only: no DNS look-up
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + text + "': '" + address + "' is not an IP address");
            }
        }
        return new NameOverride(name, addresses);
    }

}
