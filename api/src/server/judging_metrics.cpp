#include "server/judging_metrics.hpp"

#include <cstdio>
#include <iterator>

namespace khue::api {

namespace {

constexpr double kLatencyBuckets[] = {0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300};

}  // namespace

void JudgingMetrics::record_verdict(const std::string& judgement_type_id) {
    ++verdicts_[judgement_type_id];
}

void JudgingMetrics::record_latency(double seconds) {
    latency_sum_ += seconds;
    latency_buckets_.resize(std::size(kLatencyBuckets) + 1);
    for (std::size_t i = 0; i < std::size(kLatencyBuckets); ++i) {
        latency_buckets_[i] += seconds <= kLatencyBuckets[i] ? 1 : 0;
    }
    ++latency_buckets_.back();
}

void JudgingMetrics::merge(const JudgingMetrics& other) {
    for (const auto& [verdict, n] : other.verdicts_) {
        verdicts_[verdict] += n;
    }
    if (!other.latency_buckets_.empty()) {
        latency_buckets_.resize(other.latency_buckets_.size());
        for (std::size_t i = 0; i < other.latency_buckets_.size(); ++i) {
            latency_buckets_[i] += other.latency_buckets_[i];
        }
    }
    latency_sum_ += other.latency_sum_;
}

std::string JudgingMetrics::render() const {
    std::string out =
        "# HELP khue_judgements_total Finished judgements, by verdict.\n"
        "# TYPE khue_judgements_total counter\n";
    for (const auto& [verdict, n] : verdicts_) {
        out += "khue_judgements_total{verdict=\"" + verdict + "\"} " + std::to_string(n) + "\n";
    }
    out +=
        "# HELP khue_judging_latency_seconds From submission to verdict.\n"
        "# TYPE khue_judging_latency_seconds histogram\n";
    std::uint64_t total = latency_buckets_.empty() ? 0 : latency_buckets_.back();
    for (std::size_t i = 0; i < std::size(kLatencyBuckets); ++i) {
        char le[32];
        std::snprintf(le, sizeof le, "%g", kLatencyBuckets[i]);
        out += "khue_judging_latency_seconds_bucket{le=\"" + std::string(le) + "\"} " +
               std::to_string(latency_buckets_.empty() ? 0 : latency_buckets_[i]) + "\n";
    }
    out += "khue_judging_latency_seconds_bucket{le=\"+Inf\"} " + std::to_string(total) + "\n";
    out += "khue_judging_latency_seconds_sum " + std::to_string(latency_sum_) + "\n";
    out += "khue_judging_latency_seconds_count " + std::to_string(total) + "\n";
    return out;
}

}  // namespace khue::api
