# @EXPECTED_SCORE@: lots
print(input())
