#!/usr/bin/env python3
"""Listeners with connections in both of their queues, for the -L test; held until stdin closes.

usage: ip netns exec NS python3 tests/helpers/syn_queue.py ADDR

Run it as root inside a namespace of the test's own where ADDR (an IPv4 address) is on an
interface whose subnet has no other host (a veth whose peer has no address): answers sent to
the subnet go unanswered. It makes

  ADDR:8080  an IPv4 listener, backlog 7, with 3 connections it never accepts (qlen 3) and 2
             half-open ones (incqlen 2): SYNs sent from ADDR's subnet (host 99, ports 50000 and
             50001) through a raw socket; the SYN-ACKs go to a host that does not exist, so the
             connections stay in SYN_RECV (the kernel retries for about a minute);
  [::]:8081  a dual-stack IPv6 listener, backlog 5, with 1 half-open IPv4 connection (from
             host 99, port 50002) and nothing else: 0/1/5;

waits until /proc/net/tcp and tcp6 show the 3 request sockets, prints one JSON line {"pid",
"spoofed": "a.b.c.99"} and holds everything until stdin reaches end of file. On a setup error
it writes one line to stderr and exits 1.
"""

import json
import os
import socket
import struct
import sys
import time


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def syn(src, dst, sport, dport):
    """An IPv4 packet carrying a TCP SYN from src:sport to dst:dport."""
    s, d = socket.inet_aton(src), socket.inet_aton(dst)
    tcp = struct.pack("!HHIIBBHHH", sport, dport, 1000, 0, 5 << 4, 0x02, 64240, 0, 0)
    pseudo = s + d + struct.pack("!BBH", 0, socket.IPPROTO_TCP, len(tcp))
    tcp = tcp[:16] + struct.pack("!H", checksum(pseudo + tcp)) + tcp[18:]
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 0, 0, 64, socket.IPPROTO_TCP, 0,
                     s, d)
    return ip + tcp


def syn_recv():
    """Request sockets in /proc/net/tcp and tcp6 (the dual-stack listener's are IPv6 ones)."""
    n = 0
    for path in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(path) as f:
            next(f)
            n += sum(1 for line in f if line.split()[3] == "03")
    return n


def main():
    addr = sys.argv[1]
    spoofed = addr.rsplit(".", 1)[0] + ".99"
    keep = []
    l4 = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    l4.bind((addr, 8080))
    l4.listen(7)
    l6 = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    l6.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    l6.bind(("::", 8081))
    l6.listen(5)
    keep += [l4, l6]
    keep += [socket.create_connection((addr, 8080)) for _ in range(3)]
    raw = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
    keep.append(raw)
    for sport, dport in ((50000, 8080), (50001, 8080), (50002, 8081)):
        raw.sendto(syn(spoofed, addr, sport, dport), (addr, 0))
    deadline = time.monotonic() + 5
    while syn_recv() < 3:
        if time.monotonic() > deadline:
            print("syn_queue.py: the SYNs made no request sockets", file=sys.stderr)
            return 1
        time.sleep(0.01)
    print(json.dumps({"pid": os.getpid(), "spoofed": spoofed}), flush=True)
    while os.read(0, 65536):
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
