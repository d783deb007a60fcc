#!/usr/bin/env bash
# Is the CPU time khue-box reports as steady as the CPU time of the same program run bare? A fixed-work program
# (a static C loop, about 0.25 s of CPU) runs N times alone and N times while every other CPU is busy (one
# spinning neighbour per other CPU, as other judging slots would be), bare and in boxes, interleaved round by
# round so that the host's drift hits all variants alike. Boxes run in a warm session, unpinned and pinned to
# one CPU (--cpus, what a worker slot does; docs/deployment.md), and one-shot `khue-box run` unpinned.
#
# Reports each series' coefficient of variation (stdev/mean of CPU time), the box/bare CV ratio (target
# <= 1.5), and the verdict flips at time limits where the program's bare mean is 0.8x and 1.2x of the limit
# (target 0): a box run above the first limit, or below the second, would have flipped (khue-box's verdict is
# exactly cpu_time > limit, so the limits need not be rerun).
#
# usage: contrib/bench/timing_fairness.sh [-n RUNS] [--box PATH] [--box-id ID] [--cpu N]
#   --cpu N   the CPU the pinned box uses (default: the last one); neighbours spin on all the others
# Needs root (khue-box).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs=30
box="$repo/build/khue-box"
box_id=909
cpu=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        -n) runs="$2"; shift 2 ;;
        --box) box="$2"; shift 2 ;;
        --box-id) box_id="$2"; shift 2 ;;
        --cpu) cpu="$2"; shift 2 ;;
        -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
        *) echo "timing_fairness.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
done
[[ "$runs" =~ ^[0-9]+$ && "$runs" -ge 5 ]] || { echo "timing_fairness.sh: -n must be a number >= 5" >&2; exit 2; }
[[ "$(id -u)" == 0 ]] || { echo "timing_fairness.sh: khue-box needs root" >&2; exit 1; }
[[ -x "$box" ]] || { echo "timing_fairness.sh: no executable khue-box at '$box'" >&2; exit 1; }
ncpu=$(nproc)
cpu="${cpu:-$((ncpu - 1))}"

work="$(mktemp -d /var/tmp/khue-fairness.XXXXXX)"
spinners=()
cleanup() {
    for p in "${spinners[@]}"; do kill "$p" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/bin" "$work/box"
chmod 755 "$work" "$work/bin" "$work/box"
cat > "$work/work.c" <<'C'
#include <stdio.h>
int main(void) {
    unsigned long x = 1;
    for (unsigned long i = 0; i < 400000000UL; ++i) x = x * 6364136223846793005UL + 1442695040888963407UL;
    printf("%lu\n", x & 1);
    return 0;
}
C
printf 'int main(void) { for (;;) {} }\n' > "$work/spin.c"
gcc -O2 -static -o "$work/bin/work" "$work/work.c"
gcc -O2 -static -o "$work/spin" "$work/spin.c"

/usr/bin/python3 - "$runs" "$box" "$box_id" "$work" "$cpu" "$ncpu" <<'PY'
import os, statistics, subprocess, sys, json

runs, box, box_id, work, cpu, ncpu = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), int(sys.argv[6])
session = subprocess.Popen([box, "session"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)

def bare():
    pid = os.fork()
    if pid == 0:
        fd = os.open("/dev/null", os.O_WRONLY); os.dup2(fd, 1)
        os.execv(f"{work}/bin/work", ["work"])
    _, status, ru = os.wait4(pid, 0)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    return ru.ru_utime + ru.ru_stime

def boxed(pinned):
    args = ["--box-id", box_id, "--time", "10", "--wall-time", "30", "--memory", "64",
            "--mount", f"{work}/bin:/judge"] + (["--cpus", str(cpu)] if pinned else []) + ["--", "/judge/work"]
    session.stdin.write(b"".join(a.encode() + b"\0" for a in args) + b"\0"); session.stdin.flush()
    r = json.loads(session.stdout.readline())
    assert r["status"] == "exited" and r["exit_code"] == 0, r
    return r["cpu_time"]

def oneshot():
    args = [box, "run", "--box-id", box_id, "--time", "10", "--wall-time", "30", "--memory", "64",
            "--mount", f"{work}/bin:/judge", "--stdout", "/dev/null", "--result", f"{work}/result.json",
            "--", "/judge/work"]
    subprocess.run(args, check=True)
    r = json.load(open(f"{work}/result.json"))
    assert r["status"] == "exited" and r["exit_code"] == 0, r
    return r["cpu_time"]

series = {}
def measure(label):
    for name in ("bare", "box", "box-pinned", "oneshot"):
        series[f"{name} {label}"] = []
    for i in range(runs):
        order = [("bare", bare), ("box", lambda: boxed(False)), ("box-pinned", lambda: boxed(True)),
                 ("oneshot", oneshot)]
        for name, f in order[i % 4:] + order[:i % 4]:
            series[f"{name} {label}"].append(f())

measure("alone")
spinners = []
for c in range(ncpu):
    if c != cpu:
        p = subprocess.Popen(["taskset", "-c", str(c), f"{work}/spin"])
        spinners.append(p)
try:
    measure("busy")
finally:
    for p in spinners:
        p.kill(); p.wait()
session.stdin.close(); session.wait()

def cv(xs):
    return statistics.stdev(xs) / statistics.mean(xs)
print(f"{runs} runs per series, interleaved; {ncpu} CPUs, pinned box on CPU {cpu}; "
      f"load average {open('/proc/loadavg').read().split()[0]}")
print(f"{'series':22} {'mean s':>8} {'CV %':>7} {'min s':>8} {'max s':>8}")
for k, xs in series.items():
    print(f"{k:22} {statistics.mean(xs):8.4f} {cv(xs)*100:7.2f} {min(xs):8.4f} {max(xs):8.4f}")
for label in ("alone", "busy"):
    base = cv(series[f"bare {label}"])
    for name in ("box", "box-pinned", "oneshot"):
        ratio = cv(series[f"{name} {label}"]) / base
        print(f"CV ratio {name}/bare {label}: {ratio:.2f} (target <= 1.5): {'met' if ratio <= 1.5 else 'NOT met'}")
mean = statistics.mean(series["bare alone"])
for factor in (0.8, 1.2):
    limit = mean / factor
    for name in ("box", "box-pinned", "oneshot"):
        xs = series[f"{name} alone"] + series[f"{name} busy"]
        flips = sum(1 for x in xs if (x > limit if factor < 1 else x <= limit))
        print(f"program at {factor}x of the limit ({limit:.3f} s), {name}: {flips} verdict flips in {len(xs)} runs")
PY
