// `khue import accounts --contest ID [--db URL | --data DIR] FILE... [--credentials OUT.csv]
//  [--regenerate-passwords]` (docs/cli.md): schools, groups, teams and accounts in bulk, from the documented
// CSV or DOMjudge's teams.tsv / accounts.tsv / groups.tsv / organizations.json. Exit 0 when imported; 2 for
// bad input (nothing is written then).
#include "import_accounts.hpp"

#include "khue/api/contest_api.hpp"
#include "khue/api/roster.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace khue::cli {

namespace fs = std::filesystem;

int run_import_accounts(const ImportAccountsArgs& args) {
    try {
        api::Roster roster;
        for (const auto& file : args.files) {
            std::ifstream in(file, std::ios::binary);
            if (!in) {
                std::fprintf(stderr, "khue import accounts: cannot read %s (nothing was imported)\n",
                             file.c_str());
                return 2;
            }
            std::string bytes((std::istreambuf_iterator<char>(in)), {});
            api::read_roster_file(roster, bytes, file);
        }
        fs::create_directories(args.data);
        std::string url = args.db.empty() ? "sqlite:" + (fs::path(args.data) / "khue.db").string() : args.db;
        auto db = store::open_store(url, api::contest_api_encoder());
        auto result = api::import_roster(*db, args.contest, roster, args.regenerate);
        std::printf("imported into contest %s: %d organizations, %d groups, %d teams, %d accounts\n",
                    args.contest.c_str(), result.organizations, result.groups, result.teams, result.accounts);
        if (!result.credentials.empty()) {
            if (args.credentials.empty()) {
                std::printf(
                    "%zu passwords were set; pass --credentials OUT.csv to write them down (they are not "
                    "stored in plain text: they cannot be shown again, only regenerated)\n",
                    result.credentials.size());
            } else {
                std::ofstream out(args.credentials, std::ios::binary | std::ios::trunc);
                out << api::credentials_csv(result.credentials);
                if (!out) {
                    std::fprintf(stderr, "khue import accounts: cannot write %s\n", args.credentials.c_str());
                    return 1;
                }
                fs::permissions(args.credentials, fs::perms::owner_read | fs::perms::owner_write,
                                fs::perm_options::replace);
                std::printf("%zu credentials written to %s\n", result.credentials.size(),
                            args.credentials.c_str());
            }
        }
        return 0;
    } catch (const api::RosterError& e) {
        std::fprintf(stderr, "khue import accounts: %s (nothing was imported)\n", e.what());
        return 2;
    } catch (const store::StoreInvalid& e) {
        std::fprintf(stderr, "khue import accounts: %s (nothing was imported)\n", e.what());
        return 2;
    }
}

}  // namespace khue::cli
