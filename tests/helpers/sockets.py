#!/usr/bin/env python3
"""A zoo of sockets for the socket-display tests, held open until stdin closes or SIGTERM.

usage: ip netns exec NS python3 tests/helpers/sockets.py
           [--unix-dir DIR] [--host ADDR4] [--host6 ADDR6] [--base-port P]

Run it inside a namespace of the test's own with `lo` up. It creates the sockets below, prints
ONE line of JSON on stdout describing them, flushes, then holds every socket open until its stdin
reaches end of file (the test closes the pipe) or it gets SIGTERM (SIGINT too, unless it started
ignored); it then exits 0. On a setup error (a port or path already in use, ...) it writes one
line to stderr, prints nothing on stdout and exits 1.

Ports are fixed, relative to --base-port (default 40001):
  P1 = base+0  tcp4 listener (backlog 16) with one connection accepted
  P2 = base+1  tcp4 listener (backlog 8) with 3 connections it never accepts (qlen 3)
  P3 = base+2  tcp6 listener on [host6], IPV6_V6ONLY=1
  P4 = base+3  tcp6 dual-stack listener on [::], IPV6_V6ONLY=0, one connection from host (v4)
  P5 = base+4  udp4 bound on host, unconnected
  P6 = base+5  udp4 bound on host, connected to host:P5
  P7 = base+6  udp6 bound on [host6]
  P8 = base+7  local port of the TIME_WAIT socket (client of P1 that closed first)
Clients other than the TIME_WAIT one use ephemeral ports; the JSON gives their actual values.

Also: a raw IPv4 ICMP and a raw IPv6 ICMPv6 socket (unbound); unix sockets: a named stream
listener DIR/stream.sock with one connection accepted, a named datagram socket DIR/dgram.sock, an
abstract stream listener "\\0rnetstat-test-<pid>", an unnamed stream socketpair and an unnamed
seqpacket socketpair; a packet socket (AF_PACKET, SOCK_RAW, ETH_P_ALL) bound to lo. Raw and packet
sockets need CAP_NET_RAW: without it they are left out and named in "skipped".

The JSON line: {"pid", "uid", "host", "host6", "unix_dir", "ports": {"p1".."p8"}, "skipped",
"sockets": [...]}. Each socket:
  name         unique id, e.g. "tcp4_listener" (see the code for the list)
  role         listener | server (accepted) | client | queued (in an accept queue, never
               accepted: no file, so inode null) | time_wait (fd closed: inode null) | bound |
               connected | unbound | pair
  kind         tcp | udp | raw | unix | packet
  family       inet | inet6 | unix | packet
  local, local_port, remote, remote_port   address strings and port numbers; null where none
               (raw: local is the wildcard, ports null; packet: local is the interface name)
  state        netstat(1) names: LISTEN, ESTABLISHED, TIME_WAIT for tcp; unix stream and
               seqpacket: LISTEN or ESTABLISHED (connected), dgram null; null for udp/raw/packet
  inode        socket inode (os.fstat(fd).st_ino), as in /proc/net/* and ss -e; null when the
               socket has no file (queued, time_wait)
  listen_qlen  listeners only: connections in the accept queue (what -L shows as qlen)
  listen_backlog listeners only: the backlog passed to listen() (maxqlen; the kernel caps it
               at net.core.somaxconn)
  protocol     raw: IP protocol number (1, 58); packet: ethertype (3 = ETH_P_ALL)
  ifindex      packet only
  path         unix only: the bound path, "@name" for abstract, null for unnamed; an accepted
               unix socket reports its listener's path, as the kernel does
  type         unix only: stream | dgram | seqpacket
  peer_inode   unix connected sockets: inode of the other end
"""

import argparse
import errno
import json
import os
import shutil
import signal
import socket
import struct
import sys
import tempfile
import time

# Linux numbers, in case this Python's socket module lacks them.
IPPROTO_ICMPV6 = 58
IPV6_V6ONLY = 26
AF_PACKET = 17
ETH_P_ALL = 0x0003
SOCK_SEQPACKET = 5

EST = "ESTABLISHED"


class SetupError(Exception):
    pass


def inode(sock):
    return os.fstat(sock.fileno()).st_ino


def entry(name, role, kind, family, local, local_port, remote=None, remote_port=None,
          state=None, ino=None, **extra):
    e = {
        "name": name,
        "role": role,
        "kind": kind,
        "family": family,
        "local": local,
        "local_port": local_port,
        "remote": remote,
        "remote_port": remote_port,
        "state": state,
        "inode": ino,
    }
    e.update(extra)
    return e


def fam_name(af):
    return {socket.AF_INET: "inet", socket.AF_INET6: "inet6"}[af]


def ip_entry(name, role, kind, sock, state, **extra):
    """An entry from getsockname/getpeername of a connected or bound inet socket."""
    local = sock.getsockname()
    try:
        remote = sock.getpeername()
    except OSError:
        remote = (None, None)
    return entry(name, role, kind, fam_name(sock.family), local[0], local[1],
                 remote[0], remote[1], state, inode(sock), **extra)


def bind(sock, addr, what):
    try:
        sock.bind(addr)
    except OSError as e:
        if e.errno == errno.EADDRINUSE:
            raise SetupError(f"{what}: {addr!r} is already in use (EADDRINUSE); another "
                             "helper in this namespace, a leftover TIME_WAIT socket, or pick "
                             "another --base-port") from e
        raise SetupError(f"{what}: bind {addr!r}: {e.strerror}") from e


def tcp_listener(af, addr, backlog, what, v6only=None):
    s = socket.socket(af, socket.SOCK_STREAM)
    if v6only is not None:
        s.setsockopt(socket.IPPROTO_IPV6, IPV6_V6ONLY, 1 if v6only else 0)
    bind(s, addr, what)
    s.listen(backlog)
    return s


def proc_tcp(ino=None, port=None, state=None):
    """Rows of /proc/net/tcp and tcp6 (this namespace) matching inode / local port / state."""
    rows = []
    for path in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(path) as f:
                next(f)
                for line in f:
                    c = line.split()
                    lport = int(c[1].rsplit(":", 1)[1], 16)
                    if ino is not None and int(c[9]) != ino:
                        continue
                    if port is not None and lport != port:
                        continue
                    if state is not None and c[3] != state:
                        continue
                    rows.append(c)
        except FileNotFoundError:
            pass
    return rows


def wait_for(what, cond, timeout=5.0):
    deadline = time.monotonic() + timeout
    while not cond():
        if time.monotonic() > deadline:
            raise SetupError(f"timed out waiting for {what}")
        time.sleep(0.01)


def got_fin(sock):
    try:
        return sock.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b""
    except BlockingIOError:
        return False


def accept_queue_len(listener):
    rows = proc_tcp(ino=inode(listener))
    # For a listener, the rx_queue column is the accept-queue length (sk_ack_backlog).
    return int(rows[0][4].split(":")[1], 16) if rows else -1


def build(args, keep, out, skipped, made_paths):
    """Create every socket; `keep` holds the objects, `out` gets the JSON entries, `made_paths`
    the unix socket files this process created."""
    h4, h6, base = args.host, args.host6, args.base_port
    p1, p2, p3, p4, p5, p6, p7, p8 = (base + i for i in range(8))

    def hold(*socks):
        keep.extend(socks)
        return socks[0] if len(socks) == 1 else socks

    # Every fixed TCP port is bound before the first connect(): the default ephemeral range
    # (32768-60999) holds them, and a client could otherwise be given one of them first.
    l1 = hold(tcp_listener(socket.AF_INET, (h4, p1), 16, "tcp4 listener P1"))
    l2 = hold(tcp_listener(socket.AF_INET, (h4, p2), 8, "tcp4 backlog listener P2"))
    l3 = hold(tcp_listener(socket.AF_INET6, (h6, p3), 16, "tcp6 listener P3", v6only=True))
    l4 = hold(tcp_listener(socket.AF_INET6, ("::", p4), 16, "tcp6 dual-stack listener P4",
                           v6only=False))
    tw = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    # SO_REUSEADDR lets a rerun in the same namespace bind P8 while the old one is in TIME_WAIT.
    tw.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    bind(tw, (h4, p8), "TIME_WAIT client P8")

    # --- TCP IPv4: listener with one accepted connection -------------------------------------
    c1 = hold(socket.create_connection((h4, p1)))
    s1, _ = l1.accept()
    hold(s1)

    # --- TCP IPv4: listener with 3 connections never accepted ---------------------------------
    backlog_clients = [hold(socket.create_connection((h4, p2))) for _ in range(3)]
    # A completed connection sits in the accept queue; wait until all three are there.
    wait_for("3 connections in the accept queue of P2", lambda: accept_queue_len(l2) == 3)

    # --- TIME_WAIT: a client of P1 bound to P8 closes first, then the server side -------------
    tw.connect((h4, p1))
    tws, _ = l1.accept()
    tw.close()  # FIN from the client: client FIN_WAIT2, server CLOSE_WAIT
    wait_for("server side of the TIME_WAIT pair in CLOSE_WAIT", lambda: got_fin(tws))
    tws.close()  # server LAST_ACK -> client TIME_WAIT
    wait_for("the TIME_WAIT socket", lambda: bool(proc_tcp(port=p8, state="06")))

    # --- TCP IPv6: v6-only listener (no connection), dual-stack listener with a v4 client ---
    c4 = hold(socket.create_connection((h4, p4)))
    s4, _ = l4.accept()
    hold(s4)

    # --- UDP ----------------------------------------------------------------------------------
    u5 = hold(socket.socket(socket.AF_INET, socket.SOCK_DGRAM))
    bind(u5, (h4, p5), "udp4 P5")
    u6 = hold(socket.socket(socket.AF_INET, socket.SOCK_DGRAM))
    bind(u6, (h4, p6), "udp4 P6")
    u6.connect((h4, p5))
    u7 = hold(socket.socket(socket.AF_INET6, socket.SOCK_DGRAM))
    bind(u7, (h6, p7), "udp6 P7")

    out += [
        ip_entry("tcp4_listener", "listener", "tcp", l1, "LISTEN",
                 listen_qlen=0, listen_backlog=16),
        ip_entry("tcp4_server", "server", "tcp", s1, EST),
        ip_entry("tcp4_client", "client", "tcp", c1, EST),
        ip_entry("tcp4_backlog_listener", "listener", "tcp", l2, "LISTEN",
                 listen_qlen=3, listen_backlog=8),
    ]
    for i, c in enumerate(backlog_clients):
        out.append(ip_entry(f"tcp4_backlog_client_{i}", "client", "tcp", c, EST))
    for i, c in enumerate(backlog_clients):
        lo, ro = c.getsockname(), c.getpeername()
        out.append(entry(f"tcp4_backlog_queued_{i}", "queued", "tcp", "inet",
                         ro[0], ro[1], lo[0], lo[1], EST, None))
    out += [
        entry("tcp4_time_wait", "time_wait", "tcp", "inet", h4, p8, h4, p1, "TIME_WAIT", None),
        ip_entry("tcp6_listener", "listener", "tcp", l3, "LISTEN",
                 listen_qlen=0, listen_backlog=16, v6only=True),
        ip_entry("tcp6_dual_listener", "listener", "tcp", l4, "LISTEN",
                 listen_qlen=0, listen_backlog=16, v6only=False),
        ip_entry("tcp6_dual_server", "server", "tcp", s4, EST),
        ip_entry("tcp4_dual_client", "client", "tcp", c4, EST),
        ip_entry("udp4_bound", "bound", "udp", u5, None),
        ip_entry("udp4_connected", "connected", "udp", u6, None),
        ip_entry("udp6_bound", "bound", "udp", u7, None),
    ]

    # --- raw ----------------------------------------------------------------------------------
    for name, af, proto, wild in (("raw4_icmp", socket.AF_INET, socket.IPPROTO_ICMP, "0.0.0.0"),
                                  ("raw6_icmpv6", socket.AF_INET6, IPPROTO_ICMPV6, "::")):
        try:
            r = hold(socket.socket(af, socket.SOCK_RAW, proto))
        except PermissionError:
            skipped.append(name)
            continue
        out.append(entry(name, "unbound", "raw", fam_name(af), wild, None, None, None, None,
                         inode(r), protocol=proto))

    # --- unix ---------------------------------------------------------------------------------
    d = args.unix_dir
    spath, dpath = os.path.join(d, "stream.sock"), os.path.join(d, "dgram.sock")
    abstract = f"rnetstat-test-{os.getpid()}"

    def unix(name, role, sock, typ, path, state, peer=None, **extra):
        return entry(name, role, "unix", "unix", path, None, None, None, state, inode(sock),
                     path=path, type=typ,
                     peer_inode=inode(peer) if peer is not None else None, **extra)

    ul = hold(socket.socket(socket.AF_UNIX, socket.SOCK_STREAM))
    bind(ul, spath, "unix stream listener")
    made_paths.append(spath)
    ul.listen(16)
    uc = hold(socket.socket(socket.AF_UNIX, socket.SOCK_STREAM))
    uc.connect(spath)
    us, _ = ul.accept()
    hold(us)
    ud = hold(socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM))
    bind(ud, dpath, "unix dgram socket")
    made_paths.append(dpath)
    ua = hold(socket.socket(socket.AF_UNIX, socket.SOCK_STREAM))
    bind(ua, "\0" + abstract, "unix abstract listener")
    ua.listen(16)
    pa, pb = hold(*socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM))
    qa, qb = hold(*socket.socketpair(socket.AF_UNIX, SOCK_SEQPACKET))
    out += [
        unix("unix_stream_listener", "listener", ul, "stream", spath, "LISTEN",
             listen_qlen=0, listen_backlog=16),
        unix("unix_stream_server", "server", us, "stream", spath, "ESTABLISHED", uc),
        unix("unix_stream_client", "client", uc, "stream", None, "ESTABLISHED", us),
        unix("unix_dgram", "bound", ud, "dgram", dpath, None),
        unix("unix_abstract_listener", "listener", ua, "stream", "@" + abstract, "LISTEN",
             listen_qlen=0, listen_backlog=16),
        unix("unix_pair_stream_0", "pair", pa, "stream", None, "ESTABLISHED", pb),
        unix("unix_pair_stream_1", "pair", pb, "stream", None, "ESTABLISHED", pa),
        unix("unix_pair_seqpacket_0", "pair", qa, "seqpacket", None, "ESTABLISHED", qb),
        unix("unix_pair_seqpacket_1", "pair", qb, "seqpacket", None, "ESTABLISHED", qa),
    ]

    # --- packet -------------------------------------------------------------------------------
    try:
        pk = hold(socket.socket(AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL)))
    except PermissionError:
        skipped.append("packet_lo")
    else:
        pk.bind(("lo", ETH_P_ALL))
        out.append(entry("packet_lo", "bound", "packet", "packet", "lo", None, None, None, None,
                         inode(pk), protocol=ETH_P_ALL, ifindex=socket.if_nametoindex("lo")))

    return {f"p{i + 1}": base + i for i in range(8)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--unix-dir", help="directory for the named unix sockets "
                    "(default: a new temporary directory, removed at exit)")
    ap.add_argument("--host", default="127.0.0.1", help="IPv4 address (default 127.0.0.1)")
    ap.add_argument("--host6", default="::1", help="IPv6 address (default ::1)")
    ap.add_argument("--base-port", type=int, default=40001, help="P1; P2..P8 follow (40001)")
    args = ap.parse_args()

    # SIGTERM (and SIGINT) end the wait below through SystemExit(0), closing everything.
    def stop(*_):
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    # A background job of a script starts with SIGINT ignored: keep it so, so that a Ctrl-C
    # meant for the script does not take the sockets away under it; the script stops us.
    if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
        signal.signal(signal.SIGINT, stop)

    made_dir = args.unix_dir is None
    if made_dir:
        args.unix_dir = tempfile.mkdtemp(prefix="rnetstat-sockets-")
    keep, out, skipped, made_paths = [], [], [], []
    try:
        try:
            ports = build(args, keep, out, skipped, made_paths)
        except SetupError as e:
            print(f"sockets.py: {e}", file=sys.stderr)
            return 1
        except OSError as e:
            print(f"sockets.py: setup failed: {e}", file=sys.stderr)
            return 1
        doc = {
            "pid": os.getpid(),
            "uid": os.getuid(),
            "host": args.host,
            "host6": args.host6,
            "unix_dir": args.unix_dir,
            "ports": ports,
            "skipped": skipped,
            "sockets": out,
        }
        sys.stdout.write(json.dumps(doc, separators=(",", ":")) + "\n")
        sys.stdout.flush()
        # Hold everything until stdin reaches EOF (or a signal arrives).
        while os.read(0, 65536):
            pass
        return 0
    finally:
        for s in keep:
            # Reset TCP connections instead of closing them gracefully, so that leaving leaves no
            # TIME_WAIT sockets behind (only the deliberate one, tcp4_time_wait, outlives us).
            if s.type == socket.SOCK_STREAM and s.family in (socket.AF_INET, socket.AF_INET6):
                try:
                    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                except OSError:
                    pass
            s.close()
        if made_dir:
            shutil.rmtree(args.unix_dir, ignore_errors=True)
        else:
            for path in made_paths:
                try:
                    os.unlink(path)
                except OSError:
                    pass


if __name__ == "__main__":
    sys.exit(main())
