/** \page lesson_08_momentum Lesson 8 — Momentum: heavy ball and Nesterov
 *
 * Symbols: \f$f\f$ the objective, \f$\eta\f$ the step, \f$\beta\f$ the momentum, \f$v\f$ the
 * velocity (the last step), \f$b\f$ PyTorch's momentum buffer, \f$\mu\f$ and \f$L\f$ the smallest and
 * largest curvature (strong convexity and smoothness), \f$\kappa = L/\mu\f$, \f$\rho\f$ a spectral
 * radius, \f$T\f$ an iteration matrix. Sources: seeds 002, 003; Polyak (1964); Nesterov (1983,
 * 2004); Lessard, Recht & Packard (2016).
 *
 * \section l08_forms Step 1: one method, three ways to write it
 * Seed 002 keeps the last step: \f$\Delta W^{(k)} = \beta\Delta W^{(k-1)} - \eta\nabla f(W^{(k-1)})\f$,
 * \f$W^{(k)} = W^{(k-1)} + \Delta W^{(k)}\f$. Seed 003 (Polyak's heavy ball) keeps an unscaled
 * velocity, \f$v_{t+1} = -\nabla f(x_t) + \beta v_t\f$, \f$x_{t+1} = x_t + \eta v_{t+1}\f$; PyTorch's
 * `SGD(momentum=β)` keeps a buffer \f$b \leftarrow \beta b + \nabla f(x)\f$, \f$x \leftarrow x - \eta b\f$.
 * With a constant \f$\eta\f$ the three are one method (\f$\Delta W = \eta v = -\eta b\f$), and all
 * eliminate to \f$x_{k+1} = x_k - \eta\nabla f(x_k) + \beta(x_k - x_{k-1})\f$ — checked on exact
 * trajectories. Under a schedule \f$\eta_k\f$ they part: PyTorch's buffer, like seed 003's \f$v\f$, forgets
 * the old \f$\eta\f$, so its step is \f$(\eta_k/\eta_{k-1})\beta(x_k - x_{k-1}) - \eta_k\nabla f(x_k)\f$
 * where seed 002's \f$\Delta W\f$ form keeps \f$\beta(x_k - x_{k-1}) - \eta_k\nabla f(x_k)\f$; at step 2 the
 * two differ by exactly \f$-\beta(\eta_0 - \eta_1)\nabla f(x_0)\f$ (checked), a counterexample dropping
 * the constant step; the Nesterov forms part the same way.
 *
 * Nesterov's method (seed 002's “Nestorov”) takes the gradient after the momentum step:
 * \f$v \leftarrow \beta v - \eta\nabla f(x + \beta v)\f$, \f$x \leftarrow x + v\f$. PyTorch's
 * `nesterov=True` is the same method seen at the look-ahead point \f$p_k = x_k + \beta v_k\f$; seed
 * 002's “Training with Nestorov” pseudo-code, run line by line, gives the same \f$x_k\f$ — once
 * \f$\Delta W_k = 0\f$ is set before the loop. As written (line 1813) it is reset inside the loop,
 * and the loop is plain gradient descent: refuted. Seed 003 writes Nesterov in its own
 * parametrization, \f$v_{t+1} = -\nabla f(x_t + \beta v_t) + \beta v_t\f$, \f$x_{t+1} = x_t + \eta v_{t+1}\f$:
 * there the momentum step is \f$\eta\beta v_t\f$, so the look-ahead must be \f$x_t + \eta\beta v_t\f$;
 * as written it is Nesterov's method only for \f$\eta = 1\f$. On \f$\tfrac12(x^2 + 100y^2)\f$ with
 * Nesterov's own tuning \f$\eta = 1/L\f$, \f$\beta = (\sqrt\kappa - 1)/(\sqrt\kappa + 1) = 9/11\f$ the two
 * trajectories differ — refuted.
 * (claims \ref claim_heavy_ball_forms "heavy_ball_forms", \ref claim_nesterov_forms "nesterov_forms")
 * \snippet 08_momentum/lesson.cpp l08-forms
 *
 * \section l08_rate Step 2: the rate on quadratics, from the iteration matrix
 * On \f$\tfrac12 x^\top Ax\f$ each eigenvalue \f$\lambda\f$ of \f$A\f$ evolves on its own:
 * \f$(x_{k+1}, x_k) = T_\lambda(x_k, x_{k-1})\f$ with characteristic polynomial
 * \f$p(z) = z^2 - (1 + \beta - \eta\lambda)z + \beta\f$. For \f$0 \le \beta < 1\f$, by Jury's test both
 * roots lie inside the unit circle iff \f$0 < \eta\lambda < 2 + 2\beta\f$ (at the edge the roots are
 * \f$-1\f$ and \f$-\beta\f$); each case is checked from the roots. For
 * \f$\beta \ge (1 - \sqrt{\eta\lambda})^2\f$ the roots are complex (or, at equality, a double real root)
 * with \f$|z| = \sqrt\beta\f$, and the critical \f$\beta = (1 - \sqrt{\eta\lambda})^2\f$ gives the double
 * root \f$1 - \sqrt{\eta\lambda}\f$.
 * Polyak's tuning \f$\eta = 4/(\sqrt L + \sqrt\mu)^2\f$, \f$\beta = ((\sqrt\kappa - 1)/(\sqrt\kappa + 1))^2\f$
 * puts every \f$\lambda \in [\mu, L]\f$ in the complex regime (the discriminant, a convex quadratic in
 * \f$\lambda\f$, vanishes exactly at \f$\mu\f$ and \f$L\f$), so
 * \f[ \rho(T) = \frac{\sqrt\kappa - 1}{\sqrt\kappa + 1} \approx 1 - \frac{2}{\sqrt\kappa}, \qquad
 *     \text{iterations} \approx \tfrac{\sqrt\kappa}{2}\ln\tfrac1\varepsilon \text{ against } \tfrac{\kappa}{2}\ln\tfrac1\varepsilon , \f]
 * (plus \f$\tfrac{\sqrt\kappa}{2}\ln t\f$ for the Jordan factor below: the count solves
 * \f$t = \tfrac{\sqrt\kappa}{2}(\ln\tfrac1\varepsilon + \ln t)\f$, 1280 at \f$\kappa = 10^4\f$, \f$\varepsilon = 10^{-8}\f$, against 1297
 * measured; the check asserts the count within a factor 1.1 of that prediction and rejects GD's rate)
 * seed 003's “\f$\kappa = 10^8 \Rightarrow 10^8 \rightarrow 10^4\f$” (the converted slide reads
 * \f$\sqrt{\mathcal K} = \log(1/\epsilon)\f$ for \f$\sqrt\kappa\log(1/\epsilon)\f$). The radius is checked
 * exactly at \f$\kappa = 100\f$ and at 50 digits at \f$\kappa = 1000\f$, where \f$p(z)\f$ is not taken from the
 * formula but read off the library's heavy-ball iterates on \f$\lambda x^2/2\f$ (three iterates determine
 * \f$x_{k+1} = c\,x_k - b\,x_{k-1}\f$), so that a slip in the iteration would show; GD's rate
 * \f$(\kappa-1)/(\kappa+1)\f$ is rejected there, and the stability edge \f$2 + \beta\f$ in place of
 * \f$2 + 2\beta\f$ is rejected at \f$\eta\lambda = 2.9\f$, \f$\beta = 1/2\f$. A spectral radius is a norm bound
 * only for a normal iteration matrix: gradient descent's \f$I - \eta A\f$ is symmetric and
 * \f$\|x_t\| \le \rho^t\|x_0\|\f$ holds; heavy ball's companion matrix is never normal, and already
 * \f$x_1 = 117/121 > \rho x_0 = 99/121\f$ (at \f$\lambda = \mu\f$, where the root is double, a Jordan block:
 * \f$|x_t|/\rho^t\f$ grows like \f$t\f$). The truth is \f$\|x_t\| \le C(t + 1)\rho^t\|x_0\|\f$.
 * (claim \ref claim_heavy_ball_quadratic_rate "heavy_ball_quadratic_rate")
 * \image html momentum_errors.svg "Error of GD, heavy ball and Nesterov on quadratics with kappa = 100 and 10^4"
 * \image html momentum_iterations.svg "Iterations to reach 10^-8 against kappa: slopes kappa and sqrt(kappa)"
 * \snippet 08_momentum/lesson.cpp l08-rate
 *
 * \section l08_lessard Step 3: not for every strongly convex function
 * Seed 003: the \f$\sqrt\kappa\f$ rate “does not hold for general strongly convex” functions.
 * Lessard, Recht & Packard (2016) make it concrete with a 1-D function whose gradient is
 * \f$25x\f$, \f$x + 24\f$, \f$25x - 24\f$ on \f$x < 1\f$, \f$[1, 2)\f$, \f$x \ge 2\f$: 1-strongly convex and
 * 25-smooth (checked exactly on difference quotients: \f$f'\f$ is continuous and piecewise linear with
 * slopes 25, 1, 25), minimum 0 at 0. Heavy ball tuned for
 * \f$\mu = 1, L = 25\f$ (\f$\eta = 1/9\f$, \f$\beta = 4/9\f$) has the exact 3-cycle
 * \f$792/1225 \to -2208/1225 \to 2592/1225\f$, which it never leaves; from \f$x_0 = 33/10\f$ with no
 * initial momentum the exact rational trajectory is drawn into it (within \f$10^{-30}\f$ after 200
 * steps; it cannot land on it exactly, since its denominators hold only the primes 2, 3, 5).
 * Gradient descent and Nesterov's scheme converge on the same function. Why the cycle: all three cycle
 * points lie on the slope-25 pieces, so there the iteration is the linear heavy-ball map of the
 * quadratic \f$25x^2/2\f$ plus a constant, and three steps compose to an affine map whose linear part has the
 * double eigenvalue \f$-8/27\f$: a fixed point of the three-step map, attracting, but not the minimum.
 * Seed 002 sums up: "Momentum methods which emphasize directions of steady improvement are demonstrably
 * superior to other methods" — refuted on this very function (heavy ball with its best quadratic
 * tuning ends on the cycle while gradient descent converges).
 * (claim \ref claim_heavy_ball_not_global "heavy_ball_not_global")
 * \image html lessard_cycle.svg "Heavy ball on the Lessard function from 3.3: drawn into the 3-cycle"
 * \snippet 08_momentum/lesson.cpp l08-lessard
 *
 * \section l08_nesterov Step 4: Nesterov's rate for every strongly convex function
 * With \f$y_k = x_k + \beta(x_k - x_{k-1})\f$, \f$x_{k+1} = y_k - \nabla f(y_k)/L\f$ and
 * \f$\beta = (\sqrt\kappa - 1)/(\sqrt\kappa + 1)\f$ (the notes' look-ahead form with \f$\eta = 1/L\f$),
 * Nesterov (2004, Thm 2.2.3) proves for every \f$\mu\f$-strongly convex, \f$L\f$-smooth \f$f\f$
 * \f[ f(x_k) - f^* \le \Big(1 - \frac1{\sqrt\kappa}\Big)^k\Big(f(x_0) - f^* + \frac\mu2\|x_0 - x^*\|^2\Big) , \f]
 * checked exactly on the Lessard function and on a rotated quadratic (\f$\kappa = 25\f$). On a
 * quadratic the factor \f$1 - 1/\sqrt\kappa\f$ is exact for the *iterate*: at \f$\lambda = \mu\f$ the
 * iteration has the double root \f$1 - 1/\sqrt\kappa\f$, so \f$f - f^*\f$ shrinks by its square and the
 * bound in \f$f\f$ is conservative there. The step must respect the true smoothness: the scheme built
 * for \f$L = 4\f$ diverges on \f$9x^2/2\f$. (Heavy ball's smaller radius \f$(\sqrt\kappa-1)/(\sqrt\kappa+1)\f$ is rejected for
 * Nesterov's iteration at \f$\lambda = \mu\f$.)
 * (claim \ref claim_nesterov_strongly_convex_rate "nesterov_strongly_convex_rate")
 * \snippet 08_momentum/lesson.cpp l08-nesterov
 *
 * \section l08_slope Step 5: a plane of constant slope
 * Seed 002's poll 4: “On a flat surface of constant slope momentum methods will converge faster
 * than vanilla gradient descent” — the notes' answer, “False – momentum only changes step size”.
 * On \f$f = g^\top x\f$ every step is \f$-\eta\frac{1 - \beta^{k+1}}{1 - \beta}g\f$: the direction of
 * gradient descent, with a length growing to \f$\eta\|g\|/(1 - \beta)\f$ — ten times GD's at
 * \f$\beta = 0.9\f$. So momentum is GD with the step \f$\eta/(1 - \beta)\f$ (after a transient), which is
 * the sense in which the answer is right; against GD with the same \f$\eta\f$ it does travel ten
 * times as fast. Where the gradient is not constant the steps do not grow this way.
 * (claim \ref claim_momentum_constant_slope "momentum_constant_slope")
 * \snippet 08_momentum/lesson.cpp l08-slope
 *
 * \section l08_checks The checks
 * Every check of a run, as in the human output (exact values as 12-digit decimals); the full
 * values are in the lesson's `--json` output.
 * \htmlinclude lesson_08_momentum_checks.html
 *
 * \section l08_run A run
 * \verbinclude lesson_08_momentum.txt
 */
#include <cmath>
#include <sstream>

#include "descent/problems/test_functions.hpp"
#include "lesson_run.hpp"
#include "momentum_checks.hpp"

using namespace descent;
using namespace descent::claims;
using Q = Rational;

namespace {
void write_plots(lessons::LessonRun& run, const std::string& dir) {
  std::ostringstream errors;
  for (double kappa : {100.0, 1e4}) {
    const auto curves = momentum::error_curves(kappa, 1500);
    for (const auto& c : curves) {
      for (std::size_t t = 0; t < c.size(); t += 5)
        if (c[t] > 0) errors << t << ' ' << c[t] << '\n';
      errors << "\n\n";
    }
  }
  run.wrote_plot(lessons::plot_svg(
      dir, "momentum_errors",
      "set title 'Error ||x_t||/||x_0|| on a quadratic with 10 eigenvalues in [1, κ]'\nset xlabel 'step t'\n"
      "set ylabel '||x_t|| / ||x_0||'\nset logscale y\nset format y '10^{%L}'\nset yrange [1e-16:100]\nset key outside right\nset size 1,1\n"
      "plot 'errors.dat' index 0 with lines lw 2 dt 2 lc rgb '#d62728' title 'GD, κ = 100', "
      "'errors.dat' index 1 with lines lw 2 dt 2 lc rgb '#1f77b4' title 'heavy ball, κ = 100', "
      "'errors.dat' index 2 with lines lw 2 dt 2 lc rgb '#2ca02c' title 'Nesterov, κ = 100', "
      "'errors.dat' index 3 with lines lw 2 lc rgb '#d62728' title 'GD, κ = 10^4', "
      "'errors.dat' index 4 with lines lw 2 lc rgb '#1f77b4' title 'heavy ball, κ = 10^4', "
      "'errors.dat' index 5 with lines lw 2 lc rgb '#2ca02c' title 'Nesterov, κ = 10^4'",
      {{"errors.dat", errors.str()}}));

  std::ostringstream counts;
  for (double kappa : {4.0, 10.0, 30.0, 100.0, 300.0, 1e3, 3e3, 1e4, 3e4, 1e5}) {
    const auto c = momentum::iteration_counts(kappa, 1e-8);
    counts << kappa << ' ' << c[0] << ' ' << c[1] << ' ' << c[2] << '\n';
  }
  run.wrote_plot(lessons::plot_svg(
      dir, "momentum_iterations",
      "set title 'Steps to ||x_t|| <= 10^{-8} ||x_0|| on diag(1, κ)'\nset xlabel 'κ'\nset ylabel 'steps'\n"
      "set logscale xy\nset format x '10^{%L}'\nset format y '10^{%L}'\nset key top left\n"
      "plot 'counts.dat' using 1:2 with linespoints pt 7 lc rgb '#d62728' title 'GD, η = 2/(L + μ)', "
      "'counts.dat' using 1:3 with linespoints pt 7 lc rgb '#1f77b4' title 'heavy ball (Polyak)', "
      "'counts.dat' using 1:4 with linespoints pt 6 lc rgb '#2ca02c' title 'Nesterov', "
      "(x/2)*log(1e8) with lines dt 2 lc rgb '#d62728' title '(κ/2) ln(1/ε)', "
      "(sqrt(x)/2)*log(1e8) with lines dt 2 lc rgb '#1f77b4' title '(√κ/2) ln(1/ε)'",
      {{"counts.dat", counts.str()}}));

  std::ostringstream path;
  const auto xs = momentum::lessard_trajectory(Q(33, 10), 60);
  for (std::size_t k = 0; k < xs.size(); ++k) path << k << ' ' << xs[k] << '\n';
  run.wrote_plot(lessons::plot_svg(
      dir, "lessard_cycle",
      "set title 'Heavy ball (η = 1/9, β = 4/9), Lessard function, x_0 = 3.3'\nset xlabel 'step k'\n"
      "set ylabel 'x_k'\nset yrange [-4:4]\nset key bottom right\n"
      "plot 'path.dat' with linespoints pt 7 lc rgb '#1f77b4' title 'x_k (exact rationals)', "
      "792/1225. with lines dt 2 lc rgb '#888888' title 'the 3-cycle: 792/1225, -2208/1225, 2592/1225', "
      "-2208/1225. with lines dt 2 lc rgb '#888888' notitle, 2592/1225. with lines dt 2 lc rgb '#888888' notitle, "
      "0 with lines lc rgb '#2ca02c' title 'minimizer x* = 0'",
      {{"path.dat", path.str()}}));
}
}  // namespace

int main(int argc, char** argv) {
  lessons::LessonRun run{"08_momentum", "Momentum: heavy ball and Nesterov"};
  Q beta_flag;
  int steps = 12;
  run.number_option({.name = "beta", .default_value = "9/10", .lower = "0", .lower_open = false,
                    .upper = "1", .upper_open = true,
                    .meaning = "your momentum for the form checks on the rotated quadratic and the Lessard function (the forms must agree for every beta)"},
                   beta_flag);
  run.int_option("--steps", steps,
                 "trajectory length of the form checks, 2 to 60",
                 12, 2, 60);
  if (auto rc = run.parse(argc, argv)) return *rc;

  return run.run([&] {
    const Q beta = beta_flag;  // in its range: checked by run.parse()

    //! [l08-forms]
    run.step("Step 1: one method, three ways to write it",
             "Exact trajectories on a rotated 3x3 quadratic (spectrum 1, 4, 25) and on the Lessard function, eta = "
             "1/25, beta = " + beta.str() + " (--beta).");
    const Mat<Q> R = cayley_orthogonal<Q>(3, {Q(1, 2), Q(-1, 3), Q(1, 4)});
    const Mat<Q> A = with_spectrum<Q>(R, {Q(1), Q(4), Q(25)});
    const Vec<Q> x_star = (Vec<Q>(3) << 1, -2, Q(1, 2)).finished();
    const Quadratic<Q> quad(A, Vec<Q>(A * x_star), Q(0));
    const Vec<Q> x0 = (Vec<Q>(3) << 3, 1, -2).finished();
    const Lessard<Q> lessard(Q(1), Q(25));
    const Vec<Q> l0 = Vec<Q>::Constant(1, Q(33, 10));
    run.record(momentum::heavy_ball_forms_agree(quad, x0, Q(1, 25), beta, steps));
    run.record(momentum::heavy_ball_forms_agree(lessard, l0, Q(1, 25), beta, steps));
    run.record(momentum::heavy_ball_forms_under_schedule(quad, x0, Q(1, 25), Q(9, 10)));
    run.record(momentum::heavy_ball_schedule_difference(quad, x0, Q(1, 25), Q(9, 10)));
    run.record(momentum::nesterov_forms_agree(quad, x0, Q(1, 25), beta, steps));
    run.record(momentum::nesterov_forms_agree(lessard, l0, Q(1, 25), beta, steps));
    run.record(momentum::nesterov_forms_under_schedule(quad, x0, Q(1, 25), Q(9, 10), 4));
    const Quadratic<Q> stiff((Mat<Q>(2, 2) << 1, 0, 0, 100).finished(), Vec<Q>::Zero(2), Q(0));
    run.record(momentum::seed_lookahead(stiff, Vec<Q>::Ones(2), Q(1, 100), Q(9, 11), 8));
    run.record(momentum::seed_pseudocode_reinitialized(quad, x0, Q(1, 25), Q(9, 10), 6));
    //! [l08-forms]

    //! [l08-rate]
    run.step("Step 2: the rate on quadratics, from the iteration matrix",
             "Per eigenvalue lambda: p(z) = z^2 - (1 + beta - eta lambda) z + beta; Polyak's tuning for mu = 1.");
    run.record(momentum::polyak_radius_exact(Q(10), {Q(1), Q(2), Q(7), Q(50), Q(99), Q(100)}));
    run.record(momentum::polyak_radius_mpfr(Q(1000)));
    run.record(momentum::stability(Q(1, 2), Q(29, 10)));
    run.record(momentum::stability(Q(1, 2), Q(3)));
    run.record(momentum::stability(Q(1, 2), Q(31, 10)));
    run.record(momentum::critical_beta(Q(1, 2)));
    run.record(momentum::gd_naive_bound(30));
    run.record(momentum::transient_growth(Q(10), 80));
    run.record(momentum::iterations_to_tolerance(1e4, 1e-8));
    //! [l08-rate]

    //! [l08-lessard]
    run.step("Step 3: not for every strongly convex function",
             "The Lessard, Recht & Packard function (mu = 1, L = 25); heavy ball with eta = 1/9, beta = 4/9, exact.");
    run.record(momentum::lessard_smooth_strongly_convex());
    run.record(momentum::lessard_cycle(30));
    run.record(momentum::lessard_attracted(200));
    run.record(momentum::lessard_distance_to_cycle(200));
    run.record(momentum::lessard_gd_converges(20));
    run.record(momentum::seed_momentum_superior(60));
    //! [l08-lessard]

    //! [l08-nesterov]
    run.step("Step 4: Nesterov's rate for every strongly convex function",
             "y_k = x_k + beta (x_k - x_{k-1}), x_{k+1} = y_k - grad f(y_k)/L, beta = (sqrt(kappa) - 1)/(sqrt(kappa) + 1), "
             "exact (kappa = 25 and 100).");
    run.record(momentum::nesterov_bound(lessard, "Lessard function", Q(1), Q(25), Vec<Q>::Zero(1), l0, 40));
    run.record(momentum::nesterov_bound(quad, "rotated quadratic, spectrum 1, 4, 25", Q(1), Q(25), x_star, x0, 25));
    run.record(momentum::nesterov_radius(Q(10)));
    run.record(momentum::nesterov_wrong_L(Q(9), Q(4), 20));
    //! [l08-nesterov]

    //! [l08-slope]
    run.step("Step 5: a plane of constant slope", "f = g^T x with g = (3, -4), eta = 1/10, beta = 9/10, exact.");
    const Vec<Q> g = (Vec<Q>(2) << 3, -4).finished();
    run.record(momentum::slope_steps(g, Q(1, 10), Q(9, 10), 40));
    run.record(momentum::slope_step_limit(g, Q(1, 10), Q(9, 10)));
    run.record(momentum::slope_needs_plane(Q(1, 10), Q(9, 10), 40));
    //! [l08-slope]

    if (run.plot_dir()) write_plots(run, *run.plot_dir());
  });
}
