// Contest API time types for the API layer: the judge's one parser and formatter (khue/judge/contest_time.hpp).
#pragma once

#include "khue/judge/contest_time.hpp"

namespace khue::api {

using judge::contest_time::format_reltime;
using judge::contest_time::format_time;
using judge::contest_time::Millis;
using judge::contest_time::parse_reltime;
using judge::contest_time::parse_time;
using judge::contest_time::TimePoint;

}  // namespace khue::api
