"""Independent 60-digit computation of the fourth point's gradient contribution in seed 002's example of
Brady, Raghavan & Slawny (lesson 16), written from the formula, not from descent's code.

div_4(w) = (1 - eps - sigma(-w_y t + b))^2 at w* = (u, u, 0), u = ln((1 - eps)/eps), eps = 1/100. By the chain rule
d div_4/dw_x = 0, d div_4/dw_y = 2(1 - eps - s) s' t, d div_4/db = -2(1 - eps - s) s', with s = sigma(-u t),
s' = s(1 - s). mpmath computes them at 120 digits for t = 10, 100, 1000.

Mode `grad`: `descent grad --digits 60` on a kind brady file with points [4] at x0 = w* (u given to 100 digits)
must agree within a relative 1e-59: descent computes with 20 guard digits, so the rounding of u, amplified by the
condition number u t of e^(-ut) (4.6e3 at t = 1000), stays below the 60 printed digits.
Mode `lesson`: `lesson_16_backprop_failure --digits 60 --json`: the certified enclosure of d div_4/dw_y in the
contribution checks must contain mpmath's value and be narrower than 1e-55 relative.
"""
import json
import os
import subprocess
import sys
import tempfile

from mpmath import mp, mpf, log, exp

mp.dps = 120
EPS = mpf(1) / 100
U = log((1 - EPS) / EPS)


def contribution(t):
    s = 1 / (1 + exp(U * t))  # sigma(-u t)
    sp = s * (1 - s)
    return mpf(0), 2 * (1 - EPS - s) * sp * t, -2 * (1 - EPS - s) * sp


def relative(a, b):
    return abs(a - b) / abs(b)


def check_grad(descent):
    u_text = mp.nstr(U, 100, strip_zeros=False)
    failures = 0
    for t in (10, 100, 1000):
        expected = contribution(t)
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump({"kind": "brady", "t": t, "epsilon": "1/100", "points": [4], "x0": [0, 0, 0]}, f)
            path = f.name
        try:
            out = subprocess.run([descent, "grad", "--problem", path, "--at", u_text + "," + u_text + ",0",
                                  "--digits", "60", "--json"], capture_output=True, text=True, check=True).stdout
        finally:
            os.unlink(path)
        d = json.loads(out)
        for source in ("hand_written", "reverse", "forward"):
            g = [mpf(v) for v in d["gradient"][source]]
            if g[0] != 0:
                print(f"t = {t}, {source}: d/dw_x = {g[0]}, expected 0")
                failures += 1
            for i in (1, 2):
                r = relative(g[i], expected[i])
                ok = r <= mpf("1e-59")
                print(f"t = {t}, {source}, component {i}: {mp.nstr(g[i], 20)} vs {mp.nstr(expected[i], 20)}, "
                      f"relative difference {mp.nstr(r, 3)} {'ok' if ok else 'TOO LARGE'}")
                failures += 0 if ok else 1
    return failures


def check_lesson(lesson):
    out = subprocess.run([lesson, "--digits", "60", "--json"], capture_output=True, text=True, check=True).stdout
    checks = [c for c in json.loads(out)["checks"]
              if c["claim"] == "brady_fourth_point" and "t = " in c["step"] and "<= 2 t" in c["step"]]
    failures = 0
    seen = set()
    for c in checks:
        t = int(c["step"].split("t = ")[1].split(",")[0])
        seen.add(t)
        lo, hi = (mpf(x) for x in c["lhs"].strip("[]").split(","))
        value = contribution(t)[1]
        inside = lo <= value <= hi
        narrow = (hi - lo) / value <= mpf("1e-55")
        print(f"t = {t}: enclosure [{mp.nstr(lo, 25)}, {mp.nstr(hi, 25)}] vs mpmath {mp.nstr(value, 25)}: "
              f"{'contains' if inside else 'DOES NOT CONTAIN'}, relative width {mp.nstr((hi - lo) / value, 3)}")
        failures += 0 if inside and narrow else 1
    if seen != {10, 100, 1000}:
        print("expected the checks for t = 10, 100, 1000, found", sorted(seen))
        failures += 1
    return failures


if __name__ == "__main__":
    mode, exe = sys.argv[1], sys.argv[2]
    failures = check_grad(exe) if mode == "grad" else check_lesson(exe)
    sys.exit(1 if failures else 0)
