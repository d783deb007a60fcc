// Units used by the sandbox. The byte type is the one the judge uses too (khue/sandbox/protocol.hpp,
// header-only: the sandbox still depends only on libc and libseccomp).
#pragma once

#include <chrono>

#include "khue/sandbox/protocol.hpp"

namespace khue::sandbox {

using protocol::Bytes;
using protocol::kib;
using protocol::mib;

// Time limits and measurements keep microsecond resolution: the command line takes fractional seconds.
using Micros = std::chrono::microseconds;

}  // namespace khue::sandbox
