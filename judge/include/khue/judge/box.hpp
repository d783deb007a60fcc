// "Run this in a box": the judge's interface to the sandbox (CONTRIBUTING.md, style). The judge owns this
// interface; the khue-box client implements it, and unit tests plug in a fake. Implementations report facts
// (RunReport), never verdicts, and signal a broken sandbox with SandboxError so that it can never become a
// contestant's verdict.
#pragma once

#include "khue/judge/types.hpp"

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace khue::judge {

namespace detail {
class SessionPool;  // box/khue_box_session.hpp
}

// The sandbox itself failed (khue-box exited 1, crashed, or wrote no readable result). The job must be
// retried; this is never shown to a contestant as a verdict.
class SandboxError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// A host path made visible inside the box (read-only unless `writable`).
struct BoxMount {
    std::filesystem::path host;
    std::filesystem::path inside;
    bool writable = false;
};

// One program to run in a fresh box. Absent limits are left to khue-box's defaults.
struct RunSpec {
    std::vector<std::string> argv;  // argv[0] is a path inside the box
    std::optional<Seconds> cpu_time;
    std::optional<Seconds> wall_time;
    std::optional<Bytes> memory;
    std::optional<int> processes;
    std::optional<Bytes> output;  // largest file the program may write (stdout included)
    std::optional<std::filesystem::path> stdin_file;
    std::optional<std::filesystem::path> stdout_file;
    std::optional<std::filesystem::path> stderr_file;
    std::optional<std::filesystem::path> dir;  // mounted read-write at /box, the working directory
    std::vector<BoxMount> mounts;
    std::vector<std::pair<std::string, std::string>> env;  // nothing else is inherited; pass PATH yourself
    // A package program judging the submission (output validator, checker, interactor): it runs in a box slot
    // of its own, never in the submission's, so nothing the submission left in its slot reaches it.
    bool helper = false;
    // khue-box --cpus: the program and everything it starts run only on these CPUs (empty: anywhere).
    std::vector<int> cpus;
};

// Two programs run at the same time, each one's stdout piped into the other's stdin (interactive problems).
// The stdin/stdout fields of both specs must be empty: the pipes take their place.
struct ConnectedReports {
    RunReport first;
    RunReport second;
    bool first_ended_first = false;  // which side exited first matters for the interactive verdict order
};

class Box {
  public:
    virtual ~Box() = default;
    // Runs `spec` to completion. Throws SandboxError when the sandbox, not the program, failed.
    virtual RunReport run(const RunSpec& spec) = 0;
    // Runs both programs connected by pipes and waits for both. Throws SandboxError as run() does.
    virtual ConnectedReports run_connected(const RunSpec& first, const RunSpec& second) = 0;
};

// Where khue-box lives: $KHUE_BOX, else next to the running executable (build/khue-box beside build/khue, or
// <prefix>/bin/khue-box beside <prefix>/bin/khue). Returns nullopt when neither exists.
std::optional<std::filesystem::path> locate_khue_box();

// Whether khue-box is started through `sudo -n` (the deployment where the server runs as an unprivileged user
// and a narrow sudoers rule, contrib/sudoers.d/khue, lets it run khue-box as root): KHUE_BOX_SUDO=1 forces
// it, KHUE_BOX_SUDO=0 forbids it, and unset means "when not running as root".
bool box_via_sudo();

// The program to start and its arguments for one khue-box call: khue-box itself, or sudo in front of it.
std::pair<std::filesystem::path, std::vector<std::string>> khue_box_launch(
    const std::filesystem::path& khue_box, bool sudo, std::vector<std::string> args);

// Runs programs in khue-box. run() goes through warm `khue-box session` processes (a small pool, one per
// concurrent caller, started on first use and ended with the client), which save starting khue-box per run;
// when a session cannot be started (e.g. no sudo rule for it) or breaks, the run is a one-shot
// `khue-box run ...` instead (Boost.Process v2 on an Asio executor, waited asynchronously), as is every
// run_connected() and every run with KHUE_BOX_WARM=0.
// Each call has its own io_context and scratch files, so one client may serve several judging threads at
// once, provided no fixed box id was given (khue-box then picks a free slot per run).
// With fixed ids (a worker slot), the submission's runs use `box_id` and helper runs (RunSpec::helper:
// checkers, validators, interactors) use `helper_box_id`, in run() and run_connected() alike.
class KhueBoxClient final : public Box {
  public:
    // Throws SandboxError when no khue-box is found.
    KhueBoxClient();
    explicit KhueBoxClient(std::filesystem::path khue_box, std::optional<int> box_id = std::nullopt,
                           std::optional<int> helper_box_id = std::nullopt);

    RunReport run(const RunSpec& spec) override;
    ConnectedReports run_connected(const RunSpec& first, const RunSpec& second) override;

    // Every later run whose spec names no CPUs runs on these (slot_cpus()); empty: anywhere.
    void pin_to(std::vector<int> cpus) { pin_ = std::move(cpus); }

    const std::filesystem::path& executable() const { return khue_box_; }
    bool via_sudo() const { return sudo_; }

  private:
    std::filesystem::path khue_box_;
    bool sudo_ = box_via_sudo();
    std::optional<int> box_id_;         // fixed slot of the submission's runs
    std::optional<int> helper_box_id_;  // fixed slot of helper runs
    std::optional<int> slot_for(const RunSpec& spec) const { return spec.helper ? helper_box_id_ : box_id_; }
    std::shared_ptr<detail::SessionPool> sessions_;  // null: one-shot only
    std::vector<int> pin_;
    RunSpec pinned(const RunSpec& spec) const;
};

// The khue-box command line for `spec` (everything after the khue-box executable), for tests and diagnostics.
std::vector<std::string> khue_box_arguments(const RunSpec& spec, const std::filesystem::path& result_file,
                                            std::optional<int> box_id);

// The CPU a worker slot's runs are pinned to, so that neighbouring slots never share a CPU's caches and the
// scheduler never migrates a timed program: the slot-th CPU (modulo their number) of those this process may
// use. Empty when KHUE_BOX_PIN=0 or the affinity cannot be read.
std::vector<int> slot_cpus(int slot);

// The request of one run in a `khue-box session` (the arguments of `khue-box run` after "run", no --result).
std::vector<std::string> khue_box_session_request(const RunSpec& spec, std::optional<int> box_id);

// Parses khue-box's result JSON. Throws SandboxError when it is not a well-formed result.
RunReport parse_box_result(std::string_view json);

}  // namespace khue::judge
