// PostgreSQL connection (libpq). Parameters go as text, except blobs which go binary; results come back as
// text and are converted by column type, so that callers see the same Values as from SQLite.
#include <libpq-fe.h>

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <unordered_map>

#include "db.hpp"

namespace khue::store::db {
namespace {

// Type OIDs from pg_type.h (stable since forever; the server header is not installed with libpq).
constexpr Oid kBool = 16, kBytea = 17, kInt8 = 20, kInt2 = 21, kInt4 = 23, kFloat4 = 700, kFloat8 = 701,
              kNumeric = 1700;

// Parameters as libpq wants them: text, except blobs (binary); NULL as a null pointer.
struct Params {
    std::vector<std::string> text;
    std::vector<const char*> values;
    std::vector<int> lengths;
    std::vector<int> formats;
    explicit Params(const std::vector<Value>& params)
        : text(params.size()),
          values(params.size(), nullptr),
          lengths(params.size(), 0),
          formats(params.size(), 0) {
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
    }
    int count() const { return static_cast<int>(values.size()); }
};

Result convert(PGresult* res) {
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

struct ResultGuard {
    PGresult* r;
    ~ResultGuard() { PQclear(r); }
};

// Round trips are what the queue pays for most (issue #12): every statement is prepared once per connection
// and then only executed (no parse and plan each time), BEGIN waits to travel with the transaction's first
// statement, and exec_and_commit() sends a transaction's tail with its COMMIT, all in libpq pipeline mode.
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
        std::vector<Statement> batch = std::move(pending_);
        pending_.clear();
        batch.push_back({std::string(sql), params});
        return std::move(run(batch).back());
    }

    std::vector<Result> exec_many(const std::vector<Statement>& statements) override {
        if (statements.empty()) {
            return {};
        }
        std::vector<Statement> batch = std::move(pending_);
        pending_.clear();
        const std::size_t skip = batch.size();
        batch.insert(batch.end(), statements.begin(), statements.end());
        auto results = run(batch);
        results.erase(results.begin(), results.begin() + static_cast<std::ptrdiff_t>(skip));
        return results;
    }

    std::vector<Result> exec_and_commit(const std::vector<Statement>& statements) override {
        std::vector<Statement> batch = std::move(pending_);
        pending_.clear();
        const std::size_t skip = batch.size();
        batch.insert(batch.end(), statements.begin(), statements.end());
        batch.push_back({"COMMIT", {}});
        auto results = run(batch);
        results.erase(results.begin(), results.begin() + static_cast<std::ptrdiff_t>(skip));
        results.pop_back();
        return results;
    }

    void begin(bool write, bool durable) override {
        pending_.clear();
        pending_.push_back({"BEGIN", {}});
        if (write && !durable) {
            pending_.push_back({"SET LOCAL synchronous_commit = off", {}});
        }
    }
    void commit() override {
        if (pending_.size() > 0 && pending_.front().sql == "BEGIN") {
            pending_.clear();  // nothing ran: nothing to commit
            return;
        }
        exec("COMMIT", {});
    }
    void rollback() noexcept override {
        pending_.clear();
        if (conn_ && PQstatus(conn_) == CONNECTION_OK && PQtransactionStatus(conn_) != PQTRANS_IDLE) {
            PQclear(PQexec(conn_, "ROLLBACK"));
        }
    }
    bool broken() const override { return broken_ || conn_ == nullptr || PQstatus(conn_) != CONNECTION_OK; }

  private:
    // The prepared statement's name for `sql`, and whether it must be prepared first.
    std::pair<std::string, bool> statement_name(const std::string& sql) {
        if (auto it = prepared_.find(sql); it != prepared_.end()) {
            return {it->second, false};
        }
        return {"k" + std::to_string(++next_name_), true};
    }

    // Sends every statement in one pipeline and reads every result; throws the first failure (after reading
    // to the end, so that the connection stays usable).
    std::vector<Result> run(const std::vector<Statement>& batch) {
        if (prepared_.size() >= 1000) {
            // Queries with optional filters make many texts: a connection keeps a bounded set. (Outside the
            // pipeline: PQexec is not allowed in one.)
            PQclear(PQexec(conn_, "DEALLOCATE ALL"));
            prepared_.clear();
        }
        if (PQenterPipelineMode(conn_) != 1) {
            throw StoreUnavailable(std::string("PostgreSQL: cannot enter pipeline mode: ") +
                                   PQerrorMessage(conn_));
        }
        struct Sent {
            std::string sql;
            std::string name;
            bool prepare = false;
        };
        std::vector<Sent> sent;
        sent.reserve(batch.size());
        bool send_failed = false;
        for (const auto& s : batch) {
            auto [name, prepare] = statement_name(s.sql);
            Params params(s.params);
            if (prepare && PQsendPrepare(conn_, name.c_str(), s.sql.c_str(), params.count(), nullptr) != 1) {
                send_failed = true;
                break;
            }
            if (PQsendQueryPrepared(conn_, name.c_str(), params.count(), params.values.data(),
                                    params.lengths.data(), params.formats.data(), 0) != 1) {
                send_failed = true;
                break;
            }
            sent.push_back({s.sql, name, prepare});
        }
        if (PQpipelineSync(conn_) != 1 || send_failed) {
            const std::string msg = PQerrorMessage(conn_);
            PQexitPipelineMode(conn_);
            broken_ = true;  // results may be pending: the pool drops this connection
            if (PQstatus(conn_) != CONNECTION_OK) {
                throw StoreUnavailable("PostgreSQL: " + msg);
            }
            throw StoreError("PostgreSQL: cannot send a statement: " + msg);
        }
        std::vector<Result> results;
        results.reserve(sent.size());
        std::optional<std::pair<std::string, std::string>> failure;  // message, SQLSTATE
        std::string failed_sql;
        const auto take = [&](const std::string& sql) -> PGresult* {
            PGresult* res = PQgetResult(conn_);
            if (res == nullptr) {
                return nullptr;
            }
            ExecStatusType status = PQresultStatus(res);
            if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_PIPELINE_ABORTED &&
                !failure) {
                const char* state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
                failure = {PQresultErrorMessage(res), state ? state : ""};
                failed_sql = sql;
            }
            return res;
        };
        for (const auto& s : sent) {
            if (s.prepare) {
                PGresult* res = take(s.sql);
                const bool ok = res != nullptr && PQresultStatus(res) == PGRES_COMMAND_OK;
                PQclear(res);
                while (PGresult* extra = PQgetResult(conn_)) {  // the NULL that ends the Prepare's results
                    PQclear(extra);
                }
                if (ok) {
                    prepared_[s.sql] = s.name;
                }
            }
            PGresult* res = take(s.sql);
            ResultGuard guard{res};
            if (res != nullptr && PQresultStatus(res) == PGRES_TUPLES_OK) {
                results.push_back(convert(res));
            } else if (res != nullptr && PQresultStatus(res) == PGRES_COMMAND_OK) {
                results.push_back(convert(res));
            } else {
                results.emplace_back();
            }
            if (res != nullptr) {
                while (PGresult* extra = PQgetResult(conn_)) {  // up to the NULL that ends this query
                    PQclear(extra);
                }
            }
        }
        // The sync's own result, then leave pipeline mode.
        for (;;) {
            PGresult* res = PQgetResult(conn_);
            if (res == nullptr) {
                if (PQstatus(conn_) != CONNECTION_OK) {
                    break;
                }
                continue;
            }
            const bool sync = PQresultStatus(res) == PGRES_PIPELINE_SYNC;
            PQclear(res);
            if (sync) {
                break;
            }
        }
        PQexitPipelineMode(conn_);
        if (failure) {
            fail(failure->first, failure->second, failed_sql);
        }
        if (PQstatus(conn_) != CONNECTION_OK) {
            throw StoreUnavailable(std::string("PostgreSQL: connection lost: ") + PQerrorMessage(conn_));
        }
        return results;
    }

    [[noreturn]] void fail(std::string msg, const std::string& code, std::string_view sql) {
        msg = "PostgreSQL: " + msg;
        while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) {
            msg.pop_back();
        }
        msg += " (in: " + std::string(sql.substr(0, 120)) + ")";
        if (PQstatus(conn_) != CONNECTION_OK) {
            throw StoreUnavailable(msg);
        }
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
    bool broken_ = false;
    std::vector<Statement> pending_;  // BEGIN (and SET LOCAL), sent with the first statement
    std::unordered_map<std::string, std::string> prepared_;
    std::uint64_t next_name_ = 0;
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
