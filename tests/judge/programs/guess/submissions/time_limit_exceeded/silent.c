/* fake: tle — never says anything and never reads: the validator waits, neither side may deadlock */
int main(void) {
    volatile unsigned long x = 0;
    for (;;) x++;
}
