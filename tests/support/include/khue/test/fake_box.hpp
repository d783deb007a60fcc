// A scripted box for unit tests: each run() is answered by `handler`, which may also write the output files
// the spec names (so the pipeline's checkers see a plausible program output). It records every call.
#pragma once

#include <functional>
#include <stdexcept>
#include <utility>
#include <vector>

#include "khue/judge/box.hpp"

namespace khue::test {

class FakeBox final : public judge::Box {
  public:
    using Handler = std::function<judge::RunReport(const judge::RunSpec&)>;
    using ConnectedHandler =
        std::function<judge::ConnectedReports(const judge::RunSpec&, const judge::RunSpec&)>;

    explicit FakeBox(Handler handler, ConnectedHandler connected = {})
        : handler_(std::move(handler)), connected_(std::move(connected)) {}

    judge::RunReport run(const judge::RunSpec& spec) override {
        calls_.push_back(spec);
        return handler_(spec);
    }

    judge::ConnectedReports run_connected(const judge::RunSpec& first,
                                          const judge::RunSpec& second) override {
        calls_.push_back(first);
        calls_.push_back(second);
        if (!connected_) {
            throw std::logic_error("FakeBox: no handler for connected runs was given");
        }
        return connected_(first, second);
    }

    const std::vector<judge::RunSpec>& calls() const { return calls_; }

  private:
    Handler handler_;
    ConnectedHandler connected_;
    std::vector<judge::RunSpec> calls_;
};

}  // namespace khue::test
