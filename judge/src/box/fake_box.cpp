#include "khue/judge/box.hpp"

#include <stdexcept>

namespace khue::judge {

FakeBox::FakeBox(Handler handler, ConnectedHandler connected)
    : handler_(std::move(handler)), connected_(std::move(connected)) {}

RunReport FakeBox::run(const RunSpec& spec) {
    calls_.push_back(spec);
    return handler_(spec);
}

ConnectedReports FakeBox::run_connected(const RunSpec& first, const RunSpec& second) {
    calls_.push_back(first);
    calls_.push_back(second);
    if (!connected_) {
        throw std::logic_error("FakeBox: no handler for connected runs was given");
    }
    return connected_(first, second);
}

}  // namespace khue::judge
