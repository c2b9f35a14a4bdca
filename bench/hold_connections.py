#!/usr/bin/env python3
"""Hold PAIRS established TCP connections over loopback: both ends are sockets of this process.

usage: hold_connections.py PAIRS PORT NET [--listen ADDR] [--per-source N]

Run inside the benchmark's network namespace (`ip netns exec NS ...`, with lo up). Listens on
ADDR:PORT (default 127.0.0.1), then connects PAIRS times to it and accepts every connection, so
the namespace gains 2 * PAIRS established sockets (plus the listener). The clients are bound to
source addresses 127.NET.X.Y (any address in 127.0.0.0/8 is local once lo is up), N connections
per address (default 2000) with IP_BIND_ADDRESS_NO_PORT, so the kernel picks each source port at
connect() time per (source, destination) pair and the ephemeral range is not exhausted. Every
socket gets SO_LINGER 0, so that when the process ends its connections are reset rather than
left in TIME_WAIT, which keeps teardown quick.

The soft fd limit is raised to the hard limit; each pair costs two descriptors. When every
connection is up it prints "ready PAIRS PID SECONDS" on stdout, flushes, and holds them until
stdin reaches end of file or SIGTERM arrives (SIGINT too, unless it started ignored, as in a
background job of a script), then exits 0. On an error it prints one line on stderr and exits 1.
"""

import argparse
import os
import resource
import signal
import socket
import struct
import sys
import time

IP_BIND_ADDRESS_NO_PORT = 24  # Linux, missing from some Python builds
LINGER0 = struct.pack("ii", 1, 0)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("pairs", type=int)
    ap.add_argument("port", type=int)
    ap.add_argument("net", type=int, help="second byte of the source addresses, 1..254")
    ap.add_argument("--listen", default="127.0.0.1")
    ap.add_argument("--per-source", type=int, default=2000)
    args = ap.parse_args()

    def stop(*_):
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    # A background job of a script starts with SIGINT ignored: keep it so, so that a Ctrl-C
    # meant for the script does not take the sockets away under it; the script stops us.
    if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
        signal.signal(signal.SIGINT, stop)

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    need = 2 * args.pairs + 32
    if hard != resource.RLIM_INFINITY and need > hard:
        print(f"hold_connections.py: {args.pairs} pairs need {need} descriptors, the hard limit "
              f"is {hard}; use more processes", file=sys.stderr)
        return 1
    if soft != resource.RLIM_INFINITY and soft < need:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))

    t0 = time.monotonic()
    keep = []
    try:
        lst = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        lst.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        lst.bind((args.listen, args.port))
        lst.listen(4096)
        keep.append(lst)
        dst = (args.listen, args.port)
        for i in range(args.pairs):
            n = i // args.per_source + 1
            src = f"127.{args.net}.{n >> 8}.{n & 0xFF}"
            c = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, LINGER0)
            c.setsockopt(socket.IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, 1)
            c.bind((src, 0))
            c.connect(dst)
            s, _ = lst.accept()
            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, LINGER0)
            keep.append(c)
            keep.append(s)
    except OSError as e:
        print(f"hold_connections.py: port {args.port}, after {len(keep) // 2} pairs: {e}",
              file=sys.stderr)
        return 1

    print(f"ready {args.pairs} {os.getpid()} {time.monotonic() - t0:.2f}", flush=True)
    while os.read(0, 65536):
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
