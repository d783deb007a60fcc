// A linear scanner for what the judge needs to know about a Java source before compiling it: the package,
// the public top-level type (javac wants it in NAME.java) and the class declaring `public static void
// main(String[])`. It reads submission content in the judge process, outside the box, so it is one forward
// pass over the bytes with bounded state: no regex, no recursion, time and memory linear in the input.
// Comments, string and char literals and text blocks are skipped, so nothing inside them is mistaken for
// code.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace khue::judge {

struct JavaScan {
    std::string package;                     // "a.b.c", or empty
    std::optional<std::string> public_type;  // first public type declared at the top level
    std::optional<std::string> main_class;   // innermost type around the first main method (no package)
    bool has_main() const { return main_class.has_value(); }
    // The fully qualified name to run ("pkg.Main"), when a main method was found.
    std::optional<std::string> qualified_main() const;
};

JavaScan scan_java_source(std::string_view text);

}  // namespace khue::judge
