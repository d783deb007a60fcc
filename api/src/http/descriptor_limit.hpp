// The open-file limit and the number of connections the server takes (ServerOptions::max_connections).
#pragma once

#include <cstddef>

namespace khue::api {

// Raises the soft RLIMIT_NOFILE to the hard limit and returns how many connections to serve: max_connections
// when it fits (0: automatic), otherwise what the limit allows; logs which, with the numbers.
std::size_t fit_connections_to_descriptor_limit(std::size_t max_connections);

}  // namespace khue::api
