// A FakeBox handler that behaves like the fixture programs under tests/judge/programs/ without running them:
// each submission source carries a marker `fake: <behaviour>`, and tests supply the validator's behaviour.
// The pipeline cannot tell the difference, since it only sees RunReports and the files a run leaves behind.
#pragma once

#include "khue/judge/box.hpp"
#include "khue/test/fake_box.hpp"

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>

namespace khue::judge::testing {

namespace fs = std::filesystem;
using khue::test::FakeBox;

inline const fs::path kPrograms = fs::path(KHUE_SOURCE_DIR) / "tests/judge/programs";

inline std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

inline void write_file(const fs::path& p, const std::string& text) {
    std::ofstream(p, std::ios::binary) << text;
}

// The host path behind a path seen inside the box.
inline fs::path host_path(const RunSpec& spec, const std::string& inside) {
    for (const auto& m : spec.mounts) {
        const auto prefix = m.inside.string() + "/";
        if (inside.rfind(prefix, 0) == 0) {
            return m.host / inside.substr(prefix.size());
        }
    }
    if (inside.rfind("/box/", 0) == 0 && spec.dir) {
        return *spec.dir / inside.substr(5);
    }
    return inside;
}

inline bool is_compile(const RunSpec& spec) {
    for (const auto& m : spec.mounts) {
        if (m.inside == "/judge/exe") {
            return false;
        }
    }
    return true;
}

inline bool is_validator(const RunSpec& spec) {
    for (const auto& arg : spec.argv) {
        if (arg == "/box/") {
            return true;
        }
    }
    return false;
}

// The behaviour marker of the program whose build folder is mounted at /judge/exe (or is the compile dir).
inline std::string behaviour(const RunSpec& spec) {
    fs::path dir = spec.dir ? *spec.dir : fs::path();
    for (const auto& m : spec.mounts) {
        if (m.inside == "/judge/exe") {
            dir = m.host;
        }
    }
    if (dir.empty() || !fs::is_directory(dir)) {
        return "";
    }
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (!entry.is_regular_file()) {
            continue;
        }
        const auto text = read_file(entry.path());
        const auto at = text.find("fake: ");
        if (at != std::string::npos) {
            const auto end = text.find_first_of(" \n*", at + 6);
            return text.substr(at + 6, end - at - 6);
        }
    }
    return "";
}

inline RunReport exited(int code, double cpu = 0.01) {
    RunReport r;
    r.status = RunStatus::Exited;
    r.exit_code = code;
    r.cpu_time = Seconds{cpu};
    r.wall_time = Seconds{cpu + 0.005};
    r.peak_memory = kib(1024);
    return r;
}

// Sum-problem submissions: ok, wa-secret (off by one when the sum exceeds 5), tle, rte, ce (at compile time).
inline RunReport simulate_sum(const RunSpec& spec) {
    const auto what = behaviour(spec);
    if (is_compile(spec)) {
        if (what == "ce") {
            write_file(*spec.stderr_file, "main.c:1: error: expected ';'\n");
            return exited(1);
        }
        return exited(0);
    }
    if (what == "tle") {
        RunReport r = exited(0, spec.cpu_time->count());
        r.status = RunStatus::TimeLimit;
        return r;
    }
    if (what == "rte") {
        RunReport r = exited(0);
        r.status = RunStatus::Signaled;
        r.signal = 6;
        return r;
    }
    std::istringstream in(read_file(*spec.stdin_file));
    long a = 0;
    long b = 0;
    in >> a >> b;
    long sum = a + b;
    if (what == "wa-secret" && sum > 5) {
        ++sum;
    }
    if (what == "double") {
        sum = 2 * a;
    }
    write_file(*spec.stdout_file, std::to_string(sum) + "\n");
    return exited(0);
}

}  // namespace khue::judge::testing
