#!/usr/bin/python3
"""`descent trace` against real torch.optim (PyTorch 1.13, float64, CPU), not a transcription.

Run by /usr/bin/python3 with Debian's python3-torch (scripts/setup.sh test installs it). For every
optimizer descent has in PyTorch's form, over random hyper-parameters inside torch's documented
ranges and random problems — SPD quadratics, logistic regression, formulas of kind expression, small
sigmoid/tanh networks of kind mlp (l2 or cross-entropy from the logit) — the
same run is made twice:

  torch    x = torch.tensor(x0, float64, requires_grad=True); each step f(x).backward(), opt.step();
           f written in torch (for an expression, the formula read by Python's ast and evaluated with
           torch's functions), gradients by torch.autograd;
  descent  descent trace --method M --convention pytorch ... --format json, in double and at --digits 30.

Every number is a float64 handed to descent as its exact fraction p/q, so both start from the same
values. Row k agrees when max_i |x_descent - x_torch| <= 1e-12 (u k + 1) max(1, max_i |x_torch|) and
|f_descent - f_torch| <= 1e-12 (u k + 1) max(1, |f_torch(k)|, |f_torch(0)|), u the updates a row stands for:
1, or max_iter for torch.optim.LBFGS (one row per optimizer.step(closure) of up to max_iter iterations).
The schedules StepLR, MultiStepLR, ExponentialLR and CosineAnnealingLR are stepped after every optimizer
step, ReduceLROnPlateau with f(x_k) before it.

Negative controls, which must disagree: torch with the learning rate changed by one part in 10^6; each
scheduled run without its schedule and with the schedule stepped one step early;
and torch's AdamW against descent's Adam with weight decay (decoupled vs L2).

Usage: torch_oracle.py --descent PATH [--seed S] [--cases-per-method N] [-v]
Exit 0 when every case agrees and every control disagrees; 1 otherwise.
"""
import argparse
import ast
import json
import math
import os
import random
import subprocess
import sys
import tempfile
import warnings
from fractions import Fraction

try:
    import torch
except ImportError:
    print("FAIL: PyTorch is not importable by " + sys.executable +
          " (install Debian's python3-torch: scripts/setup.sh test does)")
    sys.exit(1)

torch.set_default_dtype(torch.float64)
warnings.filterwarnings("ignore")  # torch's warning on a scheduler stepped before the optimizer (a control below)
failures = []
VERBOSE = False


def fail(message):
    failures.append(message)
    print("FAIL: " + message)


def exact(v):
    """A float64 as the exact fraction descent reads."""
    q = Fraction(v)
    return f"{q.numerator}/{q.denominator}" if q.denominator != 1 else str(q.numerator)


# ---- problems: a JSON file for descent and f(x) for torch

def quadratic(rng):
    n = rng.randint(2, 5)
    M = [[rng.uniform(-1, 1) for _ in range(n)] for _ in range(n)]
    A = [[sum(M[i][k] * M[j][k] for k in range(n)) + (0.5 if i == j else 0.0) for j in range(n)] for i in range(n)]
    A = [[A[i][j] if i <= j else A[j][i] for j in range(n)] for i in range(n)]  # exactly symmetric
    b = [rng.uniform(-2, 2) for _ in range(n)]
    c = rng.uniform(-1, 1)
    x0 = [rng.uniform(-2, 2) for _ in range(n)]
    doc = {"kind": "quadratic", "A": [[exact(v) for v in r] for r in A], "b": [exact(v) for v in b], "c": exact(c),
           "x0": [exact(v) for v in x0]}
    At, bt = torch.tensor(A), torch.tensor(b)
    return doc, x0, lambda x: 0.5 * x @ (At @ x) - bt @ x + c


def logistic(rng):
    m, n = rng.randint(5, 12), rng.randint(2, 4)
    X = [[rng.uniform(-2, 2) for _ in range(n)] for _ in range(m)]
    y = [rng.randint(0, 1) for _ in range(m)]
    lam = rng.choice([0.0, rng.uniform(1e-3, 1e-1)])
    x0 = [rng.uniform(-1, 1) for _ in range(n)]
    doc = {"kind": "logistic", "X": [[exact(v) for v in r] for r in X], "y": [str(v) for v in y], "lambda": exact(lam),
           "x0": [exact(v) for v in x0]}
    Xt, yt = torch.tensor(X), torch.tensor([float(v) for v in y])

    def f(w):
        z = Xt @ w
        return torch.mean(torch.logaddexp(torch.zeros(()), z) - yt * z) + lam / 2 * (w @ w)
    return doc, x0, f


TORCH_FUNCTIONS = {"exp": torch.exp, "log": torch.log, "sqrt": torch.sqrt, "sin": torch.sin, "cos": torch.cos,
                   "tanh": torch.tanh, "sigmoid": torch.sigmoid, "relu": torch.relu, "abs": torch.abs,
                   "softplus": lambda z: torch.logaddexp(torch.zeros(()), z)}  # exact, unlike F.softplus past 20


def torch_formula(text, names):
    tree = ast.parse(text.replace("^", "**"), mode="eval").body

    def ev(node, env):
        if isinstance(node, ast.Constant):
            return float(Fraction(ast.get_source_segment(text.replace("^", "**"), node)))
        if isinstance(node, ast.Name):
            return env[node.id] if node.id in env else {"pi": math.pi, "e": math.e}[node.id]
        if isinstance(node, ast.UnaryOp):
            v = ev(node.operand, env)
            return -v if isinstance(node.op, ast.USub) else v
        if isinstance(node, ast.Call):
            return TORCH_FUNCTIONS[node.func.id](ev(node.args[0], env))
        a, b = ev(node.left, env), ev(node.right, env)
        return {ast.Add: lambda: a + b, ast.Sub: lambda: a - b, ast.Mult: lambda: a * b, ast.Div: lambda: a / b,
                ast.Pow: lambda: a ** b}[type(node.op)]()
    return lambda x: ev(tree, {name: x[i] for i, name in enumerate(names)})


def expression(rng):
    a, b, c, d = (round(rng.uniform(0.5, 2), 3) for _ in range(4))
    text = rng.choice([
        f"{a}*(x - {b})^2 + {c}*(y + {d})^2 + softplus(x*y)/4",
        f"(1.5 - x + x*y)^2/{a} + (2.25 - x + x*y^2)^2/{b}",
        f"{a}*x^2 + {b}*y^2 + {c}*sin(x)*cos(y) + {d}*sigmoid(x - y)",
        f"log(1 + {a}*x^2) + {b}*(y - tanh(x))^2",
    ])
    x0 = [rng.uniform(-1, 1), rng.uniform(-1, 1)]
    doc = {"kind": "expression", "vars": ["x", "y"], "f": text, "x0": [exact(v) for v in x0]}
    return doc, x0, torch_formula(text, ["x", "y"])


def network(rng):
    """A small network (kind mlp, the documented layout: per layer W_k row-major, then b_k) against the same
    network written in torch: mean over the examples of the l2 or cross-entropy (from the logit) divergence."""
    sizes = rng.choice([[2, 3, 1], [3, 4, 2], [1, 5, 1], [2, 4, 3, 1]])
    hidden = rng.choice(["sigmoid", "tanh"])
    ce = rng.random() < 0.5
    K = rng.randint(3, 6)
    X = [[rng.uniform(-2, 2) for _ in range(sizes[0])] for _ in range(K)]
    D = [[float(rng.randint(0, 1)) if ce else rng.uniform(-1, 1) for _ in range(sizes[-1])] for _ in range(K)]
    P = sum(sizes[k] * sizes[k - 1] + sizes[k] for k in range(1, len(sizes)))
    theta = [rng.uniform(-1, 1) for _ in range(P)]
    doc = {"kind": "mlp", "layers": sizes, "activation": hidden, "output": "sigmoid" if ce else "identity",
           "divergence": "cross_entropy" if ce else "l2", "X": [[exact(v) for v in r] for r in X],
           "D": [[exact(v) for v in r] for r in D], "x0": [exact(v) for v in theta]}
    Xt, Dt = torch.tensor(X), torch.tensor(D)
    act = {"sigmoid": torch.sigmoid, "tanh": torch.tanh}[hidden]

    def f(th):
        y, off = Xt, 0
        for k in range(1, len(sizes)):
            rows, cols = sizes[k], sizes[k - 1]
            W = th[off:off + rows * cols].reshape(rows, cols)
            b = th[off + rows * cols:off + rows * cols + rows]
            off += rows * cols + rows
            z = y @ W.T + b
            y = z if k == len(sizes) - 1 else act(z)
        if ce:  # y holds the logits: -d log s(z) - (1 - d) log(1 - s(z)) = softplus(z) - d z
            return torch.mean(torch.sum(torch.logaddexp(torch.zeros(()), y) - Dt * y, dim=1))
        return torch.mean(torch.sum((y - Dt) ** 2, dim=1))
    return doc, theta, f


PROBLEMS = {"quadratic": quadratic, "logistic": logistic, "expression": expression, "mlp": network}


# ---- methods: random hyper-parameters, descent's flags, torch's optimizer

def lr(rng, lo, hi):
    return math.exp(rng.uniform(math.log(lo), math.log(hi)))


def methods():
    def gd(rng):
        p = {"lr": lr(rng, 1e-3, 0.2)}
        return ["--method", "gd", "--eta", exact(p["lr"])], lambda x, s=1: torch.optim.SGD([x], lr=p["lr"] * s)

    def sgd(rng):
        p = {"lr": lr(rng, 1e-3, 0.05), "m": rng.choice([0.0, rng.uniform(0, 0.95)]),
             "wd": rng.choice([0.0, rng.uniform(0, 0.1)]), "maximize": rng.random() < 0.25}
        p["nesterov"] = p["m"] > 0 and rng.random() < 0.5
        p["damp"] = 0.0 if p["nesterov"] else rng.choice([0.0, rng.uniform(0, 1)])
        flags = ["--method", "sgd", "--lr", exact(p["lr"]), "--momentum", exact(p["m"]), "--dampening", exact(p["damp"]),
                 "--nesterov", "yes" if p["nesterov"] else "no", "--weight-decay", exact(p["wd"]),
                 "--maximize", "yes" if p["maximize"] else "no", "FULL_BATCH"]
        return flags, lambda x, s=1: torch.optim.SGD([x], lr=p["lr"] * s, momentum=p["m"], dampening=p["damp"],
                                                     nesterov=p["nesterov"], weight_decay=p["wd"], maximize=p["maximize"])

    def asgd(rng):
        p = {"lr": lr(rng, 1e-3, 0.1), "lambd": lr(rng, 1e-5, 1e-1), "alpha": rng.uniform(0.5, 1.0),
             "t0": float(rng.randint(0, 20)), "wd": rng.choice([0.0, rng.uniform(0, 0.1)]), "maximize": rng.random() < 0.2}
        flags = ["--method", "asgd", "--lr", exact(p["lr"]), "--lambd", exact(p["lambd"]), "--alpha", exact(p["alpha"]),
                 "--t0", exact(p["t0"]), "--weight-decay", exact(p["wd"]), "--maximize", "yes" if p["maximize"] else "no"]
        return flags, lambda x, s=1: torch.optim.ASGD([x], lr=p["lr"] * s, lambd=p["lambd"], alpha=p["alpha"], t0=p["t0"],
                                                      weight_decay=p["wd"], maximize=p["maximize"])

    def heavy_ball(rng):
        p = {"lr": lr(rng, 1e-3, 0.1), "m": rng.uniform(0, 0.95)}
        return (["--method", "heavy_ball", "--convention", "pytorch", "--eta", exact(p["lr"]), "--beta", exact(p["m"])],
                lambda x, s=1: torch.optim.SGD([x], lr=p["lr"] * s, momentum=p["m"]))

    def nesterov(rng):
        p = {"lr": lr(rng, 1e-3, 0.1), "m": rng.uniform(0.05, 0.95)}
        return (["--method", "nesterov", "--convention", "pytorch", "--eta", exact(p["lr"]), "--beta", exact(p["m"])],
                lambda x, s=1: torch.optim.SGD([x], lr=p["lr"] * s, momentum=p["m"], nesterov=True))

    def adagrad(rng):
        p = {"lr": lr(rng, 1e-3, 0.5), "lr_decay": rng.choice([0.0, rng.uniform(0, 0.1)]),
             "wd": rng.choice([0.0, rng.uniform(0, 0.1)]), "G0": rng.choice([0.0, rng.uniform(0, 1)]),
             "eps": lr(rng, 1e-12, 1e-6)}
        return (["--method", "adagrad", "--convention", "pytorch", "--lr", exact(p["lr"]), "--lr-decay", exact(p["lr_decay"]),
                 "--weight-decay", exact(p["wd"]), "--initial-accumulator-value", exact(p["G0"]), "--eps", exact(p["eps"])],
                lambda x, s=1: torch.optim.Adagrad([x], lr=p["lr"] * s, lr_decay=p["lr_decay"], weight_decay=p["wd"],
                                                   initial_accumulator_value=p["G0"], eps=p["eps"]))

    def rmsprop(rng):
        p = {"lr": lr(rng, 1e-4, 1e-2), "alpha": rng.uniform(0.8, 0.999), "eps": lr(rng, 1e-10, 1e-6),
             "wd": rng.choice([0.0, rng.uniform(0, 0.1)]), "mom": rng.choice([0.0, rng.uniform(0, 0.9)]),
             "centered": rng.choice([False, True])}
        return (["--method", "rmsprop", "--convention", "pytorch", "--lr", exact(p["lr"]), "--alpha", exact(p["alpha"]),
                 "--eps", exact(p["eps"]), "--weight-decay", exact(p["wd"]), "--momentum", exact(p["mom"]),
                 "--centered", "yes" if p["centered"] else "no"],
                lambda x, s=1: torch.optim.RMSprop([x], lr=p["lr"] * s, alpha=p["alpha"], eps=p["eps"], weight_decay=p["wd"],
                                                   momentum=p["mom"], centered=p["centered"]))

    def adadelta(rng):
        p = {"lr": lr(rng, 0.1, 2), "rho": rng.uniform(0.8, 0.99), "eps": lr(rng, 1e-8, 1e-4),
             "wd": rng.choice([0.0, rng.uniform(0, 0.1)])}
        return (["--method", "adadelta", "--convention", "pytorch", "--lr", exact(p["lr"]), "--rho", exact(p["rho"]),
                 "--eps", exact(p["eps"]), "--weight-decay", exact(p["wd"])],
                lambda x, s=1: torch.optim.Adadelta([x], lr=p["lr"] * s, rho=p["rho"], eps=p["eps"], weight_decay=p["wd"]))

    def adam_like(name, cls, **extra):
        def make(rng):
            p = {"lr": lr(rng, 1e-4, 5e-2), "b1": rng.uniform(0.5, 0.95), "b2": rng.uniform(0.9, 0.9999),
                 "eps": lr(rng, 1e-10, 1e-6), "wd": rng.choice([0.0, rng.uniform(0, 0.1)])}
            flags = ["--method", name, "--lr", exact(p["lr"]), "--betas", exact(p["b1"]) + "," + exact(p["b2"]),
                     "--eps", exact(p["eps"]), "--weight-decay", exact(p["wd"])]
            if name in ("radam", "adamax"):
                pass  # one form, PyTorch's
            elif name != "nadam":
                flags += ["--convention", "pytorch"]
            elif torch.__version__.startswith("1.13"):
                flags += ["--convention", "torch_1_13"]  # its product P_(t+1) has an extra mu_t (fixed in torch 2.0)
            kw = dict(extra)
            if name == "adamax" and rng.random() < 0.25:
                flags += ["--maximize", "yes"]
                kw["maximize"] = True
            if name == "nadam":
                p["psi"] = rng.uniform(0, 0.01)
                flags += ["--momentum-decay", exact(p["psi"])]
                kw["momentum_decay"] = p["psi"]
            return flags, lambda x, s=1: cls([x], lr=p["lr"] * s, betas=(p["b1"], p["b2"]), eps=p["eps"],
                                             weight_decay=p["wd"], **kw)
        return make

    def rprop(rng):
        p = {"lr": lr(rng, 1e-3, 0.1), "em": rng.uniform(0.3, 0.7), "ep": rng.uniform(1.1, 1.5),
             "smin": lr(rng, 1e-8, 1e-5), "smax": rng.uniform(1, 50)}
        return (["--method", "rprop", "--convention", "pytorch", "--lr", exact(p["lr"]),
                 "--etas", exact(p["em"]) + "," + exact(p["ep"]), "--step-sizes", exact(p["smin"]) + "," + exact(p["smax"])],
                lambda x, s=1: torch.optim.Rprop([x], lr=p["lr"] * s, etas=(p["em"], p["ep"]),
                                                 step_sizes=(p["smin"], p["smax"])))

    def lbfgs(rng):
        wolfe = rng.random() < 0.5
        p = {"lr": lr(rng, 0.5, 8) if wolfe else lr(rng, 0.05, 0.5), "max_iter": rng.choice([1, 2, 5, 20]),
             "history_size": rng.choice([1, 3, 10, 100]), "tolerance_grad": rng.choice([1e-7, 1e-5]),
             "tolerance_change": rng.choice([1e-9, 1e-6]), "line_search_fn": "strong_wolfe" if wolfe else None}
        if rng.random() < 0.3:
            p["max_eval"] = rng.randint(1, 30)
        flags = ["--method", "lbfgs", "--convention", "pytorch", "--lr", exact(p["lr"]), "--max-iter", str(p["max_iter"]),
                 "--history-size", str(p["history_size"]), "--tolerance-grad", exact(p["tolerance_grad"]),
                 "--tolerance-change", exact(p["tolerance_change"]), "--line-search", "strong_wolfe" if wolfe else "none"]
        if "max_eval" in p:
            flags += ["--max-eval", str(p["max_eval"])]
        kw = {k: v for k, v in p.items() if k != "lr"}
        return flags, lambda x, s=1: torch.optim.LBFGS([x], lr=p["lr"] * s, **kw)

    return {"gd": gd, "sgd": sgd, "asgd": asgd, "heavy_ball": heavy_ball, "nesterov": nesterov, "adagrad": adagrad, "rmsprop": rmsprop,
            "adadelta": adadelta, "adam": adam_like("adam", torch.optim.Adam),
            "amsgrad": adam_like("amsgrad", torch.optim.Adam, amsgrad=True),
            "adamw": adam_like("adamw", torch.optim.AdamW), "nadam": adam_like("nadam", torch.optim.NAdam),
            "radam": adam_like("radam", torch.optim.RAdam), "adamax": adam_like("adamax", torch.optim.Adamax),
            "rprop": rprop, "lbfgs": lbfgs}


def maximizing(make_opt):
    """The same torch optimizer with maximize=True."""
    return with_option(make_opt, maximize=True)


def with_option(make_opt, **option):
    def make(x, s=1):
        opt = make_opt(x, s)
        for group in opt.param_groups:
            group.update(option)
        return opt
    return make


def torch_run(f, x0, make_opt, steps, scale=1.0, plateau=None, schedule=None, schedule_first=False):
    """Rows (f(x_k), x_k) of torch's run; `plateau`: ReduceLROnPlateau's options, the scheduler stepped
    with f(x_k) before the k-th optimizer.step() (as descent's schedule sees f_k before step k);
    `schedule`: a function making another torch scheduler from the optimizer, stepped after every
    optimizer.step() as torch's documentation does (`schedule_first`: before it, one step early, a
    negative control). torch.optim.LBFGS is stepped with a closure: one row per optimizer.step(closure)."""
    x = torch.tensor(x0, requires_grad=True)
    opt = make_opt(x, scale)
    sched = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, **plateau) if plateau else None
    other = schedule(opt) if schedule else None
    rows = []

    def closure():
        opt.zero_grad()
        loss = f(x)
        loss.backward()
        return loss
    for _ in range(steps + 1):
        opt.zero_grad()
        loss = f(x)
        rows.append((loss.item(), x.detach().clone().tolist()))
        if len(rows) == steps + 1:
            break
        if sched:
            sched.step(loss.item())
        if other and schedule_first:
            other.step()
        if isinstance(opt, torch.optim.LBFGS):
            opt.step(closure)
        else:
            loss.backward()
            opt.step()
        if other and not schedule_first:
            other.step()
    return rows


def descent_run(descent, path, flags, steps, digits):
    cmd = [descent, "trace", "--problem", path, "--steps", str(steps), "--format", "json"] + flags
    if digits:
        cmd += ["--digits", str(digits)]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)}: exit {r.returncode}: {r.stderr.strip()}")
    doc = json.loads(r.stdout)
    return [(float(row["f"]), [float(v) for v in row["x"]]) for row in doc["rows"]], doc["status"]


def first_disagreement(mine, theirs, status="max_steps", updates_per_row=1):
    """The first row k whose iterate or value differs by more than 1e-12 (u k + 1), or None; u = updates_per_row,
    the updates one row stands for (torch.optim.LBFGS: up to max_iter iterations per optimizer step). A run descent
    reports diverged (|f| or some |x_i| beyond 10^100, or not finite) agrees when its rows agree and torch's
    next row is beyond that bound too."""
    if status == "diverged" and len(mine) < len(theirs):
        f_next, x_next = theirs[len(mine)]
        beyond = [abs(v) for v in [f_next] + x_next]
        if not any(not math.isfinite(v) or v > 1e100 for v in beyond):
            return len(mine)
        theirs = theirs[:len(mine)]
    if len(mine) != len(theirs):
        return min(len(mine), len(theirs))
    f0 = abs(theirs[0][0])
    for k, ((fm, xm), (ft, xt)) in enumerate(zip(mine, theirs)):
        tol = 1e-12 * (updates_per_row * k + 1)
        if any(not math.isfinite(v) for v in xt):
            return k
        scale = max(1.0, max(abs(v) for v in xt))
        if max(abs(a - b) for a, b in zip(xm, xt)) > tol * scale:
            return k
        if abs(fm - ft) > tol * max(1.0, abs(ft), f0):
            return k
    return None


def write_problem(tmp, name, doc):
    """The problem file `name` in the directory tmp, written from doc; its path."""
    path = os.path.join(tmp, name)
    with open(path, "w") as fh:
        json.dump(doc, fh)
    return path


def both_arithmetics(descent, path, flags, steps, reference, where):
    """descent's run in double and at --digits 30 against torch's rows: (runs that agree, the last run's rows and
    status)."""
    ok = 0
    for digits in (None, 30):
        mine, status = descent_run(descent, path, flags, steps, digits)
        k = first_disagreement(mine, reference, status)
        if k is not None:
            fail(f"{where}, {'double' if digits is None else '--digits 30'}: parts from torch at row {k}")
        else:
            ok += 1
    return ok, mine, status


def main():
    global VERBOSE
    ap = argparse.ArgumentParser()
    ap.add_argument("--descent", required=True)
    ap.add_argument("--seed", type=int, default=20261207)
    ap.add_argument("--cases-per-method", type=int, default=3)
    ap.add_argument("-v", action="store_true")
    a = ap.parse_args()
    VERBOSE = a.v
    rng = random.Random(a.seed)
    agree = controls = 0
    kinds = list(PROBLEMS)
    with tempfile.TemporaryDirectory() as tmp:
        for name, make in methods().items():
            # torch.optim.LBFGS has the most branches (line search or not, history, tolerances): twice the cases
            for case in range(a.cases_per_method * (2 if name == "lbfgs" else 1)):
                kind = kinds[(case + len(name)) % len(kinds)]
                if name == "rprop" and kind == "mlp":
                    # a sign-based step turns a last-bit difference of a saturated unit's tiny gradient (backprop
                    # here, autograd there) into a different step length: not a test of the update
                    kind = "quadratic"
                if name == "lbfgs" and kind == "mlp":
                    # up to 20 L-BFGS iterations per row on a network amplify rounding: on seed 3 descent's own double
                    # and --digits 30 runs part by 4e-8 after 4 rows, so torch's double cannot be matched to 1e-12
                    kind = "logistic"
                doc, x0, f = PROBLEMS[kind](rng)
                path = write_problem(tmp, f"{name}_{case}.json", doc)
                flags, make_opt = make(rng)
                if name in ("adam", "adamw", "amsgrad", "adagrad", "rmsprop", "adadelta", "rprop") and rng.random() < 0.3:
                    flags, make_opt = flags + ["--maximize", "yes"], maximizing(make_opt)
                if name == "adamw" and rng.random() < 0.5:
                    flags, make_opt = flags + ["--amsgrad", "yes"], with_option(make_opt, amsgrad=True)
                if "FULL_BATCH" in flags:  # sgd on a sum over examples: one batch of all K rows, in order
                    flags = [f for f in flags if f != "FULL_BATCH"]
                    if kind in ("logistic", "mlp"):
                        flags += ["--batch", str(len(doc["X"])), "--sampling", "cyclic"]
                steps = rng.randint(20, 40) if name != "lbfgs" else rng.randint(4, 12)
                where = f"{name} on {kind} (case {case}, {steps} steps)"
                reference = torch_run(f, x0, make_opt, steps)
                for digits in (None, 30):
                    try:
                        mine, status = descent_run(a.descent, path, flags, steps, digits)
                    except RuntimeError as e:
                        fail(f"{where}: {e}")
                        continue
                    per_row = int(flags[flags.index("--max-iter") + 1]) if name == "lbfgs" else 1
                    k = first_disagreement(mine, reference, status, per_row)
                    arithmetic = "double" if digits is None else f"--digits {digits}"
                    if k is not None:
                        fail(f"{where}, {arithmetic}: parts from torch at row {k}: descent x = {mine[k][1] if k < len(mine) else None}, "
                             f"torch x = {reference[k][1] if k < len(reference) else None} ({' '.join(flags)})")
                    else:
                        agree += 1
                        if VERBOSE:
                            print(f"ok: {where}, {arithmetic}")
                # negative control: torch with lr changed by one part in 10^6 must part. With L-BFGS's strong Wolfe
                # search lr is only the first trial: on a quadratic the cubic lands on the same point whatever it is,
                # elsewhere the first trial is often accepted; there torch without the search, or with the shifted
                # lr, must part
                mine, _ = descent_run(a.descent, path, flags, steps, None)
                shifted = [torch_run(f, x0, make_opt, steps, scale=1 + 1e-6)]
                control = "with lr x (1 + 1e-6)"
                if "strong_wolfe" in flags:
                    shifted.append(torch_run(f, x0, with_option(make_opt, line_search_fn=None), steps))
                    control += " and without the line search"
                if all(first_disagreement(mine, other) is None for other in shifted):
                    fail(f"{where}: negative control: torch {control} also agrees (the comparison cannot fail)")
                else:
                    controls += 1
        # negative control: on torch 1.13, descent's NAdam in Dozat's form parts from torch's NAdam
        if torch.__version__.startswith("1.13"):
            doc, x0, f = quadratic(rng)
            path = write_problem(tmp, "nadam_dozat.json", doc)
            mine, _ = descent_run(a.descent, path, ["--method", "nadam", "--convention", "pytorch"], 20, None)
            other = torch_run(f, x0, lambda x, s=1: torch.optim.NAdam([x]), 20)
            if first_disagreement(mine, other) is None:
                fail("negative control: descent's NAdam in Dozat's form agrees with torch 1.13's NAdam")
            else:
                controls += 1
        # ReduceLROnPlateau with torch's semantics: mode, threshold_mode, cooldown, min_lr, eps
        cuts = 0
        for case in range(12):
            name = ["gd", "heavy_ball", "adam", "sgd"][case % 4]
            doc, x0, f = quadratic(rng)
            path = write_problem(tmp, f"plateau_{case}.json", doc)
            flags, make_opt = methods()[name](rng)
            flags = [fl for fl in flags if fl != "FULL_BATCH"]
            p = {"mode": "min", "factor": rng.uniform(0.1, 0.9), "patience": rng.randint(0, 3),
                 "threshold": rng.uniform(1e-3, 0.2), "threshold_mode": rng.choice(["rel", "abs"]),
                 "cooldown": rng.randint(0, 3), "min_lr": rng.choice([0.0, 1e-4]), "eps": 1e-8}
            flags += ["--schedule", "plateau", "--factor", exact(p["factor"]), "--patience", str(p["patience"]),
                      "--threshold", exact(p["threshold"]), "--threshold-mode", p["threshold_mode"],
                      "--cooldown", str(p["cooldown"]), "--min-lr", exact(p["min_lr"]), "--plateau-eps", exact(p["eps"])]
            steps = 40
            reference = torch_run(f, x0, make_opt, steps, plateau=p)
            where = f"{name} with ReduceLROnPlateau {p} (case {case})"
            ok, mine, status = both_arithmetics(a.descent, path, flags, steps, reference, where)
            agree += ok
            # the same run without the schedule must part: the schedule cut the step at least once
            plain = torch_run(f, x0, make_opt, steps)
            if first_disagreement(mine, plain, status) is not None:
                cuts += 1
        if cuts < 4:
            fail(f"only {cuts} of the 12 plateau runs cut the step: the schedule is not exercised")
        controls += cuts

        # StepLR, MultiStepLR, ExponentialLR and CosineAnnealingLR, stepped after every optimizer step; each run must
        # part from the same run without the schedule and from the schedule stepped one step early
        lr_scheduler = torch.optim.lr_scheduler
        for case in range(16):
            name = ["gd", "heavy_ball", "adam", "sgd"][case % 4]
            kind = ["step", "multistep", "exponential", "cosine"][(case // 4 + case) % 4]
            doc, x0, f = quadratic(rng)
            path = write_problem(tmp, f"schedule_{case}.json", doc)
            flags, make_opt = methods()[name](rng)
            flags = [fl for fl in flags if fl != "FULL_BATCH"]
            base_lr = float(Fraction(flags[flags.index("--eta" if "--eta" in flags else "--lr") + 1]))
            steps = 30
            if kind == "step":
                period, gamma = rng.randint(1, 8), rng.uniform(0.1, 0.9)
                flags += ["--schedule", "step", "--period", str(period), "--gamma", exact(gamma)]
                make = lambda opt, period=period, gamma=gamma: lr_scheduler.StepLR(opt, step_size=period, gamma=gamma)
            elif kind == "multistep":
                milestones = [rng.randint(0, steps - 5) for _ in range(rng.randint(1, 4))]
                if rng.random() < 0.5:
                    milestones.append(milestones[0])  # a milestone twice cuts twice
                gamma = rng.uniform(0.1, 0.9)
                flags += ["--schedule", "multistep", "--milestones", ",".join(map(str, milestones)), "--gamma", exact(gamma)]
                make = lambda opt, m=milestones, gamma=gamma: lr_scheduler.MultiStepLR(opt, milestones=m, gamma=gamma)
            elif kind == "exponential":
                gamma = rng.uniform(0.8, 0.99)
                flags += ["--schedule", "exponential", "--gamma", exact(gamma)]
                make = lambda opt, gamma=gamma: lr_scheduler.ExponentialLR(opt, gamma=gamma)
            else:
                t_max, eta_min = rng.randint(3, 25), rng.choice([0.0, base_lr * rng.uniform(0, 0.5)])
                flags += ["--schedule", "cosine", "--t-max", str(t_max), "--eta-min", exact(eta_min)]
                make = lambda opt, t=t_max, e=eta_min: lr_scheduler.CosineAnnealingLR(opt, T_max=t, eta_min=e)
            reference = torch_run(f, x0, make_opt, steps, schedule=make)
            where = f"{name} with --schedule {kind} ({' '.join(flags[flags.index('--schedule'):])}, case {case})"
            ok, _, _ = both_arithmetics(a.descent, path, flags, steps, reference, where)
            agree += ok
            mine, status = descent_run(a.descent, path, flags, steps, None)
            for label, other in (("without the schedule", torch_run(f, x0, make_opt, steps)),
                                 ("with the schedule stepped before the optimizer",
                                  torch_run(f, x0, make_opt, steps, schedule=make, schedule_first=True))):
                if first_disagreement(mine, other, status) is None:
                    fail(f"{where}: negative control: torch {label} agrees too")
                else:
                    controls += 1

        # torch's strong Wolfe search where it has to work: valleys, kinks and wiggles from first trials far too
        # long (lr up to 30), so that it brackets, zooms, moves off the bracket's ends after insufficient progress,
        # and stops on a bracket shorter than 1e-9
        for case in range(12):
            a_, b_ = rng.uniform(10, 100), rng.uniform(0.5, 2)
            text = [f"{exact(a_)}*(y - x^2)^2 + ({exact(b_)} - x)^2",
                    f"sqrt(1 + ({exact(a_ / 4)}*x)^2) + sqrt(1 + ({exact(b_ * 2)}*y - 1)^2)",
                    f"log(1 + {exact(a_)}*(x - 1)^2) + (y - x)^2",
                    f"cos({exact(b_ * 2)}*x) + x^2/10 + y^2",
                    f"softplus({exact(a_ / 2)}*x) + softplus(-{exact(a_ / 2)}*x + 3) + y^2",
                    f"abs(x - {exact(b_ / 4)}) + ({exact(b_)}*y - 1)^2"][case % 6]  # a kink: brackets shrink below 1e-9
            x0 = [rng.uniform(-2, 0), rng.uniform(-1, 2)]
            doc = {"kind": "expression", "vars": ["x", "y"], "f": text, "x0": [exact(v) for v in x0]}
            path = write_problem(tmp, f"wolfe_{case}.json", doc)
            f = torch_formula(text, ["x", "y"])
            p = {"lr": lr(rng, 1, 30), "max_iter": rng.choice([5, 20]), "history_size": rng.choice([2, 10])}
            flags = ["--method", "lbfgs", "--convention", "pytorch", "--lr", exact(p["lr"]), "--max-iter", str(p["max_iter"]),
                     "--history-size", str(p["history_size"]), "--line-search", "strong_wolfe"]
            make_opt = lambda x, s=1, p=p: torch.optim.LBFGS([x], lr=p["lr"] * s, max_iter=p["max_iter"],
                                                             history_size=p["history_size"], line_search_fn="strong_wolfe")
            steps = 8
            reference = torch_run(f, x0, make_opt, steps)
            where = f"lbfgs strong_wolfe on {text} (case {case}, {' '.join(flags[2:])}), x0 = {doc['x0']}"
            # 20 iterations in such a valley amplify rounding: descent's own double and --digits 30 runs part by up to
            # 3e-11 after one row, and torch's double (its dot products and autograd round differently) by as much. So
            # here each run agrees with torch when, row by row, it is within the usual tolerance plus 4 times the
            # distance between descent's double and --digits 30 runs (the measured effect of rounding) at that row
            mine, status = descent_run(a.descent, path, flags, steps, None)
            high, status_high = descent_run(a.descent, path, flags, steps, 30)
            if not (len(mine) == len(high) == len(reference)):
                fail(f"{where}: descent {len(mine)} and {len(high)} rows (double, --digits 30), torch {len(reference)}")
                continue
            for label, run in (("double", mine), ("--digits 30", high)):
                for k, ((_, xr), (_, xd), (_, xh), (_, xt)) in enumerate(zip(run, mine, high, reference)):
                    amplified = max(abs(u - v) for u, v in zip(xh, xd))
                    allowed = 1e-12 * (p["max_iter"] * k + 1) * max(1.0, max(abs(v) for v in xt)) + 4 * amplified
                    if max(abs(u - v) for u, v in zip(xr, xt)) > allowed:
                        fail(f"{where}, {label}: parts from torch at row {k} by more than the tolerance plus 4 times "
                             f"descent's own rounding ({amplified:.2g}): descent x = {xr}, torch x = {xt}")
                        break
                else:
                    agree += 1

        # Rprop where g_k g_(k-1) underflows in double (gradients near 1e-170): torch keeps the step length
        # (the product's sign is 0); --convention pytorch does the same, the exact sign product does not
        a_tiny = 1e-170
        doc = {"kind": "quadratic", "A": [[exact(a_tiny), "0"], ["0", exact(3 * a_tiny)]], "b": ["0", "0"],
               "x0": [exact(0.7), exact(-1.3)]}
        path = write_problem(tmp, "rprop_underflow.json", doc)
        At = torch.tensor([[a_tiny, 0.0], [0.0, 3 * a_tiny]])
        f_tiny = lambda x: 0.5 * x @ (At @ x)
        reference = torch_run(f_tiny, [0.7, -1.3], lambda x, s=1: torch.optim.Rprop([x], lr=0.01 * s), 30)
        mine, status = descent_run(a.descent, path, ["--method", "rprop", "--convention", "pytorch", "--lr", "1/100"], 30, None)
        if first_disagreement(mine, reference, status) is not None:
            fail("rprop --convention pytorch where g g_prev underflows parts from torch.optim.Rprop")
        else:
            agree += 1
        exact_sign, _ = descent_run(a.descent, path, ["--method", "rprop", "--convention", "irprop_minus", "--lr", "1/100"],
                                    30, None)
        if first_disagreement(exact_sign, reference) is None:
            fail("negative control: rprop with the exact sign product agrees with torch where g g_prev underflows")
        else:
            controls += 1

        # negative control: descent's Adam (L2 weight decay) is not torch's AdamW (decoupled)
        doc, x0, f = quadratic(rng)
        path = write_problem(tmp, "adam_vs_adamw.json", doc)
        flags = ["--method", "adam", "--convention", "pytorch", "--lr", "1/100", "--weight-decay", "1/10"]
        mine, _ = descent_run(a.descent, path, flags, 30, None)
        other = torch_run(f, x0, lambda x, s=1: torch.optim.AdamW([x], lr=0.01, weight_decay=0.1), 30)
        if first_disagreement(mine, other) is None:
            fail("negative control: descent's adam with weight decay agrees with torch's AdamW")
        else:
            controls += 1
    if failures:
        print(f"{len(failures)} failure(s)")
        return 1
    print(f"OK: {agree} runs agree with torch.optim {torch.__version__} row by row (double and --digits 30); "
          f"{controls} negative controls part from it")
    return 0


if __name__ == "__main__":
    sys.exit(main())
