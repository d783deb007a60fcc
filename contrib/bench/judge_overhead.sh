#!/usr/bin/env bash
# Per-test overhead of judging: a TESTS-test problem judged with `khue judge` versus running the same binary bare
# TESTS times on the host from a bash loop, in interleaved rounds (so a drifting host load hits both alike).
# A first, untimed `khue judge` fills the compile cache (KHUE_CACHE), so the timed ones do not compile: what is
# left is the judge's own work per test (box run, output check, bookkeeping) plus its fixed start.
# Variants: bare (bash loop), warm (`khue judge`, sessions), warm-rebuild (sessions whose runs each build their
# mount namespace, KHUE_BOX_WARM_BASE=0: the sessions before the base namespace), oneshot (KHUE_BOX_WARM=0).
# Target (issue "Fast and fair"): warm <= 1.5x bare. Needs root (khue-box) and a build with khue and khue-box:
#   contrib/bench/judge_overhead.sh [BUILD_DIR] [TESTS] [ROUNDS]
set -euo pipefail
build="$(realpath "${1:-build}")"
tests="${2:-300}"
rounds="${3:-3}"
khue="$build/khue"
[[ -x "$khue" ]] || { echo "judge_overhead: $khue not built" >&2; exit 2; }
[[ "$tests" =~ ^[0-9]+$ && "$tests" -ge 1 ]] || { echo "judge_overhead: TESTS must be a positive number" >&2; exit 2; }
[[ "$rounds" =~ ^[0-9]+$ && "$rounds" -ge 1 ]] || { echo "judge_overhead: ROUNDS must be a positive number" >&2; exit 2; }
export KHUE_BOX="${KHUE_BOX:-$build/khue-box}"
work="$(mktemp -d /tmp/khue-overhead-XXXXXX)"
own_cache=""
if [[ -z "${KHUE_CACHE:-}" ]]; then
  own_cache="$(mktemp -d /tmp/khue-bench-cache-XXXXXX)"
  export KHUE_CACHE="$own_cache"
fi
trap 'rm -rf "$work" ${own_cache:+"$own_cache"}' EXIT

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

judge() {  # judge [ENV=VALUE...]: prints the seconds taken; fails unless every test is accepted
  local start end
  start=$(now)
  env "$@" "$khue" judge "$work/problem" "$work/sum.c" --json > "$work/result.json"
  end=$(now)
  local verdict count
  verdict=$(grep -o '"verdict":"[A-Z]*"' "$work/result.json" | sed -n 1p || true)
  count=$(grep -o '"verdict":"AC"' "$work/result.json" | wc -l || true)
  if [[ "$verdict" != '"verdict":"AC"' || "$count" -lt "$tests" ]]; then
    echo "judge_overhead: expected $tests accepted tests, got $verdict ($count AC); see below" >&2
    head -c 2000 "$work/result.json" >&2
    exit 1
  fi
  echo "$end - $start" | bc
}
bare() {
  local start
  start=$(now)
  for f in "$work"/problem/data/secret/*.in; do "$work/sum" < "$f" > "$work/out"; done
  echo "$(now) - $start" | bc
}

judge KHUE_BOX_WARM=1 > /dev/null  # fills the compile cache; not timed
declare -a t_bare t_warm t_rebuild t_oneshot
for ((r = 0; r < rounds; ++r)); do
  t_bare+=("$(bare)")
  t_warm+=("$(judge KHUE_BOX_WARM=1)")
  t_rebuild+=("$(judge KHUE_BOX_WARM=1 KHUE_BOX_WARM_BASE=0)")
  t_oneshot+=("$(judge KHUE_BOX_WARM=0)")
done
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
mb=$(median "${t_bare[@]}")
mw=$(median "${t_warm[@]}")
mr=$(median "${t_rebuild[@]}")
mo=$(median "${t_oneshot[@]}")
per() { echo "scale=2; 1000 * $1 / $tests" | bc; }
echo "$tests tests, $rounds interleaved rounds (medians), compile cached; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "bare:    $mb s ($(per "$mb") ms per test; rounds: ${t_bare[*]})"
echo "warm:    $mw s ($(per "$mw") ms per test; rounds: ${t_warm[*]})"
echo "warm-rebuild: $mr s ($(per "$mr") ms per test; rounds: ${t_rebuild[*]})"
echo "oneshot: $mo s ($(per "$mo") ms per test; rounds: ${t_oneshot[*]})"
ratio=$(echo "scale=2; $mw / $mb" | bc)
echo "warm / bare: ${ratio}x (target <= 1.5x): $(echo "$ratio <= 1.5" | bc | sed 's/1/met/; s/0/NOT met/')"
echo "warm-rebuild / bare: $(echo "scale=2; $mr / $mb" | bc)x; oneshot / bare: $(echo "scale=2; $mo / $mb" | bc)x"
echo "overhead per test: warm $(echo "scale=2; 1000 * ($mw - $mb) / $tests" | bc) ms, oneshot $(echo "scale=2; 1000 * ($mo - $mb) / $tests" | bc) ms"
