#!/usr/bin/env bash
# What one `khue-box run` costs on top of running the program bare (docs/architecture.md: the per-run budget is a few
# milliseconds; the target is <= 3 ms added). Runs a trivial static C program N times through khue-box and N
# times bare, in the same invocation of hyperfine, and prints medians, p90, the ratio and the added cost.
#
# usage: contrib/bench/box_overhead.sh [-n RUNS] [--box PATH] [--baseline-box PATH] [--build-dir DIR]
#                                       [--box-id ID] [--realtime]
#   --box PATH       use this khue-box instead of building one
#   --baseline-box PATH  also time this (older) khue-box in the same hyperfine invocation, and print how much
#                    the added cost grew from it (e.g. the build of the base commit)
#   --realtime       run the measurements at SCHED_FIFO 10 (chrt), so that on a loaded host neither side waits
#                    for a CPU: the box's own cost rather than the scheduler's
#   --build-dir DIR  where to build khue-box when --box is not given (default: build-bench)
#   --box-id ID      box slot to use (default 909, in the hostile tests' range 900-909)
# Needs root (khue-box does) and hyperfine; prints results on stdout, exits non-zero on any failure.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs=500
box=""
build_dir="$repo/build-bench"
box_id=909
realtime=()
baseline_box=""

while [[ $# -gt 0 ]]; do
    case "$1" in
        -n) runs="$2"; shift 2 ;;
        --box) box="$2"; shift 2 ;;
        --build-dir) build_dir="$2"; shift 2 ;;
        --box-id) box_id="$2"; shift 2 ;;
        --realtime) realtime=(chrt -f 10); shift ;;
        --baseline-box) baseline_box="$2"; shift 2 ;;
        -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
        *) echo "box_overhead.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
done
[[ "$runs" =~ ^[0-9]+$ && "$runs" -ge 10 ]] || { echo "box_overhead.sh: -n must be a number >= 10, got '$runs'" >&2; exit 2; }
[[ "$box_id" =~ ^[0-9]+$ ]] || { echo "box_overhead.sh: --box-id must be a number, got '$box_id'" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "box_overhead.sh: hyperfine not found (apt-get install hyperfine)" >&2; exit 1; }
[[ "$(id -u)" == 0 ]] || { echo "box_overhead.sh: khue-box needs root" >&2; exit 1; }

if [[ -z "$box" ]]; then
    cmake -S "$repo" -B "$build_dir" -G Ninja >/dev/null
    cmake --build "$build_dir" --target khue-box -j2 >/dev/null
    box="$build_dir/khue-box"
fi
[[ -x "$box" ]] || { echo "box_overhead.sh: no executable khue-box at '$box'" >&2; exit 1; }

work="$(mktemp -d /var/tmp/khue-box-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/box"
chmod 755 "$work" "$work/bin"
# Static, so that neither run pays for the dynamic loader and the difference is the box alone.
printf 'int main(void) { return 0; }\n' > "$work/true.c"
# A test input, as the judge passes one per run (khue-box copies it so that its host path stays hidden).
head -c 4096 /dev/urandom > "$work/in.txt"
gcc -O2 -static -o "$work/bin/true" "$work/true.c"

# The box run is what a judge does per test: a work folder, the binary mounted read-only, output to files and
# the result to a file, with the usual limits.
box_args="run --box-id $box_id --time 1 --wall-time 3 --memory 64 --dir $work/box --mount $work/bin:/judge \
--stdin $work/in.txt --stdout $work/out.txt --stderr $work/err.txt --result $work/result.json -- /judge/true"
box_cmd="$box $box_args"

# One sanity run: a broken box would otherwise be "fast".
$box_cmd
grep -q '"status": *"exited"' "$work/result.json" || {
    echo "box_overhead.sh: the box run did not exit normally: $(cat "$work/result.json")" >&2
    exit 1
}

# Without --dir and the stream files: shows how much of the cost is the work folder and file handling.
minimal_cmd="$box run --box-id $box_id --result $work/minimal.json --mount $work/bin:/judge -- /judge/true"

baseline=()
if [[ -n "$baseline_box" ]]; then
    [[ -x "$baseline_box" ]] || { echo "box_overhead.sh: no executable khue-box at '$baseline_box'" >&2; exit 1; }
    baseline=(-n baseline "$baseline_box $box_args")
fi

"${realtime[@]}" hyperfine -N --style none --warmup 20 --runs "$runs" --export-json "$work/times.json" \
    -n bare "$work/bin/true" -n box "$box_cmd" -n box-minimal "$minimal_cmd" "${baseline[@]}" >/dev/null

/usr/bin/python3 - "$work/times.json" "$runs" "${realtime[*]:-normal priority}" <<'EOF'
import json, statistics, sys

results = {r["command"]: r["times"] for r in json.load(open(sys.argv[1]))["results"]}

def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]

bare, box = results["bare"], results["box"]
mb, mx = statistics.median(bare), statistics.median(box)
print(f"runs: {sys.argv[2]} each (same hyperfine invocation, 20 warm-up runs, {sys.argv[3]})")
print(f"bare program: median {mb * 1e3:.3f} ms, p90 {pct(bare, 90) * 1e3:.3f} ms")
print(f"khue-box run: median {mx * 1e3:.3f} ms, p90 {pct(box, 90) * 1e3:.3f} ms")
mm = statistics.median(results["box-minimal"])
print(f"khue-box run without --dir/--stdout/--stderr: median {mm * 1e3:.3f} ms, "
      f"p90 {pct(results['box-minimal'], 90) * 1e3:.3f} ms")
print(f"ratio (median box / median bare): {mx / mb:.1f}x")
print(f"median added cost: {(mx - mb) * 1e3:.3f} ms (target <= 3 ms)")
if "baseline" in results:
    base = results["baseline"]
    mbase = statistics.median(base)
    print(f"baseline khue-box run (hyperfine, timed after the others): median {mbase * 1e3:.3f} ms, "
          f"p90 {pct(base, 90) * 1e3:.3f} ms, added {(mbase - mb) * 1e3:.3f} ms")
EOF

# hyperfine times one command after the other, so on a host whose load drifts the comparison with the baseline is
# unfair. Interleaved: each round runs bare, this box and the baseline box once, in a rotating order, and takes
# both the wall time and the CPU time (of khue-box and everything it reaped) of each.
if [[ -n "$baseline_box" ]]; then
    "${realtime[@]}" /usr/bin/python3 - "$runs" "$work/bin/true" "$box $box_args" "$baseline_box $box_args" <<'EOF'
import resource, shlex, statistics, subprocess, sys, time

runs = int(sys.argv[1])
cmds = {"bare": [sys.argv[2]], "box": shlex.split(sys.argv[3]), "baseline": shlex.split(sys.argv[4])}
wall = {k: [] for k in cmds}
cpu = {k: [] for k in cmds}
order = list(cmds)
for i in range(runs + 10):
    for name in order[i % 3:] + order[:i % 3]:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run(cmds[name], check=True, stdout=subprocess.DEVNULL)
        t1 = time.perf_counter()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if i >= 10:  # warm-up rounds
            wall[name].append(t1 - t0)
            cpu[name].append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
m = {k: statistics.median(v) for k, v in wall.items()}
c = {k: statistics.median(v) for k, v in cpu.items()}
print(f"interleaved, {runs} rounds: median wall bare {m['bare'] * 1e3:.3f} ms, box {m['box'] * 1e3:.3f} ms, "
      f"baseline {m['baseline'] * 1e3:.3f} ms")
added, added_base = m["box"] - m["bare"], m["baseline"] - m["bare"]
print(f"added wall cost: this khue-box {added * 1e3:.3f} ms, baseline {added_base * 1e3:.3f} ms "
      f"({added / added_base * 100 - 100:+.1f} %)")
cadded, cadded_base = c["box"] - c["bare"], c["baseline"] - c["bare"]
print(f"added CPU per run (khue-box, init and program): this khue-box {cadded * 1e3:.3f} ms, "
      f"baseline {cadded_base * 1e3:.3f} ms ({cadded / cadded_base * 100 - 100:+.1f} %)")
EOF
fi
