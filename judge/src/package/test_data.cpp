#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <sstream>

#include "package/loader.hpp"
#include "package/yaml_support.hpp"

namespace khue::judge::package_detail {
namespace fs = std::filesystem;
namespace {

// Guards against a hostile package nesting directories until the stack runs out.
constexpr int kMaxDepth = 16;

bool has_suffix(const std::string& s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

void apply_legacy_testdata(const YamlFile& f, GroupSettings& s, std::vector<PackageWarning>& warnings) {
    const YAML::Node& y = f.root;
    require_map(f, y, "");
    warn_unknown_keys(f, y,
                      {"on_reject", "grading", "grader_flags", "input_validator_flags",
                       "output_validator_flags", "accept_score", "reject_score", "range"},
                      "", warnings);
    if (const YAML::Node n = y["on_reject"]) {
        const std::string v = read_string(f, n, "on_reject");
        if (v == "break") {
            s.on_reject = OnReject::Break;
        } else if (v == "continue") {
            s.on_reject = OnReject::Continue;
        } else {
            fail(f, n, "on_reject", "expected 'break' or 'continue', got '" + v + "'");
        }
    }
    if (const YAML::Node n = y["grading"]) {
        const std::string v = read_string(f, n, "grading");
        if (v == "default") {
            s.custom_grading = false;
        } else if (v == "custom") {
            s.custom_grading = true;
            warnings.push_back({f.file, line_of(n),
                                "custom graders are not supported; Khue grades with the default grader"});
        } else {
            fail(f, n, "grading", "expected 'default' or 'custom', got '" + v + "'");
        }
    }
    if (const YAML::Node n = y["grader_flags"]) {
        std::istringstream words(read_string(f, n, "grader_flags"));
        std::string w;
        while (words >> w) {
            if (w == "first_error") {
                s.verdict_aggregation = VerdictAggregation::FirstError;
            } else if (w == "worst_error") {
                s.verdict_aggregation = VerdictAggregation::WorstError;
            } else if (w == "always_accept") {
                s.verdict_aggregation = VerdictAggregation::AlwaysAccept;
            } else if (w == "sum") {
                s.score_aggregation = ScoreAggregation::Sum;
            } else if (w == "avg") {
                s.score_aggregation = ScoreAggregation::Avg;
            } else if (w == "min") {
                s.score_aggregation = ScoreAggregation::Min;
            } else if (w == "max") {
                s.score_aggregation = ScoreAggregation::Max;
            } else if (w == "ignore_sample") {
                s.ignore_sample = true;
            } else if (w == "accept_if_any_accepted") {
                s.accept_if_any_accepted = true;
            } else {
                warnings.push_back({f.file, line_of(n), "unknown grader flag '" + w + "' ignored"});
            }
        }
    }
    if (const YAML::Node n = y["output_validator_flags"]) {
        s.output_validator_args = split_validator_flags(read_string(f, n, "output_validator_flags"));
    }
    if (const YAML::Node n = y["input_validator_flags"]) {
        if (n.IsMap()) {
            warnings.push_back(
                {f.file, line_of(n), "per-validator input_validator_flags are not supported; ignored"});
        } else {
            s.input_validator_args = split_validator_flags(read_string(f, n, "input_validator_flags"));
        }
    }
    if (const YAML::Node n = y["accept_score"]) {
        s.accept_score = read_number(f, n, "accept_score");
    }
    if (const YAML::Node n = y["reject_score"]) {
        s.reject_score = read_number(f, n, "reject_score");
    }
    if (const YAML::Node n = y["range"]) {
        const std::string text = read_string(f, n, "range");
        std::istringstream in(text);
        std::string lo_text;
        std::string hi_text;
        std::string extra;
        in >> lo_text >> hi_text;
        char* end_lo = nullptr;
        char* end_hi = nullptr;
        const double lo = std::strtod(lo_text.c_str(), &end_lo);
        const double hi = std::strtod(hi_text.c_str(), &end_hi);
        if (lo_text.empty() || hi_text.empty() || *end_lo != '\0' || *end_hi != '\0' || (in >> extra) ||
            std::isnan(lo) || std::isnan(hi) || lo > hi) {
            fail(f, n, "range", "expected two numbers 'min max', got '" + text + "'");
        }
        s.range = std::pair{lo, hi};
    }
}

// Deprecated legacy keys of problem.yaml `grading:` (accept_score, reject_score, range, on_reject
// first_error|grade): problemtools applies them to every group, over its testdata.yaml.
void apply_problem_grading(const std::optional<YamlFile>& problem_yaml, GroupSettings& s) {
    if (!problem_yaml || !problem_yaml->root.IsMap()) {
        return;
    }
    const YAML::Node grading = problem_yaml->root["grading"];
    if (!grading || !grading.IsMap()) {
        return;
    }
    const YamlFile& f = *problem_yaml;
    if (const YAML::Node n = grading["accept_score"]) {
        s.accept_score = read_number(f, n, "grading.accept_score");
    }
    if (const YAML::Node n = grading["reject_score"]) {
        s.reject_score = read_number(f, n, "grading.reject_score");
    }
    if (const YAML::Node n = grading["range"]) {
        const std::string text = read_string(f, n, "grading.range");
        std::istringstream in(text);
        std::string lo_text;
        std::string hi_text;
        in >> lo_text >> hi_text;
        char* end_lo = nullptr;
        char* end_hi = nullptr;
        const double lo = std::strtod(lo_text.c_str(), &end_lo);
        const double hi = std::strtod(hi_text.c_str(), &end_hi);
        if (lo_text.empty() || hi_text.empty() || *end_lo != '\0' || *end_hi != '\0' || std::isnan(lo) ||
            std::isnan(hi) || lo > hi) {
            fail(f, n, "grading.range", "expected two numbers 'min max', got '" + text + "'");
        }
        s.range = std::pair{lo, hi};
    }
    if (const YAML::Node n = grading["on_reject"]) {
        const std::string v = read_string(f, n, "grading.on_reject");
        if (v == "first_error") {
            s.on_reject = OnReject::Break;
        } else if (v == "grade") {
            s.on_reject = OnReject::Continue;
        }
    }
}

void apply_modern_test_group(const YamlFile& f, GroupSettings& s, bool is_sample, bool scoring,
                             std::vector<PackageWarning>& warnings) {
    const YAML::Node& y = f.root;
    require_map(f, y, "");
    warn_unknown_keys(f, y,
                      {"max_score", "score_aggregation", "static_validation_score", "require_pass", "args",
                       "input_validator_args", "static_validator_args", "output_validator_args",
                       "input_visualizer_args", "output_visualizer_args", "full_feedback"},
                      "", warnings);
    for (const char* key : {"max_score", "score_aggregation", "require_pass"}) {
        if (y[key] && is_sample) {
            fail(f, y[key], key, "is not permitted for sample");
        }
        if (y[key] && !scoring) {
            fail(f, y[key], key, "is only for scoring problems");
        }
    }
    if (const YAML::Node n = y["max_score"]) {
        if (n.IsScalar() && n.Scalar() == "unbounded") {
            s.max_score.reset();
        } else {
            const double v = read_number(f, n, "max_score");
            if (v < 0) {
                fail(f, n, "max_score", "expected a non-negative number or 'unbounded', got " + describe(n));
            }
            s.max_score = v;
        }
    }
    if (const YAML::Node n = y["score_aggregation"]) {
        const std::string v = read_string(f, n, "score_aggregation");
        if (v == "pass-fail") {
            s.score_aggregation = ScoreAggregation::PassFail;
        } else if (v == "sum") {
            s.score_aggregation = ScoreAggregation::Sum;
        } else if (v == "min") {
            s.score_aggregation = ScoreAggregation::Min;
        } else {
            fail(f, n, "score_aggregation", "expected pass-fail, sum or min, got '" + v + "'");
        }
    }
    if (const YAML::Node n = y["static_validation_score"]) {
        warnings.push_back({f.file, line_of(n), "static validation is not supported; ignored"});
    }
    if (const YAML::Node n = y["require_pass"]) {
        s.require_pass = read_string_list(f, n, "require_pass");
    }
    if (const YAML::Node n = y["args"]) {
        s.args = read_string_list(f, n, "args");
    }
    if (const YAML::Node n = y["output_validator_args"]) {
        s.output_validator_args = read_string_list(f, n, "output_validator_args");
    }
    if (const YAML::Node n = y["input_validator_args"]) {
        if (n.IsMap()) {
            warnings.push_back(
                {f.file, line_of(n), "per-validator input_validator_args are not supported; ignored"});
        } else {
            s.input_validator_args = read_string_list(f, n, "input_validator_args");
        }
    }
    if (const YAML::Node n = y["full_feedback"]) {
        s.full_feedback = read_bool(f, n, "full_feedback");
    }
}

void apply_case_yaml(const YamlFile& f, TestCase& c, std::vector<PackageWarning>& warnings) {
    const YAML::Node& y = f.root;
    require_map(f, y, "");
    warn_unknown_keys(f, y,
                      {"args", "input_validator_args", "output_validator_args", "input_visualizer_args",
                       "output_visualizer_args", "full_feedback", "hint", "description"},
                      "", warnings);
    if (const YAML::Node n = y["args"]) {
        c.args = read_string_list(f, n, "args");
    }
    if (const YAML::Node n = y["output_validator_args"]) {
        c.output_validator_args = read_string_list(f, n, "output_validator_args");
    }
    if (const YAML::Node n = y["input_validator_args"]; n && !n.IsMap()) {
        c.input_validator_args = read_string_list(f, n, "input_validator_args");
    }
    if (const YAML::Node n = y["full_feedback"]) {
        c.full_feedback = read_bool(f, n, "full_feedback");
    }
}

class DataLoader {
  public:
    explicit DataLoader(Problem& p) : p_(p), modern_(p.version == FormatVersion::V2025_09) {}

    void load() {
        const fs::path data = p_.root / "data";
        if (!fs::is_directory(data)) {
            throw PackageError("data", 0, "missing: a package needs data/secret");
        }
        TestGroup& root = p_.data;
        root.name = "";
        root.directory = data;
        if (modern_) {
            root.settings.on_reject = p_.scoring ? OnReject::Continue : OnReject::Break;
        } else {
            if (auto f = read_yaml(p_.root, "data/testdata.yaml")) {
                apply_legacy_testdata(*f, root.settings, p_.warnings);
            }
            problem_yaml_ = read_yaml(p_.root, "problem.yaml");
            apply_problem_grading(problem_yaml_, root.settings);
        }
        for (const fs::directory_entry& e : sorted_entries(data)) {
            const std::string name = e.path().filename().string();
            if (e.is_directory() && (name == "sample" || name == "secret")) {
                root.groups.push_back(load_group(e.path(), name, root.settings, 1));
            } else if (e.is_directory() && (name == "invalid_input" || name == "invalid_output" ||
                                            name == "valid_output" || name == "invalid_answer")) {
                // Used to test validators, never for judging.
            } else if (name != "testdata.yaml") {
                p_.warnings.push_back({relative_to_root(p_, e.path()), 0, "not sample or secret; ignored"});
            }
        }
        TestGroup* secret = nullptr;
        for (TestGroup& g : root.groups) {
            secret = g.name == "secret" ? &g : secret;
        }
        std::size_t secret_cases = 0;
        for (const TestCase* c : p_.test_cases()) {
            secret_cases += c->group.rfind("secret", 0) == 0 ? 1 : 0;
        }
        if (secret_cases == 0) {
            // Samples alone still judge something: accept the package, and say so.
            if (p_.test_cases().empty()) {
                throw PackageError("data/secret", 0,
                                   "holds no test case (*.in with *.ans) in data/sample or data/secret");
            }
            p_.warnings.push_back({"data/secret", 0, "no secret test data: only the samples are judged"});
            return;
        }
        if (modern_ && p_.scoring) {
            distribute_max_scores(*secret);
        }
    }

  private:
    TestGroup load_group(const fs::path& dir, const std::string& name, const GroupSettings& parent,
                         int depth) {
        if (depth > kMaxDepth) {
            throw PackageError(relative_to_root(p_, dir), 0, "test data nested too deeply");
        }
        TestGroup g;
        g.name = name;
        g.directory = dir;
        g.settings = initial_settings(name, parent, depth);
        const fs::path rel = relative_to_root(p_, dir);
        if (modern_) {
            if (auto f = read_yaml(p_.root, rel / "test_group.yaml")) {
                apply_modern_test_group(*f, g.settings, name == "sample", p_.scoring, p_.warnings);
            }
            if (auto f = read_yaml(p_.root, rel / "testdata.yaml")) {
                p_.warnings.push_back({f->file, 0, "legacy testdata.yaml ignored in a 2025-09 package"});
            }
        } else {
            if (auto f = read_yaml(p_.root, rel / "testdata.yaml")) {
                apply_legacy_testdata(*f, g.settings, p_.warnings);
            }
            apply_problem_grading(problem_yaml_, g.settings);
        }
        scan(dir, g, depth);
        return g;
    }

    GroupSettings initial_settings(const std::string& name, const GroupSettings& parent, int depth) const {
        if (!modern_) {
            return parent;  // legacy testdata.yaml is inherited whole
        }
        GroupSettings s;
        s.output_validator_args = parent.output_validator_args;
        s.input_validator_args = parent.input_validator_args;
        s.args = parent.args;
        if (name == "sample") {
            s.score_aggregation = ScoreAggregation::PassFail;
            s.full_feedback = true;
            s.on_reject = p_.scoring ? OnReject::Continue : OnReject::Break;
        } else if (depth == 1) {  // secret
            s.score_aggregation = p_.scoring ? ScoreAggregation::Sum : ScoreAggregation::PassFail;
            s.max_score = p_.scoring ? std::optional<double>(100.0) : std::nullopt;
            s.on_reject = p_.scoring ? OnReject::Continue : OnReject::Break;
        } else {
            s.score_aggregation = ScoreAggregation::PassFail;
            s.on_reject = p_.scoring ? OnReject::Continue : OnReject::Break;
        }
        return s;
    }

    // Adds the cases of `dir` to `g`; subdirectories become subgroups, except below a 2025-09 test data group
    // (groups do not nest there: deeper directories only organise the group's own cases).
    void scan(const fs::path& dir, TestGroup& g, int depth) {
        const std::vector<fs::directory_entry> entries = sorted_entries(dir);
        for (const fs::directory_entry& e : entries) {
            const std::string file = e.path().filename().string();
            if (e.is_directory()) {
                if (has_suffix(file, ".files")) {
                    continue;
                }
                const bool flatten = modern_ && depth >= 2;
                if (flatten) {
                    if (fs::exists(e.path() / "test_group.yaml")) {
                        p_.warnings.push_back({relative_to_root(p_, e.path() / "test_group.yaml"), 0,
                                               "test data groups do not nest in 2025-09; ignored"});
                    }
                    scan_flat(e.path(), g, depth + 1);
                } else {
                    TestGroup child = load_group(e.path(), g.name + "/" + file, g.settings, depth + 1);
                    if (count_cases(child) == 0) {
                        p_.warnings.push_back(
                            {relative_to_root(p_, e.path()), 0, "group holds no test case; ignored"});
                    } else {
                        g.groups.push_back(std::move(child));
                    }
                }
            } else if (has_suffix(file, ".in") && (e.is_regular_file() || e.is_symlink())) {
                g.cases.push_back(make_case(e.path(), g));
            }
        }
        if (modern_ && g.name == "secret" && !g.cases.empty() && !g.groups.empty()) {
            p_.warnings.push_back(
                {relative_to_root(p_, dir), 0, "secret mixes test cases and test data groups"});
        }
        sort_group(g);
    }

    void scan_flat(const fs::path& dir, TestGroup& g, int depth) {
        if (depth > kMaxDepth) {
            throw PackageError(relative_to_root(p_, dir), 0, "test data nested too deeply");
        }
        for (const fs::directory_entry& e : sorted_entries(dir)) {
            const std::string file = e.path().filename().string();
            if (e.is_directory() && !has_suffix(file, ".files")) {
                scan_flat(e.path(), g, depth + 1);
            } else if (has_suffix(file, ".in") && (e.is_regular_file() || e.is_symlink())) {
                g.cases.push_back(make_case(e.path(), g));
            }
        }
    }

    static void sort_group(TestGroup& g) {
        std::sort(g.cases.begin(), g.cases.end(),
                  [](const TestCase& a, const TestCase& b) { return a.name < b.name; });
        std::sort(g.groups.begin(), g.groups.end(),
                  [](const TestGroup& a, const TestGroup& b) { return a.name < b.name; });
    }

    static std::size_t count_cases(const TestGroup& g) {
        std::size_t n = g.cases.size();
        for (const TestGroup& child : g.groups) {
            n += count_cases(child);
        }
        return n;
    }

    // The file a test data path stands for, with every symbolic link on the way resolved, so that the box
    // is only ever given plain files. A link that leads out of the package, or nowhere, is refused.
    fs::path resolve_inside(const fs::path& path) {
        std::error_code ec;
        const fs::path target = fs::canonical(path, ec);
        const fs::path rel = relative_to_root(p_, path);
        if (ec) {
            throw PackageError(rel, 0, "symbolic link to nothing: " + ec.message());
        }
        if (canonical_root_.empty()) {
            canonical_root_ = fs::canonical(p_.root);
        }
        const fs::path inside = target.lexically_relative(canonical_root_);
        if (inside.empty() || *inside.begin() == "..") {
            throw PackageError(rel, 0, "symbolic link leads out of the package (to " + target.string() + ")");
        }
        return target;
    }

    TestCase make_case(const fs::path& input, const TestGroup& g) {
        TestCase c;
        const fs::path stem = input.parent_path() / input.stem();
        const fs::path rel_in = relative_to_root(p_, input);
        c.name = (relative_to_root(p_, stem).lexically_relative("data")).generic_string();
        c.group = g.name;
        c.input = resolve_inside(input);
        if (!fs::is_regular_file(c.input)) {
            throw PackageError(rel_in, 0, "not a regular file");
        }
        const fs::path answer = stem.string() + ".ans";
        if (!fs::is_regular_file(answer)) {
            if (fs::is_symlink(answer)) {
                resolve_inside(answer);  // names the broken link
            }
            throw PackageError(rel_in, 0, "test case has no answer file " + answer.filename().string());
        }
        c.answer = resolve_inside(answer);
        if (const fs::path interaction = stem.string() + ".interaction"; fs::is_regular_file(interaction)) {
            c.interaction = resolve_inside(interaction);
        }
        if (const fs::path files = stem.string() + ".files"; fs::is_directory(files)) {
            c.files = resolve_inside(files);
        }
        c.args = g.settings.args;
        c.input_validator_args = g.settings.input_validator_args;
        c.full_feedback = g.settings.full_feedback;
        std::vector<std::string> own_output_args = g.settings.output_validator_args;
        if (modern_) {
            if (auto f = read_yaml(p_.root, relative_to_root(p_, fs::path(stem.string() + ".yaml")))) {
                TestCase overrides = c;
                overrides.output_validator_args = own_output_args;
                apply_case_yaml(*f, overrides, p_.warnings);
                own_output_args = overrides.output_validator_args;
                c.args = overrides.args;
                c.input_validator_args = overrides.input_validator_args;
                c.full_feedback = overrides.full_feedback;
            }
        }
        c.output_validator_args = p_.validator_args;
        c.output_validator_args.insert(c.output_validator_args.end(), own_output_args.begin(),
                                       own_output_args.end());
        return c;
    }

    // 2025-09: groups below a bounded `secret` must say their max_score; a package that leaves some out
    // gets the rest shared equally, with a warning, rather than being refused.
    void distribute_max_scores(TestGroup& secret) {
        if (!secret.settings.max_score || secret.groups.empty()) {
            return;
        }
        double given = 0;
        std::vector<TestGroup*> missing;
        for (TestGroup& g : secret.groups) {
            if (g.settings.max_score) {
                given += *g.settings.max_score;
            } else {
                missing.push_back(&g);
            }
        }
        if (missing.empty()) {
            return;
        }
        const double share =
            secret.settings.score_aggregation == ScoreAggregation::Min
                ? *secret.settings.max_score
                : std::max(0.0, *secret.settings.max_score - given) / static_cast<double>(missing.size());
        for (TestGroup* g : missing) {
            g->settings.max_score = share;
            p_.warnings.push_back({relative_to_root(p_, g->directory), 0,
                                   "no max_score under a bounded secret; using " + std::to_string(share)});
        }
    }

    Problem& p_;
    bool modern_;
    fs::path canonical_root_;
    std::optional<YamlFile> problem_yaml_;  // legacy: its `grading:` keys apply to every group
};

}  // namespace

void load_test_data(Problem& problem) {
    DataLoader(problem).load();
}

}  // namespace khue::judge::package_detail
