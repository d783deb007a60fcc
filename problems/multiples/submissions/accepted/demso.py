# DEMSO in Python, with the file names in lower case as a student on Windows would write them.
with open("demso.inp") as f:
    n, k = map(int, f.readline().split())
    values = list(map(int, f.read().split()))
multiples = [v for v in values[:n] if v % k == 0]
with open("demso.out", "w") as f:
    f.write(f"{len(multiples)}\n{sum(multiples)}\n")
