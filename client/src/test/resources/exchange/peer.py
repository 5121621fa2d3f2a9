"""A plain HTTP/1.1 server for the client's exchange tests, written on raw sockets so that it can
answer in ways a well-behaved server library will not: cut bodies short, huge heads, interim
responses. Usage: python3 peer.py PORT. Prints "listening PORT" once it accepts connections."""
import socket
import socketserver
import sys
import urllib.parse

CHUNKS = [b"hello ", b"chunked ", b"world"]


def read_head(stream):
    lines = []
    while True:
        line = stream.readline(70000)
        if not line:
            return None
        if line in (b"\r\n", b"\n"):
            return lines
        lines.append(line)


def answer(out, status, headers, body=b""):
    head = "HTTP/1.1 " + status + "\r\n" + "".join(n + ": " + v + "\r\n" for n, v in headers) + "\r\n"
    out.write(head.encode("latin-1") + body)
    out.flush()


class Peer(socketserver.StreamRequestHandler):
    def handle(self):
        while True:
            lines = read_head(self.rfile)
            if not lines:
                return
            method, target, _ = lines[0].decode("latin-1").split(" ", 2)
            path = urllib.parse.urlsplit(target).path  # routes the absolute-form too
            fields = {}
            for line in lines[1:]:
                name, _, value = line.decode("latin-1").partition(":")
                fields[name.strip().lower()] = value.strip()
            body = self.rfile.read(int(fields.get("content-length", "0")))
            if not self.route(method, path, b"".join(lines), body):
                return

    def route(self, method, path, head, body):
        """Answers one request; False when the connection is to end."""
        out = self.wfile
        if path == "/echo":
            answer(out, "200 OK", [("Content-Length", str(len(body)))], body)
        elif path == "/head":
            answer(out, "200 OK", [("Content-Length", str(len(head)))], head)
        elif path == "/hello":
            answer(out, "200 OK", [("Content-Length", "5"), ("Content-Type", "text/plain")],
                   b"" if method == "HEAD" else b"hello")
        elif path == "/chunked":
            answer(out, "200 OK", [("Transfer-Encoding", "chunked")])
            for chunk in CHUNKS:
                out.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            out.write(b"0\r\nX-Trailer: end\r\n\r\n")
            out.flush()
        elif path == "/close":
            answer(out, "200 OK", [("Connection", "close")], b"read until the connection closes")
            return False
        elif path == "/early":
            answer(out, "200 OK", [("Content-Length", "1000")], b"x" * 300)
            return False
        elif path == "/early-chunked":
            answer(out, "200 OK", [("Transfer-Encoding", "chunked")])
            out.write(b"5\r\nhello\r\n")
            out.flush()
            return False
        elif path == "/huge-head":
            answer(out, "200 OK", [("X-Big", "b" * (200 * 1024)), ("Content-Length", "2")], b"ok")
        elif path == "/continue":
            out.write(b"HTTP/1.1 100 Continue\r\n\r\n")
            answer(out, "200 OK", [("Content-Length", "14")], b"after continue")
        elif path == "/empty":
            answer(out, "204 No Content", [("X-Empty", "yes")])
        elif path == "/old":
            out.write(b"HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nold")
            out.flush()
            return False
        elif path == "/silent":
            return False
        else:
            answer(out, "404 Not Found", [("Content-Length", "9")], b"not found")
        return True


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


if __name__ == "__main__":
    port = int(sys.argv[1])
    with Server(("127.0.0.1", port), Peer) as server:
        print("listening", port, flush=True)
        server.serve_forever()
