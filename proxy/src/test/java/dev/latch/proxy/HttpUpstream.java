package dev.latch.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small HTTP/1.1 origin server for forwarding tests: keeps connections alive, records each
 * request head it received, reads bodies by Content-Length or chunked, and answers
 * "got N bytes for PATH" with a hop-by-hop field of its own that the proxy must drop.
 */
final class HttpUpstream implements AutoCloseable {
    final List<String> heads = new CopyOnWriteArrayList<>();
    private final Upstream server;

    HttpUpstream() throws IOException {
        server = new Upstream(this::serve);
    }

    int port() {
        return server.port();
    }

    int connections() {
        return server.connections.get();
    }

    private void serve(Socket connection) throws IOException {
        InputStream in = connection.getInputStream();
        OutputStream out = connection.getOutputStream();
        while (true) {
            String head = readHead(in);
            if (head == null) {
                return;
            }
            heads.add(head);
            String[] requestLine = head.substring(0, head.indexOf("\r\n")).split(" ");
            long body = 0;
            String length = field(head, "content-length");
            if (length != null) {
                body = in.readNBytes(Integer.parseInt(length)).length;
            } else if ("chunked".equalsIgnoreCase(field(head, "transfer-encoding"))) {
                body = readChunked(in);
            }
            byte[] answer = ("got " + body + " bytes for " + requestLine[1]).getBytes(StandardCharsets.US_ASCII);
            String response = "HTTP/1.1 200 OK\r\nContent-Length: " + answer.length
                    + "\r\nConnection: X-Secret\r\nX-Secret: hop\r\nKeep-Alive: timeout=5\r\nX-Origin: yes\r\n\r\n";
            out.write(response.getBytes(StandardCharsets.US_ASCII));
            if (!requestLine[0].equals("HEAD")) {
                out.write(answer);
            }
            out.flush();
        }
    }

    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** The value of the first field called {@code name} in a head, or null. */
    static String field(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    private static long readChunked(InputStream in) throws IOException {
        long total = 0;
        while (true) {
            String size = line(in);
            int n = Integer.parseInt(size.split(";")[0].trim(), 16);
            if (n == 0) {
                while (!line(in).isEmpty()) {
                    // trailers
                }
                return total;
            }
            total += in.readNBytes(n).length;
            line(in);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new IOException("cut off");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
