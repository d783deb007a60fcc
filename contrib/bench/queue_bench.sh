#!/usr/bin/env bash
# Queue benchmark.
#  (a) 300 small submissions enqueued and judged by embedded workers on SQLite: with the real judge when the
#      build has khue and khue-box and problems/hello exists, else with a fake (no-op) judger; reports
#      throughput and queue latency (enqueue -> judging start) p50/p99.
#  (b) claim-and-complete rate of the PostgreSQL queue with 16 concurrent no-op workers (starts a temporary
#      server with contrib/pg-temp.sh unless KHUE_TEST_POSTGRES is set), one job at a time and in batches of
#      QUEUE_BENCH_BATCH (default 8: a host claiming for 8 idle slots at once), with the CPU seconds the client
#      and (when this script started the server) the PostgreSQL server spent;
#  (c) SQLite, across processes: submit -> claim latency of a worker process waiting in claim_job(), with the
#      wake-up files and with them turned off (KHUE_STORE_WAKE_FILES=0: the 250 ms poll of old).
# Usage: contrib/bench/queue_bench.sh [--fake] [--claims-only]   (build folder: $KHUE_BUILD_DIR or build/)
#   QUEUE_BENCH_BASELINE=path/to/old/queue_bench: (b) also runs that binary, before and after this build's.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${KHUE_BUILD_DIR:-build}
bench="$build/queue_bench"
if [[ ! -x $bench ]]; then
  echo "queue_bench: $bench is missing; build it: cmake --build $build --target queue_bench" >&2
  exit 1
fi
count=${QUEUE_BENCH_COUNT:-300}
slots=${QUEUE_BENCH_SLOTS:-$(nproc)}
work=$(mktemp -d /tmp/khue-queue-bench.XXXXXX)
cleanup() {
  rm -rf "$work"
  if [[ -n ${started_pg:-} ]]; then pg_temp_stop; fi
}
trap cleanup EXIT

fake=0 claims_only=0
for arg in "$@"; do
  case $arg in
    --fake) fake=1 ;;
    --claims-only) claims_only=1 ;;
    *) echo "queue_bench: unknown argument $arg" >&2; exit 2 ;;
  esac
done

if (( ! claims_only )); then
echo "== (a) $count submissions, embedded workers, SQLite"
problem=()
if (( ! fake )) && [[ -x $build/khue && -x $build/khue-box && -d problems/hello ]]; then
  problem=(problems/hello)
  export KHUE_BOX="$PWD/$build/khue-box"
fi
"$bench" embedded "sqlite:$work/bench.db" "$count" "$slots" "${problem[@]}"
fi

echo
echo "== (b) PostgreSQL queue, 16 concurrent no-op workers"
if [[ -z ${KHUE_TEST_POSTGRES:-} ]]; then
  source contrib/pg-temp.sh
  pg_temp_start >/dev/null
  started_pg=1
fi
claims=${QUEUE_BENCH_CLAIMS:-2000}
batch=${QUEUE_BENCH_BATCH:-8}
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
# CPU seconds the server's backends used: the postmaster reaps them, so its children's times grow.
server_cpu() {
  [[ -n ${started_pg:-} ]] || { echo 0; return; }
  local pid
  pid=$(head -1 "$PG_TEMP_DIR/data/postmaster.pid")
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15 + $16 + $17) / hz }' "/proc/$pid/stat"
}
# Same server, a fresh database per run: swap the database name in the URL.
run_claims() {  # BINARY LABEL [BATCH]
  local db="khue_bench_$$_$2"
  psql -q "$KHUE_TEST_POSTGRES" -c "CREATE DATABASE $db" >/dev/null
  local url
  url=$(sed -E "s#^(postgres(ql)?://[^/]*/)[^?]*#\1$db#" <<<"$KHUE_TEST_POSTGRES")
  echo "-- $2 ($1${3:+, batch $3})"
  local before after
  before=$(server_cpu)
  /usr/bin/time -f "client CPU: %U s user + %S s system" "$1" claim "$url" "$claims" 16 ${3:+"$3"}
  after=$(server_cpu)
  if [[ -n ${started_pg:-} ]]; then
    awk -v a="$after" -v b="$before" -v n="$claims" \
      'BEGIN { printf "server CPU: %.2f s (%.0f us per job)\n", a - b, (a - b) * 1e6 / n }'
  fi
  echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  psql -q "$KHUE_TEST_POSTGRES" -c "DROP DATABASE $db WITH (FORCE)" >/dev/null
}
# QUEUE_BENCH_BASELINE: another queue_bench (an older commit's) measured in the same run, before and after.
if [[ -n ${QUEUE_BENCH_BASELINE:-} ]]; then
  run_claims "$QUEUE_BENCH_BASELINE" baseline
fi
run_claims "$bench" this
run_claims "$bench" this_batch "$batch"
if [[ -n ${QUEUE_BENCH_BASELINE:-} ]]; then
  run_claims "$QUEUE_BENCH_BASELINE" baseline_again
fi

echo
echo "== (c) SQLite, submit -> claim by a waiting worker process"
wakes=${QUEUE_BENCH_WAKES:-40}
echo "-- 250 ms poll (KHUE_STORE_WAKE_FILES=0), load average $(cut -d' ' -f1-3 /proc/loadavg)"
KHUE_STORE_WAKE_FILES=0 "$bench" wake "sqlite:$work/wake-poll.db" "$wakes"
echo "-- wake-up files, load average $(cut -d' ' -f1-3 /proc/loadavg)"
"$bench" wake "sqlite:$work/wake.db" "$wakes"
