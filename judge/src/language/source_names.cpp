#include "khue/judge/source_names.hpp"

namespace khue::judge {

std::optional<std::string> source_file_name_problem(std::string_view name) {
    const std::string quoted = "source file name '" + std::string(name) + "'";
    if (name.empty()) {
        return "a source file has an empty name";
    }
    if (name.front() == '/') {
        return quoted + " is absolute; send names relative to the submission";
    }
    std::size_t start = 0;
    while (start <= name.size()) {
        auto end = name.find('/', start);
        if (end == std::string_view::npos) {
            end = name.size();
        }
        const auto part = name.substr(start, end - start);
        if (part == "." || part == "..") {
            return quoted + " leaves its folder";
        }
        if (!part.empty() && part.front() == '-') {
            return quoted + " starts with '-', which compilers would read as an option; rename the file";
        }
        for (const char c : part) {
            if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
                return quoted + " holds a control character";
            }
        }
        start = end + 1;
    }
    return std::nullopt;
}

}  // namespace khue::judge
