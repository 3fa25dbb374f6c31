"""Independent gradients of a `kind: mlp` problem file, for the tests of `descent grad`.

Written from the definition in problems/mlp.hpp (seed 002's z_k = W_k y_{k-1} + b_k, y_k = f(z_k),
Loss = (1/K) sum_t Div(y_N, d_t)), not from descent's code, three ways:

  torch64   what torch.autograd computes in float64 for the same network: nn.Linear layers
            (z = y W^T + b, W of shape (n_k, n_{k-1}) filled row by row from theta, then b),
            torch.sigmoid / torch.tanh / torch.relu (relu'(0) = 0), and the divergence summed over the
            outputs and averaged over the examples (MSELoss / BCELoss with reduction='sum' per example,
            then the mean). PyTorch is not installable here, so its reverse pass is transcribed: a
            tape of scalar operations, each with the local derivative torch uses (sigmoid'
            = s (1 - s), tanh' = 1 - t^2, d/dy of -log y = -1/y), swept backwards in float64.
  fd60      central differences of the loss in mpmath at 90 digits with h = 1e-30: truncation
            h^2 |f'''|/6 ~ 1e-60, rounding 1e-90/1e-30 = 1e-60.
  exact     (square/identity networks with l2) an 11-point central stencil in Fractions, exact for
            polynomials of degree <= 10 in each weight.

usage: mlp_oracle.py DESCENT PROBLEM torch64|fd60|exact
Runs `DESCENT grad --problem PROBLEM --json` (--digits 60, --exact) and compares.
"""
import json
import subprocess
import sys
from fractions import Fraction

import mpmath


def load(path):
    doc = json.load(open(path))
    sizes = [int(s) for s in doc["layers"]]
    return (sizes, doc.get("activation", "sigmoid"), doc.get("output", "identity"), doc.get("divergence", "l2"),
            doc.get("bias", True), doc["X"], doc["D"], doc["x0"])


def loss(problem, theta, num, funcs):
    """The mean divergence with numbers made by num(text) and activations funcs[name](z)."""
    sizes, hidden, output, div, bias, X, D, _ = problem
    total = num("0")
    for x, d in zip(X, D):
        y = [num(str(v)) for v in x]
        off = 0
        for k in range(1, len(sizes)):
            n_out, n_in = sizes[k], sizes[k - 1]
            W = [[theta[off + i * n_in + j] for j in range(n_in)] for i in range(n_out)]
            off += n_out * n_in
            b = theta[off:off + n_out] if bias else [num("0")] * n_out
            if bias:
                off += n_out
            act = output if k == len(sizes) - 1 else hidden
            y = [funcs[act](sum((W[i][j] * y[j] for j in range(n_in)), num("0")) + b[i]) for i in range(n_out)]
        for yi, di in zip(y, d):
            label = Fraction(str(di))
            if div == "l2":
                total += (yi - num(str(di))) ** 2
            else:
                total += -funcs["log"](yi) if label == 1 else -funcs["log"](1 - yi)
    return total / len(X)


class Node:
    """A float64 value on the tape with its parents and the local derivatives torch uses."""

    def __init__(self, value, parents=()):
        self.value, self.parents, self.grad = value, parents, 0.0

    def __add__(self, o):
        o = o if isinstance(o, Node) else Node(float(o))
        return Node(self.value + o.value, ((self, 1.0), (o, 1.0)))

    __radd__ = __add__

    def __sub__(self, o):
        o = o if isinstance(o, Node) else Node(float(o))
        return Node(self.value - o.value, ((self, 1.0), (o, -1.0)))

    def __rsub__(self, o):
        return Node(float(o)) - self

    def __mul__(self, o):
        o = o if isinstance(o, Node) else Node(float(o))
        return Node(self.value * o.value, ((self, o.value), (o, self.value)))

    __rmul__ = __mul__

    def __neg__(self):
        return Node(-self.value, ((self, -1.0),))

    def __truediv__(self, o):
        return Node(self.value / float(o), ((self, 1.0 / float(o)),))

    def __pow__(self, p):
        return Node(self.value ** p, ((self, p * self.value ** (p - 1)),))


def torch_funcs():
    import math

    def sigmoid(z):
        s = 1.0 / (1.0 + math.exp(-z.value))
        return Node(s, ((z, s * (1.0 - s)),))

    def tanh(z):
        t = math.tanh(z.value)
        return Node(t, ((z, 1.0 - t * t),))

    def relu(z):
        return Node(max(z.value, 0.0), ((z, 1.0 if z.value > 0 else 0.0),))

    def log(y):
        return Node(math.log(y.value), ((y, 1.0 / y.value),))

    return {"identity": lambda z: z, "square": lambda z: z * z, "sigmoid": sigmoid, "tanh": tanh, "relu": relu, "log": log}


def backward(out):
    order, seen = [], set()

    def visit(n):
        if id(n) in seen:
            return
        seen.add(id(n))
        for p, _ in n.parents:
            visit(p)
        order.append(n)

    visit(out)
    out.grad = 1.0
    for n in reversed(order):
        for p, local in n.parents:
            p.grad += local * n.grad


def torch64(problem):
    theta = [Node(float(Fraction(str(v)))) for v in problem[7]]
    out = loss(problem, theta, lambda t: Node(float(Fraction(t))), torch_funcs())
    backward(out)
    return [t.grad for t in theta]


def fd60(problem):
    mpmath.mp.dps = 90
    funcs = {"identity": lambda z: z, "square": lambda z: z * z, "sigmoid": lambda z: 1 / (1 + mpmath.exp(-z)),
             "tanh": mpmath.tanh, "relu": lambda z: z if z > 0 else mpmath.mpf(0), "log": mpmath.log}
    num = lambda t: mpmath.mpf(Fraction(t).numerator) / Fraction(t).denominator
    theta = [num(str(v)) for v in problem[7]]
    h = mpmath.mpf(10) ** -30
    g = []
    for j in range(len(theta)):
        up, down = list(theta), list(theta)
        up[j] += h
        down[j] -= h
        g.append((loss(problem, up, num, funcs) - loss(problem, down, num, funcs)) / (2 * h))
    return g


def exact(problem):
    funcs = {"identity": lambda z: z, "square": lambda z: z * z}
    theta = [Fraction(str(v)) for v in problem[7]]
    m, h, g = 5, Fraction(1, 3), []
    fact = lambda n: 1 if n < 2 else n * fact(n - 1)
    for j in range(len(theta)):
        s = Fraction(0)
        for k in range(1, m + 1):
            c = Fraction((-1) ** (k + 1) * fact(m) ** 2, k * fact(m - k) * fact(m + k))
            up, down = list(theta), list(theta)
            up[j] += k * h
            down[j] -= k * h
            s += c * (loss(problem, up, Fraction, funcs) - loss(problem, down, Fraction, funcs)) / h
        g.append(s)
    return g


def main():
    exe, path, mode = sys.argv[1:4]
    problem = load(path)
    flags = {"torch64": [], "fd60": ["--digits", "60"], "exact": ["--exact"]}[mode]
    out = json.loads(subprocess.run([exe, "grad", "--problem", path, "--json"] + flags, capture_output=True, text=True,
                                    check=True).stdout)
    if mode == "exact":
        expected = exact(problem)
        for src in ("hand_written", "reverse", "forward"):
            got = [Fraction(v) for v in out["gradient"][src]]
            assert got == expected, (src, got, expected)
        print("exact: hand-written, reverse and forward equal the exact stencil in", len(expected), "coordinates")
        return
    if mode == "torch64":
        expected = torch64(problem)
        scale = max(1.0, max(abs(v) for v in expected))
        tol = 16 * 2.0 ** -52 * scale  # the same sums in another order: a few roundings of the largest term
        for src in ("hand_written", "reverse", "forward"):
            got = [float(v) for v in out["gradient"][src]]
            worst = max(abs(a - b) for a, b in zip(got, expected))
            assert worst <= tol, (src, worst, tol)
        print("torch64: all three within", tol, "of the float64 autograd transcription")
        return
    expected = fd60(problem)
    mpmath.mp.dps = 90
    for src in ("hand_written", "reverse", "forward"):
        got = [mpmath.mpf(v) for v in out["gradient"][src]]
        worst = max(abs(a - b) for a, b in zip(got, expected))
        # 60 printed digits of values below 1 (5e-61) plus the difference quotient's error (~1e-60)
        assert worst <= mpmath.mpf(10) ** -58, (src, worst)
    print("fd60: all three within 1e-58 of 90-digit central differences")


main()
