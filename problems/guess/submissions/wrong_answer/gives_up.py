# Asks two questions and then exits without finding X (unless it got lucky): the validator sees
# end of input before "=" and rejects.
n = int(input())
for y in (1, n):
    print("?", y, flush=True)
    if input().strip() == "=":
        break
