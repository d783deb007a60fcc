// khue-judge-problem: hello
// khue-judge-expect: AC
// C++ with std::thread: threads are allowed (run_processes 16 in languages.yaml; fork bombs are still stopped
// by the pids limit). Wave 1 gave C and C++ run_processes 1, so this failed with a run-time error.
#include <iostream>
#include <thread>
#include <vector>

int main() {
    long long a, b;
    std::cin >> a >> b;
    std::vector<long long> part(4);
    std::vector<std::thread> workers;
    for (int i = 0; i < 4; ++i) {
        workers.emplace_back([&part, i, a, b] { part[i] = i == 0 ? a : (i == 1 ? b : 0); });
    }
    for (auto& t : workers)
        t.join();
    std::cout << part[0] + part[1] + part[2] + part[3] << "\n";
}
