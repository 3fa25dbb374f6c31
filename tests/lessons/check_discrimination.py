#!/usr/bin/env python3
"""check_discrimination.py [--lessons ID,ID...] INDEX_JSON LESSON_JSON...: discrimination (docs/design.md section 3b)
on the lessons' --json output and the claim index (`descent list --json`).

For every check:
  - an inequality (<=, <, >=, >) reports "ratio": a decimal in [0, 1], or null with a
    non-empty "ratio_note";
  - every entry of "rules_out" is rejected (the check, run with the wrong variant on
    its instance, fails), and names a wrong variant of its claim in the index.
For every claim of the index:
  - it names at least one wrong variant, and every wrong variant it names is rejected
    by at least one check of the lessons;
  - with an inequality `holds` check, it is pinned: a `tight` check, a `holds` check
    with ratio >= 0.9, or `not_attained` (the reason) in the index.
--lessons limits the rules "for every claim" to the claims of those lessons (the lessons
already brought under section 3b while the others are converted); without it, every claim.
Exit 1 with every breach listed; 0 with a one-line summary."""
import json
import sys

INEQ = ("<=", "<", ">=", ">")
args = sys.argv[1:]
only = None
if args and args[0] == "--lessons":
    only = set(args[1].split(","))
    args = args[2:]
with open(args[0]) as f:
    index = json.load(f)
claims = {c["id"]: c for lesson in index["lessons"] for c in lesson["claims"]
          if only is None or lesson["lesson"] in only}
known_all = {c["id"]: {w["key"] for w in c.get("wrong_variants", [])} for lesson in index["lessons"] for c in lesson["claims"]}
checks = []
for path in args[1:]:
    with open(path) as f:
        checks += json.load(f)["checks"]

bad = []
by_claim = {}
for c in checks:
    where = "%s: %s" % (c["claim"], c["step"][:70])
    by_claim.setdefault(c["claim"], []).append(c)
    if c["relation"] in INEQ:
        if "ratio" not in c:
            bad.append(where + ": an inequality without 'ratio'")
        elif c["ratio"] is None:
            if not c.get("ratio_note"):
                bad.append(where + ": ratio null without 'ratio_note'")
        else:
            try:
                r = float(c["ratio"])
                if not 0 <= r <= 1:
                    bad.append(where + ": ratio %s outside [0, 1]" % c["ratio"])
            except ValueError:
                bad.append(where + ": ratio %r is not a number" % c["ratio"])
    known = known_all.get(c["claim"], set())
    for r in c.get("rules_out", []):
        if r.get("rejected") is not True:
            bad.append(where + ": the wrong variant %r is not rejected (%s)" % (r.get("variant"), r.get("how")))
        if r.get("key") not in known:
            bad.append(where + ": rules_out names %r, not a wrong variant of the claim" % r.get("key"))

pinned = variants = 0
for cid, info in claims.items():
    cs = by_claim.get(cid, [])
    wrong = info.get("wrong_variants", [])
    if not wrong:
        bad.append(cid + ": the claim names no wrong variant")
    for w in wrong:
        if not any(r.get("key") == w["key"] and r.get("rejected") is True for c in cs for r in c.get("rules_out", [])):
            bad.append("%s: no check rejects its wrong variant %r" % (cid, w["text"]))
        else:
            variants += 1
    holds = [c for c in cs if c["kind"] == "holds" and c["relation"] in INEQ]
    if holds:
        best = max((float(c["ratio"]) for c in holds if c.get("ratio") is not None), default=-1.0)
        if any(c["kind"] == "tight" for c in cs) or best >= 0.9 or info.get("not_attained"):
            pinned += 1
        else:
            bad.append("%s: not pinned (no tight check, best ratio %.3g, no not_attained)" % (cid, best))

for b in bad:
    print(b)
if bad or not checks:
    print("%d discrimination breaches" % len(bad))
    sys.exit(1)
print("ok: %d checks, %d claims; %d wrong variants each rejected; %d inequality claims pinned"
      % (len(checks), len(claims), variants, pinned))
