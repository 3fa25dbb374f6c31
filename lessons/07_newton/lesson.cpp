/** \page lesson_07_newton Lesson 7 — Newton's method and its remedies
 *
 * Symbols: \f$f\f$ the objective, \f$g = \nabla f(x)\f$, \f$H = \nabla^2 f(x)\f$, \f$x^*\f$ a
 * minimizer, \f$e_k = x_k - x^*\f$ the error, \f$\eta\f$ the step, \f$\lambda\f$ the diagonal load
 * (Levenberg–Marquardt damping), \f$\lambda_{\min}\f$ the smallest eigenvalue of \f$H\f$,
 * \f$d_k = -\log_{10}|e_k|\f$ the number of correct digits, \f$s_k = x_{k+1} - x_k\f$,
 * \f$y_k = \nabla f(x_{k+1}) - \nabla f(x_k)\f$. Sources: seeds 001, 002, 003; Nocedal & Wright
 * (2006), ch. 3, 6, 7.
 *
 * \section l07_quadratic Step 1: one step on a quadratic
 * Fitting the second-order model at \f$x_k\f$ and going to its minimum gives the Newton step
 * \f$x_{k+1} = x_k - H^{-1}\nabla f(x_k)\f$; seed 002's normalized update scales it by a step
 * \f$\eta\f$ (a damped step for \f$\eta < 1\f$). On
 * \f$f = \tfrac12(x - x^*)^\top A(x - x^*)\f$ the gradient is \f$Ae_k\f$, so
 * \f[ e_{k+1} = e_k - \eta A^{-1}Ae_k = (1 - \eta)\,e_k, \qquad e_k = (1 - \eta)^k e_0 , \f]
 * whatever the conditioning of \f$A\f$: \f$\eta = 1\f$ (Newton's method) reaches \f$x^*\f$ in one
 * step, \f$0 < \eta < 2\f$ converges, \f$\eta = 2\f$ jumps across \f$x^*\f$ forever and
 * \f$\eta > 2\f$ diverges. Seed 002: “For a quadratic function, the optimal η is 1 (which is
 * exactly Newton's method) — And should not be greater than 2!” — correct, though incomplete:
 * \f$\eta = 2\f$ itself does not converge either: there \f$\|e_K\| = \|e_0\|\f$ exactly, the end of the range
 * attained (tight), and \f$\eta = 5/2\f$ diverges, which rejects a range \f$0 < \eta < 4\f$. (The one-step and
 * \f$(1 - \eta)^k\f$ checks are identities — holds, not tight.) The left sides are exact rational trajectories and the
 * right sides the closed form \f$(1-\eta)^k e_0\f$, on a rotated 3×3 quadratic whose minimizer is the
 * point it was built around. Without a positive definite \f$A\f$ the same
 * single step lands on the stationary point, which is a saddle (a counterexample).
 * (claim \ref claim_newton_one_step_quadratic "newton_one_step_quadratic")
 * \snippet 07_newton/lesson.cpp l07-quadratic
 *
 * \section l07_quadratic_convergence Step 2: quadratic convergence, and where it holds
 * Near a minimizer with \f$f''(x^*) > 0\f$, Taylor's theorem applied to \f$f'\f$ gives
 * \f[ e_{k+1} = \frac{f'''(\xi)}{2 f''(x_k)}\, e_k^2 \quad\Rightarrow\quad
 *     \frac{e_{k+1}}{e_k^2} \to C = \frac{f'''(x^*)}{2 f''(x^*)} , \f]
 * so the correct digits double: \f$d_{k+1} \approx 2d_k - \log_{10}C\f$, and an error \f$\varepsilon\f$
 * is reached in \f$O(\log\log(1/\varepsilon))\f$ steps. On \f$f = e^x + \tfrac12x^2 - 2x\f$
 * (\f$x^*\f$ the root of \f$e^x + x = 2\f$, \f$C = (2 - x^*)/(2(3 - x^*)) \approx 0.3045\f$) the
 * ratio is measured at 200 digits against \f$x^*\f$ found by bisection at 240 digits, never by
 * Newton (the constant without its ½ is rejected), and every counted step keeps
 * \f$d_{k+1} - 2d_k \ge -\log_{10}C - 0.01\f$ (the worst is 0.514 against the limit 0.516; tripling digits is
 * rejected). The conclusion needs both hypotheses: with \f$\eta = 1/2\f$ the error only halves per
 * step (linear), and on \f$\sqrt{1 + x^2}\f$ — strictly convex, \f$f''(0) = 1\f$ — Newton's map is
 * \f$x \mapsto -x^3\f$: it converges only for \f$|x_0| < 1\f$, cycles between \f$\pm1\f$ from
 * \f$x_0 = 1\f$ and runs away from \f$x_0 = 2\f$ (2, −8, 512, …). Seed 003 states
 * “Theorem: \f$O(\log\log(1/\epsilon))\f$” with a general step \f$\eta\f$ and no hypotheses —
 * refuted even in its own strongly convex setting: on \f$\sqrt{1 + x^2} + x^2/40\f$ (\f$f'' \ge 1/20\f$,
 * Lipschitz Hessian) pure Newton from \f$x_0 = 2\f$ falls into a 2-cycle near \f$\pm19.87\f$; the theorem is local.
 * (claim \ref claim_newton_quadratic_convergence "newton_quadratic_convergence")
 * \image html newton_errors.svg "Newton's error per step at 200 digits: eta = 1 (quadratic) and eta = 1/2 (linear)"
 * \snippet 07_newton/lesson.cpp l07-quadratic-convergence
 *
 * \section l07_indefinite Step 3: an indefinite Hessian, and diagonal loading
 * Where \f$H\f$ is not positive definite the model has no minimum and the Newton direction
 * \f$-H^{-1}g\f$ may point uphill: on \f$f = x^4/4 - x^2/2\f$ at \f$x = 0.3\f$,
 * \f$f'' = -0.73\f$, the step \f$s = -f'/f''\f$ has \f$f'(x)\,s > 0\f$ and goes to \f$-0.07397\f$, towards the
 * maximum at 0, where \f$f\f$ has risen from \f$-0.042975\f$ to \f$-0.002728\f$ — seed 002's
 * “goes away from, rather than towards the minimum” (hedged by “can”, and true). Seed 002's
 * remedy, “Diagonal load it to ensure positive definiteness”, works when the load is large enough:
 * \f$H + \lambda I \succ 0\f$ iff \f$\lambda > -\lambda_{\min}(H)\f$, and then
 * \f$g^\top(H + \lambda I)^{-1}g > 0\f$ for every \f$g \ne 0\f$, a descent direction. With
 * \f$\lambda_{\min} = -3\f$, \f$\lambda = 2\f$ is not enough (counterexample), \f$\lambda = 4\f$ is;
 * along the eigenvector of \f$\lambda_{\min}\f$ the curvature the loaded step sees is exactly
 * \f$\lambda_{\min} + \lambda\f$ (tight).
 * (claim \ref claim_newton_indefinite_hessian "newton_indefinite_hessian")
 * \snippet 07_newton/lesson.cpp l07-indefinite
 *
 * \section l07_best_step Step 4: the best step in 1-D
 * Seed 001: on \f$y = ax^2 + bx + c\f$ the minimum is at \f$-b/(2a)\f$, so the best step from
 * \f$x_0\f$ has length \f$|x_0 + b/(2a)| = |y'(x_0)|/y''(x_0)\f$ — the length of Newton's step,
 * for \f$a > 0\f$ (checked with derivatives by exact central differences). For \f$a < 0\f$ the
 * stationary point is a maximum and stepping there raises \f$y\f$. Line 182 writes the left side
 * signed, \f$y'(x_0)/y''(x_0) = |2ax_0 + b|/(2a)\f$, false for \f$x_0 < -b/(2a)\f$ (\f$a = 1\f$,
 * \f$b = 0\f$, \f$x_0 = -1\f$: \f$-1 \ne 1\f$) — refuted; line 209 has the absolute value, and the missing
 * bars are likely a conversion artifact. The check also rejects \f$|y'|/(2y'')\f$.
 * (claim \ref claim_best_step_1d "best_step_1d")
 * \snippet 07_newton/lesson.cpp l07-best-step
 *
 * \section l07_quasi_newton Step 5: quasi-Newton methods
 * Seed 002 lists remedies that approximate the Hessian instead of computing and inverting it
 * (\f$10^{10}\f$ entries for \f$10^5\f$ parameters): BFGS updates an inverse-Hessian estimate
 * from the pairs \f$(s_k, y_k)\f$, L-BFGS keeps only the last \f$m\f$ pairs. A strong Wolfe line
 * search keeps \f$s_k^\top y_k > 0\f$, so the estimate stays positive definite. On 2-D
 * Rosenbrock from \f$(-1.2, 1)\f$ at 50 digits both reach \f$\|\nabla f\|^2 \le 10^{-40}\f$ in a
 * few dozen steps. Gradient descent with the fixed step \f$\eta = 1/1000\f$ is run to the same tolerance, and its
 * count is predicted: near \f$(1, 1)\f$ the Hessian's smallest eigenvalue is \f$0.3994\f$, so the slow component
 * of the gradient shrinks by \f$1 - \eta\lambda_{\min}\f$ per step and \f$\|\nabla f\|^2\f$ needs about
 * \f$\ln(10^{40})/(-2\ln(1 - \eta\lambda_{\min})) \approx 115\,000\f$ steps; the measured count (about 113 000)
 * must lie within a factor 2 of that — three thousand times the quasi-Newton count, which rejects "within
 * 100 times".
 * (claim \ref claim_quasi_newton "quasi_newton")
 * \image html rosenbrock_paths.svg "Rosenbrock's valley: GD (eta = 1/1000), Newton and BFGS from (-1.2, 1)"
 * \snippet 07_newton/lesson.cpp l07-quasi-newton
 *
 * \section l07_checks The checks
 * Every check of a run, as in the human output (exact values as 12-digit decimals); the full
 * values are in the lesson's `--json` output.
 * \htmlinclude lesson_07_newton_checks.html
 *
 * \section l07_run A run
 * \verbinclude lesson_07_newton.txt
 */
#include <cmath>
#include <sstream>

#include "descent/optimizers/newton.hpp"
#include "descent/optimizers/quasi_newton.hpp"
#include "descent/problems/test_functions.hpp"
#include "lesson_run.hpp"
#include "newton_checks.hpp"

using namespace descent;
using namespace descent::claims;
using Q = Rational;

namespace {
void write_plots(lessons::LessonRun& run, const std::string& dir) {
  // Newton's error per step on e^x + x^2/2 - 2x from x_0 = 1, at 200 digits (or --digits).
  std::ostringstream errors;
  for (const auto& [eta, steps] : {std::pair{Q(1), 7}, std::pair{Q(1, 2), 40}}) {
    const auto e = newton::exp_quadratic_errors(run.digits(), Q(1), eta, steps);
    for (std::size_t k = 0; k < e.size(); ++k)
      if (e[k] > 0) errors << k << ' ' << e[k] << '\n';
    errors << "\n\n";
  }
  run.wrote_plot(lessons::plot_svg(
      dir, "newton_errors",
      "set title 'Newton on e^x + x^2/2 - 2x from x_0 = 1 (200 digits)'\nset xlabel 'step k'\n"
      "set ylabel '|x_k - x*|'\nset logscale y\nset format y '10^{%L}'\nset key top right\n"
      "plot 'errors.dat' index 0 with linespoints pt 7 title 'η = 1: digits double', "
      "'errors.dat' index 1 with linespoints pt 6 title 'η = 1/2: linear, factor 1/2'",
      {{"errors.dat", errors.str()}}));

  // Rosenbrock's valley with the paths of GD, Newton and BFGS (double).
  const Rosenbrock<double> f(2);
  std::ostringstream grid, paths;
  grid << lessons::contour_grid(f, -2, 2, -3.5, 3, 0.05);
  const Vec<double> x0 = (Vec<double>(2) << -1.2, 1.0).finished();
  StopRule<double> stop;
  stop.grad_norm2_tol = 1e-20;
  GradientDescent<double> gd(1e-3);
  Newton<double> newton_method(1.0, 0.0);
  BFGS<double> bfgs;
  stop.max_steps = 2000;
  const auto gd_trace = descent::run<double>(f, gd, x0, stop);
  for (std::size_t k = 0; k < gd_trace.x.size(); k += 20) paths << gd_trace.x[k](0) << ' ' << gd_trace.x[k](1) << '\n';
  paths << "\n\n";
  stop.max_steps = 100;
  for (Optimizer<double>* m : {static_cast<Optimizer<double>*>(&newton_method), static_cast<Optimizer<double>*>(&bfgs)}) {
    const auto tr = descent::run<double>(f, *m, x0, stop);
    for (const auto& x : tr.x) paths << x(0) << ' ' << x(1) << '\n';
    paths << "\n\n";
  }
  run.wrote_plot(lessons::plot_svg(
      dir, "rosenbrock_paths",
      "set view map\nunset surface\nset contour base\nset cntrparam levels discrete 0.25,1,4,16,64,256,1024\n"
      "set table 'rosenbrock.tab'\nsplot 'grid.dat' with lines\nunset table\n"
      "set title 'Rosenbrock from (-1.2, 1): GD 2000 steps (every 20th), Newton, BFGS'\nset size ratio -1\n"
      "set xrange [-2:2]\nset yrange [-3.5:3]\nset key outside right\n"
      "plot 'rosenbrock.tab' with lines lc rgb '#bbbbbb' notitle, "
      "'paths.dat' index 0 with linespoints pt 7 ps 0.4 lc rgb '#d62728' title 'GD, η = 1/1000', "
      "'paths.dat' index 1 with linespoints pt 7 lc rgb '#1f77b4' title 'Newton, η = 1', "
      "'paths.dat' index 2 with linespoints pt 6 lc rgb '#2ca02c' title 'BFGS'",
      {{"grid.dat", grid.str()}, {"paths.dat", paths.str()}}));
}
}  // namespace

int main(int argc, char** argv) {
  lessons::LessonRun run{"07_newton", "Newton's method and its remedies"};
  Q eta_flag;
  int steps = 12;
  run.number_option({.name = "eta", .default_value = "1/2", .lower = "0", .lower_open = true,
                    .upper = "4", .upper_open = false,
                    .meaning = "your Newton step on the rotated 3x3 quadratic (e_k = (1 - eta)^k e_0; 1 is Newton's method, 2 the stability limit)"},
                   eta_flag);
  run.int_option("--steps", steps,
                 "trajectory length on the quadratics and on sqrt(1 + x^2), 5 to 200",
                 12, 5, 200);
  if (auto rc = run.parse(argc, argv)) return *rc;

  return run.run([&] {
    const bool eta_given = run.given("--eta");
    const Q eta = eta_flag;  // in its range: checked by run.parse()

    //! [l07-quadratic]
    run.step("Step 1: one step on a quadratic",
             "x_{k+1} = x_k - eta H^-1 grad f(x_k) on 1/2 (x - x*)^T A (x - x*), A = R diag(1, 4, 10) R^T with R an exact "
             "rotation: e_{k+1} = (1 - eta) e_k, exact rational trajectories.");
    const Mat<Q> R = cayley_orthogonal<Q>(3, {Q(1, 2), Q(-1, 3), Q(1, 4)});
    const Mat<Q> A = with_spectrum<Q>(R, {Q(1), Q(4), Q(10)});
    const Vec<Q> x_star = (Vec<Q>(3) << 1, -2, Q(1, 2)).finished();
    const Vec<Q> x0 = (Vec<Q>(3) << 3, 1, -2).finished();
    run.record(newton::one_step(A, x_star, x0));
    run.record(newton::error_factor(A, x_star, x0, Q(3, 2), steps));
    run.record(newton::no_convergence_at_two(A, x_star, x0, steps));
    run.record(newton::constant_amplitude_at_two(A, x_star, x0, steps));
    run.record(newton::diverges_above_two(A, x_star, x0, Q(5, 2), steps));
    // the same single step on an indefinite A (a saddle): the stationary point, not a minimum
    run.record(newton::saddle(R, {Q(3), Q(1), Q(-2)}, x_star, x0));
    const Q factor = 1 - eta;
    run.note("--eta adds the check below: your --eta" + std::string(eta_given ? "" : " (default)") + " = " + eta.str() +
             ", so e_k = (" + factor.str() + ")^k e_0; theory predicts " +
             (factor == 0 ? std::string("the minimizer in one step")
              : abs(factor) < 1 ? std::string("convergence")
              : abs(factor) == 1 ? std::string("no convergence (the error keeps its length and flips sign)")
                                 : "divergence (|1 - eta| = " + abs(factor).str() + " > 1)"));
    run.record(newton::error_factor(A, x_star, x0, eta, steps));
    //! [l07-quadratic]

    //! [l07-quadratic-convergence]
    const int D = newton::convergence_digits(run.digits());
    run.step("Step 2: quadratic convergence, and where it holds",
             "f = e^x + x^2/2 - 2x from x_0 = 1 at " + std::to_string(D) +
                 " digits (--digits clamped to [200, 1960]), x* by bisection at " + std::to_string(D + 40) +
                 " digits; then sqrt(1 + x^2), whose Newton map is x -> -x^3.");
    run.record(newton::ratio_limit(run.digits(), Q(1)));
    run.record(newton::digits_double(run.digits(), Q(1), Q(1), 14, Kind::holds));
    run.record(newton::steps_to_tolerance(run.digits(), Q(1)));
    run.record(newton::digits_double(run.digits(), Q(1), Q(1, 2), 30, Expect::counterexample("eta_one")));
    run.record(newton::far_start_cycles(run.digits(), Q(1), steps));
    run.record(newton::seed_loglog_theorem(run.digits(), Q(2), steps));
    //! [l07-quadratic-convergence]

    //! [l07-indefinite]
    run.step("Step 3: an indefinite Hessian, and diagonal loading",
             "f = x^4/4 - x^2/2 at x = 3/10 (f'' = -73/100); then H = R diag(1, -3) R^T loaded by lambda I.");
    run.record(newton::quartic_step(Q(3, 10), Q(0), Expect::counterexample("load_large")));
    run.record(newton::quartic_step(Q(3, 10), Q(1), Kind::holds));
    const Mat<Q> R2 = cayley_orthogonal<Q>(2, {Q(1, 3)});
    run.record(newton::loaded_direction(R2, {Q(1), Q(-3)}, Q(2), Expect::counterexample("load_large")));
    run.record(newton::loaded_direction(R2, {Q(1), Q(-3)}, Q(4), Kind::holds));
    run.record(newton::loaded_direction_attained(R2, {Q(1), Q(-3)}, Q(5)));
    //! [l07-indefinite]

    //! [l07-best-step]
    run.step("Step 4: the best step in 1-D", "Seed 001's y = ax^2 + bx + c (c plays no part).");
    run.record(newton::best_step(Q(3), Q(-4), Q(-1, 2)));
    run.record(newton::best_step(Q(1), Q(0), Q(-1)));
    run.record(newton::seed_signed_best_step(Q(1), Q(0), Q(-1)));
    run.record(newton::best_step_concave(Q(-1), Q(2), Q(3)));
    //! [l07-best-step]

    //! [l07-quasi-newton]
    run.step("Step 5: quasi-Newton methods",
             "2-D Rosenbrock from (-1.2, 1) at " + std::to_string(std::max(50, run.digits())) +
                 " digits (at least 50), a budget of 200 steps.");
    const Vec<Q> start = newton::rosenbrock_classic_start();
    run.record(newton::rosenbrock_converges(newton::QuasiNewton::bfgs, run.digits(), 200, start));
    run.record(newton::rosenbrock_converges(newton::QuasiNewton::lbfgs, run.digits(), 200, start));
    run.record(newton::bfgs_curvature(run.digits(), 200, start));
    run.record(newton::gd_behind(run.digits(), Q(1, 1000), 200));
    //! [l07-quasi-newton]

    if (run.plot_dir()) write_plots(run, *run.plot_dir());
  });
}
