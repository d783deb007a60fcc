// The production Judger: the pipeline engineer's judge_submission() in a khue-box sandbox.
#include <map>
#include <memory>
#include <mutex>

#include "khue/judge/box.hpp"
#include "khue/judge/package.hpp"
#include "khue/judge/pipeline.hpp"
#include "khue/store/worker.hpp"

namespace khue::store {

Judger make_pipeline_judger(std::filesystem::path cache_dir) {
    struct Loaded {
        std::mutex mutex;
        std::map<std::filesystem::path, std::shared_ptr<const judge::Problem>>
            problems;  // by package folder = hash
    };
    auto loaded = std::make_shared<Loaded>();
    return [loaded, cache_dir](const JudgeTask& task) -> JudgerOutcome {
        std::shared_ptr<const judge::Problem> problem;
        {
            // A package folder is named by its content hash, so a loaded problem never goes stale.
            std::lock_guard lock(loaded->mutex);
            auto& slot = loaded->problems[task.package_dir];
            if (!slot) {
                slot = std::make_shared<const judge::Problem>(judge::load_problem(task.package_dir));
            }
            problem = slot;
        }
        auto khue_box = judge::locate_khue_box();
        if (!khue_box) {
            return {JudgerOutcome::Kind::InternalError, {}, "khue-box not found (set KHUE_BOX)"};
        }
        judge::KhueBoxClient box(*khue_box, task.box_id, task.box_id + 1);
        box.pin_to(judge::slot_cpus(task.slot));  // one CPU per slot: steadier CPU times (docs/deployment.md)
        judge::SubmissionFiles files;
        files.language = task.job.language_id;
        files.sources = task.sources;
        files.entry_point = task.submission.entry_point;
        judge::JudgeOptions options;
        options.cache_dir = cache_dir;
        judge::JudgeOutcome out = judge::judge_submission(*problem, files, options, box);
        if (out.internal_error) {
            return {JudgerOutcome::Kind::InternalError, {}, out.internal_message};
        }
        JudgerOutcome outcome;
        outcome.result.verdict = out.verdict;
        outcome.result.score = out.score;
        outcome.result.max_score = out.max_score;
        outcome.result.compile_ok = out.compile.ok;
        outcome.result.compile_output = out.compile.output;
        for (const auto& t : out.tests) {
            outcome.result.runs.push_back(
                {t.name, t.group, t.verdict, t.cpu_time, t.wall_time, t.memory, t.message});
        }
        return outcome;
    };
}

}  // namespace khue::store
