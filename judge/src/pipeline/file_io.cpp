#include "pipeline/file_io.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <vector>

namespace khue::judge::pipeline_detail {
namespace fs = std::filesystem;

namespace {

// A hostile program may fill its folder with files; looking further than this is not worth it.
constexpr std::size_t kMaxEntriesScanned = 10'000;

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

std::string upper(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return text;
}

constexpr fs::perms kReadable =
    fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read;

// Copies at most `limit` bytes of the regular, singly-linked file `from` (never following a symlink).
bool copy_program_file(const fs::path& from, const fs::path& to, Bytes limit) {
    const int fd = ::open(from.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        return false;
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_nlink != 1) {
        ::close(fd);
        return false;
    }
    std::ofstream out(to, std::ios::binary | std::ios::trunc);
    std::vector<char> buffer(64 * 1024);
    std::uint64_t left = limit.count();
    while (left > 0) {
        const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(buffer.size(), left));
        const ssize_t got = ::read(fd, buffer.data(), want);
        if (got <= 0) {
            break;
        }
        out.write(buffer.data(), got);
        left -= static_cast<std::uint64_t>(got);
    }
    ::close(fd);
    out.close();
    fs::permissions(to, kReadable);
    return static_cast<bool>(out);
}

}  // namespace

void use_file_io(RunSpec& spec, const fs::path& input, const FileIo& names, const fs::path& empty_stdin,
                 const fs::path& discarded_stdout) {
    const fs::path dir = *spec.dir;
    const fs::path main = dir / names.input;
    fs::copy_file(input, main, fs::copy_options::overwrite_existing);
    fs::permissions(main, kReadable);
    for (const auto& spelling : {lower(names.input), upper(names.input)}) {
        if (spelling != names.input && !fs::exists(dir / spelling)) {
            fs::create_hard_link(main, dir / spelling);
        }
    }
    { std::ofstream(empty_stdin, std::ios::binary | std::ios::trunc); }
    spec.stdin_file = empty_stdin;
    spec.stdout_file = discarded_stdout;
}

std::optional<std::string> collect_file_output(const fs::path& run_dir, const FileIo& names,
                                               const fs::path& team_output, Bytes limit) {
    fs::path found;
    std::error_code ec;
    if (fs::exists(fs::symlink_status(run_dir / names.output, ec))) {
        found = run_dir / names.output;
    } else {
        const std::string wanted = lower(names.output);
        std::vector<fs::path> matches;
        std::size_t seen = 0;
        for (fs::directory_iterator it(run_dir, ec), end; !ec && it != end && seen < kMaxEntriesScanned;
             it.increment(ec), ++seen) {
            if (lower(it->path().filename().string()) == wanted) {
                matches.push_back(it->path());
            }
        }
        if (matches.size() > 1) {
            return "several output files named like " + names.output +
                   " (differing only in letter case); write exactly " + names.output;
        }
        if (matches.empty()) {
            return "no output file " + names.output +
                   ": this problem uses file input/output, so the program "
                   "must write its answer to " +
                   names.output + " in its working folder (it reads " + names.input + ")";
        }
        found = matches.front();
    }
    if (!copy_program_file(found, team_output, limit)) {
        return "the output " + found.filename().string() + " is not a regular file";
    }
    return std::nullopt;
}

}  // namespace khue::judge::pipeline_detail
