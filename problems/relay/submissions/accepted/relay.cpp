// Two digits per letter: 'a' -> 00, ..., 'z' -> 25.
#include <iostream>
#include <string>

int main() {
    std::string mode, text;
    std::cin >> mode >> text;
    std::string out;
    if (mode == "encode") {
        for (char c : text) {
            const int v = c - 'a';
            out.push_back(static_cast<char>('0' + v / 10));
            out.push_back(static_cast<char>('0' + v % 10));
        }
    } else {
        for (std::size_t i = 0; i + 1 < text.size(); i += 2)
            out.push_back(static_cast<char>('a' + (text[i] - '0') * 10 + (text[i + 1] - '0')));
    }
    std::cout << out << '\n';
}
