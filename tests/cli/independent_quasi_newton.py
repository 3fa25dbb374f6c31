#!/usr/bin/env python3
"""Check `descent trace --method bfgs|lbfgs --digits D` on a Rosenbrock problem file (or one of kind
expression, f and its gradient then read by expression_oracle.py)
against an independent implementation written here with mpmath at D + 30 digits, from
the textbook rules (Nocedal & Wright 2006, Alg. 6.1 and 7.4-7.5), not from the C++ code:

  f(x) = sum_i 100 (x_{i+1} - x_i^2)^2 + (1 - x_i)^2
  d = -H g: BFGS keeps H (H0 = (s^T y / y^T y) I before the first update,
      H <- (I - rho s y^T) H (I - rho y s^T) + rho s s^T), L-BFGS applies the two-loop
      recursion to the last m pairs with H0 = (s^T y / y^T y) I; pairs with s^T y <= 0
      are skipped.
  line search: first trial step 1/||g_0|| then 1; at most 20 trials; t <- t/2 when
      f(x + t d) > f(x) + 1e-4 t g^T d, t <- 2.1 t when g(x + t d)^T d < 0.9 g^T d,
      t <- t/2 when g(x + t d)^T d > -0.9 g^T d, else accept; if the trials run out,
      the last point meeting the first condition (or t = 0).

Every printed value must agree to 10^(5 - D) relative to max(1, |value|).
"""
import argparse
import json
import sys

import mpmath

from mpmath_rows import compare_with_descent


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--descent", required=True)
    ap.add_argument("--problem", required=True)
    ap.add_argument("--method", required=True, choices=["bfgs", "lbfgs"])
    ap.add_argument("--memory", type=int, default=6)
    ap.add_argument("--steps", type=int, required=True)
    ap.add_argument("--digits", type=int, required=True)
    ap.add_argument("--reference-method", choices=["bfgs", "lbfgs"],
                    help="recompute with this method instead (negative control: must disagree)")
    a = ap.parse_args()
    run_method = a.method
    a.method = a.reference_method or a.method
    mpmath.mp.dps = a.digits + 30
    mpf = mpmath.mpf
    with open(a.problem, encoding="utf-8") as fh:
        doc = json.load(fh, parse_float=str, parse_int=str)
    assert doc["kind"] in ("rosenbrock", "expression")
    if doc["kind"] == "expression":
        # your own function: f and its gradient from expression_oracle.py (Python's ast, dual numbers), in mpmath
        import os
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        import independent_trace as it
        _, f, grad, x, *_ = it.load_problem(a.problem, it.High(a.digits + 30))
        n = len(x)
    else:
        n = int(doc["n"])
        x = [mpf(v) for v in doc["x0"]]

        def f(x):
            return sum(100 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2 for i in range(n - 1))

        def grad(x):
            g = [mpf(0)] * n
            for i in range(n - 1):
                p, q = x[i + 1] - x[i] ** 2, 1 - x[i]
                g[i] += -400 * x[i] * p - 2 * q
                g[i + 1] += 200 * p
            return g

    dot = lambda u, v: sum(p * q for p, q in zip(u, v))
    H = [[mpf(1 if i == j else 0) for j in range(n)] for i in range(n)]
    first_update = True
    pairs = []
    rows = []
    xp = gp = None
    fx = f(x)
    for k in range(a.steps + 1):
        g = grad(x)
        rows.append((fx, dot(g, g), list(x)))
        if k == a.steps:
            break
        if xp is not None:
            s = [x[i] - xp[i] for i in range(n)]
            y = [g[i] - gp[i] for i in range(n)]
            sy = dot(s, y)
            if sy > 0:
                if a.method == "bfgs":
                    if first_update:
                        H = [[(sy / dot(y, y)) if i == j else mpf(0) for j in range(n)] for i in range(n)]
                        first_update = False
                    rho = 1 / sy
                    V = [[(1 if i == j else 0) - rho * y[i] * s[j] for j in range(n)] for i in range(n)]
                    VtH = [[sum(V[r][i] * H[r][j] for r in range(n)) for j in range(n)] for i in range(n)]
                    H = [[sum(VtH[i][r] * V[r][j] for r in range(n)) + rho * s[i] * s[j] for j in range(n)]
                         for i in range(n)]
                else:
                    pairs.append((s, y, 1 / sy))
                    pairs = pairs[-a.memory:]
        if all(e == 0 for e in g):
            xp, gp = x, g
            continue
        if a.method == "bfgs":
            d = [-sum(H[i][j] * g[j] for j in range(n)) for i in range(n)]
        else:
            q = list(g)
            alphas = []
            for s, y, rho in reversed(pairs):
                al = rho * dot(s, q)
                alphas.append(al)
                q = [q[i] - al * y[i] for i in range(n)]
            if pairs:
                s, y, _ = pairs[-1]
                q = [e * dot(s, y) / dot(y, y) for e in q]
            for (s, y, rho), al in zip(pairs, reversed(alphas)):
                b = rho * dot(y, q)
                q = [q[i] + (al - b) * s[i] for i in range(n)]
            d = [-e for e in q]
        t = mpf(1) if xp is not None else 1 / mpmath.sqrt(dot(g, g))
        slope0 = dot(g, d)
        best = (mpf(0), fx)
        accepted = None
        for _ in range(20):
            xt = [x[i] + t * d[i] for i in range(n)]
            ft = f(xt)
            if ft > fx + mpf("1e-4") * t * slope0:
                t /= 2
                continue
            best = (t, ft)
            sl = dot(grad(xt), d)
            if sl < mpf("0.9") * slope0:
                t *= mpf("2.1")
            elif sl > -mpf("0.9") * slope0:
                t /= 2
            else:
                accepted = (t, ft)
                break
        t, ft = accepted if accepted else best
        xp, gp = x, g
        x = [x[i] + t * d[i] for i in range(n)]
        fx = ft

    cmd = [a.descent, "trace", "--problem", a.problem, "--method", run_method, "--steps", str(a.steps),
           "--digits", str(a.digits), "--format", "csv"]
    if run_method == "lbfgs":
        cmd += ["--memory", str(a.memory)]
    return compare_with_descent(cmd, rows, a.digits, a.method)

if __name__ == "__main__":
    sys.exit(main())
