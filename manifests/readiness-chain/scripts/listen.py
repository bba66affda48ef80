"""Listens on the TCP port given as the first argument and closes every connection it accepts."""
import socket
import sys

port = int(sys.argv[1])
with socket.create_server(("127.0.0.1", port), reuse_port=False) as server:
    print(f"third: listening on {port}", flush=True)
    while True:
        conn, _ = server.accept()
        conn.close()
