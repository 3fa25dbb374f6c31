#!/usr/bin/env python3
"""An independent oracle for the adaptive methods of `descent trace`: adagrad, rmsprop,
adadelta, adam, adamw, amsgrad, rprop and quickprop on a quadratic problem file, or on a file of
kind expression (f and its gradient then from expression_oracle.py: Python's ast and dual numbers).

The trajectory is recomputed here from the formulas below (written from the papers, the
lecture notes and PyTorch's torch/optim/*.py, not from the C++ code). Every number of the
problem file and of the flags is read from its text into a fractions.Fraction (JSON via
parse_float/parse_int=str, never through a float). The problem is

  quadratic      f = 1/2 x^T A x - b^T x + c,   g = grad f = A x - b

Arithmetic: Fractions with --exact (rprop, quickprop: no square roots), otherwise mpmath
at max(100, 2 D + 40) significant digits. Rprop with --digits is compared with its exact
(Fraction) run, the true trajectory: its branches test sign(g) and f(x_k) > f(x_{k-1}), and
at an exact tie (g_i = 0 where the binary value is not, or f(x_k) = f(x_{k-1})) any floating
run is decided by rounding; the oracle also runs the formulas in mpmath and says so when
that run leaves the exact one (then the configuration is unfit for a --digits check). All updates are per coordinate; t = 1, 2, ... is
the number of the update (t = k + 1 for the step from x_k to x_{k+1}); every state starts
at 0 unless said otherwise; "g += wd x" is L2 weight decay (--weight-decay, default 0).

  adagrad  (lr 1/100, eps 1e-10, convention paper, eps-placement outside, G0 = 0)
    pytorch  g += wd x; clr = lr/(1 + (t-1) lr_decay); G += g^2 (G starts at G0);
             x -= clr g/(sqrt(G) + eps)                                  (torch.optim.Adagrad)
    paper    the same with lr_decay = 0; --eps-placement inside: x -= lr g/sqrt(G + eps)
    notes    (seed 001) sigma = sqrt((g_1^2 + ... + g_t^2)/t), x -= (lr/sqrt(t))/sigma g;
             no eps; a coordinate with sigma = 0 does not move
  rmsprop  (lr 1/100, alpha 99/100, eps 1e-8, convention pytorch, centered no, momentum 0)
    pytorch  g += wd x; v = alpha v + (1-alpha) g^2; centered: m = alpha m + (1-alpha) g,
    = paper  avg = sqrt(v - m^2) + eps, else avg = sqrt(v) + eps; momentum mu > 0:
             b = mu b + g/avg, x -= lr b; else x -= lr g/avg             (torch.optim.RMSprop)
    notes    (seed 003) x -= lr g/sqrt(v + eps)
  adadelta (lr 1, rho 9/10, eps 1e-6, eps-delta = eps, convention paper, order update_first)
    paper    g += wd x; Eg = rho Eg + (1-rho) g^2; d = sqrt(Ed + eps_delta)/sqrt(Eg + eps) g;
    =pytorch Ed = rho Ed + (1-rho) d^2; x -= lr d                 (Zeiler 2012, Alg. 1, with lr)
             --order divide_first: d is computed with the previous Eg, then Eg is updated
    notes    (seed 003) one scalar u for all coordinates: d_i = sqrt(u + eps_delta)/
             sqrt(Eg_i + eps) g_i; u = rho u + (1-rho) sum_i d_i^2 (after all d_i); x -= lr d
  adam     (lr 1/1000, betas 9/10,999/1000, eps 1e-8, convention paper, bias-correction yes
            except notes: no; eps-hat no)
    m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2 (g += wd x first); bc1 = 1 - b1^t,
    bc2 = 1 - b2^t (both 1 with --bias-correction no)
    paper    x -= (lr/bc1) m/(sqrt(v)/sqrt(bc2) + eps)    (Kingma & Ba Alg. 1 = torch.optim.Adam)
    =pytorch --eps-hat yes: x -= lr sqrt(bc2)/bc1 m/(sqrt(v) + eps)
    notes    (seed 003) x -= lr (m/bc1)/sqrt(v/bc2 + eps)   (eps inside)
  adamw    (as adam; weight-decay lambda default 1/100, convention pytorch; no g += wd x)
    pytorch  x_new = x (1 - lr lambda) - (lr/bc1) m/(sqrt(v)/sqrt(bc2) + eps)  (torch.optim.AdamW;
             m, v from the gradient at the old x)
    paper    x_new = x - lambda x - (lr/bc1) m/(sqrt(v)/sqrt(bc2) + eps)
             (Loshchilov & Hutter Alg. 2, schedule multiplier 1)
  amsgrad  (lr 1/1000, betas, eps 1e-8, g += wd x, convention pytorch)
    vmax = max(vmax, v) on the raw v (vmax starts at 0)
    pytorch  x -= (lr/bc1) m/(sqrt(vmax)/sqrt(bc2) + eps)       (torch.optim.Adam(amsgrad=True))
    paper    x -= lr m/(sqrt(vmax) + eps)                              (Reddi et al., no bc)
  rprop    (lr = D0 1/100, etas em,ep 1/2,6/5, step-sizes Dmin,Dmax 1e-6,50; --convention
            pytorch|paper|notes picks the default --variant irprop_minus|rprop_plus|
            notes_literal). Igel & Huesken's forms: p = sign(gprev g) (gprev = 0 at start),
            D starts at D0
      p > 0: D = min(ep D, Dmax), move = -sign(g) D, gprev = g
      p < 0: D = max(em D, Dmin), then irprop_minus: move 0, gprev = 0; rprop_minus:
             move = -sign(g) D, gprev = g; rprop_plus: move = -(last move), gprev = 0;
             irprop_plus: move = -(last move) if f(x_k) > f(x_{k-1}) else 0, gprev = 0
      p = 0: move = -sign(g) D (D unchanged), gprev = g;        x += move; last move = move
    irprop_minus is also recomputed by a literal transcription of torch.optim.Rprop
    (step = clamp(step factor, Dmin, Dmax), factor ep/em/1 for p >0/<0/=0, grad zeroed where
    p < 0, x -= sign(grad) step, prev = grad); both must agree with descent.
    notes_* (seed 002, "Rprop (simplified)"): signed dw (starts D0) and prevD. First step:
      prevD = g; dw = sign(g) dw; x -= dw. Later, if sign(prevD) == sign(g): dw = min(ep dw,
      Dmax) [notes_literal, signed dw] | sign(dw) min(ep |dw|, Dmax) [notes_magnitude] |
      ep dw [notes_uncapped]; prevD = g; x -= dw. Else x += dw (revert); dw = max(em dw, Dmin)
      | sign(dw) max(em |dw|, Dmin) | em dw; prevD unchanged; x -= dw.
  quickprop (lr eps 1/100, max-growth mu 7/4, convention paper) s = g_i, prev = the last step
            of the coordinate (0 at start), sprev = its last slope
      prev == 0: d = -eps s
      notes      d = -eps s if s == sprev else -prev s/(s - sprev)          (seed 002)
      paper      dir = sign(prev); if s == sprev and dir s > 0: d = -eps s;
                 elif dir s < mu/(1+mu) dir sprev: d = mu prev; else d = prev s/(sprev - s);
                 then if -s dir > 0: d -= eps s                           (Fahlman 1988)
      x += d; prev = d; sprev = s
The run stops after --steps steps or at the first iterate with |f| or some |x_i| above
10^100 (the library's divergence bound), which is not printed.

`descent trace` is run with the same flags in --format csv and --format json (--formats
csv restricts this, for diagnosis only). Checked: exit status 0, the header
step,f,grad_norm2,x1..xn, the number of rows, the JSON status (max_steps, or diverged when
the reference stops early), that the CSV and JSON texts of every value are identical, and
every value (f, grad_norm2, x_i) against the reference:
  --exact     the printed p/q text is the reduced fraction of the exact reference value;
  --digits D  the text has D significant digits and
              |printed - ref| <= 10^(1-D) max(|ref|, 10^-10 scale), where scale is the
              magnitude of the terms that formed the value: max |x_j| over this row and the
              row before for x_i (x_{k+1} = x_k - step), 1/2 sum |x_i A_ij x_j| + sum |b_i x_i|
              + |c| for f, sum_i (sum_j |A_ij x_j| + |b_i|)^2 for grad_norm2. The floor only
              matters for a value that cancels to below 10^-10 of its terms.

--oracle pytorch-float64 (methods adagrad, rmsprop, adadelta, adam, adamw, amsgrad, rprop
with --convention pytorch) additionally runs the PyTorch update in Python floats
(IEEE float64), transcribed statement by statement from torch/optim/{adagrad,rmsprop,
adadelta,adam,rprop}.py (_single_tensor_*; AdamW = Adam with param.mul_(1 - lr wd) first;
lerp(a, b, w) = a + w (b - a) for |w| < 1/2 else b - (b - a)(1 - w), as ATen;
addcmul(s, t1, t2, value) = s + value t1 t2, addcdiv(s, t1, t2, value) = s + value t1 / t2),
from float(x0), float(A), float(b) with g = A x - b summed left to right, and requires
  |x_i(descent) - x_i(torch64)| <= 64 2^-52 (K + 1) max(1, max_j |x_j(torch64)|)
for every coordinate of every row (K = --steps): the float64 run only differs from the
exact trajectory by rounding.

Negative controls: --reference-convention X, --reference-variant X, --reference-order X
recompute the reference with another form (descent still runs with the given flags); the
exit status is then 0 only if the reference disagrees with descent (and descent ran).

Exit status 0 when everything agrees ("OK: ..."), 1 otherwise (at most 20 lines of
disagreements), 2 for a usage error of this script.
"""

import argparse
import json
import math
import re
import subprocess
import sys
from fractions import Fraction

import mpmath

MAX_LINES = 20
if hasattr(sys, "set_int_max_str_digits"):
    sys.set_int_max_str_digits(0)  # exact quickprop/rprop rationals have thousands of digits
BOUND = Fraction(10) ** 100


# ---------------------------------------------------------------- arithmetic
class Exact:
    name = "exact fractions"

    @staticmethod
    def num(q):
        return Fraction(q)

    @staticmethod
    def sqrt(q):
        raise SystemExit("the exact reference cannot take a square root (this method needs --digits)")

    @staticmethod
    def power(b, e):
        raise SystemExit("the exact reference cannot take a real power (this method needs --digits)")

    @staticmethod
    def frac(v):
        return v


class High:
    def __init__(self, dps):
        mpmath.mp.dps = dps
        self.name = f"mpmath at {dps} digits"

    @staticmethod
    def num(q):
        q = Fraction(q)
        return mpmath.mpf(q.numerator) / q.denominator

    @staticmethod
    def sqrt(v):
        return mpmath.sqrt(v)

    @staticmethod
    def power(b, e):
        return mpmath.power(b, e)

    @staticmethod
    def frac(v):
        sign, man, exp, _ = mpmath.mpf(v)._mpf_
        r = Fraction(int(man)) * Fraction(2) ** exp
        return -r if sign else r


class Float64:
    name = "float64"

    @staticmethod
    def num(q):
        return float(Fraction(q))

    @staticmethod
    def sqrt(v):
        return math.sqrt(v)

    @staticmethod
    def power(b, e):
        return math.pow(b, e)


def sign(v):
    return (v > 0) - (v < 0)


# ---------------------------------------------------------------- problem
def to_fraction(text, what):
    try:
        return Fraction(str(text).strip())
    except (ValueError, ZeroDivisionError) as e:
        raise SystemExit(f"{what}: cannot read {text!r} as a number ({e})")


def load_problem(path):
    with open(path, encoding="utf-8") as fh:
        doc = json.load(fh, parse_float=str, parse_int=str)
    if doc.get("kind") == "expression":  # (None, None, None, x0): read by ExpressionProblem
        return None, None, None, [to_fraction(e, "x0") for e in doc["x0"]]
    if doc.get("kind") != "quadratic":
        raise SystemExit(f"{path}: this oracle handles kinds quadratic and expression only")
    A = [[to_fraction(e, "A") for e in row] for row in doc["A"]]
    b = [to_fraction(e, "b") for e in doc["b"]]
    c = to_fraction(doc["c"], "c") if "c" in doc else Fraction(0)
    x0 = [to_fraction(e, "x0") for e in doc["x0"]]
    return A, b, c, x0


class ExpressionProblem:
    """f, grad of a problem file of kind expression in the arithmetic `ar`, from the independent reading of
    expression_oracle.py (Python's ast, dual numbers written there; not the library's AD)."""

    def __init__(self, path, ar):
        import os
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        import independent_trace as it
        R = it.Exact() if ar is Exact else it.High(mpmath.mp.dps)
        _, self.f, self.grad, x0, _, self._f_scale, self._g_scale, _ = it.load_problem(path, R)
        self.n = len(x0)

    def f_scale(self, x):
        return self._f_scale(x)

    def g_scale(self, x):
        return sum(s * s for s in self._g_scale(x))


class Quadratic:
    """f, grad in the arithmetic `ar` (A, b, c lifted once)."""

    def __init__(self, A, b, c, ar):
        self.A = [[ar.num(e) for e in row] for row in A]
        self.b = [ar.num(e) for e in b]
        self.c = ar.num(c)
        self.n = len(b)

    def grad(self, x):
        return [sum((self.A[i][j] * x[j] for j in range(self.n)), 0 * x[0]) - self.b[i] for i in range(self.n)]

    def f(self, x):
        n = self.n
        quad = sum((x[i] * self.A[i][j] * x[j] for i in range(n) for j in range(n)), 0 * x[0])
        return quad / 2 - sum((self.b[i] * x[i] for i in range(n)), 0 * x[0]) + self.c

    def f_scale(self, x):
        n = self.n
        return (sum(abs(x[i] * self.A[i][j] * x[j]) for i in range(n) for j in range(n)) / 2
                + sum(abs(self.b[i] * x[i]) for i in range(n)) + abs(self.c))

    def g_scale(self, x):
        n = self.n
        return sum((sum(abs(self.A[i][j] * x[j]) for j in range(n)) + abs(self.b[i])) ** 2 for i in range(n))


# ---------------------------------------------------------------- parameters
PAIR = {"betas", "etas", "step_sizes"}
METHOD_FLAGS = {
    "adagrad": ["lr", "eps", "convention", "eps_placement", "initial_accumulator_value", "lr_decay", "weight_decay"],
    "rmsprop": ["lr", "alpha", "eps", "convention", "centered", "momentum", "weight_decay"],
    "adadelta": ["lr", "rho", "eps", "eps_delta", "convention", "order", "weight_decay"],
    "adam": ["lr", "betas", "eps", "weight_decay", "convention", "bias_correction", "eps_hat"],
    "adamw": ["lr", "betas", "eps", "weight_decay", "convention"],
    "amsgrad": ["lr", "betas", "eps", "weight_decay", "convention"],
    "nadam": ["lr", "betas", "eps", "weight_decay", "momentum_decay"],
    "rprop": ["lr", "etas", "step_sizes", "variant", "convention"],
    "quickprop": ["lr", "max_growth", "convention"],
    "radam": ["lr", "betas", "eps", "weight_decay"],
    "adamax": ["lr", "betas", "eps", "weight_decay", "maximize"],
    "asgd": ["lr", "lambd", "alpha", "t0", "weight_decay", "maximize"],
}
ALL_FLAGS = sorted({f for v in METHOD_FLAGS.values() for f in v})
WORDS = {"maximize", "amsgrad", "convention", "eps_placement", "centered", "order", "bias_correction", "eps_hat", "variant"}
RPROP_DEFAULT_VARIANT = {"pytorch": "irprop_minus", "paper": "rprop_plus", "notes": "notes_literal"}


def registry_defaults(descent, method):
    """The method's defaults as the registry states them (`descent trace --methods --format json`),
    not restated here: {flag with underscores: text}; flags without a default are left out."""
    doc = json.loads(subprocess.run([descent, "trace", "--methods", "--format", "json"], capture_output=True, text=True,
                                    check=True).stdout)
    entry = next(m for m in doc["methods"] if m["name"] == method)
    return {p["name"].replace("-", "_"): p["default"] for p in entry["parameters"] if p["default"] is not None}


def resolve(method, given, defaults):
    """The method's parameters: Fractions (pairs as tuples) and words. Plain defaults come from the
    registry (`defaults`, registry_defaults); the ones that depend on the form are the forms'
    definitions and are written here: AdaGrad's eps (1e-10, none in the notes' form), Adam's bias
    correction (none in the notes' form), Rprop's variant (by --convention), AdaDelta's eps_delta (= eps)."""
    texts = dict(defaults)
    conv = given.get("convention") or texts.get("convention", "pytorch")  # nadam has PyTorch's form only
    d = {}
    if method == "adagrad":
        texts["eps"] = "0" if conv == "notes" else "1/10000000000"
    elif method == "adadelta":  # --convention divide_first: the per-coordinate form, stale order
        d["eps_delta"] = None
        texts["order"] = "update_first"
        if conv == "divide_first":
            conv, texts["order"] = "paper", "divide_first"
    elif method == "adam":
        texts["bias_correction"] = "no" if conv == "notes" else "yes"
    elif method == "rprop":  # --convention pytorch|paper|notes picks a variant, or names one
        texts["variant"] = RPROP_DEFAULT_VARIANT.get(conv, conv)
        conv = conv if conv in RPROP_DEFAULT_VARIANT else "pytorch"
    texts.update({k: v for k, v in given.items() if v is not None})
    texts["convention"] = conv
    for key, text in texts.items():
        if key in WORDS:
            d[key] = text
        elif key in PAIR:
            parts = text.strip("()").replace(" ", "").split(",")
            if len(parts) != 2:
                raise SystemExit(f"--{key.replace('_', '-')}: expected two numbers a,b")
            d[key] = tuple(to_fraction(p, key) for p in parts)
        else:
            d[key] = to_fraction(text, key)
    if method == "adadelta" and d["eps_delta"] is None:
        d["eps_delta"] = d["eps"]
    return d


# ---------------------------------------------------------------- the formulas
def reference(method, P, prob, x0, K, ar, stats):
    """The iterates x_0..x_m (m <= K: stops before an iterate beyond the bound)."""
    n = prob.n
    Z = ar.num(0)
    x = [ar.num(v) for v in x0]
    rows = [x]
    conv = P["convention"]
    L = {k: ar.num(v) for k, v in P.items() if isinstance(v, Fraction)}
    pairs = {k: tuple(ar.num(e) for e in v) for k, v in P.items() if isinstance(v, tuple)}
    zeros = lambda: [Z] * n

    def diverged(y):
        return abs(prob.f(y)) > ar.num(BOUND) or any(abs(v) > ar.num(BOUND) for v in y)

    # state
    G = [L.get("initial_accumulator_value", Z)] * n
    S, v, m, buf, Eg, Ed, vmax = zeros(), zeros(), zeros(), zeros(), zeros(), zeros(), zeros()
    u = Z
    D = [L.get("lr", Z)] * n
    gprev, last = zeros(), zeros()
    dw, prevD = [L.get("lr", Z)] * n, zeros()
    qprev, qsprev = zeros(), zeros()
    fprev = None
    for k in range(K):
        t = k + 1
        g = prob.grad(x)
        if P.get("maximize") == "yes":  # torch's maximize: the method sees -grad f
            g = [-gi for gi in g]
        if P.get("weight_decay") and method in ("adagrad", "rmsprop", "adadelta", "adam", "amsgrad", "nadam", "radam",
                                                "adamax", "asgd") and conv != "notes":
            g = [gi + L["weight_decay"] * xi for gi, xi in zip(g, x)]
        new = list(x)
        if method == "adagrad":
            lr = L["lr"]
            if conv == "notes":
                for i in range(n):
                    S[i] += g[i] * g[i]
                    sigma = ar.sqrt(S[i] / t)
                    if sigma == 0:
                        stats["sigma=0"] = stats.get("sigma=0", 0) + 1
                    else:
                        new[i] = x[i] - (lr / ar.sqrt(ar.num(t))) / sigma * g[i]
            else:
                clr = lr / (1 + (t - 1) * L["lr_decay"]) if conv == "pytorch" else lr
                for i in range(n):
                    G[i] += g[i] * g[i]
                    den = ar.sqrt(G[i] + L["eps"]) if (conv == "paper" and P["eps_placement"] == "inside") \
                        else ar.sqrt(G[i]) + L["eps"]
                    if g[i] != 0:
                        new[i] = x[i] - clr * g[i] / den
        elif method == "rmsprop":
            lr, al, eps = L["lr"], L["alpha"], L["eps"]
            for i in range(n):
                v[i] = al * v[i] + (1 - al) * g[i] * g[i]
                if conv == "notes":
                    if g[i] != 0:
                        new[i] = x[i] - lr * g[i] / ar.sqrt(v[i] + eps)
                    continue
                if P["centered"] == "yes":
                    m[i] = al * m[i] + (1 - al) * g[i]
                    avg = ar.sqrt(v[i] - m[i] * m[i]) + eps
                else:
                    avg = ar.sqrt(v[i]) + eps
                q = g[i] / avg if g[i] != 0 else Z
                if L["momentum"] > 0:
                    buf[i] = L["momentum"] * buf[i] + q
                    new[i] = x[i] - lr * buf[i]
                else:
                    new[i] = x[i] - lr * q
        elif method == "adadelta":
            lr, rho, eps, epsd = L["lr"], L["rho"], L["eps"], L["eps_delta"]
            divide_first = P["order"] == "divide_first"
            d = zeros()
            for i in range(n):
                if not divide_first:
                    Eg[i] = rho * Eg[i] + (1 - rho) * g[i] * g[i]
                acc = u if conv == "notes" else Ed[i]
                d[i] = ar.sqrt(acc + epsd) / ar.sqrt(Eg[i] + eps) * g[i]
                if divide_first:
                    Eg[i] = rho * Eg[i] + (1 - rho) * g[i] * g[i]
            if conv == "notes":
                u = rho * u + (1 - rho) * sum(di * di for di in d)
            else:
                for i in range(n):
                    Ed[i] = rho * Ed[i] + (1 - rho) * d[i] * d[i]
            new = [x[i] - lr * d[i] for i in range(n)]
        elif method in ("adam", "adamw", "amsgrad"):
            lr, eps = L["lr"], L["eps"]
            b1, b2 = pairs["betas"]
            bc = not ((method == "adam" and P["bias_correction"] == "no") or (method == "amsgrad" and conv == "paper"))
            bc1 = 1 - b1 ** t if bc else ar.num(1)
            bc2 = 1 - b2 ** t if bc else ar.num(1)
            for i in range(n):
                m[i] = b1 * m[i] + (1 - b1) * g[i]
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i]
                if m[i] == 0:
                    step = Z
                elif method == "adam" and conv == "notes":
                    step = lr * (m[i] / bc1) / ar.sqrt(v[i] / bc2 + eps)
                elif method == "adam" and P["eps_hat"] == "yes":
                    step = lr * ar.sqrt(bc2) / bc1 * m[i] / (ar.sqrt(v[i]) + eps)
                elif method == "amsgrad":
                    pass
                else:
                    step = (lr / bc1) * m[i] / (ar.sqrt(v[i]) / ar.sqrt(bc2) + eps)
                if method == "amsgrad":
                    if v[i] < vmax[i]:
                        stats["vmax>v"] = stats.get("vmax>v", 0) + 1
                    vmax[i] = max(vmax[i], v[i])
                    if m[i] == 0:
                        step = Z
                    elif conv == "paper":
                        step = lr * m[i] / (ar.sqrt(vmax[i]) + eps)
                    else:
                        step = (lr / bc1) * m[i] / (ar.sqrt(vmax[i]) / ar.sqrt(bc2) + eps)
                if method == "adamw":
                    lam = L["weight_decay"]
                    new[i] = (x[i] * (1 - lr * lam) if conv == "pytorch" else x[i] - lam * x[i]) - step
                else:
                    new[i] = x[i] - step
        elif method == "radam":
            # Liu et al. (2020), Alg. 2, as torch/optim/radam.py: rectified when rho_t > 5, eps added to sqrt(v)
            lr, eps = L["lr"], L["eps"]
            b1, b2 = pairs["betas"]
            bc1, bc2 = 1 - b1 ** t, 1 - b2 ** t
            rho_inf = 2 / (1 - b2) - 1
            rho_t = rho_inf - 2 * t * b2 ** t / bc2
            for i in range(n):
                m[i] = b1 * m[i] + (1 - b1) * g[i]
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i]
                if rho_t > 5:
                    stats["rectified"] = stats.get("rectified", 0) + (i == 0)
                    rect = ar.sqrt((rho_t - 4) * (rho_t - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho_t))
                    new[i] = x[i] - (m[i] / bc1) * lr * (ar.sqrt(bc2) / (ar.sqrt(v[i]) + eps)) * rect
                else:
                    new[i] = x[i] - (m[i] / bc1) * lr
        elif method == "adamax":
            # Kingma & Ba (2015), Alg. 2, as torch/optim/adamax.py: u = max(b2 u, |g| + eps)
            lr, eps = L["lr"], L["eps"]
            b1, b2 = pairs["betas"]
            for i in range(n):
                m[i] = b1 * m[i] + (1 - b1) * g[i]
                vmax[i] = max(b2 * vmax[i], abs(g[i]) + eps)
                new[i] = x[i] - (lr / (1 - b1 ** t)) * m[i] / vmax[i]
        elif method == "asgd":
            # torch/optim/asgd.py: x <- x (1 - lambd eta_t) - eta_t g, eta_1 = lr,
            # eta_(t+1) = lr/(1 + lambd lr t)^alpha (the average it keeps is not printed)
            lr, lambd, alpha = L["lr"], L["lambd"], L["alpha"]
            eta = lr if t == 1 else lr / ar.power(1 + lambd * lr * (t - 1), alpha)
            new = [x[i] * (1 - lambd * eta) - eta * g[i] for i in range(n)]
        elif method == "nadam":
            # Dozat (2016), Algorithm 2, with PyTorch's schedule mu_t = beta1 (1 - 0.96^(t psi)/2):
            # g_hat = g/(1 - prod_{i<=t} mu_i), m_hat = m/(1 - prod_{i<=t+1} mu_i), n_hat = v/(1 - beta2^t),
            # m_bar = (1 - mu_t) g_hat + mu_(t+1) m_hat, x <- x - lr m_bar/(sqrt(n_hat) + eps)
            lr, eps, psi = L["lr"], L["eps"], L["momentum_decay"]
            b1, b2 = pairs["betas"]
            mu = lambda j: b1 * (1 - ar.power(ar.num(Fraction(96, 100)), j * psi) / 2)
            if t == 1:
                mu_prod = ar.num(1)
            mu_prod = mu_prod * mu(t)
            for i in range(n):
                m[i] = b1 * m[i] + (1 - b1) * g[i]
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i]
                denom = ar.sqrt(v[i] / (1 - b2 ** t)) + eps
                if denom == 0:
                    continue
                m_bar = (1 - mu(t)) * g[i] / (1 - mu_prod) + mu(t + 1) * m[i] / (1 - mu_prod * mu(t + 1))
                new[i] = x[i] - lr * m_bar / denom
        elif method == "rprop":
            em, ep = pairs["etas"]
            dmin, dmax = pairs["step_sizes"]
            var = P["variant"]
            fk = prob.f(x)
            if var.startswith("notes_"):
                for i in range(n):
                    if k == 0:
                        prevD[i] = g[i]
                        dw[i] = sign(g[i]) * dw[i]
                        new[i] = x[i] - dw[i]
                    elif sign(prevD[i]) == sign(g[i]):
                        if var == "notes_literal":
                            dw[i] = min(ep * dw[i], dmax)
                        elif var == "notes_magnitude":
                            dw[i] = sign(dw[i]) * min(ep * abs(dw[i]), dmax)
                        else:
                            dw[i] = ep * dw[i]
                        prevD[i] = g[i]
                        new[i] = x[i] - dw[i]
                    else:
                        stats["flips"] = stats.get("flips", 0) + 1
                        y = x[i] + dw[i]
                        if var == "notes_literal":
                            dw[i] = max(em * dw[i], dmin)
                        elif var == "notes_magnitude":
                            dw[i] = sign(dw[i]) * max(em * abs(dw[i]), dmin)
                        else:
                            dw[i] = em * dw[i]
                        new[i] = y - dw[i]
            else:
                for i in range(n):
                    p = sign(gprev[i] * g[i])
                    if p > 0:
                        D[i] = min(ep * D[i], dmax)
                        move = -sign(g[i]) * D[i]
                        gprev[i] = g[i]
                    elif p < 0:
                        stats["flips"] = stats.get("flips", 0) + 1
                        D[i] = max(em * D[i], dmin)
                        if var == "irprop_minus":
                            move, gprev[i] = Z, Z
                        elif var == "rprop_minus":
                            move, gprev[i] = -sign(g[i]) * D[i], g[i]
                        elif var == "rprop_plus":
                            move, gprev[i] = -last[i], Z
                        elif var == "irprop_plus":
                            rose = fprev is not None and fk > fprev
                            if rose:
                                stats["reverts"] = stats.get("reverts", 0) + 1
                            move, gprev[i] = (-last[i] if rose else Z), Z
                        else:
                            raise SystemExit(f"unknown rprop variant {var}")
                    else:
                        move = -sign(g[i]) * D[i]
                        gprev[i] = g[i]
                    new[i] = x[i] + move
                    last[i] = move
            fprev = fk
        elif method == "quickprop":
            eps, mu = L["lr"], L["max_growth"]
            for i in range(n):
                s, prev, sprev = g[i], qprev[i], qsprev[i]
                if prev == 0:
                    d = -eps * s
                elif conv == "notes":
                    d = -eps * s if s == sprev else -prev * s / (s - sprev)
                else:
                    dr = sign(prev)
                    if s == sprev and dr * s > 0:
                        d = -eps * s
                    elif dr * s < mu / (1 + mu) * dr * sprev:
                        stats["capped"] = stats.get("capped", 0) + 1
                        d = mu * prev
                    else:
                        if sprev == s:
                            raise SystemExit(f"quickprop (paper): the secant step is 0/0 at step {k}, coordinate {i + 1}")
                        stats["secant"] = stats.get("secant", 0) + 1
                        d = prev * s / (sprev - s)
                    if -s * dr > 0:
                        stats["+gradient term"] = stats.get("+gradient term", 0) + 1
                        d -= eps * s
                new[i] = x[i] + d
                qprev[i], qsprev[i] = d, s
        else:
            raise SystemExit(f"unknown method {method}")
        if diverged(new):
            break
        x = new
        rows.append(x)
    return rows


# ---------------------------------------------------------------- PyTorch, transcribed
def lerp(a, b, w):
    return a + w * (b - a) if abs(w) < 0.5 else b - (b - a) * (1 - w)


def torch_rprop(P, prob, x0, K, ar):
    """torch/optim/rprop.py, _single_tensor_rprop, literally (any arithmetic)."""
    em, ep = (ar.num(e) for e in P["etas"])
    smin, smax = (ar.num(e) for e in P["step_sizes"])
    n = prob.n
    param = [ar.num(v) for v in x0]
    prev = [ar.num(0)] * n
    step_size = [ar.num(P["lr"])] * n  # grad.new().resize_as_(grad).fill_(lr)
    rows = [list(param)]
    for _ in range(K):
        grad = prob.grad(param)
        sgn = [sign(gi * pi) for gi, pi in zip(grad, prev)]  # grad.mul(prev).sign()
        factor = [ep if s > 0 else em if s < 0 else ar.num(1) for s in sgn]
        step_size = [min(max(st * fa, smin), smax) for st, fa in zip(step_size, factor)]  # mul_, clamp_
        grad = [ar.num(0) if fa == em else gi for gi, fa in zip(grad, factor)]  # grad[sign.eq(etaminus)] = 0
        param = [p + (-1) * sign(gi) * st for p, gi, st in zip(param, grad, step_size)]  # addcmul_(value=-1)
        prev = list(grad)
        rows.append(list(param))
    return rows


def torch_float64(method, P, A, b, x0, K):
    """The PyTorch update in float64 for methods with --convention pytorch."""
    ar = Float64
    prob = Quadratic(A, b, 0, ar)
    n = prob.n
    fl = lambda key: float(P[key])
    if method == "rprop":
        return torch_rprop(P, prob, x0, K, ar)
    param = [float(v) for v in x0]
    rows = [list(param)]
    zeros = [0.0] * n
    step = 0
    if method == "adagrad":
        lr, lr_decay, wd, eps = fl("lr"), fl("lr_decay"), fl("weight_decay"), fl("eps")
        state_sum = [fl("initial_accumulator_value")] * n
    elif method == "rmsprop":
        lr, alpha, eps, wd, mom = fl("lr"), fl("alpha"), fl("eps"), fl("weight_decay"), fl("momentum")
        centered = P["centered"] == "yes"
        square_avg, grad_avg, buf = list(zeros), list(zeros), list(zeros)
    elif method == "adadelta":
        lr, rho, eps, wd = fl("lr"), fl("rho"), fl("eps"), fl("weight_decay")
        square_avg, acc_delta = list(zeros), list(zeros)
    else:
        lr, eps, wd = fl("lr"), fl("eps"), fl("weight_decay")
        beta1, beta2 = (float(e) for e in P["betas"])
        amsgrad, decoupled = method == "amsgrad", method == "adamw"
        exp_avg, exp_avg_sq, max_exp_avg_sq = list(zeros), list(zeros), list(zeros)
    for _ in range(K):
        grad = prob.grad(param)
        step += 1
        if method == "adagrad":
            if wd != 0:
                grad = [g + wd * p for g, p in zip(grad, param)]  # grad.add(param, alpha=wd)
            clr = lr / (1 + (step - 1) * lr_decay)
            state_sum = [s + 1 * g * g for s, g in zip(state_sum, grad)]  # addcmul_(grad, grad, value=1)
            std = [math.sqrt(s) + eps for s in state_sum]  # state_sum.sqrt().add_(eps)
            param = [p + (-clr) * g / s for p, g, s in zip(param, grad, std)]  # addcdiv_(grad, std, value=-clr)
        elif method == "rmsprop":
            if wd != 0:
                grad = [g + wd * p for g, p in zip(grad, param)]
            square_avg = [s * alpha + (1 - alpha) * g * g for s, g in zip(square_avg, grad)]  # mul_.addcmul_
            if centered:
                grad_avg = [lerp(a, g, 1 - alpha) for a, g in zip(grad_avg, grad)]  # lerp_(grad, 1 - alpha)
                avg = [math.sqrt(s + (-1) * a * a) for s, a in zip(square_avg, grad_avg)]  # addcmul(value=-1).sqrt_()
            else:
                avg = [math.sqrt(s) for s in square_avg]
            avg = [a + eps for a in avg]  # avg.add_(eps)
            if mom > 0:
                buf = [bf * mom + 1 * g / a for bf, g, a in zip(buf, grad, avg)]  # mul_(momentum).addcdiv_(grad, avg)
                param = [p + (-lr) * bf for p, bf in zip(param, buf)]  # add_(buf, alpha=-lr)
            else:
                param = [p + (-lr) * g / a for p, g, a in zip(param, grad, avg)]  # addcdiv_(grad, avg, value=-lr)
        elif method == "adadelta":
            if wd != 0:
                grad = [g + wd * p for g, p in zip(grad, param)]
            square_avg = [s * rho + (1 - rho) * g * g for s, g in zip(square_avg, grad)]
            std = [math.sqrt(s + eps) for s in square_avg]  # square_avg.add(eps).sqrt_()
            delta = [math.sqrt(a + eps) for a in acc_delta]  # acc_delta.add(eps).sqrt_()
            delta = [d / s * g for d, s, g in zip(delta, std, grad)]  # delta.div_(std).mul_(grad)
            acc_delta = [a * rho + (1 - rho) * d * d for a, d in zip(acc_delta, delta)]
            param = [p + (-lr) * d for p, d in zip(param, delta)]  # add_(delta, alpha=-lr)
        else:
            if decoupled:
                param = [p * (1 - lr * wd) for p in param]  # param.mul_(1 - lr * weight_decay)
            elif wd != 0:
                grad = [g + wd * p for g, p in zip(grad, param)]
            exp_avg = [lerp(a, g, 1 - beta1) for a, g in zip(exp_avg, grad)]  # lerp_(grad, 1 - beta1)
            exp_avg_sq = [s * beta2 + (1 - beta2) * g * g for s, g in zip(exp_avg_sq, grad)]
            bias_correction1 = 1 - beta1 ** float(step)
            bias_correction2 = 1 - beta2 ** float(step)
            step_size = lr / bias_correction1
            bias_correction2_sqrt = math.sqrt(bias_correction2)
            if amsgrad:
                max_exp_avg_sq = [max(a, s) for a, s in zip(max_exp_avg_sq, exp_avg_sq)]  # torch.maximum
                denom = [math.sqrt(a) / bias_correction2_sqrt + eps for a in max_exp_avg_sq]
            else:
                denom = [math.sqrt(s) / bias_correction2_sqrt + eps for s in exp_avg_sq]
            param = [p + (-step_size) * a / d for p, a, d in zip(param, exp_avg, denom)]  # addcdiv_
        rows.append(list(param))
    return rows


# ---------------------------------------------------------------- running descent
def run_descent(exe, argv, fmt):
    cmd = [exe, "trace"] + argv + ["--format", fmt]
    r = subprocess.run(cmd, capture_output=True, text=True)
    return cmd, r


def parse_csv(text):
    rows = [line.split(",") for line in text.splitlines()]
    return rows[0] if rows else [], rows[1:]


SIG = re.compile(r"^-?([0-9])\.([0-9]*)e[+-][0-9]+$")


def fmt_params(P):
    def one(v):
        if isinstance(v, tuple):
            return ",".join(fmt_fraction(e) for e in v)
        return fmt_fraction(v) if isinstance(v, Fraction) else str(v)
    return "{" + ", ".join(f"{k} {one(v)}" for k, v in P.items()) + "}"


def short(text, n=70):
    """A printed value, shortened for a message (exact rationals can be huge)."""
    text = str(text)
    return text if len(text) <= n else f"{text[:n // 2]}...{text[-n // 2:]} ({len(text)} chars)"


def fmt_fraction(q):
    return str(q.numerator) if q.denominator == 1 else f"{q.numerator}/{q.denominator}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--descent", required=True)
    ap.add_argument("--problem", required=True)
    ap.add_argument("--method", required=True, choices=sorted(METHOD_FLAGS))
    ap.add_argument("--steps", required=True, type=int)
    ap.add_argument("--digits", type=int)
    ap.add_argument("--exact", action="store_true")
    ap.add_argument("--oracle", default="formulas", choices=["formulas", "pytorch-float64"])
    ap.add_argument("--formats", default="csv,json", help="formats of descent to check (diagnosis; tests use both)")
    for f in ALL_FLAGS:
        ap.add_argument("--" + f.replace("_", "-"), dest=f)
    ap.add_argument("--reference-convention")
    ap.add_argument("--reference-variant")
    ap.add_argument("--reference-order")
    a = ap.parse_args()

    def usage(msg):
        print("usage error: " + msg, file=sys.stderr)
        sys.exit(2)

    if a.exact == (a.digits is not None):
        usage("give exactly one of --digits D and --exact")
    given = {f: getattr(a, f) for f in ALL_FLAGS if getattr(a, f) is not None}
    for f in given:
        if f not in METHOD_FLAGS[a.method]:
            usage(f"--{f.replace('_', '-')} is not a flag of {a.method}")
    defaults = registry_defaults(a.descent, a.method)
    P = resolve(a.method, given, defaults)
    negative = any(v is not None for v in (a.reference_convention, a.reference_variant, a.reference_order))
    Pref = P
    if negative:
        g2 = dict(given)
        if a.reference_convention is not None:
            g2["convention"] = a.reference_convention
        if a.reference_variant is not None:
            g2["variant"] = a.reference_variant
        if a.reference_order is not None:
            g2["order"] = a.reference_order
        Pref = resolve(a.method, g2, defaults)
    if a.oracle == "pytorch-float64":
        if a.digits is None or a.digits < 17:
            usage("--oracle pytorch-float64 needs --digits D with D >= 17")
        if a.method not in ("adagrad", "rmsprop", "adadelta", "adam", "adamw", "amsgrad", "rprop") \
                or P["convention"] != "pytorch":
            usage("--oracle pytorch-float64 is for adagrad, rmsprop, adadelta, adam, adamw, amsgrad, rprop "
                  "with --convention pytorch")
        if a.method == "rprop" and P["variant"] != "irprop_minus":
            usage("torch.optim.Rprop is irprop_minus")
        if a.method == "adadelta" and (P["eps_delta"] != P["eps"] or P["order"] != "update_first"):
            usage("torch.optim.Adadelta has one eps and updates first")
        if a.method == "adam" and (P["bias_correction"] != "yes" or P["eps_hat"] != "no"):
            usage("torch.optim.Adam corrects the bias, eps outside")

    A, b, c, x0 = load_problem(a.problem)
    if A is None and a.oracle == "pytorch-float64":
        usage("--oracle pytorch-float64 transcribes torch on a quadratic only")
    K = a.steps
    ar = Exact if a.exact else High(max(100, 2 * a.digits + 40))
    make_problem = (lambda arith: ExpressionProblem(a.problem, arith)) if A is None else \
        (lambda arith: Quadratic(A, b, c, arith))
    prob = make_problem(ar)
    stats = {}
    ref = reference(a.method, Pref, prob, x0, K, ar, stats)
    extra = ""
    tie_note = None
    ref_name = ar.name
    if a.method == "rprop" and not a.exact:
        # Rprop is rational: the true trajectory is the exact one. Its branches compare
        # g with 0 and f(x_k) with f(x_{k-1}); at an exact tie a floating-point run (the
        # mpmath one above, or descent's) is decided by rounding and may leave the true
        # trajectory. So the reference is the exact run, and a departure of the mpmath
        # run from it is reported as the likely cause of a disagreement.
        exact_prob = make_problem(Exact)
        stats.clear()  # count the branches of the exact run
        exact_ref = reference(a.method, Pref, exact_prob, x0, K, Exact, stats)
        lifted = [[ar.num(v) for v in x] for x in exact_ref]
        tol = mpmath.mpf(10) ** (-a.digits - 5)
        for k, (xm, xe) in enumerate(zip(ref, lifted)):
            if any(abs(p - q) > tol * max(1, abs(q)) for p, q in zip(xm, xe)):
                tie_note = (f"note: the {ar.name} run of the formulas leaves the exact trajectory at row {k}: "
                            f"an exact tie (g_i = 0 or f(x_k) = f(x_(k-1))) decided by rounding; "
                            f"the reference is the exact run")
                break
        if len(ref) != len(lifted) and tie_note is None:
            tie_note = "note: the floating-point and exact runs of the formulas differ in length"
        ref = lifted
        ref_name = f"exact fractions (rprop is rational; the {ar.name} run " + \
            ("departs from it)" if tie_note else "agrees)")
    if not negative and a.method == "rprop" and P["variant"] == "irprop_minus":
        # the literal torch transcription, in exact arithmetic, must give the same iterates
        exact_prob = make_problem(Exact)
        tr = torch_rprop(P, exact_prob, x0, K, Exact)
        ih = reference(a.method, P, exact_prob, x0, K, Exact, {})
        bad = [k for k in range(min(len(tr), len(ih))) if tr[k] != ih[k]]
        if bad:
            print(f"FAIL: the torch.optim.Rprop transcription and the irprop_minus formulas differ from row {bad[0]}")
            sys.exit(1)
        extra += "; the torch.optim.Rprop transcription gives the same iterates"

    argv = ["--problem", a.problem, "--method", a.method, "--steps", str(K)]
    argv += ["--exact"] if a.exact else ["--digits", str(a.digits)]
    for f in ALL_FLAGS:
        if getattr(a, f) is not None:
            argv += ["--" + f.replace("_", "-"), getattr(a, f)]

    problems = []  # descent malfunctions (always failures)
    disagreements = []  # value disagreements with the reference
    formats = [s for s in a.formats.split(",") if s]
    texts = {}
    for fmt in formats:
        cmd, r = run_descent(a.descent, argv, fmt)
        if r.returncode != 0:
            problems.append(f"`{' '.join(cmd)}` exited {r.returncode}: {r.stderr.strip()[:300]}")
            continue
        if fmt == "csv":
            header, rows = parse_csv(r.stdout)
            want = ["step", "f", "grad_norm2"] + [f"x{i + 1}" for i in range(prob.n)]
            if header != want:
                problems.append(f"csv header {','.join(header)} != {','.join(want)}")
                continue
            texts["csv"] = [row for row in rows]
        else:
            try:
                doc = json.loads(r.stdout)
                texts["json"] = [[str(row["step"]), row["f"], row["grad_norm2"]] + list(row["x"]) for row in doc["rows"]]
                want_status = "max_steps" if len(ref) == K + 1 else "diverged"
                if doc.get("status") != want_status:
                    problems.append(f"json status {doc.get('status')!r}, expected {want_status!r} "
                                    f"(the reference has {len(ref) - 1} of {K} steps)")
            except (ValueError, KeyError, TypeError) as e:
                problems.append(f"json output unreadable: {e}")
    if "csv" in texts and "json" in texts and texts["csv"] != texts["json"]:
        for k, (rc, rj) in enumerate(zip(texts["csv"], texts["json"])):
            if rc != rj:
                problems.append(f"row {k}: csv {short(rc, 200)} != json {short(rj, 200)}")
                break
        else:
            problems.append(f"csv has {len(texts['csv'])} rows, json {len(texts['json'])}")
    rows = texts.get("csv") or texts.get("json")
    torch_note = ""
    if rows is not None:
        if len(rows) != len(ref):
            disagreements.append(f"descent printed {len(rows)} rows, the reference has {len(ref)}")
        prev_x = None
        for k, (row, x) in enumerate(zip(rows, ref)):
            if len(row) != 3 + prob.n or row[0] != str(k):
                problems.append(f"row {k} malformed: {short(row, 200)}")
                break
            fx, g = prob.f(x), prob.grad(x)
            gn2 = sum(gi * gi for gi in g)
            vals = [("f", fx, prob.f_scale(x)), ("grad_norm2", gn2, prob.g_scale(x))]
            xs = max(abs(v) for v in x + (prev_x or x))
            vals += [(f"x{i + 1}", x[i], xs) for i in range(prob.n)]
            for (name, value, scale), text in zip(vals, row[1:]):
                if a.exact:
                    want = fmt_fraction(value)
                    if text != want:
                        disagreements.append(f"row {k} {name}: descent {short(text)}, exact {short(want)}")
                    continue
                mt = SIG.match(text)
                if text != "0" and (not mt or 1 + len(mt.group(2)) != a.digits):
                    problems.append(f"row {k} {name}: {short(text)!r} does not have {a.digits} significant digits")
                    continue
                printed = mpmath.mpf(text)
                tol = mpmath.mpf(10) ** (1 - a.digits) * max(abs(value), mpmath.mpf(10) ** -10 * scale)
                if abs(printed - value) > tol:
                    disagreements.append(f"row {k} {name}: descent {short(text)}, reference {mpmath.nstr(value, a.digits + 3)}"
                                         f" (|diff| {mpmath.nstr(abs(printed - value), 3)} > tol {mpmath.nstr(tol, 3)})")
            prev_x = x
        if a.oracle == "pytorch-float64" and not negative:
            tr = torch_float64(a.method, P, A, b, x0, K)
            tolf = 64 * 2.0 ** -52 * (K + 1)
            worst = 0.0
            for k, (row, x) in enumerate(zip(rows, tr)):
                scale = max([1.0] + [abs(v) for v in x])
                for i in range(prob.n):
                    d = abs(float(Fraction(row[3 + i])) - x[i]) if a.exact else abs(float(mpmath.mpf(row[3 + i]) - mpmath.mpf(x[i])))
                    worst = max(worst, d / scale)
                    if d > tolf * scale:
                        disagreements.append(f"row {k} x{i + 1}: descent {row[3 + i]}, torch float64 {x[i]!r}"
                                             f" (|diff| {d:.3g} > {tolf * scale:.3g})")
            if len(tr) != len(rows):
                disagreements.append(f"torch float64 has {len(tr)} rows, descent {len(rows)}")
            torch_note = (f"; the float64 PyTorch transcription agrees to {worst:.2g} relative"
                          f" (tolerance 64 2^-52 (K+1) = {tolf:.2g})")
    info = ", ".join(f"{k} {v}" for k, v in sorted(stats.items()))
    shown = ["convention", "variant"] + [w for w in sorted(WORDS) if w in given]
    shown += ["order"] if a.reference_order is not None else []
    what = (f"{a.method} ({', '.join(f'{k} {Pref[k]}' for k in dict.fromkeys(shown) if k in Pref)})"
            f" on {a.problem.split('/')[-1]}, {len(ref) - 1} steps, "
            + ("--exact" if a.exact else f"--digits {a.digits}") + f", reference in {ref_name}")
    lines = []
    if negative:
        if problems or rows is None:
            lines = ["FAIL: descent did not run cleanly, so the negative control proves nothing:"] + problems
        elif not disagreements:
            lines = [f"FAIL: the negative control agrees: descent's {a.method} run with {fmt_params(P)} matches the "
                     f"reference recomputed with {fmt_params(Pref)} (the oracle cannot tell them apart)"]
        else:
            print(f"OK: negative control: {what}: {len(disagreements)} disagreement(s) as required, first: {disagreements[0]}")
            return 0
    else:
        if not problems and not disagreements:
            print(f"OK: {what}: every value of {'/'.join(formats)} agrees"
                  + (f" ({info})" if info else "") + extra + torch_note)
            return 0
        lines = problems + disagreements
        if tie_note and disagreements:
            lines = [tie_note] + lines
        lines = [f"FAIL: {what}: {len(problems)} malfunction(s), {len(disagreements)} disagreement(s)"] + lines
    for line in lines[:MAX_LINES]:
        print(line)
    if len(lines) > MAX_LINES:
        print(f"... and {len(lines) - MAX_LINES} more")
    return 1


if __name__ == "__main__":
    sys.exit(main())
