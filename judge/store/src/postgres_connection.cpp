// PostgreSQL connection (libpq). Parameters go as text, except blobs which go binary; results come back as
// text and are converted by column type, so that callers see the same Values as from SQLite.
#include <libpq-fe.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "db.hpp"

namespace khue::store::db {
namespace {

// Type OIDs from pg_type.h (stable since forever; the server header is not installed with libpq).
constexpr Oid kBool = 16, kBytea = 17, kInt8 = 20, kInt2 = 21, kInt4 = 23, kFloat4 = 700, kFloat8 = 701,
              kNumeric = 1700;

class PostgresConnection final : public Connection {
  public:
    explicit PostgresConnection(const std::string& conninfo) : conn_(PQconnectdb(conninfo.c_str())) {
        if (conn_ == nullptr || PQstatus(conn_) != CONNECTION_OK) {
            std::string msg = conn_ ? PQerrorMessage(conn_) : "out of memory";
            PQfinish(conn_);
            conn_ = nullptr;
            throw StoreUnavailable("cannot connect to PostgreSQL: " + msg);
        }
        exec("SET client_min_messages = warning", {});
    }
    ~PostgresConnection() override { PQfinish(conn_); }
    PostgresConnection(const PostgresConnection&) = delete;
    PostgresConnection& operator=(const PostgresConnection&) = delete;

    Result exec(std::string_view sql, const std::vector<Value>& params) override {
        std::vector<std::string> text(params.size());
        std::vector<const char*> values(params.size(), nullptr);
        std::vector<int> lengths(params.size(), 0);
        std::vector<int> formats(params.size(), 0);
        for (std::size_t i = 0; i < params.size(); ++i) {
            const Value& v = params[i];
            if (const auto* n = std::get_if<std::int64_t>(&v)) {
                text[i] = std::to_string(*n);
            } else if (const auto* d = std::get_if<double>(&v)) {
                char buf[64];
                std::snprintf(buf, sizeof buf, "%.17g", *d);
                text[i] = buf;
            } else if (const auto* s = std::get_if<std::string>(&v)) {
                text[i] = *s;
            } else if (const auto* b = std::get_if<Blob>(&v)) {
                values[i] = b->bytes.data();
                lengths[i] = static_cast<int>(b->bytes.size());
                formats[i] = 1;
                continue;
            } else {
                continue;  // NULL
            }
            values[i] = text[i].c_str();
            lengths[i] = static_cast<int>(text[i].size());
        }
        std::string query(sql);
        PGresult* res = PQexecParams(conn_, query.c_str(), static_cast<int>(params.size()), nullptr,
                                     values.data(), lengths.data(), formats.data(), 0);
        struct Guard {
            PGresult* r;
            ~Guard() { PQclear(r); }
        } guard{res};
        ExecStatusType status = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
            fail(res, sql);
        }
        Result result;
        int nrows = PQntuples(res);
        int ncols = PQnfields(res);
        result.rows.reserve(static_cast<std::size_t>(nrows));
        for (int r = 0; r < nrows; ++r) {
            std::vector<Value> row;
            row.reserve(static_cast<std::size_t>(ncols));
            for (int c = 0; c < ncols; ++c) {
                if (PQgetisnull(res, r, c)) {
                    row.emplace_back(std::monostate{});
                    continue;
                }
                const char* p = PQgetvalue(res, r, c);
                auto len = static_cast<std::size_t>(PQgetlength(res, r, c));
                switch (PQftype(res, c)) {
                    case kInt8:
                    case kInt4:
                    case kInt2:
                        row.emplace_back(static_cast<std::int64_t>(std::strtoll(p, nullptr, 10)));
                        break;
                    case kBool:
                        row.emplace_back(static_cast<std::int64_t>(p[0] == 't' ? 1 : 0));
                        break;
                    case kFloat4:
                    case kFloat8:
                    case kNumeric:
                        row.emplace_back(std::strtod(p, nullptr));
                        break;
                    case kBytea: {
                        std::size_t n = 0;
                        unsigned char* raw = PQunescapeBytea(reinterpret_cast<const unsigned char*>(p), &n);
                        if (raw == nullptr) {
                            throw StoreError("PostgreSQL: cannot decode a bytea value");
                        }
                        row.emplace_back(Blob{std::string(reinterpret_cast<const char*>(raw), n)});
                        PQfreemem(raw);
                        break;
                    }
                    default:
                        row.emplace_back(std::string(p, len));
                }
            }
            result.rows.emplace_back(std::move(row));
        }
        const char* tuples = PQcmdTuples(res);
        result.affected = (tuples && *tuples) ? std::strtoll(tuples, nullptr, 10) : 0;
        return result;
    }

    void begin(bool write, bool durable) override {
        exec("BEGIN", {});
        if (write && !durable) {
            exec("SET LOCAL synchronous_commit = off", {});
        }
    }
    void commit() override { exec("COMMIT", {}); }
    void rollback() noexcept override {
        if (conn_ && PQstatus(conn_) == CONNECTION_OK && PQtransactionStatus(conn_) != PQTRANS_IDLE) {
            PQclear(PQexec(conn_, "ROLLBACK"));
        }
    }
    bool broken() const override { return conn_ == nullptr || PQstatus(conn_) != CONNECTION_OK; }

  private:
    [[noreturn]] void fail(PGresult* res, std::string_view sql) {
        std::string msg = "PostgreSQL: ";
        msg += res ? PQresultErrorMessage(res) : PQerrorMessage(conn_);
        while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) {
            msg.pop_back();
        }
        msg += " (in: " + std::string(sql.substr(0, 120)) + ")";
        if (PQstatus(conn_) != CONNECTION_OK) {
            throw StoreUnavailable(msg);
        }
        const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
        std::string code = state ? state : "";
        if (code == "40001" || code == "40P01" || code == "55P03") {
            throw TransientError(msg);
        }
        if (code.starts_with("23")) {
            throw StoreInvalid(msg);
        }
        if (code.starts_with("08") || code.starts_with("57")) {
            throw StoreUnavailable(msg);
        }
        throw StoreError(msg);
    }

    PGconn* conn_ = nullptr;
};

}  // namespace

std::unique_ptr<Connection> open_postgres(const std::string& conninfo) {
    return std::make_unique<PostgresConnection>(conninfo);
}

// ---- Row accessors (shared by both backends)
// --------------------------------------------------------------------

std::int64_t Row::i64(std::size_t i) const {
    const Value& v = values_.at(i);
    if (const auto* n = std::get_if<std::int64_t>(&v)) {
        return *n;
    }
    if (const auto* d = std::get_if<double>(&v)) {
        return static_cast<std::int64_t>(*d);
    }
    if (const auto* s = std::get_if<std::string>(&v)) {
        return std::strtoll(s->c_str(), nullptr, 10);
    }
    throw StoreError("store: expected an integer in column " + std::to_string(i));
}
double Row::f64(std::size_t i) const {
    const Value& v = values_.at(i);
    if (const auto* d = std::get_if<double>(&v)) {
        return *d;
    }
    if (const auto* n = std::get_if<std::int64_t>(&v)) {
        return static_cast<double>(*n);
    }
    throw StoreError("store: expected a number in column " + std::to_string(i));
}
std::string Row::str(std::size_t i) const {
    const Value& v = values_.at(i);
    if (const auto* s = std::get_if<std::string>(&v)) {
        return *s;
    }
    if (const auto* n = std::get_if<std::int64_t>(&v)) {
        return std::to_string(*n);
    }
    if (const auto* b = std::get_if<Blob>(&v)) {
        return b->bytes;
    }
    if (std::holds_alternative<std::monostate>(v)) {
        return {};
    }
    throw StoreError("store: expected text in column " + std::to_string(i));
}
std::string Row::blob(std::size_t i) const {
    return str(i);
}
std::optional<std::int64_t> Row::opt_i64(std::size_t i) const {
    return is_null(i) ? std::nullopt : std::optional(i64(i));
}
std::optional<double> Row::opt_f64(std::size_t i) const {
    return is_null(i) ? std::nullopt : std::optional(f64(i));
}
std::optional<std::string> Row::opt_str(std::size_t i) const {
    return is_null(i) ? std::nullopt : std::optional(str(i));
}

}  // namespace khue::store::db
