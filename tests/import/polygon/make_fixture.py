#!/usr/bin/env python3
"""Writes the Polygon full package sumgroups/ used by the import tests (fixed seed; the output is committed;
the tests zip it as Polygon does).

"Sum in groups": n, then n integers; print their sum. Group 0 holds the two samples (0 points, each-test,
as Polygon sets samples up), group 1 small values (40 points, complete-group), group 2 three tests with
10 points each (each-test), group 3 values up to 1e9 (30 points, complete-group, needs 64 bits, depends on
group 1). The checker is a testlib checker (files/check.cpp) and the validator a testlib validator
(files/val.cpp), both built on files/testlib.h, a minimal testlib-compatible header written for the
fixtures.
"""
import os
import random

random.seed(17)
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "sumgroups")

# (group, sample, n, value bound, method)
TESTS = [("0", True, 3, 10, "manual"), ("0", True, 4, 100, "manual")]
TESTS += [("1", False, n, 1000, "generated") for n in (1, 5, 10)]
TESTS += [("2", False, n, 10**6, "generated") for n in (50, 100, 200)]
TESTS += [("3", False, n, 10**9, "generated") for n in (1000, 5000, 20000)]
POINTS = {"0": (0, "each-test"), "1": (40, "complete-group"), "2": (30, "each-test"), "3": (30, "complete-group")}

os.makedirs(os.path.join(ROOT, "tests"), exist_ok=True)
lines = []
for i, (group, sample, n, top, method) in enumerate(TESTS, 1):
    values = [random.randint(-top if group != "3" else 10**8, top) for _ in range(n)]
    with open(os.path.join(ROOT, "tests", f"{i:02d}"), "w") as f:
        f.write(f"{n}\n{' '.join(map(str, values))}\n")
    with open(os.path.join(ROOT, "tests", f"{i:02d}.a"), "w") as f:
        f.write(f"{sum(values)}\n")
    points, policy = POINTS[group]
    test_points = points / 3 if policy == "each-test" else (points / 3 if group != "0" else 0)
    attrs = f'method="{method}"'
    if method == "generated":
        attrs += f' cmd="gen {n} {top} {i}"'
    if sample:
        attrs += ' sample="true"'
    lines.append(f'        <test {attrs} group="{group}" points="{test_points:g}"/>')

tests_xml = "\n".join(lines)
xml = f"""<?xml version="1.0" encoding="utf-8" standalone="no"?>
<problem revision="12" short-name="sum-groups" url="https://polygon.codeforces.com/p/teacher/sum-groups">
  <names>
    <name language="english" value="Sum in Groups"/>
    <name language="vietnamese" value="Tổng theo nhóm"/>
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
      <groups>
        <group feedback-policy="complete" name="0" points="0" points-policy="each-test"/>
        <group feedback-policy="icpc" name="1" points="40" points-policy="complete-group">
          <dependencies>
            <dependency group="0"/>
          </dependencies>
        </group>
        <group feedback-policy="points" name="2" points="30" points-policy="each-test"/>
        <group feedback-policy="icpc" name="3" points="30" points-policy="complete-group">
          <dependencies>
            <dependency group="1"/>
          </dependencies>
        </group>
      </groups>
    </testset>
  </judging>
  <files>
    <resources>
      <file path="files/testlib.h" type="h.g++"/>
    </resources>
    <executables>
      <executable>
        <source path="files/gen.cpp" type="cpp.g++17"/>
      </executable>
    </executables>
  </files>
  <assets>
    <checker name="check.cpp" type="testlib">
      <source path="files/check.cpp" type="cpp.g++17"/>
      <copy path="check.cpp"/>
    </checker>
    <validators>
      <validator>
        <source path="files/val.cpp" type="cpp.g++17"/>
      </validator>
    </validators>
    <solutions>
      <solution tag="main">
        <source path="solutions/sum.cpp" type="cpp.g++17"/>
      </solution>
      <solution tag="accepted">
        <source path="solutions/sum.py" type="python.3"/>
      </solution>
      <solution tag="wrong-answer">
        <source path="solutions/sum-int.cpp" type="cpp.g++17"/>
      </solution>
    </solutions>
  </assets>
  <properties>
    <property name="tests-wellformed" value="true"/>
  </properties>
  <stresses/>
  <tags>
    <tag value="implementation"/>
  </tags>
</problem>
"""
with open(os.path.join(ROOT, "problem.xml"), "w") as f:
    f.write(xml)
