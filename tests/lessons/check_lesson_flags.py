#!/usr/bin/env python3
"""check_lesson_flags.py LESSON_EXE: the lesson's own flags, as it declares them (--list-flags:
name, default, range), are enforced at both ends. For every finite end of a flag's range the
value just outside it — the end itself when the end is open, one part in 10^6 of the range
beyond it (one unit for integers) when it is closed — and a value that is not a number are usage
errors: exit code 2, nothing on stdout, one line on stderr naming the flag. Every default lies
in its range. Exit 1 with the first failures."""
import json
import subprocess
import sys
from fractions import Fraction

exe = sys.argv[1]
doc = json.loads(subprocess.run([exe, "--list-flags"], capture_output=True, text=True, check=True).stdout)
problems, probes = [], 0


def text(q):
    q = Fraction(q)
    return str(q.numerator) if q.denominator == 1 else f"{q.numerator}/{q.denominator}"


def expect_usage_error(flag, value):
    global probes
    probes += 1
    p = subprocess.run([exe, "--" + flag, value, "--quiet"], capture_output=True, text=True)
    lines = p.stderr.strip().split("\n") if p.stderr.strip() else []
    if p.returncode != 2 or p.stdout or len(lines) != 1 or ("--" + flag) not in lines[0]:
        problems.append(f"--{flag} {value}: exit {p.returncode}, stdout {p.stdout[:80]!r}, stderr {p.stderr.strip()[:160]!r}")


for f in doc["flags"]:
    name = f["name"]
    lo = Fraction(f["lower"]) if f["lower"] is not None else None
    hi = Fraction(f["upper"]) if f["upper"] is not None else None
    d = Fraction(f["default"]) if f["default"] not in ("", None) else None
    if d is not None:
        if (lo is not None and (d < lo or (d == lo and f["lower_open"]))) or \
                (hi is not None and (d > hi or (d == hi and f["upper_open"]))):
            problems.append(f"--{name}: the default {f['default']} is outside {f['range']}")
    width = (hi - lo) if lo is not None and hi is not None else Fraction(1)
    step = Fraction(1) if f["integer"] else width / 10**6
    if lo is not None:
        expect_usage_error(name, text(lo if f["lower_open"] else lo - step))
    if hi is not None:
        expect_usage_error(name, text(hi if f["upper_open"] else hi + step))
    expect_usage_error(name, "z")
if problems:
    print("\n".join(problems[:10]), file=sys.stderr)
    sys.exit(1)
print(f"{doc['lesson']}: {len(doc['flags'])} flags, {probes} values outside their ranges refused")
