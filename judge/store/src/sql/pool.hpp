// A pool of connections of one backend: a transaction takes one and gives it back; broken ones are dropped.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "db.hpp"

namespace khue::store::sql {

class Pool {
  public:
    using Factory = std::function<std::unique_ptr<db::Connection>()>;
    explicit Pool(Factory factory) : factory_(std::move(factory)) {}

    class Handle {
      public:
        Handle(Pool& pool, std::unique_ptr<db::Connection> conn) : pool_(pool), conn_(std::move(conn)) {}
        ~Handle() { pool_.give_back(std::move(conn_)); }
        Handle(const Handle&) = delete;
        Handle& operator=(const Handle&) = delete;
        db::Connection* operator->() { return conn_.get(); }
        db::Connection& operator*() { return *conn_; }

      private:
        Pool& pool_;
        std::unique_ptr<db::Connection> conn_;
    };

    Handle acquire() {
        {
            std::lock_guard lock(mutex_);
            if (!idle_.empty()) {
                auto conn = std::move(idle_.back());
                idle_.pop_back();
                return Handle(*this, std::move(conn));
            }
        }
        return Handle(*this, factory_());
    }

  private:
    void give_back(std::unique_ptr<db::Connection> conn) {
        if (!conn || conn->broken()) {
            return;  // a broken connection is dropped; the next acquire() reconnects
        }
        std::lock_guard lock(mutex_);
        if (idle_.size() < 32) {
            idle_.push_back(std::move(conn));
        }
    }
    Factory factory_;
    std::mutex mutex_;
    std::vector<std::unique_ptr<db::Connection>> idle_;
};

}  // namespace khue::store::sql
