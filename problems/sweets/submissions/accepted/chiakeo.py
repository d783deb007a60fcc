# File names in lower case, as on Windows: Khue offers the input under that spelling too.
with open("chiakeo.inp") as f:
    n, k = map(int, f.read().split())
with open("chiakeo.out", "w") as f:
    print(n // k, n % k, file=f)
