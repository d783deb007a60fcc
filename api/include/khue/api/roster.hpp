// Accounts in bulk (docs/cli.md, "khue import accounts"): schools (organizations), groups, teams and their
// accounts read from a spreadsheet's CSV export or from DOMjudge's teams.tsv / accounts.tsv / groups.tsv /
// organizations.json, then written in one store transaction: a file with any error changes nothing, and
// re-importing the same file updates what exists instead of adding it twice.
#pragma once

#include "khue/store/store.hpp"

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace khue::api {

// What is wrong with an input file. what() reads "<file>: line L, column C: message" (C may be absent when
// the problem is a whole line, L when it is the whole file).
class RosterError : public std::runtime_error {
  public:
    RosterError(std::string file, int line, int column, const std::string& message);
    const std::string& file() const { return file_; }
    int line() const { return line_; }
    int column() const { return column_; }

  private:
    std::string file_;
    int line_;
    int column_;
};

struct RosterAccount {
    std::string username;
    std::optional<std::string> password;  // absent: keep the stored one, or generate one for a new account
    store::AccountType type = store::AccountType::Team;
    std::string team_id;  // for team accounts
    std::string name;     // members of a team, or a person's name
    std::string where;    // "<file> line N", for errors found when importing
};

// Everything read from the input files, before it touches the store.
struct Roster {
    std::vector<store::Organization> organizations;
    std::vector<store::Group> groups;
    std::vector<store::Team> teams;
    std::vector<RosterAccount> accounts;
};

// Checks that `bytes` is UTF-8 (a BOM is dropped) and returns the text; a UTF-16 file or bytes that are not
// UTF-8 (a Windows code page export) are refused with a message saying so and where.
std::string utf8_text(std::string_view bytes, const std::string& file);

// Reads one input file into `roster` (adding to what earlier files put there). The kind comes from the
// name: organizations.json, teams.tsv, accounts.tsv, groups.tsv; anything else is the CSV with a header.
void read_roster_file(Roster& roster, std::string_view bytes, const std::string& file);

struct Credential {
    std::string team_id;
    std::string team_name;
    std::string organization;
    std::string username;
    std::string password;  // plain: only ever handed back once, never stored
};

struct RosterResult {
    int organizations = 0, groups = 0, teams = 0, accounts = 0;  // written (new or updated)
    std::vector<Credential> credentials;  // accounts whose password was set by this import
};

// Validates the roster against itself and the contest (duplicate ids, unknown groups, usernames of another
// contest's team...) and writes it in one transaction. `regenerate`: new passwords for every team account
// of the roster, even those that have one. Throws RosterError (nothing written) or store::StoreInvalid.
RosterResult import_roster(store::Store& store, const std::string& contest_id, const Roster& roster,
                           bool regenerate = false);

// New passwords for the team accounts of `contest_id` (all, or those in `usernames`), for lost slips.
RosterResult regenerate_passwords(store::Store& store, const std::string& contest_id,
                                  const std::vector<std::string>& usernames = {});

// The organiser's CSV: team_id, team, organization, username, password (UTF-8 with a BOM, for Excel).
std::string credentials_csv(const std::vector<Credential>& credentials);

// A password people can type from a paper slip: 10 characters without look-alikes (0/O, 1/l/I).
std::string generate_password();

}  // namespace khue::api
