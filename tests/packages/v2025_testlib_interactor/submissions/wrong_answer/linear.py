# Counts up from 1: the validator gives up after 10 guesses and rejects; stop quietly when it hangs up.
import sys

for guess in range(1, 1001):
    print(guess, flush=True)
    reply = sys.stdin.readline().strip()
    if reply in ("correct", ""):
        break
