# Lesson 16's problem kind brady and the perceptron in `descent trace` and `descent grad`.
# Included from tests/cli/CMakeLists.txt (uses ${Python3_EXECUTABLE}, ${descent_exe}, ${data}).

# ---- the fourth point's gradient against an independent 60-digit computation (brady_oracle.py) ----
set(brady_oracle ${CMAKE_CURRENT_SOURCE_DIR}/brady_oracle.py)
add_test(NAME "descent grad --digits 60: the fourth point's gradient at w* agrees with mpmath for t = 10, 100, 1000"
         COMMAND ${Python3_EXECUTABLE} ${brady_oracle} grad ${descent_exe})
add_test(NAME "lesson 16 --digits 60: the certified enclosures of the fourth point's gradient contain mpmath's value"
         COMMAND ${Python3_EXECUTABLE} ${brady_oracle} lesson $<TARGET_FILE:lesson_16_backprop_failure>)
set_tests_properties("descent grad --digits 60: the fourth point's gradient at w* agrees with mpmath for t = 10, 100, 1000"
                     "lesson 16 --digits 60: the certified enclosures of the fourth point's gradient contain mpmath's value"
                     PROPERTIES LABELS "cli;brady_fourth_point")

# ---- the perceptron: exact updates, the stop after a pass without update ----
add_test(NAME "descent trace --method perceptron: Brady's points (t = 10) are separated after 8 passes, w = (6, -3, 4)"
         COMMAND ${Python3_EXECUTABLE} -c "
import subprocess, sys
out = subprocess.run([sys.argv[1], 'trace', '--problem', sys.argv[2], '--method', 'perceptron', '--steps', '100', '--digits', '20'],
                     capture_output=True, text=True, check=True).stdout.strip().split(chr(10))
rows = [r.split(',') for r in out[1:]]
# one row per pass: the rule's weights are integers; the run stops after the first pass without an update
last = [float(v) for v in rows[-1][3:]]
assert last == [6.0, -3.0, 4.0], last
assert rows[-1][3:] == rows[-2][3:], 'the last pass made no update'
assert len(rows) == 10, len(rows)
pts = [((1, 0), 1), ((0, 1), 1), ((-1, 0), -1), ((0, -10), 1)]
assert all(d * (last[0] * x + last[1] * y + last[2]) > 0 for (x, y), d in pts)
" ${descent_exe} ${PROJECT_SOURCE_DIR}/examples/brady.json)
set_tests_properties("descent trace --method perceptron: Brady's points (t = 10) are separated after 8 passes, w = (6, -3, 4)"
                     PROPERTIES LABELS "cli;perceptron_separates")
add_test(NAME "descent grad --hessian on kind brady: the three gradients and the two Hessians agree to 40 digits"
         COMMAND ${Python3_EXECUTABLE} -c "
import json, subprocess, sys
from fractions import Fraction
d = json.loads(subprocess.run([sys.argv[1], 'grad', '--problem', sys.argv[2], '--at', '1/2,-1/3,1/5', '--digits', '40',
                               '--hessian', '--json'], capture_output=True, text=True, check=True).stdout)
g = d['gradient']
for s in ('reverse', 'forward'):
    assert all(abs(float(a) - float(b)) <= 1e-35 * (1 + abs(float(b))) for a, b in zip(g[s], g['hand_written'])), s
H = d['hessian']
assert len(H['library']) == 3 and len(H['forward_over_forward']) == 3
assert all(abs(float(a) - float(b)) <= 1e-35 for ra, rb in zip(H['library'], H['forward_over_forward']) for a, b in zip(ra, rb))
" ${descent_exe} ${PROJECT_SOURCE_DIR}/examples/brady.json)
set_tests_properties("descent grad --hessian on kind brady: the three gradients and the two Hessians agree to 40 digits"
                     PROPERTIES LABELS "cli;brady_fourth_point")

# ---- bad input ----
descent_bad_file(brady_t_zero "brady t = 0" "t: must satisfy 0 < t")
descent_bad_file(brady_epsilon_half "brady epsilon = 1/2" "epsilon: must satisfy 0 < epsilon < 1/2")
descent_bad_file(brady_point_five "brady point 5" "points[1]: must be from 1 to 4")
descent_bad_file(brady_point_twice "a brady point listed twice" "points[1]: point 2 is listed twice")
descent_bad_file(brady_points_empty "an empty brady point list" "points: expected a list of one to four")
descent_bad_file(brady_x0_length "brady x0 of length 2" "x0: has 2 entries, the problem has dimension 3")
descent_bad_file(brady_missing_t "brady without t" "missing field 't'")
descent_bad_file(brady_unknown_field "an unknown brady field" "unknown field 'spoiler' for kind brady")
descent_usage_test("trace: kind brady with --exact is a usage error" "brady is a sigmoid neuron and cannot run with --exact"
                   trace --problem ${PROJECT_SOURCE_DIR}/examples/brady.json --method gd --eta 1 --steps 3 --exact)
descent_usage_test("trace: --method perceptron on a quadratic is a usage error" "--method perceptron: needs a single neuron"
                   trace --problem ${PROJECT_SOURCE_DIR}/examples/quadratic.json --method perceptron --steps 3)
descent_usage_test("trace: --method perceptron takes no --eta" "--eta: only --method"
                   trace --problem ${PROJECT_SOURCE_DIR}/examples/brady.json --method perceptron --eta 1 --steps 3)
