#!/usr/bin/env bash
# The README's test command: installs what the tests need, builds everything and runs every test with CTest,
# against a real PostgreSQL server started in a temporary directory.
set -euo pipefail
cd "$(dirname "$0")/.."
bash contrib/setup.sh --test

build=${KHUE_BUILD_DIR:-build}
# -g1 (line tables): -g made api/src/http/server.cpp take 41 s of CPU against 29 s (same machine, same minute), and
# backtraces need only the lines. contrib/demo.sh uses the same flags, so the two commands share one build.
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" \
    -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" -DKHUE_TESTS=ON -DKHUE_FUZZ=ON -DKHUE_WERROR=ON >/dev/null
cmake --build "$build" -j "$(nproc)"
# The sanitizer build (clang, with the libFuzzer targets) before the suite: ctest's fuzz_smoke fuzzes its targets,
# and the sanitizer job below runs its test binaries. One build for both saves compiling every library again.
if [[ ${KHUE_SANITIZE_JOB:-1} != 0 ]]; then
  bash contrib/sanitize.sh --ci --build-only
fi

source contrib/pg-temp.sh
pg_temp_start
# Leave nothing behind: the PostgreSQL server, and the cgroups and network namespaces of the box slots (khue-box
# keeps them across runs for speed; cleanup removes those no run holds).
finish() {
  pg_temp_stop
  "$build/khue-box" cleanup >/dev/null 2>&1 || true
}
trap finish EXIT

# Root-only tests (the sandbox needs root) run too: CI runs as root.
ctest --test-dir "$build" --output-on-failure -j "$(nproc)" --timeout 900 "$@"

# The sanitizer job: the judge unit, store and API suites again under ASan/UBSan, in build-sanitize, on the
# same PostgreSQL server. KHUE_SANITIZE_JOB=0 skips it; contrib/sanitize.sh (no --ci) runs every suite.
if [[ ${KHUE_SANITIZE_JOB:-1} != 0 ]]; then
  bash contrib/sanitize.sh --ci
fi
