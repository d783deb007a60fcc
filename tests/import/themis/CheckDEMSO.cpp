// A Themis checker for DEMSO, written the way teachers write them: two lines on standard input (the test's
// folder, then the folder with the contestant's output, each ending in a separator), the comment and then
// the fraction of the test's points on standard output. Half the points for the count, half for the sum.
#include <fstream>
#include <iostream>
#include <string>

int main() {
    std::string test_dir, team_dir;
    std::getline(std::cin, test_dir);
    std::getline(std::cin, team_dir);
    std::ifstream answer(test_dir + "DEMSO.OUT");
    std::ifstream team(team_dir + "DEMSO.OUT");
    long long want_count = 0, want_sum = 0, count = 0, sum = 0;
    if (!(answer >> want_count >> want_sum)) {
        std::cout << "Khong doc duoc dap an\n0\n";
        return 1;
    }
    const bool count_ok = static_cast<bool>(team >> count) && count == want_count;
    const bool sum_ok = static_cast<bool>(team >> sum) && sum == want_sum;
    if (count_ok && sum_ok) {
        std::cout << "Dung\n1\n";
    } else if (count_ok || sum_ok) {
        std::cout << (count_ok ? "Dung so luong, sai tong\n" : "Sai so luong, dung tong\n") << "0.5\n";
    } else {
        std::cout << "Sai\n0\n";
    }
    return 0;
}
