#!/usr/bin/env python3
"""Join IPv4 and IPv6 multicast groups on one interface and hold them until told to stop.

usage: ip netns exec NS python3 tests/helpers/mcast_join.py --if IFNAME
           [--asm4 G]... [--include4 G=S1,S2]... [--exclude4 G=S1,...]...
           [--asm6 G]... [--include6 G=S1,S2]... [--exclude6 G=S1,...]...

Run it inside a namespace of the test's own, on an interface that is up (a veth end; IPv6
memberships need IPv6 enabled on it). Every membership gets its own socket, so the kernel's
per-socket filter is exactly the one described. Kinds and their defaults:

  --asm4      any-source (EXCLUDE {}) join           239.1.1.1
  --include4  source-specific, INCLUDE {S...}        239.2.2.2=192.0.2.10,192.0.2.11
  --exclude4  any-source join, then block S...       239.3.3.3=192.0.2.12
  --asm6      any-source (EXCLUDE {}) join           ff05::1:1
  --include6  source-specific, INCLUDE {S...}        ff3e::2:2=2001:db8::10,2001:db8::11
  --exclude6  any-source join, then block S...       ff05::3:3=2001:db8::12

Each option may be repeated; giving a kind at least once replaces that kind's default. The value
"none" (e.g. `--asm6 none`) drops the kind; `--no-inet` / `--no-inet6` drop a whole family.

The calls used are the protocol-independent RFC 3678 socket options (Linux numbers, since
Python's socket module lacks them): MCAST_JOIN_GROUP (42) for any-source joins,
MCAST_JOIN_SOURCE_GROUP (46) once per source for INCLUDE, MCAST_BLOCK_SOURCE (43) once per source
after MCAST_JOIN_GROUP for EXCLUDE; at level IPPROTO_IP (v4) or IPPROTO_IPV6 (v6).

On success it prints ONE line of JSON on stdout and flushes:
  {"pid": N, "interface": "mc0", "ifindex": 3,
   "memberships": [{"family": "inet"|"inet6", "group": "239.1.1.1", "interface": "mc0",
                    "ifindex": 3, "kind": "asm"|"include"|"exclude",
                    "mode": "include"|"exclude", "sources": ["192.0.2.10", ...]}, ...]}
("mode" is the socket filter mode: asm and exclude joins are EXCLUDE mode, asm with no sources.)
It then holds every socket until stdin reaches end of file or it gets SIGTERM (or SIGINT unless
that started ignored), and exits 0. On a setup error it writes one line to stderr, prints nothing
on stdout and exits 1.
"""

import argparse
import ipaddress
import json
import os
import select
import signal
import socket
import struct
import sys

MCAST_JOIN_GROUP = 42
MCAST_BLOCK_SOURCE = 43
MCAST_JOIN_SOURCE_GROUP = 46

DEFAULTS = {
    "asm4": ["239.1.1.1"],
    "include4": ["239.2.2.2=192.0.2.10,192.0.2.11"],
    "exclude4": ["239.3.3.3=192.0.2.12"],
    "asm6": ["ff05::1:1"],
    "include6": ["ff3e::2:2=2001:db8::10,2001:db8::11"],
    "exclude6": ["ff05::3:3=2001:db8::12"],
}


def sockaddr_storage(addr):
    """struct sockaddr_storage (128 bytes) holding a sockaddr_in or sockaddr_in6, port 0."""
    ip = ipaddress.ip_address(addr)
    if ip.version == 4:
        raw = struct.pack("=HH4s", socket.AF_INET, 0, ip.packed)
    else:
        raw = struct.pack("=HHI16sI", socket.AF_INET6, 0, 0, ip.packed, 0)
    return raw.ljust(128, b"\0")


def group_req(ifindex, group):
    # struct group_req { uint32_t gr_interface; /* pad to 8 */ sockaddr_storage gr_group; }
    return struct.pack("=I4x", ifindex) + sockaddr_storage(group)


def group_source_req(ifindex, group, source):
    # struct group_source_req { uint32_t gsr_interface; /* pad */ sockaddr_storage gsr_group,
    #                           gsr_source; }
    return struct.pack("=I4x", ifindex) + sockaddr_storage(group) + sockaddr_storage(source)


def parse_spec(spec, version, need_sources):
    group, _, srcs = spec.partition("=")
    g = ipaddress.ip_address(group.strip())
    if g.version != version or not g.is_multicast:
        raise ValueError(f"{group!r} is not an IPv{version} multicast group")
    sources = []
    for s in filter(None, (x.strip() for x in srcs.split(","))):
        a = ipaddress.ip_address(s)
        if a.version != version:
            raise ValueError(f"{s!r} is not an IPv{version} address")
        sources.append(str(a))
    if need_sources and not sources:
        raise ValueError(f"{spec!r}: this kind needs GROUP=SOURCE[,SOURCE...]")
    if not need_sources and sources:
        raise ValueError(f"{spec!r}: an any-source join takes no sources")
    return str(g), sources


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--if", dest="ifname", required=True, help="interface to join on")
    for kind in DEFAULTS:
        ap.add_argument("--" + kind, action="append", metavar="SPEC")
    ap.add_argument("--no-inet", action="store_true", help="no IPv4 memberships")
    ap.add_argument("--no-inet6", action="store_true", help="no IPv6 memberships")
    args = ap.parse_args()

    socks = []
    memberships = []
    try:
        ifindex = socket.if_nametoindex(args.ifname)
        for kind, default in DEFAULTS.items():
            version = 4 if kind.endswith("4") else 6
            if (version == 4 and args.no_inet) or (version == 6 and args.no_inet6):
                continue
            specs = getattr(args, kind) or default
            base = kind[:-1]
            for spec in specs:
                if spec == "none":
                    continue
                group, sources = parse_spec(spec, version, base != "asm")
                fam = socket.AF_INET if version == 4 else socket.AF_INET6
                level = socket.IPPROTO_IP if version == 4 else socket.IPPROTO_IPV6
                s = socket.socket(fam, socket.SOCK_DGRAM)
                socks.append(s)
                where = f"{kind} {spec} on {args.ifname}"
                try:
                    if base == "include":
                        for src in sources:
                            s.setsockopt(level, MCAST_JOIN_SOURCE_GROUP,
                                         group_source_req(ifindex, group, src))
                    else:
                        s.setsockopt(level, MCAST_JOIN_GROUP, group_req(ifindex, group))
                        for src in sources:
                            s.setsockopt(level, MCAST_BLOCK_SOURCE,
                                         group_source_req(ifindex, group, src))
                except OSError as e:
                    raise OSError(e.errno, f"{where}: {e.strerror}") from None
                memberships.append({
                    "family": "inet" if version == 4 else "inet6",
                    "group": group,
                    "interface": args.ifname,
                    "ifindex": ifindex,
                    "kind": base,
                    "mode": "include" if base == "include" else "exclude",
                    "sources": sources,
                })
    except (OSError, ValueError) as e:
        print(f"mcast_join: {e}", file=sys.stderr)
        return 1

    stop_r, stop_w = os.pipe()

    def on_signal(_signo, _frame):
        os.write(stop_w, b"x")

    signal.signal(signal.SIGTERM, on_signal)
    if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
        signal.signal(signal.SIGINT, on_signal)

    print(json.dumps({"pid": os.getpid(), "interface": args.ifname, "ifindex": ifindex,
                      "memberships": memberships}), flush=True)

    stdin_fd = sys.stdin.fileno()
    while True:
        try:
            ready, _, _ = select.select([stdin_fd, stop_r], [], [])
        except InterruptedError:
            continue
        if stop_r in ready:
            break
        if stdin_fd in ready:
            try:
                data = os.read(stdin_fd, 4096)
            except OSError:
                break
            if not data:
                break
    for s in socks:
        s.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
