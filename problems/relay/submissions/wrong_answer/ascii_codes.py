# Three digits per letter (its ASCII code): decodes fine, but the encoding is longer than allowed.
import sys

mode, text = sys.stdin.read().split()
if mode == "encode":
    print("".join(f"{ord(c):03d}" for c in text))
else:
    print("".join(chr(int(text[i:i + 3])) for i in range(0, len(text), 3)))
