# @EXPECTED_SCORE@: 20
# Forms the circles one by one: about N ln N steps, enough for subtask 1 only.
n = int(input())
total = 0
for k in range(1, n + 1):
    left = n
    while left >= k:
        left -= k
        total += 1
print(total)
