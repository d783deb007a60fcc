// The sandbox's own failures. A SandboxError means "the box broke", never "the program misbehaved": callers
// turn it into status sandbox_error, which the judge retries and never shows to a contestant
// (CONTRIBUTING.md, style).
#pragma once

#include <stdexcept>
#include <string>

namespace khue::sandbox {

class SandboxError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// Throws SandboxError with `what` and the text of errno (captured by the caller right after the failing
// call).
[[noreturn]] void throw_errno(const std::string& what, int err);

}  // namespace khue::sandbox
