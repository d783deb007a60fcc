# Forgets to flush: on a pipe, print() is block-buffered, so the question never reaches the validator, both
# sides wait for each other and the submission runs out of (wall-clock) time.
import sys

n = int(sys.stdin.readline())
lo, hi = 1, n
while lo <= hi:
    mid = (lo + hi) // 2
    print("?", mid)
    reply = sys.stdin.readline().strip()
    if reply == "=":
        break
    if reply == "<":
        hi = mid - 1
    else:
        lo = mid + 1
