#!/usr/bin/env python3
"""Build the seed corpus of every fuzz target from kernel answers rnetstat has captured.

usage: python3 fuzz/seed.py [CAPTURE_DIR ...]

Sources: the fixtures (fixtures/linux/*, fixtures/freebsd/*, fixtures/macos/*) and any
`rnetstat --capture` directories given (a live capture of this host adds the sock_diag, neigh,
qdisc and /proc/net answers the fixtures lack). Each target gets what its decoders read:
netlink payloads (one file per message, the 16-byte header removed) for the Linux netlink
decoders, whole dumps for nlmsg_frames, /proc/net text for the procfs parsers, the
/proc/PID/cgroup texts of fixtures/linux/cgroup for linux_cgroup, and every BSD
answer of at most 256 KiB for the BSD decoders (each BSD target tries all its decoders on any
input), and the expressions of fuzz/filter_seeds.txt for the filter language. Writes fuzz/corpus/<target>/<sha1> (git-ignored; the fuzzer grows it).
"""

import hashlib
import os
import struct
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "fuzz", "corpus")
MAX = 256 * 1024

# Linux netlink targets: which captured dump files hold their messages.
NETLINK = {
    "linux_link": ("link",),
    "linux_addr": ("addr",),
    "linux_route": ("route-",),
    "linux_neigh": ("neigh",),
    "linux_qdisc": ("qdisc-", "tclass-"),
    "linux_sockets": ("diag-",),
    "linux_tcp_info": ("diag-inet",),
    "linux_multicast": ("mroute-",),
}
# /proc/net (and /proc/sys, /sys/class/net) text: which targets parse it.
TEXT = {
    "linux_sockets": ("raw", "tcp", "udp", "unix", "packet", "icmp", "socket-owners"),
    "linux_multicast": ("igmp", "mcfilter", "dev_mcast", "ip_mr_", "ip6_mr_"),
    "linux_stats": ("snmp", "netstat", "sockstat", "protocols", "softnet", "rt6_stats", "fib_triestat", "rt_cache", "net."),
}
BSD = ["bsd_iflist", "bsd_ifmalist", "bsd_macos_sockets", "bsd_mbuf", "bsd_mroute",
       "bsd_route", "bsd_sockets", "bsd_stats"]


def put(target, data):
    if not data or len(data) > MAX:
        return
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, hashlib.sha1(data).hexdigest()), "wb") as f:
        f.write(data)


def messages(data):
    at = 0
    while at + 16 <= len(data):
        (length,) = struct.unpack_from("<I", data, at)
        if length < 16 or at + length > len(data):
            return
        yield data[at + 16:at + length]
        at += (length + 3) & ~3


def files(dirs):
    for top in dirs:
        for base, _, names in os.walk(top):
            for n in names:
                yield base, n


def tcp_walk_seeds():
    """A BTF blob with a struct sock_common { u16 skc_family at 16; } and walk records of the
    example layout (crates/linux/src/tcp_walk/layout.rs: 136 bytes of sock_common, 7 extras,
    the socket's address): IPv4 established, IPv6 listener, TIME_WAIT, request."""
    strings = b"\0int\0sock_common\0skc_family\0"
    types = struct.pack("<4I", 1, 1 << 24, 2, 16)  # [1] 16-bit int
    types += struct.pack("<3I", 5, 4 << 24 | 1, 24) + struct.pack("<3I", 17, 1, 128)
    hdr = struct.pack("<HBBIIIII", 0xEB9F, 1, 0, 24, 0, len(types), len(types), len(strings))
    yield hdr + types + strings
    for family, state in ((2, 1), (10, 10), (2, 6), (10, 12)):
        r = bytearray(136 + 28 + 8)
        struct.pack_into("<H", r, 16, family)
        r[18] = state
        struct.pack_into("<H", r, 14, 8080)
        struct.pack_into(">H", r, 12, 40000)
        r[4:8] = bytes([192, 0, 2, 1])
        r[0:4] = bytes([198, 51, 100, 7])
        struct.pack_into("<Q", r, 48, 0xFFFF888012340000)
        struct.pack_into("<7I", r, 136, 6, 1000, 990, 5, 2, 3, 4096)
        yield bytes(r)


def main():
    dirs = [os.path.join(ROOT, "fixtures")] + sys.argv[1:]
    for base, name in files(dirs):
        path = os.path.join(base, name)
        data = open(path, "rb").read()
        if name.endswith(".nl"):
            put("nlmsg_frames", data)
            for target, prefixes in NETLINK.items():
                if name.startswith(prefixes):
                    for m in messages(data):
                        put(target, m)
        elif name.endswith(".bin"):
            for target in BSD:
                put(target, data)
        elif os.path.basename(base) == "cgroup":
            put("linux_cgroup", data)
        elif os.path.basename(base) in ("proc-net", "proc-sys", "sys-class-net"):
            for target, prefixes in TEXT.items():
                if name.startswith(prefixes):
                    put(target, data)
    for seed in tcp_walk_seeds():
        put("linux_tcp_walk", seed)
    with open(os.path.join(ROOT, "fuzz", "filter_seeds.txt"), "rb") as f:
        for line in f.read().splitlines():
            put("filter", line)
    for t in sorted(os.listdir(OUT)):
        print(t, len(os.listdir(os.path.join(OUT, t))))


if __name__ == "__main__":
    main()
