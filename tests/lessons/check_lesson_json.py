#!/usr/bin/env python3
"""Validate a lesson's --json output (docs/design.md §4) read from stdin.

Fails (exit 1) unless: the document has the documented fields; every check has a known
kind, arithmetic and status; at least MIN checks; every check passed and the summary
agrees; holds and counterexample kinds are present; exact or interval arithmetic is
present; and, when given, the expected lesson id, digits and required kinds match.
"""
import json
import sys


def fail(msg):
    print("check_lesson_json: " + msg, file=sys.stderr)
    sys.exit(1)


def main():
    args = dict(a.split("=", 1) for a in sys.argv[1:])
    try:
        doc = json.load(sys.stdin)
    except json.JSONDecodeError as e:
        fail("not JSON: %s" % e)
    for field in ("lesson", "title", "digits", "checks", "summary"):
        if field not in doc:
            fail("missing field " + field)
    if "lesson" in args and doc["lesson"] != args["lesson"]:
        fail("lesson is %r, expected %r" % (doc["lesson"], args["lesson"]))
    if "digits" in args and doc["digits"] != int(args["digits"]):
        fail("digits is %r, expected %s" % (doc["digits"], args["digits"]))
    checks = doc["checks"]
    if len(checks) < int(args.get("min", "10")):
        fail("only %d checks" % len(checks))
    kinds, arith = set(), set()
    for c in checks:
        for field in ("claim", "step", "kind", "arithmetic", "status", "lhs", "rhs", "margin"):
            if field not in c:
                fail("a check lacks " + field)
        if c["kind"] not in ("holds", "counterexample", "tight", "refutes"):
            fail("unknown kind " + c["kind"])
        if c["arithmetic"] not in ("double", "mpfr", "exact", "interval"):
            fail("unknown arithmetic " + c["arithmetic"])
        if c["status"] != "pass":
            fail("check failed: %s: %s" % (c["claim"], c["step"]))
        for field in ("lhs", "rhs", "margin"):
            if "nan" in c[field].lower() or "inf" in c[field].lower():
                fail("non-finite %s in %s" % (field, c["claim"]))
        kinds.add(c["kind"])
        arith.add(c["arithmetic"])
    s = doc["summary"]
    if s.get("passed") != len(checks) or s.get("failed") != 0:
        fail("summary %r disagrees with %d passing checks" % (s, len(checks)))
    for k in args.get("kinds", "holds,counterexample").split(","):
        if k == "refutes" and k not in kinds and str(doc.get("refutes_nothing", "")).strip():
            continue  # the lesson states why it refutes nothing
        if k not in kinds:
            fail("no check of kind " + k)
    if "refutes" in kinds and "refutes_nothing" in doc:
        fail("refutes_nothing is stated, yet the lesson refutes")
    if not ({"exact", "interval"} & arith):
        fail("no exact or interval check")
    print("ok: %d checks, kinds %s, arithmetic %s" % (len(checks), sorted(kinds), sorted(arith)))


main()
