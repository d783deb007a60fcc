#!/usr/bin/env python3
"""Writes the .in/.ans files of `float` under ../data. Fixed seed: the output is reproducible."""
import math
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")
C = 10**6


def answer(points):
    n = len(points)
    total = math.fsum(math.dist(points[i], points[(i + 1) % n]) for i in range(n))
    return total, total / n


def write(folder, name, points):
    base = os.path.join(DATA, folder, name)
    with open(base + ".in", "w") as f:
        f.write(f"{len(points)}\n")
        f.writelines(f"{x} {y}\n" for x, y in points)
    total, avg = answer(points)
    with open(base + ".ans", "w") as f:
        f.write(f"{total:.10f} {avg:.10f}\n")


def main():
    rng = random.Random(7071)
    write("sample", "1", [(0, 0), (3, 0), (3, 4)])
    write("sample", "2", [(1, 1), (2, 3), (-1, 2), (0, -2)])
    cases = {
        "01-two-points": [(0, 0), (1, 1)],
        "02-same-point": [(5, 5), (5, 5), (5, 5)],
        "03-unit-square": [(0, 0), (1, 0), (1, 1), (0, 1)],
        "04-small-random": [(rng.randint(-5, 5), rng.randint(-5, 5)) for _ in range(7)],
        "05-small-many": [(rng.randint(-3, 3), rng.randint(-3, 3)) for _ in range(1000)],
        "06-corners": [(-C, -C), (C, C), (-C, C), (C, -C)],
        "07-circle": [(round(C * math.cos(2 * math.pi * k / 5000)), round(C * math.sin(2 * math.pi * k / 5000)))
                      for k in range(5000)],
        "08-zigzag-max": [(-C if k % 2 else C, C - 100 * k) for k in range(20000)],
        "09-random-max": [(rng.randint(-C, C), rng.randint(-C, C)) for _ in range(20000)],
        "10-tiny-steps": [(k % 2, k // 2) for k in range(20000)],
        "11-line": [(k, 2 * k) for k in range(-300, 300)],
        "12-random-mid": [(rng.randint(-1000, 1000), rng.randint(-1000, 1000)) for _ in range(3000)],
    }
    for name, points in cases.items():
        write("secret", name, points)


if __name__ == "__main__":
    main()
