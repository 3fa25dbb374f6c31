#!/usr/bin/env python3
"""check_expression_grad.py --descent EXE --problem FILE... : `descent grad` on problems of kind expression
against an independent reading of the file (expression_oracle.py: Python's ast, dual numbers written
there, mpmath at 120 digits or exact Fractions), at x0 and at random points.

- --digits 50: f, the reverse-mode and the forward-mode gradient each within 10^-45 relative to the
  magnitude of the terms that formed it (a gradient component that cancels to near 0 has an absolute
  error of that order);
- double: within 64 epsilon of that magnitude;
- --exact, for the rational formulas: every value equal to the Fraction;
- --hessian at 50 digits: within 10^-44 of the magnitude.
For an expression there is no hand-written gradient: the JSON says null rather than repeating reverse
mode, and the reverse-vs-forward difference is the library's own check.
Negative control: the oracle's gradient of a perturbed file (one constant changed by one part in 10^6) must
part from descent's at 50 digits. Exit 0 when everything agrees; 1 otherwise."""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from fractions import Fraction

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import independent_trace as it  # noqa: E402
import expression_oracle  # noqa: E402

failures = []


def fail(message):
    failures.append(message)
    print("FAIL: " + message)


def grad_json(exe, path, at, extra):
    cmd = [exe, "grad", "--problem", path, "--json"] + extra + (["--at", ",".join(at)] if at else [])
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)}: exit {r.returncode}: {r.stderr.strip()}")
    return json.loads(r.stdout)


def check_point(exe, path, at, R, mode):
    """descent grad at `at` (texts; None: x0) against the oracle in R."""
    kind, f, grad, x0, _, f_scale, g_scale, hess = it.load_problem(path, R)
    x = [R.lift(Fraction(t)) for t in at] if at else x0
    extra = {"exact": ["--exact"], "digits": ["--digits", "50", "--hessian"], "double": []}[mode]
    where = f"{os.path.basename(path)} at {at or 'x0'} ({mode})"
    doc = grad_json(exe, path, at, extra)
    if doc["gradient"]["hand_written"] is not None or doc["max_difference"]["reverse_vs_hand_written"] is not None:
        fail(f"{where}: an expression has no hand-written gradient, but grad prints one")
    fx, gx, fs, gs = f(x), grad(x), f_scale(x), g_scale(x)
    if mode == "exact":
        ok = Fraction(doc["f"]) == fx and all(
            Fraction(v) == g for src in ("reverse", "forward") for v, g in zip(doc["gradient"][src], gx))
        if not ok:
            fail(f"{where}: not the exact values: f {doc['f']} vs {fx}; gradient {doc['gradient']} vs {gx}")
        return
    rel = R.lift(Fraction(1, 10**45)) if mode == "digits" else R.lift(Fraction(64, 2**52))
    if abs(R.lift(Fraction(doc["f"])) - fx) > rel * max(fs, R.lift(Fraction(1, 10**300))):
        fail(f"{where}: f = {doc['f']}, the oracle {fx}")
    for src in ("reverse", "forward"):
        for i, (v, g, s) in enumerate(zip(doc["gradient"][src], gx, gs)):
            if abs(R.lift(Fraction(v)) - g) > rel * max(s, R.lift(Fraction(1, 10**300))):
                fail(f"{where}: {src} gradient[{i}] = {v}, the oracle {g} (scale {s})")
    if mode == "digits":
        H = hess(x)
        scale = max(max(abs(v) for v in row) for row in H) + 1
        for i, row in enumerate(doc["hessian"]["library"]):
            for j, v in enumerate(row):
                if abs(R.lift(Fraction(v)) - H[i][j]) > R.lift(Fraction(1, 10**44)) * scale:
                    fail(f"{where}: Hessian[{i}][{j}] = {v}, the oracle {H[i][j]}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--descent", required=True)
    ap.add_argument("--problem", nargs="+", required=True)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    points = 0
    for path in a.problem:
        doc = it.read_document(path)
        rational = not expression_oracle.irrational(path)
        n = len(doc["vars"])
        ats = [None] + [[str(Fraction(rng.randint(-300, 300), 100)) for _ in range(n)] for _ in range(3)]
        for at in ats:
            try:
                check_point(a.descent, path, at, it.High(120), "digits")
                check_point(a.descent, path, at, it.High(120), "double")
                if rational:
                    check_point(a.descent, path, at, it.Exact(), "exact")
                points += 1
            except RuntimeError as e:
                fail(str(e))
    # negative control: a constant of the first file changed by one part in 10^6 must part at 50 digits
    doc = json.load(open(a.problem[0], encoding="utf-8"))
    key = "f" if "f" in doc else "example"
    text = doc[key]
    digit = next(i for i, c in enumerate(text) if c.isdigit())
    end = digit
    while end < len(text) and (text[end].isdigit() or text[end] == "."):
        end += 1
    doc[key] = text[:digit] + f"({text[digit:end]}*1000001/1000000)" + text[end:]
    with tempfile.TemporaryDirectory() as tmp:
        shifted = os.path.join(tmp, "shifted.json")
        if isinstance(doc.get("data"), str):
            doc["data"] = os.path.join(os.path.dirname(os.path.abspath(a.problem[0])), doc["data"])
        with open(shifted, "w") as fh:
            json.dump(doc, fh)
        R = it.High(120)
        _, f, grad, x0, *_ = it.load_problem(shifted, R)
        mine = grad_json(a.descent, a.problem[0], None, ["--digits", "50"])
        if all(abs(R.lift(Fraction(v)) - g) <= R.lift(Fraction(1, 10**40)) * (1 + abs(g))
               for v, g in zip(mine["gradient"]["reverse"], grad(x0))):
            fail(f"negative control: the gradient of {doc[key]} agrees with descent's of the original file")
    if failures:
        print(f"{len(failures)} failure(s)")
        return 1
    print(f"OK: descent grad agrees with the independent reading at {points} points of {len(a.problem)} expression "
          f"files (50 digits with the Hessian, double, and exact where rational); the perturbed control parts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
