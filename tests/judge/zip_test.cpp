// Safe extraction of untrusted zips, archive creation, and content hashes.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "khue/judge/hash.hpp"
#include "khue/judge/zip.hpp"
#include "khue/test/temp_dir.hpp"

namespace fs = std::filesystem;
using namespace khue::judge;

namespace {

using khue::test::TempDir;

void write(const fs::path& path, const std::string& text) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
}

std::string read(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string extract_error(const std::vector<ZipEntry>& entries, const ZipLimits& limits = {}) {
    TempDir t;
    write_zip(t.path() / "a.zip", entries);
    try {
        extract_zip(t.path() / "a.zip", t.path() / "out", limits);
    } catch (const ZipError& e) {
        // Nothing may be written when a check fails.
        if (fs::exists(t.path() / "out") && !fs::is_empty(t.path() / "out")) {
            return "wrote files before refusing";
        }
        return e.what();
    }
    return "(extracted)";
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

}  // namespace

TEST(ZipExtract, RoundTripKeepsContentsAndExecutableBits) {
    TempDir t;
    write(t.path() / "src/problem.yaml", "name: x\n");
    write(t.path() / "src/data/secret/01.in", "1 2\n");
    write(t.path() / "src/output_validator/run", "#!/bin/sh\nexit 42\n");
    fs::permissions(t.path() / "src/output_validator/run", fs::perms::owner_exec, fs::perm_options::add);
    fs::create_directories(t.path() / "src/empty");
    zip_directory(t.path() / "src", t.path() / "p.zip");
    extract_zip(t.path() / "p.zip", t.path() / "out");
    EXPECT_EQ(read(t.path() / "out/problem.yaml"), "name: x\n");
    EXPECT_EQ(read(t.path() / "out/data/secret/01.in"), "1 2\n");
    EXPECT_TRUE(fs::is_directory(t.path() / "out/empty"));
    EXPECT_NE(fs::status(t.path() / "out/output_validator/run").permissions() & fs::perms::owner_exec,
              fs::perms::none);
    EXPECT_EQ(fs::status(t.path() / "out/problem.yaml").permissions() & fs::perms::owner_exec,
              fs::perms::none);
    EXPECT_EQ(sha256_tree(t.path() / "src"), sha256_tree(t.path() / "out"));
}

TEST(ZipExtract, FromMemory) {
    TempDir t;
    write_zip(t.path() / "a.zip", {{"dir/", "", true}, {"dir/f.txt", "hello"}});
    extract_zip_bytes(read(t.path() / "a.zip"), t.path() / "out");
    EXPECT_EQ(read(t.path() / "out/dir/f.txt"), "hello");
    EXPECT_THROW(extract_zip_bytes("PK\x03\x04 not really a zip", t.path() / "out2"), ZipError);
    EXPECT_THROW(extract_zip_bytes("", t.path() / "out3"), ZipError);
}

TEST(ZipExtract, RefusesDotDot) {
    EXPECT_TRUE(contains(extract_error({{"ok.txt", "1"}, {"a/../../evil", "x"}}),
                         "unsafe entry 'a/../../evil': '..' component"));
    EXPECT_TRUE(contains(extract_error({{"..", "x"}}), "'..' component"));
}

TEST(ZipExtract, RefusesAbsolutePaths) {
    EXPECT_TRUE(contains(extract_error({{"/etc/passwd", "x"}}), "absolute path"));
}

TEST(ZipExtract, RefusesBackslashesDriveLettersAndEmptyComponents) {
    EXPECT_TRUE(contains(extract_error({{"a\\..\\b", "x"}}), "backslash"));
    EXPECT_TRUE(contains(extract_error({{"C:evil", "x"}}), "drive letter"));
    EXPECT_TRUE(contains(extract_error({{"a//b", "x"}}), "empty path component"));
    EXPECT_TRUE(contains(extract_error({{"./a", "x"}}), "'.' component"));
}

TEST(ZipExtract, RefusesSymlinksThatLeaveTheArchive) {
    EXPECT_TRUE(contains(extract_error({{"link", "/etc/passwd", false, S_IFLNK | 0777}}),
                         "symlink 'link' leads out of the archive (to '/etc/passwd')"));
    EXPECT_TRUE(
        contains(extract_error({{"d/link", "../../x", false, S_IFLNK | 0777}}), "leads out of the archive"));
    EXPECT_TRUE(contains(extract_error({{"link", "missing", false, S_IFLNK | 0777}}),
                         "symlink 'link' leads to 'missing', which the archive lacks"));
    EXPECT_TRUE(
        contains(extract_error({{"a", "b", false, S_IFLNK | 0777}, {"b", "a", false, S_IFLNK | 0777}}),
                 "chain of more than"));
}

// Test data reused through links (allowed by the 2023-07 and 2025-09 formats) is resolved while unpacking:
// what lands on disk are plain copies, never links.
TEST(ZipExtract, SymlinksInsideTheArchiveBecomeCopies) {
    TempDir t;
    write_zip(t.path() / "a.zip", {{"data/secret/a/1.in", "42\n"},
                                   {"data/secret/b/1.in", "../a/1.in", false, S_IFLNK | 0777},
                                   {"data/secret/c/1.in", "../b/1.in", false, S_IFLNK | 0777}});
    extract_zip(t.path() / "a.zip", t.path() / "out");
    for (const char* name : {"data/secret/b/1.in", "data/secret/c/1.in"}) {
        const fs::path file = t.path() / "out" / name;
        EXPECT_FALSE(fs::is_symlink(file)) << name;
        EXPECT_EQ(read(file), "42\n") << name;
    }
}

TEST(ZipExtract, RefusesSpecialFiles) {
    EXPECT_TRUE(contains(extract_error({{"fifo", "", false, S_IFIFO | 0644}}), "special file"));
}

TEST(ZipExtract, RefusesTooManyEntries) {
    std::vector<ZipEntry> entries;
    for (int i = 0; i < 11; ++i) {
        entries.push_back({"f" + std::to_string(i), "x"});
    }
    ZipLimits limits;
    limits.max_entries = 10;
    EXPECT_TRUE(contains(extract_error(entries, limits), "11 entries, more than the limit of 10"));
}

TEST(ZipExtract, RefusesTooMuchData) {
    // A small bomb: 3 MiB of zeros compresses to a few KiB.
    ZipLimits limits;
    limits.max_total_size = mib(2);
    EXPECT_TRUE(contains(extract_error({{"zeros", std::string(3 << 20, '\0')}}, limits),
                         "exceeds the limit of 2 MiB"));
}

TEST(ZipExtract, RefusesFileThatIsAlsoADirectory) {
    EXPECT_TRUE(contains(extract_error({{"a", "1"}, {"a/b", "2"}}), "both a file and a directory"));
}

TEST(ZipExtract, RefusesANonEmptyDestination) {
    TempDir t;
    write_zip(t.path() / "a.zip", {{"f", "1"}});
    write(t.path() / "out/existing", "keep me");
    EXPECT_THROW(extract_zip(t.path() / "a.zip", t.path() / "out"), ZipError);
    EXPECT_EQ(read(t.path() / "out/existing"), "keep me");
}

TEST(ZipExtract, NotAZip) {
    TempDir t;
    write(t.path() / "a.zip", "just text");
    try {
        extract_zip(t.path() / "a.zip", t.path() / "out");
        FAIL();
    } catch (const ZipError& e) {
        EXPECT_TRUE(contains(e.what(), "not a readable zip archive"));
    }
}

TEST(ZipCreate, RefusesSymlinksInTheTree) {
    TempDir t;
    write(t.path() / "src/f", "1");
    fs::create_symlink("/etc/passwd", t.path() / "src/link");
    EXPECT_THROW(zip_directory(t.path() / "src", t.path() / "a.zip"), ZipError);
    EXPECT_THROW(sha256_tree(t.path() / "src"), std::runtime_error);
}

TEST(Sha256, KnownVectors) {
    EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    TempDir t;
    write(t.path() / "f", "abc");
    EXPECT_EQ(sha256_file(t.path() / "f"), sha256_hex("abc"));
    EXPECT_THROW(sha256_file(t.path() / "missing"), std::runtime_error);
}

TEST(Sha256, TreeDependsOnNamesContentsAndExecBitOnly) {
    TempDir t;
    write(t.path() / "a/x.txt", "1");
    write(t.path() / "a/sub/y.txt", "2");
    write(t.path() / "b/sub/y.txt", "2");  // created in another order
    write(t.path() / "b/x.txt", "1");
    const std::string a = sha256_tree(t.path() / "a");
    EXPECT_EQ(a, sha256_tree(t.path() / "b"));
    EXPECT_EQ(a.size(), 64U);
    write(t.path() / "b/x.txt", "3");
    EXPECT_NE(a, sha256_tree(t.path() / "b"));
    write(t.path() / "b/x.txt", "1");
    fs::rename(t.path() / "b/x.txt", t.path() / "b/z.txt");
    EXPECT_NE(a, sha256_tree(t.path() / "b"));
    fs::rename(t.path() / "b/z.txt", t.path() / "b/x.txt");
    fs::permissions(t.path() / "b/x.txt", fs::perms::owner_exec, fs::perm_options::add);
    EXPECT_NE(a, sha256_tree(t.path() / "b"));
    fs::permissions(t.path() / "b/x.txt", fs::perms::owner_exec, fs::perm_options::remove);
    EXPECT_EQ(a, sha256_tree(t.path() / "b"));
    fs::create_directories(t.path() / "b/empty");
    EXPECT_NE(a, sha256_tree(t.path() / "b"));
}
