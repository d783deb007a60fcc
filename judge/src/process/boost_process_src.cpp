// Boost.Process v2 on Boost 1.81 is compiled separately (BOOST_PROCESS_V2_SEPARATE_COMPILATION, set on
// khue::options): this is the one translation unit that holds its implementation.
#include <boost/process/v2/src.hpp>
