# Correct payment, but the coins are printed as "3,3": the checker answers presentation error (exit 2),
# which the judge reports as a wrong answer.
import sys

data = sys.stdin.read().split()
n, s = int(data[0]), int(data[1])
coins = [int(x) for x in data[2:2 + n]]
inf = s + 1
best = [0] + [inf] * s
last = [0] * (s + 1)
for d in coins:
    for v in range(d, s + 1):
        if best[v - d] + 1 < best[v]:
            best[v] = best[v - d] + 1
            last[v] = d
if best[s] == inf:
    print(-1)
else:
    used = []
    v = s
    while v:
        used.append(last[v])
        v -= last[v]
    print(len(used))
    print(",".join(map(str, used)))
