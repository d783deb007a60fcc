// Store role: rejudgings (queue.hpp describes their life: created, previewed, applied or cancelled).
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "khue/store/errors.hpp"
#include "khue/store/queue.hpp"

namespace khue::store {

class Rejudgings {
  public:
    virtual ~Rejudgings() = default;

    // Enqueues a Rejudge job for every submission in the selection (StoreInvalid when it selects none).
    virtual Rejudging create_rejudging(const RejudgeSelection& selection, std::string_view reason) = 0;
    virtual std::optional<Rejudging> get_rejudging(std::string_view id) = 0;
    virtual std::vector<Rejudging> list_rejudgings(std::string_view contest_id) = 0;
    virtual std::vector<RejudgePreviewRow> preview_rejudging(std::string_view id) = 0;
    // Applied: every finished new judgement becomes current now, every unfinished one when it completes.
    // Cancelled: unfinished jobs are dropped, new judgements invalidated, the old ones stay current.
    // Both throw StoreInvalid unless the rejudging is in state Created.
    virtual void apply_rejudging(std::string_view id) = 0;
    virtual void cancel_rejudging(std::string_view id) = 0;
};

}  // namespace khue::store
