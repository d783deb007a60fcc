# Interactive Kattis validator: interact.py <input> <answer> <feedback_dir>; the submission guesses a number
# in [1, 1000] in at most 10 tries; replies "lower", "higher" or "correct". Exit 42 = AC, 43 = WA.
import sys

secret = int(open(sys.argv[1]).read())
for _ in range(10):
    line = sys.stdin.readline()
    if not line:
        sys.exit(43)
    try:
        guess = int(line)
    except ValueError:
        sys.exit(43)
    if guess == secret:
        print("correct", flush=True)
        sys.exit(42)
    print("lower" if guess > secret else "higher", flush=True)
sys.exit(43)
