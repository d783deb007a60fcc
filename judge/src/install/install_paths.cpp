#include "khue/judge/install_paths.hpp"

#include "khue/build_info.hpp"

namespace khue::judge {

namespace fs = std::filesystem;

std::string_view version() {
    return KHUE_VERSION;
}

fs::path executable_dir() {
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    return ec ? fs::path() : exe.parent_path();
}

fs::path data_path(std::string_view name) {
    const fs::path bin = executable_dir();
    const fs::path installed = (bin / KHUE_DATA_FROM_BIN / name).lexically_normal();
    const fs::path build_folder = bin / "share" / "khue" / name;
    std::error_code ec;
    if (fs::exists(installed, ec)) {
        return installed;
    }
    if (fs::exists(build_folder, ec)) {
        return build_folder;
    }
    return installed;
}

}  // namespace khue::judge
