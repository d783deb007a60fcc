// `khue-box session`: many runs for one caller without starting khue-box again for each (box.hpp,
// run_session). What it saves per run is the exec of khue-box itself, the caller's spawn of it, the path
// policy, the cgroup probe, the seccomp program load, and the box's base mount namespace (warm_ns.hpp); what
// a run must find fresh is still made fresh per run by run_box_with(), so a session gives no channel between
// runs that one-shot runs would not.
#include <sys/prctl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "host_state.hpp"
#include "khue/sandbox/args.hpp"
#include "khue/sandbox/box.hpp"
#include "khue/sandbox/error.hpp"
#include "khue/sandbox/result.hpp"
#include "warm_ns.hpp"

namespace khue::sandbox {
namespace {

// A request longer than this is not a judge talking (the kernel refuses to exec more than a few MiB of
// arguments and environment anyway): the session ends instead of buffering it.
constexpr std::size_t kMaxRequest = 8 << 20;

bool write_all(int fd, std::string_view s) {
    while (!s.empty()) {
        ssize_t n = ::write(fd, s.data(), s.size());
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return false;
        }
        s.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

enum class Read { Request, End, Broken };

// Reads one request (NUL-ended arguments, then an empty one) into `args`; `buffer` keeps what was read past
// it.
Read read_request(int fd, std::string& buffer, std::vector<std::string>& args, std::string& why) {
    args.clear();
    std::size_t pos = 0;
    for (;;) {
        while (pos < buffer.size()) {
            auto nul = buffer.find('\0', pos);
            if (nul == std::string::npos) {
                break;
            }
            if (nul == pos) {
                buffer.erase(0, nul + 1);
                return Read::Request;
            }
            args.emplace_back(buffer.substr(pos, nul - pos));
            pos = nul + 1;
        }
        if (buffer.size() > kMaxRequest) {
            why = "a request is longer than " + std::to_string(kMaxRequest) + " bytes";
            return Read::Broken;
        }
        char chunk[8192];
        ssize_t n = ::read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR) {
            if (stop_signal() != 0) {
                why = "stopped by signal " + std::to_string(stop_signal());
                return Read::Broken;
            }
            continue;
        }
        if (n < 0) {
            why = std::string("cannot read requests: ") + std::strerror(errno);
            return Read::Broken;
        }
        if (n == 0) {
            if (buffer.empty()) {
                return Read::End;
            }
            why = "end of input in the middle of a request";
            return Read::Broken;
        }
        buffer.append(chunk, static_cast<std::size_t>(n));
    }
}

// Drops every capability from this process's bounding set and reads it back: true when it is empty.
bool empty_bounding_set() {
    for (int cap = 0; ::prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) == 0; ++cap) {
    }
    for (int cap = 0;; ++cap) {
        int in = ::prctl(PR_CAPBSET_READ, cap, 0, 0, 0);
        if (in < 0) {
            return cap > 0 && errno == EINVAL;  // past the last capability this kernel knows
        }
        if (in != 0) {
            return false;
        }
    }
}

RunResult refused(const std::string& message) {
    RunResult r;
    r.status = Status::SandboxError;
    r.message = message;
    return r;
}

}  // namespace

int run_session(int in_fd, int out_fd) {
    HostState host;
    try {
        host = load_host_state();
        // KHUE_BOX_WARM_BASE=0 builds every run's root from scratch as a one-shot run does (for comparison).
        if (const char* base = std::getenv("KHUE_BOX_WARM_BASE"); !base || std::string_view(base) != "0") {
            if (WarmNamespaces::supported()) {
                host.warm = std::make_shared<WarmNamespaces>();
            } else {
                std::fprintf(
                    stderr,
                    "khue-box session: this kernel has no open_tree (Linux 5.2+); every run builds its "
                    "mount namespace\n");
            }
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "khue-box session: %s\n", e.what());
        return 1;
    }
    host.bounding_set_empty = empty_bounding_set();
    std::string buffer;
    std::vector<std::string> args;
    for (;;) {
        std::string why;
        switch (read_request(in_fd, buffer, args, why)) {
            case Read::End:
                return 0;
            case Read::Broken:
                std::fprintf(stderr, "khue-box session: %s\n", why.c_str());
                return 1;
            case Read::Request:
                break;
        }
        RunResult r;
        try {
            std::vector<std::string_view> views(args.begin(), args.end());
            BoxConfig config = parse_run_options(views);
            if (config.result_path && *config.result_path != "-") {
                throw UsageError("--result: a session answers on its standard output; leave it out");
            }
            config.result_path.reset();
            // The session's own standard streams are the protocol: a program must never inherit them.
            for (auto* stream : {&config.stdin_path, &config.stdout_path, &config.stderr_path}) {
                if (!*stream) {
                    *stream = "/dev/null";
                }
            }
            r = run_box_with(config, host);
        } catch (const UsageError& e) {
            r = refused(std::string("request: ") + e.what());
        }
        if (!write_all(out_fd, to_json(r))) {
            std::fprintf(stderr, "khue-box session: cannot write a result: %s\n", std::strerror(errno));
            return 1;
        }
        if (int sig = stop_signal(); sig != 0) {
            std::fprintf(stderr, "khue-box session: stopped by signal %d\n", sig);
            return 1;
        }
    }
}

}  // namespace khue::sandbox
