#!/usr/bin/env python3
"""Writes the test cases of `subtasks` under ../data (the test_group.yaml files are hand-written).
S(N) = 2 * sum_{k <= s} floor(N/k) - s^2 with s = isqrt(N); checked against the plain sum for small N."""
import math
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")


def s_of(n):
    r = math.isqrt(n)
    return 2 * sum(n // k for k in range(1, r + 1)) - r * r


def write(folder, name, n):
    base = os.path.join(DATA, folder, name)
    with open(base + ".in", "w") as f:
        f.write(f"{n}\n")
    with open(base + ".ans", "w") as f:
        f.write(f"{s_of(n)}\n")


def main():
    for n in range(1, 300):
        assert s_of(n) == sum(n // k for k in range(1, n + 1))
    rng = random.Random(2025)
    write("sample", "1", 5)
    write("sample", "2", 10)
    for i, n in enumerate([1, 2, 999, 1000, rng.randint(100, 1000)], 1):
        write("secret/group1", f"{i:02d}", n)
    for i, n in enumerate([1001, 9_999_991, 10_000_000, rng.randint(5_000_000, 10**7), 4_194_304], 1):
        write("secret/group2", f"{i:02d}", n)
    # Every case here is far beyond what an O(N) loop can do in a second, and S(N) > 2^31.
    group3 = [10**12, 999_999_999_989, 10**11, 2**39, rng.randint(10**11, 10**12), rng.randint(10**11, 10**12)]
    for i, n in enumerate(group3, 1):
        write("secret/group3", f"{i:02d}", n)


if __name__ == "__main__":
    main()
