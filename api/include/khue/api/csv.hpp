// A small RFC 4180 CSV reader: a state machine over bytes (no regex, no recursion), for spreadsheet exports.
// Quoted fields may hold the delimiter, doubled quotes and line breaks; lines end in CRLF or LF. Written by
// hand because Debian 12 packages no maintained C++ CSV library (libcsv is C and unmaintained since 2013);
// fuzzed by tests/fuzz/fuzz_csv.cpp.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace khue::api {

struct CsvRecord {
    int line = 0;  // 1-based line where the record starts
    std::vector<std::string> fields;
};

// A malformed file. what() reads "line L, column C: message" (column = 1-based field number).
class CsvError : public std::runtime_error {
  public:
    CsvError(int line, int column, const std::string& message);
    int line() const { return line_; }
    int column() const { return column_; }

  private:
    int line_;
    int column_;
};

struct CsvLimits {
    std::size_t max_records = 100'000;
    std::size_t max_field_bytes = 64 * 1024;
    std::size_t max_fields = 256;
};

// Parses `text` (already checked to be UTF-8, BOM removed). Empty lines are skipped. Throws CsvError.
std::vector<CsvRecord> parse_csv(std::string_view text, char delimiter = ',', const CsvLimits& limits = {});

// The delimiter a spreadsheet most likely used: ',' ';' or '\t', whichever appears most often outside quotes
// on the first line (',' when none does). Vietnamese-locale Excel writes ';'.
char guess_delimiter(std::string_view text);

// Quotes a field for writing when it needs it.
std::string csv_field(std::string_view value);

}  // namespace khue::api
