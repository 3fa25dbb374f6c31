/** \page lesson_15_backprop Lesson 15 — Computing gradients: backpropagation and automatic differentiation
 *
 * Symbols (seed 002): layers \f$z_k = W_ky_{k-1} + b_k\f$, \f$y_k = f(z_k)\f$, \f$k = 1\dots N\f$, \f$y_0 = x\f$, sizes
 * \f$n_k\f$, one example's divergence \f$Div\f$, gradients as row vectors (\f$\nabla_{z_k}Div\f$ is \f$1\times n_k\f$).
 * Seed 004 writes the network \f$f_\theta\f$ with input \f$y_k\f$ and target \f$x_k\f$, the error
 * \f$\epsilon_k = x_k - f_\theta(y_k)\f$ (\f$N_x\f$ outputs), \f$P\f$ parameters, the Jacobian \f$\nabla_\theta f_\theta\f$
 * (\f$N_x\times P\f$). Sources: seed 002 (Recap: vector derivatives, poll 0, the training algorithm); seed 004
 * (the MSE gradient, its matrix interpretation, forward vs backward propagation).
 *
 * Three ways to a gradient, kept apart so that each checks the others: the backward pass written by hand
 * in the notes' convention (`Mlp::backward`, `problems/mlp.hpp`), reverse-mode AD (a tape, one pass per
 * output) and forward-mode AD (dual numbers, one pass per input direction; nested for Hessians), both in
 * `autodiff/` and generic over the scalar — so the same formula runs exactly in rationals, in 100-digit
 * floats and in intervals. `descent grad --problem FILE --at x` prints all of them for a problem file.
 *
 * \section l15_recap Step 1: seed 002's vector derivatives
 * The backward pass of the recap, line by line, against reverse-mode AD of the loss written once
 * generically, on a 3-2-2-1 network with square activations (a polynomial: exact): \f$\nabla_{W_k}Div =
 * y_{k-1}\nabla_{z_k}Div\f$ is an \f$n_{k-1}\times n_k\f$ matrix, entry \f$(j, i)\f$ being \f$\partial Div/\partial(W_k)_{ij}\f$;
 * \f$\nabla_{b_k}Div = \nabla_{z_k}Div\f$; and \f$\nabla_{z_k}Div\,W_k\f$ passed through \f$f'\f$ is the previous layer's.
 * (claim \ref claim_backprop_recap "backprop_recap")
 * \snippet 15_backprop/lesson.cpp l15-recap
 *
 * \section l15_poll Step 2: poll 0 and the training loop
 * Which product is the derivative for \f$W_k\f$? In the notes' row convention, option 1,
 * \f$y_{k-1}\cdot\nabla_{z_k}Div\f$: it has the shape of \f$W_k^\top\f$, which is why the update (line 82) transposes
 * it. With gradients shaped like \f$W_k\f$ (PyTorch's `.grad`), it is option 4, \f$\nabla_{z_k}Div\,y_{k-1}^\top\f$.
 * Options 2 and 3 have the wrong shape: option 2 is defined only when \f$n_k = n_{k-1}\f$ and is then a
 * \f$1\times1\f$ number, option 3 only when \f$n_{k-1} = 1\f$ (and is then option 1). Without the transpose,
 * option 1 on a square layer silently updates with the wrong entries (counterexample). The training loop
 * (accumulate, then step with \f$\eta/T\f$) is GD on the mean loss — but it never adds \f$Div\f$ to its
 * \f$Loss\f$, so “until Loss has converged” compares 0 with 0 the first time it can (after the second pass) and
 * stops while the true loss is still moving (refuted). Dropping the \f$1/T\f$ is not the same descent: it
 * is GD with step \f$\eta T\f$ (rejected).
 * (claims \ref claim_backprop_poll0 "backprop_poll0", \ref claim_training_loop "training_loop")
 * \snippet 15_backprop/lesson.cpp l15-poll
 *
 * \section l15_modes Step 3: forward mode, reverse mode, the library
 * The hand-written backward pass, reverse mode and forward mode (17 passes for 17 parameters) agree exactly;
 * so does an 11-point central stencil, which differentiates a polynomial of degree ≤ 10 exactly. Every
 * hand-written gradient and Hessian of the library equals its AD twin — exactly for the rational problems,
 * to the rounding for those with exp and log. Where an activation is not differentiable (ReLU at 0) there
 * is no gradient to agree on: AD takes relu′(0) = 0, the symmetric quotient the mean of the one-sided
 * derivatives. The ordinary 3-point central difference is not exact on the network (rejected): only the
 * 11-point stencil is, because the loss along an axis has degree ≤ 8.
 * (claim \ref claim_autodiff_modes "autodiff_modes")
 * \snippet 15_backprop/lesson.cpp l15-modes
 *
 * \section l15_fd Step 4: finite differences with a certified error
 * Taylor's theorem bounds the central difference's error by \f$\frac{h^2}{6}\max|\partial_j^3f|\f$ on the segment.
 * On a sigmoid network the bound is certified in interval arithmetic for every parameter: the gradient by
 * reverse mode over intervals, the third derivative by three nested duals over the interval
 * \f$\theta_j + [-h, h]\f$. The step is \f$h = 10^{-\lfloor D/5\rfloor}\f$ at \f$D\f$ digits, so that the truncation stays far above the
 * rounding the intervals carry; at 100 digits (\f$h = 10^{-20}\f$) the difference and reverse mode agree
 * to about 40 digits, certified.
 * The right-hand side is a certified upper bound of \f$\frac{h^2}{6}\max|\partial_j^3f|\f$, so the check also
 * rejects the constant \f$h^2/12\f$ (the error is \f$\frac{h^2}{12}(f'''(\xi_+)+f'''(\xi_-))\f$, which can reach
 * twice that). A cubic attains the bound; a ReLU kink inside the segment breaks it.
 * (claim \ref claim_fd_certified "fd_certified")
 * \snippet 15_backprop/lesson.cpp l15-fd
 *
 * \section l15_mse Step 5: seed 004's MSE gradient as an adjoint
 * \f$-\nabla_\theta L_{MSE} = \frac2K\sum_{k=0}^{K-1}\epsilon_k^t\nabla_\theta f_\theta(y_k)\f$: the error row (\f$1\times N_x\f$)
 * times the Jacobian (\f$N_x\times P\f$) gives the \f$1\times P\f$ direction, and transposed,
 * \f$d^t = \frac2K\sum_k[\nabla_\theta f_\theta(y_k)]^t\epsilon_k\f$ (\f$P\times1\f$) — “multiply error by the adjoint
 * gradient”. Both checked exactly, and the factor \f$\frac1K\f$ in place of \f$\frac2K\f$ is rejected. One slide
 * (seed 004, line 306) writes the sum to \f$N - 1\f$ with \f$N\f$ defined nowhere; the next line and the
 * slides before it have \f$K - 1\f$, which is read here: a typo, not a claim to refute.
 * (claim \ref claim_mse_adjoint "mse_adjoint")
 * \snippet 15_backprop/lesson.cpp l15-mse
 *
 * \section l15_cost Step 6: forward or backward?
 * The Jacobian is \f$P\f$ forward passes (one Jacobian–vector product \f$\nabla_\theta f\,\delta\theta\f$ each; with
 * \f$\delta\theta = e_j\f$, column \f$j\f$) or \f$N_x\f$ backward passes (one vector–Jacobian product \f$\epsilon^t\nabla_\theta f\f$
 * each; with \f$\epsilon = e_i\f$, row \f$i\f$); they agree exactly. For a loss, \f$N_x = 1\f$: one backward pass, whose
 * tape holds at most 4 nodes per multiply-add of the forward pass at the widths measured (2 to 32), against
 * \f$P\f$ passes forward. In wall-clock time the tape has a price: `bench/bench_autodiff.cpp` measures it
 * against the hand-written backward pass.
 * (claim \ref claim_forward_reverse "forward_reverse")
 * \image html backprop_costs.svg "Work for the gradient of an MLP loss: reverse mode (tape and sweep) and forward mode (P passes)"
 * \image html backprop_layer_norms.svg "Per-layer gradient norms of a 2-8-8-8-1 sigmoid network during GD"
 * \snippet 15_backprop/lesson.cpp l15-cost
 *
 * \section l15_checks The checks
 * Every check of a run, as in the human output (exact values as 12-digit decimals); the full
 * values are in the lesson's `--json` output.
 * \htmlinclude lesson_15_backprop_checks.html
 *
 * \section l15_run A run
 * \verbinclude lesson_15_backprop.txt
 */
#include <sstream>

#include "backprop_checks.hpp"
#include "instance_text.hpp"
#include "lesson_run.hpp"

using namespace descent;
using namespace descent::claims;
using Q = Rational;

namespace {
void write_plots(lessons::LessonRun& run, const std::string& dir) {
  std::ostringstream costs;
  for (const auto& r : backprop::mode_costs()) costs << r[0] << ' ' << r[1] << ' ' << r[2] << '\n';
  run.wrote_plot(lessons::plot_svg(
      dir, "backprop_costs",
      "set title 'Gradient of a 2-w-w-1 sigmoid network loss, 4 examples'\nset xlabel 'parameters P'\n"
      "set ylabel 'node visits'\nset logscale xy\nset key outside below\n"
      "plot 'costs.dat' using 1:2 with linespoints pt 7 lc rgb '#1f77b4' title 'reverse mode: record + sweep (2 x nodes)', "
      "'costs.dat' using 1:3 with linespoints pt 5 lc rgb '#d62728' title 'forward mode: P passes x nodes'",
      {{"costs.dat", costs.str()}}));
  std::ostringstream norms;
  for (const auto& r : backprop::layer_norms(300)) norms << r[0] << ' ' << r[1] << ' ' << r[2] << ' ' << r[3] << ' ' << r[4] << '\n';
  run.wrote_plot(lessons::plot_svg(
      dir, "backprop_layer_norms",
      "set title 'GD (eta = 1) on a 2-8-8-8-1 sigmoid network, 40 two-class examples'\nset xlabel 'step'\n"
      "set ylabel '||grad_(W_k) Loss||'\nset logscale y\nset format y '10^{%T}'\nset key outside below\n"
      "plot 'norms.dat' using 1:2 with lines lw 2 title 'W_1', 'norms.dat' using 1:3 with lines lw 2 title 'W_2', "
      "'norms.dat' using 1:4 with lines lw 2 title 'W_3', 'norms.dat' using 1:5 with lines lw 2 title 'W_4 (output)'",
      {{"norms.dat", norms.str()}}));
}
}  // namespace

int main(int argc, char** argv) {
  lessons::LessonRun run{"15_backprop", "Computing gradients: backpropagation and automatic differentiation"};
  Q eta_flag;
  run.number_option({.name = "eta", .default_value = "1/10", .lower = "1/1000", .lower_open = false,
                    .upper = "10", .upper_open = false,
                    .meaning = "the step of poll 0's update (step 2)"},
                   eta_flag);
  if (auto rc = run.parse(argc, argv)) return *rc;

  return run.run([&] {
    const Q eta = eta_flag;  // in its range: checked by run.parse()

    //! [l15-recap]
    run.step("Step 1: seed 002's vector derivatives", "A 3-2-2-1 network with square activations, exact.");
    run.record(backprop::weight_gradient());
    run.record(backprop::bias_gradient());
    run.record(backprop::chain_to_previous_layer());
    //! [l15-recap]

    //! [l15-poll]
    run.step("Step 2: poll 0 and the training loop", "The same network, eta = " + eta.str() + " (--eta), exact.");
    run.record(backprop::option1_notes_convention(eta));
    run.record(backprop::option4_column_convention());
    run.record(backprop::option1_without_transpose(eta));
    run.record(backprop::notes_loop_is_gd(eta));
    run.record(backprop::loop_stops_at_once(eta));
    //! [l15-poll]

    //! [l15-modes]
    run.step("Step 3: forward mode, reverse mode, the library",
             "Exact in rationals; the transcendental problems at " + std::to_string(run.digits()) + " digits.");
    run.record(backprop::backprop_equals_reverse());
    run.record(backprop::forward_equals_reverse());
    run.record(backprop::exact_finite_differences());
    run.record(backprop::library_exact());
    run.record(backprop::library_transcendental());
    run.record(backprop::relu_kink());
    //! [l15-modes]

    //! [l15-fd]
    // h = 10^-(digits/5): the truncation (h^2) stays far above the interval's rounding width (10^-digits/h)
    const Q h = Q(1) / claims::detail::pow10(run.digits() / 5);
    run.step("Step 4: finite differences with a certified error",
             "A sigmoid network in interval arithmetic with h = " + shown<Q>(h) + "; at 100 digits; a cubic; a kink.");
    run.record(backprop::certified_bound(h));
    run.record(backprop::hundred_digits());
    run.record(backprop::bound_attained_cubic());
    run.record(backprop::kink_in_segment());
    //! [l15-fd]

    //! [l15-mse]
    run.step("Step 5: seed 004's MSE gradient as an adjoint", "A 2-3-2 network, K = 3 examples, exact.");
    run.record(backprop::adjoint_formula());
    run.record(backprop::adjoint_transposed());
    //! [l15-mse]

    //! [l15-cost]
    run.step("Step 6: forward or backward?", "Jacobians exact; tape sizes counted in double.");
    run.record(backprop::jacobians_agree());
    run.record(backprop::tape_linear());
    //! [l15-cost]

    if (run.plot_dir()) write_plots(run, *run.plot_dir());
  });
}
