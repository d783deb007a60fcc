#!/usr/bin/env bash
# Contest replay benchmark (issue #12, "a queue that keeps up"): a real `khue serve` (SQLite, embedded
# workers, the real sandbox) on loopback, a contest of TEAMS teams on problems/hello (A+B, seven languages),
# and contest_replay.mjs (Node, no packages) as the clients:
#  1. idle: C++ A+B submissions one at a time on the idle server: submit -> verdict p50/p99 (target p50 <= 1 s);
#  2. loaded: VIEWERS public event-feed clients stay connected while SUBMISSIONS submissions (realistic
#     verdict and language mix, each source unique) arrive at contest times compressed into WINDOW seconds
#     (3,000 submissions of a 5-hour contest at 10x speed: 1,800 s); submit -> verdict p50/p99 overall and for
#     C++ A+B, judging throughput against the offered rate, API p99 (submissions and scoreboard).
# Never run by CTest (bench only). Needs root (khue-box), node, and a build with khue and khue-box.
# Usage: contrib/bench/contest_replay.sh [--quick] [BUILD_DIR]
#   --quick: 20 teams, 60 submissions in 40 s, 200 viewers, 5 idle submissions (a couple of minutes)
#   env: REPLAY_TEAMS, REPLAY_SUBMISSIONS, REPLAY_WINDOW, REPLAY_VIEWERS, REPLAY_IDLE, REPLAY_WORKERS
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
quick=0
if [[ ${1:-} == --quick ]]; then
    quick=1
    shift
fi
build=$(cd "${1:-$root/build}" && pwd)
if (( quick )); then
    teams=${REPLAY_TEAMS:-20} submissions=${REPLAY_SUBMISSIONS:-60} window=${REPLAY_WINDOW:-40}
    viewers=${REPLAY_VIEWERS:-200} idle=${REPLAY_IDLE:-5}
else
    teams=${REPLAY_TEAMS:-200} submissions=${REPLAY_SUBMISSIONS:-3000} window=${REPLAY_WINDOW:-1800}
    viewers=${REPLAY_VIEWERS:-2000} idle=${REPLAY_IDLE:-20}
fi
workers=${REPLAY_WORKERS:-$(nproc)}
for tool in node curl; do
    command -v "$tool" >/dev/null || { echo "contest_replay: $tool is missing" >&2; exit 1; }
done
for exe in khue khue-box; do
    [[ -x $build/$exe ]] || { echo "contest_replay: $build/$exe is missing (cmake --build $build --target $exe)" >&2; exit 1; }
done

work=$(mktemp -d /tmp/khue-replay.XXXXXX)
chmod 755 "$work"
server_pid=""
cleanup() {
    if [[ -n $server_pid ]]; then
        kill -TERM "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

# The contest package: problems/hello as problem A, TEAMS teams, an admin; started a minute ago.
pkg="$work/contest"
mkdir -p "$pkg"
cp -r "$root/problems/hello" "$pkg/hello"
start=$(date -u -d '-1 minute' +%Y-%m-%dT%H:%M:%S+00:00)
cat > "$pkg/contest.yaml" <<EOF
id: replay
name: Replay benchmark
start_time: $start
duration: 5:00:00
scoreboard_type: pass-fail
penalty_time: 20
EOF
cat > "$pkg/problems.yaml" <<EOF
- id: hello
  label: A
  name: A plus B
  ordinal: 0
EOF
{
    for i in $(seq "$teams"); do
        printf -- '- id: team%d\n  label: "%d"\n  name: Team %d\n' "$i" "$i" "$i"
    done
} > "$pkg/teams.yaml"
{
    printf -- '- id: admin\n  username: admin\n  password: replay-admin\n  type: admin\n'
} > "$pkg/accounts.yaml"

echo "== khue serve: $teams teams, $workers worker slot(s), SQLite in $work/data"
ulimit -n "$(ulimit -Hn)"
KHUE_BOX="$build/khue-box" "$build/khue" serve --contest "$pkg" --data "$work/data" --listen 127.0.0.1:0 \
    --workers "$workers" > "$work/server.out" 2> "$work/server.err" &
server_pid=$!
url=""
for _ in $(seq 300); do
    url=$(sed -n "s#^khue serve: contest 'replay' at \(http://[^/]*\)/.*#\1#p" "$work/server.out")
    [[ -n $url ]] && break
    sleep 0.1
done
if [[ -z $url ]]; then
    echo "contest_replay: the server did not start:" >&2
    cat "$work/server.err" >&2
    exit 1
fi
echo "   serving on $url"
# The first judging builds the precompiled header and the package's caches: not part of any measurement.
curl -sf -u admin:replay-admin "$url/api/contests/replay/problems" > /dev/null

echo "== replay: $idle idle C++ submissions, then $submissions submissions in ${window}s with $viewers viewers"
options=$(printf '{"user":"admin","password":"replay-admin","problem":"hello","teams":%d,"submissions":%d,"window":%d,"viewers":%d,"idle":%d,"drain":%d}' \
    "$teams" "$submissions" "$window" "$viewers" "$idle" "$(( window + 600 ))")
node "$root/contrib/bench/contest_replay.mjs" "$url" replay "$root/problems/hello" "$options" | tee "$work/result.json"
echo "== server: $(grep -c . "$work/server.err" || true) log lines; errors:"
grep -iE "error|warn" "$work/server.err" | head -5 || true
