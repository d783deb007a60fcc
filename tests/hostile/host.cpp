#include "host.hpp"

#include <fcntl.h>
#include <grp.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <functional>
#include <sstream>
#include <stdexcept>
#include <system_error>

namespace khue::hostile {
namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(const std::string& what) {
    throw std::system_error(errno, std::generic_category(), what);
}

bool is_skipped(const fs::path& p, const std::set<fs::path>& skip) {
    for (const auto& s : skip) {
        auto rel = p.lexically_relative(s);
        if (!rel.empty() && *rel.begin() != "..") {
            return true;
        }
    }
    return false;
}

}  // namespace

std::string read_file(const fs::path& path, std::uintmax_t limit) {
    std::ifstream in(path, std::ios::binary);
    std::string data(static_cast<std::size_t>(limit), '\0');
    in.read(data.data(), static_cast<std::streamsize>(limit));
    data.resize(static_cast<std::size_t>(in.gcount()));
    return data;
}

Snapshot snapshot(const fs::path& root, const std::set<fs::path>& skip) {
    Snapshot snap;
    std::error_code ec;
    fs::recursive_directory_iterator it(root, fs::directory_options::none, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        const fs::path& p = it->path();
        if (is_skipped(p, skip)) {
            if (it->is_directory() && !it->is_symlink()) {
                it.disable_recursion_pending();
            }
            continue;
        }
        struct stat st {};
        if (::lstat(p.c_str(), &st) != 0) {
            continue;
        }
        FileState s;
        // A directory's size is file-system noise (tmpfs counts its entries); its entries are compared
        // instead.
        s.size = S_ISDIR(st.st_mode) ? 0 : static_cast<std::uintmax_t>(st.st_size);
        s.mode = st.st_mode;
        s.owner = st.st_uid;
        if (S_ISLNK(st.st_mode)) {
            s.content_hash = std::hash<std::string>{}(fs::read_symlink(p, ec).string());
        } else if (S_ISREG(st.st_mode)) {
            s.content_hash = std::hash<std::string>{}(read_file(p));
        }
        snap[p.string()] = s;
    }
    return snap;
}

std::vector<std::string> differences(const Snapshot& before, const Snapshot& after) {
    std::vector<std::string> out;
    for (const auto& [path, state] : before) {
        auto it = after.find(path);
        if (it == after.end()) {
            out.push_back("removed: " + path);
        } else if (!(it->second == state)) {
            out.push_back("changed: " + path);
        }
    }
    for (const auto& [path, state] : after) {
        if (!before.contains(path)) {
            out.push_back("added: " + path);
        }
    }
    return out;
}

std::vector<std::string> processes_of_uid(uid_t uid, const std::set<pid_t>& except) {
    std::vector<std::string> found;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator("/proc", ec)) {
        std::string name = entry.path().filename().string();
        if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) {
            continue;
        }
        pid_t pid = static_cast<pid_t>(std::stol(name));
        if (except.contains(pid)) {
            continue;
        }
        std::istringstream status(read_file(entry.path() / "status", 1 << 16));
        std::string line, comm, state;
        bool match = false;
        while (std::getline(status, line)) {
            if (line.starts_with("Name:")) {
                comm = line.substr(6);
            } else if (line.starts_with("State:")) {
                state = line.substr(7);
            } else if (line.starts_with("Uid:")) {
                std::istringstream ids(line.substr(4));
                unsigned real = 0, effective = 0;
                ids >> real >> effective;
                match = real == uid || effective == uid;
            }
        }
        if (match) {
            found.push_back(name + " (" + comm + ") state " + state);
        }
    }
    return found;
}

std::vector<std::string> busy_box_cgroups(int box_id) {
    std::vector<std::string> busy;
    std::string leaf = "box-" + std::to_string(box_id);
    std::error_code ec;
    fs::recursive_directory_iterator it("/sys/fs/cgroup", fs::directory_options::none, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it.depth() > 6) {
            it.disable_recursion_pending();
        }
        if (!it->is_directory() || it->is_symlink()) {
            continue;
        }
        const fs::path& p = it->path();
        if (p.filename() != leaf || p.parent_path().filename() != "khue") {
            continue;
        }
        std::string procs = read_file(p / "cgroup.procs", 1 << 16);
        for (char& c : procs) {
            if (c == '\n') {
                c = ' ';
            }
        }
        if (procs.find_first_not_of(' ') != std::string::npos) {
            busy.push_back(p.string() + ": " + procs);
        }
    }
    return busy;
}

std::vector<std::string> stray_files_of_uid(uid_t uid) {
    std::vector<std::string> stray;
    for (const char* dir : {"/tmp", "/var/tmp", "/dev/shm"}) {
        std::error_code ec;
        for (const auto& entry : fs::directory_iterator(dir, ec)) {
            struct stat st {};
            if (::lstat(entry.path().c_str(), &st) == 0 && st.st_uid == uid) {
                stray.push_back(entry.path().string());
            }
        }
    }
    return stray;
}

int run_and_wait(const std::vector<std::string>& argv, const fs::path& log) {
    std::vector<char*> cargv;
    for (const auto& a : argv) {
        cargv.push_back(const_cast<char*>(a.c_str()));
    }
    cargv.push_back(nullptr);
    int out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (out < 0) {
        fail("open " + log.string());
    }
    pid_t pid = ::fork();
    if (pid < 0) {
        fail("fork");
    }
    if (pid == 0) {
        ::dup2(out, 1);
        ::dup2(out, 2);
        ::execvp(cargv[0], cargv.data());
        ::_exit(127);
    }
    ::close(out);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

Victim::Victim(uid_t uid) {
    pid_ = ::fork();
    if (pid_ < 0) {
        fail("fork victim");
    }
    if (pid_ == 0) {
        if (::setgroups(0, nullptr) != 0 || ::setresgid(uid, uid, uid) != 0 ||
            ::setresuid(uid, uid, uid) != 0) {
            ::_exit(126);
        }
        for (;;) {
            ::pause();
        }
    }
}

Victim::~Victim() {
    if (pid_ > 0) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
    }
}

bool Victim::alive() const {
    int status = 0;
    return ::waitpid(pid_, &status, WNOHANG) == 0;
}

Listener::Listener() {
    tcp_ = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (tcp_ < 0) {
        fail("socket");
    }
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    if (::bind(tcp_, reinterpret_cast<sockaddr*>(&a), len) != 0 || ::listen(tcp_, 16) != 0 ||
        ::getsockname(tcp_, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
        fail("listen on 127.0.0.1");
    }
    port_ = ntohs(a.sin_port);

    abstract_ = "khue-hostile-" + std::to_string(::getpid());
    unix_ = ::socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    sockaddr_un un{};
    un.sun_family = AF_UNIX;
    std::memcpy(un.sun_path + 1, abstract_.data(), abstract_.size());
    auto un_len = static_cast<socklen_t>(sizeof(sa_family_t) + 1 + abstract_.size());
    if (unix_ < 0 || ::bind(unix_, reinterpret_cast<sockaddr*>(&un), un_len) != 0 ||
        ::listen(unix_, 16) != 0) {
        fail("listen on abstract socket @" + abstract_);
    }
}

Listener::~Listener() {
    ::close(tcp_);
    ::close(unix_);
}

int Listener::connections() {
    int n = 0;
    for (int fd : {tcp_, unix_}) {
        for (int c; (c = ::accept4(fd, nullptr, nullptr, SOCK_CLOEXEC)) >= 0;) {
            ::close(c);
            ++n;
        }
    }
    return n;
}

Neighbour::Neighbour(const std::string& box_path, int box_id, const fs::path& dir, const fs::path& log) {
    std::vector<std::string> args = {
        box_path,      "run", "--box-id", std::to_string(box_id),   "--dir", dir.string(), "--time", "20",
        "--wall-time", "20",  "--result", (log.string() + ".json"), "--",    "/bin/sleep", "30"};
    std::vector<char*> argv;
    for (auto& a : args) {
        argv.push_back(a.data());
    }
    argv.push_back(nullptr);
    int out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    pid_ = ::fork();
    if (pid_ < 0) {
        fail("fork neighbour");
    }
    if (pid_ == 0) {
        ::dup2(out, 1);
        ::dup2(out, 2);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    ::close(out);
}

Neighbour::~Neighbour() {
    kill_box();
}

bool Neighbour::wait_started(uid_t uid, std::chrono::milliseconds timeout) const {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (!processes_of_uid(uid, {}).empty()) {
            return true;
        }
        ::usleep(10000);
    }
    return false;
}

void Neighbour::kill_box() {
    if (pid_ > 0) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
        pid_ = -1;
    }
}

Pty::Pty() {
    master_ = ::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (master_ < 0 || ::grantpt(master_) != 0 || ::unlockpt(master_) != 0) {
        fail("posix_openpt");
    }
    const char* name = ::ptsname(master_);
    // O_CLOEXEC: only the copy dup2'ed onto khue-box's stdin should reach it.
    slave_ = name ? ::open(name, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC) : -1;
    if (slave_ < 0) {
        fail("open pty slave");
    }
    termios t{};
    ::tcgetattr(slave_, &t);
    ::cfmakeraw(&t);
    ::tcsetattr(slave_, TCSANOW, &t);
}

Pty::~Pty() {
    ::close(slave_);
    ::close(master_);
}

std::string Pty::injected() {
    std::string got;
    std::array<char, 256> buf{};
    for (ssize_t n; (n = ::read(slave_, buf.data(), buf.size())) > 0;) {
        got.append(buf.data(), static_cast<std::size_t>(n));
    }
    return got;
}

}  // namespace khue::hostile
