#!/bin/bash
# A multicast-router topology in network namespaces, with Debian's smcrouted as the router.
#
# usage: tests/helpers/mroute_topology.sh up   PREFIX
#        tests/helpers/mroute_topology.sh send PREFIX [COUNT]
#        tests/helpers/mroute_topology.sh down PREFIX
#
# Needs root, iproute2, python3 and smcroute (>= 2.5; `apt-get install -y smcroute`).
# PREFIX makes every name unique, so tests can run side by side (keep it short: [A-Za-z0-9_-]).
#
#   ${PREFIX}snd  eth0 192.0.2.2/24     2001:db8::2/64  ---  mc0 192.0.2.1/24     2001:db8::1/64
#   ${PREFIX}rx1  eth0 198.51.100.2/24  2001:db8:1::2/64 --- mc1 198.51.100.1/24  2001:db8:1::1/64
#   ${PREFIX}rx2  eth0 203.0.113.2/24   2001:db8:2::2/64 --- mc2 203.0.113.1/24   2001:db8:2::1/64
#                                                        (mc0, mc1, mc2 are in ${PREFIX}rtr)
#
# The router namespace has IPv4/IPv6 forwarding on, rp_filter off, and runs
#   smcrouted -n -N -f STATE/smcroute.conf -u STATE/smcroute.sock -P STATE/smcrouted.pid
# (log in STATE/smcrouted.log; STATE is ${TMPDIR:-/tmp}/mroute-topology-PREFIX) with
#   phyint mc0 enable / phyint mc1 enable / phyint mc2 enable
#   mroute from mc0 source 192.0.2.2   group 239.1.2.3    to mc1 mc2
#   mroute from mc0 source 2001:db8::2 group ff3e::1:2:3  to mc1 mc2
#   mgroup from mc1 group 239.9.9.9
#   mgroup from mc2 group ff05::9:9
# The leaf namespaces have a route to the others via the router (default route), all
# addresses are added `nodad` so they are usable at once.
#
# `up` waits (about 10 s at most) until the kernel shows both (S,G) entries in
# /proc/net/ip_mr_cache and /proc/net/ip6_mr_cache of the router namespace, then prints ONE line
# of JSON on stdout describing the topology (namespaces, interfaces, addresses, routes, groups,
# smcrouted pid, state dir) and exits 0. On any failure it writes the reason (and the tail of the
# smcrouted log) to stderr, tears down what it built and exits 1.
#
# `send` sends COUNT (default 10) 64-byte UDP datagrams from the sender to each of the two (S,G)
# (through tests/helpers/mcast_send.py, TTL/hop limit 16) and prints the two JSON lines it prints.
#
# `down` stops the smcrouted it started (by its pid) and deletes the four namespaces; it is
# quiet and succeeds when there is nothing left to remove.

set -u

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

die() { echo "mroute_topology: $*" >&2; exit 1; }

[ $# -ge 2 ] || die "usage: $0 up|send|down PREFIX [COUNT]"
CMD=$1
P=$2
[[ "$P" =~ ^[A-Za-z0-9_-]+$ ]] || die "bad PREFIX '$P' (use [A-Za-z0-9_-])"

RTR=${P}rtr
SND=${P}snd
RX1=${P}rx1
RX2=${P}rx2
STATE=${TMPDIR:-/tmp}/mroute-topology-$P
CONF=$STATE/smcroute.conf
SOCK=$STATE/smcroute.sock
PIDF=$STATE/smcrouted.pid
LOG=$STATE/smcrouted.log

G4=239.1.2.3
S4=192.0.2.2
G6=ff3e::1:2:3
S6=2001:db8::2
MG4=239.9.9.9
MG6=ff05::9:9

ns_exists() { [ -e "/var/run/netns/$1" ]; }

down() {
    local pid
    # Only the daemon this script started: its pid as recorded at start.
    pid=$(cat "$STATE/started.pid" 2>/dev/null)
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
    fi
    for ns in "$SND" "$RX1" "$RX2" "$RTR"; do
        ns_exists "$ns" && ip netns del "$ns" 2>/dev/null
    done
    rm -rf "$STATE"
    return 0
}

fail_up() {
    echo "mroute_topology: $*" >&2
    if [ -s "$LOG" ]; then
        echo "mroute_topology: last lines of $LOG:" >&2
        tail -n 20 "$LOG" >&2
    fi
    down
    exit 1
}

run() { "$@" || fail_up "command failed: $*"; }

# The %08X of a __be32 as /proc/net/ip_mr_cache prints it (native byte order of the host).
hex_be32() {
    python3 -c 'import socket,sys; print("%08X" % int.from_bytes(socket.inet_aton(sys.argv[1]), sys.byteorder))' "$1"
}

# The %pI6 form /proc/net/ip6_mr_cache prints (eight 4-digit groups, colons).
full6() {
    python3 -c 'import ipaddress,sys; print(ipaddress.IPv6Address(sys.argv[1]).exploded)' "$1"
}

up() {
    command -v smcrouted >/dev/null || die "smcrouted not found (apt-get install -y smcroute)"
    for ns in "$RTR" "$SND" "$RX1" "$RX2"; do
        ns_exists "$ns" && die "namespace $ns already exists (run: $0 down $P)"
    done
    rm -rf "$STATE"
    mkdir -p "$STATE" || die "cannot create $STATE"

    for ns in "$RTR" "$SND" "$RX1" "$RX2"; do
        run ip netns add "$ns"
        run ip -n "$ns" link set lo up
    done

    # link i: router mc$i <-> leaf eth0
    local leaves=("$SND" "$RX1" "$RX2")
    local net4=(192.0.2 198.51.100 203.0.113)
    local net6=(2001:db8: 2001:db8:1: 2001:db8:2:)
    local i
    for i in 0 1 2; do
        local leaf=${leaves[$i]}
        run ip link add "mc$i" netns "$RTR" type veth peer name eth0 netns "$leaf"
        run ip -n "$RTR" addr add "${net4[$i]}.1/24" dev "mc$i"
        run ip -n "$RTR" addr add "${net6[$i]}:1/64" dev "mc$i" nodad
        run ip -n "$leaf" addr add "${net4[$i]}.2/24" dev eth0
        run ip -n "$leaf" addr add "${net6[$i]}:2/64" dev eth0 nodad
        run ip -n "$RTR" link set "mc$i" up
        run ip -n "$leaf" link set eth0 up
        run ip -n "$leaf" route add default via "${net4[$i]}.1"
        run ip -n "$leaf" -6 route add default via "${net6[$i]}:1"
    done

    local s
    for s in net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 \
             net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0 \
             net.ipv4.conf.mc0.rp_filter=0 net.ipv4.conf.mc1.rp_filter=0 \
             net.ipv4.conf.mc2.rp_filter=0; do
        run ip netns exec "$RTR" sysctl -q -w "$s"
    done
    # mc_forwarding (ipv4 per interface, ipv6 all/per interface) is read-only: the kernel sets
    # it when smcrouted opens the multicast routing socket and adds the VIFs/MIFs.

    cat > "$CONF" <<EOF
# written by tests/helpers/mroute_topology.sh for prefix $P
phyint mc0 enable
phyint mc1 enable
phyint mc2 enable
mroute from mc0 source $S4 group $G4 to mc1 mc2
mroute from mc0 source $S6 group $G6 to mc1 mc2
mgroup from mc1 group $MG4
mgroup from mc2 group $MG6
EOF

    # In the background of a non-interactive shell it ignores SIGINT (no job control); stdin
    # from /dev/null and output to the log, so a test's pipes are not held open by it.
    # `ip netns exec` execs smcrouted, so $! is the daemon's pid.
    ip netns exec "$RTR" smcrouted -n -N -f "$CONF" -u "$SOCK" -P "$PIDF" \
        </dev/null >"$LOG" 2>&1 &
    local pid=$!
    echo "$pid" > "$STATE/started.pid"

    local want4 want6
    want4="$(hex_be32 "$G4") $(hex_be32 "$S4")"
    want6="$(full6 "$G6") $(full6 "$S6")"
    local ok=0 n
    for n in $(seq 100); do
        kill -0 "$pid" 2>/dev/null || fail_up "smcrouted exited early (pid $pid)"
        if ip netns exec "$RTR" grep -q "^$want4 " /proc/net/ip_mr_cache 2>/dev/null &&
           ip netns exec "$RTR" grep -q "^$want6 " /proc/net/ip6_mr_cache 2>/dev/null; then
            ok=1
            break
        fi
        sleep 0.1
    done
    [ $ok = 1 ] || fail_up "smcrouted did not install ($S4,$G4) in /proc/net/ip_mr_cache and ($S6,$G6) in /proc/net/ip6_mr_cache of $RTR within 10 s"

    # The daemon's own pid (same as $pid: ip netns exec execs it), for the JSON.
    local dpid=$pid
    [ -s "$PIDF" ] && dpid=$(cat "$PIDF")

    cat <<EOF
{"prefix":"$P","state_dir":"$STATE","smcrouted_pid":$dpid,"conf":"$CONF","socket":"$SOCK","log":"$LOG","namespaces":{"router":"$RTR","sender":"$SND","receiver1":"$RX1","receiver2":"$RX2"},"links":[{"router_if":"mc0","peer_ns":"$SND","peer_if":"eth0","router_addr4":"192.0.2.1","peer_addr4":"192.0.2.2","prefix4":"192.0.2.0/24","router_addr6":"2001:db8::1","peer_addr6":"2001:db8::2","prefix6":"2001:db8::/64"},{"router_if":"mc1","peer_ns":"$RX1","peer_if":"eth0","router_addr4":"198.51.100.1","peer_addr4":"198.51.100.2","prefix4":"198.51.100.0/24","router_addr6":"2001:db8:1::1","peer_addr6":"2001:db8:1::2","prefix6":"2001:db8:1::/64"},{"router_if":"mc2","peer_ns":"$RX2","peer_if":"eth0","router_addr4":"203.0.113.1","peer_addr4":"203.0.113.2","prefix4":"203.0.113.0/24","router_addr6":"2001:db8:2::1","peer_addr6":"2001:db8:2::2","prefix6":"2001:db8:2::/64"}],"routes":[{"family":"inet","source":"$S4","group":"$G4","iif":"mc0","oifs":["mc1","mc2"]},{"family":"inet6","source":"$S6","group":"$G6","iif":"mc0","oifs":["mc1","mc2"]}],"mgroups":[{"family":"inet","group":"$MG4","interface":"mc1"},{"family":"inet6","group":"$MG6","interface":"mc2"}]}
EOF
}

send() {
    local count=${1:-10}
    ns_exists "$SND" || die "namespace $SND does not exist (run: $0 up $P)"
    ip netns exec "$SND" python3 "$HERE/mcast_send.py" --group "$G4" --source "$S4" \
        --if eth0 --count "$count" --ttl 16 || die "IPv4 send failed"
    ip netns exec "$SND" python3 "$HERE/mcast_send.py" --group "$G6" --source "$S6" \
        --if eth0 --count "$count" --ttl 16 || die "IPv6 send failed"
}

case "$CMD" in
    up) up ;;
    send) send "${3:-10}" ;;
    down) down ;;
    *) die "unknown command '$CMD' (up|send|down)" ;;
esac
