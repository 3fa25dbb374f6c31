#!/usr/bin/env python3
"""Check `descent trace` against an independent exact computation.

The trajectory is recomputed here from the problem file and the same flags, with the
standard library only (and mpmath where a value is irrational): every number of the file
and of the flags is read from its text into a fractions.Fraction (JSON numbers via
parse_float/parse_int=str, never a float), and the method is iterated from the formulas
of the notes (not from the C++ code):

  quadratic      f = 1/2 x^T A x - b^T x + c,  grad f = A x - b
  least_squares  f = ||Phi^T w - y||^2,        grad f = 2 Phi (Phi^T w - y)
  huber          f = L sum_i h(x_i), h(t) = t^2/2 (|t| <= delta), delta |t| - delta^2/2 beyond;
                 grad_i = L clip(x_i, -delta, delta); "L" optional, default 1
  lessard        f' = L x (x < 1), mu x + (L - mu) (1 <= x < 2), L x - (L - mu) (x >= 2);
                 f = L x^2/2, mu x^2/2 + (L - mu) x - (L - mu)/2, L x^2/2 - (L - mu) x + 3(L - mu)/2;
                 f'' the right piece's at a breakpoint; mu, L optional, defaults 1 and 25
  expression     the formula parsed by Python's ast (numbers as Fractions from their text), f summed over
                 the data rows (divided by K for "reduce": "mean"); gradient and Hessian by dual numbers
                 written in expression_oracle.py, not by the library's AD
  x_prev         optional in every file: the iterate before x0; v_0 = x0 - x_prev (else 0)

  eta_k          eta m_k, m_k of --schedule (default constant), set before step k:
                 constant 1; inv_sqrt 1/sqrt(k+1); inverse 1/(k+1); inverse_square 1/(k+1)^2;
                 exponential exp(-decay k), or gamma^k with --gamma; step gamma^floor(k/period);
                 multistep gamma^(number of milestones <= k, repeats counted); silver 1 + rho^(nu(k+1) - 1), rho = 1 + sqrt 2, nu the
                 2-adic valuation; plateau: m_0 = 1, best = f_0; for k >= 1, if f_k < best -
                 threshold |best| then best = f_k, bad = 0, else bad += 1 and if bad > patience
                 then m *= factor, bad = 0 (f_k = f(x_k))
  gd             x+ = x - eta_k g
  heavy_ball     notes:   v+ = beta v - eta_k g, x+ = x + v+, v = v_0
                 pytorch: b+ = beta b + g, x+ = x - eta_k b+, b = -v_0/eta (eta = --eta)
  nesterov       notes:   v+ = beta v - eta_k grad(x + beta v), x+ = x + v+, v = v_0
                 pytorch: b+ = beta b + g, x+ = x - eta_k (g + beta b+), b = -v_0/eta
                 --L --mu: y = x_k + beta_k (x_k - x_{k-1}), x_{k+1} = y - (m_k/L) grad(y),
                 x_{-1} = x_prev (or x0); beta_k = (sqrt(L/mu) - 1)/(sqrt(L/mu) + 1) if mu > 0,
                 else FISTA's: t_1 = 1, t_{j+1} = (1 + sqrt(1 + 4 t_j^2))/2, beta_0 = 0 and
                 beta_k = (t_k - 1)/t_{k+1} for k >= 1 (see below)
  adagrad        G+ = G + g^2, x+ = x - lr_k g / (sqrt(G+) + eps)   (componentwise; --lr, --eps default 1e-10;
                 lr_k = lr m_k; the other forms are checked by adaptive_oracle.py)
  steepest       x+ = x - t g, t = g^T g / g^T H g       (H the constant Hessian)
  backtracking   x+ = x - t g, t = eta rho^j the first with f(x - t g) <= f(x) - c t g^T g
  coordinate     step k, i = k mod n: x_i -= g_i / H_ii (--eta 0, exact minimization) or eta_k g_i
  preconditioned x+ = x - eta_k P g, P = diag(1 / H_ii) at x0 (--preconditioner diag)
  newton         x+ = x - eta_k (H + damping I)^{-1} g      (Gauss-Jordan on fractions)

FISTA's indexing (Beck & Teboulle 2009, with the same x_0): y_1 = x_0, t_1 = 1,
x_j = y_j - grad(y_j)/L, t_{j+1} = (1 + sqrt(1 + 4 t_j^2))/2, y_{j+1} = x_j + ((t_j - 1)/t_{j+1})
(x_j - x_{j-1}). So x_1 = x_0 - grad(x_0)/L (our step k = 0, beta_0 = 0), and for j >= 1
x_{j+1} = y - grad(y)/L with y = x_j + beta_j (x_j - x_{j-1}), beta_j = (t_j - 1)/t_{j+1}
(our step k = j; beta_1 = 0 again since t_1 = 1). x_prev plays no role when mu = 0.

--oracle pytorch recomputes --form pytorch with torch.optim.SGD itself, transcribed from
torch/optim/sgd.py in pytorch_sgd.py (SGD(momentum=beta[, nesterov=True]), dampening 0,
weight decay 0, the learning rate from a LambdaLR with lr_lambda(k) = m_k, x_prev as a
preloaded momentum buffer -v_0/eta). For plateau, m_k is the rule above (decided on f_k
before step k), not torch's ReduceLROnPlateau, which a training loop steps after
optimizer.step() and which compares with best (1 - threshold) rather than best - threshold |best|.

Arithmetic of the recomputation: Fractions when every quantity is rational; otherwise
(--schedule inv_sqrt, exponential, silver; adagrad; nesterov --L with mu = 0 or an
irrational sqrt(L/mu)) mpmath at max(60, 2 D + 40) significant digits, converted to exact
fractions for the comparison (far more accurate than the D digits compared).

The run stops after --steps steps, or at the first iterate with |f| or some |x_i| above
10^100 (the library's divergence bound), which is then not printed.

`descent trace` is run twice (--format csv and --format json) and every printed value is
compared with the reference one:
  --exact       the p/q strings equal the exact fractions;
  --digits D    exactly D significant digits, error <= 10^(1-D) max(|value|, 10^-10 scale'),
                relative to the value except for a value that cancels to below 10^-10 of
                the terms that formed it (an exact 0 computed as y - grad(y)/L, say), whose
                error is relative to those terms (the contract of --digits); scale' is the
                larger of the double scale (below) of this row and of the row before, whose
                iterate entered the update;
  (neither)     double: error <= 1e-15 * max(1, steps) * scale, where scale is the
                value's magnitude, or larger when the value is a sum of larger terms
                that cancel: ||x||_inf for x_i, the sum of the terms' magnitudes for f,
                and sum_i s_i^2 for |g|^2 (s_i the magnitude of the terms of g_i).
                Cancellation is the one place a correct double run loses relative
                accuracy; an O(1) error (a wrong formula) still fails by 10+ orders.
Exit status 0 when everything agrees, 1 otherwise (each disagreement is printed).
--reference-problem, --reference-schedule and --reference-form recompute from another file,
schedule or form, for negative controls (they must disagree).
"""

import argparse
import decimal
import json
import math
import os
import re
import subprocess
import sys
from fractions import Fraction

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
if hasattr(sys, "set_int_max_str_digits"):
    sys.set_int_max_str_digits(0)  # exact rationals of many thousand digits (Python >= 3.11 limits them)

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


def rational_sqrt(q):
    """The exact square root of a Fraction q >= 0, or None if it is irrational."""
    p, d = q.numerator, q.denominator
    rp, rd = math.isqrt(p), math.isqrt(d)
    return Fraction(rp, rd) if rp * rp == p and rd * rd == d else None


class Exact:
    """Reference arithmetic in fractions.Fraction."""
    name = "fractions"

    @staticmethod
    def lift(q):
        return q

    @staticmethod
    def sqrt(q):
        r = rational_sqrt(q)
        if r is None:
            raise SystemExit(f"the exact reference cannot take sqrt({q})")
        return r

    @staticmethod
    def exp(q):
        raise SystemExit("the exact reference cannot take exp()")

    @staticmethod
    def frac(x):
        return x


class High:
    """Reference arithmetic in mpmath at `dps` significant digits."""

    def __init__(self, dps):
        import mpmath
        mpmath.mp.dps = dps
        self.mpmath = mpmath
        self.name = f"mpmath at {dps} digits"

    def lift(self, q):
        q = Fraction(q)
        return self.mpmath.mpf(q.numerator) / q.denominator

    def sqrt(self, x):
        return self.mpmath.sqrt(x)

    def exp(self, x):
        return self.mpmath.exp(x)

    def frac(self, x):
        """The exact value of the binary float x as a Fraction."""
        sign, man, exp, _ = self.mpmath.mpf(x)._mpf_
        v = Fraction(int(man)) * (Fraction(2) ** exp)
        return -v if sign else v


def read_document(path):
    with open(path, encoding="utf-8") as fh:
        return json.load(fh, parse_float=str, parse_int=str)


def load_problem(path, R):
    """The problem's kind, f, gradient, x0, x_prev (or None), the magnitudes of the terms
    of f and of each gradient component (for the double tolerance), and the Hessian, in
    the reference arithmetic R."""
    doc = read_document(path)

    def num(v, what):
        if not isinstance(v, str):
            raise SystemExit(f"{what}: expected a number, got {v!r}")
        return R.lift(to_fraction(v, what))

    def vec(v, what):
        return [num(e, f"{what}[{i}]") for i, e in enumerate(v)]

    def mat(v, what):
        return [vec(r, f"{what}[{i}]") for i, r in enumerate(v)]

    kind = doc["kind"]
    x0 = vec(doc["x0"], "x0")
    x_prev = vec(doc["x_prev"], "x_prev") if "x_prev" in doc else None
    zero = R.lift(Fraction(0))
    if kind == "quadratic":
        A, b = mat(doc["A"], "A"), vec(doc["b"], "b")
        c = num(doc["c"], "c") if "c" in doc else zero
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

    elif kind == "huber":
        delta = num(doc["delta"], "delta")
        L = num(doc["L"], "L") if "L" in doc else R.lift(Fraction(1))
        n = len(x0)

        def h(t):
            return t * t / 2 if abs(t) <= delta else delta * abs(t) - delta * delta / 2

        def f(x):
            return L * sum(h(t) for t in x)

        def grad(x):
            return [L * (t if abs(t) <= delta else (delta if t > 0 else -delta)) for t in x]

        def f_scale(x):
            return L * sum(t * t / 2 if abs(t) <= delta else delta * abs(t) + delta * delta / 2 for t in x)

        def g_scale(x):
            return [abs(g) for g in grad(x)]

        def hess(x):
            return [[(L if i == j and abs(x[i]) <= delta else zero) for j in range(n)] for i in range(n)]

    elif kind == "lessard":
        mu = num(doc["mu"], "mu") if "mu" in doc else R.lift(Fraction(1))
        L = num(doc["L"], "L") if "L" in doc else R.lift(Fraction(25))

        def f(x):
            t = x[0]
            if t < 1:
                return L * t * t / 2
            if t < 2:
                return mu * t * t / 2 + (L - mu) * t - (L - mu) / 2
            return L * t * t / 2 - (L - mu) * t + 3 * (L - mu) / 2

        def grad(x):
            t = x[0]
            if t < 1:
                return [L * t]
            if t < 2:
                return [mu * t + (L - mu)]
            return [L * t - (L - mu)]

        def f_scale(x):
            t = abs(x[0])
            if x[0] < 1:
                return L * t * t / 2
            return L * t * t / 2 + (L - mu) * t + 3 * (L - mu) / 2

        def g_scale(x):
            return [L * abs(x[0]) + (0 if x[0] < 1 else L - mu)]

        def hess(x):
            return [[mu if 1 <= x[0] < 2 else L]]

    elif kind == "expression":
        # the formula parsed by Python's ast, derivatives by dual numbers written here (expression_oracle.py)
        import expression_oracle
        f, grad, hess, f_scale, g_scale, _ = expression_oracle.load(path, doc, R, num)

    else:
        raise SystemExit(f"unknown kind {kind!r}")
    if x_prev is not None and len(x_prev) != len(x0):
        raise SystemExit("x_prev and x0 differ in length")
    return kind, f, grad, x0, x_prev, f_scale, g_scale, hess


def solve(M, v):
    """M^{-1} v by Gauss-Jordan elimination."""
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


def two_adic_valuation(i):
    """nu(i): the exponent of 2 in the integer i >= 1 (the lowest set bit)."""
    return (i & -i).bit_length() - 1


class Multipliers:
    """m_k of a schedule, asked in order k = 0, 1, 2, ... with f_k = f(x_k)."""

    def __init__(self, kind, params, R):
        self.kind, self.R = kind, R
        self.decay, self.factor, self.threshold = params.get("decay"), params.get("factor"), params.get("threshold")
        self.patience = params.get("patience")
        self.gamma, self.period, self.milestones = params.get("gamma"), params.get("period"), params.get("milestones")
        self.reductions = 0
        if kind == "silver":
            self.rho = 1 + R.sqrt(R.lift(Fraction(2)))

    def __call__(self, k, fk):
        R, one = self.R, self.R.lift(Fraction(1))
        if self.kind == "constant":
            return one
        if self.kind == "inverse":
            return one / (k + 1)
        if self.kind == "inverse_square":
            return one / ((k + 1) * (k + 1))
        if self.kind == "inv_sqrt":
            return one / R.sqrt(R.lift(Fraction(k + 1)))
        if self.kind == "exponential":
            return self.gamma ** k if self.gamma is not None else R.exp(-self.decay * k)
        if self.kind == "step":  # torch's StepLR: a cut every `period` steps
            return self.gamma ** (k // self.period)
        if self.kind == "multistep":  # torch's MultiStepLR: a cut at each milestone <= k, repeats counted
            return self.gamma ** sum(1 for m in self.milestones if m <= k)
        if self.kind == "silver":
            return one + self.rho ** (two_adic_valuation(k + 1) - 1)
        if self.kind == "plateau":
            if k == 0:
                self.m, self.best, self.bad = one, fk, 0
            elif fk < self.best - self.threshold * abs(self.best):
                self.best, self.bad = fk, 0
            else:
                self.bad += 1
                if self.bad > self.patience:
                    self.m, self.bad = self.m * self.factor, 0
                    self.reductions += 1
            return self.m
        raise SystemExit(f"unknown schedule {self.kind!r}")


def trajectory(problem, method, params, steps, R, oracle):
    """Rows (f, |g|^2, x, f_scale, |g|^2 scale) as Fractions, the status, and the schedule
    (for its count of plateau reductions), in the reference arithmetic R."""
    kind, f, grad, x0, x_prev, f_scale, g_scale, hess = problem
    n = len(x0)
    zero = R.lift(Fraction(0))
    bound = R.lift(BOUND)
    rows, x = [], list(x0)
    v0 = [x0[i] - x_prev[i] for i in range(n)] if x_prev is not None else [zero] * n
    form = params.get("form") or "notes"
    eta, beta = params.get("eta"), params.get("beta")
    sched = Multipliers(params.get("schedule") or "constant", params, R)
    L = params.get("L")
    P0 = None
    if method in ("heavy_ball", "nesterov") and L is None and form == "pytorch":
        if oracle == "pytorch":
            from pytorch_sgd import SGD, LambdaLR
            torch_opt = SGD(lr=eta, momentum=beta, dampening=0, weight_decay=0, nesterov=(method == "nesterov"))
            if x_prev is not None:
                torch_opt.state["momentum_buffer"] = [-e / eta for e in v0]
            current_m = {}
        else:
            v = [-e / eta for e in v0]  # PyTorch's buffer b
    else:
        v = list(v0)  # the notes' velocity v = x_k - x_{k-1} (a pure step when eta is constant)
    if L is not None:  # Nesterov's schemes
        mu = params.get("mu", zero)
        x_before = [x0[i] - v0[i] for i in range(n)]  # x_{-1}
        if mu > 0:
            root = R.sqrt(L / mu)
            beta_const = (root - 1) / (root + 1)
        t = {1: R.lift(Fraction(1))}
    G = [zero] * n

    def out_of_bounds(x, fx):
        return abs(fx) > bound or any(abs(e) > bound for e in x)

    fx = f(x)
    if out_of_bounds(x, fx):
        return rows, "diverged", sched
    for k in range(steps + 1):
        g = grad(x)
        rows.append((R.frac(fx), R.frac(sum(e * e for e in g)), [R.frac(e) for e in x], R.frac(f_scale(x)),
                     R.frac(sum(s * s for s in g_scale(x)))))
        if k == steps:
            return rows, "max_steps", sched
        m = sched(k, fx)
        if method == "gd":
            x = [x[i] - eta * m * g[i] for i in range(n)]
        elif L is not None:
            if mu > 0:
                bk = beta_const
            elif k == 0:
                bk = zero
            else:
                t[k + 1] = (1 + R.sqrt(1 + 4 * t[k] * t[k])) / 2
                bk = (t[k] - 1) / t[k + 1]
            y = [x[i] + bk * (x[i] - x_before[i]) for i in range(n)]
            gy = grad(y)
            x_before, x = x, [y[i] - (m / L) * gy[i] for i in range(n)]
        elif method in ("heavy_ball", "nesterov") and form == "pytorch" and oracle == "pytorch":
            current_m["m"] = m  # lr_lambda(k) = m_k (m_k may depend on f_k: plateau)
            if k == 0:
                torch_sched = LambdaLR(torch_opt, lambda epoch: current_m["m"])
            else:
                torch_sched.step()
            x = torch_opt.step(x, g)
        elif method == "heavy_ball" and form == "pytorch":
            v = [beta * v[i] + g[i] for i in range(n)]
            x = [x[i] - eta * m * v[i] for i in range(n)]
        elif method == "heavy_ball":
            v = [beta * v[i] - eta * m * g[i] for i in range(n)]
            x = [x[i] + v[i] for i in range(n)]
        elif method == "nesterov" and form == "pytorch":
            v = [beta * v[i] + g[i] for i in range(n)]
            x = [x[i] - eta * m * (g[i] + beta * v[i]) for i in range(n)]
        elif method == "nesterov":
            ga = grad([x[i] + beta * v[i] for i in range(n)])
            v = [beta * v[i] - eta * m * ga[i] for i in range(n)]
            x = [x[i] + v[i] for i in range(n)]
        elif method == "adagrad":
            G = [G[i] + g[i] * g[i] for i in range(n)]
            x = [x[i] - params["lr"] * m * g[i] / (R.sqrt(G[i]) + params["eps"]) for i in range(n)]
        elif method == "steepest":
            H = hess(x)
            gg = sum(e * e for e in g)
            if gg != 0:
                s = gg / sum(g[i] * H[i][j] * g[j] for i in range(n) for j in range(n))
                x = [x[i] - s * g[i] for i in range(n)]
        elif method == "backtracking":
            s, c, rho = params["eta"], params["c"], params["rho"]
            gg = sum(e * e for e in g)
            if gg != 0:
                for _ in range(201):
                    trial = [x[i] - s * g[i] for i in range(n)]
                    if f(trial) <= fx - c * s * gg:
                        x = trial
                        break
                    s *= rho
        elif method == "coordinate":
            i = k % n
            x = list(x)
            x[i] -= eta * m * g[i] if eta != 0 else g[i] / hess(x)[i][i]
        elif method == "preconditioned":
            if P0 is None:
                H0 = hess(x)
                P0 = [1 / H0[i][i] for i in range(n)]
            x = [x[i] - eta * m * P0[i] * g[i] for i in range(n)]
        elif method == "newton":
            H = hess(x)
            for i in range(n):
                H[i][i] += params["damping"]
            d = solve(H, g)
            x = [x[i] - eta * m * d[i] for i in range(n)]
        else:
            raise SystemExit(f"method {method!r} is not recomputed here")
        fx = f(x)
        if out_of_bounds(x, fx):
            return rows, "diverged", sched


SCI = re.compile(r"^-?(\d)(?:\.(\d+))?e[+-]\d+$")


def compare(printed, exact, where, mode, digits, steps, scale, floor_scale):
    """Compare one printed value with its exact value under the mode's rule; `scale`
    (>= |exact|) is the magnitude of the terms that formed it, `floor_scale` the larger of
    it and the previous row's (for the cancellation floor of --digits)."""
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
    magnitude = max(abs(exact), Fraction(1, 10**10) * floor_scale) if mode == "digits" else max(abs(exact), scale)
    err = abs(value - exact)
    if err > tol * magnitude:
        rel = decimal.Decimal(err.numerator) / decimal.Decimal(err.denominator)
        if exact != 0:
            rel /= abs(decimal.Decimal(exact.numerator) / decimal.Decimal(exact.denominator))
        fail(f"{where}: printed {printed}, exact {exact}; relative error {rel:.3e} > {float(tol):.1e}")


def run_descent(cmd):
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        fail(f"{' '.join(cmd)} exited with {proc.returncode}: {proc.stderr.strip()}")
    return proc


VALUE_FLAGS = ("eta", "lr", "eps", "beta", "c", "rho", "damping", "L", "mu", "decay", "factor", "threshold", "gamma")
IRRATIONAL_SCHEDULES = ("inv_sqrt", "exponential", "silver")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--descent", required=True, help="the descent executable")
    ap.add_argument("--problem", required=True)
    ap.add_argument("--method", required=True,
                    choices=["gd", "heavy_ball", "nesterov", "adagrad", "steepest", "backtracking", "coordinate",
                             "preconditioned", "newton"])
    ap.add_argument("--form", choices=["notes", "pytorch"])
    for flag in VALUE_FLAGS:
        ap.add_argument("--" + flag)
    ap.add_argument("--preconditioner", choices=["diag"])
    ap.add_argument("--schedule", choices=["constant", "inv_sqrt", "inverse", "inverse_square", "exponential",
                                           "plateau", "silver", "step", "multistep"])
    ap.add_argument("--patience")
    ap.add_argument("--period", help="--schedule step: steps between cuts")
    ap.add_argument("--milestones", help="--schedule multistep: the steps a,b,... at which eta is cut")
    ap.add_argument("--steps", required=True, type=int)
    group = ap.add_mutually_exclusive_group()
    group.add_argument("--exact", action="store_true")
    group.add_argument("--digits", type=int)
    ap.add_argument("--oracle", choices=["formulas", "pytorch"], default="formulas",
                    help="pytorch: recompute --form pytorch with torch.optim.SGD as transcribed in pytorch_sgd.py")
    ap.add_argument("--reference-problem",
                    help="recompute from this file instead of --problem (negative control: must disagree)")
    ap.add_argument("--reference-schedule", help="recompute with this schedule (negative control: must disagree)")
    ap.add_argument("--reference-form", choices=["notes", "pytorch"],
                    help="recompute with this form (negative control: must disagree)")
    ap.add_argument("--min-plateau-reductions", type=int, default=0,
                    help="require the plateau schedule to reduce eta at least this many times in the run")
    ap.add_argument("--x0", help="the starting point a,b,... passed to descent trace --x0 (replaces the file's x0)")
    ap.add_argument("--expect-status", default="max_steps", choices=["max_steps", "diverged"])
    args = ap.parse_args()

    mode = "exact" if args.exact else ("digits" if args.digits else "double")
    # the defaults as the registry states them (descent trace --methods --format json), not restated
    # here; AdaGrad's eps (1e-10 in the paper's form) is the form's, written in its factory
    registry = json.loads(subprocess.run([args.descent, "trace", "--methods", "--format", "json"],
                                         capture_output=True, text=True, check=True).stdout)
    def registry_defaults(entries, name):
        entry = next((e for e in entries if e["name"] == name), None)
        return {p["name"]: p["default"] for p in (entry["parameters"] if entry else [])
                if p["default"] is not None and p["name"] in VALUE_FLAGS}
    texts = registry_defaults(registry["methods"], args.method)
    if args.method == "adagrad":
        texts["eps"] = "1e-10"
    schedule = args.reference_schedule or args.schedule
    texts.update(registry_defaults(registry["schedules"], schedule))
    texts.update({k: getattr(args, k) for k in VALUE_FLAGS if getattr(args, k) is not None})
    fractions_ = {k: to_fraction(t, "--" + k) for k, t in texts.items()}

    import expression_oracle
    irrational = ((schedule in IRRATIONAL_SCHEDULES and not (schedule == "exponential" and "gamma" in fractions_)) or args.method == "adagrad"
                  or expression_oracle.irrational(args.reference_problem or args.problem)
                  or (args.L is not None and (fractions_.get("mu", 0) == 0
                                              or rational_sqrt(fractions_["L"] / fractions_["mu"]) is None)))
    if irrational and mode == "exact":
        raise SystemExit("this run is irrational: the test must use --digits D")
    # a polynomial of high degree (an expression) gains digits geometrically in exact arithmetic:
    # outside --exact its reference runs in mpmath
    if mode != "exact" and read_document(args.reference_problem or args.problem).get("kind") == "expression":
        irrational = True
    R = High(max(60, 2 * (args.digits or 0) + 40)) if irrational else Exact()

    params = {k: R.lift(q) for k, q in fractions_.items()}
    params["form"] = args.reference_form or args.form
    params["schedule"] = schedule
    params["patience"] = int(args.patience) if args.patience is not None else 10
    params["period"] = int(args.period) if args.period is not None else None
    params["milestones"] = [int(m) for m in args.milestones.split(",")] if args.milestones is not None else None
    problem = load_problem(args.reference_problem or args.problem, R)
    if args.x0 is not None:
        problem = problem[:3] + ([R.lift(to_fraction(t, "--x0")) for t in args.x0.split(",")],) + problem[4:]
    kind, x0 = problem[0], problem[3]
    rows, status, sched = trajectory(problem, args.method, params, args.steps, R, args.oracle)
    if status != args.expect_status:
        fail(f"the reference run ends with status {status}, the test expects {args.expect_status}")
    if sched.reductions < args.min_plateau_reductions:
        fail(f"the plateau schedule reduced eta {sched.reductions} times, the test needs at least "
             f"{args.min_plateau_reductions} (the run does not exercise it)")

    cmd = [args.descent, "trace", "--problem", args.problem, "--method", args.method, "--steps", str(args.steps)]
    for flag in VALUE_FLAGS + ("preconditioner", "form", "schedule", "patience", "period", "milestones", "x0"):
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
        fail(f"CSV has {len(csv_rows)} rows, the reference run has {len(rows)}")
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
    if args.schedule and doc.get("parameters", {}).get("schedule") != args.schedule:
        fail(f"JSON parameters {doc.get('parameters')!r} do not name the schedule {args.schedule}")
    json_rows = doc.get("rows", [])
    if len(json_rows) != len(rows):
        fail(f"JSON has {len(json_rows)} rows, the reference run has {len(rows)}")

    previous = {}  # the scales of the row before
    for k, (fx, g2, x, f_sc, g2_sc) in enumerate(rows[: min(len(rows), len(csv_rows), len(json_rows))]):
        c, j = csv_rows[k], json_rows[k]
        if len(c) != 3 + n or c[0] != str(k):
            fail(f"CSV row {k}: {c!r}")
            continue
        if j.get("step") != k or len(j.get("x", [])) != n:
            fail(f"JSON row {k}: {j!r}")
            continue
        x_norm = max(abs(e) for e in x)
        printed = [("f", c[1], j["f"], fx, f_sc), ("grad_norm2", c[2], j["grad_norm2"], g2, g2_sc)]
        printed += [(f"x{i + 1}", c[3 + i], j["x"][i], x[i], x_norm) for i in range(n)]
        for name, csv_text, json_text, exact, scale in printed:
            if csv_text != json_text:
                fail(f"row {k} {name}: CSV prints {csv_text}, JSON prints {json_text}")
            compare(csv_text, exact, f"row {k} {name}", mode, args.digits, args.steps, scale,
                    max(scale, previous.get(name, 0)))
            previous[name] = scale

    extra = f"; plateau reductions: {sched.reductions}" if schedule == "plateau" else ""
    if failures:
        print(f"{len(failures)} disagreement(s)")
        return 1
    print(f"OK: {len(rows)} rows ({status}), every value agrees with the reference computation ({mode}; "
          f"reference in {R.name}{extra})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
