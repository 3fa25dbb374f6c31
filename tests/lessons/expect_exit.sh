#!/usr/bin/env bash
# expect_exit.sh CODE SUBSTRING COMMAND...: run COMMAND, require exit code CODE, a stderr
# containing SUBSTRING, and (for CODE 2) nothing on stdout.
set -u
code="$1"; want="$2"; shift 2
out="$(mktemp)"; err="$(mktemp)"
"$@" >"$out" 2>"$err"; rc=$?
status=0
if [ "$rc" -ne "$code" ]; then echo "exit code $rc, expected $code"; status=1; fi
if ! grep -qF -- "$want" "$err"; then echo "stderr lacks '$want':"; cat "$err"; status=1; fi
if [ "$code" -eq 2 ] && [ -s "$out" ]; then echo "stdout not empty:"; head -5 "$out"; status=1; fi
rm -f "$out" "$err"
exit $status
