#!/usr/bin/env python3
"""Input validator for `checker` (exit 42 = valid)."""
import re
import sys

text = sys.stdin.buffer.read().decode("ascii", errors="strict")
m = re.fullmatch(r"([1-9][0-9]*) ([1-9][0-9]*)\n([1-9][0-9]*(?: [1-9][0-9]*)*)\n", text)
if not m:
    sys.exit("bad layout")
n, s = int(m.group(1)), int(m.group(2))
coins = [int(x) for x in m.group(3).split(" ")]
if not (1 <= n <= 8 and 1 <= s <= 50000):
    sys.exit("N or S out of range")
if len(coins) != n or len(set(coins)) != n or not all(1 <= d <= 50000 for d in coins):
    sys.exit("coins: wrong count, duplicates or out of range")
sys.exit(42)
