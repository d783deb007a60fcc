// A private temporary folder (mkdtemp, mode 0700) removed with its contents when it goes out of scope: where
// the API unpacks uploads and packages before it stores them.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <system_error>

namespace khue::api {

class ScratchDir {
  public:
    // `prefix` names the folder's use (e.g. "khue-import"); the rest of the name is random.
    explicit ScratchDir(const std::string& prefix) {
        namespace fs = std::filesystem;
        std::string pattern = (fs::temp_directory_path() / (prefix + "-XXXXXX")).string();
        if (::mkdtemp(pattern.data()) == nullptr) {
            throw std::runtime_error("cannot create a temporary folder in " +
                                     fs::temp_directory_path().string());
        }
        path = pattern;
    }
    ~ScratchDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;

    std::filesystem::path path;
};

}  // namespace khue::api
