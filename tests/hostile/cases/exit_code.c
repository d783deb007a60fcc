// A plain non-zero exit: reported as exited with that code, not as a signal or a limit.
// khue-expect: status=exited exit_code=42 oom_killed=false
int main(void) {
    return 42;
}
