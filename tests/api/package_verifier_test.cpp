// The background package verifier on its own: its bounded queue and its report of a package that does not
// load. No sandbox is needed: nothing here gets as far as judging.
#include "../../api/src/server/package_verifier.hpp"
#include "khue/test/temp_dir.hpp"

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <fstream>
#include <thread>

namespace fs = std::filesystem;
namespace json = boost::json;
using khue::api::PackageVerifier;

namespace {

fs::path garbage_zip(const khue::test::TempDir& dir) {
    auto path = dir / "package.zip";
    std::ofstream(path, std::ios::binary) << "PK not really a zip";
    return path;
}

}  // namespace

TEST(PackageVerifier, AFullQueueRefusesAndSaysSo) {
    PackageVerifier verifier(0);  // nothing may wait
    khue::test::TempDir tmp("khue-verifier-test");
    fs::path zip = garbage_zip(tmp);
    EXPECT_FALSE(verifier.enqueue("p", zip));
    EXPECT_FALSE(fs::exists(zip));  // the verifier owned it
    auto status = verifier.status("p");
    ASSERT_TRUE(status);
    EXPECT_EQ(status->at("state").as_string(), "failed");
    EXPECT_NE(std::string(status->at("message").as_string()).find("waiting"), std::string::npos);
    EXPECT_FALSE(verifier.status("other"));
}

TEST(PackageVerifier, APackageThatDoesNotLoadFailsWithTheLoadersMessage) {
    PackageVerifier verifier;
    khue::test::TempDir tmp("khue-verifier-test");
    fs::path zip = garbage_zip(tmp);
    ASSERT_TRUE(verifier.enqueue("p", zip));
    json::value status;
    for (int i = 0; i < 200; ++i) {
        status = *verifier.status("p");
        if (status.at("state") == "failed" || status.at("state") == "done") {
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds{50});
    }
    EXPECT_EQ(status.at("state").as_string(), "failed") << json::serialize(status);
    EXPECT_FALSE(status.at("ok").as_bool());
    EXPECT_NE(std::string(status.at("message").as_string()).find(zip.filename().string()), std::string::npos)
        << json::serialize(status);
    EXPECT_FALSE(fs::exists(zip));
}
