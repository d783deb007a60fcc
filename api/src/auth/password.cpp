#include "khue/api/password.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <cctype>
#include <charconv>
#include <stdexcept>
#include <vector>

namespace khue::api {
namespace {

// Enough to make offline guessing slow, few enough that a server with hundreds of accounts imports them
// in seconds on a small machine (verification results are cached by the server anyway).
constexpr int kIterations = 60'000;
constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kDigestBytes = 32;

// Lowercase hex, as the stored hashes have always been written (OpenSSL writes uppercase).
std::string hex(const unsigned char* data, std::size_t n) {
    std::string out(n * 2 + 1, '\0');
    std::size_t written = 0;
    if (OPENSSL_buf2hexstr_ex(out.data(), out.size(), &written, data, n, '\0') != 1) {
        throw std::runtime_error("OpenSSL could not write hex");
    }
    out.resize(n * 2);
    for (char& c : out) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

bool unhex(std::string_view text, std::vector<unsigned char>& out) {
    if (text.empty() || text.size() % 2 != 0) {
        out.clear();
        return text.empty();
    }
    std::string copy(text);  // OpenSSL wants a NUL-terminated string
    out.assign(text.size() / 2, 0);
    std::size_t written = 0;
    return OPENSSL_hexstr2buf_ex(out.data(), out.size(), &written, copy.c_str(), '\0') == 1 &&
           written == out.size();
}

std::vector<unsigned char> derive(std::string_view password, const std::vector<unsigned char>& salt,
                                  int iterations) {
    std::vector<unsigned char> digest(kDigestBytes);
    if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), salt.data(),
                          static_cast<int>(salt.size()), iterations, EVP_sha256(),
                          static_cast<int>(digest.size()), digest.data()) != 1) {
        throw std::runtime_error("PBKDF2 failed in OpenSSL");
    }
    return digest;
}

}  // namespace

std::string hash_password(std::string_view password) {
    std::vector<unsigned char> salt(kSaltBytes);
    if (RAND_bytes(salt.data(), static_cast<int>(salt.size())) != 1) {
        throw std::runtime_error("no random bytes from OpenSSL for a password salt");
    }
    auto digest = derive(password, salt, kIterations);
    return "pbkdf2-sha256$" + std::to_string(kIterations) + "$" + hex(salt.data(), salt.size()) + "$" +
           hex(digest.data(), digest.size());
}

bool verify_password(std::string_view password, std::string_view stored) {
    constexpr std::string_view prefix = "pbkdf2-sha256$";
    if (!stored.starts_with(prefix)) {
        return false;
    }
    stored.remove_prefix(prefix.size());
    auto d1 = stored.find('$');
    auto d2 = d1 == std::string_view::npos ? d1 : stored.find('$', d1 + 1);
    if (d2 == std::string_view::npos) {
        return false;
    }
    int iterations = 0;
    auto [end, ec] = std::from_chars(stored.data(), stored.data() + d1, iterations);
    if (ec != std::errc{} || end != stored.data() + d1 || iterations < 1 || iterations > 10'000'000) {
        return false;
    }
    std::vector<unsigned char> salt, expected;
    if (!unhex(stored.substr(d1 + 1, d2 - d1 - 1), salt) || !unhex(stored.substr(d2 + 1), expected) ||
        expected.size() != kDigestBytes) {
        return false;
    }
    auto digest = derive(password, salt, iterations);
    return CRYPTO_memcmp(digest.data(), expected.data(), digest.size()) == 0;
}

bool base64_decode(std::string_view in, std::string& out) {
    // Padding is optional and the URL-safe alphabet is accepted too; OpenSSL wants the padded standard form.
    while (!in.empty() && in.back() == '=') {
        in.remove_suffix(1);
    }
    if (in.size() % 4 == 1) {
        return false;
    }
    std::string padded(in);
    for (char& c : padded) {
        if (c == '-') {
            c = '+';
        } else if (c == '_') {
            c = '/';
        } else if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '/') {
            return false;  // OpenSSL would skip whitespace; a credential or a zip must not hold any
        }
    }
    std::size_t missing = (4 - padded.size() % 4) % 4;
    padded.append(missing, '=');
    out.assign(padded.size() / 4 * 3, '\0');
    int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                            reinterpret_cast<const unsigned char*>(padded.data()),
                            static_cast<int>(padded.size()));
    if (n < 0) {
        return false;
    }
    out.resize(static_cast<std::size_t>(n) - missing);  // EVP_DecodeBlock counts the padding as zero bytes
    return true;
}

std::string base64_encode(std::string_view in) {
    std::string out((in.size() + 2) / 3 * 4 + 1, '\0');
    int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                            reinterpret_cast<const unsigned char*>(in.data()), static_cast<int>(in.size()));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

}  // namespace khue::api
