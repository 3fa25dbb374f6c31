#!/usr/bin/env python3
"""A sigmoid neuron with a cross-entropy loss at saturated logits: finite, correct loss and gradient.

One example x = 1 with label d, weights (w, b) = (z, 0): the logit is z, the loss
Div = -d log s(z) - (1 - d) log(1 - s(z)) = softplus(z) - d z, and its gradient (s(z) - d)(x, 1).
`descent grad` must print them to within 4 ulps in double at z = +-40 and +-800 (where s(z) rounds
to 0 or 1 and log(1 - s) used to be log 0), and to 1e-48 relative at 50 digits at z = +-10^4; all
three gradients (backward pass, reverse and forward AD) must agree. mpmath computes the reference
at 100 digits from log(1 + e^z) directly.
"""
import argparse
import json
import subprocess
import sys

import mpmath

mpmath.mp.dps = 100
failures = []


def check(ok, message):
    if not ok:
        failures.append(message)
        print("FAIL: " + message)


def close(printed, exact, rel):
    v = mpmath.mpf(printed)
    if exact == 0:
        return v == 0
    return abs(v - exact) <= rel * abs(exact)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--descent", required=True)
    ap.add_argument("--data", required=True)
    a = ap.parse_args()
    cases = [(z, None) for z in (40, -40, 800, -800)] + [(z, 50) for z in (10000, -10000)]
    for d in (0, 1):
        problem = f"{a.data}/neuron_d{d}.json"
        for z, digits in cases:
            cmd = [a.descent, "grad", "--problem", problem, "--at", f"{z},0", "--json"]
            if digits:
                cmd += ["--digits", str(digits)]
            r = subprocess.run(cmd, capture_output=True, text=True)
            where = f"d = {d}, z = {z}" + (f", --digits {digits}" if digits else ", double")
            if r.returncode != 0:
                check(False, f"{where}: exit {r.returncode}: {r.stderr.strip()}")
                continue
            doc = json.loads(r.stdout)
            zm = mpmath.mpf(z)
            # softplus(z) - d z = softplus(-z) when d = 1; s(z) - 1 = -s(-z): no cancellation at 100 digits
            loss = mpmath.log1p(mpmath.exp(-zm if d == 1 else zm))
            g = -1 / (1 + mpmath.exp(zm)) if d == 1 else 1 / (1 + mpmath.exp(-zm))
            rel = mpmath.mpf(2) ** -50 if digits is None else mpmath.mpf(10) ** -48
            if mpmath.mpf(2) ** -1074 > abs(loss) and digits is None:
                loss = 0  # below the smallest double: 0 is the correctly rounded value
            if mpmath.mpf(2) ** -1074 > abs(g) and digits is None:
                g = 0
            check(close(doc["f"], loss, rel), f"{where}: loss {doc['f']}, exact {mpmath.nstr(loss, 20)}")
            for source in ("hand_written", "reverse", "forward"):
                for i, v in enumerate(doc["gradient"][source]):
                    check(close(v, g, rel), f"{where}: {source} gradient[{i}] = {v}, exact {mpmath.nstr(g, 20)}")
    if failures:
        print(f"{len(failures)} failure(s)")
        return 1
    print("OK: loss and gradient at saturated logits agree with mpmath (double: z = +-40, +-800; 50 digits: +-10^4)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
