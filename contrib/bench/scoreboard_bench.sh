#!/usr/bin/env bash
# Scoreboard benchmark (issue #5): 500 teams, 12 problems, 20,000 judged submissions in a store;
#  1. scoreboard requests/s with wrk against Khue's server and, in the same run, against nginx serving the very
#     same response bytes as a static file (target: Khue >= half of nginx);
#  2. the delay from a judgement's commit to its arrival at 2,000 connected event-feed clients (p50/p99).
# Loopback only. Needs root for nginx (run on a temporary port with a temporary config, stopped afterwards).
# Usage: contrib/bench/scoreboard_bench.sh [BUILD_DIR]   (default: build/, a configured build folder; the driver
# is the CMake target scoreboard_bench, built here on request and never part of the test suite)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
duration=${KHUE_BENCH_SECONDS:-10}
connections=${KHUE_BENCH_CONNECTIONS:-64}
feed_clients=${KHUE_BENCH_FEED_CLIENTS:-2000}
feed_judgements=${KHUE_BENCH_FEED_JUDGEMENTS:-20}

# tmpfs: the benchmark measures serving, not the disk's fsync.
work=$(mktemp -d /dev/shm/khue-bench.XXXXXX)
chmod 755 "$work"
server_pid=""
nginx_conf=""
cleanup() {
    if [[ -n "$nginx_conf" && -f "$work/nginx.pid" ]]; then
        nginx -p "$work" -c "$nginx_conf" -s stop 2>/dev/null || true
    fi
    if [[ -n "$server_pid" ]]; then
        exec {server_in}>&- 2>/dev/null || true
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

echo "== building the driver (CMake target scoreboard_bench) in $build"
cmake --build "$build" --target scoreboard_bench >/dev/null
cp "$build/scoreboard_bench" "$work/scoreboard_bench"

echo "== loading 500 teams, 12 problems, 20,000 judged submissions"
db="sqlite:$work/khue.db"
start=$(date +%s)
"$work/scoreboard_bench" load "$db"
echo "loaded in $(( $(date +%s) - start )) s"

echo "== starting Khue"
ulimit -n 65536 2>/dev/null || true
source "$root/contrib/bench/scoreboard_servers.sh"
start_khue_bench_server "$work" "$db"
bytes=$(stat -c %s "$work/www/api/contests/bench/scoreboard")
rows=$(grep -o '"rank"' "$work/www/api/contests/bench/scoreboard" | wc -l)
echo "scoreboard: $bytes bytes, $rows rows"

echo "== starting nginx on a loopback port with the same bytes as a static file"
start_nginx_same_bytes "$work"
echo "== wrk -t2 -c$connections -d${duration}s"
wrk -t2 -c"$connections" -d2s "$khue_url" > /dev/null   # warm-up
khue_rps=$(wrk -t2 -c"$connections" -d"${duration}s" "$khue_url" | tee "$work/wrk-khue.txt" | rps)
nginx_rps=$(wrk -t2 -c"$connections" -d"${duration}s" "$nginx_url" | tee "$work/wrk-nginx.txt" | rps)
grep -E "Latency|Transfer" "$work/wrk-khue.txt" | sed 's/^/khue  /'
grep -E "Latency|Transfer" "$work/wrk-nginx.txt" | sed 's/^/nginx /'
ratio=$(awk -v k="$khue_rps" -v n="$nginx_rps" 'BEGIN { printf "%.2f", k / n }')
echo "RESULT scoreboard requests/s: khue $khue_rps, nginx $nginx_rps (static file), khue/nginx = $ratio (target >= 0.5)"

nginx -p "$work" -c "$nginx_conf" -s stop
nginx_conf=""
exec {server_in}>&-
wait "$server_pid" || true
server_pid=""

echo "== event feed: $feed_clients clients, $feed_judgements judgements"
"$work/scoreboard_bench" feed "$db" "$feed_clients" "$feed_judgements" | sed 's/^/RESULT /'
