#!/usr/bin/env bash
# Usage: expect_usage_error.sh EXPECTED_SUBSTRING COMMAND [ARG...]
#
# Runs COMMAND and passes (exit 0) only if it behaves as a usage error of `descent`
# (docs/design.md §6): exit code 2, nothing on stdout, and exactly one line on stderr that
# contains EXPECTED_SUBSTRING (a fixed string, e.g. the field or flag it must name).
set -u
if [ $# -lt 2 ]; then
  echo "usage: $0 EXPECTED_SUBSTRING COMMAND [ARG...]" >&2
  exit 64
fi
expected=$1
shift
out=$(mktemp)
err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT

"$@" >"$out" 2>"$err"
code=$?

status=0
complain() { echo "FAIL: $*"; status=1; }
[ "$code" -eq 2 ] || complain "exit code $code, expected 2"
[ -s "$out" ] && complain "stdout is not empty: $(head -c 300 "$out")"
lines=$(wc -l <"$err")
[ -s "$err" ] || complain "stderr is empty"
[ "$lines" -eq 1 ] || complain "stderr has $lines lines, expected exactly one"
grep -qF -- "$expected" "$err" || complain "stderr does not contain '$expected'"
echo "command: $*"
echo "stderr:  $(cat "$err")"
[ $status -eq 0 ] && echo "OK: usage error naming '$expected'"
exit $status
