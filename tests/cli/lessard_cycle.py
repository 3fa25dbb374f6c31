#!/usr/bin/env python3
"""Heavy ball cycles on the Lessard-Recht-Packard function (Lessard, Recht & Packard 2016,
section 2.2): with mu = 1, L = 25 and the parameters tuned for quadratics, eta = 1/9 and
beta = 4/9 (eta = 4/(sqrt L + sqrt mu)^2, beta = ((sqrt kappa - 1)/(sqrt kappa + 1))^2), the
iterates do not converge to x* = 0 but to the 3-cycle

    -2208/1225 -> 2592/1225 -> 792/1225 -> -2208/1225 -> ...

The script runs `descent trace --exact` on a lessard problem file and checks, on the
printed exact fractions:

  --period P          x_{k+P} == x_k for every printed k, and x_0, x_1, x_2 are the cycle
                      in its order (the file starts on the cycle: x0 = -2208/1225, x_prev =
                      792/1225);
  --approach EPS      the last three iterates lie within EPS of the cycle, in its order
                      (a start off the cycle, e.g. x0 = 33/10: after 200 steps within 1e-30).

Independently of descent, it first checks that the cycle is one: one heavy-ball step
v+ = beta v - eta f'(x), x+ = x + v+ from (x, v) = (c_i, c_i - c_{i-1}) lands on c_{i+1},
with f' the piecewise-linear gradient of the paper (L x for x < 1, mu x + (L - mu) for
1 <= x < 2, L x - (L - mu) for x >= 2), in Fractions.
Exit status 0 when everything holds, 1 otherwise.
"""

import argparse
import subprocess
import sys
from fractions import Fraction

CYCLE = [Fraction(-2208, 1225), Fraction(2592, 1225), Fraction(792, 1225)]
MU, L = Fraction(1), Fraction(25)
ETA, BETA = Fraction(1, 9), Fraction(4, 9)


def gradient(x):
    if x < 1:
        return L * x
    if x < 2:
        return MU * x + (L - MU)
    return L * x - (L - MU)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--descent", required=True)
    ap.add_argument("--problem", required=True)
    ap.add_argument("--steps", required=True, type=int)
    ap.add_argument("--form", default="notes", choices=["notes", "pytorch"])
    what = ap.add_mutually_exclusive_group(required=True)
    what.add_argument("--period", type=int)
    what.add_argument("--approach", type=Fraction)
    args = ap.parse_args()
    bad = []

    # The cycle is invariant under the heavy-ball map (independent of descent).
    for i in range(3):
        x, v = CYCLE[i], CYCLE[i] - CYCLE[i - 1]
        v = BETA * v - ETA * gradient(x)
        if x + v != CYCLE[(i + 1) % 3]:
            bad.append(f"the heavy-ball step from {CYCLE[i]} gives {x + v}, not {CYCLE[(i + 1) % 3]}")

    cmd = [args.descent, "trace", "--problem", args.problem, "--method", "heavy_ball", "--eta", "1/9", "--beta", "4/9",
           "--form", args.form, "--steps", str(args.steps), "--exact"]
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0 or out.stderr:
        print(f"FAIL: {' '.join(cmd)} exited with {out.returncode}: {out.stderr.strip()}")
        return 1
    lines = out.stdout.splitlines()
    if lines[0] != "step,f,grad_norm2,x1" or len(lines) != args.steps + 2:
        print(f"FAIL: unexpected output shape: {lines[:2]!r}, {len(lines)} lines")
        return 1
    xs = [Fraction(line.split(",")[3]) for line in lines[1:]]

    if args.period is not None:
        for k in range(len(xs) - args.period):
            if xs[k + args.period] != xs[k]:
                bad.append(f"x_{k + args.period} = {xs[k + args.period]} differs from x_{k} = {xs[k]}")
        if xs[:3] != CYCLE:
            bad.append(f"x_0, x_1, x_2 = {[str(x) for x in xs[:3]]}, expected the cycle {[str(c) for c in CYCLE]}")
        what = f"x_(k+{args.period}) == x_k exactly for k = 0..{len(xs) - 1 - args.period}"
    else:
        k0 = len(xs) - 3
        phase = min(range(3), key=lambda j: abs(xs[k0] - CYCLE[j]))
        for k in range(k0, len(xs)):
            c = CYCLE[(phase + k - k0) % 3]
            if not abs(xs[k] - c) < args.approach:
                bad.append(f"x_{k} = {float(xs[k])!r} is {float(abs(xs[k] - c)):.3e} from the cycle point {c}, "
                           f"not below {float(args.approach):.1e}")
        what = (f"x_{k0}..x_{len(xs) - 1} within {float(args.approach):.0e} of the cycle, in order "
                f"(largest distance {float(max(abs(xs[k] - CYCLE[(phase + k - k0) % 3]) for k in range(k0, len(xs)))):.3e})")

    for b in bad:
        print("FAIL: " + b)
    if bad:
        print(f"{len(bad)} disagreement(s)")
        return 1
    print(f"OK: heavy ball ({args.form}) on the Lessard function: {what}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
