# Reads the file but prints the answer on the screen: there is no CHIAKEO.OUT, so the answer is wrong.
with open("CHIAKEO.INP") as f:
    n, k = map(int, f.read().split())
print(n // k, n % k)
