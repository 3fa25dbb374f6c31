#!/usr/bin/env python3
"""check_counterexamples.py INDEX_JSON LESSON_JSON...: every claim of the index
(`descent list --json`) whose hypotheses are not empty must have at least one check of
kind counterexample in the lessons' --json output (docs/design.md §3: a check that cannot
fail is a defect, and every hypothesis must be shown to matter)."""
import json
import sys

with open(sys.argv[1]) as f:
    index = json.load(f)
kinds = {}
for path in sys.argv[2:]:
    with open(path) as f:
        for check in json.load(f)["checks"]:
            kinds.setdefault(check["claim"], set()).add(check["kind"])
bad = []
for lesson in index["lessons"]:
    for claim in lesson["claims"]:
        if claim["hypotheses"] and "counterexample" not in kinds.get(claim["id"], set()):
            bad.append(claim["id"])
for cid in bad:
    print("claim %s states hypotheses but no lesson runs a counterexample check for it" % cid)
if bad or not kinds:
    sys.exit(1)
print("ok: every claim with hypotheses has a counterexample check")
