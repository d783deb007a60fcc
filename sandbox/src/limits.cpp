#include "limits.hpp"

#include <cerrno>

namespace khue::sandbox {

RlimitPlan plan_rlimits(const BoxConfig& config, bool fallback) {
    RlimitPlan plan;
    auto add = [&plan](int resource, rlim_t soft, rlim_t hard) {
        plan.entries[plan.count++] = {resource, {soft, hard}};
    };
    if (config.cpu_time_limit) {
        // A backstop for a single process: the supervisor's poll of the cgroup catches the sum of all threads
        // and processes earlier. One second above the limit (whole seconds only), SIGKILL one second later.
        auto whole = std::chrono::ceil<std::chrono::seconds>(*config.cpu_time_limit).count() + 1;
        add(RLIMIT_CPU, static_cast<rlim_t>(whole), static_cast<rlim_t>(whole + 1));
    }
    // One byte more than the limit: writing exactly the limit is allowed, and a file that ends up longer than
    // the limit shows an attempt to exceed it even when the program ignores SIGXFSZ (box.cpp cuts it back).
    add(RLIMIT_FSIZE, config.output_limit.count() + 1, config.output_limit.count() + 1);
    if (config.memory_limit) {
        // As at the ICPC: the stack may use all of the memory limit.
        add(RLIMIT_STACK, config.memory_limit->count(), config.memory_limit->count());
    }
    add(RLIMIT_NOFILE, config.max_open_files, config.max_open_files);
    add(RLIMIT_CORE, 0, 0);
    add(RLIMIT_MEMLOCK, 0, 0);
    if (fallback) {
        if (config.memory_limit) {
            add(RLIMIT_AS, config.memory_limit->count(), config.memory_limit->count());
        }
        // Counts every process of the box uid; each slot has its own uid, so this is per box.
        add(RLIMIT_NPROC, config.max_processes, config.max_processes);
    }
    return plan;
}

int apply_rlimits(const RlimitPlan& plan, int* resource) noexcept {
    for (std::size_t i = 0; i < plan.count; ++i) {
        if (::setrlimit(static_cast<__rlimit_resource>(plan.entries[i].resource), &plan.entries[i].value) !=
            0) {
            *resource = plan.entries[i].resource;
            return errno;
        }
    }
    return 0;
}

}  // namespace khue::sandbox
