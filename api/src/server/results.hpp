// The results CSV of a contest the server already mirrors (khue/api/results.hpp). Internal to the server.
#pragma once

#include "server/contest_service.hpp"

#include <string>

namespace khue::api {

std::string results_csv(ContestService& service);

}  // namespace khue::api
