#!/usr/bin/env bash
# Run every fuzz target for SECONDS (default 300), JOBS at a time (default 2), from the seed
# corpus (fuzz/seed.py) and what earlier runs added; print per target the executions, the
# corpus size and any crash (libFuzzer leaves it in fuzz/artifacts/<target>/).
# usage: fuzz/campaign.sh [SECONDS] [JOBS]    (needs nightly and cargo-fuzz)
set -u
cd "$(dirname "$0")"
secs=${1:-300}
jobs=${2:-2}
logs=target/campaign
mkdir -p "$logs"
cargo +nightly fuzz build -O 2>&1 | tail -1
targets=$(cargo +nightly fuzz list)
run() {
    t=$1
    mkdir -p "corpus/$t"
    cargo +nightly fuzz run -O "$t" "corpus/$t" -- -max_total_time="$secs" -rss_limit_mb=2048 \
        -timeout=10 -print_final_stats=1 >"$logs/$t.log" 2>&1
    rc=$?
    execs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$logs/$t.log" | grep -o '[0-9]*$')
    crash=$(ls "artifacts/$t" 2>/dev/null | tr '\n' ' ')
    echo "$t: rc=$rc executions=${execs:-?} corpus=$(ls "corpus/$t" | wc -l) crashes=[${crash}]"
}
export -f run
export secs logs
printf '%s\n' $targets | xargs -P "$jobs" -I{} bash -c 'run {}'
