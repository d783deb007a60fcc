# A Python memory bomb: builds a 1 GiB string under a 128 MiB limit.
# khue-args: --memory 128 --time 4 --wall-time 8
# khue-expect: status=memory_limit oom_killed=true
s = "x" * (1 << 30)
print(len(s))
