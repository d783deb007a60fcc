#!/usr/bin/env python3
"""Writes the .in/.ans files of `custom` under ../data. The .ans holds one valid pair (or `impossible`);
the output validator accepts any valid pair. Fixed seed: reproducible."""
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")
MAXA = 10**9


def solve(t, a):
    seen = {}
    for j, x in enumerate(a):
        if t - x in seen:
            return seen[t - x] + 1, j + 1
        seen.setdefault(x, j)
    return None


def write(folder, name, t, a):
    base = os.path.join(DATA, folder, name)
    with open(base + ".in", "w") as f:
        f.write(f"{len(a)} {t}\n{' '.join(map(str, a))}\n")
    pair = solve(t, a)
    with open(base + ".ans", "w") as f:
        f.write(f"{pair[0]} {pair[1]}\n" if pair else "impossible\n")


def main():
    rng = random.Random(31337)
    write("sample", "1", 10, [3, 8, 5, 7, 2])
    write("sample", "2", 9, [1, 2, 3, 2])
    write("secret", "01-two-books", 2, [1, 1])
    write("secret", "02-two-books-no", 3, [1, 1])
    # Half of T appears once: taking the same book twice is not allowed.
    write("secret", "03-half-once", 10, [5, 1, 2, 3])
    write("secret", "04-half-twice", 10, [1, 5, 2, 5])
    write("secret", "05-many-pairs", 100, [rng.randint(1, 99) for _ in range(50)])
    write("secret", "06-large-values", 2 * MAXA, [MAXA, 3, MAXA])
    n = 40000
    a = [2 * rng.randint(1, MAXA // 2) for _ in range(n)]
    write("secret", "07-all-even-odd-target", 1_000_000_001, a)
    # Middle books are cheap, so (almost surely) only the first and the last book work.
    a = [rng.randint(1, 700_000_000) for _ in range(n)]
    a[0] = rng.randint(800_000_000, MAXA)
    a[-1] = 1_500_000_000 - a[0]
    write("secret", "08-first-and-last", 1_500_000_000, a)
    a = [rng.randint(1, 10**6) for _ in range(n)]
    write("secret", "09-random-small-values", 1_234_567, a)
    a = list(range(1, n + 1))
    write("secret", "10-half-once-large", 2 * (n // 2), a[: n // 2] + [MAXA] * (n - n // 2))
    a = [rng.randint(1, MAXA) for _ in range(20000)]
    write("secret", "11-random-likely-none", 2 * MAXA - 1, a)
    write("secret", "12-equal-prices", 14, [7] * 1000)


if __name__ == "__main__":
    main()
