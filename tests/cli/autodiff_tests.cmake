# `descent grad` (lesson 15) and `descent trace --method sgd` (lesson 14), problem kind mlp.
# Included from tests/cli/CMakeLists.txt (uses ${Python3_EXECUTABLE}, ${descent_exe}, ${data}).

# ---- descent grad against independent gradients (mlp_oracle.py) ----------------------------
set(mlp_oracle ${CMAKE_CURRENT_SOURCE_DIR}/mlp_oracle.py)
foreach(file mlp_sigmoid mlp_tanh_l2)
  add_test(NAME "descent grad: ${file} agrees with a float64 transcription of torch autograd (16 eps)"
           COMMAND ${Python3_EXECUTABLE} ${mlp_oracle} ${descent_exe} ${data}/${file}.json torch64)
  add_test(NAME "descent grad --digits 60: ${file} agrees with 90-digit central differences to 1e-58"
           COMMAND ${Python3_EXECUTABLE} ${mlp_oracle} ${descent_exe} ${data}/${file}.json fd60)
  set_tests_properties("descent grad: ${file} agrees with a float64 transcription of torch autograd (16 eps)"
                       "descent grad --digits 60: ${file} agrees with 90-digit central differences to 1e-58"
                       PROPERTIES LABELS "cli;autodiff_modes")
endforeach()
add_test(NAME "descent grad --exact: a polynomial network equals an exact 11-point stencil"
         COMMAND ${Python3_EXECUTABLE} ${mlp_oracle} ${descent_exe} ${PROJECT_SOURCE_DIR}/examples/mlp_polynomial.json exact)
set_tests_properties("descent grad --exact: a polynomial network equals an exact 11-point stencil" PROPERTIES LABELS "cli;autodiff_modes")

# Every other kind: the three gradients (and Hessians) agree, exactly where rational.
foreach(file quadratic_3x3_c least_squares_3x4 rosenbrock_4 huber_3 lessard)
  add_test(NAME "descent grad --exact --hessian: ${file}: hand-written = reverse = forward, Hessians equal"
           COMMAND ${Python3_EXECUTABLE} -c "
import json, subprocess, sys
d = json.loads(subprocess.run([sys.argv[1], 'grad', '--problem', sys.argv[2], '--exact', '--hessian', '--json'],
                              capture_output=True, text=True, check=True).stdout)
g = d['gradient']
assert g['hand_written'] == g['reverse'] == g['forward'], g
assert all(v == '0' for v in d['max_difference'].values()), d['max_difference']
assert d['hessian']['library'] == d['hessian']['forward_over_forward'] and d['hessian']['max_difference'] == '0'
print('equal:', len(g['reverse']), 'coordinates')
" ${descent_exe} ${data}/${file}.json)
  set_tests_properties("descent grad --exact --hessian: ${file}: hand-written = reverse = forward, Hessians equal"
                       PROPERTIES LABELS "cli;autodiff_modes")
endforeach()
add_test(NAME "descent grad --digits 40: logistic agrees to 40 digits three ways"
         COMMAND ${Python3_EXECUTABLE} -c "
import json, subprocess, sys
from fractions import Fraction
d = json.loads(subprocess.run([sys.argv[1], 'grad', '--problem', sys.argv[2], '--digits', '40', '--json', '--hessian'],
                              capture_output=True, text=True, check=True).stdout)
for k, v in d['max_difference'].items(): assert abs(Fraction(v)) < Fraction(1, 10**40), (k, v)
assert abs(Fraction(d['hessian']['max_difference'])) < Fraction(1, 10**40)
print('ok')
" ${descent_exe} ${data}/logistic_4x2.json)
set_tests_properties("descent grad --digits 40: logistic agrees to 40 digits three ways" PROPERTIES LABELS "cli;autodiff_modes")
add_test(NAME "descent grad --at: the point given replaces x0" COMMAND ${descent_exe} grad --problem ${data}/rosenbrock_2.json --at 1,1 --exact)
set_tests_properties("descent grad --at: the point given replaces x0" PROPERTIES LABELS "cli"
                     PASS_REGULAR_EXPRESSION "hand_written,0,0\nreverse,0,0\nforward,0,0")

descent_usage_test("grad: --problem is required" "--problem" grad)
descent_usage_test("grad: --digits 0 is a usage error" "--digits" grad --problem ${good} --digits 0)
descent_usage_test("grad: --digits with --exact is a usage error" "--exact" grad --problem ${good} --digits 30 --exact)
descent_usage_test("grad: --at with the wrong length is a usage error" "--at" grad --problem ${good} --at 1,2,3)
descent_usage_test("grad: a non-numeric --at is a usage error" "--at[1]" grad --problem ${good} --at 1,x)
descent_usage_test("grad: an empty --at entry is a usage error" "--at[1]" grad --problem ${good} --at 1,)
descent_usage_test("grad: --exact on a sigmoid network is a usage error" "exact arithmetic needs" grad --problem ${data}/mlp_sigmoid.json --exact)
descent_usage_test("grad: --exact on logistic is a usage error" "logistic" grad --problem ${data}/logistic_4x2.json --exact)
descent_usage_test("grad: a missing file is a usage error" "no_such.json" grad --problem ${data}/no_such.json)
descent_usage_test("grad: an unknown flag is a usage error" "--bogus" grad --problem ${good} --bogus)

# ---- bad mlp files: one message naming the field ----------------------------------------
descent_bad_file(mlp_layers_one "one layer size" "layers")
descent_bad_file(mlp_layer_zero "a layer of size 0" "layers[1]")
descent_bad_file(mlp_activation "an unknown activation" "activation")
descent_bad_file(mlp_divergence "an unknown divergence" "divergence")
descent_bad_file(mlp_ce_identity "cross-entropy without a sigmoid output" "sigmoid output")
descent_bad_file(mlp_label "a cross-entropy label of 1/2" "D[0][0]")
descent_bad_file(mlp_X_columns "X with the wrong number of inputs" "X:")
descent_bad_file(mlp_D_rows "D with the wrong number of examples" "D:")
descent_bad_file(mlp_x0_length "x0 of the wrong length" "x0")
descent_bad_file(mlp_x0_and_init "x0 with init" "x0")
descent_bad_file(mlp_no_x0 "no x0 and no init" "x0")
descent_bad_file(mlp_generate_set "an unknown generated set" "generate.set")
descent_bad_file(mlp_init_scale "an init scale off the grid" "init.scale")
descent_bad_file(mlp_missing_D "X without D" "D")
descent_bad_file(mlp_bias "a bias that is not a boolean" "bias")

# ---- descent trace --method sgd ----------------------------------------------------------
set(sgd_ls --problem ${data}/least_squares_3x4.json --method sgd --lr 1/20)
add_test(NAME "descent trace --method sgd --sampling cyclic --exact: x <- x - lr K grad f_i, i = 0, 1, 2, 3, 0, ..."
         COMMAND ${Python3_EXECUTABLE} -c "
import csv, io, json, subprocess, sys
from fractions import Fraction as F
out = subprocess.run([sys.argv[1], 'trace'] + sys.argv[3:] + ['--sampling', 'cyclic', '--steps', '9', '--exact'],
                     capture_output=True, text=True, check=True).stdout
doc = json.load(open(sys.argv[2]))
Phi = [[F(str(v)) for v in row] for row in doc['Phi']]
y = [F(str(v)) for v in doc['y']]
x = [F(str(v)) for v in doc['x0']]
K, lr = len(y), F(1, 20)
rows = list(csv.reader(io.StringIO(out)))[1:]
for k, row in enumerate(rows):
    assert [F(v) for v in row[3:]] == x, (k, row, x)
    i = k % K  # the sum L = sum_i (phi_i^T x - y_i)^2: the unbiased estimate of grad L from one example is K grad f_i
    r = sum(Phi[j][i] * x[j] for j in range(len(x))) - y[i]
    x = [x[j] - lr * K * 2 * r * Phi[j][i] for j in range(len(x))]
print(len(rows), 'rows exact')
" ${descent_exe} ${data}/least_squares_3x4.json ${sgd_ls})
add_test(NAME "descent trace --method sgd: the same seed gives the same run, another seed another"
         COMMAND sh -c "a=$(\"$0\" trace $1 --seed 5 --epochs 3 --digits 20) && b=$(\"$0\" trace $1 --seed 5 --epochs 3 --digits 20) && c=$(\"$0\" trace $1 --seed 6 --epochs 3 --digits 20) && [ \"$a\" = \"$b\" ] && [ \"$a\" != \"$c\" ] && [ $(echo \"$a\" | wc -l) -eq 14 ]"
                 ${descent_exe} "--problem ${data}/least_squares_3x4.json --method sgd --lr 1/20")
add_test(NAME "descent trace --method sgd --epochs 2 --batch 3: ceil(4/3) = 2 updates per epoch"
         COMMAND ${descent_exe} trace ${sgd_ls} --batch 3 --epochs 2 --format json)
set_tests_properties("descent trace --method sgd --epochs 2 --batch 3: ceil(4/3) = 2 updates per epoch"
                     PROPERTIES PASS_REGULAR_EXPRESSION "\"steps\": 4,")
add_test(NAME "descent trace --method sgd runs on logistic regression (a mean over examples)"
         COMMAND ${descent_exe} trace --problem ${data}/logistic_4x2.json --method sgd --lr 1/2 --batch 2 --epochs 3 --digits 20)
set_tests_properties("descent trace --method sgd runs on logistic regression (a mean over examples)" PROPERTIES LABELS "cli;sgd_epoch")
add_test(NAME "descent trace --method sgd on a generated mlp runs 2 epochs" COMMAND ${descent_exe} trace --problem ${PROJECT_SOURCE_DIR}/examples/mlp.json --method sgd --lr 1/2 --batch 4 --epochs 2)
set_tests_properties("descent trace --method sgd --sampling cyclic --exact: x <- x - lr K grad f_i, i = 0, 1, 2, 3, 0, ..."
                     "descent trace --method sgd: the same seed gives the same run, another seed another"
                     "descent trace --method sgd --epochs 2 --batch 3: ceil(4/3) = 2 updates per epoch"
                     "descent trace --method sgd on a generated mlp runs 2 epochs" PROPERTIES LABELS "cli;sgd_epoch")
descent_usage_test("trace: sgd --batch on a quadratic (not a sum over examples) is a usage error" "not a sum over examples"
                   trace --problem ${good} --method sgd --lr 0.1 --batch 2 --steps 3)
# on a problem that is not a sum, sgd takes the full gradient: torch.optim.SGD on the whole loss, which is gd
add_test(NAME "descent trace --method sgd on a quadratic is gd, row for row (--exact)"
         COMMAND ${DESCENT_BASH} -c "diff <(\"$0\" trace --problem \"$1\" --method sgd --lr 1/10 --steps 8 --exact) <(\"$0\" trace --problem \"$1\" --method gd --eta 1/10 --steps 8 --exact)"
                 ${descent_exe} ${good})
set_tests_properties("descent trace --method sgd on a quadratic is gd, row for row (--exact)" PROPERTIES LABELS "cli")
descent_usage_test("trace: sgd --batch above K is a usage error" "batch: 5 is more than the 4 examples" trace ${sgd_ls} --batch 5 --steps 3)
descent_usage_test("trace: sgd --batch 0 is a usage error" "--batch" trace ${sgd_ls} --batch 0 --steps 3)
descent_usage_test("trace: sgd --batch 1.5 is a usage error" "--batch" trace ${sgd_ls} --batch 1.5 --steps 3)
descent_usage_test("trace: sgd --seed -1 is a usage error" "--seed" trace ${sgd_ls} --seed -1 --steps 3)
descent_usage_test("trace: sgd --sampling bogus is a usage error" "--sampling" trace ${sgd_ls} --sampling bogus --steps 3)
descent_usage_test("trace: sgd --lr 0 is a usage error" "--lr" trace --problem ${data}/least_squares_3x4.json --method sgd --lr 0 --steps 3)
descent_usage_test("trace: --epochs with gd is a usage error" "--epochs" trace --problem ${good} --method gd --eta 0.1 --epochs 2)
descent_usage_test("trace: --epochs with --steps is a usage error" "--epochs" trace ${sgd_ls} --epochs 2 --steps 3)
descent_usage_test("trace: --epochs 0 is a usage error" "--epochs" trace ${sgd_ls} --epochs 0)
descent_usage_test("trace: --epochs too many for --exact is a usage error" "--epochs" trace ${sgd_ls} --epochs 100000 --exact)
descent_usage_test("grad: a problem too large for forward mode is refused, not run for minutes" "would take minutes"
                   grad --problem ${data}/rosenbrock_big.json)
