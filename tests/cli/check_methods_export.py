#!/usr/bin/env python3
"""check_methods_export.py DESCENT QUADRATIC SUM_PROBLEM NEURON_PROBLEM: the registry's export
(`descent trace --methods --format json`) says what `descent trace` does.

- every default lies in its flag's stated range (Fractions; pairs entry by entry; integers and
  words too), and every method runs 2 steps on its defaults alone (plus the required flags);
- `schedulable` is true exactly for the methods that accept `--schedule inverse`;
- exactness `yes`: the method runs under `--exact`; `no`: `--exact` is a usage error naming
  --exact (the perceptron's problems refuse it themselves);
- every method has at least one form, and every form's `select` starts with its --method;
- every numeric flag just outside each finite end of its stated range is a usage error naming it.
Exit 1 with the first mismatches."""
import json
import subprocess
import sys
from fractions import Fraction

exe, quadratic, sum_problem, neuron = sys.argv[1:5]
doc = json.loads(subprocess.run([exe, "trace", "--methods", "--format", "json"], capture_output=True, text=True,
                                check=True).stdout)
problems = []


def in_range(p, text):
    if p["choices"]:
        return text in p["choices"]
    try:
        v = Fraction(text) if not p["integer"] else int(text)
    except (ValueError, ZeroDivisionError):
        return False
    if p["lower"] is not None:
        lo = Fraction(p["lower"])
        if v < lo or (v == lo and p["lower_open"] and not p["integer"]):
            return False
    if p["upper"] is not None:
        hi = Fraction(p["upper"])
        if v > hi or (v == hi and p["upper_open"] and not p["integer"]):
            return False
    return True


def sample(p):
    """A value inside the flag's range for a required flag."""
    if p["choices"]:
        return p["choices"][0]
    lo = Fraction(p["lower"]) if p["lower"] is not None else Fraction(0)
    hi = Fraction(p["upper"]) if p["upper"] is not None else lo + 1
    v = (lo + hi) / 2 if p["upper"] is not None else lo + Fraction(1, 10)
    return str(v)


def run(method, flags, problem, extra):
    args = [exe, "trace", "--problem", problem, "--method", method, "--steps", "2"] + flags + extra
    return subprocess.run(args, capture_output=True, text=True)


for m in doc["methods"]:
    name = m["name"]
    problem = sum_problem if name == "sgd" else neuron if name == "perceptron" else quadratic
    flags = []
    for p in m["parameters"]:
        if p["default"] is not None:
            texts = p["default"].split(",") if p["pair"] else [p["default"]]
            if not all(in_range(p, t) for t in texts):
                problems.append(f"{name}: the default {p['default']} of --{p['name']} is outside {p['range']}")
        elif p["required"] or (name == "nesterov" and p["name"] in ("eta", "beta")):
            flags += ["--" + p["name"], sample(p)]
    if not m["forms"]:
        problems.append(f"{name}: no form in the convention table")
    for f in m["forms"]:
        if not f["select"].startswith("descent trace --method " + name):
            problems.append(f"{name}: form {f['form']} selects {f['select']}")
    if name == "coordinate":
        flags += ["--eta", "1/10"]  # --eta 0 (the default) minimizes exactly and has no step size to schedule
    base = run(name, flags, problem, ["--digits", "20"])
    if base.returncode != 0:
        problems.append(f"{name}: defaults do not run: {base.stderr.strip()}")
        continue
    scheduled = run(name, flags, problem, ["--digits", "20", "--schedule", "inverse"])
    if (scheduled.returncode == 0) != m["schedulable"]:
        problems.append(f"{name}: schedulable is {m['schedulable']} but --schedule inverse exits {scheduled.returncode}: "
                        f"{scheduled.stderr.strip()}")
    if m["exactness"] == "yes":
        exact = run(name, flags, problem, ["--exact"])
        if exact.returncode != 0:
            problems.append(f"{name}: exactness yes but --exact fails: {exact.stderr.strip()}")
    elif m["exactness"] == "no":
        exact = run(name, flags, problem, ["--exact"])
        if exact.returncode != 2 or "--exact" not in exact.stderr:
            problems.append(f"{name}: exactness no but --exact exits {exact.returncode}: {exact.stderr.strip()}")
# Every numeric flag at the ends of its stated range: just outside each finite end is a usage
# error naming the flag; a closed end itself is accepted (the row states what the method enforces).
probes = 0
for m in doc["methods"]:
    name = m["name"]
    problem = sum_problem if name == "sgd" else neuron if name == "perceptron" else quadratic
    base = []
    for p in m["parameters"]:
        if p["default"] is None and (p["required"] or (name == "nesterov" and p["name"] in ("eta", "beta"))):
            base += ["--" + p["name"], sample(p)]
    for p in m["parameters"]:
        if p["choices"] or p["alias_of"] or p["name"] in ("L", "mu"):
            continue
        flags = [f for f in base]
        if p["name"] in flags:
            i = flags.index("--" + p["name"])
            del flags[i:i + 2]
        lo = Fraction(p["lower"]) if p["lower"] is not None else None
        hi = Fraction(p["upper"]) if p["upper"] is not None else None
        step = Fraction(1) if p["integer"] else Fraction(1, 10**6)
        for end, is_open, outside in ((lo, p["lower_open"], -1), (hi, p["upper_open"], 1)):
            if end is None:
                continue
            bad = end if (is_open and not p["integer"]) else end + outside * step
            value = f"{bad},{bad}" if p["pair"] else str(bad)
            probes += 1
            r = run(name, flags + ["--" + p["name"], value], problem, ["--digits", "20"])
            if r.returncode != 2 or ("--" + p["name"]) not in r.stderr:
                problems.append(f"{name} --{p['name']} {value} (outside {p['range']}): exit {r.returncode}, {r.stderr.strip()[:120]}")
for s in doc["schedules"]:
    for p in s["parameters"]:
        if p["default"] is not None and not in_range(p, p["default"]):
            problems.append(f"schedule {s['name']}: the default {p['default']} of --{p['name']} is outside {p['range']}")
if problems:
    print("\n".join(problems[:12]), file=sys.stderr)
    sys.exit(1)
print(f"{len(doc['methods'])} methods and {len(doc['schedules'])} schedules: defaults in range, schedulable and exactness "
      f"as run, {probes} values just outside the stated ranges refused")
