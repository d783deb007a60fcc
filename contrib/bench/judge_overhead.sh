#!/usr/bin/env bash
# Per-test overhead of judging: a 300-test problem judged with `khue judge` versus running the same binary
# bare 300 times on the host. Needs root (khue-box) and a build:
#   contrib/bench/judge_overhead.sh [BUILD_DIR] [TESTS]
set -euo pipefail
build="$(realpath "${1:-build}")"
tests="${2:-300}"
khue="$build/khue"
[[ -x "$khue" ]] || { echo "judge_overhead: $khue not built" >&2; exit 2; }
export KHUE_BOX="${KHUE_BOX:-$build/khue-box}"
export KHUE_CACHE="${KHUE_CACHE:-$(mktemp -d /tmp/khue-bench-cache-XXXXXX)}"
work="$(mktemp -d /tmp/khue-overhead-XXXXXX)"
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/problem/data/secret"
cat > "$work/problem/problem.yaml" <<'YAML'
problem_format_version: 2025-09
type: pass-fail
name: Overhead
limits:
  time_limit: 1.0
  memory: 256
YAML
for ((i = 1; i <= tests; ++i)); do
  n=$(printf '%03d' "$i")
  echo "$i $((i * 7))" > "$work/problem/data/secret/$n.in"
  echo "$((i + i * 7))" > "$work/problem/data/secret/$n.ans"
done
cat > "$work/sum.c" <<'C'
#include <stdio.h>
int main(void) { long a, b; if (scanf("%ld %ld", &a, &b) != 2) return 1; printf("%ld\n", a + b); return 0; }
C
now() { date +%s.%N; }

gcc -O2 -o "$work/sum" "$work/sum.c"
start=$(now)
for f in "$work"/problem/data/secret/*.in; do "$work/sum" < "$f" > "$work/out"; done
bare=$(echo "$(now) - $start" | bc)

start=$(now)
"$khue" judge "$work/problem" "$work/sum.c" --json > "$work/result.json"
judged=$(echo "$(now) - $start" | bc)
verdict=$(grep -o '"verdict":"[A-Z]*"' "$work/result.json" | sed -n 1p)
count=$(grep -o '"name":' "$work/result.json" | wc -l || true)

echo "tests: $count, $verdict"
echo "bare:   $bare s for $tests runs ($(echo "scale=2; 1000 * $bare / $tests" | bc) ms each)"
echo "judged: $judged s including one compile ($(echo "scale=2; 1000 * $judged / $tests" | bc) ms per test)"
echo "overhead per test: $(echo "scale=2; 1000 * ($judged - $bare) / $tests" | bc) ms (box spawn + setup + check)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
