// What a warm session (`khue-box session`) makes once instead of once per run: the box's mount namespace
// with its read-only root, system folders, /etc, /dev and the mount points (the "base", one per distinct
// base of a MountPlan). Each run's init joins the base and unshares a private copy of it, in which it mounts
// only what must be fresh (/proc of its PID namespace, /tmp, /dev/shm, /box, the --mount binds). No host path
// is visible in the copy, so the supervisor hands the init detached copies of the bind sources (open_tree).
//
// Freeing a mount namespace waits for an RCU grace period (milliseconds on a busy host). The init therefore
// sends its namespace to the supervisor (SCM_RIGHTS on a socket the supervisor keeps): when the init exits,
// the namespace still has a reference and its exit is quick; the supervisor closes that socket later on a
// reclaimer thread, off the run's critical path.
#pragma once

#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "mounts.hpp"

namespace khue::sandbox {

class WarmNamespaces {
  public:
    WarmNamespaces();
    WarmNamespaces(const WarmNamespaces&) = delete;
    WarmNamespaces& operator=(const WarmNamespaces&) = delete;
    ~WarmNamespaces();

    // Whether this kernel has what a base needs (open_tree and move_mount, Linux 5.2).
    static bool supported();

    // The base mount namespace (an nsfs fd owned here) of `plan`, made on first use. Throws SandboxError.
    int base(const MountPlan& plan);
    // Sets `tree_fd` of every per-run bind of `plan` to a detached copy of its source, checked to be the
    // inode the plan expects. The caller closes them after the run. Throws SandboxError.
    static void open_trees(MountPlan& plan);
    // Closes `fd` on the reclaimer thread. Waits while too many are still waiting to be closed, so that the
    // namespaces (and their tmpfs contents) of finished runs cannot pile up.
    void retire(int fd);

  private:
    void reclaim();

    static constexpr std::size_t kMaxBases = 4;
    static constexpr std::size_t kMaxPending = 4;
    std::map<std::string, int> bases_;
    std::deque<std::string> order_;  // oldest base first
    std::mutex mutex_;
    std::condition_variable cv_;
    std::deque<int> pending_;
    bool stop_ = false;
    std::thread thread_;
};

}  // namespace khue::sandbox
