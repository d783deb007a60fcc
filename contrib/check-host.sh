#!/usr/bin/env bash
# Reports the host settings that make run times noisy or unfair, like isolate's isolate-check-environment:
# CPU frequency scaling governor, turbo boost, SMT (hyper-threading), swap, transparent huge pages, the cgroup
# version khue-box will use, CPU placement (isolated CPUs, slot pinning) and address space randomisation. It only reads; each finding says what to change.
#
# usage: contrib/check-host.sh [--quiet]   (exit status 0: nothing to report, 1: at least one warning)
set -uo pipefail

quiet=0
[[ "${1:-}" == "--quiet" ]] && quiet=1
warnings=0

ok() { [[ $quiet == 1 ]] || printf '[ ok ] %s\n' "$*"; }
warn() { printf '[WARN] %s\n' "$*"; warnings=$((warnings + 1)); }
info() { [[ $quiet == 1 ]] || printf '[ -- ] %s\n' "$*"; }

# CPU frequency governor: anything but "performance" changes the clock under the program.
govs=$(cat /sys/devices/system/cpu/cpu*/cpufreq/scaling_governor 2>/dev/null | sort -u | tr '\n' ' ')
if [[ -z "$govs" ]]; then
    info "CPU frequency governor: not exposed (a VM, or no cpufreq driver)"
elif [[ "$govs" == "performance " ]]; then
    ok "CPU frequency governor: performance"
else
    warn "CPU frequency governor: ${govs}(set 'performance' on every CPU: cpupower frequency-set -g performance)"
fi

# Turbo boost: the clock then depends on how many cores are busy and on temperature.
if [[ -r /sys/devices/system/cpu/intel_pstate/no_turbo ]]; then
    if [[ "$(cat /sys/devices/system/cpu/intel_pstate/no_turbo)" == 1 ]]; then
        ok "turbo boost: off (intel_pstate)"
    else
        warn "turbo boost: on (echo 1 > /sys/devices/system/cpu/intel_pstate/no_turbo)"
    fi
elif [[ -r /sys/devices/system/cpu/cpufreq/boost ]]; then
    if [[ "$(cat /sys/devices/system/cpu/cpufreq/boost)" == 0 ]]; then
        ok "turbo boost: off"
    else
        warn "turbo boost: on (echo 0 > /sys/devices/system/cpu/cpufreq/boost)"
    fi
else
    info "turbo boost: not exposed"
fi

# SMT: two programs on sibling threads of one core slow each other down.
if [[ -r /sys/devices/system/cpu/smt/active ]]; then
    if [[ "$(cat /sys/devices/system/cpu/smt/active)" == 0 ]]; then
        ok "SMT (hyper-threading): inactive"
    else
        warn "SMT (hyper-threading): active (echo off > /sys/devices/system/cpu/smt/control, or run one box per core)"
    fi
else
    info "SMT: not exposed"
fi

# Swap: khue-box forbids it per box (memsw / memory.swap.max), but host swapping still slows everything.
if [[ -n "$(tail -n +2 /proc/swaps 2>/dev/null)" ]]; then
    warn "swap: enabled (swapoff -a; boxes themselves never swap)"
else
    ok "swap: off"
fi

# Transparent huge pages: compaction stalls and a memory peak that depends on alignment.
thp=$(cat /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null || true)
case "$thp" in
    *"[never]"*) ok "transparent huge pages: never" ;;
    *"[madvise]"*) ok "transparent huge pages: madvise" ;;
    "") info "transparent huge pages: not exposed" ;;
    *) warn "transparent huge pages: always (echo madvise > /sys/kernel/mm/transparent_hugepage/enabled)" ;;
esac
defrag=$(cat /sys/kernel/mm/transparent_hugepage/defrag 2>/dev/null || true)
case "$defrag" in
    *"[always]"*) warn "THP defrag: always (direct compaction stalls; echo madvise > .../transparent_hugepage/defrag)" ;;
    "") ;;
    *) ok "THP defrag: not always" ;;
esac

# Address space randomisation changes cache behaviour from run to run (a small effect; reported, not warned).
aslr=$(cat /proc/sys/kernel/randomize_va_space 2>/dev/null || echo "?")
info "address space randomisation: $aslr (2 = full; khue-box leaves it on)"

# cgroup version: which backend khue-box will use (khue-box check gives the details).
if grep -q ' - cgroup2 ' /proc/self/mountinfo && [[ -r /sys/fs/cgroup/cgroup.controllers ]] &&
    grep -qw memory /sys/fs/cgroup/cgroup.controllers; then
    ok "cgroups: v2 with the memory controller (khue-box backend cgroup-v2)"
elif grep -q ' - cgroup .*memory' /proc/self/mountinfo; then
    ok "cgroups: v1 memory/pids/cpuacct (khue-box backend cgroup-v1)"
else
    warn "cgroups: no memory controller found (khue-box would fall back to rlimits: no contest like this)"
fi

# CPU placement: the judge pins each worker slot's runs to one CPU (KHUE_BOX_PIN, docs/deployment.md); CPUs kept
# free of other tasks and of the timer tick make those runs steadier still.
isolated=$(cat /sys/devices/system/cpu/isolated 2>/dev/null || true)
if [[ -n "$isolated" ]]; then
    ok "isolated CPUs: $isolated (give them to the judging slots)"
else
    info "isolated CPUs: none (isolcpus=/nohz_full= on the kernel command line keeps other tasks off judging CPUs)"
fi
if [[ "${KHUE_BOX_PIN:-1}" == 0 ]]; then
    warn "KHUE_BOX_PIN=0: worker slots are not pinned to CPUs; their runs migrate and share CPUs"
else
    info "worker slots are pinned one CPU each (khue-box --cpus); run at most $(nproc) judging slots here"
fi
if command -v irqbalance >/dev/null && pgrep -x irqbalance >/dev/null; then
    info "irqbalance: running (interrupts may land on judging CPUs; consider IRQBALANCE_BANNED_CPUS)"
fi

# Load: other work on the judge host competes for the CPU caches and memory bandwidth.
read -r load1 _ < /proc/loadavg
cpus=$(nproc)
if awk -v l="$load1" -v c="$cpus" 'BEGIN { exit !(l > c / 2) }'; then
    warn "load average $load1 on $cpus CPUs: other work is running on the judge host"
else
    ok "load average $load1 on $cpus CPUs"
fi

if [[ $warnings -gt 0 ]]; then
    printf '%d setting(s) can make run times vary; see above\n' "$warnings"
    exit 1
fi
[[ $quiet == 1 ]] || echo "no setting found that makes run times vary"
exit 0
