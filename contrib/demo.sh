#!/usr/bin/env bash
# The README's main command: installs what is missing, builds, and starts `khue serve` on the demo contest in
# problems/ (embedded SQLite store in .khue-data/, embedded judging workers). Extra arguments go to `khue serve`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash contrib/setup.sh
build=${KHUE_BUILD_DIR:-build}
# The same compile flags as contrib/test.sh (line tables only, warnings as errors: the supported toolchain, Debian
# 12's, builds without warnings), so that the two commands share one build instead of rebuilding it.
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" \
    -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" -DKHUE_WERROR=ON -DKHUE_TESTS=OFF >/dev/null
cmake --build "$build" -j "$(nproc)" --target khue khue-box
exec "$build/khue" serve "$@"
