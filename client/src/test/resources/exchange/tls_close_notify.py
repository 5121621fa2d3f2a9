"""A TLS server that ends a response's body with close_notify and keeps the TCP connection open
until the client answers with its own (as TLS allows, RFC 8446 §6.1). Usage: python3
tls_close_notify.py PORT CHAIN KEY. Prints "listening PORT" once it accepts connections."""
import socket
import ssl
import sys

port, chain, key = int(sys.argv[1]), sys.argv[2], sys.argv[3]
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(chain, key)
context.set_alpn_protocols(["http/1.1"])
with socket.create_server(("127.0.0.1", port)) as server:
    print("listening", port, flush=True)
    while True:
        raw, _ = server.accept()
        with context.wrap_socket(raw, server_side=True) as tls:
            head = b""
            while b"\r\n\r\n" not in head:
                head += tls.recv(4096)
            tls.sendall(b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nthe body ends with close_notify")
            try:
                tls.unwrap()  # sends close_notify, then waits for the client's
            except (OSError, ssl.SSLError):
                pass
