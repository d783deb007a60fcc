// Boost.URL's compiled part: Debian ships Boost.URL as headers only, so its sources are built here once.
#include <boost/url/src.hpp>
