#!/usr/bin/env python3
"""Write an `ip -batch` file that adds COUNT distinct IPv4 routes inside 198.18.0.0/15.

The only range this benchmark may use is 198.18.0.0/15 (RFC 2544 benchmarking space), so the
distinct routes are: every prefix of length 17..32 inside it (2**18 - 4 = 262,140 prefixes),
each with metric 1..4, i.e. at most 1,048,560 routes. With fewer than that, a fixed
pseudo-random sample is taken, so any count still mixes all prefix lengths and metrics.

usage: gen_routes.py COUNT DEV OUTFILE
"""

import ipaddress
import random
import sys

BASE = int(ipaddress.IPv4Address("198.18.0.0"))
BASE_LEN = 15
LENGTHS = range(BASE_LEN + 2, 33)  # 17..32
METRICS = 4


def main() -> int:
    if len(sys.argv) != 4:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    count, dev, outfile = int(sys.argv[1]), sys.argv[2], sys.argv[3]

    # Prefix k (0-based, ordered by length then address) <-> (length, network).
    starts = []  # first prefix index of each length
    total_prefixes = 0
    for plen in LENGTHS:
        starts.append(total_prefixes)
        total_prefixes += 1 << (plen - BASE_LEN)
    total = total_prefixes * METRICS
    if not 0 < count <= total:
        print(f"gen_routes.py: COUNT must be 1..{total}, not {count}", file=sys.stderr)
        return 2

    chosen = range(total) if count == total else sorted(random.Random(20150).sample(range(total), count))

    lines = []
    append = lines.append
    li = 0  # index into LENGTHS, advanced as the sorted indices grow
    for idx in chosen:
        prefix, metric = divmod(idx, METRICS)
        while li + 1 < len(starts) and prefix >= starts[li + 1]:
            li += 1
        plen = LENGTHS[li]
        net = BASE + ((prefix - starts[li]) << (32 - plen))
        append(
            f"route add {net >> 24}.{(net >> 16) & 255}.{(net >> 8) & 255}.{net & 255}/{plen}"
            f" dev {dev} metric {metric + 1}\n"
        )
    with open(outfile, "w") as f:
        f.writelines(lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
