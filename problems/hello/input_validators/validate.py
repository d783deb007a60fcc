#!/usr/bin/env python3
"""Input validator (exit 42 = valid): exactly "A B\n" with |A|, |B| <= 10^18, canonical integers."""
import re
import sys

data = sys.stdin.buffer.read()
m = re.fullmatch(rb"(-?(?:0|[1-9][0-9]{0,18})) (-?(?:0|[1-9][0-9]{0,18}))\n", data)
if not m:
    print("expected one line 'A B' with canonical integers", file=sys.stderr)
    sys.exit(43)
for token in m.groups():
    if token == b"-0" or abs(int(token)) > 10**18:
        print(f"integer out of range or non-canonical: {token!r}", file=sys.stderr)
        sys.exit(43)
sys.exit(42)
