// The plainest time limit: one thread spins forever.
// khue-args: --time 1 --wall-time 15
// khue-expect: status=time_limit cpu_time>=0.95 cpu_time<2
int main(void) {
    for (volatile unsigned long i = 0;; ++i) {
    }
}
