// The thin SQL layer under SqlStore: values, result rows, one connection per backend. The SQL itself is
// written once, with $1..$N placeholders (SQLite's connection rewrites them to ?1..?N).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "khue/store/store.hpp"

namespace khue::store::db {

struct Blob {
    std::string bytes;
};

using Value = std::variant<std::monostate, std::int64_t, double, std::string, Blob>;

template <class T>
Value opt(const std::optional<T>& v) {
    if (!v) {
        return Value{};
    }
    return Value{*v};
}

class Row {
  public:
    explicit Row(std::vector<Value> values) : values_(std::move(values)) {}
    bool is_null(std::size_t i) const { return std::holds_alternative<std::monostate>(values_.at(i)); }
    std::int64_t i64(std::size_t i) const;
    double f64(std::size_t i) const;
    std::string str(std::size_t i) const;  // also accepts integers (ids)
    std::string blob(std::size_t i) const;
    std::optional<std::int64_t> opt_i64(std::size_t i) const;
    std::optional<double> opt_f64(std::size_t i) const;
    std::optional<std::string> opt_str(std::size_t i) const;
    // Columns [from, from + count) as a row of their own (a record selected beside others in one query).
    Row slice(std::size_t from, std::size_t count) const {
        return Row(std::vector<Value>(values_.begin() + static_cast<std::ptrdiff_t>(from),
                                      values_.begin() + static_cast<std::ptrdiff_t>(from + count)));
    }
    std::size_t size() const { return values_.size(); }

  private:
    std::vector<Value> values_;
};

struct Result {
    std::vector<Row> rows;
    std::int64_t affected = 0;
    bool empty() const { return rows.empty(); }
};

enum class Backend { Sqlite, Postgres };

struct Statement {
    std::string sql;
    std::vector<Value> params;
};

class Connection {
  public:
    virtual ~Connection() = default;
    virtual Result exec(std::string_view sql, const std::vector<Value>& params = {}) = 0;
    // A write transaction takes the database's write lock up front (SQLite BEGIN IMMEDIATE), so that a
    // read-then-write transaction can never fail half-way on a lock upgrade. A durable one is on disk when
    // commit() returns (SQLite synchronous=FULL; PostgreSQL synchronous_commit on); a write that is not
    // durable survives a crash of the process but may be lost, whole, on a crash of the machine.
    virtual void begin(bool write, bool durable) = 0;
    virtual void commit() = 0;
    // Runs `statements` in order in the open transaction; returns each one's result. PostgreSQL sends them
    // all in one round trip (pipeline mode); the first failure aborts the transaction.
    virtual std::vector<Result> exec_many(const std::vector<Statement>& statements) {
        std::vector<Result> results;
        results.reserve(statements.size());
        for (const auto& s : statements) {
            results.push_back(exec(s.sql, s.params));
        }
        return results;
    }
    // Runs `statements` in order in the open transaction, then commits; returns each one's result. PostgreSQL
    // sends them all and the COMMIT in one round trip (libpq pipeline mode), so that a lock taken by the
    // first is held for no client round trip at all.
    virtual std::vector<Result> exec_and_commit(const std::vector<Statement>& statements) {
        std::vector<Result> results;
        results.reserve(statements.size());
        for (const auto& s : statements) {
            results.push_back(exec(s.sql, s.params));
        }
        commit();
        return results;
    }
    virtual void rollback() noexcept = 0;
    // True once the connection failed in a way that makes it unusable; the pool drops it.
    virtual bool broken() const = 0;
};

std::unique_ptr<Connection> open_sqlite(const std::string& path);
std::unique_ptr<Connection> open_postgres(const std::string& conninfo);

// Lock timeouts, deadlocks, serialization failures: the whole transaction may simply be run again.
// Connections throw this, StoreUnavailable (connection lost), StoreInvalid (constraint violated) or
// StoreError.
class TransientError : public StoreUnavailable {
  public:
    using StoreUnavailable::StoreUnavailable;
};

}  // namespace khue::store::db
