# Problem kind "expression" (your own function, typed as a formula) and the streaming trace flags
# (--every, --last, --tol, --x0, --max-exact-digits, Ctrl-C). Included from tests/cli/CMakeLists.txt.
set(expr ${data}/expression)
set(examples ${PROJECT_SOURCE_DIR}/examples)

# ---- bad input: one message naming the file, the field and (for the formula) the column --------
foreach(case "parse_error|a formula with a misplaced operator|f: column 5: expected a number, a name or '(', got '*'"
             "unknown_name|an unknown name in the formula|f: column 5: unknown name 'z' (names: x, y;"
             "unclosed|an unclosed parenthesis|f: column 7: expected ')' to close the '(' at column 1, got the end of the formula"
             "implicit_product|2x for 2*x|f: column 2: expected an operator after the number 2, got 'x' (write 2*x, not 2x)"
             "huge_power|an exponent beyond 10000|f: column 2: an integer exponent may be at most 10000"
             "x0_short|a variable missing from x0|x0: has 1 entries, the problem has dimension 2"
             "missing_column|a column missing from the data|example: column 12: unknown name 'q' (names: w, b, t, y;"
             "reserved_var|a variable named like a constant|vars[1]: the name 'e' is taken by a function or a constant"
             "column_named_like_var|a column named like a variable|data.t: the column 't' has the name of a variable"
             "ragged_csv|a ragged CSV row|data: ragged.csv: line 3 has 1 fields, the header has 2"
             "missing_csv|a missing CSV file|data: cannot read 'no_such.csv'"
             "bad_csv_number|a CSV value that is not a number|data: bad_number.csv: line 3, column y: 'abc' is not a number"
             "bad_reduce|an unknown reduce|reduce: expected \"mean\" or \"sum\""
             "f_and_data|f together with data|f: give either f"
             "no_x0|a missing x0 without --x0|missing field 'x0'")
  string(REPLACE "|" ";" parts "${case}")
  list(GET parts 0 file)
  list(GET parts 1 what)
  list(GET parts 2 expected)
  descent_usage_test("trace: expression: ${what} is a usage error naming it" "${expected}"
                     trace --problem ${expr}/${file}.json --method gd --eta 0.1 --steps 3)
endforeach()
descent_usage_test("trace: expression: exp under --exact is a usage error naming the operation"
                   "f: the formula uses exp, which has no exact value; run it with --digits D"
                   trace --problem ${expr}/irrational.json --method gd --eta 1/10 --steps 3 --exact)
descent_usage_test("trace: expression: an exact power of a million digits is refused at once, not computed"
                   "an exact power ^9999 of a number of 39996 digits would have about 399920503 digits (more than 10^6); use --digits D"
                   trace --problem ${expr}/huge_constant_power.json --method gd --eta 1/10 --steps 3 --exact)
descent_usage_test("grad: expression: a formula not defined at the point is a usage error naming the operation"
                   "log of -1 (defined for x > 0 only)"
                   grad --problem ${expr}/log_domain.json --at -1)
descent_usage_test("trace: --x0 where f is not defined is a usage error naming the operation"
                   "--x0: f or its gradient is not defined at x0: log of -1 (defined for x > 0 only)"
                   trace --problem ${expr}/log_domain.json --method gd --eta 1 --steps 3 --x0 -1)
# the streaming flags
descent_usage_test("trace: --x0 of the wrong length is a usage error" "--x0: has 3 entries, the problem has dimension 2"
                   trace --problem ${examples}/himmelblau.json --method gd --eta 0.01 --steps 3 --x0 1,2,3)
descent_usage_test("trace: a --x0 entry that is not a number is a usage error" "--x0[1]"
                   trace --problem ${examples}/himmelblau.json --method gd --eta 0.01 --steps 3 --x0 1,two)
descent_usage_test("trace: --tol 0 is a usage error" "--tol: must be > 0"
                   trace --problem ${examples}/himmelblau.json --method gd --eta 0.01 --steps 3 --tol 0)
descent_usage_test("trace: --every 0 is a usage error" "--every: 0 is out of range"
                   trace --problem ${examples}/himmelblau.json --method gd --eta 0.01 --steps 3 --every 0)
descent_usage_test("trace: --every with --last is a usage error" "--every and --last exclude each other"
                   trace --problem ${examples}/himmelblau.json --method gd --eta 0.01 --steps 3 --every 2 --last)
descent_usage_test("trace: --max-exact-digits without --exact is a usage error" "--max-exact-digits: only with --exact"
                   trace --problem ${examples}/himmelblau.json --method gd --eta 0.01 --steps 3 --max-exact-digits 100)
descent_usage_test("trace: --max-exact-digits 5 is a usage error" "--max-exact-digits: 5 is out of range"
                   trace --problem ${examples}/himmelblau.json --method gd --eta 1/100 --steps 3 --exact --max-exact-digits 5)

# ---- runs recomputed by independent_trace.py: the formula read by Python's ast, derivatives by
# dual numbers written in expression_oracle.py (mpmath at --digits 50, fractions under --exact)
set(beale ${examples}/beale.json)
set(himmelblau ${examples}/himmelblau.json)
set(logistic_csv ${examples}/logistic_csv.json)
foreach(case "Beale, gd|${beale};--method;gd;--eta;1/100;--steps;20;--digits;50"
             "Beale, gd, exact|${beale};--method;gd;--eta;1/100;--steps;4;--exact"
             "Beale, heavy_ball|${beale};--method;heavy_ball;--eta;1/100;--beta;1/2;--steps;20;--digits;50"
             "Beale, nesterov (pytorch)|${beale};--method;nesterov;--eta;1/100;--beta;1/2;--form;pytorch;--steps;20;--digits;50"
             "Beale, newton|${beale};--method;newton;--steps;6;--digits;50"
             "Beale, backtracking|${beale};--method;backtracking;--steps;10;--digits;50"
             "Himmelblau, newton to its local maximum|${himmelblau};--method;newton;--steps;8;--digits;50"
             "Himmelblau, newton, exact|${himmelblau};--method;newton;--steps;3;--exact"
             "Himmelblau, coordinate|${himmelblau};--method;coordinate;--eta;1/50;--steps;20;--digits;50"
             "Himmelblau, preconditioned near (3, 2)|${himmelblau};--method;preconditioned;--eta;1/2;--steps;10;--digits;50;--x0;7/2,5/2"
             "Himmelblau, adagrad|${himmelblau};--method;adagrad;--lr;1/2;--steps;20;--digits;50"
             "Himmelblau, gd in double|${himmelblau};--method;gd;--eta;1/100;--steps;40"
             "Himmelblau, gd from --x0|${himmelblau};--method;gd;--eta;1/100;--steps;20;--digits;50;--x0;7/2,-2"
             "a logistic loss over a CSV file, gd|${logistic_csv};--method;gd;--eta;1;--steps;10;--digits;50"
             "a logistic loss over a CSV file, backtracking|${logistic_csv};--method;backtracking;--steps;10;--digits;50"
             "a logistic loss over a CSV file, newton|${logistic_csv};--method;newton;--steps;6;--digits;50"
             "a least-squares sum over inline data, exact|${expr}/sum_inline.json;--method;gd;--eta;1/20;--steps;6;--exact")
  string(FIND "${case}" "|" bar)
  string(SUBSTRING "${case}" 0 ${bar} what)
  math(EXPR bar "${bar} + 1")
  string(SUBSTRING "${case}" ${bar} -1 args)
  descent_trace_test("expression: ${what} agrees with the independent recomputation" --problem ${args})
endforeach()
# Negative controls: the recomputation tells two formulas apart, and a mean from a sum.
set(name "descent trace: the independent check tells Beale from Himmelblau")
add_test(NAME "${name}" COMMAND ${Python3_EXECUTABLE} ${independent} --descent ${descent_exe} --problem ${beale} --method gd
                                --eta 1/100 --steps 5 --digits 50 --reference-problem ${himmelblau})
set_tests_properties("${name}" PROPERTIES LABELS "cli" PASS_REGULAR_EXPRESSION "[0-9]+ disagreement\\(s\\)")
set(name "descent trace: the independent check tells a mean over the data from a sum")
add_test(NAME "${name}" COMMAND ${Python3_EXECUTABLE} ${independent} --descent ${descent_exe} --problem ${expr}/sum_inline.json
                                --method gd --eta 1/20 --steps 3 --exact --reference-problem ${expr}/mean_inline.json)
set_tests_properties("${name}" PROPERTIES LABELS "cli" PASS_REGULAR_EXPRESSION "[0-9]+ disagreement\\(s\\)")

# ---- streaming: rows as they are computed, thinning, the tolerance stop, Ctrl-C, memory
add_test(NAME "descent trace: streams rows, thins them, stops at --tol, keeps complete rows on Ctrl-C and a domain error"
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/check_streaming.py --descent ${descent_exe}
                 --examples ${examples} --data ${expr})
set_tests_properties("descent trace: streams rows, thins them, stops at --tol, keeps complete rows on Ctrl-C and a domain error"
                     PROPERTIES LABELS "cli")

# ---- descent certify: Himmelblau's nine critical points against mpmath, a wide box, an empty box
add_test(NAME "descent certify: Himmelblau's 4 minima, maximum and 4 saddles agree with mpmath; wide and empty boxes"
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/check_certify.py --descent ${descent_exe}
                 --problem ${himmelblau})
set_tests_properties("descent certify: Himmelblau's 4 minima, maximum and 4 saddles agree with mpmath; wide and empty boxes"
                     PROPERTIES LABELS "cli")
descent_usage_test("certify: a kind without an interval form is a usage error naming the kinds that have one"
                   "quadratic has no interval form (descent certify takes expression)"
                   certify --problem ${good} --at 0,0 --radius 0.1)
descent_usage_test("certify: --radius 0 is a usage error" "--radius: must be > 0"
                   certify --problem ${himmelblau} --at 3,2 --radius 0)
descent_usage_test("certify: --at of the wrong length is a usage error" "--at: has 1 entries, the problem has dimension 2"
                   certify --problem ${himmelblau} --at 3 --radius 0.1)
descent_usage_test("certify: a missing --at is a usage error" "--at: required"
                   certify --problem ${himmelblau} --radius 0.1)
descent_usage_test("certify: --digits 0 is a usage error" "--digits: 0 is out of range"
                   certify --problem ${himmelblau} --at 3,2 --radius 0.1 --digits 0)
# negative control: on -f every minimum is a maximum, so the check against mpmath's Himmelblau must fail
add_test(NAME "descent certify: the check fails on minus Himmelblau (negative control)"
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/check_certify.py --descent ${descent_exe}
                 --problem ${expr}/himmelblau_negated.json)
set_tests_properties("descent certify: the check fails on minus Himmelblau (negative control)"
                     PROPERTIES LABELS "cli" PASS_REGULAR_EXPRESSION "[0-9]+ failure\\(s\\)")

# ---- descent grad on expression files against the independent reading (mpmath at 120 digits, Fractions)
add_test(NAME "descent grad: Beale, Himmelblau, a logistic loss over CSV data and a transcendental formula agree with mpmath and exact fractions"
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/check_expression_grad.py --descent ${descent_exe}
                 --problem ${examples}/beale.json ${examples}/himmelblau.json ${examples}/logistic_csv.json
                 ${expr}/irrational.json ${expr}/all_functions.json)
set_tests_properties("descent grad: Beale, Himmelblau, a logistic loss over CSV data and a transcendental formula agree with mpmath and exact fractions"
                     PROPERTIES LABELS "cli")

# ---- stable losses: cross-entropy from the logit (BCEWithLogitsLoss), finite and correct at saturation
add_test(NAME "descent grad: a sigmoid neuron's cross-entropy at z = 40, 800 (double) and 10^4 (50 digits) agrees with mpmath"
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/check_saturated.py --descent ${descent_exe}
                 --data ${data}/saturated)
set_tests_properties("descent grad: a sigmoid neuron's cross-entropy at z = 40, 800 (double) and 10^4 (50 digits) agrees with mpmath"
                     PROPERTIES LABELS "cli")

# ---- real PyTorch: torch.optim 1.13 in float64 against descent trace, row by row
# /usr/bin/python3 with Debian's python3-torch (scripts/setup.sh test and sanitize install it); without
# torch the test fails with that message rather than being skipped.
set(DESCENT_TORCH_PYTHON /usr/bin/python3 CACHE FILEPATH "the Python that imports torch, for the PyTorch tests")
add_test(NAME "descent trace: every optimizer in PyTorch's form agrees with real torch.optim row by row (random cases, negative controls)"
         COMMAND ${DESCENT_TORCH_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/torch_oracle.py --descent ${descent_exe})
set_tests_properties("descent trace: every optimizer in PyTorch's form agrees with real torch.optim row by row (random cases, negative controls)"
                     PROPERTIES LABELS "cli;torch")
