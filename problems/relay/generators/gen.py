#!/usr/bin/env python3
"""Writes the test cases of `relay` under ../data: `.in` is the first pass's input, `.ans` the message. The
sample's `.interaction` shows both passes, separated by `---`, with the two-digits-per-letter code."""
import os
import random
import string

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")


def write(folder, name, word, interaction=False):
    base = os.path.join(DATA, folder, name)
    with open(base + ".in", "w") as f:
        f.write(f"encode\n{word}\n")
    with open(base + ".ans", "w") as f:
        f.write(f"{word}\n")
    if interaction:
        code = "".join(f"{ord(c) - ord('a'):02d}" for c in word)
        with open(base + ".interaction", "w") as f:
            f.write(f"<encode\n<{word}\n>{code}\n---\n<decode\n<{code}\n>{word}\n")


def main():
    rng = random.Random(99)
    write("sample", "1", "hanoi", interaction=True)
    write("secret", "01-one-letter", "a")
    write("secret", "02-z", "z")
    write("secret", "03-alphabet", string.ascii_lowercase)
    write("secret", "04-aaaa", "a" * 1000)
    write("secret", "05-zzzz", "z" * 1000)
    write("secret", "06-words", "hocsuotdoi")
    for i in range(7, 11):
        write("secret", f"{i:02d}-random", "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(500, 1000))))


if __name__ == "__main__":
    main()
