import math
import sys

data = sys.stdin.buffer.read().split()
n = int(data[0])
xs = list(map(int, data[1:2 * n + 1:2]))
ys = list(map(int, data[2:2 * n + 2:2]))
total = 0.0
for i in range(n):
    j = (i + 1) % n
    total += math.hypot(xs[j] - xs[i], ys[j] - ys[i])
print(f"{total:.9f} {total / n:.9f}")
