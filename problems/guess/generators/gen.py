#!/usr/bin/env python3
"""Writes the test cases of `guess` under ../data: `.in` is "N X" (read by the validator only), `.ans` is X
(unused by the validator, kept for humans), and the sample's `.interaction` shows a binary search."""
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")
BIG = 10**9


def binary_search_log(n, x):
    lines = [f"<{n}"]
    lo, hi = 1, n
    while True:
        mid = (lo + hi) // 2
        lines.append(f">? {mid}")
        if x < mid:
            lines.append("<<")
            hi = mid - 1
        elif x > mid:
            lines.append("<>")
            lo = mid + 1
        else:
            lines.append("<=")
            return lines


def write(folder, name, n, x, interaction=False):
    base = os.path.join(DATA, folder, name)
    with open(base + ".in", "w") as f:
        f.write(f"{n} {x}\n")
    with open(base + ".ans", "w") as f:
        f.write(f"{x}\n")
    if interaction:
        with open(base + ".interaction", "w") as f:
            f.write("\n".join(binary_search_log(n, x)) + "\n")


def main():
    rng = random.Random(1010)
    write("sample", "1", 10, 7, interaction=True)
    write("secret", "01-single", 1, 1)
    write("secret", "02-two-low", 2, 1)
    write("secret", "03-two-high", 2, 2)
    write("secret", "04-small", 100, 37)
    write("secret", "05-big-lowest", BIG, 1)
    write("secret", "06-big-highest", BIG, BIG)
    write("secret", "07-big-middle", BIG, BIG // 2)
    # Like N itself, X = 2 makes the midpoint search use all 30 questions.
    write("secret", "08-big-thirty-questions", BIG, 2)
    write("secret", "09-pow2", 2**29, 2**29 - 1)
    for i in range(10, 14):
        n = rng.randint(BIG // 2, BIG)
        write("secret", f"{i}-random", n, rng.randint(1, n))


if __name__ == "__main__":
    main()
