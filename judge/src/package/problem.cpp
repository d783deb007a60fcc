#include <algorithm>
#include <cmath>
#include <sstream>

#include "khue/judge/package.hpp"

namespace khue::judge {
namespace {

std::string location(const std::filesystem::path& file, int line) {
    std::string out = file.generic_string();
    if (line > 0) {
        out += ":" + std::to_string(line);
    }
    return out;
}

std::string seconds_text(Seconds s) {
    std::ostringstream out;
    out.precision(6);
    out << s.count() << " s";
    return out.str();
}

void collect(const TestGroup& group, std::vector<const TestCase*>& out) {
    // Cases and subgroups interleave in lexicographic order of their names (package format: "test cases and
    // test data groups will be used in lexicographical order").
    std::size_t c = 0;
    std::size_t g = 0;
    while (c < group.cases.size() || g < group.groups.size()) {
        if (g == group.groups.size() ||
            (c < group.cases.size() && group.cases[c].name < group.groups[g].name)) {
            out.push_back(&group.cases[c++]);
        } else {
            collect(group.groups[g++], out);
        }
    }
}

const TestGroup* find_in(const TestGroup& group, std::string_view name) {
    if (group.name == name) {
        return &group;
    }
    for (const TestGroup& child : group.groups) {
        if (name == child.name ||
            (name.size() > child.name.size() && name.substr(0, child.name.size()) == child.name &&
             name[child.name.size()] == '/')) {
            return find_in(child, name);
        }
    }
    return nullptr;
}

}  // namespace

PackageError::PackageError(std::filesystem::path file, int line, std::string message)
    : std::runtime_error(location(file, line) + ": " + message),
      file_(std::move(file)),
      line_(line),
      message_(std::move(message)) {}

std::string PackageWarning::to_string() const {
    return location(file, line) + ": " + message;
}

std::string Problem::display_name() const {
    if (const auto it = names.find("en"); it != names.end()) {
        return it->second;
    }
    if (!names.empty()) {
        return names.begin()->second;
    }
    return short_name;
}

const TestGroup* Problem::sample() const {
    return find_group("sample");
}

const TestGroup* Problem::secret() const {
    return find_group("secret");
}

const TestGroup* Problem::find_group(std::string_view name) const {
    return find_in(data, name);
}

std::vector<const TestCase*> Problem::test_cases() const {
    std::vector<const TestCase*> out;
    // sample before secret holds lexicographically too, but say it explicitly: it is the contract.
    if (const TestGroup* s = sample()) {
        collect(*s, out);
    }
    if (const TestGroup* s = secret()) {
        collect(*s, out);
    }
    return out;
}

TimeLimitDecision derive_time_limit(Seconds slowest_accepted, std::optional<Seconds> fastest_tle,
                                    const ProblemLimits& limits, FormatVersion version) {
    TimeLimitDecision d;
    std::ostringstream why;
    double tle_factor = 0;
    if (limits.time_limit) {
        d.limit = *limits.time_limit;
        why << "time limit " << seconds_text(d.limit) << " given by problem.yaml";
        const double ac_factor = version == FormatVersion::Legacy ? 1.0 : limits.ac_to_time_limit;
        tle_factor = version == FormatVersion::Legacy ? limits.time_safety_margin : limits.time_limit_to_tle;
        if (slowest_accepted * ac_factor > d.limit) {
            d.consistent = false;
            why << "; but the slowest accepted run " << seconds_text(slowest_accepted) << " × " << ac_factor
                << " exceeds it";
        }
    } else if (version == FormatVersion::Legacy) {
        // problemtools: round slowest × time_multiplier to whole seconds, at least one second.
        const double exact = slowest_accepted.count() * limits.time_multiplier;
        d.limit = Seconds{std::max(1.0, std::floor(exact + 0.5))};
        tle_factor = limits.time_safety_margin;
        why << "slowest accepted " << seconds_text(slowest_accepted) << " × time_multiplier "
            << limits.time_multiplier << " = " << seconds_text(Seconds{exact}) << ", rounded to "
            << seconds_text(d.limit);
    } else {
        const double res = limits.time_resolution.count() > 0 ? limits.time_resolution.count() : 1.0;
        const double exact = slowest_accepted.count() * limits.ac_to_time_limit;
        // The multiple is computed with a small slack so that 0.3 × 2 / 0.1 does not round up to 7 × 0.1.
        double steps = std::ceil(exact / res - 1e-9);
        steps = std::max(steps, 1.0);
        d.limit = Seconds{steps * res};
        tle_factor = limits.time_limit_to_tle;
        why << "slowest accepted " << seconds_text(slowest_accepted) << " × ac_to_time_limit "
            << limits.ac_to_time_limit << " = " << seconds_text(Seconds{exact})
            << ", rounded up to a multiple of " << seconds_text(Seconds{res}) << ": "
            << seconds_text(d.limit);
    }
    if (fastest_tle) {
        const Seconds needed = d.limit * tle_factor;
        if (version == FormatVersion::Legacy ? *fastest_tle <= needed : *fastest_tle < needed) {
            d.consistent = false;
            why << "; but the fastest time-limit-exceeded submission took only " << seconds_text(*fastest_tle)
                << ", not " << (version == FormatVersion::Legacy ? "more than " : "at least ") << "limit × "
                << tle_factor << " = " << seconds_text(needed);
        } else {
            why << "; fastest time-limit-exceeded run " << seconds_text(*fastest_tle) << " is beyond limit × "
                << tle_factor;
        }
    }
    d.explanation = why.str();
    return d;
}

}  // namespace khue::judge
