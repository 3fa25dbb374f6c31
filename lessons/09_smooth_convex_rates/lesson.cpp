/** \page lesson_09_smooth_convex_rates Lesson 9 — What smoothness and convexity buy
 *
 * Symbols: \f$f\f$ the objective, \f$f^*\f$ its minimum, \f$x^*\f$ a minimizer, \f$L\f$ the
 * smoothness constant (\f$\nabla f\f$ is \f$L\f$-Lipschitz), \f$\mu\f$ the strong convexity,
 * \f$R = \|x_0 - x^*\|\f$, \f$h = \eta L\f$ the step in units of \f$1/L\f$, \f$N\f$ the number of
 * steps, \f$\phi_\delta\f$ the Huber function (\f$t^2/2\f$ for \f$|t| \le \delta\f$, \f$\delta|t| - \delta^2/2\f$
 * beyond; \f$L\phi_\delta\f$ is \f$L\f$-smooth). Sources: seeds 000, 002, 003; Drori & Teboulle (2014); Kim
 * (2024); Karimi, Nutini & Schmidt (2016).
 *
 * \section l09_definitions Step 1: three bowls
 * Seed 002 distinguishes three properties. *Lipschitz smooth*: \f$\nabla f\f$ is \f$L\f$-Lipschitz,
 * so \f$f\f$ lies below the bowl \f$f(x) + \nabla f(x)^\top(y - x) + \tfrac L2\|y - x\|^2\f$ drawn at any
 * point. *Strongly convex*: \f$\nabla^2 f \succeq \mu I\f$, so \f$f\f$ lies above the bowl of curvature
 * \f$\mu\f$. *Lipschitz continuous*: \f$|f(x) - f(y)| \le M|x - y|\f$, a cone, which bounds the slope,
 * not the curvature: \f$x^2\f$ is 2-smooth but no cone contains it (a counterexample), \f$|x|\f$ the
 * reverse. The Huber function meets the bowl of curvature \f$L = 1\f$ with equality and leaves the
 * bowl of curvature \f$1/2\f$. Two statements of the notes fail here. Seed 003 writes strong
 * convexity as \f$\forall x,\ x^\top\nabla^2 f(x)x \ge M\|x\|^2\f$, using the point as the direction:
 * \f$\tfrac12(x^2 + y^2) + x^2y^2\f$ satisfies it with \f$M = 1\f$ and is not even convex. Seed 002 says
 * that on a strongly convex function gradient descent converges “at least as good as that of the
 * enclosing quadratic”: \f$x^2/2 + x^4/4\f$ with \f$\eta = 1/2\f$ from 2 goes to \f$-3\f$, 12, … while
 * on its bowl \f$x^2/2\f$ the same step halves the error every step. Without an upper bound on the curvature strong
 * convexity promises nothing about a fixed step.
 * (claim \ref claim_smoothness_definitions "smoothness_definitions")
 * \snippet 09_smooth_convex_rates/lesson.cpp l09-definitions
 *
 * \section l09_rate Step 2: O(1/k) on smooth convex functions, and its exact constant
 * With \f$\eta = 1/L\f$ on a convex, \f$L\f$-smooth \f$f\f$ the descent lemma gives
 * \f$f(x_{k+1}) \le f(x_k) - \tfrac1{2L}\|g_k\|^2\f$ and convexity \f$f(x_k) - f^* \le g_k^\top(x_k - x^*)\f$;
 * together, with \f$x_{k+1} = x_k - g_k/L\f$,
 * \f[ f(x_{k+1}) - f^* \le \tfrac L2\big(\|x_k - x^*\|^2 - \|x_{k+1} - x^*\|^2\big) , \f]
 * checked at every step of both instances. Summing over \f$k\f$ telescopes the right side to at most
 * \f$\tfrac L2 R^2\f$, and since \f$f(x_k)\f$ decreases, \f$k(f(x_k) - f^*) \le \tfrac L2R^2\f$:
 * \f$f(x_k) - f^* \le L R^2/(2k)\f$. The best constant is smaller: Drori & Teboulle (2014, Thm 3.1)
 * prove \f$f(x_k) - f^* \le LR^2/(4k + 2)\f$ and show it attained by a Huber function with
 * \f$\delta = R/(2k + 1)\f$: from \f$x_0 = R\f$ every step moves by \f$\delta\f$ on the linear part and
 * \f$f(x_k) = LR^2/(4k + 2)\f$ exactly (checked in rationals at \f$k = 5\f$ and 10; the accelerated
 * \f$LR^2/(2k^2)\f$ is rejected there). Seed 002 writes the
 * rate as \f$|f(w^{(k)}) - f(w^*)| \propto \frac1k|f(w^{(0)}) - f(w^*)|\f$. Read with one constant for every
 * \f$L\f$-smooth convex \f$f\f$ (otherwise the factor \f$f(w_0) - f^*\f$ says nothing — for a single function some
 * constant always exists), it is false: the constant must come from the starting *distance*; on the Huber
 * witness of each \f$k\f$ (\f$\delta = 1/(2k + 1)\f$, a different function for each \f$k\f$)
 * \f$k(f(w_k) - f^*)/(f(w_0) - f^*)\f$ is 5.2, 50 and 500 at \f$k = 10, 100, 1000\f$, about \f$k/2\f$, so no
 * constant works — refuted. Convexity is needed: on a function with a poor local
 * minimum, GD with \f$\eta = 1/L\f$ settles there.
 * (claim \ref claim_gd_smooth_convex_rate "gd_smooth_convex_rate")
 * \image html convex_rate.svg "f(x_k) - f* against k: the bounds L R^2/(2k), L R^2/(4k+2), the Huber witnesses and a quadratic"
 * \snippet 09_smooth_convex_rates/lesson.cpp l09-rate
 *
 * \section l09_worst Step 3: the exact worst case for every constant step
 * For \f$\eta = h/L\f$, \f$0 < h < 2\f$, the worst case of \f$N\f$ steps over all convex \f$L\f$-smooth
 * functions is
 * \f[ f(x_N) - f^* \le \frac{LR^2}{2}\max\Big\{\frac{1}{2Nh + 1},\ (1 - h)^{2N}\Big\} , \f]
 * attained by the Huber function \f$L\phi_\delta\f$ (\f$\delta = R/(2Nh + 1)\f$, the first term) and by
 * \f$\tfrac L2 x^2\f$ (the second). Drori & Teboulle proved it for \f$0 < h \le 1\f$ and conjectured it
 * for \f$1 < h < 2\f$ (their Conjecture 3.1, supported numerically by Taylor, Hendrickx & Glineur
 * 2017); J. Kim, “A Proof of the Exact Convergence Rate of Gradient Descent” (2024,
 * arXiv:2412.04427), gives a proof for every \f$h \in (0, 2)\f$, so far a preprint: the lesson labels the
 * range \f$h > 1\f$ accordingly. Both witnesses attain the bound with equality in exact arithmetic;
 * smooth convex instances (a rotated Huber sum and a singular quadratic here, random ones in the
 * property tests) stay below it. The terms cross at the minimax
 * step \f$h(N) > 1\f$ (\f$h(1) = 3/2\f$, \f$h(10) \approx 1.834\f$), where the two witnesses give the same
 * value: about half of the \f$h = 1\f$ bound for large \f$N\f$ — a constant factor, not a better
 * order. Long steps of one size cannot do better; lesson 10's silver schedule mixes sizes.
 * (claim \ref claim_gd_constant_step_worst_case "gd_constant_step_worst_case")
 * \image html worst_case_h.svg "Worst case of N = 5 steps against h: the two witnesses and the bound"
 * \snippet 09_smooth_convex_rates/lesson.cpp l09-worst
 *
 * \section l09_pl Step 4: linear rates without convexity, and overparameterization
 * The Polyak–Łojasiewicz inequality \f$\tfrac12\|\nabla f(x)\|^2 \ge \mu(f(x) - f^*)\f$ with the descent
 * lemma gives \f$f(x_{k+1}) - f^* \le (1 - \mu/L)(f(x_k) - f^*)\f$ at \f$\eta = 1/L\f$: a linear rate with
 * no convexity. \f$x^2 + 3\sin^2 x\f$ (Karimi et al. 2016) is PL with \f$\mu = 1/32\f$ and has
 * \f$f''(\pi/2) = -4\f$. Seed 000 asks why optimization works for overparameterized networks
 * (Belkin): least squares \f$\|\Phi^\top w - y\|^2\f$ with more parameters than examples is not
 * strongly convex (\f$\nabla^2 = 2\Phi\Phi^\top\f$ is singular) but is PL with
 * \f$\mu = 2\lambda_{\min}(\Phi^\top\Phi)\f$ and smooth with \f$\ell = 2\lambda_{\max}(\Phi^\top\Phi)\f$ (the output
 * writes \f$\ell\f$, since \f$L\f$ is the loss there), so GD converges linearly; started from 0 it never leaves
 * \f$\mathrm{range}(\Phi)\f$ and so converges to the minimum-norm interpolant \f$\Phi(\Phi^\top\Phi)^{-1}y\f$:
 * \f$\|w_K - w^*\|^2 = \tfrac45(4/9)^{2K}\f$ exactly on the instance (a closed form: holds, not tight). So strong convexity
 * is not what a linear rate needs (rejected on this instance). Started off that range it reaches another interpolant. Where PL fails (a
 * stationary point above \f$f^*\f$) so does the linear rate.
 * (claim \ref claim_pl_linear_rate "pl_linear_rate")
 * \snippet 09_smooth_convex_rates/lesson.cpp l09-pl
 *
 * \section l09_checks The checks
 * Every check of a run, as in the human output (exact values as 12-digit decimals); the full
 * values are in the lesson's `--json` output.
 * \htmlinclude lesson_09_smooth_convex_rates_checks.html
 *
 * \section l09_run A run
 * \verbinclude lesson_09_smooth_convex_rates.txt
 */
#include <cmath>
#include <sstream>

#include "convex_rates.hpp"
#include "descent/problems/test_functions.hpp"
#include "lesson_run.hpp"

using namespace descent;
using namespace descent::claims;
using Q = Rational;

namespace {
void write_plots(lessons::LessonRun& run, const std::string& dir) {
  // worst case against h for N = 5, with the exact witness values in double
  std::ostringstream curves, points;
  const int N = 5;
  for (int i = 1; i < 400; ++i) {
    const double h = i / 200.0;
    curves << h << ' ' << 0.5 / (2 * N * h + 1) << ' ' << 0.5 * std::pow((1 - h) * (1 - h), N) << ' '
           << rates::dt_bound(N, h) << '\n';
  }
  for (int i = 1; i < 20; ++i) {
    const double h = i / 10.0;
    Huber<double> huber(1, 1.0 / (2 * N * h + 1), 1.0);
    GradientDescent<double> gd(h);
    StopRule<double> stop;
    stop.max_steps = N;
    const auto tr = descent::run<double>(huber, gd, Vec<double>::Ones(1), stop);
    const Quadratic<double> quad(Mat<double>::Ones(1, 1), Vec<double>::Zero(1), 0.0);
    const auto tq = descent::run<double>(quad, gd, Vec<double>::Ones(1), stop);
    points << h << ' ' << tr.f.back() << ' ' << tq.f.back() << '\n';
  }
  run.wrote_plot(lessons::plot_svg(
      dir, "worst_case_h",
      "set title 'GD, N = 5 steps of h/L on L-smooth convex f (L = R = 1)'\nset xlabel 'h = eta L'\n"
      "set ylabel 'f(x_N) - f*'\nset logscale y\nset format y '10^{%L}'\nset yrange [1e-6:1]\nset key outside right\n"
      "plot 'curves.dat' using 1:4 with lines lw 4 lc rgb '#cccccc' title 'worst case: max of the two', "
      "'curves.dat' using 1:2 with lines lw 2 lc rgb '#1f77b4' title 'Huber term 1/(2(2Nh + 1))', "
      "'curves.dat' using 1:3 with lines lw 2 lc rgb '#d62728' title 'quadratic term (1 - h)^{2N}/2', "
      "'points.dat' using 1:2 with points pt 7 lc rgb '#1f77b4' title 'GD on the Huber witness', "
      "'points.dat' using 1:3 with points pt 6 lc rgb '#d62728' title 'GD on L x^2/2'",
      {{"curves.dat", curves.str()}, {"points.dat", points.str()}}));

  // f(x_k) - f* against k: the two bounds, the Huber witness of each k, and a quadratic
  std::ostringstream rate;
  const Quadratic<double> psd((Mat<double>(2, 2) << 1, 0, 0, 0.01).finished(), Vec<double>::Zero(2), 0.0);
  GradientDescent<double> gd(1.0);
  StopRule<double> stop;
  stop.max_steps = 200;
  const auto tq = descent::run<double>(psd, gd, Vec<double>::Ones(2) / std::sqrt(2.0), stop);
  for (int k = 1; k <= 200; ++k) {
    Huber<double> witness(1, 1.0 / (2 * k + 1), 1.0);
    StopRule<double> sk;
    sk.max_steps = k;
    const auto tw = descent::run<double>(witness, gd, Vec<double>::Ones(1), sk);
    rate << k << ' ' << 1.0 / (2 * k) << ' ' << 1.0 / (4 * k + 2) << ' ' << tw.f.back() << ' ' << tq.f[static_cast<std::size_t>(k)]
         << '\n';
  }
  run.wrote_plot(lessons::plot_svg(
      dir, "convex_rate",
      "set title 'GD with eta = 1/L on L-smooth convex functions (L = R = 1)'\nset xlabel 'k'\nset ylabel 'f(x_k) - f*'\n"
      "set logscale xy\nset format y '10^{%L}'\nset key outside right\n"
      "plot 'rate.dat' using 1:2 with lines lw 2 dt 2 lc rgb '#888888' title 'L R^2/(2k)', "
      "'rate.dat' using 1:3 with lines lw 2 lc rgb '#000000' title 'L R^2/(4k + 2) (tight)', "
      "'rate.dat' using 1:4 every 7 with points pt 7 lc rgb '#1f77b4' title 'Huber witness with delta = R/(2k + 1), at its k', "
      "'rate.dat' using 1:5 with lines lw 2 lc rgb '#d62728' title 'quadratic diag(1, 1/100)'",
      {{"rate.dat", rate.str()}}));
}
}  // namespace

int main(int argc, char** argv) {
  lessons::LessonRun run{"09_smooth_convex_rates", "What smoothness and convexity buy"};
  Q h_flag;
  run.number_option({.name = "h", .default_value = "7/4", .lower = "0", .lower_open = true,
                    .upper = "2", .upper_open = true,
                    .meaning = "your constant step h = eta L for the worst-case checks with N = 5 (the bound, and the witness that attains it)"},
                   h_flag);
  if (auto rc = run.parse(argc, argv)) return *rc;

  return run.run([&] {
    const Q h = h_flag;  // in its range: checked by run.parse()

    //! [l09-definitions]
    run.step("Step 1: three bowls", "Exact, on grids of points: the Huber function (delta = 1), the Lessard function, "
                                    "x^2, seed 003's example, x^2/2 + x^4/4.");
    run.record(rates::huber_upper_bowl(Q(1), Kind::tight));
    run.record(rates::huber_upper_bowl(Q(1, 2), Expect::counterexample("smooth")));
    run.record(rates::lessard_lower_bowl());
    run.record(rates::square_not_lipschitz(Q(100)));
    run.record(rates::seed_strong_convexity_definition());
    run.record(rates::seed_enclosing_quadratic(3));
    //! [l09-definitions]

    //! [l09-rate]
    run.step("Step 2: O(1/k) on smooth convex functions, and its exact constant",
             "eta = 1/L, exact trajectories; a singular quadratic and a rotated Huber sum as instances.");
    const Mat<Q> Rot = cayley_orthogonal<Q>(3, {Q(1, 3), Q(-1, 2), Q(2, 5)});
    const Quadratic<Q> psd(with_spectrum<Q>(Rot, {Q(1), Q(1, 10), Q(0)}), Vec<Q>::Zero(3), Q(0));
    const Vec<Q> x0 = (Vec<Q>(3) << 2, -1, Q(3, 2)).finished();
    const Vec<Q> psd_star = Rot.col(2) * Rot.col(2).dot(x0);  // the nearest minimizer
    const rates::RotatedHuber<Q> rh(Rot, {Q(1, 7), Q(1, 3), Q(2)}, {Q(1), Q(3, 4), Q(1, 3)});
    run.record(rates::gd_rate(psd, "singular quadratic, spectrum 1, 1/10, 0", Q(1), psd_star, x0, 30, false));
    run.record(rates::gd_rate(psd, "singular quadratic, spectrum 1, 1/10, 0", Q(1), psd_star, x0, 30, true));
    run.record(rates::gd_rate(rh, "rotated Huber sum", Q(1), Vec<Q>::Zero(3), x0, 30, true));
    run.record(rates::gd_rate_key_step(psd, "singular quadratic, spectrum 1, 1/10, 0", Q(1), psd_star, x0, 30));
    run.record(rates::gd_rate_key_step(rh, "rotated Huber sum", Q(1), Vec<Q>::Zero(3), x0, 30));
    run.record(rates::huber_witness_rate(5, Q(1)));
    run.record(rates::huber_witness_rate(10, Q(2)));
    run.record(rates::seed_relative_rate(1000, Q(100)));
    run.record(rates::nonconvex_rate_fails(2000));
    //! [l09-rate]

    //! [l09-worst]
    run.step("Step 3: the exact worst case for every constant step",
             "eta = h/L; witnesses in exact arithmetic, the minimax step at " + std::to_string(run.digits()) +
                 " digits.");
    run.record(rates::dt_huber_witness(4, Q(1, 2), Q(1), Q(1)));
    run.record(rates::dt_huber_witness(3, Q(1), Q(2), Q(3)));
    run.record(rates::dt_huber_witness(5, Q(3, 2), Q(1), Q(1)));
    run.record(rates::dt_quadratic_witness(3, Q(7, 4), Q(1), Q(1)));
    run.record(rates::dt_quadratic_witness(5, Q(19, 10), Q(4), Q(1, 2)));
    run.record(rates::dt_bound_instances(6, {Q(1, 4), Q(1, 2), Q(1), Q(5, 4), Q(3, 2), Q(7, 4), Q(19, 10)}));
    run.record(rates::dt_minimax(10));
    run.record(rates::dt_nonconvex(200, Q(1)));
    const Q huber_term = Q(1) / (10 * h + 1);
    Q quad_term = 1;
    for (int i = 0; i < 5; ++i) quad_term *= (1 - h) * (1 - h);
    run.note("--h adds the checks below: your --h = " + h.str() + ", N = 5; the larger term is the " +
             (quad_term > huber_term ? std::string("quadratic's (h above h(5) = 1.747…)")
                                     : std::string("Huber function's (h up to h(5) = 1.747…)")) +
             (h > 1 ? "; for h > 1 the bound is Drori & Teboulle's conjecture, proved by Kim (2024, preprint)" : ""));
    run.record(quad_term > huber_term ? rates::dt_quadratic_witness(5, h, Q(1), Q(1))
                                      : rates::dt_huber_witness(5, h, Q(1), Q(1)));
    run.record(rates::dt_bound_instances(5, {h}));
    //! [l09-worst]

    //! [l09-pl]
    run.step("Step 4: linear rates without convexity, and overparameterization",
             "x^2 + 3 sin^2 x at " + std::to_string(run.digits()) +
                 " digits; least squares with Phi = [[1, 2], [2, -1], [2, 0]], y = (1, 2), exact.");
    run.record(rates::pl_inequality_sin());
    run.record(rates::pl_rate_sin(Q(3), 200));
    run.record(rates::overparameterized_rate(40));
    run.record(rates::overparameterized_min_norm(40));
    run.record(rates::overparameterized_limit(40));
    run.record(rates::overparameterized_offset_start(40));
    run.record(rates::pl_fails_with_poor_minimum(6000));
    //! [l09-pl]

    if (run.plot_dir()) write_plots(run, *run.plot_dir());
  });
}
