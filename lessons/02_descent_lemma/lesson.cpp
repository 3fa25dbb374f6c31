/** \page lesson_02_descent_lemma Lesson 2 — one step of gradient descent, to second order
 *
 * Symbols: \f$w\f$ (or \f$x\f$) the parameters, \f$\varepsilon\f$ (or \f$\eta\f$) the step,
 * \f$g = \nabla L(w)\f$, \f$H = \nabla^2 L(w)\f$, \f$\beta\f$ (seed 000: \f$L\f$) the smoothness
 * constant \f$\|\nabla^2 f\|_2 \le \beta\f$, \f$f^*\f$ a lower bound of \f$f\f$. Sources: seeds 000, 003.
 *
 * \section l02_expand Step 1: expand L around w
 * Substituting \f$w^{(t+1)} = w - \varepsilon g\f$ into the second-order Taylor series,
 * \f[ L(w - \varepsilon g) = L(w) - \varepsilon\, g^\top g + \tfrac12\varepsilon^2 g^\top H g \;(+\,O(\varepsilon^3)). \f]
 * Exact for quadratics — checked in rational arithmetic. Seed 000's first line writes the
 * last term as \f$-\tfrac12\varepsilon^2 g^\top H\varepsilon g\f$ (wrong sign, an extra \f$\varepsilon\f$):
 * refuted. Without the quadratic hypothesis the identity fails: for seed 000's cubic
 * \f$g = x^2 + 2y^2 + 3xy^2\f$ a third-order term remains (counterexample). For the non-quadratic Lorentzian \f$f = \sum_i \tfrac{a_i}2\log(1+x_i^2)\f$, whose
 * third derivatives satisfy \f$|f_i'''| \le \tfrac32 a_i\f$, Taylor's theorem along the line
 * bounds the error by \f$\tfrac14\sum_i a_i|g_i|^3\varepsilon^3\f$. That constant is not
 * attained: \f$\sup|f_i'''| = 1.4571\dots a_i\f$ (at \f$x_i = 1 - \sqrt2\f$, where \f$f_i'''' = 0\f$), so
 * at that point the measured error comes within 3% of the bound: error/bound tends to
 * \f$1.4571/1.5 = 0.9714\dots\f$, with a deviation of order \f$\varepsilon^2\f$ (the
 * \f$\varepsilon\f$ term carries \f$f''''\f$, which vanishes there), both checked. The nearest wrong
 * constant, \f$\tfrac16\f$ (as if \f$|f_i'''| \le a_i\f$), is exceeded there by 46%, and the identity
 * without its \f$\tfrac12\f$ is rejected on the quadratic. (claim \ref claim_gd_step_second_order "gd_step_second_order")
 * \snippet 02_descent_lemma/lesson.cpp l02-expand
 *
 * \section l02_bound Step 2: when does the step decrease L?
 * We need \f$-\varepsilon g^\top g + \tfrac{\varepsilon^2}2 g^\top H g \le 0\f$. If
 * \f$g^\top Hg \le 0\f$ every \f$\varepsilon > 0\f$ works; if \f$g^\top H g > 0\f$, dividing by
 * \f$\varepsilon g^\top H g/2 > 0\f$ gives
 * \f[ \varepsilon \le \varepsilon^* = \frac{2\,g^\top g}{g^\top H g}. \f]
 * On a quadratic the step \f$\varepsilon^*\f$ lands exactly on the same level (tight), a
 * smaller one decreases \f$L\f$, a larger one increases it (counterexample). Seed 000's
 * “regardless of \f$\varepsilon\f$” when \f$g^\top Hg \le 0\f$ holds for the second-order model
 * only: on \f$L = w^4/4 - w^2/2\f$ at \f$w = 1/2\f$ (where \f$L'' < 0\f$) a step \f$\varepsilon = 100\f$
 * lands where the quartic dominates — refuted. What seed 000's summary says next, “if
 * \f$L(w)\f$ is concave”, is right: a concave \f$L\f$ lies below its tangent, so
 * \f$L(w - \varepsilon g) \le L(w) - \varepsilon\|g\|^2\f$ for every \f$\varepsilon\f$, with equality
 * for a linear \f$L\f$. Seed 000's derivation also divides \f$\tfrac{\varepsilon^2}2 g^\top Hg \le
 * \varepsilon g^\top g\f$ by \f$\varepsilon\f$ and writes \f$\varepsilon g^\top g/2 \le g^\top g\f$ — the
 * \f$H\f$ is lost (its next line has it back); at \f$\varepsilon = 1\f$ on a Hessian with eigenvalue 4
 * the written condition holds and the step still raises \f$L\f$ — refuted. Line 154's conclusion,
 * "when \f$\varepsilon \le 2g^\top g/g^\top Hg\f$, \f$L(w^{(t+1)}) \le L(w^{(t)})\f$", is drawn
 * from the same model and read the same way: for the convex, bounded-below
 * \f$L = w^2/2 + (w+1)^4/20\f$ at \f$w = -29/20\f$, a step \f$\varepsilon = 0.9\,\varepsilon^*\f$ raises \f$L\f$
 * from 1.0533 to 1.0714 — refuted too (both lines are right for the notes' own quadratic
 * loss, and for the model). The concave-direction checks sit on the boundary of the
 * hypothesis, \f$g^\top Hg = 0\f$ with \f$g\f$ mixing both eigenvectors of a saddle. The
 * constant 2 of \f$\varepsilon^*\f$ is pinned both ways: the tight step rejects
 * \f$g^\top g/g^\top Hg\f$, the step \f$1.01\,\varepsilon^*\f$ rejects \f$4g^\top g/g^\top Hg\f$.
 * (claim \ref claim_gd_step_bound_along_gradient "gd_step_bound_along_gradient")
 * \image html step_bound.svg "L(w - eps g) against eps on the rotated quadratic, with eps* = 2 g^T g / g^T H g"
 * \snippet 02_descent_lemma/lesson.cpp l02-bound
 *
 * \section l02_lemma Step 3: the descent lemma
 * If \f$\|\nabla^2 f\|_2 \le \beta\f$ then \f$g^\top H g \le \beta\|g\|^2\f$ and, by the
 * mean-value form of Taylor's theorem (seed 003),
 * \f[ f(x - \eta g) \le f(x) - \eta\Big(1 - \frac{\beta\eta}2\Big)\|g\|^2, \qquad
 *     \eta = \frac1\beta:\; f(x) - f(x^+) \ge \frac{\|g\|^2}{2\beta}. \f]
 * Seed 000 bounds \f$\tfrac12\varepsilon^2 g^\top H g\f$ by \f$\tfrac12\varepsilon^2\|g\|^2\f$,
 * dropping \f$L\f$: its inequality is refuted on a quadratic with \f$L = 4\f$; and its next line,
 * \f$(\tfrac12\cdot\tfrac1{L^2} - \tfrac1L)\|g\|^2 = -\|g\|^2/(2L)\f$, holds only for \f$L = 1\f$ (with the
 * \f$L\f$ restored, \f$\tfrac12 L\cdot\tfrac1{L^2} - \tfrac1L = -\tfrac1{2L}\f$ is right). The bound is
 * tight — equal sides — when \f$g\f$ is a top eigenvector of a quadratic's Hessian: at
 * \f$\beta\eta = 3/2\f$ both sides are \f$\tfrac12\f$, while the bound without \f$\beta\f$,
 * \f$f(x) - \tfrac12\eta\|g\|^2 = -1\f$, is rejected (at \f$\beta\eta = 1\f$ the two coincide, so
 * that instance could not tell them apart). It fails when \f$\beta\f$ underestimates the curvature. (claim \ref claim_gd_descent_lemma "gd_descent_lemma")
 * \snippet 02_descent_lemma/lesson.cpp l02-lemma
 *
 * \section l02_rate Step 4: the smallest squared gradient falls like 1/T
 * Summing the lemma over \f$t = 0,\dots,T-1\f$ telescopes:
 * \f[ T\min_{t<T}\|\nabla f(x_t)\|^2 \le \sum_{t<T}\|\nabla f(x_t)\|^2 \le 2\beta\,(f(x_0) - f^*), \f]
 * so \f$\|\nabla f\| \le \epsilon\f$ within \f$O(\beta/\epsilon^2)\f$ steps (seed 003) and
 * \f$\|\nabla f\|^2 \le \delta\f$ within \f$2\beta(f(x_0)-f^*)/\delta = O(1/\delta)\f$ (seed 000) —
 * checked by running until \f$\|\nabla f\|^2 \le \delta\f$ on the pseudo-Huber function
 * \f$\delta_H^2(\sqrt{1 + x^2/\delta_H^2} - 1)\f$ (\f$C^\infty\f$, \f$f'' \le 1\f$), whose gradient stays near
 * \f$\delta_H\f$ far from 0: GD needs about half the budget there (each step lowers \f$f\f$ by about
 * \f$\|g\|^2\f$ where the lemma promises \f$\|g\|^2/2\f$), far above an \f$O(1/\sqrt\delta)\f$ count,
 * which is rejected. For a general step
 * \f$0 < \eta < 2/\beta\f$ the same sum gives
 * \f$\min_{t<T}\|\nabla f(x_t)\|^2 \le 2(f(x_0)-f^*)/(\eta(2-\beta\eta)T)\f$. The constant is
 * attained: on \f$\tfrac12\beta x^2\f$ with \f$\eta = 1/\beta\f$, at \f$T = 1\f$, both sides are
 * \f$\beta^2x_0^2\f$ (tight); at \f$\beta\eta = 3/2\f$ and \f$T = 1\f$ the sides are 36 and 48, and the
 * bound without \f$(2 - \beta\eta)\f$, 24, is rejected. It is the smallest *squared* norm that is \f$O(1/T)\f$; the norm
 * itself is only \f$O(1/\sqrt T)\f$. Seed 000 (line 222) says “\f$g_m = \nabla_w\mathcal L\f$ goes to zero at
 * a rate \f$O(1/t)\f$”. The \f$g_m\f$ of line 209 is the smallest *squared* norm, for which \f$O(1/t)\f$
 * is right; the slip is calling it the gradient. On the pseudo-Huber function with
 * \f$\delta_H = 1/\sqrt T\f$ from \f$x_0 = T\delta_H\f$ (\f$\eta = 1\f$) every gradient before step \f$T\f$ keeps
 * a norm near \f$0.79/\sqrt T\f$ while \f$f(x_0) - f^* < 1\f$, so \f$T\min_{t<T}\|\nabla f(x_t)\|\f$ grows like
 * \f$\sqrt T\f$ (7.9 at \f$T = 100\f$, 79 at \f$T = 10^4\f$, both computed): no constant makes the norm
 * \f$O(1/T)\f$ — refuted. Seed 000 writes the
 * minimum over \f$j \in \{1..t\}\f$ against a sum over \f$k = 0..t-1\f$: at \f$t = 1\f$ that
 * claims \f$\|g_1\|^2 \le \|g_0\|^2\f$, refuted on the Lorentzian from \f$x_0 = 10\f$, where the
 * gradient grows as the iterate moves toward the inflection point. Seed 003 states the
 * theorem without \f$f\f$ bounded below: \f$f = -x\f$ keeps \f$\|\nabla f\| = 1\f$ forever — refuted.
 * The bound is checked along real trajectories on the non-convex Lorentzian; with
 * \f$\eta = 2.5/\beta\f$, outside \f$0 < \eta < 2/\beta\f$, the rate fails on the quadratic
 * \f$\tfrac12 x^\top Ax\f$ (spectrum 4, 1) started on its top eigenvector (counterexample). (claim \ref claim_gd_min_grad_norm_rate "gd_min_grad_norm_rate")
 * \image html descent_lemma.svg "The smallest squared gradient along GD against the telescoped bound 2 beta (f(x_0) - f*)/T"
 * \snippet 02_descent_lemma/lesson.cpp l02-rate
 *
 * \section l02_ls Step 5: the least-squares gradient
 * \f[ \nabla_w\|\Phi^\top w - y\|^2 = 2(\Phi\Phi^\top w - \Phi y), \qquad \nabla^2 = 2\Phi\Phi^\top. \f]
 * Central differences are exact for quadratics, an independent check in rational
 * arithmetic. Seed 000 writes \f$\Phi\Phi^\top w - \Phi y\f$, the gradient of half the loss:
 * refuted, and the holds checks reject it and the Hessian without its 2 on their instance.
 * (claim \ref claim_least_squares_gradient "least_squares_gradient")
 * \snippet 02_descent_lemma/lesson.cpp l02-ls
 *
 * \section l02_checks The checks
 * Every check of a run, as in the human output (exact values as 12-digit decimals, intervals
 * as certified bounds); the full values are in the lesson's `--json` output.
 * \htmlinclude lesson_02_descent_lemma_checks.html
 *
 * \section l02_run A run
 * \verbinclude lesson_02_descent_lemma.txt
 */
#include <sstream>

#include "descent_lemma.hpp"
#include "lesson_run.hpp"

using namespace descent;
using namespace descent::claims;
using Q = Rational;

int main(int argc, char** argv) {
  lessons::LessonRun run{"02_descent_lemma", "One step of gradient descent, to second order"};
  Q c_flag;
  int steps = 40;
  run.number_option({.name = "beta-eta", .default_value = "3/2", .lower = "0", .lower_open = true,
                    .upper = "10", .upper_open = false,
                    .meaning = "the product beta*eta, i.e. the step of the general-eta descent lemma in units of 1/beta; above 2 the bound still holds but no longer promises a decrease"},
                   c_flag);
  run.int_option("--steps", steps,
                 "length of the GD trajectories, 5 to 10000",
                 40, 5, 10000);
  if (auto rc = run.parse(argc, argv)) return *rc;

  return run.run([&] {
    const Q c = c_flag;  // in its range: checked by run.parse()

    // A rotated quadratic with spectrum {4, 1}: Q from the Cayley transform is exactly orthogonal.
    const Mat<Q> R = cayley_orthogonal<Q>(2, {Q(1, 2)});
    const Quadratic<Q> quad(with_spectrum<Q>(R, {Q(4), Q(1)}), (Vec<Q>(2) << 1, Q(-1, 3)).finished(), Q(0));
    const Vec<Q> w = (Vec<Q>(2) << Q(3, 2), Q(-2, 5)).finished();
    const Vec<Mpfr> a = (Vec<Mpfr>(3) << 2, 1, Mpfr(1) / 2).finished();
    const Lorentzian<Mpfr> lor(a);
    const Vec<Mpfr> x0 = (Vec<Mpfr>(3) << 3, Mpfr(-1) / 2, 2).finished();
    // g along the top eigenvector: Quadratic with b = 0 and w = top eigenvector gives g = 4 w.
    const Quadratic<Q> homog(quad.A(), Vec<Q>::Zero(2), Q(0));

    //! [l02-expand]
    run.step("Step 1: expand L around w", "Exact for quadratics; O(eps^3) otherwise.");
    run.record(descent_lemma::step_expansion_exact(quad, w, Q(1, 3), false, Kind::holds));
    run.record(descent_lemma::step_expansion_exact(quad, w, Q(1, 3), true, Kind::refutes));
    // not quadratic: the cubic term of seed 000's g = x^2 + 2y^2 + 3xy^2 remains
    run.record(descent_lemma::step_expansion_exact(SeedG<Q>(), (Vec<Q>(2) << 1, 2).finished(), Q(1, 3), false,
                                                   Expect::counterexample("quadratic")));
    for (int k : {2, 6, 12}) run.record(descent_lemma::step_expansion_cubic_error(lor, a, x0, pow(Mpfr(2), -k)));
    run.record(descent_lemma::step_expansion_cubic_gap(12));
    //! [l02-expand]

    //! [l02-bound]
    run.step("Step 2: when does the step decrease L?", "eps* = 2 g^T g / g^T H g.");
    run.record(descent_lemma::step_bound_along_gradient(quad, w, Q(1), Kind::tight));
    run.record(descent_lemma::step_bound_along_gradient(quad, w, Q(99, 100), Kind::holds));
    run.record(descent_lemma::step_bound_along_gradient(quad, w, Q(101, 100), Expect::counterexample("step_below")));
    // The boundary of the hypothesis, g^T H g = 0, with g mixing both eigenvectors: spectrum
    // {4, -1}, w = (1/4, -2) in the eigenbasis gives g = (1, 2) there and g^T H g = 4 - 4 = 0.
    const Quadratic<Q> saddle(with_spectrum<Q>(R, {Q(4), Q(-1)}), Vec<Q>::Zero(2), Q(0));
    const Vec<Q> mixed = R.col(0) / 4 - 2 * R.col(1);
    for (const Q& eps : {Q(1, 10), Q(1000)}) run.record(descent_lemma::concave_direction_decreases(saddle, mixed, eps));
    // Beyond second order the concave case needs care: a quartic catches a long step.
    run.record(descent_lemma::concave_not_enough_beyond_second_order(Q(1, 2), Q(100)));
    // ... and so does the case g^T H g > 0: a step below eps* raises a convex quartic.
    run.record(descent_lemma::seed_step_bound_non_quadratic());
    // What the notes' summary says, L concave everywhere, is right; equality for a linear L.
    for (const Q& eps : {Q(1, 10), Q(10)}) run.record(descent_lemma::concave_everywhere_decreases(Q(1, 2), eps, false));
    run.record(descent_lemma::concave_everywhere_decreases(Q(1, 2), Q(10), true));
    // The notes' line eps g^T g / 2 <= g^T g: satisfied at eps = 1, yet L rises.
    run.record(descent_lemma::seed_lost_H(homog, R.col(0), Q(1)));
    //! [l02-bound]

    //! [l02-lemma]
    run.step("Step 3: the descent lemma", "f(x - eta g) <= f(x) - eta (1 - beta eta/2) ||g||^2 for beta-smooth f.");
    run.record(descent_lemma::descent_lemma_trajectory(lor, x0, Q(1), steps));
    run.record(descent_lemma::descent_lemma_trajectory(lor, x0, c, steps));
    if (c > 2) run.note("--beta-eta " + c.str() + " > 2: the bound holds but its right side exceeds f(x) — no decrease is promised.");
    run.record(descent_lemma::descent_lemma_step<Q>(quad, w, Q(4), Q(1, 4), Kind::holds, "rotated quadratic, spectrum {4, 1}"));
    run.record(descent_lemma::descent_lemma_step<Q>(homog, R.col(0), Q(4), Q(3, 8), Kind::tight,
                                                    "g along the top eigenvector of a quadratic with beta = 4, eta = 3/8 "
                                                    "(beta eta = 3/2: x - eta g = -x/2, both sides 1/2)"));
    run.record(descent_lemma::seed_drops_L(homog, R.col(0), Q(1, 4)));
    run.record(descent_lemma::seed_only_L_one(Q(4)));
    run.record(descent_lemma::descent_lemma_step<Q>(homog, R.col(0), Q(2), Q(1, 2), Expect::counterexample("beta_smooth"),
                                                    "beta = 2 underestimates the curvature 4"));
    //! [l02-lemma]

    //! [l02-rate]
    run.step("Step 4: the smallest squared gradient falls like 1/T",
             "min_{t<T} ||g_t||^2 <= 2 beta (f(x_0) - f*)/T; the norm itself only like 1/sqrt T.");
    run.record(descent_lemma::min_grad_norm_rate<Mpfr>(lor, x0, lor.smoothness(), Mpfr(0), 1 / lor.smoothness(), steps,
                                                       Kind::holds));
    if (c < 2)
      run.record(descent_lemma::min_grad_norm_rate<Mpfr>(lor, x0, lor.smoothness(), Mpfr(0),
                                                         from_rational<Mpfr>(c) / lor.smoothness(), steps, Kind::holds));
    else
      run.note("--beta-eta " + c.str() + " >= 2 is outside the theorem (eta (2 - beta eta) <= 0): no rate is "
               "claimed and that check is skipped; the exact counterexample below shows the rate failing at beta eta = 5/2.");
    // The step count on the C-infinity pseudo-Huber function (beta = 1, delta_H = 1/10) from
    // x0 = 10, where the gradient stays near delta_H: the tolerance (99/100 delta_H)^2.
    run.record(descent_lemma::steps_to_gradient_tolerance(PseudoHuber<Mpfr>(1, Mpfr(1) / 10), Vec<Mpfr>::Constant(1, Mpfr(10)),
                                                          Mpfr(1), Q(9801, 1000000)));
    run.record(descent_lemma::min_grad_norm_rate_attained(Q(4), Q(3, 2)));
    // With beta eta = 3/2 the factor (2 - beta eta) matters: 36 <= 48, not <= 24.
    run.record(descent_lemma::min_grad_norm_rate_step_factor(Q(4), Q(3, 2), Q(3, 8)));
    run.record(descent_lemma::min_grad_norm_rate<Q>(homog, R.col(0), Q(4), Q(0), Q(5, 8), steps,
                                                    Expect::counterexample("step_range")));
    run.record(descent_lemma::seed_index_mismatch(Lorentzian<Mpfr>(Vec<Mpfr>::Ones(1)), Vec<Mpfr>::Constant(1, Mpfr(10)), Mpfr(1)));
    run.record(descent_lemma::seed_norm_rate(10000));
    run.record(descent_lemma::seed_stationarity_unbounded(1000));
    //! [l02-rate]

    //! [l02-ls]
    run.step("Step 5: the least-squares gradient", "grad ||Phi^T w - y||^2 = 2(Phi Phi^T w - Phi y).");
    Mat<Q> Phi(2, 3);
    Phi << 1, 2, Q(-1, 2), 0, Q(3, 4), 1;
    const LeastSquares<Q> ls(Phi, (Vec<Q>(3) << 1, 0, Q(2, 3)).finished());
    const Vec<Q> wl = (Vec<Q>(2) << Q(1, 5), -1).finished();
    run.record(descent_lemma::least_squares_gradient(ls, wl, false));
    run.record(descent_lemma::least_squares_gradient(ls, wl, true));
    run.record(descent_lemma::least_squares_hessian(ls, wl));
    //! [l02-ls]

    if (run.plot_dir()) {
      // GD with eta = 1/beta on the Lorentzian: f(x_T) - f*, min_{t<T} ||g_t||^2 and the
      // telescoped bound 2 beta (f(x_0) - f*)/T.
      GradientDescent<Mpfr> gd(1 / lor.smoothness());
      StopRule<Mpfr> stop;
      stop.max_steps = steps;
      const Trace<Mpfr> tr = descent::run<Mpfr>(lor, gd, x0, stop);
      std::ostringstream data;
      Mpfr best = tr.grad_norm2[0];
      for (int T = 1; T <= tr.steps(); ++T) {
        best = std::min(best, tr.grad_norm2[T - 1]);
        data << T << ' ' << to_double<Mpfr>(tr.f[T]) << ' ' << to_double<Mpfr>(best) << ' '
             << to_double<Mpfr>(2 * lor.smoothness() * tr.f[0] / T) << '\n';
      }
      run.wrote_plot(lessons::plot_svg(
          *run.plot_dir(), "descent_lemma",
          "set title 'GD with η = 1/β on the Lorentzian: the bound is a worst case; here GD does better'\n"
          "set xlabel 'steps T'\nset ylabel 'value (log scale)'\nset logscale xy\nset xrange [1:" +
              std::to_string(tr.steps()) +
              "]\nset format y '10^{%T}'\nset key bottom left\nplot 'descent_lemma.dat' using 1:2 with lines lw 2 "
              "title 'f(x_T) - f*', '' using 1:3 with linespoints title 'min_{t<T} ||∇f(x_t)||^2', '' using "
              "1:4 with lines dashtype 2 lw 2 title 'bound 2β(f(x_0) - f*)/T'",
          {{"descent_lemma.dat", data.str()}}));
      // L(w - eps g) against eps on the rotated quadratic, with eps* marked.
      const Q eps_star = descent_lemma::critical_step(quad, w);
      const Vec<Q> g = quad.gradient(w);
      std::ostringstream line;
      for (int i = 0; i <= 120; ++i) {
        const Q eps = eps_star * Q(i, 100);
        line << to_double<Q>(eps) << ' ' << to_double<Q>(quad.value(w - eps * g)) << '\n';
      }
      const std::string es = std::to_string(to_double<Q>(eps_star)), lw = std::to_string(to_double<Q>(quad.value(w)));
      run.wrote_plot(lessons::plot_svg(
          *run.plot_dir(), "step_bound",
          "set title 'One GD step on the rotated quadratic: L(w - ε g) against ε'\nset xlabel 'step ε'\n"
          "set ylabel 'L(w - ε g)'\nset key top left\nset arrow from " + es + ", graph 0 to " + es +
              ", graph 1 nohead dashtype 2 lc rgb '#d62728'\nset label 'ε* = 2gᵀg/gᵀHg' at " + es +
              ", graph 0.92 right offset -0.5,0\nplot 'step_bound.dat' with lines lw 2 title 'L(w - ε g)', " + lw +
              " with lines dashtype 3 lc rgb '#555555' title 'L(w)'",
          {{"step_bound.dat", line.str()}}));
    }
  });
}
