/** \page lesson_05_line_search_coordinate Lesson 5 — choosing the step each time
 *
 * Symbols: \f$f(x) = \tfrac12 x^\top Ax - b^\top x\f$ with \f$A \succ 0\f$, \f$x^* = A^{-1}b\f$, \f$f^* = f(x^*)\f$,
 * \f$g_k = \nabla f(x_k)\f$, \f$\mu, L\f$ the extreme eigenvalues, \f$\kappa = L/\mu\f$, \f$t\f$ the step chosen
 * at each iteration, \f$c, \rho \in (0, 1)\f$ Armijo's constants. Sources: seed 004; Armijo (1966);
 * Nocedal & Wright (2006), ch. 3.
 *
 * \section l05_exact Step 1: exact line search and Kantorovich's rate
 * Seed 004: \f$d \leftarrow -\nabla L(\theta)\f$, \f$\alpha^* \leftarrow \arg\min_\alpha L(\theta + \alpha d)\f$. On a
 * quadratic \f$\varphi(t) = f(x - tg)\f$ is a parabola with minimum at \f$t^* = g^\top g / g^\top Ag\f$, where
 * \f$\varphi'(t^*) = -\nabla f(x_{k+1})^\top g_k = 0\f$: successive gradients are orthogonal (the zig-zag).
 * Kantorovich's inequality bounds each step's progress,
 * \f[ f(x_{k+1}) - f^* \le \left(\frac{\kappa-1}{\kappa+1}\right)^2 (f(x_k) - f^*) \f]
 * (Luenberger & Ye 2008, §8.2), with equality at every step from \f$x_0 - x^* = (1/\mu, 1/L)\f$ on
 * \f$\mathrm{diag}(\mu, L)\f$. The proof is two steps, each checked at every step of a run. First,
 * since \f$f - f^* = \tfrac12 g^\top A^{-1}g\f$ and the exact step removes \f$(g^\top g)^2/(2g^\top Ag)\f$,
 * \f[ f(x_{k+1}) - f^* = \Big[1 - \frac{(g^\top g)^2}{(g^\top Ag)(g^\top A^{-1}g)}\Big](f(x_k) - f^*) \f]
 * exactly; second, Kantorovich's inequality \f$(g^\top g)^2/((g^\top Ag)(g^\top A^{-1}g)) \ge 4\mu L/(\mu+L)^2\f$,
 * and \f$1 - 4\mu L/(\mu+L)^2 = ((\kappa-1)/(\kappa+1))^2\f$. The inequality is an equality at every step from
 * \f$(1/\mu, 1/L)\f$, which rejects the constant \f$8\mu L/(\mu+L)^2\f$, and the rate rejects momentum's
 * \f$((\sqrt\kappa-1)/(\sqrt\kappa+1))^2\f$. Doubling the exact step loses the bound: \f$f\f$ does not move at all.
 * For a general \f$f\f$ the library brackets the minimum and narrows it by golden section to a width
 * \f$\sqrt{\varepsilon}(1+t)\f$. It finds seed 004's \f$\alpha^* = \|d\|^2/(2dBd^\top)\f$ on its loss
 * \f$\theta^\top B\theta\f$ (no ½) to twice that width — and not lesson 2's \f$2g^\top g/g^\top Hg\f$, the step
 * that returns to the same level, which the check rejects. That width is the accuracy only when \f$\varphi\f$
 * is well scaled: comparisons of rounded values are decided by noise once \f$\varphi(u)\f$ and
 * \f$\varphi(v)\f$ differ by less than their rounding, \f$\approx\varepsilon|\varphi(t^*)|\f$, i.e. within about
 * \f$\sqrt{\varepsilon|\varphi(t^*)|/\varphi''(t^*)}\f$ of \f$t^*\f$ (Brent 1973, ch. 5). On
 * \f$\varphi = c_0 + ((2/3)t - 1/3)^2\f$ at 50 digits the error is \f$9\cdot10^{-26}\f$ for \f$c_0 = 1\f$ but
 * \f$8.5\cdot10^{-11}\f$ for \f$c_0 = 10^{30}\f$, far above \f$2\sqrt\varepsilon(1+t^*)\f$ (a counterexample: the
 * scale hypothesis dropped); the bound \f$2\sqrt\varepsilon(1+t^*) + 4\sqrt{\varepsilon|\varphi(t^*)|/\varphi''(t^*)}\f$ holds
 * for offsets up to \f$10^{30}\f$ and curvatures down to \f$10^{-40}\f$. No stopping rule can do better from values
 * of \f$\varphi\f$ alone. Golden section finds the nearer well, not the global minimum, when \f$\varphi\f$ is not
 * unimodal on \f$t \ge 0\f$: the bracket found from \f$t_0\f$ holds only the near well (where \f$\varphi\f$ is unimodal),
 * so the hypothesis dropped is unimodality on the whole half-line.
 * (claims \ref claim_steepest_descent_kantorovich "steepest_descent_kantorovich",
 * \ref claim_exact_line_search "exact_line_search")
 * \image html gaps.svg "f(x_k) - f* of GD, steepest descent, backtracking and coordinate descent (kappa = 10)"
 * \snippet 05_line_search_coordinate/lesson.cpp l05-exact
 *
 * \section l05_armijo Step 2: Armijo backtracking
 * Try \f$t = t_0, t_0\rho, t_0\rho^2, \dots\f$ and accept the first with
 * \f$f(x - tg) \le f(x) - c\,t\,\|g\|^2\f$. On an \f$L\f$-smooth \f$f\f$ the descent lemma gives
 * \f$f(x - tg) \le f(x) - t(1 - Lt/2)\|g\|^2\f$, so every \f$t \le 2(1-c)/L\f$ is accepted (equality at the
 * end point on \f$\tfrac12 Lx^2\f$), and the search stops with \f$t \ge \min(t_0, \rho\,2(1-c)/L)\f$: a step
 * of the right size without knowing \f$L\f$ (at \f$t = 4(1-c)/L\f$ the condition already fails, and a floor twice
 * as high is rejected). The floor is attained in the limit: from a first trial just above
 * \f$2(1-c)/(L\rho)\f$ the first two trials are rejected and the third, just above \f$\rho\,2(1-c)/L\f$, is
 * accepted. With a curvature larger than the \f$L\f$ assumed, or a
 * direction that is not downhill, no such guarantee holds.
 * (claim \ref claim_armijo_backtracking "armijo_backtracking")
 * \snippet 05_line_search_coordinate/lesson.cpp l05-armijo
 *
 * \section l05_coordinate Step 3: coordinate descent
 * Seed 004: "update one parameter at a time". Minimizing \f$f\f$ exactly along coordinate \f$i\f$ gives
 * \f$x_i \leftarrow x_i - g_i/a_{ii}\f$ (the 1-D Newton step along that axis); no update raises \f$f\f$, and on
 * an SPD quadratic the iterates converge to \f$x^*\f$ (Gauss–Seidel). For \f$n = 2\f$ the rate is exact: after
 * the first update the error satisfies \f$e_1 = -(a_{12}/a_{11})e_2\f$, and each later sweep multiplies it by
 * \f$\rho = a_{12}^2/(a_{11}a_{22})\f$, so \f$f - f^*\f$ falls by exactly \f$\rho^2\f$ per sweep (tight; \f$\rho\f$ alone is
 * rejected). One update touches one row of
 * \f$A\f$ (\f$O(n)\f$ with a maintained gradient, against \f$O(n^2)\f$ for a GD step), and when \f$A\f$ is
 * diagonal one sweep is exact. On an indefinite \f$A\f$ with positive diagonal every update still
 * lowers \f$f\f$, but there is no minimum: \f$f\f$ falls without bound.
 * (claim \ref claim_coordinate_descent "coordinate_descent")
 * \snippet 05_line_search_coordinate/lesson.cpp l05-coordinate
 *
 * \section l05_checks The checks
 * \htmlinclude lesson_05_line_search_coordinate_checks.html
 *
 * \section l05_run A run
 * \verbinclude lesson_05_line_search_coordinate.txt
 */
#include <sstream>

#include "descent/methods.hpp"
#include "lesson_run.hpp"
#include "line_search_checks.hpp"

using namespace descent;
using namespace descent::claims;
using Q = Rational;

namespace {
void write_plots(lessons::LessonRun& run, const std::string& dir) {
  // f - f* per iteration on a rotated quadratic with spectrum {1, 10}, four methods.
  const Mat<double> R = cayley_orthogonal<double>(2, {0.5});
  const Quadratic<double> f(with_spectrum<double>(R, {1.0, 10.0}), Vec<double>::Zero(2), 0.0);
  std::ostringstream data;
  const std::vector<std::pair<std::string, std::map<std::string, std::string>>> methods = {
      {"gd", {{"eta", "0.1"}}}, {"steepest", {}}, {"backtracking", {}}, {"coordinate", {}}};
  for (const auto& [name, params] : methods) {
    auto opt = make_optimizer<double>(name, params);
    StopRule<double> stop;
    stop.max_steps = 60;
    const auto tr = descent::run<double>(f, *opt, (Vec<double>(2) << 3.0, 1.0).finished(), stop);
    for (std::size_t k = 0; k < tr.f.size(); ++k)
      if (tr.f[k] > 1e-300) data << k << ' ' << tr.f[k] << '\n';
    data << "\n\n";
  }
  run.wrote_plot(lessons::plot_svg(
      dir, "gaps",
      "set title 'f(x_k) - f* on a rotated quadratic, spectrum {1, 10}, from (3, 1)'\nset logscale y\nset xlabel 'iteration k "
      "(one coordinate per iteration for coordinate descent)'\nset ylabel 'f - f*'\nset format y '10^{%T}'\nset key top right\n"
      "plot for [i=0:3] 'gaps.dat' index i with linespoints pt 7 ps 0.5 title word('GD(η=1/L) steepest backtracking "
      "coordinate', i+1)",
      {{"gaps.dat", data.str()}}));
}
}  // namespace

int main(int argc, char** argv) {
  lessons::LessonRun run{"05_line_search_coordinate", "Choosing the step each time"};
  run.refutes_nothing("its topics (Armijo's rule, Kantorovich's rate) are not in the notes' text: no erratum to refute");
  Q kappa_flag;
  int steps = 6;
  run.number_option({.name = "kappa", .default_value = "9", .lower = "1", .lower_open = true,
                    .upper = "1000000", .upper_open = false,
                    .meaning = "your condition number for an added Kantorovich tight check (diag(1, kappa), worst start)"},
                   kappa_flag);
  run.int_option("--steps", steps,
                 "iterations of the exact checks, 1 to 8 (exact line search doubles the digits of the rationals "
                  "at every step)",
                 6, 1, 8);
  if (auto rc = run.parse(argc, argv)) return *rc;

  return run.run([&] {
    const bool kappa_given = run.given("--kappa");
    const Q kappa = kappa_flag;  // in its range: checked by run.parse()
    const Mat<Q> R = cayley_orthogonal<Q>(2, {Q(1, 2)});
    const Mat<Q> I2 = Mat<Q>::Identity(2, 2);

    //! [l05-exact]
    run.step("Step 1: exact line search and Kantorovich's rate", "Exact rational trajectories; golden section in mpfr.");
    run.record(line_search_checks::kantorovich(R, {Q(1), Q(10)}, (Vec<Q>(2) << 3, 1).finished(), steps, Kind::holds));
    run.record(line_search_checks::kantorovich(I2, {Q(1), Q(4)}, (Vec<Q>(2) << 1, Q(1, 4)).finished(), steps, Kind::tight));
    run.record(line_search_checks::kantorovich(I2, {Q(1), Q(100)}, (Vec<Q>(2) << 1, Q(1, 100)).finished(), steps, Kind::tight));
    // the proof's two steps: the per-step identity and Kantorovich's inequality
    run.record(line_search_checks::kantorovich_step_identity(R, {Q(1), Q(10)}, (Vec<Q>(2) << 3, 1).finished(), steps));
    run.record(line_search_checks::kantorovich_inequality(R, {Q(1), Q(10)}, (Vec<Q>(2) << 3, 1).finished(), steps,
                                                          Kind::holds));
    run.record(line_search_checks::kantorovich_inequality(I2, {Q(1), Q(4)}, (Vec<Q>(2) << 1, Q(1, 4)).finished(), steps,
                                                          Kind::tight));
    run.record(line_search_checks::kantorovich(R, {Q(1), Q(10)}, (Vec<Q>(2) << 3, 1).finished(), steps,
                                               Expect::counterexample("exact_step")));
    const Quadratic<Q> f3(with_spectrum<Q>(cayley_orthogonal<Q>(3, {Q(1, 2), Q(1, 3), Q(-1, 4)}), {Q(1), Q(5), Q(20)}),
                          (Vec<Q>(3) << 1, -2, 3).finished(), Q(0));
    run.record(line_search_checks::successive_gradients_orthogonal(f3, (Vec<Q>(3) << 2, 1, -1).finished(), steps));
    const Mat<Mpfr> B = with_spectrum<Mpfr>(cayley_orthogonal<Mpfr>(2, {Mpfr(1) / 3}), {Mpfr(1), Mpfr(7)});
    run.record(line_search_checks::golden_matches_closed_form(B, (Vec<Mpfr>(2) << 2, -1).finished()));
    run.record(line_search_checks::golden_not_unimodal());
    // the accuracy of golden section: well and badly scaled phi
    for (const char* offset : {"1", "1e10", "1e20", "1e30"})
      run.record(line_search_checks::golden_accuracy(Mpfr(offset), Mpfr(1), Kind::holds));
    for (const char* curvature : {"1e-20", "1e-40"})
      run.record(line_search_checks::golden_accuracy(Mpfr(1), Mpfr(curvature), Kind::holds));
    run.record(line_search_checks::golden_accuracy(Mpfr("1e30"), Mpfr(1), Expect::counterexample("well_scaled")));
    run.note("--kappa adds the check below: your --kappa" + std::string(kappa_given ? "" : " (default)") + " = " + kappa.str());
    run.record(line_search_checks::kantorovich(I2, {Q(1), kappa}, (Vec<Q>(2) << 1, 1 / kappa).finished(), steps, Kind::tight));
    //! [l05-exact]

    //! [l05-armijo]
    run.step("Step 2: Armijo backtracking", "Sufficient decrease f(x - t g) <= f(x) - c t ||g||^2, exact.");
    run.record(line_search_checks::armijo_boundary(Q(10), Q(1, 4), Q(3)));
    run.record(line_search_checks::armijo_region(R, {Q(1), Q(10)}, (Vec<Q>(2) << 3, 1).finished(), Q(1, 4), Q(10), Kind::holds));
    run.record(line_search_checks::armijo_region(I2, {Q(1), Q(10)}, (Vec<Q>(2) << 0, 1).finished(), Q(1, 4), Q(1),
                                                 Expect::counterexample("smooth")));
    run.record(line_search_checks::backtracking_step_floor(R, {Q(1), Q(10)}, (Vec<Q>(2) << 3, 1).finished(), Q(1), Q(1, 10),
                                                           Q(1, 2), steps));
    run.record(line_search_checks::backtracking_floor_attained(Q(10), Q(1, 10), Q(1, 2), Q(1, 1000000)));
    run.record(line_search_checks::armijo_ascent_direction(with_spectrum<Q>(R, {Q(1), Q(10)}), (Vec<Q>(2) << 3, 1).finished(),
                                                           Q(1, 10), Q(1, 2)));
    //! [l05-armijo]

    //! [l05-coordinate]
    run.step("Step 3: coordinate descent", "x_i <- x_i - g_i / a_ii, cyclic, exact.");
    const Mat<Q> A = with_spectrum<Q>(R, {Q(1), Q(10)});
    const Vec<Q> b = (Vec<Q>(2) << 1, 2).finished();
    run.record(line_search_checks::coordinate_monotone(A, b, (Vec<Q>(2) << 3, -1).finished(), 10));
    run.record(line_search_checks::coordinate_converges(A, b, (Vec<Q>(2) << 3, -1).finished(), 40, Kind::holds));
    Mat<Q> D = Mat<Q>::Zero(2, 2);
    D(0, 0) = 3;
    D(1, 1) = 7;
    run.record(line_search_checks::coordinate_rate(A, b, (Vec<Q>(2) << 3, -1).finished(), 6));
    run.record(line_search_checks::coordinate_converges(D, b, (Vec<Q>(2) << 3, -1).finished(), 1, Kind::holds));
    Mat<Q> indefinite(2, 2);
    indefinite << 1, 2, 2, 1;
    run.record(line_search_checks::coordinate_converges(indefinite, b, (Vec<Q>(2) << 3, -1).finished(), 10,
                                                        Expect::counterexample("spd")));
    //! [l05-coordinate]

    if (run.plot_dir()) write_plots(run, *run.plot_dir());
  });
}
