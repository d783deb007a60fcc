#include <signal.h>
#include <unistd.h>

#include <spdlog/spdlog.h>
#include <algorithm>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <condition_variable>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "khue/judge/cache.hpp"
#include "khue/judge/remove_tree.hpp"
#include "khue/store/package_cache.hpp"
#include "khue/store/store.hpp"
#include "khue/store/worker.hpp"

namespace khue::store {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

// Job folders are named khue-job-<judgement>-<pid>-<slot> and live on tmpfs (memory). A worker killed with
// SIGKILL cannot remove its own, so a starting pool removes those whose process no longer exists.
void sweep_stale_job_folders() {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(judge::scratch_root(), ec)) {
        std::string name = entry.path().filename().string();
        if (!name.starts_with("khue-job-")) {
            continue;
        }
        auto slot_dash = name.rfind('-');
        auto pid_dash = slot_dash == std::string::npos || slot_dash == 0 ? std::string::npos
                                                                         : name.rfind('-', slot_dash - 1);
        if (pid_dash == std::string::npos) {
            continue;
        }
        pid_t pid = 0;
        auto [end, err] = std::from_chars(name.data() + pid_dash + 1, name.data() + slot_dash, pid);
        if (err != std::errc{} || end != name.data() + slot_dash || pid <= 0) {
            continue;
        }
        if (::kill(pid, 0) != 0 && errno == ESRCH) {
            std::error_code remove_ec;
            fs::remove_all(entry.path(), remove_ec);
        }
    }
}

std::string this_host() {
    char buf[256] = {};
    if (::gethostname(buf, sizeof buf - 1) != 0 || buf[0] == '\0') {
        return "localhost";
    }
    return buf;
}

// A submission's file name must stay inside the scratch folder.
fs::path safe_relative(const std::string& name) {
    fs::path p(name);
    if (name.empty() || p.is_absolute()) {
        throw std::runtime_error("submission file name '" + name + "' is not a relative path");
    }
    for (const auto& part : p) {
        if (part == ".." || part == ".") {
            throw std::runtime_error("submission file name '" + name + "' leaves its folder");
        }
    }
    return p;
}

}  // namespace

struct WorkerPool::Impl {
    struct Slot {
        std::optional<Lease> lease;  // set while judging
        std::stop_source stop;
        bool lease_lost = false;
        std::optional<std::string> submission_id;
        std::optional<TimePoint> since;
    };

    Impl(Store& s, Judger j, WorkerOptions o)
        : store(s), judger(std::move(j)), options(std::move(o)), cache(options.cache_dir) {
        if (options.host.empty()) {
            options.host = this_host();
        }
        if (options.slots <= 0) {
            options.slots = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
        }
        slots.resize(static_cast<std::size_t>(options.slots));
    }

    Store& store;
    Judger judger;
    WorkerOptions options;
    PackageCache cache;
    std::stop_source stop_all;
    std::atomic<bool> requeue_on_stop{true};
    std::mutex mutex;  // guards `slots`
    std::vector<Slot> slots;
    std::vector<std::jthread> threads;
    std::jthread renewer;
    std::jthread heart;
    std::atomic<int> running_slots{0};
    std::atomic<std::uint64_t> judged{0}, lost{0}, released{0}, db_errors{0};
    std::mutex sleep_mutex;
    std::condition_variable_any sleep_cv;
    // One claim for every idle slot (claim_jobs): the first idle slot claims, the others wait for what it
    // hands them. A job claimed for a slot that stopped waiting meanwhile is given back at once.
    std::mutex claim_mutex;
    std::condition_variable_any claim_cv;
    bool claiming = false;
    std::set<int> idle;         // slots waiting in next_job()
    std::map<int, Job> handed;  // claimed for a slot that has not taken it yet

    std::string owner(int slot) const { return options.host + "/" + std::to_string(slot); }

    // Sleeps, but returns early when the pool stops.
    void pause(std::chrono::milliseconds d) {
        std::unique_lock lock(sleep_mutex);
        std::stop_token token = stop_all.get_token();
        sleep_cv.wait_for(lock, token, d, [] { return false; });
    }

    void slot_loop(int slot) {
        auto backoff = options.backoff_initial;
        while (!stop_all.stop_requested()) {
            try {
                auto job = next_job(slot);
                backoff = options.backoff_initial;
                if (job) {
                    if (options.on_claim) {
                        options.on_claim(*job);
                    }
                    if (job->crashes >= options.max_crashes) {
                        give_up_after_crashes(slot, *job);
                    } else {
                        run_job(slot, *job);
                    }
                    if (options.on_done) {
                        options.on_done(*job);
                    }
                }
            } catch (const std::exception& e) {
                ++db_errors;
                spdlog::warn("worker {}: database: {} (retrying in {} ms)", owner(slot), e.what(),
                             backoff.count());
                pause(backoff);
                backoff = std::min(backoff * 2, options.backoff_max);
            }
        }
        --running_slots;
    }

    // The next job for `slot`: claimed by this slot for itself and every other idle slot, or handed to it by
    // the slot that claimed. Nothing when the claim found none within claim_wait, or the pool stops.
    std::optional<Job> next_job(int slot) {
        std::unique_lock lock(claim_mutex);
        idle.insert(slot);
        const auto stop = stop_all.get_token();
        for (;;) {
            if (auto it = handed.find(slot); it != handed.end()) {
                Job job = std::move(it->second);
                handed.erase(it);
                idle.erase(slot);
                return job;
            }
            if (stop.stop_requested()) {
                idle.erase(slot);
                return std::nullopt;
            }
            if (!claiming) {
                break;
            }
            claim_cv.wait(lock, stop, [&] { return !claiming || handed.contains(slot); });
        }
        claiming = true;
        std::vector<int> for_slots{slot};
        for (int s : idle) {
            if (s != slot && !handed.contains(s)) {
                for_slots.push_back(s);
            }
        }
        std::vector<std::string> owners;
        for (int s : for_slots) {
            owners.push_back(owner(s));
        }
        lock.unlock();
        std::vector<Job> jobs;
        try {
            jobs = store.claim_jobs(owners, options.lease, options.claim_wait);
        } catch (...) {
            lock.lock();
            claiming = false;
            idle.erase(slot);
            claim_cv.notify_all();
            throw;
        }
        lock.lock();
        claiming = false;
        idle.erase(slot);
        std::vector<Job> orphans;  // their slot stopped waiting (the pool is stopping)
        for (std::size_t k = 1; k < jobs.size(); ++k) {
            if (idle.contains(for_slots[k])) {
                handed.emplace(for_slots[k], std::move(jobs[k]));
            } else {
                orphans.push_back(std::move(jobs[k]));
            }
        }
        claim_cv.notify_all();
        lock.unlock();
        for (const auto& job : orphans) {
            try {
                store.release_job(job.lease, "stopping");
            } catch (const std::exception& e) {
                spdlog::warn("worker {}: giving back job {}: {}", job.lease.owner, job.lease.job_id,
                             e.what());
            }
        }
        if (jobs.empty()) {
            return std::nullopt;
        }
        return std::move(jobs.front());
    }

    // Runs `f` until it succeeds, backing off on database failures, while `keep_trying` holds.
    template <class F>
    auto with_retry(F f, const std::function<bool()>& keep_trying) -> std::optional<decltype(f())> {
        auto backoff = options.backoff_initial;
        for (;;) {
            try {
                return f();
            } catch (const StoreInvalid&) {
                throw;
            } catch (const StoreError& e) {
                ++db_errors;
                if (!keep_trying()) {
                    return std::nullopt;
                }
                spdlog::warn("worker: database: {} (retrying in {} ms)", e.what(), backoff.count());
                std::this_thread::sleep_for(backoff);
                backoff = std::min(backoff * 2, options.backoff_max);
            }
        }
    }

    // Workers died `job.crashes` times while judging this job: judging it again would likely kill this one
    // too, so the job ends with a judge error naming how they died.
    void give_up_after_crashes(int slot, const Job& job) {
        const std::string times = job.crashes == 1   ? "once"
                                  : job.crashes == 2 ? "twice"
                                                     : std::to_string(job.crashes) + " times";
        JudgementResult je;
        je.verdict = judge::Verdict::JE;
        je.compile_output = "worker died " + times + " while judging: " + job.crash_reason;
        spdlog::error("worker {}: submission {}: {}; recorded as JE", owner(slot), job.submission_id,
                      je.compile_output);
        const auto lease = job.lease;
        record(slot, job, lease, je, [&] { return Clock::now() < lease.expires; });
    }

    void run_job(int slot, const Job& job) {
        std::stop_token stop;
        {
            std::lock_guard lock(mutex);
            Slot& s = slots[static_cast<std::size_t>(slot)];
            s.lease = job.lease;
            s.stop = std::stop_source();
            s.lease_lost = false;
            s.submission_id = job.submission_id;
            s.since = Clock::now();
            stop = s.stop.get_token();
            if (stop_all.stop_requested() && requeue_on_stop) {
                s.stop.request_stop();
            }
        }
        fs::path work = judge::scratch_root() / ("khue-job-" + job.lease.judgement_id + "-" +
                                                 std::to_string(::getpid()) + "-" + std::to_string(slot));
        JudgerOutcome outcome;
        try {
            auto submission = store.get_submission(job.contest_id, job.submission_id);
            if (!submission) {
                throw std::runtime_error("submission " + job.submission_id + " vanished");
            }
            fs::path package = cache.get(store, job.package_hash);
            judge::remove_tree(work);
            fs::create_directories(work / "src");
            std::vector<fs::path> sources;
            for (const auto& f : submission->files) {
                fs::path p = work / "src" / safe_relative(f.name);
                fs::create_directories(p.parent_path());
                std::ofstream(p, std::ios::binary)
                    .write(f.bytes.data(), static_cast<std::streamsize>(f.bytes.size()));
                sources.push_back(p);
            }
            // Box ids come in pairs per slot: the submission's, then its helpers' (checkers, interactors).
            JudgeTask task{job, *submission, package, sources, work, slot, options.first_box_id + 2 * slot,
                           stop};
            outcome = judger(task);
        } catch (const std::exception& e) {
            outcome.kind = JudgerOutcome::Kind::InternalError;
            outcome.message = e.what();
        }
        try {
            judge::remove_tree(work);
        } catch (const std::exception& e) {
            // A job folder that cannot be removed: its verdict is not trusted either (loud, retried, JE).
            spdlog::error("worker {}: {}", owner(slot), e.what());
            outcome = JudgerOutcome{};
            outcome.kind = JudgerOutcome::Kind::InternalError;
            outcome.message = e.what();
        }

        Lease lease;
        bool lease_lost = false;
        {
            std::lock_guard lock(mutex);
            Slot& s = slots[static_cast<std::size_t>(slot)];
            lease = *s.lease;
            lease_lost = s.lease_lost;
            s.lease.reset();
            s.submission_id.reset();
            s.since.reset();
        }
        if (lease_lost) {
            ++lost;
            spdlog::warn("worker {}: lost the lease of submission {}; result discarded", owner(slot),
                         job.submission_id);
            return;
        }
        auto lease_alive = [&] { return Clock::now() < lease.expires + options.lease; };
        switch (outcome.kind) {
            case JudgerOutcome::Kind::Judged:
                record(slot, job, lease, outcome.result, lease_alive);
                break;
            case JudgerOutcome::Kind::InternalError:
                spdlog::error("worker {}: submission {} attempt {}: internal error: {}", owner(slot),
                              job.submission_id, job.attempt, outcome.message);
                if (job.attempt >= options.max_attempts) {
                    JudgementResult je;
                    je.verdict = Verdict::JE;
                    je.compile_output = "internal error after " + std::to_string(job.attempt) +
                                        " attempts: " + outcome.message;
                    record(slot, job, lease, je, lease_alive);
                    break;
                }
                [[fallthrough]];
            case JudgerOutcome::Kind::Aborted:
                if (with_retry(
                        [&] {
                            return store.release_job(lease,
                                                     outcome.message.empty() ? "aborted" : outcome.message);
                        },
                        lease_alive)
                        .value_or(false)) {
                    ++released;
                }
                break;
        }
    }

    void record(int slot, const Job& job, const Lease& lease, const JudgementResult& result,
                const std::function<bool()>& keep_trying) {
        // complete_job is idempotent for one lease, so retrying after a lost reply cannot record twice.
        auto status = with_retry([&] { return store.complete_job(lease, result); }, keep_trying);
        if (status == CompleteStatus::Recorded || status == CompleteStatus::AlreadyRecorded) {
            ++judged;
        } else {
            ++lost;
            spdlog::warn("worker {}: result for submission {} refused (lease lost)", owner(slot),
                         job.submission_id);
        }
    }

    void renew_loop(std::stop_token stop) {
        auto period = std::max(options.lease / 3, std::chrono::milliseconds(10));
        while (!stop.stop_requested()) {
            {
                std::unique_lock lock(sleep_mutex);
                sleep_cv.wait_for(lock, stop, period, [] { return false; });
            }
            std::vector<std::pair<std::size_t, Lease>> leases;
            {
                std::lock_guard lock(mutex);
                for (std::size_t i = 0; i < slots.size(); ++i) {
                    if (slots[i].lease && !slots[i].lease_lost) {
                        leases.emplace_back(i, *slots[i].lease);
                    }
                }
            }
            for (auto& [i, lease] : leases) {
                try {
                    bool ok = store.renew_lease(lease, options.lease);
                    std::lock_guard lock(mutex);
                    Slot& s = slots[i];
                    if (!s.lease || s.lease->judgement_id != lease.judgement_id) {
                        continue;  // finished meanwhile
                    }
                    if (ok) {
                        s.lease->expires = lease.expires;
                    } else {
                        s.lease_lost = true;
                        s.stop.request_stop();
                    }
                } catch (const std::exception& e) {
                    ++db_errors;
                    spdlog::warn("worker: renewing a lease: {}", e.what());
                }
            }
        }
    }

    void heartbeat_loop(std::stop_token stop) {
        while (!stop.stop_requested()) {
            JudgeHost host;
            host.host = options.host;
            host.slots = options.slots;
            {
                std::lock_guard lock(mutex);
                for (std::size_t i = 0; i < slots.size(); ++i) {
                    SlotStatus s;
                    s.slot = static_cast<int>(i);
                    s.submission_id = slots[i].submission_id;
                    if (slots[i].lease) {
                        s.judgement_id = slots[i].lease->judgement_id;
                    }
                    s.since = slots[i].since;
                    host.slot_status.push_back(std::move(s));
                }
            }
            try {
                store.heartbeat(host);
            } catch (const std::exception& e) {
                spdlog::warn("worker: heartbeat: {}", e.what());
            }
            std::unique_lock lock(sleep_mutex);
            sleep_cv.wait_for(lock, stop, options.heartbeat, [] { return false; });
        }
    }
};

WorkerPool::WorkerPool(Store& store, Judger judger, WorkerOptions options)
    : impl_(std::make_unique<Impl>(store, std::move(judger), std::move(options))) {}

WorkerPool::~WorkerPool() {
    stop(true);
}

void WorkerPool::start() {
    if (!impl_->threads.empty()) {
        return;
    }
    sweep_stale_job_folders();
    impl_->running_slots = impl_->options.slots;
    for (int i = 0; i < impl_->options.slots; ++i) {
        impl_->threads.emplace_back([this, i] { impl_->slot_loop(i); });
    }
    impl_->renewer = std::jthread([this](std::stop_token t) { impl_->renew_loop(t); });
    impl_->heart = std::jthread([this](std::stop_token t) { impl_->heartbeat_loop(t); });
    spdlog::info("worker {}: {} slots judging", impl_->options.host, impl_->options.slots);
}

void WorkerPool::stop(bool requeue) {
    if (impl_->threads.empty()) {
        return;
    }
    impl_->requeue_on_stop = requeue;
    impl_->stop_all.request_stop();
    if (requeue) {
        std::lock_guard lock(impl_->mutex);
        for (auto& s : impl_->slots) {
            if (s.lease) {
                s.stop.request_stop();
            }
        }
    }
    // A slot may be entering claim_job() just as we interrupt: keep interrupting until every slot is out.
    while (impl_->running_slots > 0) {
        impl_->store.interrupt_waits();
        std::this_thread::sleep_for(20ms);
    }
    impl_->threads.clear();
    impl_->renewer = {};
    impl_->heart = {};
}

WorkerStats WorkerPool::stats() const {
    return {impl_->judged, impl_->lost, impl_->released, impl_->db_errors};
}

const WorkerOptions& WorkerPool::options() const {
    return impl_->options;
}

}  // namespace khue::store
