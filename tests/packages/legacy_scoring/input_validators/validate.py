# Input validator: one integer n, 1 <= n <= max (flag max=N, from testdata.yaml input_validator_flags).
# Exit 42 when the input is valid, 43 otherwise.
import sys

limit = 10**18
for arg in sys.argv[1:]:
    if arg.startswith("max="):
        limit = int(arg[4:])
data = sys.stdin.read()
lines = data.split("\n")
if len(lines) != 2 or lines[1] != "" or not lines[0].isdigit() or not 1 <= int(lines[0]) <= limit:
    print("invalid input: expected one integer in [1, %d]" % limit, file=sys.stderr)
    sys.exit(43)
sys.exit(42)
