import sys


def main():
    data = sys.stdin.read().split()
    n, s = int(data[0]), int(data[1])
    coins = sorted(int(x) for x in data[2:2 + n])
    inf = s + 1
    best = [0] + [inf] * s
    last = [0] * (s + 1)
    # One pass per coin (unbounded knapsack order): cheaper in Python than a pass per amount.
    for d in coins:
        for v in range(d, s + 1):
            if best[v - d] + 1 < best[v]:
                best[v] = best[v - d] + 1
                last[v] = d
    if best[s] == inf:
        print(-1)
        return
    used = []
    v = s
    while v:
        used.append(last[v])
        v -= last[v]
    print(len(used))
    print(" ".join(map(str, used)))


main()
