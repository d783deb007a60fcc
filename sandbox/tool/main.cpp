// khue-box: the only privileged piece of Khue. It links nothing but libc and libseccomp
// (docs/architecture.md), which is why its argument parser and JSON writer are hand-written: the code that
// runs as root stays small enough to audit.
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "khue/sandbox/args.hpp"
#include "khue/sandbox/box.hpp"
#include "khue/sandbox/result.hpp"
#include "khue/sandbox/trust.hpp"

namespace {

using namespace khue::sandbox;

bool write_all(int fd, std::string_view s) {
    while (!s.empty()) {
        ssize_t n = ::write(fd, s.data(), s.size());
        if (n < 0) {
            return false;
        }
        s.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

bool write_result(const BoxConfig& config, const RunResult& r) {
    std::string json = to_json(r);
    if (!config.result_path || *config.result_path == "-") {
        return write_all(STDOUT_FILENO, json);
    }
    int fd = -1;
    std::string why = "--result " + *config.result_path + ": not a writable regular file or /dev/null";
    try {
        fd = open_result_file(*config.result_path, load_path_policy());
    } catch (const std::exception& e) {
        why = e.what();
    }
    struct stat st {};
    const bool dev_null =
        fd >= 0 && ::fstat(fd, &st) == 0 && S_ISCHR(st.st_mode) && st.st_rdev == makedev(1, 3);
    if (!dev_null && (fd < 0 || ::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || ::ftruncate(fd, 0) != 0)) {
        std::fprintf(stderr, "khue-box: %s; result follows on stdout\n", why.c_str());
        if (fd >= 0) {
            ::close(fd);
        }
        write_all(STDOUT_FILENO, json);
        return false;
    }
    bool ok = write_all(fd, json);
    ::close(fd);
    return ok;
}

int run(const BoxConfig& config) {
    RunResult r = run_box(config);
    bool written = write_result(config, r);
    if (r.status == Status::SandboxError) {
        std::fprintf(stderr, "khue-box: sandbox error: %s\n", r.message.c_str());
        return 1;
    }
    return written ? 0 : 1;
}

int check(bool json) {
    auto items = check_protections();
    bool ok = true;
    std::string out = json ? "{\"protections\": [" : "";
    for (std::size_t i = 0; i < items.size(); ++i) {
        const auto& p = items[i];
        ok = ok && (p.active || !p.required);
        if (json) {
            out += (i ? ", " : "") + std::string("{\"name\": ") + json_quote(p.name) +
                   ", \"active\": " + (p.active ? "true" : "false") +
                   ", \"required\": " + (p.required ? "true" : "false") +
                   ", \"detail\": " + json_quote(p.detail) + "}";
        } else {
            out += std::string(p.active ? "[ ok ] " : (p.required ? "[FAIL] " : "[ -- ] ")) + p.name + " — " +
                   p.detail + "\n";
        }
    }
    if (json) {
        out += std::string("], \"ok\": ") + (ok ? "true" : "false") + "}\n";
    } else {
        out += ok ? "all protections a contest needs are active\n" : "MISSING protections a contest needs\n";
    }
    write_all(STDOUT_FILENO, out);
    return ok ? 0 : 1;
}

int cleanup_command() {
    auto problems = cleanup();
    for (const auto& p : problems) {
        std::fprintf(stderr, "khue-box cleanup: %s\n", p.c_str());
    }
    return problems.empty() ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    // A box that dies early closes the pipes we write to; that must be an error code, not our death. The
    // program itself gets default signal dispositions back before exec.
    ::signal(SIGPIPE, SIG_IGN);
    struct sigaction stop {};
    stop.sa_handler = interrupt_runs;
    sigemptyset(&stop.sa_mask);
    for (int sig : {SIGTERM, SIGINT, SIGHUP}) {
        ::sigaction(sig, &stop, nullptr);
    }
    // Its options name host paths that it mounts and chowns as root: installed setuid or with file
    // capabilities, it would hand root's files to any local user. Run it as root (a root service, or a narrow
    // sudo rule, whose paths are then confined to the configured roots) instead.
    if (auto why = refuse_caller()) {
        std::fprintf(stderr, "khue-box: %s\n", why->c_str());
        return 2;
    }
    std::vector<std::string_view> args(argv + 1, argv + argc);
    CommandLine cl;
    try {
        cl = parse_command_line(args);
    } catch (const UsageError& e) {
        std::fprintf(stderr, "khue-box: %s\n%s", e.what(), kUsage);
        return 2;
    }
    switch (cl.command) {
        case Command::Help:
            std::fputs(kUsage, stdout);
            return 0;
        case Command::Run:
            return run(cl.config);
        case Command::Session:
            return run_session(STDIN_FILENO, STDOUT_FILENO);
        case Command::Check:
            return check(cl.json);
        case Command::Cleanup:
            return cleanup_command();
        case Command::Clean: {
            int status = 0;
            for (const auto& folder : cl.folders) {
                try {
                    clean_folder(folder);
                } catch (const std::exception& e) {
                    std::fprintf(stderr, "khue-box: %s\n", e.what());
                    status = 1;
                }
            }
            return status;
        }
    }
    return 2;
}
