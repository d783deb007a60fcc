// The warm variant of the corpus (CTest names warm.*, KHUE_HOSTILE_WARM=1): every run of a case is a request
// to one `khue-box session` process instead of a `khue-box run` of its own, so each case also proves that the
// session gives its program nothing more, and a case with a second run proves that a run in a session leaves
// nothing for the next one.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace khue::hostile {

bool warm_mode();

class WarmSession {
  public:
    // Starts `box session` with `env`, its standard error into `err_file`. Inherited descriptors pass as they
    // would to a one-shot khue-box.
    WarmSession(const std::string& box, const std::vector<std::string>& env,
                const std::filesystem::path& err_file);
    ~WarmSession();
    WarmSession(const WarmSession&) = delete;
    WarmSession& operator=(const WarmSession&) = delete;

    // `argv` as for one-shot (box, "run", options, "--", program...) but without --result. Writes the answer
    // to `result` (never through a symlink) and returns the exit status a one-shot khue-box would have had: 0
    // for a result, 1 for a sandbox_error, 128+signal (or 125 when it ended) when the session itself died or
    // was killed after `timeout`; the session is then restarted by the next call.
    int run(const std::vector<std::string>& argv, const std::filesystem::path& result,
            std::chrono::milliseconds timeout);

  private:
    void start();
    void stop(bool kill);

    std::string box_;
    std::vector<std::string> env_;
    std::filesystem::path err_file_;
    pid_t pid_ = -1;
    int to_ = -1, from_ = -1;
};

}  // namespace khue::hostile
