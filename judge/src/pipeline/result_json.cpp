#include "khue/judge/result_json.hpp"

#include <boost/json/serialize.hpp>

#include <cmath>
#include <cstdint>

namespace khue::judge {

namespace {
// Whole numbers print as integers ("1", not "1E0" as Boost.JSON 1.81 writes doubles).
boost::json::value number(double x) {
    if (std::isfinite(x) && x == std::floor(x) && std::fabs(x) < 1e15) {
        return static_cast<std::int64_t>(x);
    }
    return x;
}

// Millisecond precision: more would only show noise of the measurement.
boost::json::value seconds_value(Seconds s) {
    return number(std::round(s.count() * 1000.0) / 1000.0);
}
}  // namespace

boost::json::value judge_outcome_json(const JudgeOutcome& outcome) {
    boost::json::array tests;
    for (const auto& test : outcome.tests) {
        boost::json::object o{
            {"name", test.name},
            {"group", test.group},
            {"verdict", to_string(test.verdict)},
            {"cpu_time", seconds_value(test.cpu_time)},
            {"wall_time", seconds_value(test.wall_time)},
            {"memory_kib", test.memory.in_kib()},
            {"message", test.message},
        };
        // Only when the CPU time was near the limit and the fastest of several runs decided
        // (time_confirm.hpp).
        if (test.time_runs > 1) {
            o["time_runs"] = test.time_runs;
        }
        // Only when the judge kept them (JudgeOptions::keep_output): the sample runs of the team page.
        if (!test.output.empty() || !test.error_output.empty()) {
            o["output"] = test.output;
            o["error_output"] = test.error_output;
        }
        tests.push_back(std::move(o));
    }
    return boost::json::object{
        {"verdict", to_string(outcome.verdict)},
        {"score", number(outcome.score)},
        {"max_score", number(outcome.max_score)},
        {"time_limit", number(outcome.time_limit.count())},
        {"compile", boost::json::object{{"ok", outcome.compile.ok}, {"output", outcome.compile.output}}},
        {"tests", std::move(tests)},
        // Why the verdict is JE (or what else the judging has to say); empty when nothing.
        {"message", outcome.internal_message},
    };
}

std::string to_json(const JudgeOutcome& outcome) {
    return boost::json::serialize(judge_outcome_json(outcome));
}

}  // namespace khue::judge
