#include "khue/judge/hash.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <vector>

namespace khue::judge {
namespace {

class Sha256 {
  public:
    Sha256() : ctx_(EVP_MD_CTX_new(), &EVP_MD_CTX_free) {
        if (!ctx_ || EVP_DigestInit_ex(ctx_.get(), EVP_sha256(), nullptr) != 1) {
            throw std::runtime_error("OpenSSL: cannot initialise SHA-256");
        }
    }
    void update(std::string_view data) {
        if (EVP_DigestUpdate(ctx_.get(), data.data(), data.size()) != 1) {
            throw std::runtime_error("OpenSSL: SHA-256 update failed");
        }
    }
    std::string hex() {
        std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
        unsigned int size = 0;
        if (EVP_DigestFinal_ex(ctx_.get(), digest.data(), &size) != 1) {
            throw std::runtime_error("OpenSSL: SHA-256 final failed");
        }
        static constexpr char kHex[] = "0123456789abcdef";
        std::string out;
        out.reserve(size * 2);
        for (unsigned int i = 0; i < size; ++i) {
            out += kHex[digest[i] >> 4];
            out += kHex[digest[i] & 0xf];
        }
        return out;
    }

  private:
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx_;
};

void hash_file_into(Sha256& sha, const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot read " + file.string());
    }
    std::vector<char> buffer(1 << 16);
    while (in) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        sha.update(std::string_view(buffer.data(), static_cast<std::size_t>(in.gcount())));
    }
    if (in.bad()) {
        throw std::runtime_error("error reading " + file.string());
    }
}

}  // namespace

std::string sha256_hex(std::string_view data) {
    Sha256 sha;
    sha.update(data);
    return sha.hex();
}

std::string sha256_file(const std::filesystem::path& file) {
    Sha256 sha;
    hash_file_into(sha, file);
    return sha.hex();
}

std::string sha256_tree(const std::filesystem::path& directory) {
    namespace fs = std::filesystem;
    if (!fs::is_directory(directory)) {
        throw std::runtime_error(directory.string() + " is not a directory");
    }
    struct Item {
        std::string relative;
        fs::path path;
        fs::file_status status;
    };
    std::vector<Item> items;
    for (auto it = fs::recursive_directory_iterator(directory); it != fs::recursive_directory_iterator();
         ++it) {
        const fs::file_status st = it->symlink_status();
        if (fs::is_symlink(st)) {
            throw std::runtime_error("refusing to hash symlink " + it->path().string());
        }
        items.push_back({fs::relative(it->path(), directory).generic_string(), it->path(), st});
    }
    // Byte order of generic paths: independent of the file system's directory order and of the locale.
    std::sort(items.begin(), items.end(),
              [](const Item& a, const Item& b) { return a.relative < b.relative; });
    Sha256 tree;
    for (const Item& item : items) {
        // Each record is length-prefixed so that no two different trees produce the same byte stream.
        std::string record;
        if (fs::is_directory(item.status)) {
            record = "d ";
        } else if (fs::is_regular_file(item.status)) {
            const bool exec = (item.status.permissions() & fs::perms::owner_exec) != fs::perms::none;
            record = exec ? "x " : "f ";
        } else {
            throw std::runtime_error("refusing to hash special file " + item.path.string());
        }
        record += std::to_string(item.relative.size()) + ":" + item.relative;
        if (fs::is_regular_file(item.status)) {
            record += " " + sha256_file(item.path);
        }
        record += '\n';
        tree.update(record);
    }
    return tree.hex();
}

}  // namespace khue::judge
