#!/usr/bin/env python3
"""Writes data/sample and data/secret for `hello`. Run from anywhere: python3 generators/gen.py"""
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")
LIMIT = 10**18


def write(folder, name, a, b):
    path = os.path.join(DATA, folder, name)
    with open(path + ".in", "w") as f:
        f.write(f"{a} {b}\n")
    with open(path + ".ans", "w") as f:
        f.write(f"{a + b}\n")


def main():
    rng = random.Random(20251004)
    write("sample", "1", 3, 4)
    write("sample", "2", -15, 100)
    cases = [
        ("01-zeros", 0, 0),
        ("02-small", 1, 2),
        ("03-negative", -7, -8),
        ("04-cancel", 123456789, -123456789),
        ("05-int32-edge", 2147483647, 1),
        ("06-int32-neg-edge", -2147483648, -1),
        ("07-max", LIMIT, LIMIT),
        ("08-min", -LIMIT, -LIMIT),
        ("09-max-min", LIMIT, -LIMIT),
        ("10-above-2pow53", 9007199254740993, 0),
    ]
    for i in range(11, 16):
        cases.append((f"{i}-random", rng.randint(-LIMIT, LIMIT), rng.randint(-LIMIT, LIMIT)))
    for name, a, b in cases:
        write("secret", name, a, b)


if __name__ == "__main__":
    main()
