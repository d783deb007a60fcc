#!/usr/bin/env bash
# Ten thousand phones (issue #12): CLIENTS (default 10,000) streaming event-feed clients on one Khue server.
#  1. memory per idle feed client: the server's resident memory before and after the clients connect;
#  2. scoreboard requests/s with wrk while the clients stay connected, against nginx serving the very same
#     bytes as a static file in the same run (target: Khue >= 1.0x nginx): identity, gzip (nginx's gzip_static
#     with Khue's own gzip bytes) and If-None-Match (each server's own ETag: 304s);
#  3. the delay from a judgement's commit (by another process, as a judging worker would) to its arrival at
#     every client, p50/p99/max (target p99 <= 1 s).
# The server is scoreboard_bench's (api::Server, 2 threads) on a store of 500 teams and 20,000 judged
# submissions; the clients are feed_clients_bench (one Asio thread). Loopback only; nginx on a temporary port.
# Usage: contrib/bench/feed_clients.sh [BUILD_DIR]    env: KHUE_FEED_CLIENTS, KHUE_BENCH_SECONDS,
#        KHUE_FEED_JUDGEMENTS, KHUE_BENCH_CONNECTIONS (wrk connections), KHUE_BENCH_DB (a copy of the database
#        `scoreboard_bench load` made, instead of loading afresh)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
clients=${KHUE_FEED_CLIENTS:-10000}
duration=${KHUE_BENCH_SECONDS:-10}
judgements=${KHUE_FEED_JUDGEMENTS:-20}
connections=${KHUE_BENCH_CONNECTIONS:-64}
# The drivers run from a copy in a temporary folder: the languages file comes from the source tree.
export KHUE_LANGUAGES=${KHUE_LANGUAGES:-$root/judge/data/languages.yaml}

work=$(mktemp -d /dev/shm/khue-feed-bench.XXXXXX)
chmod 755 "$work"
server_pid="" watch_pid="" nginx_conf=""
cleanup() {
    if [[ -n "$nginx_conf" && -f "$work/nginx.pid" ]]; then
        nginx -p "$work" -c "$nginx_conf" -s stop 2>/dev/null || true
    fi
    for pid in $watch_pid $server_pid; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT

echo "== building the drivers (CMake targets scoreboard_bench, feed_clients_bench) in $build"
cmake --build "$build" --target scoreboard_bench feed_clients_bench >/dev/null
cp "$build/scoreboard_bench" "$build/feed_clients_bench" "$work/"

db="sqlite:$work/khue.db"
if [[ -n "${KHUE_BENCH_DB:-}" ]]; then
    echo "== copying $KHUE_BENCH_DB (a database scoreboard_bench load made)"
    cp "$KHUE_BENCH_DB" "$work/khue.db"
else
    echo "== loading 500 teams, 12 problems, 20,000 judged submissions"
    "$work/scoreboard_bench" load "$db" 2>/dev/null
fi

ulimit -n "$(ulimit -Hn)"
need=$(( clients + 256 ))
if (( $(ulimit -n) < need )); then
    echo "feed_clients: the descriptor limit $(ulimit -n) is below the $need this benchmark needs" >&2
    exit 1
fi

echo "== starting Khue"
mkfifo "$work/watch.in"
source "$root/contrib/bench/scoreboard_servers.sh"
start_khue_bench_server "$work" "$db"
port=${khue_url#http://127.0.0.1:}
port=${port%%/*}
rss() { awk '/^VmRSS/ {print $2}' "/proc/$server_pid/status"; }
sleep 1
rss_before=$(rss)

echo "== connecting $clients event-feed clients"
"$work/feed_clients_bench" watch "$db" "$port" "$clients" "$judgements" < "$work/watch.in" > "$work/watch.out" 2>&1 &
watch_pid=$!
exec {watch_in}>"$work/watch.in"
for _ in $(seq 1200); do
    grep -q "^connected" "$work/watch.out" 2>/dev/null && break
    sleep 0.1
done
cat "$work/watch.out"
sleep 2
rss_after=$(rss)
connected=$(awk '/^connected/ {print $2}' "$work/watch.out")
awk -v b="$rss_before" -v a="$rss_after" -v n="$connected" 'BEGIN {
    printf "RESULT server memory: %.1f MiB before, %.1f MiB with %d idle feed clients: %.1f KiB per client\n",
        b / 1024, a / 1024, n, (a - b) / (n > 0 ? n : 1) }'

echo "== nginx on a loopback port with the same bytes as a static file"
start_nginx_same_bytes "$work"
echo "== wrk -t2 -c$connections -d${duration}s, with the $connected feed clients connected to Khue"
wrk -t2 -c"$connections" -d2s "$khue_url" > /dev/null   # warm-up
# compare NAME [HEADER]: requests/s of Khue and of nginx, one after the other, with the same request header.
compare() {
    local name=$1 khue_header=${2:-} nginx_header=${3:-${2:-}}
    local khue_args=() nginx_args=()
    [[ -n "$khue_header" ]] && khue_args=(-H "$khue_header")
    [[ -n "$nginx_header" ]] && nginx_args=(-H "$nginx_header")
    khue_rps=$(wrk -t2 -c"$connections" -d"${duration}s" --latency "${khue_args[@]}" "$khue_url" |
        tee "$work/wrk-khue-$name.txt" | rps)
    nginx_rps=$(wrk -t2 -c"$connections" -d"${duration}s" --latency "${nginx_args[@]}" "$nginx_url" |
        tee "$work/wrk-nginx-$name.txt" | rps)
    grep -E "Latency|99%|Transfer" "$work/wrk-khue-$name.txt" | sed "s/^/khue  $name /"
    grep -E "Latency|99%|Transfer" "$work/wrk-nginx-$name.txt" | sed "s/^/nginx $name /"
    ratio=$(awk -v k="$khue_rps" -v n="$nginx_rps" 'BEGIN { printf "%.2f", k / n }')
    echo "RESULT scoreboard requests/s ($name) with $connected feed clients: khue $khue_rps, nginx $nginx_rps," \
        "khue/nginx = $ratio (target >= 1.0); $(uptime | sed 's/.*load/load/')"
}
compare identity
compare gzip "Accept-Encoding: gzip"
# A phone that holds the board: each server's own tag in If-None-Match, each answers 304.
khue_etag=$(curl -sfI "$khue_url" | tr -d '\r' | awk -F': ' 'tolower($1) == "etag" {print $2}')
nginx_etag=$(curl -sfI "$nginx_url" | tr -d '\r' | awk -F': ' 'tolower($1) == "etag" {print $2}')
[[ "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $khue_etag" "$khue_url")" == 304 ]]
[[ "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $nginx_etag" "$nginx_url")" == 304 ]]
compare not-modified "If-None-Match: $khue_etag" "If-None-Match: $nginx_etag"
nginx -p "$work" -c "$nginx_conf" -s stop
nginx_conf=""

echo "== $judgements judgements committed by another process, delivered to every client"
echo go >&"$watch_in"
wait "$watch_pid" || true
watch_pid=""
grep "^event feed" "$work/watch.out" | sed "s/^/RESULT /; s/\$/; $(uptime | sed 's/.*load/load/')/"
grep -iE "RLIMIT_NOFILE|max-connections" "$work/server.out" || true
