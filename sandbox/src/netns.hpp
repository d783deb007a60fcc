// The box's network namespace: empty, loopback down, so no network at all. Creating a network namespace costs
// 0.6-4 ms (measured on the 2-core judge VM), more than the rest of the box together, so each slot keeps one,
// pinned by a bind mount at /run/khue-box/net-N, and every run of that slot joins it with setns(). Runs of
// one slot never overlap (the slot lock), and nothing of a run survives it, so sharing the namespace across
// runs of the same slot shares nothing between programs. `khue-box cleanup` removes them.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace khue::sandbox {

// An fd of slot `slot`'s network namespace (created when missing), close-on-exec. The caller owns it.
int open_slot_netns(int slot);

// Unmounts and removes the /run/khue-box/net-N files for which `may_remove(N)` is true; returns what could
// not be removed.
std::vector<std::string> remove_slot_netns(const std::function<bool(int)>& may_remove);

}  // namespace khue::sandbox
