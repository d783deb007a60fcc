// A null-pointer write: killed by SIGSEGV.
// khue-expect: status=signaled signal=11 oom_killed=false
int main(void) {
    volatile int* p = 0;
    *p = 1;
    return 0;
}
