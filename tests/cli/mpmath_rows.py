"""Shared by the mpmath oracles of `descent trace` (independent_quasi_newton.py,
independent_logistic.py): run descent with --format csv and compare every printed value
with the oracle's rows (f, |g|^2, x) to 10^(5 - digits) relative to max(1, |value|)."""
import subprocess

import mpmath


def compare_with_descent(cmd, rows, digits, what):
    """Run `cmd` (a descent trace command printing CSV) and compare its rows with `rows`.
    Prints each disagreement and a last line "OK: …" or "N disagreement(s)"; returns the
    exit status (0 when everything agrees)."""
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0:
        print("FAIL: descent exited with", out.returncode, out.stderr)
        return 1
    lines = out.stdout.splitlines()[1:]
    if len(lines) != len(rows):
        print(f"FAIL: {len(lines)} rows printed, {len(rows)} computed")
        return 1
    tol = mpmath.mpf(10) ** (5 - digits)
    bad = 0
    for k, (line, (fv, g2, xv)) in enumerate(zip(lines, rows)):
        vals = line.split(",")
        pairs = [("f", vals[1], fv), ("grad_norm2", vals[2], g2)] + [(f"x{i + 1}", vals[3 + i], xv[i]) for i in range(len(xv))]
        for name, printed, exact in pairs:
            if abs(mpmath.mpf(printed) - exact) > tol * max(1, abs(exact)):
                print(f"FAIL: step {k} {name}: printed {printed}, independent {mpmath.nstr(exact, digits)}")
                bad += 1
    if bad:
        print(f"{bad} disagreement(s)")
        return 1
    print(f"OK: {len(rows)} rows agree with the independent mpmath {what} to 10^({5 - digits})")
    return 0
