#include "server/package_verifier.hpp"

#include "khue/judge/box.hpp"
#include "khue/judge/package.hpp"
#include "khue/judge/verify.hpp"

#include <spdlog/spdlog.h>
#include <boost/json.hpp>

#include <random>

namespace khue::api {

namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

// Thrown out of verify_problem's progress callback: it is called before each submission, so a server that
// stops does not wait for the rest of a package's judging.
struct Cancelled {};

struct RemoveOnExit {
    fs::path path;
    ~RemoveOnExit() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

json::array table_of(const judge::VerifyReport& report) {
    json::array table;
    for (const auto& s : report.submissions) {
        json::array failures;
        for (const auto& f : s.match.failures) {
            failures.emplace_back(f);
        }
        if (!s.error.empty()) {
            failures.emplace_back(s.error);
        }
        table.push_back(json::object{
            {"name", s.submission->name},
            {"expected", judge::describe_expectation(s.submission->expectation)},
            {"verdict", s.error.empty() ? json::value(judge::to_string(s.outcome.verdict)) : nullptr},
            {"score", s.outcome.score},
            {"max_time", s.max_time.count()},
            {"time_limit", s.judged_with.count()},
            {"ok", s.match.ok && s.error.empty()},
            {"failures", std::move(failures)},
        });
    }
    return table;
}

}  // namespace

PackageVerifier::PackageVerifier(std::size_t max_waiting)
    : max_waiting_(max_waiting), thread_([this] { run(); }) {}

PackageVerifier::~PackageVerifier() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    // A verification in progress stops after the submission being judged (see Cancelled).
    thread_.join();
    for (const auto& job : waiting_) {
        std::error_code ec;
        fs::remove(job.zip, ec);
    }
}

bool PackageVerifier::enqueue(const std::string& problem_id, const fs::path& zip) {
    Job job{problem_id, zip, 0};
    {
        std::lock_guard lock(mutex_);
        std::erase_if(waiting_, [&](const Job& j) {
            if (j.problem_id != problem_id) {
                return false;
            }
            std::error_code ec;
            fs::remove(j.zip, ec);
            return true;
        });
        job.generation = ++generation_;
        if (waiting_.size() >= max_waiting_) {
            std::error_code ec;
            fs::remove(zip, ec);
            results_[problem_id] = {
                job.generation,
                json::object{{"problem_id", problem_id},
                             {"state", "failed"},
                             {"ok", false},
                             {"table", json::array{}},
                             {"message", std::to_string(waiting_.size()) +
                                             " packages are already waiting for verification; upload this "
                                             "one again later, or run `khue verify` on it"}}};
            return false;
        }
        results_[problem_id] = {job.generation,
                                json::object{{"problem_id", problem_id},
                                             {"state", "queued"},
                                             {"ok", nullptr},
                                             {"table", json::array{}},
                                             {"message", "waiting for " + std::to_string(waiting_.size()) +
                                                             " other package(s)"}}};
        waiting_.push_back(std::move(job));
    }
    wake_.notify_one();
    return true;
}

std::optional<json::value> PackageVerifier::status(const std::string& problem_id) {
    std::lock_guard lock(mutex_);
    auto it = results_.find(problem_id);
    if (it == results_.end()) {
        return std::nullopt;
    }
    return json::value(it->second.second);
}

void PackageVerifier::set(const Job& job, json::object status) {
    std::lock_guard lock(mutex_);
    auto& slot = results_[job.problem_id];
    if (slot.first <= job.generation) {  // a newer upload's state is not overwritten by an older run
        status["problem_id"] = job.problem_id;
        slot = {job.generation, std::move(status)};
    }
}

void PackageVerifier::run() {
    for (;;) {
        Job job;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [&] { return stopping_ || !waiting_.empty(); });
            if (stopping_) {
                return;
            }
            job = std::move(waiting_.front());
            waiting_.pop_front();
        }
        verify(job);
    }
}

void PackageVerifier::verify(const Job& job) {
    RemoveOnExit zip_file{job.zip};
    RemoveOnExit extracted{fs::temp_directory_path() /
                           ("khue-verify-" + std::to_string(std::random_device{}()))};
    set(job, {{"state", "running"}, {"ok", nullptr}, {"table", json::array{}}, {"message", "loading"}});
    try {
        judge::LoadOptions load;
        load.extract_to = extracted.path;
        judge::Problem problem = judge::load_problem(job.zip, load);
        if (problem.submissions.empty()) {
            set(job, {{"state", "done"},
                      {"ok", false},
                      {"table", json::array{}},
                      {"message", "the package has no example submissions to verify it with"}});
            return;
        }
        judge::VerifyOptions options;
        options.progress = [this, &job](const std::string& line) {
            {
                std::lock_guard lock(mutex_);
                if (stopping_) {
                    throw Cancelled{};
                }
            }
            set(job, {{"state", "running"}, {"ok", nullptr}, {"table", json::array{}}, {"message", line}});
        };
        judge::KhueBoxClient box;
        auto started = std::chrono::steady_clock::now();
        judge::VerifyReport report = judge::verify_problem(problem, options, box);
        std::string sandbox_failure;
        for (const auto& s : report.submissions) {
            if (s.outcome.internal_error) {
                sandbox_failure = s.submission->name + ": " + s.outcome.internal_message;
                break;
            }
        }
        if (!sandbox_failure.empty()) {
            set(job, {{"state", "failed"},
                      {"ok", false},
                      {"table", table_of(report)},
                      {"message", "the sandbox failed on " + sandbox_failure}});
            return;
        }
        double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        spdlog::info("verified package of problem {}: {} in {:.1f} s", job.problem_id,
                     report.ok ? "ok" : "MISMATCH", seconds);
        set(job, {{"state", "done"},
                  {"ok", report.ok},
                  {"table", table_of(report)},
                  {"time_limit", report.time_limit.count()},
                  {"time_limit_derived", report.time_limit_derived},
                  {"suggested_time_limit", report.decision.limit.count()},
                  {"time_limit_consistent", report.decision.consistent},
                  {"time_limit_explanation", report.decision.explanation},
                  {"message", report.ok ? "all example submissions behave as promised"
                                        : "some example submissions do not behave as promised"}});
    } catch (const Cancelled&) {
        set(job, {{"state", "failed"},
                  {"ok", false},
                  {"table", json::array{}},
                  {"message", "the server stopped during the verification"}});
    } catch (const judge::PackageError& e) {
        set(job, {{"state", "failed"}, {"ok", false}, {"table", json::array{}}, {"message", e.what()}});
    } catch (const judge::SandboxError& e) {
        set(job, {{"state", "failed"},
                  {"ok", false},
                  {"table", json::array{}},
                  {"message", std::string("sandbox: ") + e.what()}});
    } catch (const std::exception& e) {
        set(job, {{"state", "failed"}, {"ok", false}, {"table", json::array{}}, {"message", e.what()}});
    }
}

}  // namespace khue::api
