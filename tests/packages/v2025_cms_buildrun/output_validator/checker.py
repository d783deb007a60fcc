# CMS checker: checker.py <input> <correct_output> <contestant_output>; prints the score in [0, 1] on stdout
# and a message on stderr.
import sys

n = int(open(sys.argv[1]).read())
expected = open(sys.argv[2]).read().split()
got = open(sys.argv[3]).read().split()
if got == expected:
    print(1)
    print("correct", file=sys.stderr)
elif got == [str(n)]:
    print(0.5)
    print("off by one", file=sys.stderr)
else:
    print(0)
    print("wrong", file=sys.stderr)
