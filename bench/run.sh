#!/usr/bin/env bash
# Benchmarks of rnetstat against the Linux tools it replaces.
#
#   bench/run.sh              run every benchmark
#   bench/run.sh routes ...   run only the named ones (see BENCHMARKS below)
#
# Needs root (network namespaces). Everything happens inside network namespaces the script
# creates (named rnbench-<pid>-<name>) and deletes on exit, failure or interrupt, with the helper
# processes it starts in them; only the documentation / benchmarking ranges and 127.0.0.0/8 are
# used. Missing tools (hyperfine, net-tools, iproute2)
# are installed with apt-get.
#
# Environment:
#   CARGO_TARGET_DIR   honoured for the release build (default: the repo's target/)
#   RESULTS_DIR        where results-<name>.md/.json go (default: bench/)
#   WARMUP, RUNS       hyperfine --warmup / --runs (default 1 / 5)
#   BENCH_STRICT=1     exit 1 when a benchmark misses its target
#   routes:  ROUTES    IPv4 routes to install in the main table (default 1000000, max 1048560)
#            ROUTES_MD path of the markdown export (default $RESULTS_DIR/results-routes.md)
#   sockets: SOCKETS   established TCP sockets to hold in the namespace (default 100000; a quick
#                      check: SOCKETS=2000)
#            SOCKETS_MD path of the markdown export of the -an run (default
#                      $RESULTS_DIR/results-sockets.md; the -anv run goes to results-sockets-v.md)
#   stats:   STATS_RUNS hyperfine runs of the millisecond-long -s commands (default 500)
#   neighbors: NEIGHBORS permanent IPv4 neighbour entries to install (default 50000)
#   netns:   NETNS_COUNT namespaces (default 50), NETNS_SOCKETS established TCP sockets in each
#                      (default 1000); run twice: with the shared TCP hash table and with one
#                      per namespace (net.ipv4.tcp_child_ehash_entries=NETNS_EHASH, default
#                      4096, restored afterwards)
#
# A new benchmark is a function bench_<name> added to BENCHMARKS; it can use ns_new, veth_198_18,
# hyperfine_ns, peak_rss_table, runs_ok, stop_helpers and the variables BIN, BENCH_DIR,
# RESULTS_DIR; background processes it starts go into HELPERS (pids) so that they are stopped on
# exit.

set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/.." && pwd)
RESULTS_DIR=${RESULTS_DIR:-$BENCH_DIR}
WARMUP=${WARMUP:-1}
RUNS=${RUNS:-5}
PYTHON=${PYTHON:-python3}
BENCHMARKS=(routes sockets stats neighbors netns)

NAMESPACES=()
HELPERS=()
MISSED=0

log() { printf '\n== %s\n' "$*"; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# stop_helpers: SIGTERM the processes in HELPERS and wait for them (their sockets close with
# them; a namespace outlives its deletion while a process still holds a socket in it).
stop_helpers() {
    local pid
    for pid in "${HELPERS[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${HELPERS[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    HELPERS=()
}

cleanup() {
    local ns
    stop_helpers
    for ns in "${NAMESPACES[@]}"; do
        ip netns del "$ns" 2>/dev/null || true
    done
    [[ -n ${TMP:-} ]] && rm -rf "$TMP"
    [[ -n ${SAVED_EHASH:-} ]] && sysctl -qw net.ipv4.tcp_child_ehash_entries="$SAVED_EHASH"
    return 0
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- setup -------------------------------------------------------------------------------------

ensure_deps() {
    local -A pkg_of=([hyperfine]=hyperfine [netstat]=net-tools [ip]=iproute2 ["$PYTHON"]=python3)
    local missing=() cmd
    for cmd in "${!pkg_of[@]}"; do
        command -v "$cmd" >/dev/null || missing+=("${pkg_of[$cmd]}")
    done
    if ((${#missing[@]})); then
        log "installing ${missing[*]}"
        apt-get update
        DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
    fi
}

build() {
    log "cargo build --release"
    (cd "$REPO" && cargo build --release)
    local target
    target=$(cd "$REPO" && cargo metadata --format-version 1 --no-deps |
        "$PYTHON" -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
    BIN=$target/release/rnetstat
    [[ -x $BIN ]] || die "no binary at $BIN"
    echo "binary: $BIN"
}

# ns_new NAME: create namespace rnbench-<pid>-NAME with lo up; sets NS. Deleted on exit.
ns_new() {
    NS=rnbench-$$-$1
    ip netns add "$NS"
    NAMESPACES+=("$NS")
    ip -n "$NS" link set lo up
}

# veth_198_18 NAME: in NS, a veth pair NAME0/NAME1, both up, with 198.18.0.1/15 on NAME0
# (room for the routes and neighbour entries the benchmarks install).
veth_198_18() {
    ip -n "$NS" link add "${1}0" type veth peer name "${1}1"
    ip -n "$NS" link set "${1}0" up
    ip -n "$NS" link set "${1}1" up
    ip -n "$NS" addr add 198.18.0.1/15 dev "${1}0"
}

# label CMD: CMD with the path of the rnetstat binary shortened to "rnetstat".
label() { printf '%s' "${1/#"$BIN"/rnetstat}"; }

# hyperfine_ns NS MD JSON CMD... : one hyperfine run of the commands inside NS, stdout to
# /dev/null. hyperfine itself runs in the namespace, so `ip netns exec` adds nothing to the
# timings. Results are named by label, exported as markdown to MD and as JSON to JSON.
hyperfine_ns() {
    local ns=$1 md=$2 json=$3
    shift 3
    local args=() cmd
    for cmd in "$@"; do
        args+=(--command-name "$(label "$cmd")" "$cmd >/dev/null")
    done
    ip netns exec "$ns" hyperfine --warmup "$WARMUP" --runs "$RUNS" --style basic \
        --export-markdown "$md" --export-json "$json" "${args[@]}"
    echo
    echo "markdown: $md"
    cat "$md"
}

# peak_rss_table NS CMD... : peak RSS of each command (one run, stdout to /dev/null), as a
# table; also leaves "label<TAB>KiB" lines in $TMP/rss.
peak_rss_table() {
    local ns=$1 cmd kib
    shift
    : >"$TMP/rss"
    printf '%-22s %14s\n' command "peak RSS MiB"
    for cmd in "$@"; do
        # Word splitting of $cmd is intended: the commands are simple argument lists.
        # shellcheck disable=SC2086
        kib=$(ip netns exec "$ns" "$PYTHON" "$BENCH_DIR/maxrss.py" $cmd)
        kib=${kib%% *}
        printf '%s\t%s\n' "$(label "$cmd")" "$kib" >>"$TMP/rss"
        printf '%-22s %14.1f\n' "$(label "$cmd")" "$(awk -v k="$kib" 'BEGIN { print k / 1024 }')"
    done
}

# --- routes: rnetstat -rn on a big IPv4 main table ----------------------------------------------

bench_routes() {
    local routes=${ROUTES:-1000000}
    local md=${ROUTES_MD:-$RESULTS_DIR/results-routes.md}
    local json=${md%.md}.json
    local t count

    log "routes: namespace with $routes IPv4 routes in the main table"
    ns_new routes
    veth_198_18 vb
    echo "namespace: $NS"

    t=$(now)
    "$PYTHON" "$BENCH_DIR/gen_routes.py" "$routes" vb0 "$TMP/routes.batch"
    echo "batch file generated in $(elapsed "$t") s"
    t=$(now)
    ip -n "$NS" -batch "$TMP/routes.batch"
    echo "routes installed in $(elapsed "$t") s (ip -batch, $routes routes)"
    rm -f "$TMP/routes.batch"
    count=$(ip -n "$NS" -4 route show | wc -l)
    echo "namespace holds $count IPv4 routes in main (ip -4 route show | wc -l)"
    echo "rnetstat -rn prints $(ip netns exec "$NS" "$BIN" -rn | wc -l) lines;" \
        "netstat -rn prints $(ip netns exec "$NS" netstat -rn | wc -l) lines"

    log "routes: hyperfine (warmup $WARMUP, runs $RUNS)"
    hyperfine_ns "$NS" "$md" "$json" "$BIN -rn" "ip -4 route show" "netstat -rn"

    log "routes: peak RSS"
    peak_rss_table "$NS" "$BIN -rn" "ip -4 route show" "netstat -rn"

    log "routes: targets"
    "$PYTHON" - "$json" "$TMP/rss" "rnetstat -rn" "ip -4 route show" <<'EOF' || MISSED=1
import json, sys
path, rss_path, rn, ip = sys.argv[1:5]
res = {r["command"]: r for r in json.load(open(path))["results"]}
rss = dict(line.rstrip("\n").split("\t") for line in open(rss_path))
a, b = res[rn], res[ip]
ratio = a["mean"] / b["mean"]
# Propagated standard deviation of the ratio of two means (first order).
sd = ratio * ((a["stddev"] / a["mean"]) ** 2 + (b["stddev"] / b["mean"]) ** 2) ** 0.5
mib = int(rss[rn]) / 1024
ok_ratio, ok_rss = ratio <= 0.7, mib <= 16
print(f"wall time rnetstat -rn / ip -4 route show = {a['mean']:.4f} s / {b['mean']:.4f} s"
      f" = {ratio:.3f} ± {sd:.3f}  (target <= 0.7: {'met' if ok_ratio else 'MISSED'})")
print(f"peak RSS rnetstat -rn = {mib:.1f} MiB  (target <= 16 MiB: {'met' if ok_rss else 'MISSED'})")
sys.exit(0 if ok_ratio and ok_rss else 1)
EOF

    # The same table read back from a snapshot: -M streams the capture file as -rn streams
    # the netlink socket, so its memory stays as flat.
    log "routes: -M on the capture of this table"
    ip netns exec "$NS" "$BIN" --capture "$TMP/routes-snapshot" -rn >/dev/null
    echo "snapshot: $(du -sh "$TMP/routes-snapshot" | cut -f1)"
    peak_rss_table "$NS" "$BIN -M $TMP/routes-snapshot -rn" "$BIN -M $TMP/routes-snapshot -rn --json"
}

# runs_ok NS CMD : run CMD once inside NS (stdout to /dev/null); on failure say so with the first
# line of its stderr and return 1, so that a benchmark can leave it out and time the others.
runs_ok() {
    local ns=$1 cmd=$2 rc=0
    # Word splitting of $cmd is intended, as in peak_rss_table.
    # shellcheck disable=SC2086
    ip netns exec "$ns" $cmd >/dev/null 2>"$TMP/stderr" || rc=$?
    ((rc == 0)) && return 0
    echo "$(label "$cmd") failed (exit $rc): $(head -n 1 "$TMP/stderr")"
    return 1
}

# --- sockets: rnetstat -an / -anv -p tcp with about 100,000 established TCP sockets -------------

bench_sockets() {
    local sockets=${SOCKETS:-100000}
    local md=${SOCKETS_MD:-$RESULTS_DIR/results-sockets.md}
    local json=${md%.md}.json md_v=${md%.md}-v.md
    local json_v=${md_v%.md}.json
    local pairs per helpers hard i n left t fifo fd deadline cmd
    local run_an=() run_anv=() rss=()

    # Each connection is two established sockets of one helper process. A process is bound by
    # the fd limit (hard limit 20,000 on the reference machine), so the connections are spread
    # over several (at least 4, also for quick runs: -v has several processes to scan).
    pairs=$(((sockets + 1) / 2))
    ((pairs > 0)) || die "SOCKETS must be positive"
    hard=$(ulimit -Hn)
    [[ $hard == unlimited ]] && hard=1048576
    per=$(((hard - 64) / 2))
    ((per > 9000)) && per=9000
    helpers=$(((pairs + per - 1) / per))
    ((helpers < 4)) && helpers=$((pairs < 4 ? pairs : 4))
    per=$(((pairs + helpers - 1) / helpers))

    log "sockets: namespace with $((2 * pairs)) established TCP sockets ($pairs loopback" \
        "connections held by $helpers processes)"
    ns_new sockets
    # A wide ephemeral port range; the listeners sit below it (9001...). Each helper also has
    # its own listener port and source addresses, so no (source, destination) pair runs short.
    ip netns exec "$NS" sysctl -qw net.ipv4.ip_local_port_range="10000 65000"
    echo "namespace: $NS"

    # The helpers read stdin until EOF: a fifo whose only writer is this shell, so they also
    # end if the script dies without running its EXIT trap.
    fifo=$TMP/hold.in
    mkfifo "$fifo"
    exec {fd}<>"$fifo"
    t=$(now)
    left=$pairs
    for ((i = 1; i <= helpers; i++)); do
        n=$((left < per ? left : per))
        left=$((left - n))
        # Listener 127.0.0.1:(9000+i), client sources 127.i.x.y.
        ip netns exec "$NS" "$PYTHON" "$BENCH_DIR/hold_connections.py" "$n" $((9000 + i)) "$i" \
            <"$fifo" >"$TMP/hold.$i.out" 2>"$TMP/hold.$i.err" {fd}>&- &
        HELPERS+=($!)
    done
    deadline=$(($(date +%s) + 120))
    for ((i = 1; i <= helpers; i++)); do
        until grep -q '^ready' "$TMP/hold.$i.out"; do
            kill -0 "${HELPERS[i - 1]}" 2>/dev/null ||
                die "connection helper $i failed: $(cat "$TMP/hold.$i.err")"
            (($(date +%s) < deadline)) || die "connection helper $i not ready after 120 s"
            sleep 0.05
        done
    done
    echo "connections set up in $(elapsed "$t") s (each helper:" \
        "$(awk '{ printf "%s%s", sep, $4; sep = ", " }' "$TMP"/hold.*.out) s)"
    echo "namespace holds $(ip netns exec "$NS" ss -tanH state established | wc -l) established" \
        "TCP sockets (ss -tanH state established | wc -l)"

    # Until the socket display exists, rnetstat fails: it is left out, the peers are still timed.
    for cmd in "$BIN -an -p tcp" "$BIN -anv -p tcp"; do
        if runs_ok "$NS" "$cmd"; then
            if [[ $cmd == *-anv* ]]; then run_anv+=("$cmd"); else run_an+=("$cmd"); fi
            rss+=("$cmd")
        else
            echo "rnetstat failed: timing the other commands only"
        fi
    done
    run_an+=("ss -tan" "netstat -tan")
    run_anv+=("ss -tanp" "netstat -tanp")
    rss+=("ss -tan" "ss -tanp" "netstat -tan" "netstat -tanp")
    for cmd in "${run_an[@]}" "${run_anv[@]}"; do
        # shellcheck disable=SC2086
        echo "$(label "$cmd") prints $(ip netns exec "$NS" $cmd 2>/dev/null | wc -l) lines"
    done

    log "sockets: hyperfine, without processes (warmup $WARMUP, runs $RUNS)"
    hyperfine_ns "$NS" "$md" "$json" "${run_an[@]}"
    log "sockets: hyperfine, with processes (warmup $WARMUP, runs $RUNS)"
    hyperfine_ns "$NS" "$md_v" "$json_v" "${run_anv[@]}"

    log "sockets: peak RSS"
    peak_rss_table "$NS" "${rss[@]}"

    log "sockets: targets"
    "$PYTHON" - "$json" "$json_v" "$TMP/rss" <<'PY' || MISSED=1
import json, sys
path, path_v, rss_path = sys.argv[1:4]
res = {}
for p in (path, path_v):
    res.update({r["command"]: r for r in json.load(open(p))["results"]})
rss = dict(line.rstrip("\n").split("\t") for line in open(rss_path))
ok = True
for rn, peer, target in (("rnetstat -an -p tcp", "ss -tan", 0.7),
                         ("rnetstat -anv -p tcp", "ss -tanp", 0.3)):
    b = res[peer]
    if rn not in res:
        print(f"wall time {rn} / {peer}: no figure, rnetstat failed ({peer}: {b['mean']:.4f} s)"
              f"  (target <= {target}: MISSED)")
        ok = False
        continue
    a = res[rn]
    ratio = a["mean"] / b["mean"]
    # Propagated standard deviation of the ratio of two means (first order).
    sd = ratio * ((a["stddev"] / a["mean"]) ** 2 + (b["stddev"] / b["mean"]) ** 2) ** 0.5
    met = ratio <= target
    ok = ok and met
    print(f"wall time {rn} / {peer} = {a['mean']:.4f} s / {b['mean']:.4f} s"
          f" = {ratio:.3f} ± {sd:.3f}  (target <= {target}: {'met' if met else 'MISSED'})")
for name, kib in rss.items():
    if name.startswith("rnetstat"):
        print(f"peak RSS {name} = {int(kib) / 1024:.1f} MiB")
sys.exit(0 if ok else 1)
PY

    log "sockets: teardown"
    t=$(now)
    exec {fd}>&-
    stop_helpers
    ip netns del "$NS"
    echo "helpers stopped and namespace deleted in $(elapsed "$t") s"
}

# hyperfine_direct NS MD JSON RUNS CMD... : as hyperfine_ns, for commands of a few milliseconds:
# without a shell (-N), output discarded by hyperfine, RUNS runs after 20 warmups.
hyperfine_direct() {
    local ns=$1 md=$2 json=$3 runs=$4
    shift 4
    local args=() cmd
    for cmd in "$@"; do
        args+=(--command-name "$(label "$cmd")" "$cmd")
    done
    ip netns exec "$ns" hyperfine -N --output=null --warmup 20 --runs "$runs" --style basic \
        --export-markdown "$md" --export-json "$json" "${args[@]}"
    echo
    echo "markdown: $md"
    cat "$md"
}

# ratio_target JSON RNETSTAT_LABEL TARGET PEER_LABEL... : the mean time of rnetstat over the
# fastest of the peers, against TARGET; returns 1 when it is missed.
ratio_target() {
    "$PYTHON" - "$@" <<'PY'
import json, sys
path, rn, target, *peers = sys.argv[1:]
target = float(target)
res = {r["command"]: r for r in json.load(open(path))["results"]}
a = res[rn]
b = min((res[p] for p in peers), key=lambda r: r["mean"])
ratio = a["mean"] / b["mean"]
sd = ratio * ((a["stddev"] / a["mean"]) ** 2 + (b["stddev"] / b["mean"]) ** 2) ** 0.5
met = ratio <= target
print(f"wall time {rn} / {b['command']} (the fastest peer) = {a['mean'] * 1000:.2f} ms /"
      f" {b['mean'] * 1000:.2f} ms = {ratio:.3f} ± {sd:.3f}  (target <= {target}: {'met' if met else 'MISSED'})")
sys.exit(0 if met else 1)
PY
}

# --- stats: rnetstat -s against net-tools netstat -s and nstat -az ------------------------------

bench_stats() {
    local runs=${STATS_RUNS:-500}
    local md=$RESULTS_DIR/results-stats.md
    local json=${md%.md}.json

    log "stats: a fresh namespace (every counter of its own), $runs runs each"
    ns_new stats
    ip netns exec "$NS" ping -c 3 -i 0.01 127.0.0.1 >/dev/null 2>&1 || true
    echo "rnetstat -s prints $(ip netns exec "$NS" "$BIN" -s | wc -l) lines;" \
        "netstat -s $(ip netns exec "$NS" netstat -s | wc -l); nstat -az $(ip netns exec "$NS" nstat -az | wc -l)"
    hyperfine_direct "$NS" "$md" "$json" "$runs" "$BIN -s" "netstat -s" "nstat -az"
    log "stats: targets"
    ratio_target "$json" "rnetstat -s" 1.0 "netstat -s" "nstat -az" || MISSED=1
    peak_rss_table "$NS" "$BIN -s" "netstat -s" "nstat -az"
}

# --- neighbors: rnetstat -R on 50,000 permanent neighbour entries ------------------------------

bench_neighbors() {
    local count=${NEIGHBORS:-50000}
    local md=$RESULTS_DIR/results-neighbors.md
    local json=${md%.md}.json t

    log "neighbors: namespace with $count permanent IPv4 neighbours on a veth"
    ns_new neighbors
    veth_198_18 vn
    "$PYTHON" - "$count" >"$TMP/neigh.batch" <<'PY'
import sys
for i in range(int(sys.argv[1])):
    a = 2 + i
    print(f"neigh add 198.18.{a >> 8 & 255}.{a & 255} lladdr 02:00:{a >> 16 & 255:02x}:"
          f"{a >> 8 & 255:02x}:{a & 255:02x}:01 dev vn0 nud permanent")
PY
    t=$(now)
    ip -n "$NS" -batch "$TMP/neigh.batch"
    echo "neighbours installed in $(elapsed "$t") s;" \
        "ip neigh show lists $(ip -n "$NS" neigh show | wc -l)"
    # ip never looks up names; rnetstat -R does (one resolver call per address), so the like
    # for like figure is -Rn. -R is timed too, to show what the lookups cost.
    hyperfine_ns "$NS" "$md" "$json" "$BIN -Rn" "ip neigh show" "$BIN -R"
    log "neighbors: targets"
    ratio_target "$json" "rnetstat -Rn" 1.0 "ip neigh show" || MISSED=1
    peak_rss_table "$NS" "$BIN -Rn" "ip neigh show"
}

# --- netns: rnetstat -an -p tcp -j all over many namespaces ------------------------------------

bench_netns() {
    # Both ways a host can hold its namespaces' TCP sockets: one hash table shared by every
    # namespace (the default), where each namespace's dump walks every socket on the host; and
    # a table per namespace (net.ipv4.tcp_child_ehash_entries, Linux 6.1 and later), where it
    # walks its own.
    SAVED_EHASH=$(sysctl -n net.ipv4.tcp_child_ehash_entries 2>/dev/null) || SAVED_EHASH=
    netns_round shared 0
    if [[ -n $SAVED_EHASH ]]; then
        netns_round own "${NETNS_EHASH:-4096}"
        sysctl -qw net.ipv4.tcp_child_ehash_entries="$SAVED_EHASH"
    else
        echo "netns: this kernel has no net.ipv4.tcp_child_ehash_entries; the per-namespace round is left out"
    fi
}

# netns_round LABEL EHASH: the namespaces made with tcp_child_ehash_entries=EHASH (0: the
# shared table), their connections, the timing, the teardown.
netns_round() {
    local label=$1 ehash=$2 count=${NETNS_COUNT:-50} sockets=${NETNS_SOCKETS:-1000}
    local md=$RESULTS_DIR/results-netns-$1.md
    local json=${md%.md}.json fifo fd i t deadline names=() loop first=${#HELPERS[@]}

    sysctl -qw net.ipv4.tcp_child_ehash_entries="$ehash" 2>/dev/null || true
    log "netns ($label hash table): $count namespaces with $sockets established TCP sockets each"
    fifo=$TMP/netns-$label.in
    mkfifo "$fifo"
    exec {fd}<>"$fifo"
    t=$(now)
    for ((i = 1; i <= count; i++)); do
        ns_new "netns-$label$i"
        names+=("$NS")
        ip netns exec "$NS" "$PYTHON" "$BENCH_DIR/hold_connections.py" $(((sockets + 1) / 2)) 9001 1 \
            <"$fifo" >"$TMP/netns-$label.$i.out" 2>"$TMP/netns-$label.$i.err" {fd}>&- &
        HELPERS+=($!)
    done
    deadline=$(($(date +%s) + 300))
    for ((i = 1; i <= count; i++)); do
        until grep -q '^ready' "$TMP/netns-$label.$i.out"; do
            kill -0 "${HELPERS[first + i - 1]}" 2>/dev/null ||
                die "connection helper $i failed: $(cat "$TMP/netns-$label.$i.err")"
            (($(date +%s) < deadline)) || die "connection helper $i not ready after 300 s"
            sleep 0.05
        done
    done
    echo "namespaces and connections set up in $(elapsed "$t") s"
    printf '%s\n' "${names[@]}" >"$TMP/netns-$label.names"
    echo "rnetstat -an -p tcp -j all sees $(ip netns list | wc -l) named namespaces on the host" \
        "(the loop only ours) and prints $("$BIN" -an -p tcp -j all 2>/dev/null | wc -l) lines;" \
        "the loop prints $(for n in "${names[@]}"; do ip netns exec "$n" ss -tan; done | wc -l)"
    loop="for ns in \$(cat $TMP/netns-$label.names); do ip netns exec \$ns ss -tan; done"
    hyperfine --warmup "$WARMUP" --runs "$RUNS" --style basic \
        --export-markdown "$md" --export-json "$json" \
        --command-name "rnetstat -an -p tcp -j all" "$BIN -an -p tcp -j all >/dev/null" \
        --command-name "ip netns exec NS ss -tan (loop)" "$loop >/dev/null"
    echo
    echo "markdown: $md"
    cat "$md"
    log "netns ($label hash table): targets"
    ratio_target "$json" "rnetstat -an -p tcp -j all" 0.2 "ip netns exec NS ss -tan (loop)" || MISSED=1

    log "netns ($label hash table): teardown"
    exec {fd}>&-
    stop_helpers
    for i in "${names[@]}"; do
        ip netns del "$i" 2>/dev/null || true
    done
}

# --- main ---------------------------------------------------------------------------------------

main() {
    local selected=("$@") name
    ((${#selected[@]})) || selected=("${BENCHMARKS[@]}")
    [[ ${selected[0]} == all ]] && selected=("${BENCHMARKS[@]}")
    for name in "${selected[@]}"; do
        declare -F "bench_$name" >/dev/null || die "unknown benchmark '$name' (have: ${BENCHMARKS[*]})"
    done
    ((EUID == 0)) || die "needs root (network namespaces)"
    ensure_deps
    build
    mkdir -p "$RESULTS_DIR"
    TMP=$(mktemp -d /tmp/rnbench.XXXXXX)
    for name in "${selected[@]}"; do
        "bench_$name"
    done
    if ((MISSED)); then
        echo; echo "bench: at least one target missed"
        [[ ${BENCH_STRICT:-0} == 1 ]] && exit 1
    fi
    return 0
}

main "$@"
