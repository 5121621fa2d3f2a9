package dev.latch.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.regex.Pattern;

/** What shows that a {@link PeerProcess} is ready for the test: a port that accepts, or a line it printed. */
public sealed interface Readiness {

    /** Ready once a TCP connection to {@code port} on the loopback address succeeds. */
    static Readiness listening(int port) {
        return new Listening(port);
    }

    /** Ready once a line of its standard output or standard error matches {@code line} ({@link java.util.regex.Matcher#find}). */
    static Readiness printed(Pattern line) {
        return new Printed(line);
    }

    /** Whether {@code peer} is ready now. */
    boolean reached(PeerProcess peer);

    /** For a failure message: what was waited for. */
    String describe();

    record Listening(int port) implements Readiness {
        @Override
        public boolean reached(PeerProcess peer) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return true;
            } catch (IOException notYet) {
                return false;
            }
        }

        @Override
        public String describe() {
            return "a connection to port " + port;
        }
    }

    /** {@link Listening} inside a {@link LoopbackNamespace}, whose loopback the test cannot reach: see {@link LoopbackNamespace#listening}. */
    record ListeningInside(LoopbackNamespace namespace, int port) implements Readiness {
        @Override
        public boolean reached(PeerProcess peer) {
            return namespace.accepts(port);
        }

        @Override
        public String describe() {
            return "a connection to port " + port + " inside network namespace " + namespace.name();
        }
    }

    record Printed(Pattern line) implements Readiness {
        @Override
        public boolean reached(PeerProcess peer) {
            return peer.stdout().stream().anyMatch(l -> line.matcher(l).find())
                    || peer.stderr().stream().anyMatch(l -> line.matcher(l).find());
        }

        @Override
        public String describe() {
            return "a line matching /" + line + "/";
        }
    }
}
