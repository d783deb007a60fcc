#include "khue/api/csv.hpp"

namespace khue::api {

CsvError::CsvError(int line, int column, const std::string& message)
    : std::runtime_error("line " + std::to_string(line) + ", column " + std::to_string(column) + ": " +
                         message),
      line_(line),
      column_(column) {}

std::vector<CsvRecord> parse_csv(std::string_view text, char delimiter, const CsvLimits& limits) {
    enum class State { FieldStart, Unquoted, Quoted, QuoteInQuoted };
    std::vector<CsvRecord> out;
    CsvRecord record;
    std::string field;
    State state = State::FieldStart;
    int line = 1;
    int quote_line = 0;
    record.line = 1;
    auto column = [&] { return static_cast<int>(record.fields.size()) + 1; };
    auto end_field = [&] {
        if (record.fields.size() >= limits.max_fields) {
            throw CsvError(line, column(), "more than " + std::to_string(limits.max_fields) + " columns");
        }
        record.fields.push_back(std::move(field));
        field.clear();
    };
    auto end_record = [&] {
        end_field();
        bool blank = record.fields.size() == 1 && record.fields[0].empty();
        if (!blank) {
            if (out.size() >= limits.max_records) {
                throw CsvError(record.line, 1, "more than " + std::to_string(limits.max_records) + " rows");
            }
            out.push_back(std::move(record));
        }
        record = CsvRecord{};
        record.line = line + 1;
    };
    auto append = [&](char c) {
        if (field.size() >= limits.max_field_bytes) {
            throw CsvError(line, column(),
                           "a field longer than " + std::to_string(limits.max_field_bytes) + " bytes");
        }
        field.push_back(c);
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        bool crlf = c == '\r' && i + 1 < text.size() && text[i + 1] == '\n';
        bool newline = c == '\n' || c == '\r';
        switch (state) {
            case State::FieldStart:
            case State::Unquoted:
                if (c == delimiter) {
                    end_field();
                    state = State::FieldStart;
                } else if (newline) {
                    if (crlf) {
                        ++i;
                    }
                    end_record();
                    ++line;
                    state = State::FieldStart;
                } else if (c == '"') {
                    if (state == State::Unquoted) {
                        throw CsvError(line, column(),
                                       "a quote (\") inside a field that does not start with one; quote the "
                                       "whole field and double the quote");
                    }
                    state = State::Quoted;
                    quote_line = line;
                } else {
                    append(c);
                    state = State::Unquoted;
                }
                break;
            case State::Quoted:
                if (c == '"') {
                    state = State::QuoteInQuoted;
                } else {
                    if (c == '\n' || (c == '\r' && !crlf)) {
                        ++line;
                    }
                    append(c);
                }
                break;
            case State::QuoteInQuoted:
                if (c == '"') {
                    append('"');
                    state = State::Quoted;
                } else if (c == delimiter) {
                    end_field();
                    state = State::FieldStart;
                } else if (newline) {
                    if (crlf) {
                        ++i;
                    }
                    end_record();
                    ++line;
                    state = State::FieldStart;
                } else {
                    throw CsvError(line, column(), "text after the closing quote of a quoted field");
                }
                break;
        }
    }
    if (state == State::Quoted) {
        throw CsvError(quote_line, column(), "a quoted field is never closed (missing \")");
    }
    if (state != State::FieldStart || !record.fields.empty()) {
        end_record();
    }
    return out;
}

char guess_delimiter(std::string_view text) {
    std::size_t comma = 0;
    std::size_t semicolon = 0;
    std::size_t tab = 0;
    bool quoted = false;
    for (char c : text) {
        if (c == '"') {
            quoted = !quoted;
        } else if (!quoted && (c == '\n' || c == '\r')) {
            break;
        } else if (!quoted) {
            comma += c == ',';
            semicolon += c == ';';
            tab += c == '\t';
        }
    }
    if (semicolon > comma && semicolon >= tab) {
        return ';';
    }
    if (tab > comma && tab > semicolon) {
        return '\t';
    }
    return ',';
}

std::string csv_field(std::string_view value) {
    if (value.find_first_of(",;\t\"\r\n") == std::string_view::npos) {
        return std::string(value);
    }
    std::string out = "\"";
    for (char c : value) {
        if (c == '"') {
            out += '"';
        }
        out += c;
    }
    return out + "\"";
}

}  // namespace khue::api
