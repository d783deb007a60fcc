#!/usr/bin/env python3
"""Input validator for `relay` (exit 42 = valid): the first pass's input, "encode" and a word."""
import re
import sys

ok = re.fullmatch(rb"encode\n[a-z]{1,1000}\n", sys.stdin.buffer.read()) is not None
sys.exit(42 if ok else 43)
