#include "khue/judge/time_confirm.hpp"

namespace khue::judge {

namespace {

bool comparable(const RunReport& run) {
    return run.status == RunStatus::Exited || run.status == RunStatus::TimeLimit;
}

}  // namespace

Seconds cpu_kill_limit(Seconds limit, double margin) {
    return margin > 0 ? limit * (1 + margin) : limit;
}

bool near_time_limit(const RunReport& run, Seconds limit, double margin) {
    if (run.status != RunStatus::Exited || margin <= 0 || limit.count() <= 0) {
        return false;
    }
    return run.cpu_time >= limit * (1 - margin) && run.cpu_time <= limit * (1 + margin);
}

ConfirmedRun run_confirming_time(const std::function<RunReport(int)>& run_once, Seconds limit,
                                 const TimeConfirmation& rule) {
    ConfirmedRun out;
    out.fastest = run_once(0);
    out.cpu_times.push_back(out.fastest.cpu_time);
    for (int i = 1; i <= rule.extra_runs && near_time_limit(out.fastest, limit, rule.margin); ++i) {
        RunReport again = run_once(i);
        out.cpu_times.push_back(again.cpu_time);
        if (!comparable(again)) {
            // A crash or an out-of-memory kill on a re-run is a fact about the program, not timing noise.
            out.fastest = std::move(again);
            out.fastest_index = out.cpu_times.size() - 1;
            break;
        }
        if (again.cpu_time < out.fastest.cpu_time) {
            out.fastest = std::move(again);
            out.fastest_index = out.cpu_times.size() - 1;
        }
    }
    return out;
}

}  // namespace khue::judge
