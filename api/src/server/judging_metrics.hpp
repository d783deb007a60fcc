// Judging counters for /metrics: finished judgements by verdict and the latency from submission to verdict.
// Not synchronised: its owner (ContestService) holds its lock.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace khue::api {

class JudgingMetrics {
  public:
    void record_verdict(const std::string& judgement_type_id);
    void record_latency(double seconds);
    // Adds another contest's counts (one /metrics for every contest served).
    void merge(const JudgingMetrics& other);
    // Prometheus text lines.
    std::string render() const;

  private:
    std::map<std::string, std::uint64_t> verdicts_;
    std::vector<std::uint64_t> latency_buckets_;  // cumulative counts per bucket bound, then +Inf
    double latency_sum_ = 0;
};

}  // namespace khue::api
