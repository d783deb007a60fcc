// `khue-box check` and `khue-box cleanup`: what the host offers and whether a real box holds, and the removal
// of what crashed runs left behind.
#include <dirent.h>
#include <unistd.h>

#include <map>
#include <memory>

#include "fs_util.hpp"
#include "khue/sandbox/box.hpp"
#include "khue/sandbox/cgroup.hpp"
#include "limits.hpp"
#include "netns.hpp"
#include "seccomp_policy.hpp"
#include "slot.hpp"

namespace khue::sandbox {

std::vector<Protection> check_protections() {
    std::vector<Protection> out;
    out.push_back(
        {"root", ::geteuid() == 0, true, "khue-box needs root to create namespaces and switch uids"});

    CgroupProbe probe = probe_cgroups();
    bool cg = probe.backend != LimitsBackend::Rlimit;
    const ControllerSet& set = probe.backend == LimitsBackend::CgroupV2 ? probe.v2 : probe.v1;
    out.push_back({"cgroup backend", cg, true,
                   std::string(to_string(probe.backend)) + (cg ? "" : ": " + std::string(kRlimitWarning))});
    out.push_back({"memory limit and accounting (cgroup)", cg && set.memory, true,
                   probe.backend == LimitsBackend::CgroupV1 ? probe.v1_memory_parent : probe.v2_parent});
    out.push_back({"process limit (pids cgroup)", cg && set.pids, true,
                   probe.backend == LimitsBackend::CgroupV1 ? probe.v1_pids_parent : probe.v2_parent});
    out.push_back({"CPU accounting of all threads (cgroup)", cg && set.cpu, true,
                   probe.backend == LimitsBackend::CgroupV1 ? probe.v1_cpuacct_parent : probe.v2_parent});

    try {
        build_seccomp_policy();
        out.push_back({"seccomp policy builds", true, true, "libseccomp"});
    } catch (const std::exception& e) {
        out.push_back({"seccomp policy builds", false, true, e.what()});
    }

    // The real thing: a box that prints its own /proc/self/status, which shows the PID namespace (Pid 2), the
    // uid, the capabilities, no_new_privs and the seccomp mode as the program sees them.
    BoxConfig c;
    c.argv = {"/usr/bin/cat", "/proc/self/status"};
    c.wall_time_limit = std::chrono::seconds{5};
    std::string status_path = std::string(kRunDir) + "/check-status.txt";
    bool ran = false;
    std::string status, detail;
    try {
        ensure_run_dir();
        c.stdout_path = status_path;
        RunResult r = run_box(c);
        ran = r.status == Status::Exited && r.exit_code == 0;
        detail = ran ? "ran /usr/bin/cat in a box" : "test box failed: " + r.message;
        status = fs::try_read_file(status_path).value_or("");
        ::unlink(status_path.c_str());
    } catch (const std::exception& e) {
        detail = e.what();
    }
    auto field = [&status](std::string_view key) {
        auto pos = status.find(std::string(key) + ":\t");
        if (pos == std::string::npos) {
            return std::string();
        }
        pos += key.size() + 2;
        return status.substr(pos, status.find('\n', pos) - pos);
    };
    out.push_back({"namespaces, pivot_root and exec in a box", ran, true, detail});
    out.push_back({"PID namespace (program is PID 2)", field("Pid") == "2", true, "Pid: " + field("Pid")});
    std::string uids = field("Uid");
    out.push_back({"unprivileged box uid", ran && !uids.starts_with("0"), true, "Uid: " + uids});
    out.push_back({"no capabilities",
                   field("CapEff") == "0000000000000000" && field("CapBnd") == "0000000000000000", true,
                   "CapEff: " + field("CapEff") + ", CapBnd: " + field("CapBnd")});
    out.push_back({"no_new_privs", field("NoNewPrivs") == "1", true, "NoNewPrivs: " + field("NoNewPrivs")});
    out.push_back({"seccomp filter active", field("Seccomp") == "2", true, "Seccomp: " + field("Seccomp")});

    // What the box shows of the host: /proc/self/cgroup must be "/" everywhere (cgroup namespace), and
    // /proc/cmdline must not exist (proc subset=pid, or masked: then it is empty and cat succeeds silently).
    BoxConfig leak;
    leak.argv = {"/usr/bin/cat", "/proc/self/cgroup", "/proc/cmdline"};
    leak.wall_time_limit = std::chrono::seconds{5};
    leak.stdout_path = status_path;
    leak.stderr_path = "/dev/null";
    std::string shown;
    int exit_code = -1;
    try {
        RunResult r = run_box(leak);
        exit_code = r.status == Status::Exited ? r.exit_code.value_or(-1) : -1;
        shown = fs::try_read_file(status_path).value_or("");
        ::unlink(status_path.c_str());
    } catch (const std::exception&) {
    }
    bool rooted = !shown.empty();
    std::size_t pos = 0;
    while (rooted && pos < shown.size()) {
        auto eol = shown.find('\n', pos);
        std::string_view line(shown.data() + pos, (eol == std::string::npos ? shown.size() : eol) - pos);
        rooted = line.ends_with(":/");
        pos = eol == std::string::npos ? shown.size() : eol + 1;
    }
    out.push_back({"cgroup namespace (the box's cgroup is /)", rooted, true,
                   rooted ? "every line of /proc/self/cgroup ends in ':/'" : "/proc/self/cgroup: " + shown});
    bool hidden = (exit_code == 1) || (exit_code == 0 && rooted);
    out.push_back({"host-wide /proc files hidden (subset=pid or masked)", hidden, true,
                   exit_code == 1 ? "/proc/cmdline does not exist"
                                  : "/proc/cmdline: exit " + std::to_string(exit_code)});
    return out;
}

std::vector<std::string> cleanup() {
    // Only idle slots are cleaned, and they stay locked until the end, so a concurrent run is never
    // disturbed.
    std::map<int, std::unique_ptr<SlotLock>> held;
    auto may_remove = [&held](int id) {
        if (id < 0 || id > kMaxBoxId) {
            return false;
        }
        if (!held.contains(id)) {
            held[id] = SlotLock::try_take(id);
        }
        return held[id] != nullptr;
    };
    auto problems = cleanup_cgroups(probe_cgroups(), may_remove);
    // Cached seccomp programs (cached_seccomp_policy); a run that needs one builds it again.
    if (DIR* d = ::opendir(kRunDir)) {
        while (dirent* e = ::readdir(d)) {
            std::string_view n = e->d_name;
            if (n.starts_with("seccomp-") && (n.ends_with(".bpf") || n.find(".bpf.tmp") != n.npos)) {
                ::unlinkat(::dirfd(d), e->d_name, 0);
            }
        }
        ::closedir(d);
    }
    for (auto& p : remove_slot_netns(may_remove)) {
        problems.push_back(std::move(p));
    }
    return problems;
}

}  // namespace khue::sandbox
