"""A stand-in database: accepts TCP connections on $DB_PORT and answers each line with OK."""
import os
import signal
import socketserver
import sys

port = int(os.environ.get("DB_PORT", "15432"))


class Handler(socketserver.StreamRequestHandler):
    def handle(self):
        for line in self.rfile:
            self.wfile.write(b"OK " + line)


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


def stop(signum, frame):
    print("db: shutting down", flush=True)
    sys.exit(0)


signal.signal(signal.SIGINT, stop)
signal.signal(signal.SIGTERM, stop)
with Server(("127.0.0.1", port), Handler) as server:
    print(f"db: listening on 127.0.0.1:{port}", flush=True)
    server.serve_forever()
