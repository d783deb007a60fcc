// Encodes 'a' as 01 but decodes 01 as 'a' + 1: the first pass is fine, the second one is wrong.
#include <iostream>
#include <string>

int main() {
    std::string mode, text;
    std::cin >> mode >> text;
    std::string out;
    if (mode == "encode") {
        for (char c : text) {
            const int v = c - 'a' + 1;
            out.push_back(static_cast<char>('0' + v / 10));
            out.push_back(static_cast<char>('0' + v % 10));
        }
    } else {
        for (std::size_t i = 0; i + 1 < text.size(); i += 2)
            out.push_back(static_cast<char>('a' + (text[i] - '0') * 10 + (text[i + 1] - '0')));
    }
    std::cout << out << '\n';
}
