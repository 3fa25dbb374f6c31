#!/usr/bin/env python3
"""Check `descent trace` against an independent exact computation.

The trajectory is recomputed here from the problem file and the same flags, with the
standard library only: every number of the file and of the flags is read from its text
into a fractions.Fraction (JSON numbers via parse_float/parse_int=str, never a float),
and gradient descent or heavy ball is iterated in exact rational arithmetic from the
formulas of the notes (not from the C++ code):

  quadratic      f = 1/2 x^T A x - b^T x + c,  grad f = A x - b
  least_squares  f = ||Phi^T w - y||^2,        grad f = 2 Phi (Phi^T w - y)
  gd             x+ = x - eta g
  heavy_ball     v+ = beta v - g,  x+ = x + eta v+,  v_0 = 0   (seed 003's form; --form notes and
                 --form pytorch, b+ = beta b + g, x+ = x - eta b+, give the same iterates: both are
                 recomputed with their own formulas)
  nesterov       notes: v+ = beta v - eta grad(x + beta v), x+ = x + v+;
                 pytorch: b+ = beta b + g, x+ = x - eta (g + beta b+)
  steepest       x+ = x - t g, t = g^T g / g^T H g       (H the constant Hessian)
  backtracking   x+ = x - t g, t = eta rho^j the first with f(x - t g) <= f(x) - c t g^T g
  coordinate     step k: x_i -= g_i / H_ii, i = k mod n   (exact coordinate minimization)
  preconditioned x+ = x - eta P g, P = diag(1 / H_ii) at x0 (--preconditioner diag)
  newton         x+ = x - eta (H + damping I)^{-1} g      (Gauss-Jordan on fractions)

The run stops after --steps steps, or at the first iterate with |f| or some |x_i| above
10^100 (the library's divergence bound), which is then not printed.

`descent trace` is run twice (--format csv and --format json) and every printed value is
compared with the exact one:
  --exact       the p/q strings equal the exact fractions;
  --digits D    exactly D significant digits, relative error <= 10^(1-D);
  (neither)     double: error <= 1e-15 * max(1, steps) * scale, where scale is the
                value's magnitude, or larger when the value is a sum of larger terms
                that cancel: ||x||_inf for x_i, the sum of the terms' magnitudes for f,
                and sum_i s_i^2 for |g|^2 (s_i the magnitude of the terms of g_i).
                Cancellation is the one place a correct double run loses relative
                accuracy; an O(1) error (a wrong formula) still fails by 10+ orders.
Exit status 0 when everything agrees, 1 otherwise (each disagreement is printed).
--reference-problem recomputes from another file, for negative controls.
"""

import argparse
import decimal
import json
import re
import subprocess
import sys
from fractions import Fraction

decimal.getcontext().prec = 2100  # above the largest --digits (2000)

BOUND = Fraction(10) ** 100
failures = []


def fail(message):
    failures.append(message)
    print("FAIL: " + message)


def to_fraction(text, what):
    """An exact Fraction from a decimal or p/q text."""
    try:
        return Fraction(text.strip())
    except (ValueError, ZeroDivisionError) as e:
        raise SystemExit(f"{what}: cannot read {text!r} as a number ({e})")


def load_problem(path):
    """The problem's kind, f, gradient, x0, and the magnitudes of the terms of f and of
    each gradient component (for the double tolerance), over Fractions."""
    with open(path, encoding="utf-8") as fh:
        doc = json.load(fh, parse_float=str, parse_int=str)

    def num(v, what):
        if not isinstance(v, str):
            raise SystemExit(f"{what}: expected a number, got {v!r}")
        return to_fraction(v, what)

    def vec(v, what):
        return [num(e, f"{what}[{i}]") for i, e in enumerate(v)]

    def mat(v, what):
        return [vec(r, f"{what}[{i}]") for i, r in enumerate(v)]

    kind = doc["kind"]
    x0 = vec(doc["x0"], "x0")
    if kind == "quadratic":
        A, b = mat(doc["A"], "A"), vec(doc["b"], "b")
        c = num(doc["c"], "c") if "c" in doc else Fraction(0)
        n = len(b)

        def f(x):
            Ax = [sum(A[i][j] * x[j] for j in range(n)) for i in range(n)]
            return sum(x[i] * Ax[i] for i in range(n)) / 2 - sum(b[i] * x[i] for i in range(n)) + c

        def grad(x):
            return [sum(A[i][j] * x[j] for j in range(n)) - b[i] for i in range(n)]

        def f_scale(x):
            return (sum(abs(x[i] * A[i][j] * x[j]) for i in range(n) for j in range(n)) / 2
                    + sum(abs(b[i] * x[i]) for i in range(n)) + abs(c))

        def g_scale(x):
            return [sum(abs(A[i][j] * x[j]) for j in range(n)) + abs(b[i]) for i in range(n)]

        def hess(x):
            return [row[:] for row in A]

    elif kind == "least_squares":
        Phi, y = mat(doc["Phi"], "Phi"), vec(doc["y"], "y")
        d, K = len(Phi), len(y)

        def residual(w):
            return [sum(Phi[i][k] * w[i] for i in range(d)) - y[k] for k in range(K)]

        def f(w):
            return sum(r * r for r in residual(w))

        def grad(w):
            r = residual(w)
            return [2 * sum(Phi[i][k] * r[k] for k in range(K)) for i in range(d)]

        def residual_scale(w):
            return [sum(abs(Phi[i][k] * w[i]) for i in range(d)) + abs(y[k]) for k in range(K)]

        def f_scale(w):
            return sum(r * r for r in residual_scale(w))

        def g_scale(w):
            r = residual_scale(w)
            return [2 * sum(abs(Phi[i][k]) * r[k] for k in range(K)) for i in range(d)]

        def hess(w):
            return [[2 * sum(Phi[i][k] * Phi[j][k] for k in range(K)) for j in range(d)] for i in range(d)]

    else:
        raise SystemExit(f"unknown kind {kind!r}")
    return kind, f, grad, x0, f_scale, g_scale, hess


def solve(M, v):
    """M^{-1} v by Gauss-Jordan elimination on fractions."""
    n = len(v)
    a = [list(M[i]) + [v[i]] for i in range(n)]
    for col in range(n):
        piv = next((r for r in range(col, n) if a[r][col] != 0), None)
        if piv is None:
            raise SystemExit("singular Hessian in the reference computation")
        a[col], a[piv] = a[piv], a[col]
        for r in range(n):
            if r != col and a[r][col] != 0:
                m = a[r][col] / a[col][col]
                a[r] = [a[r][j] - m * a[col][j] for j in range(n + 1)]
    return [a[i][n] / a[i][i] for i in range(n)]


def exact_trajectory(f, grad, x0, method, eta, beta, steps, hess=None, params=None):
    """Rows (f, |g|^2, x) and the status, in exact arithmetic."""
    rows, x, v = [], list(x0), [Fraction(0)] * len(x0)
    params = params or {}
    n = len(x0)
    P0 = None

    def out_of_bounds(x, fx):
        return abs(fx) > BOUND or any(abs(e) > BOUND for e in x)

    fx = f(x)
    if out_of_bounds(x, fx):
        return rows, "diverged"
    for k in range(steps + 1):
        g = grad(x)
        rows.append((fx, sum(e * e for e in g), list(x)))
        if k == steps:
            return rows, "max_steps"
        if method == "gd":
            x = [x[i] - eta * g[i] for i in range(len(x))]
        elif method == "heavy_ball" and params.get("form") == "pytorch":
            v = [beta * v[i] + g[i] for i in range(n)]  # PyTorch's buffer b
            x = [x[i] - eta * v[i] for i in range(n)]
        elif method == "heavy_ball":
            v = [beta * v[i] - g[i] for i in range(len(x))]
            x = [x[i] + eta * v[i] for i in range(len(x))]
        elif method == "nesterov" and params.get("form") == "pytorch":
            v = [beta * v[i] + g[i] for i in range(n)]
            x = [x[i] - eta * (g[i] + beta * v[i]) for i in range(n)]
        elif method == "nesterov":
            ga = grad([x[i] + beta * v[i] for i in range(n)])
            v = [beta * v[i] - eta * ga[i] for i in range(n)]
            x = [x[i] + v[i] for i in range(n)]
        elif method == "steepest":
            H = hess(x)
            gg = sum(e * e for e in g)
            if gg != 0:
                t = gg / sum(g[i] * H[i][j] * g[j] for i in range(n) for j in range(n))
                x = [x[i] - t * g[i] for i in range(n)]
        elif method == "backtracking":
            t, c, rho = params["eta"], params["c"], params["rho"]
            gg = sum(e * e for e in g)
            if gg != 0:
                for _ in range(201):
                    trial = [x[i] - t * g[i] for i in range(n)]
                    if f(trial) <= fx - c * t * gg:
                        x = trial
                        break
                    t *= rho
        elif method == "coordinate":
            i = k % n
            x = list(x)
            x[i] -= g[i] / hess(x)[i][i]
        elif method == "preconditioned":
            if P0 is None:
                H0 = hess(x)
                P0 = [1 / H0[i][i] for i in range(n)]
            x = [x[i] - eta * P0[i] * g[i] for i in range(n)]
        elif method == "newton":
            H = hess(x)
            for i in range(n):
                H[i][i] += params.get("damping", Fraction(0))
            d = solve(H, g)
            x = [x[i] - eta * d[i] for i in range(n)]
        else:
            raise SystemExit(f"method {method!r} is not recomputed here")
        fx = f(x)
        if out_of_bounds(x, fx):
            return rows, "diverged"


SCI = re.compile(r"^-?(\d)(?:\.(\d+))?e[+-]\d+$")


def compare(printed, exact, where, mode, digits, steps, scale):
    """Compare one printed value with its exact value under the mode's rule; `scale`
    (>= |exact|) is the magnitude the double tolerance is relative to."""
    try:
        value = Fraction(printed)
    except (ValueError, ZeroDivisionError):
        fail(f"{where}: printed {printed!r} is not a finite number")
        return
    if mode == "exact":
        if value != exact:
            fail(f"{where}: printed {printed}, exact {exact}")
        return
    if mode == "digits" and printed != "0":
        m = SCI.match(printed)
        if not m or 1 + len(m.group(2) or "") != digits:
            fail(f"{where}: {printed!r} does not have exactly {digits} significant digits")
    tol = Fraction(10) ** (1 - digits) if mode == "digits" else Fraction(1, 10**15) * max(1, steps)
    err = abs(value - exact)
    if err > tol * (abs(exact) if mode == "digits" else max(abs(exact), scale)):
        rel = decimal.Decimal(err.numerator) / decimal.Decimal(err.denominator)
        if exact != 0:
            rel /= abs(decimal.Decimal(exact.numerator) / decimal.Decimal(exact.denominator))
        fail(f"{where}: printed {printed}, exact {exact}; relative error {rel:.3e} > {float(tol):.1e}")


def run_descent(cmd):
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        fail(f"{' '.join(cmd)} exited with {proc.returncode}: {proc.stderr.strip()}")
    return proc


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--descent", required=True, help="the descent executable")
    ap.add_argument("--problem", required=True)
    ap.add_argument("--method", required=True,
                    choices=["gd", "heavy_ball", "nesterov", "steepest", "backtracking", "coordinate", "preconditioned",
                             "newton"])
    ap.add_argument("--form", choices=["notes", "pytorch"])
    ap.add_argument("--eta")
    ap.add_argument("--beta")
    ap.add_argument("--c")
    ap.add_argument("--rho")
    ap.add_argument("--damping")
    ap.add_argument("--preconditioner")
    ap.add_argument("--steps", required=True, type=int)
    group = ap.add_mutually_exclusive_group()
    group.add_argument("--exact", action="store_true")
    group.add_argument("--digits", type=int)
    ap.add_argument("--reference-problem",
                    help="recompute from this file instead of --problem (negative control: must disagree)")
    ap.add_argument("--expect-status", default="max_steps", choices=["max_steps", "diverged"])
    args = ap.parse_args()

    mode = "exact" if args.exact else ("digits" if args.digits else "double")
    kind, f, grad, x0, f_scale, g_scale, hess = load_problem(args.reference_problem or args.problem)
    defaults = {"backtracking": {"eta": "1", "c": "1e-4", "rho": "1/2"}, "newton": {"eta": "1", "damping": "0"}}
    given = {k: getattr(args, k) for k in ("eta", "c", "rho", "damping") if getattr(args, k) is not None}
    params = {k: to_fraction(given.get(k, d), "--" + k) for k, d in defaults.get(args.method, {}).items()}
    params.update({k: to_fraction(t, "--" + k) for k, t in given.items()})
    params["form"] = args.form
    eta = params.get("eta", Fraction(0))
    beta = to_fraction(args.beta, "--beta") if args.beta is not None else Fraction(0)
    rows, status = exact_trajectory(f, grad, x0, args.method, eta, beta, args.steps, hess, params)
    if status != args.expect_status:
        fail(f"the exact run ends with status {status}, the test expects {args.expect_status}")

    cmd = [args.descent, "trace", "--problem", args.problem, "--method", args.method, "--steps", str(args.steps)]
    for flag in ("eta", "beta", "c", "rho", "damping", "preconditioner", "form"):
        if getattr(args, flag) is not None:
            cmd += ["--" + flag, getattr(args, flag)]
    if args.exact:
        cmd += ["--exact"]
    if args.digits:
        cmd += ["--digits", str(args.digits)]

    # CSV: header, one row per iterate, and on divergence one line on stderr.
    csv = run_descent(cmd + ["--format", "csv"])
    lines = csv.stdout.splitlines()
    n = len(x0)
    header = "step,f,grad_norm2," + ",".join(f"x{i + 1}" for i in range(n))
    if not lines or lines[0] != header:
        fail(f"CSV header {lines[:1]!r}, expected {header!r}")
    csv_rows = [line.split(",") for line in lines[1:]]
    if len(csv_rows) != len(rows):
        fail(f"CSV has {len(csv_rows)} rows, the exact run has {len(rows)}")
    if status == "diverged":
        if "diverged" not in csv.stderr or len(csv.stderr.strip().splitlines()) != 1:
            fail(f"CSV run of a diverging problem: expected one stderr line mentioning 'diverged', got {csv.stderr!r}")
    elif csv.stderr:
        fail(f"CSV run printed on stderr: {csv.stderr!r}")

    # JSON: the same values, and the metadata.
    js = run_descent(cmd + ["--format", "json"])
    try:
        doc = json.loads(js.stdout)
    except json.JSONDecodeError as e:
        fail(f"JSON output does not parse: {e}")
        doc = {"rows": []}
    expected_meta = {"problem": kind, "method": args.method,
                     "arithmetic": {"exact": "exact", "digits": "mpfr", "double": "double"}[mode],
                     "digits": {"exact": None, "digits": args.digits, "double": 17}[mode], "status": status}
    for key, value in expected_meta.items():
        if doc.get(key, "<absent>") != value:
            fail(f"JSON field {key!r} is {doc.get(key, '<absent>')!r}, expected {value!r}")
    json_rows = doc.get("rows", [])
    if len(json_rows) != len(rows):
        fail(f"JSON has {len(json_rows)} rows, the exact run has {len(rows)}")

    for k, (fx, g2, x) in enumerate(rows[: min(len(rows), len(csv_rows), len(json_rows))]):
        c, j = csv_rows[k], json_rows[k]
        if len(c) != 3 + n or c[0] != str(k):
            fail(f"CSV row {k}: {c!r}")
            continue
        if j.get("step") != k or len(j.get("x", [])) != n:
            fail(f"JSON row {k}: {j!r}")
            continue
        x_norm = max(abs(e) for e in x)
        printed = [("f", c[1], j["f"], fx, f_scale(x)),
                   ("grad_norm2", c[2], j["grad_norm2"], g2, sum(s * s for s in g_scale(x)))]
        printed += [(f"x{i + 1}", c[3 + i], j["x"][i], x[i], x_norm) for i in range(n)]
        for name, csv_text, json_text, exact, scale in printed:
            if csv_text != json_text:
                fail(f"row {k} {name}: CSV prints {csv_text}, JSON prints {json_text}")
            compare(csv_text, exact, f"row {k} {name}", mode, args.digits, args.steps, scale)

    if failures:
        print(f"{len(failures)} disagreement(s)")
        return 1
    print(f"OK: {len(rows)} rows ({status}), every value agrees with the exact computation ({mode})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
