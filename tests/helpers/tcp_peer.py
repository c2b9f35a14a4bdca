#!/usr/bin/env python3
"""TCP connections with known internals, for the -x, -T, -C and -s tests; held until stdin closes.

usage: ip netns exec NS python3 tests/helpers/tcp_peer.py server ADDR
       ip netns exec NS python3 tests/helpers/tcp_peer.py client ADDR SERVER_NS SERVER_IF

server: listens on ADDR:5001 (backlog 16), accepts every connection, reads each to its end
        and closes it then.
client: connects to the server at ADDR:5001 and makes
  reno   congestion control reno (TCP_CONGESTION), MSS 1000 (TCP_MAXSEG, set before connect),
         keepalive after 600 s (SO_KEEPALIVE, TCP_KEEPIDLE): 20000 bytes sent;
  cubic  congestion control cubic: 300000 bytes sent while the server's address is gone from
         SERVER_IF in SERVER_NS for a second (its kernel drops what arrives, silently): the
         lost segments are sent again (retransmissions, a slow-start threshold);
  idle1, idle2, idle3
         three more established connections, nothing sent;
  tw     a connection closed at once: once the server closes its end it is in TIME_WAIT;
  and two listeners, 0.0.0.0:6001 and [::]:6002.
  It waits until every byte sent is acknowledged (tcpi_unacked 0, nothing unsent) and the
  tw connection is in TIME_WAIT.

Both print one JSON line once ready ({"pid"}, and for the client {"ports": {name: local port}})
and hold everything until stdin reaches end of file. On a setup error they write one line to
stderr and exit 1.
"""

import json
import os
import socket
import struct
import subprocess
import sys
import threading
import time

TCP_CONGESTION = 13
TCP_MAXSEG = 2
TCP_KEEPIDLE = 4
TCP_INFO = 11
PORT = 5001


def drain(conn):
    while conn.recv(65536):
        pass
    conn.close()


def server(addr):
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((addr, PORT))
    listener.listen(16)

    def accept():
        while True:
            conn, _ = listener.accept()
            threading.Thread(target=drain, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    print(json.dumps({"pid": os.getpid()}), flush=True)
    sys.stdin.read()


def settled(s):
    """Every byte sent acknowledged: tcpi_unacked (offset 24) and tcpi_notsent_bytes (144) 0."""
    info = s.getsockopt(socket.IPPROTO_TCP, TCP_INFO, 232)
    unacked = struct.unpack_from("I", info, 24)[0]
    notsent = struct.unpack_from("I", info, 144)[0] if len(info) >= 148 else 0
    return unacked == 0 and notsent == 0


def wait(done):
    deadline = time.time() + 60
    while not done():
        if time.time() > deadline:
            sys.stderr.write("tcp_peer: data still unacknowledged after 60 s\n")
            sys.exit(1)
        time.sleep(0.1)


def client(addr, server_ns, server_if):
    conns = {}

    def connect(name, cc=None, mss=None, keepidle=None):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        if cc:
            s.setsockopt(socket.IPPROTO_TCP, TCP_CONGESTION, cc.encode())
        if mss:
            s.setsockopt(socket.IPPROTO_TCP, TCP_MAXSEG, mss)
        if keepidle:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
            s.setsockopt(socket.IPPROTO_TCP, TCP_KEEPIDLE, keepidle)
        s.connect((addr, PORT))
        conns[name] = s
        return s

    reno = connect("reno", cc="reno", mss=1000, keepidle=600)
    reno.sendall(b"r" * 20000)
    wait(lambda: settled(reno))
    cubic = connect("cubic", cc="cubic")
    server_addr = ["ip", "-n", server_ns, "addr", "{}", f"{addr}/24", "dev", server_if]
    subprocess.run([w.format("del") for w in server_addr], check=True)
    sender = threading.Thread(target=cubic.sendall, args=(b"c" * 300000,))
    sender.start()
    time.sleep(1)
    subprocess.run([w.format("add") for w in server_addr], check=True)
    sender.join()
    for name in ["idle1", "idle2", "idle3"]:
        connect(name)
    tw = connect("tw")
    ports = {name: s.getsockname()[1] for name, s in conns.items()}
    tw.close()
    listeners = []
    for family, host, port in [(socket.AF_INET, "0.0.0.0", 6001), (socket.AF_INET6, "::", 6002)]:
        listener = socket.socket(family, socket.SOCK_STREAM)
        listener.bind((host, port))
        listener.listen(4)
        listeners.append(listener)
    wait(lambda: settled(cubic))
    # The tw connection reaches TIME_WAIT once the server has read its FIN and closed.
    time.sleep(0.5)
    print(json.dumps({"pid": os.getpid(), "ports": ports}), flush=True)
    sys.stdin.read()


def main():
    if sys.argv[1:2] == ["server"] and len(sys.argv) == 3:
        run = lambda: server(sys.argv[2])
    elif sys.argv[1:2] == ["client"] and len(sys.argv) == 5:
        run = lambda: client(*sys.argv[2:])
    else:
        sys.stderr.write("usage: tcp_peer.py server ADDR | client ADDR SERVER_NS SERVER_IF\n")
        sys.exit(1)
    try:
        run()
    except OSError as e:
        sys.stderr.write(f"tcp_peer: {e}\n")
        sys.exit(1)


main()
