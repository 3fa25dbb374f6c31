#!/usr/bin/env python3
"""The contract of each kind of check (docs/design.md section 3) on one lesson's --json output (stdin).

usage: check_contract_json.py SEEDS_DIR
- tight: relation == (exact arithmetic: margin 0) or the limit form (relation →, lhs in [1 - delta, 1]);
- refutes: seed, line, quote, corrected; the quote stands verbatim (whitespace folded) in that
  seed file within 8 lines of `line`. The notes are not part of the repository: SEEDS_DIR is
  the project's shared/seeds beside the clone (CMake's DESCENT_SEEDS_DIR). When it is missing
  the quotes cannot be checked: with DESCENT_REQUIRE_SEEDS=1 (CI) that is a failure; otherwise,
  everything else holding, the test exits 77, which CTest reports as skipped (not passed);
- counterexample: a non-empty `dropped`;
- every check passed.
Exit 1 with the first breaches otherwise."""
import json
import os
import re
import sys

fold = lambda s: re.sub(r"\s+", " ", s).strip()
seeds = sys.argv[1]
doc = json.load(sys.stdin)
problems = []
quotes = 0
for c in doc["checks"]:
    where = "%s: %s" % (c["claim"], c["step"][:60])
    if c["status"] != "pass":
        problems.append(where + ": failed")
    k = c["kind"]
    if k == "tight":
        if c["relation"] == "==":
            if c["arithmetic"] == "exact" and c["margin"] not in ("0", "0/1"):
                problems.append(where + ": tight exact with margin " + c["margin"])
        elif c["relation"] == "\u2192":
            if "delta" not in c.get("detail", ""):
                problems.append(where + ": a limit-form tight check states its delta")
        else:
            problems.append(where + ": tight with relation " + c["relation"])
    elif k == "refutes":
        missing = [f for f in ("seed", "line", "quote", "corrected") if not c.get(f)]
        if missing:
            problems.append(where + ": refutes without " + ",".join(missing))
            continue
        path = os.path.join(seeds, c["seed"])
        quotes += 1
        if os.path.isdir(seeds):
            if not os.path.isfile(path):
                problems.append(where + ": no seed file " + c["seed"])
                continue
            lines = open(path, encoding="utf-8").read().split("\n")
            lo, hi = max(0, c["line"] - 8), min(len(lines), c["line"] + 8)
            if fold(c["quote"]) not in fold(" ".join(lines[lo:hi])):
                problems.append(where + ": quote not in %s near line %d" % (c["seed"], c["line"]))
    elif k == "counterexample":
        if not c.get("dropped"):
            problems.append(where + ": counterexample without dropped")
if problems:
    print("\n".join(problems[:10]), file=sys.stderr)
    sys.exit(1)
if quotes and not os.path.isdir(seeds):
    if os.environ.get("DESCENT_REQUIRE_SEEDS") == "1":
        print("the lecture notes are missing (%s): %d quotes of refutes checks cannot be checked" % (seeds, quotes),
              file=sys.stderr)
        sys.exit(1)
    print("contract holds: %d checks; %d quotes NOT checked: no notes at %s" % (len(doc["checks"]), quotes, seeds))
    sys.exit(77)
print("contract holds: %d checks" % len(doc["checks"]))
