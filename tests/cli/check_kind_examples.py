#!/usr/bin/env python3
"""check_kind_examples.py DESCENT SOURCE_DIR: every kind of problem file in the registry
(`descent trace --kinds --format json`) has an example file in the source tree that `descent grad`
reads and whose gradients agree (hand-written, reverse AD, forward AD; exit 0), also under --exact
when the kind says it runs exactly; and every file under examples/ is of a registered kind."""
import json
import os
import subprocess
import sys

exe, source = sys.argv[1], sys.argv[2]
kinds = json.loads(subprocess.run([exe, "trace", "--kinds", "--format", "json"], capture_output=True, text=True,
                                  check=True).stdout)["kinds"]
problems = []
for k in kinds:
    path = os.path.join(source, k["example"])
    if not os.path.isfile(path):
        problems.append(f"{k['name']}: no example file {k['example']}")
        continue
    with open(path, encoding="utf-8") as fh:
        if json.load(fh).get("kind") != k["name"]:
            problems.append(f"{k['name']}: {k['example']} is not of kind {k['name']}")
    for extra in ([], ["--exact"]) if k["exact"] == "yes" else ([],):
        p = subprocess.run([exe, "grad", "--problem", path] + extra, capture_output=True, text=True)
        if p.returncode != 0:
            problems.append(f"{k['name']}: descent grad {' '.join(extra)} on {k['example']} exits {p.returncode}: "
                            f"{p.stderr.strip()}")
names = {k["name"] for k in kinds}
for f in sorted(os.listdir(os.path.join(source, "examples"))):
    if f.endswith(".json"):
        with open(os.path.join(source, "examples", f), encoding="utf-8") as fh:
            kind = json.load(fh).get("kind")
        if kind not in names:
            problems.append(f"examples/{f}: kind {kind!r} is not registered")
if problems:
    print("\n".join(problems), file=sys.stderr)
    sys.exit(1)
print(f"{len(kinds)} kinds, each with an example that descent grad reads")
