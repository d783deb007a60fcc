# Prints n: the checker gives half of every case.
# @EXPECTED_RESULTS@: CORRECT
# @EXPECTED_SCORE@: 50
print(int(input()))
