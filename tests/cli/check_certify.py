#!/usr/bin/env python3
"""`descent certify` on Himmelblau's function f = (x^2 + y - 11)^2 + (x + y^2 - 7)^2, against mpmath.

Himmelblau's function has nine critical points: four minima, one local maximum and four saddles
(Himmelblau 1972; the values below are the literature's, to 4-6 digits). For each, this script
finds the critical point independently (mpmath.findroot on the gradient written by hand here, at
60 digits), classifies it by the signs of the eigenvalues of the Hessian written by hand, and
requires that `descent certify --at <rough point> --radius 0.05` gives the same verdict, an
enclosure that contains the mpmath point, and an enclosure of f that contains f there. A box too
wide to decide must be `undetermined`, and a box without a critical point must say so.
"""
import argparse
import json
import subprocess
import sys

import mpmath

mpmath.mp.dps = 60
failures = []


def check(ok, message):
    if not ok:
        failures.append(message)
        print("FAIL: " + message)


def f(x, y):
    return (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2


def grad(x, y):
    a, b = x * x + y - 11, x + y * y - 7
    return [4 * x * a + 2 * b, 2 * a + 4 * y * b]


def hessian(x, y):
    return mpmath.matrix([[12 * x * x + 4 * y - 42, 4 * x + 4 * y], [4 * x + 4 * y, 4 * x + 12 * y * y - 26]])


LITERATURE = [  # (rough point, kind)
    ((3.0, 2.0), "minimum"), ((-2.805118, 3.131312), "minimum"), ((-3.779310, -3.283186), "minimum"),
    ((3.584428, -1.848126), "minimum"), ((-0.270845, -0.923039), "maximum"),
    ((0.086677, 2.884255), "saddle"), ((-3.073026, -0.081353), "saddle"), ((3.385154, 0.073852), "saddle"),
    ((-0.127961, -1.953715), "saddle"),
]


def certify(descent, problem, at, radius, digits=50):
    r = subprocess.run([descent, "certify", "--problem", problem, "--at", at, "--radius", radius, "--digits", str(digits),
                        "--json"], capture_output=True, text=True)
    if r.returncode != 0:
        check(False, f"certify --at {at}: exit {r.returncode}: {r.stderr.strip()}")
        return None
    return json.loads(r.stdout)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--descent", required=True)
    ap.add_argument("--problem", required=True, help="examples/himmelblau.json")
    a = ap.parse_args()
    counts = {}
    for (x0, y0), kind in LITERATURE:
        xs = mpmath.findroot(lambda x, y: grad(x, y), (mpmath.mpf(x0), mpmath.mpf(y0)))
        x, y = xs[0], xs[1]
        eig = mpmath.eig(hessian(x, y))[0]
        signs = sorted(mpmath.sign(mpmath.re(e)) for e in eig)
        independent = {(1, 1): "minimum", (-1, -1): "maximum", (-1, 1): "saddle"}[tuple(int(s) for s in signs)]
        check(independent == kind, f"mpmath classifies ({x0}, {y0}) as {independent}, the literature as {kind}")
        counts[independent] = counts.get(independent, 0) + 1
        doc = certify(a.descent, a.problem, f"{x0},{y0}", "0.05")
        if doc is None:
            continue
        check(doc["verdict"] == independent, f"({x0}, {y0}): certify says {doc['verdict']!r}, mpmath {independent}: {doc['reason']}")
        if doc["critical_point"] is None:
            continue
        for i, v in enumerate((x, y)):
            lo, hi = (mpmath.mpf(t) for t in doc["critical_point"][i])
            check(lo <= v <= hi, f"({x0}, {y0}): x{i + 1} = {mpmath.nstr(v, 20)} is outside [{lo}, {hi}]")
            check(hi - lo < mpmath.mpf(10) ** -40, f"({x0}, {y0}): the enclosure of x{i + 1} is {hi - lo} wide")
        lo, hi = (mpmath.mpf(t) for t in doc["f"])
        check(lo <= f(x, y) <= hi, f"({x0}, {y0}): f = {mpmath.nstr(f(x, y), 20)} is outside [{lo}, {hi}]")
    check(counts == {"minimum": 4, "maximum": 1, "saddle": 4}, f"critical points by kind: {counts}")

    # a box too wide: it holds all nine
    doc = certify(a.descent, a.problem, "0,0", "5")
    check(doc is not None and doc["verdict"] == "undetermined", f"--at 0,0 --radius 5: {doc and doc['verdict']}")
    # a box without a critical point: df/dx = -46 at (1, 1)
    doc = certify(a.descent, a.problem, "1,1", "0.1")
    check(doc is not None and doc["verdict"] == "no critical point in the box", f"--at 1,1 --radius 0.1: {doc and doc['verdict']}")
    if failures:
        print(f"{len(failures)} failure(s)")
        return 1
    print("OK: 4 minima, 1 maximum and 4 saddles certified, each enclosure holding mpmath's point; "
          "a wide box undetermined, an empty one recognised")
    return 0


if __name__ == "__main__":
    sys.exit(main())
