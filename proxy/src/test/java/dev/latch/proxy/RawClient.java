package dev.latch.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A client that speaks to the proxy byte by byte, as no library would: pipelining, half-close, resets. */
final class RawClient implements AutoCloseable {
    final Socket socket;

    RawClient(int port) throws IOException {
        this(port, InetAddress.getLoopbackAddress());
    }

    /** A client connecting from {@code from}, another loopback address (127.0.0.2…): another client to the proxy. */
    RawClient(int port, InetAddress from) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port, from, 0);
        socket.setSoTimeout(20_000);
    }

    /** A CONNECT head for {@code target} (host:port). */
    static String connectHead(String target) {
        return "CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n\r\n";
    }

    /** Writes {@code text} and then {@code early} in one write, so they arrive together. */
    RawClient send(String text, byte[] early) throws IOException {
        byte[] head = text.getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[head.length + early.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(early, 0, all, head.length, early.length);
        socket.getOutputStream().write(all);
        socket.getOutputStream().flush();
        return this;
    }

    RawClient send(String text) throws IOException {
        return send(text, new byte[0]);
    }

    /** The status line and headers of the next response, up to the blank line. */
    String head() throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the proxy closed before a whole response head: " + out);
            }
            out.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : 0;
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    /** Reads {@code n} bytes of body. */
    String body(int n) throws IOException {
        return new String(socket.getInputStream().readNBytes(n), StandardCharsets.ISO_8859_1);
    }

    /** Everything until the proxy closes (EOF). */
    String rest() throws IOException {
        return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.regionMatches(true, 0, "content-length:", 0, 15)) {
                return Integer.parseInt(line.substring(15).trim());
            }
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
