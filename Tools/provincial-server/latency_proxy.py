#!/usr/bin/env python3
"""A TCP forwarder on loopback that adds a fixed delay each way: a station's
network, for kiosk-bench (a handshake per request costs round trips).

    python3 Tools/provincial-server/latency_proxy.py --target-port 8443 \
        --delay-ms 150 --port-file /tmp/proxy.port --stats-file /tmp/proxy.json

Listens on 127.0.0.1 (port 0: any free one, written to --port-file) and
forwards every connection to 127.0.0.1:--target-port. Each chunk read from
one side is written to the other --delay-ms after it was read, in order; so
a round trip costs twice the delay, as on a link with that one-way latency.
A new connection's first bytes wait one round trip more: the TCP handshake
a real link costs (the kernel accepted it at once). It never looks inside
(TLS passes through). On SIGTERM or SIGINT it writes
the connections and bytes forwarded each way to --stats-file (JSON) and
exits. Python 3 standard library only; loopback only.
"""

import argparse
import asyncio
import json
import os
import signal
import socket
import sys


class Stats:
    def __init__(self):
        self.connections = 0
        self.to_server = 0
        self.to_client = 0

    def as_dict(self):
        return {"connections": self.connections, "bytesToServer": self.to_server,
                "bytesToClient": self.to_client}


async def pump(reader, writer, delay, stats, direction, first_delay=None):
    """Copies reader to writer, each chunk `delay` seconds after it came (the
    first one `first_delay` after, when given)."""
    loop = asyncio.get_running_loop()
    queue = asyncio.Queue()

    async def deliver():
        while True:
            due, chunk = await queue.get()
            wait = due - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            if chunk is None:
                try:
                    if writer.can_write_eof():
                        writer.write_eof()
                except OSError:
                    pass
                return
            writer.write(chunk)
            setattr(stats, direction, getattr(stats, direction) + len(chunk))
            try:
                await writer.drain()
            except OSError:
                return

    sender = asyncio.ensure_future(deliver())
    try:
        while True:
            chunk = await reader.read(65536)
            wait = delay if first_delay is None else first_delay
            first_delay = None
            queue.put_nowait((loop.time() + wait, chunk or None))
            if not chunk:
                break
    except OSError:
        queue.put_nowait((loop.time() + delay, None))
    await sender


async def serve(args, stats, done):
    delay = args.delay_ms / 1000.0

    async def handle(client_reader, client_writer):
        stats.connections += 1
        try:
            server_reader, server_writer = await asyncio.open_connection("127.0.0.1", args.target_port)
        except OSError:
            client_writer.close()
            return
        for w in (client_writer, server_writer):
            sock = w.get_extra_info("socket")
            if sock is not None:
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        # The client's connect() returned at once (the kernel accepted it): its
        # first bytes wait one more round trip, the one TCP's handshake costs.
        try:
            await asyncio.gather(pump(client_reader, server_writer, delay, stats, "to_server", first_delay=3 * delay),
                                 pump(server_reader, client_writer, delay, stats, "to_client"))
        except (asyncio.CancelledError, OSError):
            pass
        finally:
            for w in (client_writer, server_writer):
                w.close()

    server = await asyncio.start_server(handle, "127.0.0.1", args.port)
    port = server.sockets[0].getsockname()[1]
    if args.port_file:
        tmp = "%s.%d.tmp" % (args.port_file, os.getpid())
        with open(tmp, "w") as f:
            f.write("%d\n" % port)
        os.replace(tmp, args.port_file)
    async with server:
        await done.wait()


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--target-port", type=int, required=True, help="the port of 127.0.0.1 to forward to")
    p.add_argument("--port", type=int, default=0, help="port to listen on (default 0: any free)")
    p.add_argument("--port-file", help="write the port listened on to this file")
    p.add_argument("--delay-ms", type=int, default=150, help="delay each way (default 150)")
    p.add_argument("--stats-file", help="on SIGTERM/SIGINT, write what was forwarded here (JSON)")
    args = p.parse_args(argv)
    stats = Stats()

    async def run():
        done = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, done.set)
        await serve(args, stats, done)

    asyncio.run(run())
    if args.stats_file:
        with open(args.stats_file, "w") as f:
            json.dump(stats.as_dict(), f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
