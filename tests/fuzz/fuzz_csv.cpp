// libFuzzer target: accounts in bulk read from untrusted bytes (the console upload). The first byte picks the
// reader (the documented CSV, teams.tsv, accounts.tsv, groups.tsv, organizations.json); reading may only
// succeed or throw RosterError, and the CSV parser alone may only succeed or throw CsvError.
#include <cstdint>
#include <string>
#include <string_view>

#include "khue/api/csv.hpp"
#include "khue/api/roster.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) {
        return 0;
    }
    static const char* const kNames[] = {"teams.csv", "teams.tsv", "accounts.tsv", "groups.tsv",
                                         "organizations.json"};
    std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
    try {
        khue::api::Roster roster;
        khue::api::read_roster_file(roster, bytes, kNames[data[0] % 5]);
    } catch (const khue::api::RosterError&) {
    }
    try {
        khue::api::CsvLimits limits;
        limits.max_records = 1000;
        limits.max_field_bytes = 4096;
        auto records = khue::api::parse_csv(bytes, khue::api::guess_delimiter(bytes), limits);
        if (records.size() > limits.max_records) {
            __builtin_trap();
        }
    } catch (const khue::api::CsvError&) {
    }
    return 0;
}
