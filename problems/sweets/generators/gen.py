#!/usr/bin/env python3
"""Writes data/ for Sharing Sweets (fixed seed): N sweets shared among K children."""
import os
import random

random.seed(2026)
HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CASES = {
    "sample/1": (17, 5),
    "sample/2": (6, 6),
    "secret/01-one-child": (1, 1),
    "secret/02-fewer-sweets": (3, 7),
    "secret/03-exact": (1000000000, 1000),
    "secret/04-largest": (1000000000, 999999999),
    "secret/05-all-to-one": (999999937, 1),
}
for i in range(6, 11):
    CASES[f"secret/{i:02d}-random"] = (random.randint(1, 10**9), random.randint(1, 10**5))
for name, (n, k) in CASES.items():
    path = os.path.join(HERE, "data", name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path + ".in", "w") as f:
        f.write(f"{n} {k}\n")
    with open(path + ".ans", "w") as f:
        f.write(f"{n // k} {n % k}\n")
