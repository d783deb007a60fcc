#include "command.hpp"

#include "khue/judge/install_paths.hpp"

#include <cstdio>
#include <exception>
#include <string>
#include <vector>

namespace khue::cli {
namespace {
std::vector<Setup>& registry() {
    static std::vector<Setup> setups;
    return setups;
}
}  // namespace

bool register_command(Setup setup) {
    registry().push_back(std::move(setup));
    return true;
}
}  // namespace khue::cli

int main(int argc, char** argv) {
    CLI::App app{"khue — a programming-contest judge"};
    app.require_subcommand(1);
    app.set_version_flag("--version", "khue " + std::string(khue::judge::version()));
    std::vector<std::pair<CLI::App*, std::function<int()>>> commands;
    for (auto& setup : khue::cli::registry()) {
        auto run = setup(app);
        auto after = app.get_subcommands({});
        commands.emplace_back(after.back(), std::move(run));
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }
    try {
        for (auto& [sub, run] : commands) {
            if (sub->parsed()) {
                return run();
            }
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "khue: %s\n", e.what());
        return 2;
    }
    return 2;
}
