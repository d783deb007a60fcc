#!/usr/bin/env bash
# Queue benchmark.
#  (a) 300 small submissions enqueued and judged by embedded workers on SQLite: with the real judge when the
#      build has khue and khue-box and problems/hello exists, else with a fake (no-op) judger; reports
#      throughput and queue latency (enqueue -> judging start) p50/p99.
#  (b) claim-and-complete rate of the PostgreSQL queue with 16 concurrent no-op workers (starts a temporary
#      server with contrib/pg-temp.sh unless KHUE_TEST_POSTGRES is set).
# Usage: contrib/bench/queue_bench.sh [--fake]   (build folder: $KHUE_BUILD_DIR or build/)
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

echo "== (a) $count submissions, embedded workers, SQLite"
problem=()
if [[ ${1:-} != --fake && -x $build/khue && -x $build/khue-box && -d problems/hello ]]; then
  problem=(problems/hello)
  export KHUE_BOX="$PWD/$build/khue-box"
fi
"$bench" embedded "sqlite:$work/bench.db" "$count" "$slots" "${problem[@]}"

echo
echo "== (b) PostgreSQL queue, 16 concurrent no-op workers"
if [[ -z ${KHUE_TEST_POSTGRES:-} ]]; then
  source contrib/pg-temp.sh
  pg_temp_start >/dev/null
  started_pg=1
fi
db="khue_bench_$$"
psql -q "$KHUE_TEST_POSTGRES" -c "CREATE DATABASE $db" >/dev/null
# Same server, fresh database: swap the database name in the URL.
url=$(sed -E "s#^(postgres(ql)?://[^/]*/)[^?]*#\1$db#" <<<"$KHUE_TEST_POSTGRES")
"$bench" claim "$url" "${QUEUE_BENCH_CLAIMS:-2000}" 16
psql -q "$KHUE_TEST_POSTGRES" -c "DROP DATABASE $db WITH (FORCE)" >/dev/null
