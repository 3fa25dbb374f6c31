/** \page lesson_03_step_size_regimes Lesson 3 — how large may the step be?
 *
 * Symbols: \f$E(w) = \tfrac12 aw^2 + bw + c\f$ (seed 002's 1-D quadratic), \f$w^* = -b/a\f$,
 * \f$e_k = w_k - w^*\f$, \f$\eta\f$ the step, \f$\eta_{opt} = 1/a\f$, \f$\lambda_i\f$ the Hessian's
 * eigenvalues, \f$L = \lambda_{\max}\f$, \f$R\f$ the convergence-rate ratio. Sources: seeds 001, 002.
 *
 * \section l03_regimes Step 1: the five regimes on a 1-D quadratic
 * GD gives \f$e_{k+1} = e_k - \eta a e_k = (1 - \eta a)\,e_k\f$, so \f$e_k = (1-\eta/\eta_{opt})^k e_0\f$:
 * - \f$\eta < \eta_{opt}\f$: factor in (0, 1), monotone convergence;
 * - \f$\eta = \eta_{opt}\f$: factor 0, the minimum in one step (Newton's step, seed 002);
 * - \f$\eta_{opt} < \eta < 2\eta_{opt}\f$: factor in (−1, 0), oscillating convergence;
 * - \f$\eta = 2\eta_{opt}\f$: factor −1, oscillation of constant amplitude forever;
 * - \f$\eta > 2\eta_{opt}\f$: factor below −1, divergence.
 *
 * Each is checked on an exact rational trajectory. Seed 002's “we can get divergence if
 * \f$\eta \ge 2\eta_{opt}\f$” is hedged (“can”), and at equality the amplitude merely stays
 * \f$|e_0|\f$, so it is not refuted. Its multivariate “will oscillate in all directions where
 * \f$\eta_{i,opt} \le \eta < 2\eta_{i,opt}\f$” is unhedged: on \f$A = \mathrm{diag}(1/0.91, 1)\f$ at
 * \f$\eta = \eta_{1,opt} = 0.91\f$ coordinate 1 reaches its minimum in one step — refuted.
 * Without convexity (\f$a < 0\f$) even a small step diverges. The two tight checks also reject
 * the boundaries read one regime too far: oscillation already at \f$\eta_{opt}\f$ (the notes'
 * slip), divergence already at \f$2\eta_{opt}\f$.
 * (claim \ref claim_quadratic_1d_regimes "quadratic_1d_regimes")
 * \image html regimes.svg "GD iterates w_k for the five regimes (a = 4, eta_opt = 1/4)"
 * \snippet 03_step_size_regimes/lesson.cpp l03-regimes
 *
 * \section l03_stable Step 2: stable iff η < 2/λmax
 * On \f$\tfrac12(x-x^*)^\top A(x-x^*)\f$ with \f$A = Q\Lambda Q^\top\f$, each eigen-component
 * of the error is multiplied by \f$1 - \eta\lambda_i\f$ per step, so GD converges from every
 * start iff \f$|1 - \eta\lambda_i| < 1\f$ for all \f$i\f$, i.e. \f$0 < \eta < 2/\lambda_{\max} =
 * 2\min_i 1/\lambda_i\f$ (seed 002 writes \f$2\min_i\eta_{i,opt}\f$ with \f$\eta_{i,opt} = 1/a_{ii}\f$, the
 * same thing only for a diagonal \f$A\f$). A start with a component on the top eigenvector
 * diverges for \f$\eta > 2/\lambda_{\max}\f$, and at \f$\eta = 2/\lambda_{\max}\f$ exactly (a rotated
 * \f$A\f$) keeps its norm. A start on the eigenvector of the largest
 * \f$|1 - \eta\lambda_i|\f$ attains the contraction bound exactly (tight). Which eigenvalue sets
 * \f$\rho = \max_i|1 - \eta\lambda_i|\f$ depends on \f$\eta\f$: below \f$2/(\lambda_{\max} + \lambda_{\min})\f$ it
 * is \f$\lambda_{\min}\f$ — at \f$\eta = 1/4\f$ on the spectrum \{4, 1\}, \f$\rho = 3/4\f$ while
 * \f$|1 - \eta\lambda_{\max}| = 0\f$ — and the start on the \f$\lambda_{\min}\f$ eigenvector rejects the rate
 * of \f$\lambda_{\max}\f$ alone. Seed 002 states the rule with
 * \f$\eta_{i,opt} = 1/a_{ii}\f$ under “when \f$A\f$ is diagonal”; dropping that hypothesis breaks it: for
 * \f$A = \begin{bmatrix}1 & 0.9\\ 0.9 & 1\end{bmatrix}\f$, \f$\eta = 1.5 < 2\min_i 1/a_{ii} = 2\f$
 * but \f$\lambda_{\max} = 1.9\f$ and GD diverges (a counterexample, not an erratum). Seed 002
 * then says that otherwise “the learning will diverge”: at \f$\eta = 2\min_i\eta_{i,opt}\f$ the
 * stiff coordinate keeps exactly its amplitude (it would have to grow for the error to
 * diverge, and it does for every larger \f$\eta\f$) and the others converge — refuted. Seed 002's
 * example \f$\eta_{1,opt} = 1, \eta_{2,opt} = 0.91, \eta = 1.9\,\eta_{2,opt} = 1.729\f$ converges and
 * oscillates in both directions (factors \f$1 - \eta/\eta_{i,opt} = -0.729\f$ and \f$-0.9\f$). That
 * coordinates follow their own regimes is checked where they differ: at \f$\eta = 0.95\f$ the
 * factors are \f$0.05\f$ (monotone) and \f$-0.044\f$ (oscillating).
 * (claim \ref claim_gd_stable_iff_below_2_over_L "gd_stable_iff_below_2_over_L")
 * \image html contour.svg "GD paths on a rotated quadratic (spectrum 4 and 1, 2/L = 0.5)"
 * \snippet 03_step_size_regimes/lesson.cpp l03-stable
 *
 * \section l03_monotone Step 3: does every update lower L?
 * Seed 001 asks whether \f$L(\theta^0) > L(\theta^1) > \dots\f$ always. Not in general: on
 * \f$\tfrac12 Lx^2\f$ a step \f$\eta > 2/L\f$ raises \f$f\f$. With \f$\eta < 2/L\f$ on an
 * \f$L\f$-smooth function the descent lemma gives \f$f(x^+) \le f(x) - \eta(1 - L\eta/2)\|g\|^2 < f(x)\f$,
 * with equality on \f$\tfrac12 Lx^2\f$ (tight, which rejects the constant \f$L\eta/4\f$) — until an
 * iterate is stationary, where \f$g = 0\f$ and the iterates stop.
 * (claim \ref claim_gd_monotone_decrease_not_guaranteed "gd_monotone_decrease_not_guaranteed")
 * \snippet 03_step_size_regimes/lesson.cpp l03-monotone
 *
 * \section l03_rate Step 4: the convergence-rate ratio
 * Seed 002 defines \f$R = |f(x_{k+1}) - f^*|/|f(x_k) - f^*|\f$. On the 1-D quadratic
 * \f$E(w_k) - E^* = \tfrac a2 e_k^2\f$, so \f$R = (1-\eta a)^2\f$ at every step and
 * \f$|f(x_k) - f^*| = R^k|f(x_0) - f^*|\f$ exactly: linear convergence when \f$R < 1\f$, the
 * bound attained (the factor of the iterate, \f$|1 - \eta a|\f$, is not \f$R\f$: rejected). The notes
 * omit \f$R < 1\f$: at \f$\eta = 2\eta_{opt}\f$, \f$R = 1\f$ at every step and
 * nothing converges — refuted. On a non-quadratic the ratio changes from step to step, and a
 * bound built from the first ratio fails.
 * (claim \ref claim_convergence_rate_ratio "convergence_rate_ratio")
 * \snippet 03_step_size_regimes/lesson.cpp l03-rate
 *
 * \section l03_checks The checks
 * Every check of a run, as in the human output (exact values as 12-digit decimals, intervals
 * as certified bounds); the full values are in the lesson's `--json` output.
 * \htmlinclude lesson_03_step_size_regimes_checks.html
 *
 * \section l03_run A run
 * \verbinclude lesson_03_step_size_regimes.txt
 */
#include <sstream>

#include "lesson_run.hpp"
#include "step_size.hpp"

using namespace descent;
using namespace descent::claims;
using Q = Rational;

namespace {
void write_plots(lessons::LessonRun& run, const std::string& dir) {
  // Five regimes on E = ½·4w² − 2w (w* = 1/2), w0 = 3.
  std::ostringstream data;
  const Q factors[] = {Q(1, 2), Q(1), Q(3, 2), Q(2), Q(5, 2)};
  for (const Q& f : factors) {
    const auto w = step_size::quadratic_1d_iterates(Q(4), Q(-2), Q(0), Q(3), f / 4, 12);
    for (std::size_t k = 0; k < w.size(); ++k) data << k << ' ' << to_double<Q>(w[k]) << '\n';
    data << "\n\n";
  }
  run.wrote_plot(lessons::plot_svg(dir, "regimes",
                    "set title 'GD on E = 2w^2 - 2w from w_0 = 3 (w* = 1/2)'\nset xlabel 'step k'\nset ylabel 'w_k'\n"
                    "set yrange [-8:9]\nset key outside right\n"
                    "plot for [i=0:4] 'regimes.dat' index i with linespoints title word('0.5η_{opt} η_{opt} 1.5η_{opt} "
                    "2η_{opt} 2.5η_{opt}', i+1)",
                    {{"regimes.dat", data.str()}}));
  // Contour of a rotated quadratic with spectrum {4, 1} and GD paths, one panel per step
  // size, so that η = 0.49 (slow, oscillating convergence) and η = 0.51 (divergence) are
  // told apart; the same start in every panel.
  const Mat<double> R = cayley_orthogonal<double>(2, {0.5});
  const Mat<double> A = with_spectrum<double>(R, {4.0, 1.0});
  const Quadratic<double> f(A, Vec<double>::Zero(2), 0.0);
  std::ostringstream grid, paths;
  grid << lessons::contour_grid(f, -3, 3, -3, 3, 0.1);
  for (double eta : {0.3, 0.49, 0.51}) {
    GradientDescent<double> gd(eta);
    StopRule<double> stop;
    stop.max_steps = 12;
    const auto tr = descent::run<double>(f, gd, (Vec<double>(2) << 2.0, 0.5).finished(), stop);
    for (const auto& x : tr.x) paths << x(0) << ' ' << x(1) << '\n';
    paths << "\n\n";
  }
  run.wrote_plot(lessons::plot_svg(
      dir, "contour",
      "set terminal svg size 1080,420 dynamic enhanced font 'sans,12' background rgb 'white'\nset output 'contour.svg'\n"
      "set view map\nunset surface\nset contour base\nset cntrparam levels incremental 0.5,2,20\n"
      "set table 'contour.tab'\nsplot 'grid.dat' with lines\nunset table\n"
      "set multiplot layout 1,3 title 'GD on a rotated quadratic (spectrum 4 and 1, 2/λ_{max} = 0.5), 12 steps from (2, 0.5)'\n"
      "set size ratio -1\nset xrange [-3:3]\nset yrange [-3:3]\nunset key\n"
      "set title 'η = 0.30: converges'\nplot 'contour.tab' with lines lc rgb '#bbbbbb', 'paths.dat' index 0 with "
      "linespoints pt 7 lc rgb '#2ca02c'\n"
      "set title 'η = 0.49 < 2/λ_{max}: oscillates, converges'\nplot 'contour.tab' with lines lc rgb '#bbbbbb', 'paths.dat' "
      "index 1 with linespoints pt 7 lc rgb '#1f77b4'\n"
      "set title 'η = 0.51 > 2/λ_{max}: diverges'\nplot 'contour.tab' with lines lc rgb '#bbbbbb', 'paths.dat' index 2 "
      "with linespoints pt 7 lc rgb '#d62728'\nunset multiplot",
      {{"grid.dat", grid.str()}, {"paths.dat", paths.str()}}));
}
}  // namespace

int main(int argc, char** argv) {
  lessons::LessonRun run{"03_step_size_regimes", "How large may the step be?"};
  Q eta_flag;
  int steps = 30;
  run.number_option({.name = "eta", .default_value = "3/8", .lower = "0", .lower_open = true,
                    .upper = "1", .upper_open = false,
                    .meaning = "your step on E = 2w^2 - 2w (a = 4, eta_opt = 1/4, 2 eta_opt = 1/2)"},
                   eta_flag);
  run.int_option("--steps", steps,
                 "trajectory length, 2 to 500",
                 30, 2, 500);
  if (auto rc = run.parse(argc, argv)) return *rc;

  return run.run([&] {
    const bool eta_given = run.given("--eta");
    const Q eta = eta_flag;  // in its range: checked by run.parse()
    const Q a = 4, b = -2, w0 = 3;  // E = 2w² − 2w, w* = 1/2, η_opt = 1/4

    //! [l03-regimes]
    run.step("Step 1: the five regimes on a 1-D quadratic", "e_{k+1} = (1 - eta a) e_k, exact rational trajectories.");
    run.record(step_size::regime(a, b, w0, Q(1, 8), steps, Kind::holds));
    run.record(step_size::regime(a, b, w0, Q(1, 4), steps, Kind::tight));
    run.record(step_size::regime(a, b, w0, Q(3, 8), steps, Kind::holds));
    run.record(step_size::regime(a, b, w0, Q(1, 2), steps, Kind::tight));
    run.record(step_size::regime(a, b, w0, Q(5, 8), steps, Kind::holds));
    // seed 002's multivariate example with the roles swapped: eta_1,opt = 0.91, eta_2,opt = 1, at eta = eta_1,opt
    run.record(step_size::seed_oscillation_at_eta_opt(Q(100, 91), Q(1), steps));
    run.record(step_size::regime(Q(-4), b, w0, Q(1, 8), steps, Expect::counterexample("convex")));
    // The user's step: theory predicts the regime; the trajectory must show it.
    const auto predicted = step_size::predicted_regime(a, eta);
    if (eta_given) {
      run.note("--eta adds the check below: your --eta = " + eta.str() + " = " + (eta * a).str() +
               " eta_opt; theory predicts " + std::string(step_size::to_string(predicted)) +
               (eta * a > 2 ? " (|1 - eta a| = " + (eta * a - 1).str() + " > 1: each step multiplies the error by it)" : ""));
      run.record(step_size::regime(a, b, w0, eta, steps, (eta * a == 1 || eta * a == 2) ? Kind::tight : Kind::holds));
    } else {
      run.note("--eta adds a check of your own step on E = 2w^2 - 2w (the default, 3/8 = 3/2 eta_opt, is the "
               "oscillating check above)");
    }
    //! [l03-regimes]

    //! [l03-stable]
    run.step("Step 2: stable iff eta < 2/lambda_max",
             "Quadratics 1/2 x^T A x, rotated (A = Q diag(lambda) Q^T) or diagonal; each check names its A.");
    const Mat<Q> R = cayley_orthogonal<Q>(2, {Q(1, 2)});
    const Vec<Q> start = (Vec<Q>(2) << Q(5, 2), 1).finished();
    run.record(step_size::stability(R, {Q(4), Q(1)}, start, Q(49, 100), steps, Kind::holds));
    run.record(step_size::stability(R, {Q(4), Q(1)}, R.col(0), Q(49, 100), steps, Kind::tight));
    run.record(step_size::stability(R, {Q(4), Q(1)}, R.col(0), Q(51, 100), steps, Kind::holds));
    // eta = 2/lambda_max exactly, rotated A: the top component keeps its norm
    run.record(step_size::stability(R, {Q(4), Q(1)}, R.col(0), Q(1, 2), steps, Kind::tight));
    // eta = 1/4 < 2/(lambda_max + lambda_min): lambda_min sets rho = 3/4 (the top factor is 0)
    run.record(step_size::stability(R, {Q(4), Q(1)}, R.col(1), Q(1, 4), steps, Kind::tight));
    // seed 002: eta_1,opt = 1, eta_2,opt = 0.91, eta = 1.9 eta_2,opt (axis-aligned)
    const Mat<Q> I = Mat<Q>::Identity(2, 2);
    run.record(step_size::stability(I, {Q(1), Q(100, 91)}, start, Q(19, 10) * Q(91, 100), steps, Kind::holds));
    run.record(step_size::diagonal_directions({Q(1), Q(100, 91)}, Q(19, 20), steps));
    // "Otherwise, the learning will diverge": at eta = 2 min_i eta_i,opt = 1.82 it does not.
    run.record(step_size::seed_diverge_at_two_min_eta_opt(Q(1), Q(100, 91), steps));
    run.record(step_size::stability(R, {Q(4), Q(-1)}, R.col(1), Q(1, 100), steps, Expect::counterexample("spd")));
    // seed 002's per-coordinate rule eta < 2 min_i 1/a_ii, on a rotated A = [[1, 9/10], [9/10, 1]]
    Mat<Q> coupled(2, 2);
    coupled << 1, Q(9, 10), Q(9, 10), 1;
    run.record(step_size::seed_diagonal_step_rule(coupled, Q(3, 2), (Vec<Q>(2) << 1, 0).finished(), steps));
    //! [l03-stable]

    //! [l03-monotone]
    run.step("Step 3: does every update lower L?", "Seed 001's question.");
    const Vec<Mpfr> aw = (Vec<Mpfr>(2) << 2, 1).finished();
    run.record(step_size::monotone_on_smooth(Lorentzian<Mpfr>(aw), (Vec<Mpfr>(2) << Mpfr(1) / 3, 4).finished(), Q(19, 10), steps));
    run.record(step_size::monotone_attained(Q(4), Q(19, 10), Q(1)));
    run.record(step_size::monotone_fails_large_step(Q(4), Q(21, 10), Q(1)));
    //! [l03-monotone]

    //! [l03-rate]
    run.step("Step 4: the convergence-rate ratio", "R = |f(x_{k+1}) - f*| / |f(x_k) - f*|.");
    run.record(step_size::rate_ratio_quadratic(a, b, w0, Q(1, 16), steps));
    run.record(step_size::rate_ratio_quadratic(a, b, w0, Q(3, 8), steps));
    run.record(step_size::seed_ratio_one_no_convergence(a, b, w0, steps));
    run.record(step_size::rate_ratio_not_constant(Mpfr(1) / 2, Q(19, 10), steps));
    //! [l03-rate]

    if (run.plot_dir()) write_plots(run, *run.plot_dir());
  });
}
