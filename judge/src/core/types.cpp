#include "khue/judge/types.hpp"

#include <array>
#include <utility>

namespace khue::judge {
namespace {
constexpr std::array<std::pair<Verdict, std::string_view>, 8> kVerdictNames{{
    {Verdict::AC, "AC"},
    {Verdict::WA, "WA"},
    {Verdict::TLE, "TLE"},
    {Verdict::MLE, "MLE"},
    {Verdict::RTE, "RTE"},
    {Verdict::OLE, "OLE"},
    {Verdict::CE, "CE"},
    {Verdict::JE, "JE"},
}};
constexpr std::array<std::pair<RunStatus, std::string_view>, 7> kStatusNames{{
    {RunStatus::Exited, "exited"},
    {RunStatus::Signaled, "signaled"},
    {RunStatus::TimeLimit, "time_limit"},
    {RunStatus::WallTimeLimit, "wall_time_limit"},
    {RunStatus::MemoryLimit, "memory_limit"},
    {RunStatus::OutputLimit, "output_limit"},
    {RunStatus::SandboxError, "sandbox_error"},
}};

template <typename Table, typename Key>
std::string_view name_of(const Table& table, Key key) {
    for (const auto& [k, name] : table) {
        if (k == key) {
            return name;
        }
    }
    return "?";
}

template <typename Key, typename Table>
std::optional<Key> key_of(const Table& table, std::string_view name) {
    for (const auto& [k, n] : table) {
        if (n == name) {
            return k;
        }
    }
    return std::nullopt;
}
}  // namespace

std::string_view to_string(Verdict v) {
    return name_of(kVerdictNames, v);
}
std::optional<Verdict> verdict_from_string(std::string_view s) {
    return key_of<Verdict>(kVerdictNames, s);
}
std::string_view to_string(RunStatus s) {
    return name_of(kStatusNames, s);
}
std::optional<RunStatus> run_status_from_string(std::string_view s) {
    return key_of<RunStatus>(kStatusNames, s);
}

}  // namespace khue::judge
