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

}  // namespace khue::judge
