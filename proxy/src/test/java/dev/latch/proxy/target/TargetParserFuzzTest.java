package dev.latch.proxy.target;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request targets a forward proxy acts on, fed arbitrary text as Netty hands it over (one char
 * per byte) (scripts/fuzz target {@code target}): the same input as a CONNECT authority, as an
 * absolute URL, and after {@code http://}. Properties: only {@link BadTarget} is thrown, its reason
 * one line of printable ASCII (it goes to the client and the log); an accepted target has a port
 * of 1-65535 and a host of lower-case name characters or an address's canonical text; and reading
 * what the proxy would write back (its authority, its URL) gives the same target, so a policy
 * decision and the connection made after it see the same host. {@code ./test} replays the inputs
 * saved in {@code TargetParserFuzzTestInputs/parse/}.
 */
class TargetParserFuzzTest {
    @FuzzTest
    void parse(byte[] data) throws BadTarget {
        String text = new String(data, StandardCharsets.ISO_8859_1);
        Target connect = connect(text);
        if (connect != null) {
            assertThat(TargetParser.connect(connect.authority())).isEqualTo(connect);
        }
        absolute(text);
        absolute("http://" + text);
    }

    private static Target connect(String authority) {
        try {
            Target target = TargetParser.connect(authority);
            checkTarget(target);
            return target;
        } catch (BadTarget refused) {
            checkReason(refused);
            return null;
        }
    }

    private static void absolute(String uri) throws BadTarget {
        AbsoluteForm form;
        try {
            form = TargetParser.absolute(uri);
        } catch (BadTarget refused) {
            checkReason(refused);
            return;
        }
        checkTarget(form.target());
        assertThat(form.originForm()).startsWith("/");
        assertThat(form.originForm().chars()).noneMatch(c -> c <= ' ' || c >= 0x7f || c == '#');
        AbsoluteForm again = TargetParser.absolute("http://" + form.target().authority() + form.originForm());
        assertThat(again).isEqualTo(form);
    }

    private static void checkTarget(Target target) {
        assertThat(target.port()).isBetween(1, 65535);
        assertThat(target.host()).isNotEmpty();
        if (target.isAddress()) {
            assertThat(target.host()).matches("[0-9a-f:.]+");
            assertThat(target.host()).isEqualTo(target.address() instanceof java.net.Inet6Address
                    ? com.google.common.net.InetAddresses.toAddrString(target.address()) : target.address().getHostAddress());
        } else {
            assertThat(target.host()).matches("[a-z0-9_.-]+").doesNotEndWith(".").hasSizeLessThanOrEqualTo(253);
            assertThat(target.address()).isNull();
        }
    }

    private static void checkReason(BadTarget refused) {
        assertThat(refused.getMessage()).isNotEmpty();
        assertThat(refused.getMessage().chars()).allMatch(c -> c >= ' ' && c < 0x7f || c == '…');
    }
}
