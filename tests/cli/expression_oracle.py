"""An independent reading of `expression` problem files (kind "expression"), for the test oracles.

The formula is parsed by Python's own `ast` module (after `^` -> `**`), each number read from its
source text into a Fraction (`1.5` is 3/2), and evaluated in the reference arithmetic R of the
oracle (Fractions, or mpmath at high precision). Derivatives come from dual numbers written here
(nested for the Hessian), not from the C++ library's automatic differentiation; the magnitude of
the terms (for the tolerance of a value that cancels) from an evaluation that adds the magnitudes
of every sum's terms.

    load(path, R) -> (f, grad, hess, f_scale, g_scale, x0, x_prev, irrational)
"""
import ast
import csv
import json
import os
from fractions import Fraction

FUNCTIONS = ("exp", "log", "sqrt", "sin", "cos", "tanh", "sigmoid", "softplus", "relu", "abs")
RATIONAL_FUNCTIONS = ("relu", "abs")


class Dual:
    """a + b eps, eps^2 = 0; a and b may themselves be Duals (Hessians) or Mags (scales)."""

    def __init__(self, v, d):
        self.v, self.d = v, d

    def _lift(self, o):
        return o if isinstance(o, Dual) else Dual(o, 0 * o)

    def __add__(self, o):
        o = self._lift(o)
        return Dual(self.v + o.v, self.d + o.d)

    __radd__ = __add__

    def __sub__(self, o):
        o = self._lift(o)
        return Dual(self.v - o.v, self.d - o.d)

    def __rsub__(self, o):
        return self._lift(o) - self

    def __mul__(self, o):
        o = self._lift(o)
        return Dual(self.v * o.v, self.d * o.v + self.v * o.d)

    __rmul__ = __mul__

    def __truediv__(self, o):
        o = self._lift(o)
        q = self.v / o.v
        return Dual(q, (self.d - q * o.d) / o.v)

    def __rtruediv__(self, o):
        return self._lift(o) / self

    def __neg__(self):
        return Dual(-self.v, -self.d)


class Mag:
    """A value with a bound on the magnitude of the terms that formed it (a sum adds them)."""

    def __init__(self, v, m):
        self.v, self.m = v, m

    def _lift(self, o):
        return o if isinstance(o, Mag) else Mag(o, abs(o))

    def __add__(self, o):
        if isinstance(o, Dual):
            return NotImplemented
        o = self._lift(o)
        return Mag(self.v + o.v, self.m + o.m)

    __radd__ = __add__

    def __sub__(self, o):
        if isinstance(o, Dual):
            return NotImplemented
        o = self._lift(o)
        return Mag(self.v - o.v, self.m + o.m)

    def __rsub__(self, o):
        return self._lift(o) - self

    def __mul__(self, o):
        if isinstance(o, Dual):
            return NotImplemented
        o = self._lift(o)
        return Mag(self.v * o.v, self.m * o.m)

    __rmul__ = __mul__

    def __truediv__(self, o):
        if isinstance(o, Dual):
            return NotImplemented
        o = self._lift(o)
        return Mag(self.v / o.v, self.m / abs(o.v))

    def __rtruediv__(self, o):
        return self._lift(o) / self

    def __neg__(self):
        return Mag(-self.v, self.m)


def primal(x):
    while isinstance(x, (Dual, Mag)):
        x = x.v
    return x


class Functions:
    """The elementary functions on R's numbers, Duals and Mags."""

    def __init__(self, R):
        self.R = R
        self.mp = getattr(R, "mpmath", None)

    def plain(self, name, x):
        if name == "relu":
            return x if x > 0 else 0 * x
        if name == "abs":
            return abs(x)
        if self.mp is None:
            raise SystemExit(f"the exact reference cannot take {name}()")
        mp = self.mp
        if name == "sigmoid":
            return 1 / (1 + mp.exp(-x))
        if name == "softplus":
            return mp.log1p(mp.exp(x)) if x <= 0 else x + mp.log1p(mp.exp(-x))
        return getattr(mp, name)(x)

    def derivative(self, name, x):
        """f'(x), x any of the types."""
        if name == "exp":
            return self.call("exp", x)
        if name == "log":
            return 1 / x
        if name == "sqrt":
            return 1 / (2 * self.call("sqrt", x))
        if name == "sin":
            return self.call("cos", x)
        if name == "cos":
            return -self.call("sin", x)
        if name == "tanh":
            t = self.call("tanh", x)
            return 1 - t * t
        if name == "sigmoid":
            s = self.call("sigmoid", x)
            return s * (1 - s)
        if name == "softplus":
            return self.call("sigmoid", x)
        p = primal(x)
        if name == "relu":
            return 1 if p > 0 else 0
        if name == "abs":
            return 1 if p > 0 else (-1 if p < 0 else 0)
        raise SystemExit(f"unknown function {name}")

    def call(self, name, x):
        if isinstance(x, Dual):
            return Dual(self.call(name, x.v), self.derivative(name, x.v) * x.d)
        if isinstance(x, Mag):
            v = self.call(name, x.v)
            return Mag(v, abs(v))
        return self.plain(name, x)

    def power(self, a, b):
        """a^b: an exact integer power when b is an integer constant, else exp(b log a)."""
        if isinstance(b, int):
            if b >= 0:
                r = 1
                for _ in range(b):
                    r = a * r
                return r if b > 0 else (a * 0 + 1)
            return 1 / self.power(a, -b)
        return self.call("exp", b * self.call("log", a))


ARITHMETIC = {ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b, ast.Mult: lambda a, b: a * b,
              ast.Div: lambda a, b: a / b}


def constant_value(node, src):
    """The exact value of a constant subexpression (numbers, + - * / and integer powers), or None."""
    if isinstance(node, ast.Constant):
        return Fraction(ast.get_source_segment(src, node))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        v = constant_value(node.operand, src)
        return None if v is None else (-v if isinstance(node.op, ast.USub) else v)
    if isinstance(node, ast.BinOp):
        a, b = constant_value(node.left, src), constant_value(node.right, src)
        if a is None or b is None:
            return None
        if isinstance(node.op, ast.Pow):
            return a ** int(b) if b.denominator == 1 else None
        return ARITHMETIC[type(node.op)](a, b)
    return None


class Formula:
    def __init__(self, text):
        self.src = text.replace("^", "**")
        self.tree = ast.parse(self.src, mode="eval").body
        self.irrational = self._irrational(self.tree)

    def _irrational(self, node):
        if isinstance(node, ast.Call):
            return node.func.id not in RATIONAL_FUNCTIONS or self._irrational(node.args[0])
        if isinstance(node, ast.Name):
            return node.id in ("pi", "e")
        if isinstance(node, ast.BinOp):
            if isinstance(node.op, ast.Pow):
                c = constant_value(node.right, self.src)
                if c is None or c.denominator != 1:
                    return True
                return self._irrational(node.left)
            return self._irrational(node.left) or self._irrational(node.right)
        if isinstance(node, ast.UnaryOp):
            return self._irrational(node.operand)
        return False

    def evaluate(self, env, F, R):
        def ev(node):
            if isinstance(node, ast.Constant):
                return R.lift(Fraction(ast.get_source_segment(self.src, node)))
            if isinstance(node, ast.Name):
                if node.id in env:
                    return env[node.id]
                if node.id == "pi":
                    return F.mp.pi
                if node.id == "e":
                    return F.mp.e
                raise SystemExit(f"unknown name {node.id}")
            if isinstance(node, ast.UnaryOp):
                v = ev(node.operand)
                return -v if isinstance(node.op, ast.USub) else v
            if isinstance(node, ast.Call):
                return F.call(node.func.id, ev(node.args[0]))
            if isinstance(node, ast.BinOp):
                if isinstance(node.op, ast.Pow):
                    c = constant_value(node.right, self.src)
                    base = ev(node.left)
                    if c is not None and c.denominator == 1:
                        return F.power(base, int(c))
                    return F.power(base, ev(node.right))
                return ARITHMETIC[type(node.op)](ev(node.left), ev(node.right))
            raise SystemExit(f"unsupported syntax: {ast.dump(node)}")

        return ev(self.tree)


def load(path, doc, R, num):
    """f, grad, hess, f_scale, g_scale and whether the formula is irrational, for `doc` (kind expression)."""
    names = doc["vars"]
    n = len(names)
    F = Functions(R)
    if "f" in doc:
        formula = Formula(doc["f"])
        rows, mean = [{}], False
    else:
        formula = Formula(doc["example"])
        mean = doc.get("reduce", "mean") == "mean"
        data = doc["data"]
        if isinstance(data, str):
            with open(os.path.join(os.path.dirname(path), data), newline="") as fh:
                table = list(csv.reader(fh))
            header = [h.strip() for h in table[0]]
            rows = [{header[j]: num(r[j].strip(), f"data {header[j]}") for j in range(len(header))}
                    for r in table[1:] if any(c.strip() for c in r)]
        else:
            cols = list(data)
            rows = [{c: num(data[c][i], f"data.{c}") for c in cols} for i in range(len(data[cols[0]]))]

    def total(x, wrap):
        acc = None
        for row in rows:
            env = {k: wrap(v) for k, v in row.items()}
            env.update({names[i]: x[i] for i in range(n)})
            v = formula.evaluate(env, F, R)
            acc = v if acc is None else acc + v
        return acc / len(rows) if mean and len(rows) > 1 else acc

    def f(x):
        return total(x, lambda v: v)

    def grad(x):
        out = []
        for j in range(n):
            xs = [Dual(x[i], R.lift(Fraction(1 if i == j else 0))) for i in range(n)]
            out.append(total(xs, lambda v: v).d)
        return out

    def hess(x):
        zero, one = R.lift(Fraction(0)), R.lift(Fraction(1))
        H = [[zero] * n for _ in range(n)]
        for j in range(n):
            for k in range(j, n):
                xs = [Dual(Dual(x[i], one if i == j else zero), Dual(one if i == k else zero, zero)) for i in range(n)]
                H[j][k] = H[k][j] = total(xs, lambda v: v).d.d
        return H

    def f_scale(x):
        return total([Mag(e, abs(e)) for e in x], lambda v: Mag(v, abs(v))).m

    def g_scale(x):
        out = []
        for j in range(n):
            xs = [Dual(Mag(x[i], abs(x[i])), Mag(R.lift(Fraction(1 if i == j else 0)), R.lift(Fraction(1 if i == j else 0))))
                  for i in range(n)]
            out.append(total(xs, lambda v: Mag(v, abs(v))).d.m)
        return out

    return f, grad, hess, f_scale, g_scale, formula.irrational


def irrational(path):
    """True when the expression file's formula needs an irrational operation (exp, pi, a^1.5, ...)."""
    with open(path) as fh:
        doc = json.load(fh, parse_float=str, parse_int=str)
    return doc.get("kind") == "expression" and Formula(doc.get("f") or doc.get("example")).irrational
