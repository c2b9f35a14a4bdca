#!/usr/bin/env python3
"""Send N UDP datagrams to a multicast group:port out of one interface, then exit.

usage: ip netns exec NS python3 tests/helpers/mcast_send.py --group G [--port P] [--count N]
           [--if IFNAME] [--source ADDR] [--ttl T] [--size BYTES] [--interval SECONDS]

  --group     IPv4 or IPv6 multicast group (the family follows from it)      required
  --port      UDP destination port                                          5001
  --count     datagrams to send                                             10
  --if        outgoing interface (IP_MULTICAST_IF by ifindex / IPV6_MULTICAST_IF)
  --source    local address to bind to (the S of the (S,G) a router sees); must be configured
              on the host (for IPv6: not tentative, so add it with `nodad` or wait for DAD)
  --ttl       IPv4 TTL / IPv6 hop limit; must be > 1 for a router to forward  16
  --size      UDP payload bytes                                             64
  --interval  seconds between datagrams                                     0.01

Multicast loopback is off, so the sender's own host does not receive copies. On success it
prints ONE line of JSON on stdout: {"sent": N, "bytes": N*size, "group", "port", "source",
"interface", "ttl"} and exits 0; on an error it writes one line to stderr and exits 1 (after
printing how many it sent, if any were).
"""

import argparse
import ipaddress
import json
import socket
import struct
import sys
import time


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--group", required=True)
    ap.add_argument("--port", type=int, default=5001)
    ap.add_argument("--count", type=int, default=10)
    ap.add_argument("--if", dest="ifname")
    ap.add_argument("--source")
    ap.add_argument("--ttl", type=int, default=16)
    ap.add_argument("--size", type=int, default=64)
    ap.add_argument("--interval", type=float, default=0.01)
    args = ap.parse_args()

    sent = 0
    try:
        group = ipaddress.ip_address(args.group)
        if not group.is_multicast:
            raise ValueError(f"{args.group} is not a multicast group")
        ifindex = socket.if_nametoindex(args.ifname) if args.ifname else 0
        if group.version == 4:
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL, args.ttl)
            s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_LOOP, 0)
            if ifindex:
                # struct ip_mreqn { in_addr multiaddr; in_addr address; int ifindex; }
                s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF,
                             struct.pack("=4s4si", b"\0" * 4, b"\0" * 4, ifindex))
            if args.source:
                s.bind((args.source, 0))
            dest = (str(group), args.port)
        else:
            s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
            s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_HOPS, args.ttl)
            s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_LOOP, 0)
            if ifindex:
                s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_IF, ifindex)
            if args.source:
                s.bind((args.source, 0, 0, 0))
            dest = (str(group), args.port, 0, ifindex)
        payload = bytes(args.size)
        for i in range(args.count):
            if i and args.interval > 0:
                time.sleep(args.interval)
            s.sendto(payload, dest)
            sent += 1
    except (OSError, ValueError) as e:
        if sent:
            print(json.dumps({"sent": sent, "bytes": sent * args.size}), flush=True)
        print(f"mcast_send: {e}", file=sys.stderr)
        return 1
    print(json.dumps({"sent": sent, "bytes": sent * args.size, "group": str(group),
                      "port": args.port, "source": args.source, "interface": args.ifname,
                      "ttl": args.ttl}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
