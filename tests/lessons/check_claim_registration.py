#!/usr/bin/env python3
"""check_claim_registration.py LIST_JSON ID...: the claim ids registered with CTest (the
arguments) must be exactly the ids of the claim index (`descent list --json`, read from
the file LIST_JSON), each with its lesson: a claim added to the index without property
tests, or a stale id in tests/CMakeLists.txt, fails here."""
import json
import sys

with open(sys.argv[1]) as f:
    doc = json.load(f)
index = [(c["lesson"], c["id"]) for lesson in doc["lessons"] for c in lesson["claims"]]
registered = [tuple(a.split(":", 1)) for a in sys.argv[2:]]
missing = sorted(set(index) - set(registered))
stale = sorted(set(registered) - set(index))
for lesson, cid in missing:
    print("claim %s (lesson %s) is in the index but has no CTest registration" % (cid, lesson))
for lesson, cid in stale:
    print("claim %s (lesson %s) is registered but not in the index" % (cid, lesson))
if missing or stale or not index:
    sys.exit(1)
print("ok: %d claims registered" % len(index))
