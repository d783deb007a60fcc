// The words khue-box and the judge share: how a run ended (the result's `status`, sandbox/README.md) and the
// byte size type. Header-only and standard-library-only, so the privileged sandbox links nothing new; the
// judge sees this folder (target khue::sandbox_protocol) and no other sandbox header.
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>

namespace khue::sandbox::protocol {

// A size in bytes. Construct with kib(), mib() or Bytes{n}; never pass bare integers for sizes.
class Bytes {
  public:
    constexpr Bytes() = default;
    constexpr explicit Bytes(std::uint64_t n) : n_(n) {}
    constexpr std::uint64_t count() const { return n_; }
    constexpr std::uint64_t in_kib() const { return n_ / 1024; }
    constexpr std::uint64_t in_mib() const { return n_ / (1024 * 1024); }
    constexpr auto operator<=>(const Bytes&) const = default;
    constexpr Bytes operator+(Bytes o) const { return Bytes{n_ + o.n_}; }

  private:
    std::uint64_t n_ = 0;
};
constexpr Bytes kib(std::uint64_t n) {
    return Bytes{n * 1024};
}
constexpr Bytes mib(std::uint64_t n) {
    return Bytes{n * 1024 * 1024};
}

// How a sandboxed run ended: facts, never a verdict.
enum class RunStatus { Exited, Signaled, TimeLimit, WallTimeLimit, MemoryLimit, OutputLimit, SandboxError };

// The name of each status in khue-box's result (`"status": "time_limit"`), the one table both sides use.
inline constexpr std::array<std::pair<RunStatus, std::string_view>, 7> kRunStatusNames{{
    {RunStatus::Exited, "exited"},
    {RunStatus::Signaled, "signaled"},
    {RunStatus::TimeLimit, "time_limit"},
    {RunStatus::WallTimeLimit, "wall_time_limit"},
    {RunStatus::MemoryLimit, "memory_limit"},
    {RunStatus::OutputLimit, "output_limit"},
    {RunStatus::SandboxError, "sandbox_error"},
}};

constexpr std::string_view to_string(RunStatus s) {
    for (const auto& [status, name] : kRunStatusNames) {
        if (status == s) {
            return name;
        }
    }
    return "sandbox_error";
}

constexpr std::optional<RunStatus> run_status_from_string(std::string_view name) {
    for (const auto& [status, n] : kRunStatusNames) {
        if (n == name) {
            return status;
        }
    }
    return std::nullopt;
}

}  // namespace khue::sandbox::protocol
