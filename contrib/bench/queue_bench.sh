#!/usr/bin/env bash
# Queue benchmark.
#  (a) 300 small submissions enqueued and judged by embedded workers on SQLite: with the real judge when the
#      build has khue and khue-box and problems/hello exists, else with a fake (no-op) judger; reports
#      throughput and queue latency (enqueue -> judging start) p50/p99.
#  (b) claim-and-complete rate of the PostgreSQL queue with 16 concurrent no-op workers (starts a temporary
#      server with contrib/pg-temp.sh unless KHUE_TEST_POSTGRES is set).
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
# Same server, a fresh database per run: swap the database name in the URL.
run_claims() {  # BINARY LABEL
  local db="khue_bench_$$_$2"
  psql -q "$KHUE_TEST_POSTGRES" -c "CREATE DATABASE $db" >/dev/null
  local url
  url=$(sed -E "s#^(postgres(ql)?://[^/]*/)[^?]*#\1$db#" <<<"$KHUE_TEST_POSTGRES")
  echo "-- $2 ($1)"
  "$1" claim "$url" "$claims" 16
  psql -q "$KHUE_TEST_POSTGRES" -c "DROP DATABASE $db WITH (FORCE)" >/dev/null
}
# QUEUE_BENCH_BASELINE: another queue_bench (an older commit's) measured in the same run, before and after.
if [[ -n ${QUEUE_BENCH_BASELINE:-} ]]; then
  run_claims "$QUEUE_BENCH_BASELINE" baseline
fi
run_claims "$bench" this
if [[ -n ${QUEUE_BENCH_BASELINE:-} ]]; then
  run_claims "$QUEUE_BENCH_BASELINE" baseline_again
fi
