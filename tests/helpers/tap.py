#!/usr/bin/env python3
"""A packet tap for the -B tests, held open until stdin closes or SIGTERM.

usage: ip netns exec NS python3 tests/helpers/tap.py --ifname IF [--small-rcvbuf] [--ring-tap]

Opens an AF_PACKET SOCK_RAW socket, attaches a classic BPF filter of FOUR instructions that
accepts IPv4 ICMP frames and nothing else (ldb [23]; jeq #1; ret #262144; ret #0), then binds it
to interface IF for EtherType 0x0800 (ETH_P_IP). The filter is attached before the bind, so no
frame reaches the socket unfiltered. With --small-rcvbuf, SO_RCVBUF is set to 0, which the
kernel raises to its minimum (a few KiB): one large frame then fills the receive buffer and every
later frame is dropped and counted. The socket is never read.

With --ring-tap, a second socket: AF_PACKET SOCK_DGRAM for every EtherType (ETH_P_ALL) on every
interface (unbound), with a TPACKET_V3 receive ring of 4 blocks of 4096 bytes (8 frames of 2048)
and in fanout group 42 of mode lb (PACKET_FANOUT_LB); no filter.

It prints ONE line of JSON, {"pid", "inode", "ifindex", "protocol", "filter_len", "ring_inode"
(null without --ring-tap)}, flushes, and
waits until its stdin reaches end of file or it gets SIGTERM; it then exits 0. On a setup error
it writes one line to stderr and exits 1.
"""

import argparse
import ctypes
import json
import os
import signal
import socket
import struct
import sys

ETH_P_IP = 0x0800
SOL_SOCKET = 1
SO_ATTACH_FILTER = 26
ETH_P_ALL = 0x0003
SOL_PACKET = 263
PACKET_RX_RING = 5
PACKET_VERSION = 10
PACKET_FANOUT = 18
TPACKET_V3 = 2
PACKET_FANOUT_LB = 1

# struct sock_filter {u16 code; u8 jt; u8 jf; u32 k}
PROGRAM = [
    (0x30, 0, 0, 23),  # BPF_LD|BPF_B|BPF_ABS: IP protocol (14-byte Ethernet header + 9)
    (0x15, 0, 1, 1),  # BPF_JMP|BPF_JEQ|BPF_K: ICMP?
    (0x06, 0, 0, 262144),  # BPF_RET|BPF_K: take the frame
    (0x06, 0, 0, 0),  # BPF_RET|BPF_K: drop it
]


def attach_filter(sock):
    code = b"".join(struct.pack("HBBI", *insn) for insn in PROGRAM)
    buf = ctypes.create_string_buffer(code, len(code))
    # struct sock_fprog {unsigned short len; struct sock_filter *filter;}
    fprog = struct.pack("HL", len(PROGRAM), ctypes.addressof(buf))
    sock.setsockopt(SOL_SOCKET, SO_ATTACH_FILTER, fprog)
    return buf


def ring_tap():
    s = socket.socket(socket.AF_PACKET, socket.SOCK_DGRAM, socket.htons(ETH_P_ALL))
    s.setsockopt(SOL_PACKET, PACKET_VERSION, TPACKET_V3)
    # struct tpacket_req3: block size, blocks, frame size, frames, retire timeout (ms),
    # private size, features.
    s.setsockopt(SOL_PACKET, PACKET_RX_RING, struct.pack("7I", 4096, 4, 2048, 8, 100, 0, 0))
    s.setsockopt(SOL_PACKET, PACKET_FANOUT, 42 | (PACKET_FANOUT_LB << 16))
    return s


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--ifname", required=True)
    p.add_argument("--small-rcvbuf", action="store_true")
    p.add_argument("--ring-tap", action="store_true")
    args = p.parse_args()
    try:
        # Protocol 0: not hooked into the receive path until bound with a protocol.
        s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, 0)
        keep = attach_filter(s)
        if args.small_rcvbuf:
            s.setsockopt(SOL_SOCKET, socket.SO_RCVBUF, 0)
        s.bind((args.ifname, ETH_P_IP))
        ring = ring_tap() if args.ring_tap else None
    except OSError as e:
        print(f"tap.py: {e}", file=sys.stderr)
        sys.exit(1)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(
        json.dumps(
            {
                "pid": os.getpid(),
                "inode": os.fstat(s.fileno()).st_ino,
                "ifindex": socket.if_nametoindex(args.ifname),
                "protocol": ETH_P_IP,
                "filter_len": len(PROGRAM),
                "ring_inode": os.fstat(ring.fileno()).st_ino if ring else None,
            }
        ),
        flush=True,
    )
    sys.stdin.read()
    del keep
    s.close()


if __name__ == "__main__":
    main()
