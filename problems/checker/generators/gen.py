#!/usr/bin/env python3
"""Writes the .in/.ans files of `checker` under ../data. The .ans is one optimal payment; the checker accepts
any payment with the same number of coins. Fixed seed: reproducible."""
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")
INF = float("inf")


def solve(s, coins):
    best = [0] + [INF] * s
    last = [0] * (s + 1)
    for v in range(1, s + 1):
        for d in coins:
            if d <= v and best[v - d] + 1 < best[v]:
                best[v] = best[v - d] + 1
                last[v] = d
    if best[s] == INF:
        return None
    used = []
    while s:
        used.append(last[s])
        s -= last[s]
    return used


def write(folder, name, s, coins):
    base = os.path.join(DATA, folder, name)
    with open(base + ".in", "w") as f:
        f.write(f"{len(coins)} {s}\n{' '.join(map(str, coins))}\n")
    used = solve(s, coins)
    with open(base + ".ans", "w") as f:
        f.write("-1\n" if used is None else f"{len(used)}\n{' '.join(map(str, used))}\n")


def main():
    rng = random.Random(4242)
    write("sample", "1", 6, [1, 3, 4])
    write("sample", "2", 7, [2, 4])
    write("secret", "01-one-coin", 1, [1])
    write("secret", "02-exact-coin", 50000, [50000, 1])
    write("secret", "03-only-ones", 50000, [1])
    write("secret", "04-greedy-trap", 30, [1, 15, 25])
    write("secret", "05-greedy-trap-large", 49999, [1, 7, 10, 13, 5000, 7001, 9999, 10000])
    write("secret", "06-no-one-impossible", 49999, [2, 10, 1000, 5000])
    write("secret", "07-no-one-possible", 49997, [6, 9, 20])
    write("secret", "08-greedy-dead-end", 12, [5, 4])
    write("secret", "09-vnd", 48700, [100, 200, 500, 1000, 2000, 5000, 10000, 20000])
    write("secret", "10-coprime-pair", 49999, [97, 101])
    for i in range(11, 19):
        coins = rng.sample(range(2, 400) if i % 2 else range(100, 5000), rng.randint(3, 8))
        write("secret", f"{i}-random", rng.randint(40000, 50000), coins)


if __name__ == "__main__":
    main()
