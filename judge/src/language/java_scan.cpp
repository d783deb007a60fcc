#include "khue/judge/java_scan.hpp"

#include <algorithm>
#include <cstddef>
#include <vector>

namespace khue::judge {
namespace {

bool ident_start(unsigned char c) {
    // Non-ASCII bytes (UTF-8 letters) are accepted as identifier characters: Java allows Unicode names.
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$' || c >= 0x80;
}

bool ident_part(unsigned char c) {
    return ident_start(c) || (c >= '0' && c <= '9');
}

bool space(unsigned char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

enum class Kind { Ident, Punct, Literal };

struct Token {
    Kind kind;
    std::string_view text;
};

// One token at a time; comments and whitespace are skipped, literals come back as Kind::Literal.
class Lexer {
  public:
    explicit Lexer(std::string_view text) : s_(text) {}

    bool next(Token& out) {
        for (;;) {
            while (i_ < s_.size() && space(byte(i_))) {
                ++i_;
            }
            if (i_ >= s_.size()) {
                return false;
            }
            if (s_[i_] == '/' && i_ + 1 < s_.size() && s_[i_ + 1] == '/') {
                const auto nl = s_.find('\n', i_);
                i_ = nl == std::string_view::npos ? s_.size() : nl + 1;
                continue;
            }
            if (s_[i_] == '/' && i_ + 1 < s_.size() && s_[i_ + 1] == '*') {
                const auto end = s_.find("*/", i_ + 2);
                i_ = end == std::string_view::npos ? s_.size() : end + 2;
                continue;
            }
            break;
        }
        const std::size_t start = i_;
        const unsigned char c = byte(i_);
        if (ident_start(c)) {
            while (i_ < s_.size() && ident_part(byte(i_))) {
                ++i_;
            }
            out = {Kind::Ident, s_.substr(start, i_ - start)};
            return true;
        }
        if (c >= '0' && c <= '9') {
            // Numbers, including 1_000L, 0x1F, 1e-5 (the sign after e is consumed as punctuation: harmless).
            while (i_ < s_.size() && (ident_part(byte(i_)) || s_[i_] == '.')) {
                ++i_;
            }
            out = {Kind::Literal, s_.substr(start, i_ - start)};
            return true;
        }
        if (s_.substr(i_, 3) == "\"\"\"") {
            // A text block ends at the first unescaped """.
            i_ += 3;
            while (i_ < s_.size()) {
                if (s_[i_] == '\\') {
                    i_ += 2;
                } else if (s_.substr(i_, 3) == "\"\"\"") {
                    i_ += 3;
                    break;
                } else {
                    ++i_;
                }
            }
            i_ = std::min(i_, s_.size());
            out = {Kind::Literal, s_.substr(start, i_ - start)};
            return true;
        }
        if (c == '"' || c == '\'') {
            // A string or char literal ends at its quote or, if unterminated, at the end of the line.
            ++i_;
            while (i_ < s_.size() && s_[i_] != static_cast<char>(c) && s_[i_] != '\n') {
                i_ += s_[i_] == '\\' ? 2 : 1;
            }
            i_ = std::min(i_ + 1, s_.size());
            out = {Kind::Literal, s_.substr(start, i_ - start)};
            return true;
        }
        if (s_.substr(i_, 3) == "...") {
            i_ += 3;
        } else {
            ++i_;
        }
        out = {Kind::Punct, s_.substr(start, i_ - start)};
        return true;
    }

  private:
    unsigned char byte(std::size_t i) const { return static_cast<unsigned char>(s_[i]); }
    std::string_view s_;
    std::size_t i_ = 0;
};

bool is(const Token& t, std::string_view text) {
    return t.text == text && t.kind != Kind::Literal;
}

bool type_keyword(const Token& t) {
    return t.kind == Kind::Ident &&
           (t.text == "class" || t.text == "interface" || t.text == "enum" || t.text == "record");
}

// Parameters of main: `String[] a`, `String a[]`, `String... a`, `final String[] a`, `java.lang.String[] a`,
// annotations skipped. `toks` holds the tokens between the parentheses.
bool main_parameters(const std::vector<Token>& toks) {
    std::size_t i = 0;
    auto skip_modifiers = [&] {
        for (;;) {
            if (i < toks.size() && is(toks[i], "final")) {
                ++i;
            } else if (i + 1 < toks.size() && is(toks[i], "@") && toks[i + 1].kind == Kind::Ident) {
                i += 2;
                while (i + 1 < toks.size() && is(toks[i], ".") && toks[i + 1].kind == Kind::Ident) {
                    i += 2;
                }
            } else {
                return;
            }
        }
    };
    skip_modifiers();
    if (i + 4 < toks.size() && is(toks[i], "java") && is(toks[i + 1], ".") && is(toks[i + 2], "lang") &&
        is(toks[i + 3], ".")) {
        i += 4;
    }
    if (i >= toks.size() || !is(toks[i], "String")) {
        return false;
    }
    ++i;
    if (i + 2 == toks.size() && is(toks[i], "...") && toks[i + 1].kind == Kind::Ident) {
        return true;
    }
    if (i + 3 == toks.size() && is(toks[i], "[") && is(toks[i + 1], "]") && toks[i + 2].kind == Kind::Ident) {
        return true;
    }
    return i + 3 == toks.size() && toks[i].kind == Kind::Ident && is(toks[i + 1], "[") &&
           is(toks[i + 2], "]");
}

}  // namespace

std::optional<std::string> JavaScan::qualified_main() const {
    if (!main_class) {
        return std::nullopt;
    }
    return package.empty() ? *main_class : package + "." + *main_class;
}

JavaScan scan_java_source(std::string_view text) {
    JavaScan scan;
    Lexer lexer(text);
    // Open braces: for each, the type it is the body of (empty when it is a method, block or initializer).
    std::vector<std::string_view> braces;
    // The type declared since the last `{`, `}` or `;`, waiting for its body's brace.
    std::optional<std::string_view> pending_type;
    bool pending_public = false;
    // Modifiers seen since the last `{`, `}` or `;` (and the annotations' parentheses skipped).
    bool mod_public = false, mod_static = false;
    int paren_depth = 0;  // inside an annotation's arguments or a parameter list
    Token prev{Kind::Punct, ";"};
    Token t{};
    // The last two significant tokens, to recognise `void main (`.
    std::string_view back2, back1;
    bool in_main_params = false;
    std::vector<Token> params;
    bool first_statement = true;
    bool reading_package = false;
    while (lexer.next(t)) {
        if (in_main_params) {
            if (is(t, "(")) {
                ++paren_depth;
            } else if (is(t, ")") && --paren_depth == 0) {
                in_main_params = false;
                if (!scan.main_class && main_parameters(params)) {
                    for (auto it = braces.rbegin(); it != braces.rend(); ++it) {
                        if (!it->empty()) {
                            scan.main_class = std::string(*it);
                            break;
                        }
                    }
                }
                params.clear();
                prev = t;
                continue;
            }
            if (params.size() < 64) {
                params.push_back(t);
            }
            prev = t;
            continue;
        }
        if (reading_package) {
            if (is(t, ";")) {
                reading_package = false;
            } else if (t.kind == Kind::Ident || is(t, ".")) {
                scan.package += t.text;
            } else {
                reading_package = false;  // not a package declaration after all
                scan.package.clear();
            }
            prev = t;
            continue;
        }
        if (paren_depth > 0) {
            // Annotation arguments or other parenthesised code outside method bodies' braces: skipped.
            if (is(t, "(")) {
                ++paren_depth;
            } else if (is(t, ")")) {
                --paren_depth;
            }
            prev = t;
            continue;
        }
        if (t.kind == Kind::Ident) {
            if (first_statement && braces.empty() && t.text == "package" && scan.package.empty()) {
                reading_package = true;
                prev = t;
                continue;
            }
            if (t.text == "public") {
                mod_public = true;
            } else if (t.text == "static") {
                mod_static = true;
            }
            if (type_keyword(prev) && !pending_type) {
                // `Foo.class` is a literal, not a declaration; `@interface` declares an annotation type.
                pending_type = t.text;
                pending_public = mod_public;
            }
        } else if (is(t, "(")) {
            if (back2 == "void" && back1 == "main" && mod_public && mod_static) {
                in_main_params = true;
                paren_depth = 1;
                params.clear();
            } else if (!braces.empty() && !braces.back().empty()) {
                // In a type body outside any method: a method's parameters, a record's components, an
                // annotation's arguments. Skip to the matching parenthesis.
                paren_depth = 1;
            }
        } else if (is(t, "{")) {
            if (pending_type) {
                if (braces.empty() && pending_public && !scan.public_type) {
                    scan.public_type = std::string(*pending_type);
                }
                braces.push_back(*pending_type);
            } else {
                braces.push_back({});
            }
            pending_type.reset();
            mod_public = mod_static = false;
            first_statement = false;
        } else if (is(t, "}")) {
            if (!braces.empty()) {
                braces.pop_back();
            }
            pending_type.reset();
            mod_public = mod_static = false;
        } else if (is(t, ";")) {
            if (!pending_type) {
                mod_public = mod_static = false;
            }
            first_statement = false;
        }
        if (t.kind != Kind::Literal) {
            back2 = back1;
            back1 = t.text;
        }
        // An import or any other word before the package line ends the chance of one.
        if (t.kind == Kind::Ident && braces.empty()) {
            first_statement = false;
        }
        prev = t;
    }
    return scan;
}

}  // namespace khue::judge
