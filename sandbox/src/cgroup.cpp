// Backend choice and discovery. Cgroups are only ever created under a parent named `khue` inside the cgroup
// khue-box itself runs in, so khue-box never touches a cgroup it did not create.
#include <dirent.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <sstream>

#include "fs_util.hpp"
#include "khue/sandbox/cgroup.hpp"
#include "khue/sandbox/error.hpp"

namespace khue::sandbox {

std::string_view to_string(LimitsBackend b) {
    switch (b) {
        case LimitsBackend::CgroupV2:
            return "cgroup-v2";
        case LimitsBackend::CgroupV1:
            return "cgroup-v1";
        case LimitsBackend::Rlimit:
            return "rlimit";
    }
    return "rlimit";
}

LimitsBackend choose_backend(const ControllerSet& v2, const ControllerSet& v1) {
    if (v2.complete()) {
        return LimitsBackend::CgroupV2;
    }
    if (v1.complete()) {
        return LimitsBackend::CgroupV1;
    }
    return LimitsBackend::Rlimit;
}

namespace {

std::vector<std::string> split(std::string_view s, char sep) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (pos <= s.size()) {
        auto next = s.find(sep, pos);
        if (next == std::string_view::npos) {
            next = s.size();
        }
        out.emplace_back(s.substr(pos, next - pos));
        pos = next + 1;
    }
    return out;
}

struct Mount {
    std::string root, point;
};

// The host path of cgroup `path` (as /proc/self/cgroup names it) inside a mount of the hierarchy whose own
// root is `m.root` (not "/" inside containers that bind only part of the tree).
std::string join(const Mount& m, const std::string& path) {
    std::string rel = path;
    if (m.root != "/" && rel.starts_with(m.root)) {
        rel = rel.substr(m.root.size());
    }
    if (rel == "/") {
        rel.clear();
    }
    return m.point + rel;
}

bool has_word(std::string_view list, std::string_view word) {
    std::istringstream in{std::string(list)};
    std::string w;
    while (in >> w) {
        if (w == word) {
            return true;
        }
    }
    return false;
}

}  // namespace

CgroupProbe probe_cgroups() {
    CgroupProbe p;
    std::optional<Mount> v2, mem, pids, cpuacct;
    if (auto info = fs::try_read_file("/proc/self/mountinfo")) {
        for (const auto& line : split(*info, '\n')) {
            auto dash = line.find(" - ");
            if (dash == std::string::npos) {
                continue;
            }
            auto left = split(line.substr(0, dash), ' ');
            auto right = split(line.substr(dash + 3), ' ');
            if (left.size() < 5 || right.size() < 3) {
                continue;
            }
            Mount m{left[3], left[4]};
            if (right[0] == "cgroup2") {
                v2 = m;
            } else if (right[0] == "cgroup") {
                for (const auto& opt : split(right[2], ',')) {
                    if (opt == "memory") {
                        mem = m;
                    } else if (opt == "pids") {
                        pids = m;
                    } else if (opt == "cpuacct") {
                        cpuacct = m;
                    }
                }
            }
        }
    }
    std::string own_v2 = "/";
    std::string own_mem = "/", own_pids = "/", own_cpuacct = "/";
    if (auto self = fs::try_read_file("/proc/self/cgroup")) {
        for (const auto& line : split(*self, '\n')) {
            auto parts = split(line, ':');
            if (parts.size() < 3) {
                continue;
            }
            // The path may itself contain ':'.
            std::string path = line.substr(parts[0].size() + parts[1].size() + 2);
            if (parts[0] == "0" && parts[1].empty()) {
                own_v2 = path;
            }
            for (const auto& c : split(parts[1], ',')) {
                if (c == "memory") {
                    own_mem = path;
                } else if (c == "pids") {
                    own_pids = path;
                } else if (c == "cpuacct") {
                    own_cpuacct = path;
                }
            }
        }
    }
    if (const char* fake = std::getenv("KHUE_CGROUP_V2_ROOT"); fake && *fake) {
        p.v2_parent = fake;
    } else if (v2) {
        p.v2_parent = join(*v2, own_v2);
    }
    if (!p.v2_parent.empty()) {
        // Controllers our own cgroup can hand down to khue/ (after enabling them in its subtree_control).
        if (auto ctl = fs::try_read_file(p.v2_parent + "/cgroup.controllers")) {
            p.v2 = {has_word(*ctl, "memory"), has_word(*ctl, "pids"), has_word(*ctl, "cpu")};
        }
    }
    if (mem) {
        p.v1_memory_parent = join(*mem, own_mem);
        p.v1.memory = fs::exists(p.v1_memory_parent + "/memory.limit_in_bytes");
    }
    if (pids) {
        p.v1_pids_parent = join(*pids, own_pids);
        p.v1.pids = fs::exists(p.v1_pids_parent + "/cgroup.procs");
    }
    if (cpuacct) {
        p.v1_cpuacct_parent = join(*cpuacct, own_cpuacct);
        p.v1.cpu = fs::exists(p.v1_cpuacct_parent + "/cpuacct.usage");
    }
    p.backend = choose_backend(p.v2, p.v1);
    // Forcing the fallback lets tests exercise it on a host with cgroups; it only ever weakens accounting and
    // is reported loudly like any other fallback.
    if (const char* force = std::getenv("KHUE_BOX_BACKEND"); force && std::string_view(force) == "rlimit") {
        p.backend = LimitsBackend::Rlimit;
    }
    return p;
}

std::unique_ptr<Cgroup> make_cgroup(const CgroupProbe& probe, int box_id) {
    switch (probe.backend) {
        case LimitsBackend::CgroupV2:
            return make_cgroup_v2(probe.v2_parent, box_id);
        case LimitsBackend::CgroupV1:
            return make_cgroup_v1(probe, box_id);
        case LimitsBackend::Rlimit:
            break;
    }
    return nullptr;
}

namespace {

void remove_khue_tree(const std::string& parent, const std::function<bool(int)>& may_remove,
                      std::vector<std::string>& problems) {
    if (parent.empty()) {
        return;
    }
    std::string khue = parent + "/khue";
    DIR* d = ::opendir(khue.c_str());
    if (!d) {
        return;
    }
    std::vector<std::string> boxes;
    bool kept = false;
    while (dirent* e = ::readdir(d)) {
        std::string_view name = e->d_name;
        if (e->d_type == DT_DIR && name.starts_with("box-")) {
            if (may_remove(std::atoi(e->d_name + 4))) {
                boxes.emplace_back(name);
            } else {
                kept = true;
            }
        }
    }
    ::closedir(d);
    for (const auto& b : boxes) {
        std::string path = khue + "/" + b;
        if (::rmdir(path.c_str()) != 0) {
            problems.push_back("cannot remove " + path + ": " + std::strerror(errno));
        }
    }
    if (!kept && ::rmdir(khue.c_str()) != 0 && errno != ENOENT) {
        problems.push_back("cannot remove " + khue + ": " + std::strerror(errno));
    }
}

}  // namespace

std::vector<std::string> cleanup_cgroups(const CgroupProbe& probe,
                                         const std::function<bool(int)>& may_remove) {
    std::vector<std::string> problems;
    if (probe.v2.complete()) {
        remove_khue_tree(probe.v2_parent, may_remove, problems);
    }
    remove_khue_tree(probe.v1_memory_parent, may_remove, problems);
    remove_khue_tree(probe.v1_pids_parent, may_remove, problems);
    remove_khue_tree(probe.v1_cpuacct_parent, may_remove, problems);
    return problems;
}

}  // namespace khue::sandbox
