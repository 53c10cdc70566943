#!/usr/bin/env python3
"""An HTTP/1.1 forwarder on loopback that cuts connections in the middle of request bodies:
a village link that drops while a document is uploaded, for tests and kiosk-bench.

    python3 Tools/provincial-server/cut_proxy.py --target-port 8088 --port-file /tmp/cut.port \\
        --cut-after 1887437 --cuts 1 --path-prefix /api/v1/documents/ --stats-file /tmp/cut.json

Listens on 127.0.0.1 (port 0: any free one, written to --port-file) and forwards every
connection to 127.0.0.1:--target-port. It reads each request's head to find its body
(Content-Length; a chunked body is forwarded as it comes and never cut) and counts the body
bytes of requests whose path starts with --path-prefix. When that count reaches --cut-after,
it forwards the body up to that byte exactly, then closes both sides of the connection, as a
dropped link does; it does so --cuts times (default 1), counting again from 0 after each cut.
Answers go back untouched. Plain HTTP only (it must read the heads).

After every request it writes (whole, by a rename) --stats-file, JSON: connections, cuts,
bodyBytes (body bytes of counted requests forwarded, cut ones included), bodyBytesAtCuts (the
count when each cut happened), requests (method, path, body bytes forwarded, whether cut).
Python 3 standard library only; loopback only.
"""

import argparse
import json
import os
import signal
import socket
import sys
import threading


class Proxy:
    def __init__(self, args):
        self.args = args
        self.lock = threading.Lock()
        self.connections = 0
        self.cuts = 0
        self.counted = 0            # counted body bytes since the last cut
        self.body_bytes = 0
        self.at_cuts = []
        self.requests = []

    # -- stats ---------------------------------------------------------------------------------
    def write_stats(self):
        if not self.args.stats_file:
            return
        with self.lock:
            stats = {"connections": self.connections, "cuts": self.cuts, "bodyBytes": self.body_bytes,
                     "bodyBytesAtCuts": list(self.at_cuts), "requests": list(self.requests)}
        tmp = "%s.%d.tmp" % (self.args.stats_file, os.getpid())
        with open(tmp, "w") as f:
            json.dump(stats, f)
        os.replace(tmp, self.args.stats_file)

    def budget(self, counted):
        """Bytes of a counted body that may pass before the next cut (None: no cut left)."""
        with self.lock:
            if not counted or self.cuts >= self.args.cuts or self.args.cut_after is None:
                return None
            return max(0, self.args.cut_after - self.counted)

    def passed(self, n, counted, cut):
        with self.lock:
            if counted:
                self.counted += n
                self.body_bytes += n
            if cut:
                self.cuts += 1
                self.at_cuts.append(self.body_bytes)
                self.counted = 0

    # -- forwarding ----------------------------------------------------------------------------
    def handle(self, client):
        with self.lock:
            self.connections += 1
        try:
            server = socket.create_connection(("127.0.0.1", self.args.target_port))
        except OSError:
            client.close()
            return
        for s in (client, server):
            s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        back = threading.Thread(target=self.pump_answers, args=(server, client), daemon=True)
        back.start()
        try:
            self.pump_requests(client, server)
        except OSError:
            pass
        finally:
            self.close(client, server)
        back.join(5)

    @staticmethod
    def close(*sockets):
        for s in sockets:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()

    @staticmethod
    def pump_answers(server, client):
        try:
            while True:
                data = server.recv(65536)
                if not data:
                    break
                client.sendall(data)
        except OSError:
            pass
        try:
            client.shutdown(socket.SHUT_WR)
        except OSError:
            pass

    def pump_requests(self, client, server):
        buffered = b""
        while True:
            # One request head.
            while b"\r\n\r\n" not in buffered:
                data = client.recv(65536)
                if not data:
                    return
                buffered += data
            end = buffered.index(b"\r\n\r\n") + 4
            head, buffered = buffered[:end], buffered[end:]
            lines = head.decode("latin-1").split("\r\n")
            method, _, rest = lines[0].partition(" ")
            path = rest.rpartition(" ")[0]
            fields = {}
            for line in lines[1:]:
                name, _, value = line.partition(":")
                fields[name.strip().lower()] = value.strip()
            server.sendall(head)
            if "chunked" in fields.get("transfer-encoding", "").lower():
                # Not cut, not counted: forwarded as it comes until the connection ends.
                server.sendall(buffered)
                while True:
                    data = client.recv(65536)
                    if not data:
                        return
                    server.sendall(data)
            length = int(fields.get("content-length", "0") or 0)
            counted = path.startswith(self.args.path_prefix)
            sent, cut = 0, False
            while sent < length:
                if not buffered:
                    buffered = client.recv(65536)
                    if not buffered:
                        break
                piece = buffered[:length - sent]
                budget = self.budget(counted)
                if budget is not None and budget < len(piece):
                    piece, cut = piece[:budget], True
                server.sendall(piece)
                buffered = buffered[len(piece):]
                sent += len(piece)
                self.passed(len(piece), counted, cut)
                if cut:
                    break
            with self.lock:
                self.requests.append({"method": method, "path": path, "bodyBytes": sent, "cut": cut})
            self.write_stats()
            if cut or sent < length:
                return


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--target-port", type=int, required=True, help="the port of 127.0.0.1 to forward to")
    p.add_argument("--port", type=int, default=0, help="port to listen on (default 0: any free)")
    p.add_argument("--port-file", help="write the port listened on to this file")
    p.add_argument("--cut-after", type=int, help="cut when this many body bytes were forwarded")
    p.add_argument("--cuts", type=int, default=1, help="how many times to cut (default 1)")
    p.add_argument("--path-prefix", default="/", help="count only bodies of requests to paths "
                   "starting with this (default /: all)")
    p.add_argument("--stats-file", help="what was forwarded (JSON), written after every request")
    args = p.parse_args(argv)
    proxy = Proxy(args)
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", args.port))
    listener.listen(64)
    proxy.write_stats()
    if args.port_file:
        tmp = "%s.%d.tmp" % (args.port_file, os.getpid())
        with open(tmp, "w") as f:
            f.write("%d\n" % listener.getsockname()[1])
        os.replace(tmp, args.port_file)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        while True:
            client, _ = listener.accept()
            threading.Thread(target=proxy.handle, args=(client,), daemon=True).start()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        listener.close()
        proxy.write_stats()
    return 0


if __name__ == "__main__":
    sys.exit(main())
