# Right computation, but two decimals lose too much precision on the small cases.
import math
import sys

data = sys.stdin.buffer.read().split()
n = int(data[0])
pts = [(int(data[1 + 2 * i]), int(data[2 + 2 * i])) for i in range(n)]
total = sum(math.dist(pts[i], pts[(i + 1) % n]) for i in range(n))
print(f"{total:.2f} {total / n:.2f}")
