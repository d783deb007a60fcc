// The seccomp filter every box program runs under (documented in sandbox/SECCOMP.md). Built with libseccomp
// in the supervisor and exported as a raw BPF program, so that the child only needs one prctl() to install
// it.
#pragma once

#include <linux/filter.h>

#include <string>
#include <vector>

namespace khue::sandbox {

struct SeccompProgram {
    std::vector<sock_filter> filter;
    sock_fprog prog() { return {static_cast<unsigned short>(filter.size()), filter.data()}; }
};

// `pinned`: the run has --cpus, so sched_setaffinity is denied (EPERM) and the program cannot leave its CPUs.
SeccompProgram build_seccomp_policy(bool pinned = false);

// libseccomp's pseudo-code of the policy, for `khue-box check` and tests.
std::string seccomp_policy_text(bool pinned = false);

// In the child, after PR_SET_NO_NEW_PRIVS; returns 0 or errno.
int install_seccomp(sock_fprog* prog) noexcept;

}  // namespace khue::sandbox
