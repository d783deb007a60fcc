// The default output validator (docs/packages.md), edge case by edge case.
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "khue/judge/default_validator.hpp"

using namespace khue::judge;

namespace {

CheckResult check(const std::string& team, const std::string& judge,
                  const std::vector<std::string>& flags = {}) {
    std::istringstream t(team);
    std::istringstream j(judge);
    return default_validate(t, j, parse_default_validator_args(flags));
}

bool ok(const std::string& team, const std::string& judge, const std::vector<std::string>& flags = {}) {
    return check(team, judge, flags).status == CheckStatus::Accepted;
}

// A stream that produces `n` copies of a line without holding them, to check that validation streams.
class RepeatBuf : public std::streambuf {
  public:
    RepeatBuf(std::string line, std::size_t n) : line_(std::move(line)), left_(n) {}

  protected:
    int_type underflow() override {
        if (left_ == 0) {
            return traits_type::eof();
        }
        --left_;
        setg(line_.data(), line_.data(), line_.data() + line_.size());
        return traits_type::to_int_type(line_[0]);
    }

  private:
    std::string line_;
    std::size_t left_;
};

}  // namespace

TEST(DefaultValidator, IdenticalOutputIsAccepted) {
    EXPECT_TRUE(ok("1 2 3\n", "1 2 3\n"));
}

TEST(DefaultValidator, WhitespaceAmountAndKindDoNotMatterByDefault) {
    EXPECT_TRUE(ok("  1\t2\n\n3   ", "1 2 3\n"));
    EXPECT_TRUE(ok("1\r\n2\r\n", "1\n2\n"));  // CRLF
    EXPECT_TRUE(ok("1\f2\v3", "1 2 3"));
    EXPECT_TRUE(ok("42", "42\n"));  // no trailing newline
}

TEST(DefaultValidator, EmptyOutputs) {
    EXPECT_TRUE(ok("", ""));
    EXPECT_TRUE(ok(" \n\n", ""));
    const CheckResult r = check("", "5\n");
    EXPECT_EQ(r.status, CheckStatus::WrongAnswer);
    EXPECT_EQ(r.judge_message, "line 1: output ended, expected '5' (answer token 1)");
}

TEST(DefaultValidator, MessageNamesLineAndTokenOfTheTeamOutput) {
    const CheckResult r = check("1 2\n3 6\n", "1 2\n3 5\n");
    EXPECT_EQ(r.status, CheckStatus::WrongAnswer);
    EXPECT_EQ(r.judge_message, "line 2 token 2: expected '5', got '6'");
    EXPECT_EQ(check("a\n\n\nb c x", "a b c d").judge_message, "line 4 token 3: expected 'd', got 'x'");
}

TEST(DefaultValidator, ExtraTokensAreWrong) {
    const CheckResult r = check("1 2 3", "1 2");
    EXPECT_EQ(r.status, CheckStatus::WrongAnswer);
    EXPECT_EQ(r.judge_message, "line 1 token 3: extra output '3' after the answer's 2 tokens");
}

TEST(DefaultValidator, MissingTokensAreWrong) {
    EXPECT_EQ(check("1 2\n", "1 2 3").judge_message, "line 2: output ended, expected '3' (answer token 3)");
}

TEST(DefaultValidator, CaseInsensitiveUnlessAsked) {
    EXPECT_TRUE(ok("YES", "yes"));
    EXPECT_TRUE(ok("Impossible", "IMPOSSIBLE"));
    EXPECT_FALSE(ok("YES", "yes", {"case_sensitive"}));
    EXPECT_TRUE(ok("yes", "yes", {"case_sensitive"}));
    // Only ASCII letters fold: bytes above 0x7f compare exactly.
    EXPECT_FALSE(ok("\xC3\x84", "\xC3\xA4"));
}

TEST(DefaultValidator, NumbersCompareAsStringsWithoutTolerance) {
    EXPECT_FALSE(ok("1.0", "1"));
    EXPECT_FALSE(ok("-0", "0"));
    EXPECT_FALSE(ok("1e3", "1000"));
    EXPECT_TRUE(ok("0.50", "0.50"));
}

TEST(DefaultValidator, AbsoluteToleranceBoundaryIsInclusive) {
    const std::vector<std::string> flags{"float_absolute_tolerance", "0.5"};
    EXPECT_TRUE(ok("1.5", "1", flags));  // exactly representable: |1.5 - 1| == 0.5
    EXPECT_TRUE(ok("0.5", "1", flags));
    EXPECT_FALSE(ok("1.5000001", "1", flags));
    EXPECT_FALSE(ok("0.4999999", "1", flags));
}

TEST(DefaultValidator, RelativeToleranceScalesWithTheAnswer) {
    const std::vector<std::string> flags{"float_relative_tolerance", "1e-3"};
    EXPECT_TRUE(ok("1000.5", "1000", flags));
    EXPECT_FALSE(ok("1001.5", "1000", flags));
    EXPECT_FALSE(ok("0.0000001", "0", flags));  // relative to 0 only 0 itself passes
    EXPECT_TRUE(ok("0", "0", flags));
}

TEST(DefaultValidator, EitherToleranceSufficesWhenBothAreSet) {
    const std::vector<std::string> flags{"float_absolute_tolerance", "1e-6", "float_relative_tolerance",
                                         "1e-3"};
    EXPECT_TRUE(ok("0.0000005", "0", flags));        // absolute
    EXPECT_TRUE(ok("1000000.5", "1000000", flags));  // relative
    EXPECT_FALSE(ok("0.1", "0", flags));
}

TEST(DefaultValidator, FloatToleranceSetsBoth) {
    const std::vector<std::string> flags{"float_tolerance", "1e-6"};
    EXPECT_TRUE(ok("3.1415926", "3.14159265358979", flags));
    EXPECT_TRUE(ok("1000000.9", "1000000", flags));  // relative 1e-6 of 1e6 is 1
    EXPECT_FALSE(ok("3.1416", "3.14159265358979", flags));
}

TEST(DefaultValidator, AnyNotationOfTheSameNumber) {
    const std::vector<std::string> flags{"float_tolerance", "1e-9"};
    EXPECT_TRUE(ok("3.14e-2", "0.0314", flags));
    EXPECT_TRUE(ok("314E-4", "0.0314", flags));
    EXPECT_TRUE(ok("+5", "5", flags));
    EXPECT_TRUE(ok("5.", "5", flags));
    EXPECT_TRUE(ok(".5", "0.5", flags));
    EXPECT_TRUE(ok("-0", "0", flags));
    EXPECT_TRUE(ok("-0.0", "0.0", flags));
    EXPECT_TRUE(ok("1", "1.0000000000000000000000000000001", flags));  // more digits than a double holds
}

TEST(DefaultValidator, TeamTokenMustBeANumberWhenTheAnswerIs) {
    const std::vector<std::string> flags{"float_tolerance", "1e-6"};
    const CheckResult r = check("abc", "1.5", flags);
    EXPECT_EQ(r.status, CheckStatus::WrongAnswer);
    EXPECT_EQ(r.judge_message, "line 1 token 1: expected a number near '1.5', got 'abc'");
    // strtod would read these; the package format's grammar does not.
    EXPECT_FALSE(ok("0x10", "16", flags));
    EXPECT_FALSE(ok("inf", "1e308", flags));
    EXPECT_FALSE(ok("nan", "0", flags));
    EXPECT_FALSE(ok("1e", "1", flags));
    EXPECT_FALSE(ok("1.5.2", "1.5", flags));
    EXPECT_FALSE(ok("--1", "-1", flags));
    EXPECT_FALSE(ok("1,5", "1.5", flags));
}

TEST(DefaultValidator, InfAndNanInTheAnswerCompareAsStrings) {
    const std::vector<std::string> flags{"float_tolerance", "1e-6"};
    EXPECT_TRUE(ok("inf", "inf", flags));
    EXPECT_TRUE(ok("NaN", "nan", flags));  // case-insensitive strings
    EXPECT_FALSE(ok("1e999", "inf", flags));
    EXPECT_FALSE(ok("nan", "NaN", {"float_tolerance", "1e-6", "case_sensitive"}));
}

TEST(DefaultValidator, HugeNumbers) {
    const std::vector<std::string> flags{"float_relative_tolerance", "1e-9"};
    EXPECT_TRUE(ok("1e308", "1.0e308", flags));
    EXPECT_TRUE(ok("1e400", "1e400", flags));  // both beyond double: identical after saturation
    EXPECT_FALSE(ok("1e300", "1e400", flags));
    const std::string big(400, '9');
    EXPECT_TRUE(ok(big, big, flags));
    EXPECT_TRUE(ok(big, big));  // string comparison without tolerance
}

TEST(DefaultValidator, ToleranceDoesNotApplyToWords) {
    const std::vector<std::string> flags{"float_tolerance", "0.1"};
    EXPECT_TRUE(ok("Case #1: 2.05", "case #1: 2", flags));
    EXPECT_FALSE(ok("Case #2: 2", "case #1: 2", flags));
}

TEST(DefaultValidator, SpaceChangeSensitiveDemandsExactWhitespace) {
    const std::vector<std::string> flags{"space_change_sensitive"};
    EXPECT_TRUE(ok("1 2\n", "1 2\n", flags));
    EXPECT_FALSE(ok("1  2\n", "1 2\n", flags));
    EXPECT_FALSE(ok("1 2", "1 2\n", flags));      // trailing newline missing
    EXPECT_FALSE(ok("1 2\n\n", "1 2\n", flags));  // extra trailing newline
    EXPECT_FALSE(ok(" 1 2\n", "1 2\n", flags));   // leading space
    EXPECT_FALSE(ok("1 2\r\n", "1 2\n", flags));  // CRLF
    EXPECT_FALSE(ok("1\t2\n", "1 2\n", flags));
    EXPECT_TRUE(ok("YES\n", "yes\n", flags));  // still case-insensitive
    EXPECT_EQ(check("1  2\n", "1 2\n", flags).judge_message,
              "line 1: whitespace differs: expected ' ', got '  '");
    EXPECT_EQ(check("1 2", "1 2\n", flags).judge_message, "line 1: output ended, expected whitespace '\\n'");
}

TEST(DefaultValidator, MessagesQuoteControlCharactersAndTruncate) {
    const CheckResult r = check(std::string("a\x01", 2) + " " + std::string(100, 'x'), "a\x01 y");
    EXPECT_EQ(r.judge_message.substr(0, 40), "line 1 token 2: expected 'y', got 'xxxxx");
    EXPECT_NE(r.judge_message.find("...' (100 bytes)"), std::string::npos) << r.judge_message;
    EXPECT_EQ(check("\x02", "\x03").judge_message, "line 1 token 1: expected '\\x03', got '\\x02'");
}

TEST(DefaultValidator, StreamsLargeOutputs) {
    // 2 million tokens (16 MB a side) flow through without being held.
    RepeatBuf team_buf("1234567 ", 2'000'000);
    RepeatBuf judge_buf("1234567\n", 2'000'000);
    std::istream team(&team_buf);
    std::istream judge(&judge_buf);
    EXPECT_EQ(default_validate(team, judge, {}).status, CheckStatus::Accepted);
}

TEST(DefaultValidator, AHugeTeamTokenIsRejectedWithoutStoringIt) {
    // One 64 MiB token against a short answer: rejected, with memory bounded by the cap, not the token.
    RepeatBuf team_buf(std::string(1 << 16, 'a'), 1024);
    std::istringstream judge("aaaa\n");
    std::istream team(&team_buf);
    const CheckResult r = default_validate(team, judge, {});
    EXPECT_EQ(r.status, CheckStatus::WrongAnswer);
    EXPECT_EQ(r.judge_message, "line 1 token 1: token longer than 1048576 bytes, expected 'aaaa'");
    // Long tokens below the cap still compare normally.
    const std::string long_token(2 << 20, '7');
    EXPECT_TRUE(ok(long_token, long_token));
}

TEST(DefaultValidatorFlags, ParsesAndRejects) {
    EXPECT_EQ(split_validator_flags("  float_tolerance\t1e-6  case_sensitive "),
              (std::vector<std::string>{"float_tolerance", "1e-6", "case_sensitive"}));
    const DefaultValidatorOptions o =
        parse_default_validator_args({"float_absolute_tolerance", "0.25", "case_sensitive"});
    EXPECT_TRUE(o.case_sensitive);
    EXPECT_FALSE(o.space_change_sensitive);
    EXPECT_EQ(o.float_absolute_tolerance, 0.25);
    EXPECT_FALSE(o.float_relative_tolerance.has_value());
    EXPECT_THROW(parse_default_validator_args({"case_insensitive"}), ValidatorFlagsError);
    EXPECT_THROW(parse_default_validator_args({"float_tolerance"}), ValidatorFlagsError);
    EXPECT_THROW(parse_default_validator_args({"float_tolerance", "abc"}), ValidatorFlagsError);
    EXPECT_THROW(parse_default_validator_args({"float_tolerance", "-1"}), ValidatorFlagsError);
    EXPECT_THROW(parse_default_validator_args({"float_tolerance", "1", "float_tolerance", "2"}),
                 ValidatorFlagsError);
    EXPECT_THROW(parse_default_validator_args({"float_tolerance", "1", "float_relative_tolerance", "2"}),
                 ValidatorFlagsError);
    try {
        parse_default_validator_args({"floattolerance"});
    } catch (const ValidatorFlagsError& e) {
        EXPECT_NE(std::string(e.what()).find("unknown default validator flag 'floattolerance'"),
                  std::string::npos);
    }
}

TEST(DefaultValidatorFiles, UnreadableFileIsAJudgeError) {
    const CheckResult r = default_validate_files("/nonexistent/team.out", "/nonexistent/judge.ans", {});
    EXPECT_EQ(r.status, CheckStatus::JudgeError);
    EXPECT_NE(r.judge_message.find("/nonexistent/team.out"), std::string::npos);
}
