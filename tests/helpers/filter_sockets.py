#!/usr/bin/env python3
"""Sockets for the filter tests, held open until stdin closes.

usage: python3 tests/helpers/filter_sockets.py COMM SPEC...

COMM becomes the process's command name (prctl PR_SET_NAME, /proc/PID/comm). Each SPEC is
one of (fields split at commas, so IPv6 addresses need no brackets):
  listen,ADDR,PORT              a TCP listener (IPV6_V6ONLY=0 on "::", 1 on other IPv6)
  connect,SRC,DST,PORT          a TCP client bound to SRC connected to DST:PORT, which must be
                                a listener of an earlier SPEC: it is accepted here
  udp,ADDR,PORT                 a bound UDP socket
  many-udp,ADDR,N               N UDP sockets bound to ADDR on ports the kernel picks
  uid,UID                       become user UID (and its group) for the sockets after it
Prints one JSON line {"pid", "clients": [local port of each connect, in order]} once every
socket exists, then waits for end of file on stdin. A setup error is one line on stderr, exit 1.
"""

import ctypes
import json
import os
import resource
import socket
import sys


def family(addr):
    return socket.AF_INET6 if ":" in addr else socket.AF_INET


def main():
    comm, specs = sys.argv[1], sys.argv[2:]
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(15, comm.encode()[:15], 0, 0, 0)  # PR_SET_NAME
    keep, listeners, clients = [], {}, []
    for spec in specs:
        kind, *f = spec.split(",")
        if kind == "listen":
            addr, port = f[0], int(f[1])
            s = socket.socket(family(addr), socket.SOCK_STREAM)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if ":" in addr:
                s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0 if addr == "::" else 1)
            s.bind((addr, port))
            s.listen(16)
            listeners[port] = s
            keep.append(s)
        elif kind == "connect":
            src, dst, port = f[0], f[1], int(f[2])
            c = socket.socket(family(src), socket.SOCK_STREAM)
            c.bind((src, 0))
            c.connect((dst, port))
            conn, _ = listeners[port].accept()
            clients.append(c.getsockname()[1])
            keep += [c, conn]
        elif kind == "udp":
            u = socket.socket(family(f[0]), socket.SOCK_DGRAM)
            u.bind((f[0], int(f[1])))
            keep.append(u)
        elif kind == "many-udp":
            n = int(f[1])
            want = n + 64
            if resource.getrlimit(resource.RLIMIT_NOFILE)[0] < want:
                resource.setrlimit(resource.RLIMIT_NOFILE, (want, want))
            for _ in range(n):
                u = socket.socket(family(f[0]), socket.SOCK_DGRAM)
                u.bind((f[0], 0))
                keep.append(u)
        elif kind == "uid":
            uid = int(f[0])
            os.setgroups([])
            os.setresgid(uid, uid, uid)
            os.setresuid(uid, uid, uid)
        else:
            raise ValueError(f"unknown spec {spec!r}")
    print(json.dumps({"pid": os.getpid(), "clients": clients}), flush=True)
    sys.stdin.read()


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # one line, as the tests expect
        print(f"filter_sockets.py: {e}", file=sys.stderr)
        sys.exit(1)
