// The console's Themis upload over real HTTP (POST /api/contests/{id}/problems/themis): a zip of a Themis
// task folder, or of a folder of task folders, becomes one problem per task with the form's limits and
// points; a bad folder or form gets the reason, naming the task and test, and adds nothing.
#include "api_server.hpp"

using namespace khue::test;

namespace {

const fs::path kDemso = fs::path(KHUE_SOURCE_DIR) / "tests/import/themis/DEMSO";

std::string read_all(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The zip of `dir`'s contents, named `name` in the form.
std::string form_with(const fs::path& dir, const std::string& name, const TempDir& tmp,
                      const std::vector<std::pair<std::string, std::string>>& fields) {
    const fs::path zip = tmp / ("upload-" + std::to_string(std::random_device{}()) + ".zip");
    khue::judge::zip_directory(dir, zip);
    std::string form = "--b\r\nContent-Disposition: form-data; name=\"zip\"; filename=\"" + name +
                       "\"\r\nContent-Type: application/zip\r\n\r\n" + read_all(zip) + "\r\n";
    for (const auto& [k, v] : fields) {
        form += "--b\r\nContent-Disposition: form-data; name=\"" + k + "\"\r\n\r\n" + v + "\r\n";
    }
    return form + "--b--\r\n";
}

const std::vector<std::pair<std::string, std::string>> kLimits = {
    {"time_limit", "1.5"}, {"memory", "128"}, {"points", "1, 1, 2, 2, 4"}};

}  // namespace

class ThemisUpload : public ApiServer {
  protected:
    HttpResult upload(const std::string& form, const std::string& user = "admin",
                      const std::string& pw = "adminpw") {
        return http_call(port_, "POST", "/api/contests/demo/problems/themis", form,
                         "multipart/form-data; boundary=b", user, pw);
    }
    std::size_t problem_count() {
        return json::parse(get("/api/contests/demo/problems").body).as_array().size();
    }
};

TEST_F(ThemisUpload, ATaskFolderBecomesAProblemWithTheFormsLimitsAndPoints) {
    start(std::chrono::minutes{10});
    TempDir tmp("khue-themis-upload");
    // The zip holds the tests at its root: the zip's name gives the task.
    auto added = upload(form_with(kDemso, "DEMSO.zip", tmp, kLimits));
    ASSERT_EQ(added.status, 201u) << added.body;
    auto body = json::parse(added.body).as_object();
    auto problems = body.at("problems").as_array();
    ASSERT_EQ(problems.size(), 1u);
    const auto& p = problems[0].as_object();
    EXPECT_EQ(p.at("id").as_string(), "demso");
    EXPECT_EQ(p.at("label").as_string(), "B");
    EXPECT_DOUBLE_EQ(p.at("time_limit").to_number<double>(), 1.5);
    EXPECT_EQ(p.at("memory_limit").to_number<double>(), 128);
    EXPECT_EQ(p.at("test_data_count").to_number<double>(), 5);
    EXPECT_DOUBLE_EQ(p.at("max_score").to_number<double>(), 10.0);
    EXPECT_FALSE(body.at("notes").as_array().empty());
    EXPECT_EQ(problem_count(), 2u);
    EXPECT_EQ(get("/api/contests/demo/problems/demso").status, 200u);
}

TEST_F(ThemisUpload, AFolderOfTaskFoldersAddsOneProblemEach) {
    start(std::chrono::minutes{10});
    TempDir tmp("khue-themis-upload");
    // contest/DEMSO and contest/BAI2, wrapped in one more folder as a zip made on a desktop often is.
    fs::create_directories(tmp / "wrap/contest");
    fs::copy(kDemso, tmp / "wrap/contest/DEMSO", fs::copy_options::recursive);
    fs::copy(kDemso, tmp / "wrap/contest/BAI2", fs::copy_options::recursive);
    for (const auto& test : fs::directory_iterator(tmp / "wrap/contest/BAI2")) {
        for (const auto& file : fs::directory_iterator(test.path())) {
            fs::rename(file.path(), test.path() / ("BAI2" + file.path().extension().string()));
        }
    }
    auto added =
        upload(form_with(tmp / "wrap", "contest.zip", tmp, {{"time_limit", "2"}, {"memory", "256"}}));
    ASSERT_EQ(added.status, 201u) << added.body;
    auto problems = json::parse(added.body).at("problems").as_array();
    ASSERT_EQ(problems.size(), 2u);
    EXPECT_EQ(problems[0].at("id").as_string(), "bai2");
    EXPECT_EQ(problems[1].at("id").as_string(), "demso");
    // No points given: one per test.
    EXPECT_DOUBLE_EQ(problems[1].at("max_score").to_number<double>(), 5.0);
    EXPECT_EQ(problem_count(), 3u);
}

TEST_F(ThemisUpload, ABadFolderGivesTheConvertersReasonAndAddsNothing) {
    start(std::chrono::minutes{10});
    TempDir tmp("khue-themis-upload");
    fs::copy(kDemso, tmp / "DEMSO", fs::copy_options::recursive);
    fs::remove(tmp / "DEMSO/Test03/demso.out");
    auto bad = upload(form_with(tmp / "DEMSO", "DEMSO.zip", tmp, kLimits));
    EXPECT_EQ(bad.status, 400u) << bad.body;
    const std::string message(json::parse(bad.body).at("message").as_string());
    EXPECT_TRUE(contains(message, "DEMSO/Test03: no DEMSO.OUT")) << message;
    EXPECT_EQ(problem_count(), 1u);
    EXPECT_EQ(get("/api/contests/demo/problems/demso").status, 404u);
}

TEST_F(ThemisUpload, ABadFormIsNamedAndAddsNothing) {
    start(std::chrono::minutes{10});
    TempDir tmp("khue-themis-upload");
    const auto message = [](const HttpResult& r) {
        return std::string(json::parse(r.body).at("message").as_string());
    };
    auto no_time = upload(form_with(kDemso, "DEMSO.zip", tmp, {{"time_limit", "fast"}, {"memory", "256"}}));
    EXPECT_EQ(no_time.status, 400u);
    EXPECT_TRUE(contains(message(no_time), "time_limit: expected seconds")) << no_time.body;
    auto bad_memory = upload(form_with(kDemso, "DEMSO.zip", tmp, {{"time_limit", "1"}, {"memory", "0.5"}}));
    EXPECT_EQ(bad_memory.status, 400u);
    EXPECT_TRUE(contains(message(bad_memory), "memory:")) << bad_memory.body;
    auto bad_points = upload(
        form_with(kDemso, "DEMSO.zip", tmp, {{"time_limit", "1"}, {"memory", "256"}, {"points", "1, x"}}));
    EXPECT_EQ(bad_points.status, 400u);
    EXPECT_TRUE(contains(message(bad_points), "points: 'x'")) << bad_points.body;
    auto few_points = upload(
        form_with(kDemso, "DEMSO.zip", tmp, {{"time_limit", "1"}, {"memory", "256"}, {"points", "1,2,3"}}));
    EXPECT_EQ(few_points.status, 400u);
    EXPECT_TRUE(contains(message(few_points), "3 values given")) << few_points.body;
    auto not_zip = upload(
        "--b\r\nContent-Disposition: form-data; name=\"zip\"; filename=\"x.zip\"\r\n\r\nnot a zip\r\n"
        "--b\r\nContent-Disposition: form-data; name=\"time_limit\"\r\n\r\n1\r\n"
        "--b\r\nContent-Disposition: form-data; name=\"memory\"\r\n\r\n256\r\n--b--\r\n");
    EXPECT_EQ(not_zip.status, 400u) << not_zip.body;
    EXPECT_EQ(problem_count(), 1u);
}

TEST_F(ThemisUpload, OnlyAnAdminMayUpload) {
    start(std::chrono::minutes{10});
    TempDir tmp("khue-themis-upload");
    EXPECT_EQ(upload(form_with(kDemso, "DEMSO.zip", tmp, kLimits), "team1", "pw1").status, 403u);
    EXPECT_EQ(http_call(port_, "POST", "/api/contests/demo/problems/themis", "x",
                        "multipart/form-data; boundary=b", "", "")
                  .status,
              401u);
    EXPECT_EQ(problem_count(), 1u);
}
