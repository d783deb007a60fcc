# Python ignores SIGXFSZ, so its flood ends with an OSError traceback rather than a signal: the limit was hit
# all the same.
# khue-args: --output 1 --time 4 --wall-time 8 --memory 256
# khue-expect: status=output_limit
# khue-check: stdout-size<=1048576
import sys

block = "p" * 65536
while True:
    sys.stdout.write(block)
