// libFuzzer target: the default output validator. The input is split at NUL bytes into team output, judge
// answer and a validator_flags string. Besides not crashing, any output must be accepted against itself.
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>

#include "khue/judge/default_validator.hpp"

using khue::judge::CheckStatus;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const std::size_t first = input.find('\0');
    const std::size_t second = first == std::string_view::npos ? first : input.find('\0', first + 1);
    const std::string team(input.substr(0, first));
    const std::string judge(first == std::string_view::npos ? std::string_view()
                                                            : input.substr(first + 1, second - first - 1));
    const std::string flags(second == std::string_view::npos ? std::string_view() : input.substr(second + 1));
    khue::judge::DefaultValidatorOptions options;
    try {
        options = khue::judge::parse_default_validator_args(khue::judge::split_validator_flags(flags));
    } catch (const khue::judge::ValidatorFlagsError&) {
        return 0;
    }
    {
        std::istringstream t(team);
        std::istringstream j(judge);
        const khue::judge::CheckResult r = khue::judge::default_validate(t, j, options);
        if (r.status != CheckStatus::Accepted && r.status != CheckStatus::WrongAnswer) {
            std::abort();
        }
        if (r.status == CheckStatus::WrongAnswer && r.judge_message.empty()) {
            std::abort();
        }
    }
    std::istringstream t(team);
    std::istringstream j(team);
    if (khue::judge::default_validate(t, j, options).status != CheckStatus::Accepted) {
        std::abort();
    }
    return 0;
}
