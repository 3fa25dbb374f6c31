# The adaptive methods of `descent trace` (adagrad, rmsprop, adadelta, adam, adamw,
# amsgrad, nadam, rprop, quickprop) against adaptive_oracle.py: an independent recomputation
# from the papers' / notes' / PyTorch's formulas (Fractions with --exact, mpmath at
# max(100, 2D + 40) digits with --digits D), value by value, in --format csv and json.
# Included from tests/cli/CMakeLists.txt (uses ${Python3_EXECUTABLE}, ${descent_exe},
# ${data}).
#
# The counts in the comments are what the oracle reports in its OK line (the runs
# exercise the branch they are about).

function(descent_adaptive_test sentence)
  add_test(NAME "descent trace: ${sentence}"
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/adaptive_oracle.py
                   --descent ${descent_exe} ${ARGN})
  set_tests_properties("descent trace: ${sentence}" PROPERTIES LABELS "cli")
endfunction()

set(aq2 --problem ${data}/quadratic_2x2.json)
set(aq3 --problem ${data}/quadratic_3x3_c.json)
set(a30 --digits 30)

# ---- adagrad --------------------------------------------------------------------------
descent_adaptive_test("adagrad paper, eps outside, on 3x3 matches the formulas (30 digits)"
  ${aq3} --method adagrad --lr 1/10 --steps 30 ${a30})
descent_adaptive_test("adagrad paper, eps inside, on 2x2 matches the formulas (30 digits)"
  ${aq2} --method adagrad --convention paper --eps-placement inside --eps 1/100 --lr 1/10 --steps 30 ${a30})
# x0 = (1/2, 0) has g_1 = 0: sigma = 0 at t = 1, the coordinate does not move (sigma=0 1).
descent_adaptive_test("adagrad notes on 2x2 (sigma = 0 at t = 1) matches the formulas"
  ${aq2} --method adagrad --convention notes --lr 1/10 --steps 30 ${a30})
descent_adaptive_test("adagrad pytorch, lr-decay, G0 and L2 on 3x3 match the formulas"
  ${aq3} --method adagrad --convention pytorch --lr 1/5 --lr-decay 1/10 --initial-accumulator-value 1/10
         --weight-decay 1/5 --steps 30 ${a30})

# ---- rmsprop --------------------------------------------------------------------------
descent_adaptive_test("rmsprop notes (eps inside) on 3x3 matches the formulas (30 digits)"
  ${aq3} --method rmsprop --convention notes --eps 1/1000 --steps 30 ${a30})
descent_adaptive_test("rmsprop pytorch centered, momentum and L2 on 3x3 match the formulas"
  ${aq3} --method rmsprop --convention pytorch --centered yes --momentum 9/10 --alpha 9/10 --weight-decay 1/10
         --steps 30 ${a30})
descent_adaptive_test("rmsprop paper on 2x2 matches the formulas (30 digits)"
  ${aq2} --method rmsprop --convention paper --lr 1/20 --steps 30 ${a30})

# ---- adadelta -------------------------------------------------------------------------
descent_adaptive_test("adadelta paper on 3x3 matches Zeiler's Algorithm 1 (30 digits)"
  ${aq3} --method adadelta --steps 30 ${a30})
descent_adaptive_test("adadelta pytorch with L2 on 2x2 matches the formulas (30 digits)"
  ${aq2} --method adadelta --convention pytorch --weight-decay 1/10 --lr 1/2 --steps 30 ${a30})
descent_adaptive_test("adadelta divide_first with eps-delta on 3x3 matches the formulas"
  ${aq3} --method adadelta --order divide_first --eps-delta 1e-7 --lr 1/2 --steps 30 ${a30})
# eps_delta/eps = 10^4 makes the divide_first steps 100 times too long: |f| passes 1e100
# at step 22, in the formulas as in descent (status "diverged", 21 steps printed).
descent_adaptive_test("adadelta divide_first, eps-delta 1/100, diverges where the formulas do"
  ${aq3} --method adadelta --order divide_first --eps-delta 1/100 --lr 1/2 --steps 30 ${a30})
descent_adaptive_test("adadelta notes (one scalar E_d) on 3x3 matches the formulas"
  ${aq3} --method adadelta --convention notes --eps-delta 1e-4 --steps 30 ${a30})

# ---- adam -----------------------------------------------------------------------------
descent_adaptive_test("adam paper on 3x3 matches Kingma and Ba's Algorithm 1 (30 digits)"
  ${aq3} --method adam --lr 1/10 --steps 30 ${a30})
descent_adaptive_test("adam notes (no bias correction, eps inside) on 3x3 matches"
  ${aq3} --method adam --convention notes --lr 1/10 --steps 30 ${a30})
descent_adaptive_test("adam paper with --bias-correction no on 2x2 matches the formulas"
  ${aq2} --method adam --bias-correction no --lr 1/10 --steps 30 ${a30})
descent_adaptive_test("adam paper with --eps-hat yes on 3x3 matches the formulas"
  ${aq3} --method adam --eps-hat yes --eps 1/100 --lr 1/10 --steps 30 ${a30})
descent_adaptive_test("adam pytorch with L2 weight decay on 2x2 matches the formulas"
  ${aq2} --method adam --convention pytorch --weight-decay 1/2 --betas 0.8,0.99 --lr 1/10 --steps 30 ${a30})

# ---- adamw, amsgrad -------------------------------------------------------------------
descent_adaptive_test("adamw pytorch (x (1 - lr lambda)) on 3x3 matches the formulas"
  ${aq3} --method adamw --weight-decay 1/2 --lr 1/10 --steps 30 ${a30})
descent_adaptive_test("adamw paper (x - lambda x) on 3x3 matches the formulas (30 digits)"
  ${aq3} --method adamw --convention paper --weight-decay 1/20 --lr 1/10 --steps 30 ${a30})
# v_hat = max(v_hat, v) is strictly above v at 15 (pytorch) and 17 (paper) coordinate-steps.
descent_adaptive_test("amsgrad pytorch on 3x3 matches the formulas (max active, 30 digits)"
  ${aq3} --method amsgrad --lr 1/10 --steps 30 ${a30})
descent_adaptive_test("amsgrad paper on 3x3 matches Reddi et al. (max active, 30 digits)"
  ${aq3} --method amsgrad --convention paper --lr 1/10 --steps 30 ${a30})

# ---- nadam (Dozat 2016 in PyTorch's form) ------------------------------------------------
descent_adaptive_test("nadam at PyTorch's defaults on 3x3 matches Dozat's Algorithm 2 (30 digits)"
  ${aq3} --method nadam --steps 30 ${a30})
descent_adaptive_test("nadam with lr 1/10, psi 1/10, L2 and betas 0.8,0.99 on 2x2 matches Dozat's Algorithm 2 (30 digits)"
  ${aq2} --method nadam --lr 1/10 --momentum-decay 1/10 --weight-decay 1/10 --betas 0.8,0.99 --steps 30 ${a30})

# ---- rprop (exact) --------------------------------------------------------------------
# 30 steps with D0 = 1/10 flip signs 28 to 69 times; irprop_plus reverts 6 of 30 flips; the
# seven variants give seven different trajectories; --step-sizes 1/1000,1/4 makes D_max bind.
descent_adaptive_test("rprop --convention pytorch (irprop_minus) on 3x3 is exact"
  ${aq3} --method rprop --convention pytorch --lr 1/10 --steps 30 --exact)
descent_adaptive_test("rprop --convention paper (rprop_plus) on 3x3 is exact"
  ${aq3} --method rprop --convention paper --lr 1/10 --steps 30 --exact)
descent_adaptive_test("rprop --convention notes (notes_literal) on 3x3 is exact"
  ${aq3} --method rprop --convention notes --lr 1/10 --steps 30 --exact)
descent_adaptive_test("rprop --convention rprop_plus on 3x3 is exact (the paper's Rprop, named)"
  ${aq3} --method rprop --convention rprop_plus --lr 1/10 --steps 30 --exact)
descent_adaptive_test("adadelta --convention divide_first on 3x3 matches the formulas (30 digits)"
  ${aq3} --method adadelta --convention divide_first --eps-delta 1e-7 --lr 1/2 --steps 30 ${a30})
descent_adaptive_test("rprop --variant irprop_plus on 3x3 is exact (reverts when f rose)"
  ${aq3} --method rprop --variant irprop_plus --lr 1/10 --steps 30 --exact)
descent_adaptive_test("rprop --variant rprop_minus on 3x3 with a D_max cap is exact"
  ${aq3} --method rprop --variant rprop_minus --lr 1/10 --step-sizes 1/1000,1/4 --steps 30 --exact)
descent_adaptive_test("rprop --variant notes_magnitude on 3x3 with a D_max cap is exact"
  ${aq3} --method rprop --variant notes_magnitude --lr 1/10 --step-sizes 1/1000,1/4 --steps 30 --exact)
descent_adaptive_test("rprop --variant notes_uncapped on 2x2 is exact"
  ${aq2} --method rprop --variant notes_uncapped --lr 1/10 --etas 2/5,3/2 --steps 30 --exact)
# With --digits the reference is still the exact run (the oracle checks that its own
# mpmath run agrees, i.e. that no branch is decided at an exact tie).
descent_adaptive_test("rprop --variant irprop_plus on 3x3 matches the exact run (30 digits)"
  ${aq3} --method rprop --variant irprop_plus --lr 1/10 --step-sizes 1/1000,1/4 --steps 40 ${a30})
descent_adaptive_test("rprop --variant notes_literal on 2x2 matches the exact run (30 digits)"
  ${aq2} --method rprop --variant notes_literal --lr 1/10 --steps 40 ${a30})

# ---- quickprop ------------------------------------------------------------------------
# Exact rationals roughly square in size per secant step: 8 steps on 3x3 (165 kB), 12 on
# 2x2. The paper runs take the capped step (mu prev), the secant and the gradient term.
descent_adaptive_test("quickprop paper (Fahlman) on 3x3 is exact (8 steps)"
  ${aq3} --method quickprop --lr 1/10 --steps 8 --exact)
descent_adaptive_test("quickprop notes (bare secant) on 2x2 is exact (12 steps)"
  ${aq2} --method quickprop --convention notes --lr 1/10 --steps 12 --exact)
descent_adaptive_test("quickprop paper, max-growth 3/2, on 3x3 matches the formulas"
  ${aq3} --method quickprop --lr 1/10 --max-growth 3/2 --steps 30 ${a30})
descent_adaptive_test("quickprop notes on 3x3 matches the formulas (30 digits)"
  ${aq3} --method quickprop --convention notes --lr 1/10 --steps 30 ${a30})

# ---- PyTorch in float64 ---------------------------------------------------------------
# torch.optim.* transcribed statement by statement and run in Python floats; descent's
# 30-digit iterates must agree within 64 2^-52 (K + 1) max(1, |x|_inf).
foreach(method adagrad rmsprop adadelta adam adamw rprop)
  descent_adaptive_test("${method} pytorch defaults on 3x3 agree with torch.optim in float64"
    ${aq3} --method ${method} --convention pytorch --steps 20 ${a30} --oracle pytorch-float64)
endforeach()
descent_adaptive_test("adam pytorch, betas 0.8,0.99, L2, agrees with torch.optim in float64"
  ${aq2} --method adam --convention pytorch --lr 1/10 --betas 0.8,0.99 --weight-decay 1/10 --steps 30 ${a30}
         --oracle pytorch-float64)
descent_adaptive_test("rmsprop centered with momentum agrees with torch.optim in float64"
  ${aq3} --method rmsprop --centered yes --momentum 9/10 --alpha 9/10 --weight-decay 1/10 --steps 30 ${a30}
         --oracle pytorch-float64)
descent_adaptive_test("amsgrad pytorch, lr 1/10, agrees with torch.optim in float64"
  ${aq3} --method amsgrad --lr 1/10 --steps 30 ${a30} --oracle pytorch-float64)

# ---- negative controls: the oracle tells the forms apart ----------------------------------
# Each recomputes the reference with another form; the test passes only if it disagrees.
descent_adaptive_test("the adaptive oracle tells adam notes from adam paper"
  ${aq3} --method adam --lr 1/10 --steps 20 ${a30} --reference-convention notes)
descent_adaptive_test("the adaptive oracle tells rprop irprop_minus from rprop_plus"
  ${aq3} --method rprop --variant irprop_minus --lr 1/10 --steps 30 --exact --reference-variant rprop_plus)
descent_adaptive_test("the adaptive oracle tells rprop notes_magnitude from notes_uncapped"
  ${aq3} --method rprop --variant notes_magnitude --lr 1/10 --step-sizes 1/1000,1/4 --steps 30 --exact
         --reference-variant notes_uncapped)
descent_adaptive_test("the adaptive oracle tells adadelta update_first from divide_first"
  ${aq3} --method adadelta --order update_first --steps 20 ${a30} --reference-order divide_first)
descent_adaptive_test("the adaptive oracle tells adamw paper from adamw pytorch"
  ${aq3} --method adamw --convention pytorch --lr 1/10 --steps 20 ${a30} --reference-convention paper)
descent_adaptive_test("the adaptive oracle tells quickprop paper from quickprop notes"
  ${aq3} --method quickprop --lr 1/10 --steps 8 --exact --reference-convention notes)

# ---- your own function: the same oracle on files of kind expression (f and its gradient read by
# expression_oracle.py: Python's ast and dual numbers, not the library's AD), at 50 digits
set(ex_beale --problem ${PROJECT_SOURCE_DIR}/examples/beale.json)
set(ex_himmelblau --problem ${PROJECT_SOURCE_DIR}/examples/himmelblau.json)
set(ex_logistic --problem ${PROJECT_SOURCE_DIR}/examples/logistic_csv.json)
foreach(case "adagrad pytorch on Beale|${ex_beale};--method;adagrad;--convention;pytorch;--lr;1/2;--steps;20;--digits;50"
             "rmsprop on Himmelblau|${ex_himmelblau};--method;rmsprop;--lr;1/100;--steps;20;--digits;50"
             "adadelta on the CSV logistic loss|${ex_logistic};--method;adadelta;--lr;1;--steps;20;--digits;50"
             "adam on Beale|${ex_beale};--method;adam;--lr;1/10;--steps;20;--digits;50"
             "adamw on Himmelblau|${ex_himmelblau};--method;adamw;--lr;1/20;--steps;20;--digits;50"
             "amsgrad on the CSV logistic loss|${ex_logistic};--method;amsgrad;--lr;1/20;--steps;20;--digits;50"
             "nadam on Beale|${ex_beale};--method;nadam;--lr;1/20;--steps;20;--digits;50"
             "rprop on Himmelblau (exact)|${ex_himmelblau};--method;rprop;--lr;1/100;--steps;20;--exact"
             "quickprop on the CSV logistic loss|${ex_logistic};--method;quickprop;--lr;1/100;--steps;10;--digits;50"
             "radam on the CSV logistic loss (rectified and not)|${ex_logistic};--method;radam;--lr;1/20;--weight-decay;1/10;--steps;20;--digits;50"
             "adamax on Beale|${ex_beale};--method;adamax;--lr;1/20;--steps;20;--digits;50"
             "adamax --maximize on Himmelblau (exact)|${ex_himmelblau};--method;adamax;--lr;1/20;--maximize;yes;--steps;4;--exact"
             "asgd on Himmelblau|${ex_himmelblau};--method;asgd;--lr;1/100;--lambd;1/10;--alpha;3/4;--steps;20;--digits;50")
  string(FIND "${case}" "|" bar)
  string(SUBSTRING "${case}" 0 ${bar} what)
  math(EXPR bar "${bar} + 1")
  string(SUBSTRING "${case}" ${bar} -1 args)
  descent_adaptive_test("expression: ${what} matches the formulas" ${args})
endforeach()
