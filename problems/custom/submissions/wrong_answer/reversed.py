# Finds a correct pair but prints the larger index first; the validator flag `ordered` rejects that.
import sys

data = sys.stdin.buffer.read().split()
n, target = int(data[0]), int(data[1])
first_index = {}
for j in range(1, n + 1):
    price = int(data[1 + j])
    i = first_index.get(target - price)
    if i is not None:
        print(j, i)
        break
    first_index.setdefault(price, j)
else:
    print("impossible")
