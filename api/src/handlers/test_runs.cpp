// "Run on samples" (test_runs.hpp): the queue, the child `khue judge --samples-only --json` and the HTTP
// handler for /api/khue/test-runs.
#include "handlers/test_runs.hpp"

#include "app.hpp"
#include "handlers/handlers.hpp"
#include "khue/api/contest_api.hpp"

#include <spdlog/spdlog.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/json.hpp>
#include <boost/process/v2/process.hpp>
#include <boost/process/v2/start_dir.hpp>
#include <boost/process/v2/stdio.hpp>

#include <fcntl.h>
#include <unistd.h>
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <sstream>

namespace khue::api {

namespace asio = boost::asio;
namespace bp = boost::process::v2;
namespace fs = std::filesystem;
namespace json = boost::json;
using Clock = std::chrono::steady_clock;

namespace {

constexpr auto kWindow = std::chrono::seconds(60);
constexpr auto kKeepResults = std::chrono::minutes(15);
constexpr std::size_t kMaxKeptJobs = 2000;

std::string read_head(const fs::path& file, std::size_t limit) {
    std::ifstream in(file, std::ios::binary);
    std::string text(limit, '\0');
    in.read(text.data(), static_cast<std::streamsize>(limit));
    text.resize(static_cast<std::size_t>(in.gcount()));
    return text;
}

// A file name the child can be given as it is: letters, digits, '_', '-', '.', not dot-led, not too long.
bool plain_file_name(const std::string& name) {
    return !name.empty() && name.size() <= 64 && name.front() != '.' &&
           std::all_of(name.begin(), name.end(), [](unsigned char c) {
               return std::isalnum(c) != 0 || c == '_' || c == '-' || c == '.';
           });
}

// A private scratch folder for one run; removed with everything in it.
class Scratch {
  public:
    Scratch() {
        std::string pattern = (fs::temp_directory_path() / "khue-test-run-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) {
            throw std::runtime_error("cannot make a scratch folder in " + fs::temp_directory_path().string());
        }
        path_ = pattern;
        // The sandbox's user reads the source from here.
        fs::permissions(path_, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                   fs::perms::others_read | fs::perms::others_exec);
    }
    ~Scratch() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    Scratch(const Scratch&) = delete;
    Scratch& operator=(const Scratch&) = delete;
    const fs::path& path() const { return path_; }

  private:
    fs::path path_;
};

// Only what the team page shows of the child's JSON: the samples are the team's to see anyway.
json::value team_view(const json::value& child) {
    const auto& in = child.as_object();
    json::object out;
    out["verdict"] = in.contains("verdict") ? in.at("verdict") : json::value("JE");
    if (const auto* compile = in.if_contains("compile")) {
        out["compile"] = *compile;
    }
    json::array tests;
    if (const auto* list = in.if_contains("tests"); list && list->is_array()) {
        for (const auto& t : list->as_array()) {
            const auto& o = t.as_object();
            json::object view;
            for (const char* key : {"name", "verdict", "cpu_time", "wall_time", "memory_kib", "message",
                                    "input", "expected", "output", "error_output"}) {
                if (const auto* v = o.if_contains(key)) {
                    view[key] = *v;
                }
            }
            tests.push_back(std::move(view));
        }
    }
    out["tests"] = std::move(tests);
    return out;
}

}  // namespace

TestRuns::TestRuns(fs::path khue, Limits limits) : khue_(std::move(khue)), limits_(limits) {
    if (khue_.empty()) {
        if (const char* env = std::getenv("KHUE_BIN"); env != nullptr && *env != '\0') {
            khue_ = env;
        } else {
            std::error_code ec;
            khue_ = fs::read_symlink("/proc/self/exe", ec);
        }
    }
}

TestRuns::~TestRuns() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    for (auto& t : threads_) {
        t.join();
    }
}

void TestRuns::forget_old_locked() {
    const auto now = Clock::now();
    for (auto it = jobs_.begin(); it != jobs_.end();) {
        const auto& job = *it->second;
        bool over = job.state == "done" || job.state == "failed";
        if (over && (now - job.finished > kKeepResults || jobs_.size() > kMaxKeptJobs)) {
            it = jobs_.erase(it);
        } else {
            ++it;
        }
    }
    for (auto it = started_.begin(); it != started_.end();) {
        auto& times = it->second;
        while (!times.empty() && now - times.front() >= kWindow) {
            times.pop_front();
        }
        it = times.empty() ? started_.erase(it) : std::next(it);
    }
}

TestRuns::Started TestRuns::start(const std::string& team, const std::string& problem_id,
                                  const fs::path& package, const std::string& language,
                                  const std::string& filename, const std::string& source, double time_limit) {
    std::lock_guard lock(mutex_);
    forget_old_locked();
    const auto now = Clock::now();
    for (const auto& [id, job] : jobs_) {
        if (job->team == team && (job->state == "queued" || job->state == "running")) {
            return {429,
                    {},
                    "your previous run on samples has not finished yet; one at a time",
                    std::chrono::seconds(2)};
        }
    }
    auto& times = started_[team];
    if (times.size() >= static_cast<std::size_t>(limits_.per_minute)) {
        auto wait = std::chrono::ceil<std::chrono::seconds>(times.front() + kWindow - now);
        return {429,
                {},
                "at most " + std::to_string(limits_.per_minute) + " runs on samples a minute",
                std::max(wait, std::chrono::seconds(1))};
    }
    if (waiting_.size() >= limits_.max_waiting) {
        return {
            503, {}, "too many runs on samples are waiting; try again in a moment", std::chrono::seconds(5)};
    }
    auto job = std::make_shared<Job>();
    job->id = "tr" + std::to_string(next_id_++);
    job->team = team;
    job->problem_id = problem_id;
    job->package = package;
    job->language = language;
    job->filename = filename;
    job->source = source;
    job->time_limit = time_limit;
    jobs_[job->id] = job;
    waiting_.push_back(job);
    times.push_back(now);
    while (threads_.size() < limits_.workers) {
        threads_.emplace_back([this] { work(); });
    }
    wake_.notify_one();
    return {202, job->id, {}, {}};
}

std::optional<json::value> TestRuns::status(const std::string& id, const std::string& team, bool any_team) {
    std::lock_guard lock(mutex_);
    auto it = jobs_.find(id);
    if (it == jobs_.end() || (!any_team && it->second->team != team)) {
        return std::nullopt;
    }
    const Job& job = *it->second;
    json::object o{
        {"id", job.id}, {"problem_id", job.problem_id}, {"language_id", job.language}, {"state", job.state}};
    if (job.state == "done") {
        o["result"] = job.result;
    }
    if (!job.message.empty()) {
        o["message"] = job.message;
    }
    return o;
}

void TestRuns::work() {
    for (;;) {
        std::shared_ptr<Job> job;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [&] { return stopping_ || !waiting_.empty(); });
            if (stopping_) {
                return;
            }
            job = waiting_.front();
            waiting_.pop_front();
            job->state = "running";
        }
        Job copy;
        {
            std::lock_guard lock(mutex_);
            copy = *job;
        }
        try {
            run(copy);
        } catch (const std::exception& e) {
            spdlog::error("run on samples {}: {}", copy.id, e.what());
            copy.state = "failed";
            copy.message = "the run on samples could not be started; try again";
        }
        std::lock_guard lock(mutex_);
        job->state = copy.state;
        job->result = std::move(copy.result);
        job->message = std::move(copy.message);
        job->source.clear();
        job->finished = Clock::now();
    }
}

void TestRuns::run(Job& job) {
    Scratch scratch;
    const fs::path source = scratch.path() / job.filename;
    {
        std::ofstream out(source, std::ios::binary);
        out << job.source;
    }
    const fs::path out_file = scratch.path() / "result.json";
    const fs::path err_file = scratch.path() / "stderr.txt";
    const int out_fd = ::open(out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    const int err_fd = ::open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (out_fd < 0 || err_fd < 0) {
        if (out_fd >= 0) {
            ::close(out_fd);
        }
        if (err_fd >= 0) {
            ::close(err_fd);
        }
        throw std::runtime_error("cannot open the output files in " + scratch.path().string());
    }
    std::vector<std::string> args{"judge",      job.package.string(), source.string(), "--language",
                                  job.language, "--samples-only",     "--json"};
    if (job.time_limit > 0) {
        std::ostringstream limit;
        limit << job.time_limit;
        args.insert(args.end() - 2, {"--time-limit", limit.str()});
    }
    int exit_code = -1;
    bool timed_out = false;
    {
        // Declared before the process: its handle uses the context's services when destroyed.
        asio::io_context ctx;
        bp::process child(ctx, khue_, args, bp::process_stdio{nullptr, out_fd, err_fd},
                          bp::process_start_dir{scratch.path().string()});
        ::close(out_fd);
        ::close(err_fd);
        const auto deadline = Clock::now() + limits_.timeout;
        bool done = false;
        asio::steady_timer timer(ctx);
        // Checks once a second whether the deadline passed or the server is stopping.
        std::function<void()> arm = [&] {
            timer.expires_after(std::chrono::seconds(1));
            timer.async_wait([&](boost::system::error_code ec) {
                if (ec || done) {
                    return;
                }
                bool stop = Clock::now() >= deadline;
                {
                    std::lock_guard lock(mutex_);
                    stop = stop || stopping_;
                }
                if (stop) {
                    timed_out = true;
                    boost::system::error_code ignored;
                    child.terminate(ignored);
                    return;
                }
                arm();
            });
        };
        child.async_wait([&](boost::system::error_code ec, int code) {
            done = true;
            exit_code = ec ? -1 : code;
            timer.cancel();
        });
        arm();
        ctx.run();
    }
    if (timed_out) {
        job.state = "failed";
        job.message = "the run on samples took longer than " + std::to_string(limits_.timeout.count()) +
                      " s and was stopped";
        return;
    }
    const std::string err = read_head(err_file, 4096);
    if (exit_code == 2) {
        // Bad input (unknown language, no such file): the child said what.
        job.state = "failed";
        job.message = err.empty() ? "the code could not be run" : err;
        return;
    }
    if (exit_code != 0) {
        spdlog::warn("run on samples {}: khue judge exited with {}: {}", job.id, exit_code, err);
        job.state = "failed";
        job.message = "the judge could not run the samples just now (the sandbox failed); try again";
        return;
    }
    boost::system::error_code ec;
    auto value = json::parse(read_head(out_file, limits_.max_child_output), ec);
    if (ec || !value.is_object()) {
        spdlog::error("run on samples {}: unreadable output of khue judge", job.id);
        job.state = "failed";
        job.message = "the judge's answer could not be read";
        return;
    }
    job.result = team_view(value);
    job.state = "done";
}

// ---- HTTP
// --------------------------------------------------------------------------------------------------

namespace {

std::string default_file_name(const std::string& language) {
    if (language == "java") {
        return "Main.java";
    }
    static const std::map<std::string, std::string> ext{
        {"c", "c"},        {"cpp", "cpp"}, {"python3", "py"},    {"python", "py"},
        {"pascal", "pas"}, {"rust", "rs"}, {"javascript", "js"}, {"kotlin", "kt"}};
    auto it = ext.find(language);
    return "main." + (it == ext.end() ? std::string("txt") : it->second);
}

std::optional<std::string> string_field(const json::object& o, std::string_view key) {
    const auto* v = o.if_contains(key);
    if (v == nullptr || !v->is_string()) {
        return std::nullopt;
    }
    return std::string(v->get_string());
}

Response refused(const TestRuns::Started& s) {
    auto r = error_response(s.status, s.message);
    if (s.retry_after.count() > 0) {
        r.headers.emplace_back("Retry-After", std::to_string(s.retry_after.count()));
    }
    return r;
}

Response post_run(App& app, ContestService& service, const Request& request, const Principal& who) {
    if (who.role == Role::Public) {
        auto r = error_response(401, "log in as a team to run code on the samples");
        r.headers.emplace_back("WWW-Authenticate", "Basic realm=\"khue\"");
        return r;
    }
    if (who.role == Role::Team && !service.view().started) {
        return error_response(403, "the contest has not started: there are no samples to run on yet");
    }
    boost::system::error_code ec;
    auto body = json::parse(request.body, ec);
    if (ec || !body.is_object()) {
        return error_response(400,
                              "the body must be a JSON object {problem_id, language_id, source, filename?}");
    }
    const auto& o = body.as_object();
    auto problem_id = string_field(o, "problem_id");
    auto language = string_field(o, "language_id");
    auto source = string_field(o, "source");
    auto filename = string_field(o, "filename");
    if (!problem_id || problem_id->empty()) {
        return error_response(400, "problem_id: missing (a string naming the problem)");
    }
    if (!language || language->empty() || !plain_file_name(*language)) {
        return error_response(400, "language_id: missing or not a language id");
    }
    if (!source || source->empty()) {
        return error_response(400, "source: missing or empty (the code to run, as text)");
    }
    TestRuns& runs = *app.test_runs;
    if (source->size() > runs.limits().max_source) {
        return error_response(413, "source: " + std::to_string(source->size()) + " bytes, more than the " +
                                       std::to_string(runs.limits().max_source) + " allowed");
    }
    std::string name = filename && !filename->empty() ? *filename : default_file_name(*language);
    if (!plain_file_name(name)) {
        return error_response(
            400, "filename: '" + name + "' is not a plain file name (letters, digits, '_', '-', '.')");
    }
    auto problems = service.db().list_problems(service.contest_id());
    auto p =
        std::find_if(problems.begin(), problems.end(), [&](const auto& x) { return x.id == *problem_id; });
    if (p == problems.end()) {
        return error_response(404, "problem_id: no problem with id '" + *problem_id + "'");
    }
    fs::path package;
    try {
        package = problem_package_dir(service.db(), *p);
    } catch (const std::exception& e) {
        spdlog::error("problem {}: package unavailable: {}", p->id, e.what());
        return error_response(503, "the package of problem '" + *problem_id + "' is unavailable");
    }
    // Team ids are per contest: the owner names both.
    const std::string owner =
        who.role == Role::Team ? service.contest_id() + "/" + who.team_id : "user:" + who.username;
    auto started = runs.start(owner, *problem_id, package, *language, name, *source, p->time_limit.count());
    if (started.status != 202) {
        return refused(started);
    }
    auto r = json_response(202, json::object{{"id", started.id}, {"state", "queued"}});
    r.headers.emplace_back("Location", "/api/khue/test-runs/" + started.id);
    return r;
}

}  // namespace

Response handle_test_runs(App& app, ContestService& service, const Request& request, const Principal& who) {
    static constexpr std::string_view kBase = "/api/khue/test-runs";
    std::string_view rest = std::string_view(request.path).substr(kBase.size());
    if (rest.empty() || rest == "/") {
        if (request.method != "POST") {
            return error_response(405, "POST a run here; GET /api/khue/test-runs/<id> reads one");
        }
        return post_run(app, service, request, who);
    }
    if (request.method != "GET" && request.method != "HEAD") {
        return error_response(405, "only GET here");
    }
    std::string id(rest.substr(1));
    if (who.role == Role::Public) {
        return error_response(401, "log in to read a run on samples");
    }
    // Team ids are per contest: the owner names both.
    const std::string owner =
        who.role == Role::Team ? service.contest_id() + "/" + who.team_id : "user:" + who.username;
    auto status = app.test_runs->status(id, owner, who.sees_all());
    if (!status) {
        return error_response(404, "no run on samples '" + id + "' of yours");
    }
    return json_response(200, *status);
}

}  // namespace khue::api

namespace khue::api {

Response khue_test_runs(Call& c) {
    return handle_test_runs(c.app, c.service, c.request, c.who);
}

}  // namespace khue::api
