// Store role: submissions, and the judgements and runs that judge them.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "khue/store/errors.hpp"
#include "khue/store/records.hpp"

namespace khue::store {

class Submissions {
  public:
    virtual ~Submissions() = default;

    // In ONE transaction: stores the submission and its files, enqueues a Live judging job, appends the
    // "submissions" event; committed durably (on disk) before returning. Wakes waiting claimers. Throws
    // StoreInvalid when the contest, team, or problem is unknown, or the given id already exists.
    virtual Submission add_submission(const NewSubmission& submission) = 0;
    virtual std::optional<Submission> get_submission(std::string_view contest_id, std::string_view id) = 0;
    virtual std::vector<Submission> list_submissions(const SubmissionFilter& filter) = 0;  // by id, no files

    virtual std::vector<Judgement> list_judgements(const JudgementFilter& filter) = 0;  // by id
    virtual std::optional<Judgement> current_judgement(std::string_view contest_id,
                                                       std::string_view submission_id) = 0;
    // For importers (a contest package with its judgements): records `result` as the current judgement of a
    // submission that has not been judged yet, with the original start and end times, and takes its queued
    // judging job off the queue; appends the runs' and the judgement's events. StoreInvalid when the
    // submission is unknown or already has a judgement.
    virtual Judgement import_judgement(std::string_view contest_id, std::string_view submission_id,
                                       TimePoint start_time, TimePoint end_time,
                                       const JudgementResult& result) = 0;
    virtual std::vector<Run> list_runs(std::string_view contest_id,
                                       std::optional<std::string_view> judgement_id = {}) = 0;  // by id
};

}  // namespace khue::store
