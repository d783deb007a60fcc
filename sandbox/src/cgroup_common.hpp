// Pieces shared by the two cgroup backends.
#pragma once

#include <sys/types.h>

#include <string>
#include <string_view>
#include <vector>

#include "khue/sandbox/types.hpp"

namespace khue::sandbox::cg {

// Reads the whole of an open cgroup file from offset 0 (seq files regenerate their content on each read).
std::string pread_all(int fd, const std::string& path_for_errors);

// SIGKILLs every pid listed in `procs_file` until the file is empty; gives up after about a second and
// reports false. Only pids in our own khue/box-N cgroup are ever listed, so only processes of our run are
// killed.
bool kill_listed(const std::string& procs_file);

int open_or_throw(const std::string& path, int flags);

// The files of one cgroup directory, opened once and kept for the session (a session runs many programs in
// the same slot): per run, only a stat() of the directory instead of an open() and close() per file. Never
// for files whose content an open file caches (v1 cgroup.procs keeps its pid list for a second per open
// file).
class HeldDir {
  public:
    explicit HeldDir(std::string dir) : dir_(std::move(dir)) {}
    HeldDir(const HeldDir&) = delete;
    HeldDir& operator=(const HeldDir&) = delete;
    ~HeldDir() { forget(); }
    const std::string& path() const { return dir_; }
    // Whether the directory held is still the one at path(): false when it is missing, or was removed and
    // made again (by `khue-box cleanup` between two runs, or by prepare() itself); then every descriptor is
    // closed, so that nothing is read from or written to a dead cgroup.
    bool current();
    // The directory itself (O_RDONLY|O_DIRECTORY), opened on first use. Throws SandboxError.
    int dir_fd();
    // `name` in the directory opened with `flags` on first use. Throws SandboxError naming the path.
    int fd(std::string_view name, int flags);
    // pwrite at offset 0 (cgroup files take one value per write). Throws naming the path.
    void write(std::string_view name, std::string_view value);
    std::string read(std::string_view name);
    void forget();

  private:
    std::string dir_;
    int dir_fd_ = -1;
    dev_t dev_ = 0;
    ino_t ino_ = 0;
    struct File {
        std::string name;
        int flags;
        int fd;
    };
    std::vector<File> files_;
};

// Memory still charged to a slot's cgroup before a run above which the slot gets a fresh cgroup: more than
// the kernel memory that a cgroup keeps after any run (a few hundred KiB), less than anything that could
// change a verdict.
inline constexpr unsigned long long kLeftoverBytes = 1024 * 1024;

}  // namespace khue::sandbox::cg
