# The word as one base-27 number (letters are digits 1..26, so no leading-'a' ambiguity), written in decimal:
# about 1.43 digits per letter.
import sys

mode, text = sys.stdin.read().split()
if mode == "encode":
    value = 0
    for c in reversed(text):
        value = value * 27 + (ord(c) - ord("a") + 1)
    print(value)
else:
    value = int(text)
    letters = []
    while value:
        value, digit = divmod(value, 27)
        letters.append(chr(ord("a") + digit - 1))
    print("".join(letters))
