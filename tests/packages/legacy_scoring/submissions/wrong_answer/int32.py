# Wraps around like a 32-bit int: g1 10 + g2 30 + g3 avg(60, 0) = 70.
# @EXPECTED_RESULTS@: WRONG-ANSWER
# @EXPECTED_SCORE@: 70
n = int(input())
print((n + 1 + 2**31) % 2**32 - 2**31)
