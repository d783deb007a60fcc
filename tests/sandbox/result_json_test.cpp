#include <gtest/gtest.h>

#include "khue/sandbox/result.hpp"

using namespace khue::sandbox;

TEST(SandboxJson, QuotesEscapesAndControlCharacters) {
    EXPECT_EQ(json_quote("plain"), "\"plain\"");
    EXPECT_EQ(json_quote("a\"b\\c"), "\"a\\\"b\\\\c\"");
    EXPECT_EQ(json_quote("l1\nl2\r\t"), "\"l1\\nl2\\r\\t\"");
    EXPECT_EQ(json_quote(std::string_view("\x01\x1f\x7f", 3)), "\"\\u0001\\u001f\\u007f\"");
    EXPECT_EQ(json_quote(std::string_view("nul\0in", 6)), "\"nul\\u0000in\"");
}

TEST(SandboxJson, KeepsUtf8AndReplacesInvalidBytes) {
    EXPECT_EQ(json_quote("Hà Nội ✓ 𝄞"), "\"Hà Nội ✓ 𝄞\"");
    EXPECT_EQ(json_quote("bad\xff byte"), "\"bad\\ufffd byte\"");
    EXPECT_EQ(json_quote("cut \xe1\xbb"), "\"cut \\ufffd\\ufffd\"");
    EXPECT_EQ(json_quote("overlong \xc0\xaf"), "\"overlong \\ufffd\\ufffd\"");
    EXPECT_EQ(json_quote("surrogate \xed\xa0\x80"), "\"surrogate \\ufffd\\ufffd\\ufffd\"");
}

// The status names khue-box prints are the ones the judge parses (one table, khue/sandbox/protocol.hpp):
// every status survives the round trip, the names are distinct, and an unknown name is refused.
TEST(SandboxJson, EveryStatusNameParsesBack) {
    for (const auto& [status, name] : protocol::kRunStatusNames) {
        EXPECT_EQ(to_string(status), name);
        EXPECT_EQ(protocol::run_status_from_string(name), status) << name;
    }
    EXPECT_EQ(protocol::run_status_from_string("time-limit"), std::nullopt);
    EXPECT_EQ(protocol::run_status_from_string(""), std::nullopt);
    RunResult r;
    r.status = Status::WallTimeLimit;
    EXPECT_EQ(to_json(r).rfind("{\"status\": \"wall_time_limit\"", 0), 0u);
}

TEST(SandboxJson, ExitedResultHasEveryField) {
    RunResult r;
    r.status = Status::Exited;
    r.exit_code = 3;
    r.cpu_time = Micros{1'250'000};
    r.wall_time = Micros{2'000'001};
    r.peak_memory = kib(2048);
    r.limits_backend = "cgroup-v1";
    r.box_id = 12;
    EXPECT_EQ(to_json(r),
              "{\"status\": \"exited\", \"exit_code\": 3, \"signal\": null, \"cpu_time\": 1.250000, "
              "\"wall_time\": 2.000001, \"memory_kib\": 2048, \"oom_killed\": false, \"message\": \"\", "
              "\"limits_backend\": \"cgroup-v1\", \"warnings\": [], \"box_id\": 12}\n");
}

TEST(SandboxJson, SignaledResultWithWarnings) {
    RunResult r;
    r.status = Status::MemoryLimit;
    r.signal = 9;
    r.oom_killed = true;
    r.message = "killed \"hard\"";
    r.limits_backend = "rlimit";
    r.warnings = {"one", "two"};
    std::string j = to_json(r);
    EXPECT_NE(j.find("\"status\": \"memory_limit\""), std::string::npos);
    EXPECT_NE(j.find("\"exit_code\": null, \"signal\": 9"), std::string::npos);
    EXPECT_NE(j.find("\"oom_killed\": true"), std::string::npos);
    EXPECT_NE(j.find("\"message\": \"killed \\\"hard\\\"\""), std::string::npos);
    EXPECT_NE(j.find("\"warnings\": [\"one\", \"two\"]"), std::string::npos);
    EXPECT_NE(j.find("\"box_id\": null"), std::string::npos);
}

TEST(SandboxJson, StatusNamesMatchTheContract) {
    EXPECT_EQ(to_string(Status::Exited), "exited");
    EXPECT_EQ(to_string(Status::Signaled), "signaled");
    EXPECT_EQ(to_string(Status::TimeLimit), "time_limit");
    EXPECT_EQ(to_string(Status::WallTimeLimit), "wall_time_limit");
    EXPECT_EQ(to_string(Status::MemoryLimit), "memory_limit");
    EXPECT_EQ(to_string(Status::OutputLimit), "output_limit");
    EXPECT_EQ(to_string(Status::SandboxError), "sandbox_error");
}
