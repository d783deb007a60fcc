# Tries every way to pay, without memoisation: exponential, fine on the samples only.
import sys

sys.setrecursionlimit(100000)


def fewest(amount, coins):
    if amount == 0:
        return 0, []
    best = None
    for d in coins:
        if d <= amount:
            sub = fewest(amount - d, coins)
            if sub is not None and (best is None or sub[0] + 1 < best[0]):
                best = (sub[0] + 1, sub[1] + [d])
    return best


data = sys.stdin.read().split()
n, s = int(data[0]), int(data[1])
answer = fewest(s, [int(x) for x in data[2:2 + n]])
if answer is None:
    print(-1)
else:
    print(answer[0])
    print(" ".join(map(str, answer[1])))
