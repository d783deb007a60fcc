#!/usr/bin/env python3
"""Writes the Themis-style test bank DEMSO/ used by the import tests (fixed seed; the output is committed).

DEMSO ("count the multiples"): DEMSO.INP holds n and k, then n integers; DEMSO.OUT holds how many of them
are multiples of k and, on the second line, their sum. Test folders and file names mix letter case on
purpose, as teachers' folders do (Themis runs on Windows, where case does not matter).
"""
import os
import random

random.seed(20261130)
HERE = os.path.dirname(os.path.abspath(__file__))
# (test folder, input name, answer name, n, k, value range)
TESTS = [
    ("Test01", "DEMSO.INP", "DEMSO.OUT", 5, 2, 10),
    ("Test02", "DEMSO.INP", "DEMSO.OUT", 10, 3, 100),
    ("Test03", "demso.inp", "demso.out", 100, 7, 10**6),
    ("Test04", "DEMSO.INP", "DemSo.Out", 1000, 1, 10**9),
    ("test05", "DemSo.Inp", "DEMSO.OUT", 20000, 13, 10**9),
]
for folder, inp, out, n, k, top in TESTS:
    values = [random.randint(-top, top) for _ in range(n)]
    multiples = [v for v in values if v % k == 0]
    path = os.path.join(HERE, "DEMSO", folder)
    os.makedirs(path, exist_ok=True)
    with open(os.path.join(path, inp), "w", newline="\r\n") as f:  # written on Windows
        f.write(f"{n} {k}\n{' '.join(map(str, values))}\n")
    with open(os.path.join(path, out), "w", newline="\r\n") as f:
        f.write(f"{len(multiples)}\n{sum(multiples)}\n")
