// Units used by the sandbox. The sandbox may depend only on libc and libseccomp (docs/architecture.md), so it
// carries its own tiny byte type instead of sharing the judge's.
#pragma once

#include <chrono>
#include <compare>
#include <cstdint>

namespace khue::sandbox {

// A size in bytes; never pass bare integers for sizes.
class Bytes {
  public:
    constexpr Bytes() = default;
    constexpr explicit Bytes(std::uint64_t n) : n_(n) {}
    constexpr std::uint64_t count() const { return n_; }
    constexpr std::uint64_t in_kib() const { return n_ / 1024; }
    constexpr auto operator<=>(const Bytes&) const = default;

  private:
    std::uint64_t n_ = 0;
};
constexpr Bytes kib(std::uint64_t n) {
    return Bytes{n * 1024};
}
constexpr Bytes mib(std::uint64_t n) {
    return Bytes{n * 1024 * 1024};
}

// Time limits and measurements keep microsecond resolution: the command line takes fractional seconds.
using Micros = std::chrono::microseconds;

}  // namespace khue::sandbox
