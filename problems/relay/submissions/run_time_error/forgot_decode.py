# Only implements the first pass: on "decode" it looks the digits up as letters and raises KeyError.
import sys

mode, text = sys.stdin.read().split()
codes = {chr(ord("a") + i): f"{i:02d}" for i in range(26)}
print("".join(codes[c] for c in text))
