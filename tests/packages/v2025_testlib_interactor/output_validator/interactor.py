# testlib-style interactor: interactor.py <input> <output_log> [<answer>]. Exit 0 = AC, 1 = WA, 3 = failure.
import sys

try:
    secret = int(open(sys.argv[1]).read())
    log = open(sys.argv[2], "w")
except Exception as e:
    print("FAIL cannot read the test: %s" % e, file=sys.stderr)
    sys.exit(3)
for tries in range(1, 11):
    line = sys.stdin.readline()
    try:
        guess = int(line)
    except ValueError:
        print("wrong answer: expected a number, got %r" % line[:20], file=sys.stderr)
        sys.exit(1)
    log.write("%d\n" % guess)
    if guess == secret:
        print("correct", flush=True)
        print("ok found in %d guesses" % tries, file=sys.stderr)
        sys.exit(0)
    print("lower" if guess > secret else "higher", flush=True)
print("wrong answer: not found in 10 guesses", file=sys.stderr)
sys.exit(1)
