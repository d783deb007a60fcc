#!/usr/bin/env bash
# Sourced by contrib/sanitize.sh and contrib/fuzz.sh: the one sanitizer build both use (ASan+UBSan, -O1 -g1), in
# KHUE_SANITIZE_BUILD_DIR (default build-sanitize at the source root).
# With clang and its libFuzzer runtime (the packages contrib/setup.sh --test installs) it is a clang build that also
# holds the libFuzzer targets, every library instrumented for fuzzing too: the sanitizer suites and the fuzz smoke
# run share one build instead of compiling every library twice (most of CI's build time). Without clang it is a g++
# build without fuzz targets, and contrib/fuzz.sh reports a skip.
#   sanitize_configure        configures the folder; sets sanitize_dir and sanitize_fuzz (1 when fuzz targets exist)
#   sanitize_fuzz_targets     the names of the libFuzzer targets
sanitize_src=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
sanitize_dir=$(realpath -m "${KHUE_SANITIZE_BUILD_DIR:-$sanitize_src/build-sanitize}")
sanitize_fuzz_targets=(fuzz_package fuzz_zip fuzz_default_validator fuzz_request fuzz_source_scan fuzz_csv)

# clang++ that can link a libFuzzer target with the sanitizers (KHUE_SANITIZE_CC=gcc forces g++).
sanitize_have_clang_fuzzer() {
    [[ ${KHUE_SANITIZE_CC:-} == gcc ]] && return 1
    command -v clang++ >/dev/null || return 1
    local probe
    probe=$(mktemp -d)
    printf 'extern "C" int LLVMFuzzerTestOneInput(const unsigned char*, unsigned long) { return 0; }\n' |
        clang++ -x c++ -fsanitize=fuzzer,address,undefined - -o "$probe/probe" 2>/dev/null
    local ok=$?
    rm -rf "$probe"
    return $ok
}

sanitize_configure() {
    local compiler=()
    sanitize_fuzz=0
    mkdir -p "$sanitize_dir"
    if sanitize_have_clang_fuzzer; then
        compiler=(-DCMAKE_CXX_COMPILER=clang++ -DCMAKE_C_COMPILER=clang -DKHUE_FUZZ=ON)
        sanitize_fuzz=1
    fi
    # A folder configured for the other compiler cannot switch in place (CMake keeps the compiler): start it afresh.
    local cache=$sanitize_dir/CMakeCache.txt
    if [[ -f $cache ]]; then
        local was_clang=0
        grep -q '^CMAKE_CXX_COMPILER:[A-Z]*=.*clang++' "$cache" && was_clang=1
        if (( was_clang != sanitize_fuzz )); then
            rm -rf "$sanitize_dir/CMakeCache.txt" "$sanitize_dir/CMakeFiles"
        fi
    fi
    # -O1 and line tables only (-g1): what ASan's reports need; compiling api/src/http/server.cpp this way took 352 s
    # against 647 s for -O2 -g (same loaded machine, same hour). Assertions stay on (no NDEBUG).
    cmake -S "$sanitize_src" -B "$sanitize_dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" \
        -DCMAKE_C_FLAGS_DEBUG="-O1 -g1" -DKHUE_SANITIZE=ON "${compiler[@]}" >"$sanitize_dir/configure.log" 2>&1 ||
        { cat "$sanitize_dir/configure.log"; return 1; }
}
