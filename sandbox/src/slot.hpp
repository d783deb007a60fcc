// Box slots: slot N owns uid/gid 60000+N, the cgroup khue/box-N and, through the lock file
// /run/khue-box/slot-N.lock (flock held for the whole run), the right to use them. Two concurrent runs
// therefore never share a uid, a cgroup, a /tmp or a /dev/shm.
#pragma once

#include <memory>
#include <optional>
#include <string>

namespace khue::sandbox {

inline constexpr const char* kRunDir = "/run/khue-box";
inline constexpr unsigned kFirstBoxUid = 60000;

class SlotLock {
  public:
    // With an id: waits until that slot is free. Without: takes the first free slot, or throws SandboxError
    // when all are busy.
    explicit SlotLock(std::optional<int> id);
    // Slot `id` when it is free right now, else nullptr.
    static std::unique_ptr<SlotLock> try_take(int id);
    SlotLock(const SlotLock&) = delete;
    SlotLock& operator=(const SlotLock&) = delete;
    ~SlotLock();
    int id() const { return id_; }

  private:
    SlotLock(int id, int fd) : id_(id), fd_(fd) {}
    int id_ = -1;
    int fd_ = -1;
};

// /run/khue-box, created 0700 on first use.
void ensure_run_dir();

}  // namespace khue::sandbox
