#!/usr/bin/env bash
# The README's main command: installs what is missing, builds, and starts `khue serve` on the demo contest in
# problems/ (embedded SQLite store in .khue-data/, embedded judging workers). Extra arguments go to `khue serve`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash contrib/setup.sh
build=${KHUE_BUILD_DIR:-build}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKHUE_TESTS=OFF >/dev/null
cmake --build "$build" -j "$(nproc)" --target khue khue-box
exec "$build/khue" serve "$@"
