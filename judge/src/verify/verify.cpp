#include "khue/judge/verify.hpp"

#include "khue/judge/language.hpp"
#include "khue/judge/scoring.hpp"

#include <algorithm>
#include <cstdio>

namespace khue::judge {
namespace fs = std::filesystem;

namespace {

std::string verdict_set(const std::set<Verdict>& verdicts) {
    std::string out;
    for (auto v : verdicts) {
        out += (out.empty() ? "" : ",") + std::string(to_string(v));
    }
    return out;
}

void collect_group_scores(const GroupScore& group, std::vector<std::pair<std::string, double>>& out) {
    out.emplace_back(group.name, group.score);
    for (const auto& child : group.groups) {
        collect_group_scores(child, out);
    }
}

std::vector<fs::path> program_sources(const Program& program) {
    std::vector<fs::path> files;
    if (program.is_directory) {
        for (const auto& entry : fs::directory_iterator(program.path)) {
            if (entry.is_regular_file()) {
                files.push_back(entry.path());
            }
        }
        std::sort(files.begin(), files.end());
    } else {
        files.push_back(program.path);
    }
    return files;
}

std::string format_seconds(Seconds s) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.3f s", s.count());
    return buffer;
}

}  // namespace

std::string describe_expectation(const Expectation& expectation) {
    if (expectation.final_verdict) {
        return "final " + verdict_set(*expectation.final_verdict);
    }
    std::string out;
    for (const auto& rule : expectation.rules) {
        std::string part;
        if (rule.required) {
            part = "some " + verdict_set(*rule.required);
        } else if (rule.permitted) {
            part = "all " + verdict_set(*rule.permitted);
        }
        if (rule.score) {
            char buffer[64];
            std::snprintf(buffer, sizeof buffer, "score %g..%g", rule.score->first, rule.score->second);
            part += (part.empty() ? "" : " ") + std::string(buffer);
        }
        if (!rule.test_pattern.empty()) {
            part += " on " + rule.test_pattern;
        }
        if (!part.empty()) {
            out += (out.empty() ? "" : "; ") + part;
        }
    }
    return out.empty() ? "anything" : out;
}

JudgedSubmission judged_submission(const Problem& problem, const JudgeOutcome& outcome) {
    JudgedSubmission judged;
    judged.compiled = outcome.compile.ok;
    judged.verdict = outcome.verdict;
    if (problem.scoring) {
        judged.score = outcome.score;
    }
    Outcomes outcomes;
    for (const auto& test : outcome.tests) {
        judged.tests.push_back({test.name, test.verdict, test.message});
        outcomes[test.name] = TestOutcome{test.verdict, test.score, test.score_multiplier};
    }
    if (outcome.compile.ok) {
        collect_group_scores(score_submission(problem, outcomes).data, judged.group_scores);
    }
    return judged;
}

VerifyReport verify_problem(const Problem& problem, const VerifyOptions& options, Box& box) {
    const LanguageSet& languages = options.languages != nullptr ? *options.languages : default_languages();
    VerifyReport report;
    const auto say = [&](const std::string& line) {
        if (options.progress) {
            options.progress(line);
        }
    };
    const auto judge_one = [&](const ExampleSubmission& example, Seconds limit) {
        VerifiedSubmission verified;
        verified.submission = &example;
        verified.judged_with = limit;
        SubmissionFiles files{example.language.value_or(""), program_sources(example.program),
                              example.entrypoint};
        JudgeOptions judge_options;
        judge_options.time_limit_override = limit;
        // Verification measures how long the package's submissions take, to check or derive the limit: one
        // run per test, never the fastest of several (time_confirm.hpp), which would understate the slow
        // ones.
        judge_options.time_confirmation.margin = 0;
        judge_options.cache_dir = options.cache_dir;
        judge_options.languages = &languages;
        say("judging " + example.name + " (time limit " + format_seconds(limit) + ")");
        try {
            verified.outcome = judge_submission(problem, files, judge_options, box);
        } catch (const std::exception& e) {
            verified.error = e.what();
            verified.match.ok = false;
            verified.match.failures.push_back(std::string("cannot be judged: ") + e.what());
            say("  " + example.name + ": " + verified.error);
            return verified;
        }
        const Language* language = languages.find(verified.outcome.language);
        const double multiplier = language != nullptr ? language->time_multiplier : 1.0;
        for (const auto& test : verified.outcome.tests) {
            // A test stopped at the limit would have run longer than it (even if a wall-clock kill on a busy
            // host came before the CPU clock got there): count it just above the limit, so that "TLE above
            // limit × margin" holds for a submission that timed out under limit × margin.
            const Seconds time = test.verdict == Verdict::TLE
                                     ? std::max(test.cpu_time / multiplier, limit + Seconds{0.001})
                                     : test.cpu_time / multiplier;
            verified.max_time = std::max(verified.max_time, time);
        }
        if (verified.outcome.internal_error) {
            verified.match.ok = false;
            verified.match.failures.push_back("sandbox failure: " + verified.outcome.internal_message);
        } else {
            verified.match =
                match_expectation(example.expectation, judged_submission(problem, verified.outcome));
        }
        for (const std::string& why : example.expectation_errors) {
            verified.match.ok = false;
            verified.match.failures.push_back("malformed expectation: " + why);
        }
        if (!verified.outcome.internal_message.empty() && !verified.outcome.internal_error) {
            verified.match.failures.push_back(verified.outcome.internal_message);
        }
        say("  " + example.name + ": " + std::string(to_string(verified.outcome.verdict)) +
            ", slowest test " + format_seconds(verified.max_time) + (verified.match.ok ? "" : "  MISMATCH"));
        return verified;
    };

    if (!options.time_limit_only && !problem.input_validators.empty()) {
        say("running " + std::to_string(problem.input_validators.size()) + " input validator(s) on " +
            std::to_string(problem.test_cases().size()) + " test input(s)");
        report.input_validation = validate_inputs(problem, languages, options.cache_dir, box);
        for (const std::string& failure : report.input_validation.failures) {
            say("  " + failure);
        }
    }
    // Round 1: the submissions that bound the time limit from below (accepted ones). With no limit in the
    // package they run under a generous one and their times decide the limit.
    std::vector<const ExampleSubmission*> lower;
    std::vector<const ExampleSubmission*> upper;
    std::vector<const ExampleSubmission*> others;
    for (const auto& example : problem.submissions) {
        switch (example.use_for_time_limit) {
            case TimeLimitUse::Lower:
                lower.push_back(&example);
                break;
            case TimeLimitUse::Upper:
                upper.push_back(&example);
                break;
            case TimeLimitUse::None:
                others.push_back(&example);
                break;
        }
    }
    const bool derive = !problem.limits.time_limit.has_value();
    const Seconds first_limit = derive ? options.generous_time_limit : *problem.limits.time_limit;
    if (derive) {
        say("the package has no time limit: judging accepted submissions with " +
            format_seconds(first_limit) + " to derive it");
    }
    Seconds slowest{0};
    for (const auto* example : lower) {
        report.submissions.push_back(judge_one(*example, first_limit));
        slowest = std::max(slowest, report.submissions.back().max_time);
    }
    // The limit from the accepted submissions alone, then checked against the TLE ones.
    auto decision = derive_time_limit(slowest, std::nullopt, problem.limits, problem.version);
    if (derive && lower.empty()) {
        decision.limit = kDefaultTimeLimit;
        decision.explanation =
            "no accepted submission to derive it from: the default " + format_seconds(kDefaultTimeLimit);
    }
    report.time_limit = derive ? decision.limit : *problem.limits.time_limit;
    report.time_limit_derived = derive;
    if (derive) {
        say("derived time limit " + format_seconds(report.time_limit) + ": " + decision.explanation);
    }
    if (options.time_limit_only) {
        report.decision = decision;
        report.ok = true;
        for (const auto& s : report.submissions) {
            report.ok = report.ok && s.match.ok;
        }
        return report;
    }
    // Round 2: TLE submissions must time out even with the safety margin on top of the limit, so they run
    // under limit × margin; the rest under the limit.
    const double margin = problem.version == FormatVersion::Legacy ? problem.limits.time_safety_margin
                                                                   : problem.limits.time_limit_to_tle;
    std::optional<Seconds> fastest_tle;
    for (const auto* example : upper) {
        report.submissions.push_back(judge_one(*example, report.time_limit * margin));
        const auto& verified = report.submissions.back();
        if (verified.error.empty() && verified.outcome.compile.ok) {
            fastest_tle = fastest_tle ? std::min(*fastest_tle, verified.max_time) : verified.max_time;
        }
    }
    for (const auto* example : others) {
        report.submissions.push_back(judge_one(*example, report.time_limit));
    }
    report.decision = derive_time_limit(slowest, fastest_tle, problem.limits, problem.version);
    std::sort(report.submissions.begin(), report.submissions.end(),
              [](const auto& a, const auto& b) { return a.submission->name < b.submission->name; });
    report.ok = report.decision.consistent && report.input_validation.failures.empty();
    for (const auto& s : report.submissions) {
        report.ok = report.ok && s.match.ok;
    }
    return report;
}

}  // namespace khue::judge
