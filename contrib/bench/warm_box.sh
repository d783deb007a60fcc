#!/usr/bin/env bash
# What a run costs in a warm `khue-box session` compared with bare fork+exec and with one-shot `khue-box run`,
# all timed by the same Python harness in interleaved rounds (so a drifting host load hits every variant alike).
# Target (issue "Fast and fair"): a warm run adds <= 1 ms over bare fork+exec.
#
# usage: contrib/bench/warm_box.sh [-n ROUNDS] [--box PATH] [--box-id ID] [--realtime]
#   --box PATH   khue-box to time (default: build/khue-box)
#   --box-id ID  slot (default 909, in the hostile tests' range)
#   --realtime   run the harness at SCHED_FIFO 10 (chrt): the box's own cost rather than the scheduler's
# Variants: bare (the static program, fork+exec with the same stream files), help (exec of khue-box alone:
# what one-shot pays to start khue-box), unshare (util-linux unshare of mount/pid/ipc/uts namespaces then the
# program: the kernel's namespace cost), oneshot (khue-box run), warm (a session request), warm-minimal (a
# session request without --dir, --mount and stream files), warm-rebuild (a session with KHUE_BOX_WARM_BASE=0:
# each run builds its mount namespace from scratch, as before the base namespace). Needs root.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rounds=300
box="$repo/build/khue-box"
box_id=909
realtime=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        -n) rounds="$2"; shift 2 ;;
        --box) box="$2"; shift 2 ;;
        --box-id) box_id="$2"; shift 2 ;;
        --realtime) realtime=(chrt -f 10); shift ;;
        -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
        *) echo "warm_box.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
done
[[ "$rounds" =~ ^[0-9]+$ && "$rounds" -ge 10 ]] || { echo "warm_box.sh: -n must be a number >= 10" >&2; exit 2; }
[[ "$(id -u)" == 0 ]] || { echo "warm_box.sh: khue-box needs root" >&2; exit 1; }
[[ -x "$box" ]] || { echo "warm_box.sh: no executable khue-box at '$box'" >&2; exit 1; }

work="$(mktemp -d /var/tmp/khue-warm-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/box"
chmod 755 "$work" "$work/bin"
printf 'int main(void) { return 0; }\n' > "$work/true.c"
gcc -O2 -static -o "$work/bin/true" "$work/true.c"
head -c 4096 /dev/urandom > "$work/in.txt"

"${realtime[@]}" /usr/bin/python3 - "$rounds" "$box" "$box_id" "$work" "${realtime[*]:-normal priority}" <<'PY'
import os, resource, statistics, subprocess, sys, time

rounds, box, box_id, work, prio = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
true = f"{work}/bin/true"
opts = ["--box-id", box_id, "--time", "1", "--wall-time", "3", "--memory", "64", "--dir", f"{work}/box",
        "--mount", f"{work}/bin:/judge", "--stdin", f"{work}/in.txt", "--stdout", f"{work}/out.txt",
        "--stderr", f"{work}/err.txt", "--", "/judge/true"]
minimal = ["--box-id", box_id, "--mount", f"{work}/bin:/judge", "--", "/judge/true"]

def frame(args):
    return b"".join(a.encode() + b"\0" for a in args) + b"\0"

session = subprocess.Popen([box, "session"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
# The same session with the base mount namespace turned off: every run builds its root as one-shot does.
rebuild = subprocess.Popen([box, "session"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                           env=dict(os.environ, KHUE_BOX_WARM_BASE="0"))
def session_cpu(s):
    f = open(f"/proc/{s.pid}/stat").read().rsplit(")", 1)[1].split()
    return sum(int(x) for x in f[11:15]) / os.sysconf("SC_CLK_TCK")  # utime stime cutime cstime

def warm(args, s=session):
    s.stdin.write(frame(args)); s.stdin.flush()
    line = s.stdout.readline()
    if b'"status": "exited"' not in line:
        sys.exit(f"warm_box.sh: a warm run failed: {line!r}")

def spawn(argv):
    with open(f"{work}/in.txt", "rb") as i, open(f"{work}/out.txt", "wb") as o, open(f"{work}/err.txt", "wb") as e:
        subprocess.run(argv, stdin=i, stdout=o, stderr=e, check=True)

variants = {
    "bare": lambda: spawn([true]),
    "help": lambda: spawn([box, "--help"]),
    "unshare": lambda: spawn(["unshare", "--mount", "--pid", "--ipc", "--uts", "--fork", true]),
    "oneshot": lambda: spawn([box, "run", "--result", f"{work}/result.json"] + opts),
    "warm": lambda: warm(opts),
    "warm-minimal": lambda: warm(minimal),
    "warm-rebuild": lambda: warm(opts, rebuild),
}
proc = {"warm": session, "warm-minimal": session, "warm-rebuild": rebuild}
wall = {k: [] for k in variants}
cpu = {k: 0.0 for k in variants}
names = list(variants)
for i in range(rounds + 10):
    for name in names[i % len(names):] + names[:i % len(names)]:
        c0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        s0 = session_cpu(proc[name]) if name in proc else 0
        t0 = time.perf_counter()
        variants[name]()
        t1 = time.perf_counter()
        if i < 10:
            continue
        wall[name].append(t1 - t0)
        if name in proc:
            cpu[name] += session_cpu(proc[name]) - s0
        else:
            c1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu[name] += c1.ru_utime + c1.ru_stime - c0.ru_utime - c0.ru_stime
for s in (session, rebuild):
    s.stdin.close(); s.wait()

def pct(xs, p):
    xs = sorted(xs); return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]
mb = statistics.median(wall["bare"])
print(f"{rounds} interleaved rounds ({prio}); load average {open('/proc/loadavg').read().split()[0]}")
print(f"{'variant':14} {'median ms':>10} {'p90 ms':>9} {'added ms':>9} {'CPU ms/run':>11}")
for k in names:
    m = statistics.median(wall[k])
    print(f"{k:14} {m*1e3:10.3f} {pct(wall[k],90)*1e3:9.3f} {(m-mb)*1e3:9.3f} {cpu[k]/rounds*1e3:11.3f}")
added = statistics.median(wall["warm"]) - mb
print(f"warm run added over bare fork+exec: {added*1e3:.3f} ms (target <= 1 ms): {'met' if added <= 1e-3 else 'NOT met'}")
print(f"warm saves over one-shot: {(statistics.median(wall['oneshot']) - statistics.median(wall['warm']))*1e3:.3f} ms per run")
print("(session CPU is sampled in clock ticks and summed over all rounds; warm CPU includes the box's init)")
PY
