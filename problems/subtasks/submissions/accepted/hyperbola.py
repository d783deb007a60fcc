# Dirichlet's hyperbola method: S(N) = 2 * sum_{k <= r} floor(N/k) - r^2, r = isqrt(N).
import math

n = int(input())
r = math.isqrt(n)
print(2 * sum(n // k for k in range(1, r + 1)) - r * r)
