import sys


def main():
    data = sys.stdin.buffer.read().split()
    n, target = int(data[0]), int(data[1])
    first_index = {}
    for j in range(1, n + 1):
        price = int(data[1 + j])
        i = first_index.get(target - price)
        if i is not None:
            print(i, j)
            return
        first_index.setdefault(price, j)
    print("impossible")


main()
