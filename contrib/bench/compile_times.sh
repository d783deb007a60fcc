#!/usr/bin/env bash
# Median compile time of each language's hello-world inside khue-box (khue languages --repeat), and C++ with
# and without the precompiled bits/stdc++.h. Needs root (khue-box) and a build:
#   contrib/bench/compile_times.sh [BUILD_DIR] [REPEAT]
# Wall times include the box's own setup and depend on how busy the host is; CPU times are the compiler's.
set -euo pipefail
build="${1:-build}"
repeat="${2:-5}"
khue="$build/khue"
[[ -x "$khue" ]] || { echo "compile_times: $khue not built" >&2; exit 2; }
export KHUE_BOX="${KHUE_BOX:-$build/khue-box}"
# A private cache, so the one-off PCH build is visible and does not count in the medians.
export KHUE_CACHE="${KHUE_CACHE:-$(mktemp -d /tmp/khue-bench-cache-XXXXXX)}"

echo "== warming up (builds the C++ precompiled header once)"
start=$(date +%s.%N)
"$khue" languages --only cpp >/dev/null
echo "first C++ compile including the PCH build: $(echo "$(date +%s.%N) - $start" | bc) s"

echo "== every language, median of $repeat (PCH on)"
"$khue" languages --repeat "$repeat"
echo "== C++ without the precompiled header, median of $repeat"
"$khue" languages --only cpp --repeat "$repeat" --no-pch
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
