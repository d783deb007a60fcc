// A staging folder for importers: built next to the destination (same file system, so the final rename is
// atomic per package) and removed unless committed.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace khue::judge::import_detail {

class Staging {
  public:
    // Creates a hidden temp folder in the folder that holds (or will hold) `destination`.
    explicit Staging(const std::filesystem::path& destination);
    ~Staging();
    Staging(const Staging&) = delete;
    Staging& operator=(const Staging&) = delete;

    const std::filesystem::path& path() const { return path_; }
    // Renames path()/name to target for each pair, after checking none of the targets exists. Creates the
    // targets' parent folders.
    void commit(const std::vector<std::pair<std::string, std::filesystem::path>>& moves);

  private:
    std::filesystem::path path_;
};

// Writes `text` to `file`, creating parent folders.
void write_text(const std::filesystem::path& file, const std::string& text);
// Copies a regular file (refusing symlinks and anything else), creating parent folders; `what` names it in
// errors.
void copy_regular(const std::filesystem::path& from, const std::filesystem::path& to,
                  const std::string& what);
// "2", "0.5", "1.25": the shortest text that reads back as `value`.
std::string format_number(double value);
// Double-quoted YAML scalar.
std::string yaml_quote(const std::string& text);
// Names compared as a person would: letters ignoring case, digit runs by value ("Test2" < "Test10").
bool natural_less(const std::string& a, const std::string& b);

}  // namespace khue::judge::import_detail
