// `khue import accounts` (import_accounts.cpp), a subcommand of `khue import` (import.cpp).
#pragma once

#include <string>
#include <vector>

namespace khue::cli {

struct ImportAccountsArgs {
    std::string contest;
    std::string db;
    std::string data = ".khue-data";  // as `khue serve`
    std::vector<std::string> files;
    std::string credentials;
    bool regenerate = false;
};

int run_import_accounts(const ImportAccountsArgs& args);

}  // namespace khue::cli
