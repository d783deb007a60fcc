// Host-side observation for the hostile corpus: what the runner looks at after each run to decide that the
// host is unharmed. Everything here only reads, except the fixtures, which the runner owns and tears down.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace khue::hostile {

// The state of every file under a folder, to prove that a run wrote nothing outside its box.
struct FileState {
    std::uintmax_t size = 0;
    unsigned mode = 0;
    uid_t owner = 0;
    std::size_t content_hash = 0;  // of the bytes, or of the link target for symlinks
    bool operator==(const FileState&) const = default;
};
using Snapshot = std::map<std::string, FileState>;

// Walks `root` without following symlinks, skipping everything under a path in `skip`.
Snapshot snapshot(const std::filesystem::path& root, const std::set<std::filesystem::path>& skip);

// Readable differences ("changed: PATH", "added: PATH", "removed: PATH").
std::vector<std::string> differences(const Snapshot& before, const Snapshot& after);

// Processes whose real or effective uid is `uid`, other than `except`, as "pid (comm) state X".
std::vector<std::string> processes_of_uid(uid_t uid, const std::set<pid_t>& except);

// Processes still listed in any cgroup folder named box-<id> under a folder named khue, in any hierarchy
// mounted under /sys/fs/cgroup, as "path: pid pid ...".
std::vector<std::string> busy_box_cgroups(int box_id);

// Entries directly under the host's shared temporary folders owned by `uid`.
std::vector<std::string> stray_files_of_uid(uid_t uid);

// Runs argv (argv[0] is a path) with stdout and stderr into `log`, waits, and returns its exit status.
int run_and_wait(const std::vector<std::string>& argv, const std::filesystem::path& log);

std::string read_file(const std::filesystem::path& path, std::uintmax_t limit = 1 << 20);

// A host process running as the box's uid ("victim") that a box must not be able to signal.
class Victim {
  public:
    explicit Victim(uid_t uid);
    ~Victim();
    Victim(const Victim&) = delete;
    Victim& operator=(const Victim&) = delete;
    pid_t pid() const { return pid_; }
    bool alive() const;

  private:
    pid_t pid_ = -1;
};

// TCP on 127.0.0.1 and an abstract unix socket; reports whether anyone connected.
class Listener {
  public:
    Listener();
    ~Listener();
    Listener(const Listener&) = delete;
    Listener& operator=(const Listener&) = delete;
    int port() const { return port_; }
    const std::string& abstract_name() const { return abstract_; }
    // Connections accepted since construction, drained now (non-blocking).
    int connections();

  private:
    int tcp_ = -1;
    int unix_ = -1;
    int port_ = 0;
    std::string abstract_;
};

// Another box running at the same time (a sleeping program with a secret in its folder). When the case is
// over the runner kills this khue-box with SIGKILL, as a crashing worker would, and its box must die with it.
class Neighbour {
  public:
    Neighbour(const std::string& box_path, int box_id, const std::filesystem::path& dir,
              const std::filesystem::path& log);
    ~Neighbour();
    Neighbour(const Neighbour&) = delete;
    Neighbour& operator=(const Neighbour&) = delete;
    // True once a process of `uid` runs, i.e. the neighbour's program started; waits at most `timeout`.
    bool wait_started(uid_t uid, std::chrono::milliseconds timeout) const;
    // SIGKILL to khue-box itself (never to its box: the box must follow on its own), and reap it.
    void kill_box();

  private:
    pid_t pid_ = -1;
};

// A pseudo-terminal whose slave becomes khue-box's standard input.
class Pty {
  public:
    Pty();
    ~Pty();
    Pty(const Pty&) = delete;
    Pty& operator=(const Pty&) = delete;
    int slave() const { return slave_; }
    // Whatever was pushed into the terminal's input queue (TIOCSTI), read without blocking from the slave.
    std::string injected();

  private:
    int master_ = -1;
    int slave_ = -1;
};

}  // namespace khue::hostile
