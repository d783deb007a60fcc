// Near-limit confirmation (docs/problems.md "Time limits"): a run whose CPU time ends within a margin of the
// time limit, on either side, is run again (up to `extra_runs` more times) and the fastest run decides. The
// CPU time of one run varies by a few percent on any machine; without this, the same submission could be
// accepted in one judgement and rejected in the next.
#pragma once

#include <functional>
#include <vector>

#include "khue/judge/types.hpp"

namespace khue::judge {

struct TimeConfirmation {
    double margin = 0.10;  // fraction of the limit on each side; 0 turns confirmation off
    int extra_runs = 2;    // at most this many runs after the first
};

// The CPU time at which the box stops a run: the limit plus the margin (the limit itself with margin 0). A
// program that needs a little more than the limit then ends by itself, and its time says how far over it
// was; one the box had to stop is over by more than the margin.
Seconds cpu_kill_limit(Seconds limit, double margin);

// Whether `run` is close enough to `limit` that the verdict could flip on a re-run: it exited, and its CPU
// time lies within [limit * (1 - margin), limit * (1 + margin)]. A run the box stopped for CPU time (at
// cpu_kill_limit) is not: running an endless loop again would only spend its time again.
bool near_time_limit(const RunReport& run, Seconds limit, double margin);

struct ConfirmedRun {
    RunReport fastest;               // the run that decides the verdict
    std::size_t fastest_index = 0;   // its position in `cpu_times`
    std::vector<Seconds> cpu_times;  // every run's CPU time, in run order
    bool confirmed() const { return cpu_times.size() > 1; }
};

// Calls `run_once(i)` for run i = 0, 1, ...: once, then again while the fastest run so far is near the limit
// and fewer than 1 + extra_runs runs were made. A run that is not comparable (crashed, out of memory, output
// limit) ends the series: its own verdict stands. SandboxError from run_once propagates.
ConfirmedRun run_confirming_time(const std::function<RunReport(int)>& run_once, Seconds limit,
                                 const TimeConfirmation& rule);

}  // namespace khue::judge
