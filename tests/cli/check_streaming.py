#!/usr/bin/env python3
"""`descent trace` streams: rows as they are computed, memory that does not grow with the steps,
--every/--last thinning, the --tol stop, --x0, Ctrl-C with complete rows, a domain error and an
exact run that outgrows --max-exact-digits ending with their rows kept.

Each check compares with a plain full run of the same command (text equality of rows), so that a
thinned or stopped run must print exactly the rows the full run prints.
"""
import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time

failures = []


def check(ok, message):
    if not ok:
        failures.append(message)
        print("FAIL: " + message)


def run(cmd):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def rows_of(csv_text):
    lines = csv_text.splitlines()
    return lines[0], lines[1:]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--descent", required=True)
    ap.add_argument("--examples", required=True)
    ap.add_argument("--data", required=True)
    a = ap.parse_args()
    d = a.descent
    quad = os.path.join(a.examples, "quadratic.json")
    himmelblau = os.path.join(a.examples, "himmelblau.json")

    # 1. the first rows of a 10^7-step run arrive within a second; Ctrl-C leaves complete rows
    cmd = [d, "trace", "--problem", quad, "--method", "gd", "--eta", "0.1", "--steps", "10000000"]
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, bufsize=0)  # unbuffered: communicate() reads the fd
    first = proc.stdout.readline() + proc.stdout.readline()
    latency = time.monotonic() - start
    check(latency <= 1.0, f"the first row took {latency:.2f} s (at most 1 s)")
    time.sleep(0.5)
    proc.send_signal(signal.SIGINT)
    rest, err = proc.communicate(timeout=60)
    text = (first + rest).decode()
    check(proc.returncode == 130, f"Ctrl-C: exit code {proc.returncode}, expected 130")
    check(text.endswith("\n"), "Ctrl-C: the output ends inside a row")
    header, rows = rows_of(text)
    check(header == "step,f,grad_norm2,x1,x2", f"Ctrl-C: header {header!r}")
    check(len(rows) > 2, f"Ctrl-C: only {len(rows)} rows after 0.5 s")
    for i, r in enumerate(rows):
        fields = r.split(",")
        if len(fields) != 5 or fields[0] != str(i):
            check(False, f"Ctrl-C: row {i} is incomplete or out of order: {r!r}")
            break
    check(b"interrupted" in err, f"Ctrl-C: stderr does not say interrupted: {err[:200]!r}")

    # 2. memory does not grow with the number of steps (the whole trajectory used to be kept)
    def peak_kb(steps):
        """The peak resident memory of one run, in KB: measured by a fresh Python process whose only child is
        the run (RUSAGE_CHILDREN keeps the maximum over all of a process's children)."""
        cmd = [d, "trace", "--problem", quad, "--method", "gd", "--eta", "0.1", "--steps", str(steps), "--last"]
        probe = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); "
                 "print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
        out = subprocess.run([sys.executable, "-c", probe] + cmd, capture_output=True, text=True).stdout.split()
        check(out[:1] == ["0"], f"--last run of {steps} steps: {out}")
        return int(out[1]) if len(out) == 2 else 0, None
    small, _ = peak_kb(10000)
    big, _ = peak_kb(1000000)
    if "ASAN_OPTIONS" in os.environ:
        # AddressSanitizer keeps freed memory in quarantine (256 MB by default): the peak says nothing here
        print(f"note: under the sanitizers the peak memory is not checked ({small} KB, {big} KB)")
    else:
        check(big - small < 8 * 1024, f"memory grew from {small} KB (10^4 steps) to {big} KB (10^6 steps)")
        check(big < 50 * 1024, f"10^6 steps held {big} KB (at most 50 MB)")

    # 3. --every and --last print exactly the full run's rows at those steps, and always the last
    base = [d, "trace", "--problem", himmelblau, "--method", "gd", "--eta", "0.01", "--steps", "100"]
    full = rows_of(run(base).stdout)[1]
    every = rows_of(run(base + ["--every", "7"]).stdout)[1]
    expected = [full[k] for k in range(0, 101, 7)] + [full[100]]
    check(every == expected, f"--every 7: {len(every)} rows, expected steps 0, 7, ..., 98 and 100")
    last = rows_of(run(base + ["--last"]).stdout)[1]
    check(last == [full[100]], f"--last: {last!r}, expected the row of step 100")
    js = json.loads(run(base + ["--every", "50", "--format", "json"]).stdout)
    check([r["step"] for r in js["rows"]] == [0, 50, 100] and js["status"] == "max_steps",
          f"--every 50 --format json: steps {[r['step'] for r in js['rows']]}, status {js['status']}")

    # 4. --tol: stop at the first row with |grad f| <= G, status converged
    newton = [d, "trace", "--problem", himmelblau, "--method", "newton", "--steps", "50", "--digits", "30"]
    full = rows_of(run(newton).stdout)[1]
    r = run(newton + ["--tol", "1e-10", "--format", "json"])
    js = json.loads(r.stdout)
    g2 = [float(row.split(",")[2]) for row in full]
    first = next(k for k, v in enumerate(g2) if v <= 1e-20)
    check(js["status"] == "converged", f"--tol: status {js['status']}")
    check(len(js["rows"]) == first + 1, f"--tol 1e-10: {len(js['rows'])} rows, the first row with |g| <= 1e-10 is step {first}")
    check(0 < first < 50, f"--tol: the Newton run reaches |g| <= 1e-10 at step {first}")

    # 5. --x0 replaces the file's x0, and a file may then omit it
    no_x0 = os.path.join(a.data, "no_x0.json")
    with open(no_x0) as fh:
        doc = json.load(fh, parse_float=str, parse_int=str)
    doc["x0"] = ["1/2", "-3"]
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as tmp:
        json.dump(doc, tmp)
    try:
        args = ["--method", "gd", "--eta", "1/10", "--steps", "5", "--exact"]
        with_file = run([d, "trace", "--problem", tmp.name] + args)
        with_flag = run([d, "trace", "--problem", no_x0, "--x0", "1/2,-3"] + args)
        check(with_flag.returncode == 0 and with_flag.stdout == with_file.stdout,
              f"--x0 1/2,-3 on a file without x0 differs from the file with x0: {with_flag.stderr}")
        other = run([d, "trace", "--problem", tmp.name, "--x0", "1,1"] + args)
        check(other.stdout.splitlines()[1] == "0,36,576,1,1",  # (x-1)^2 + 4(y+2)^2 at (1, 1); gradient (0, 24)
               f"--x0 1,1 does not replace the file's x0: {other.stdout[:80]!r}")
    finally:
        os.unlink(tmp.name)

    # 6. a domain error ends the run with its rows kept and a status naming the operation and the step
    log_domain = os.path.join(a.data, "log_domain.json")
    r = run([d, "trace", "--problem", log_domain, "--method", "gd", "--eta", "2", "--steps", "5"])
    check(r.returncode == 0, f"domain error: exit {r.returncode}")
    check(r.stdout == "step,f,grad_norm2,x1\n0,1,9,1\n", f"domain error: rows {r.stdout!r}")
    check(r.stderr.strip() == "descent trace: domain_error: step 1: log of -5 (defined for x > 0 only)",
          f"domain error: stderr {r.stderr!r}")
    js = json.loads(run([d, "trace", "--problem", log_domain, "--method", "gd", "--eta", "2", "--steps", "5",
                         "--format", "json"]).stdout)
    check(js["status"] == "domain_error" and len(js["rows"]) == 1 and "step 1" in js["message"],
          f"domain error, json: {js['status']}, {len(js['rows'])} rows, {js['message']!r}")

    # 7. an exact run whose numbers outgrow --max-exact-digits stops, its rows complete, pointing to --digits
    r = run([d, "trace", "--problem", quad, "--method", "quickprop", "--lr", "1/10", "--steps", "40", "--exact",
             "--max-exact-digits", "2000"])
    rows = rows_of(r.stdout)[1]
    check(r.returncode == 0 and "too_many_digits" in r.stderr and "--digits" in r.stderr,
          f"--max-exact-digits: exit {r.returncode}, stderr {r.stderr!r}")
    check(0 < len(rows) < 41 and all(len(row.split(",")) == 5 for row in rows),
          f"--max-exact-digits: {len(rows)} rows")
    def digits(row):
        return max(len(part.lstrip("-")) for value in row.split(",")[1:] for part in value.split("/"))
    check(all(digits(row) <= 2000 for row in rows[:-1]) and digits(rows[-1]) > 2000,
          "--max-exact-digits 2000: the run did not stop at the first row with a number over 2000 digits "
          f"({[digits(row) for row in rows]})")

    if failures:
        print(f"{len(failures)} failure(s)")
        return 1
    print(f"OK: first row after {latency:.2f} s; peak memory {small} KB at 10^4 steps, {big} KB at 10^6")
    return 0


if __name__ == "__main__":
    sys.exit(main())
