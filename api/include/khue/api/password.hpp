// Account secrets: PBKDF2-HMAC-SHA256 with a random salt (OpenSSL), compared in constant time.
#pragma once

#include <string>
#include <string_view>

namespace khue::api {

// "pbkdf2-sha256$<iterations>$<salt hex>$<digest hex>".
std::string hash_password(std::string_view password);
// False for a wrong password and for a stored value that is not in the format above.
bool verify_password(std::string_view password, std::string_view stored);

// Decodes standard base64 (padding optional, no whitespace inside); false when malformed.
bool base64_decode(std::string_view in, std::string& out);
std::string base64_encode(std::string_view in);

}  // namespace khue::api
