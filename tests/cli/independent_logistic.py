#!/usr/bin/env python3
"""Check `descent trace` on a logistic-regression problem file (inline X, y) against an
independent mpmath computation at D + 30 digits, from the formulas (not from the C++ code):

  f(w) = (1/m) sum_i [log(1 + exp(x_i^T w)) - y_i x_i^T w] + (lambda/2) ||w||^2
  grad f = X^T (sigma(X w) - y)/m + lambda w,  hess f = X^T diag(s_i (1 - s_i)) X/m + lambda I
  gd: w <- w - eta grad f;  newton: w <- w - eta (hess f + damping I)^{-1} grad f

Every printed value of `--format csv --digits D` must agree to 10^(5 - D) relative to
max(1, |value|). --reference-eta recomputes with another step (negative control).
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
    ap.add_argument("--method", required=True, choices=["gd", "newton"])
    ap.add_argument("--eta", required=True)
    ap.add_argument("--steps", type=int, required=True)
    ap.add_argument("--digits", type=int, required=True)
    ap.add_argument("--reference-eta")
    a = ap.parse_args()
    mpmath.mp.dps = a.digits + 30
    mpf = mpmath.mpf
    with open(a.problem, encoding="utf-8") as fh:
        doc = json.load(fh, parse_float=str, parse_int=str)
    assert doc["kind"] == "logistic" and "X" in doc
    X = [[mpf(v) for v in row] for row in doc["X"]]
    y = [mpf(v) for v in doc["y"]]
    lam = mpf(doc["lambda"])
    w = [mpf(v) for v in doc["x0"]]
    m, n = len(X), len(w)
    eta = mpf(a.reference_eta or a.eta)

    def f(w):
        z = [sum(X[i][j] * w[j] for j in range(n)) for i in range(m)]
        return sum(mpmath.log(1 + mpmath.exp(z[i])) - y[i] * z[i] for i in range(m)) / m + lam / 2 * sum(v * v for v in w)

    def grad_hess(w):
        z = [sum(X[i][j] * w[j] for j in range(n)) for i in range(m)]
        s = [1 / (1 + mpmath.exp(-zi)) for zi in z]
        g = [sum(X[i][j] * (s[i] - y[i]) for i in range(m)) / m + lam * w[j] for j in range(n)]
        H = mpmath.matrix(n, n)
        for j in range(n):
            for k in range(n):
                H[j, k] = sum(X[i][j] * s[i] * (1 - s[i]) * X[i][k] for i in range(m)) / m + (lam if j == k else 0)
        return g, H

    rows = []
    for k in range(a.steps + 1):
        g, H = grad_hess(w)
        rows.append((f(w), sum(v * v for v in g), list(w)))
        if k == a.steps:
            break
        if a.method == "gd":
            w = [w[j] - eta * g[j] for j in range(n)]
        else:
            d = mpmath.lu_solve(H, mpmath.matrix(g))
            w = [w[j] - eta * d[j] for j in range(n)]

    cmd = [a.descent, "trace", "--problem", a.problem, "--method", a.method, "--eta", a.eta, "--steps", str(a.steps),
           "--digits", str(a.digits), "--format", "csv"]
    return compare_with_descent(cmd, rows, a.digits, "computation")

if __name__ == "__main__":
    sys.exit(main())
