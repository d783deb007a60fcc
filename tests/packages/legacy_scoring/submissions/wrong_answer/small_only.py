# Right for n < 100 only: g1 10 + g2 min(0, 0) + g3 avg(0, 0) = 10 (not 11 of 101 with the sample counted).
# @EXPECTED_RESULTS@: WRONG-ANSWER
# @EXPECTED_SCORE@: 10
n = int(input())
print(n + 1 if n < 100 else -1)
