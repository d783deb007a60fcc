#!/usr/bin/env python3
"""Writes the Polygon full package guess/ used by the import tests: an interactive problem with a testlib
interactor (files/interactor.cpp), a testlib validator (files/val.cpp) and the checker Polygon requires of
every problem (files/check.cpp, which reads the interactor's log). The output is committed; the sources under
guess/files and guess/solutions are written by hand.

"Guess the number": a test is "n x"; the program gets n and guesses x, told "lower", "higher" or "correct",
at most 31 times. The answer file of a test is what the main solution's run leaves in the interactor's log,
the secret, as Polygon's full package holds it.
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "guess")
# (n, x, sample)
TESTS = [(10, 7, True), (1, 1, False), (1000, 1, False), (1000, 1000, False), (10**9, 123456789, False),
         (10**9, 10**9, False)]

os.makedirs(os.path.join(ROOT, "tests"), exist_ok=True)
lines = []
for i, (n, x, sample) in enumerate(TESTS, 1):
    with open(os.path.join(ROOT, "tests", f"{i:02d}"), "w") as f:
        f.write(f"{n} {x}\n")
    with open(os.path.join(ROOT, "tests", f"{i:02d}.a"), "w") as f:
        f.write(f"{x}\n")
    attrs = ' sample="true"' if sample else ""
    lines.append(f'        <test method="manual"{attrs}/>')

tests_xml = "\n".join(lines)
xml = f"""<?xml version="1.0" encoding="utf-8" standalone="no"?>
<problem revision="5" short-name="guess-number" url="https://polygon.codeforces.com/p/teacher/guess-number">
  <names>
    <name language="english" value="Guess the Number"/>
    <name language="vietnamese" value="Đoán số"/>
  </names>
  <statements>
    <statement charset="UTF-8" language="english" mathjax="true" path="statements/english/problem.tex" type="application/x-tex"/>
  </statements>
  <judging cpu-name="Intel(R) Core(TM) i3-8100 CPU @ 3.60GHz" cpu-speed="3600" input-file="" output-file="" run-count="1">
    <testset name="tests">
      <time-limit>1000</time-limit>
      <memory-limit>268435456</memory-limit>
      <test-count>{len(TESTS)}</test-count>
      <input-path-pattern>tests/%02d</input-path-pattern>
      <answer-path-pattern>tests/%02d.a</answer-path-pattern>
      <tests>
{tests_xml}
      </tests>
    </testset>
  </judging>
  <files>
    <resources>
      <file path="files/testlib.h" type="h.g++"/>
    </resources>
  </files>
  <assets>
    <checker name="check.cpp" type="testlib">
      <source path="files/check.cpp" type="cpp.g++17"/>
      <copy path="check.cpp"/>
    </checker>
    <interactor>
      <source path="files/interactor.cpp" type="cpp.g++17"/>
    </interactor>
    <validators>
      <validator>
        <source path="files/val.cpp" type="cpp.g++17"/>
      </validator>
    </validators>
    <solutions>
      <solution tag="main">
        <source path="solutions/bisect.cpp" type="cpp.g++17"/>
      </solution>
      <solution tag="accepted">
        <source path="solutions/bisect.py" type="python.3"/>
      </solution>
      <solution tag="wrong-answer">
        <source path="solutions/linear.cpp" type="cpp.g++17"/>
      </solution>
    </solutions>
  </assets>
  <properties>
    <property name="tests-wellformed" value="true"/>
  </properties>
  <tags>
    <tag value="interactive"/>
    <tag value="binary search"/>
  </tags>
</problem>
"""
with open(os.path.join(ROOT, "problem.xml"), "w") as f:
    f.write(xml)
