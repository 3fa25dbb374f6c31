/** \page lesson_16_backprop_failure Lesson 16 — Backprop fails to separate where the perceptron succeeds
 *
 * Symbols (seed 002): one logistic neuron \f$y = \sigma(w_xx + w_yy + b)\f$, \f$\sigma(z) = 1/(1 + e^{-z})\f$ with
 * \f$\sigma' = \sigma(1 - \sigma)\f$, the L2
 * divergence \f$Div = (y - d)^2\f$ and the loss \f$L\f$ its mean over the points; \f$w = (w_x, w_y, b)\f$, the augmented
 * input \f$a = (x, y, 1)\f$ and the label \f$d = \pm1\f$ of the perceptron; \f$R = \max\|a\|\f$ and the margin
 * \f$\gamma = \max_{\|w\| = 1}\min_t d_t\,w^\top a_t\f$ (geometric, in the augmented space). The points of Brady, Raghavan & Slawny (1989):
 * \f$(1, 0)\f$ and \f$(0, 1)\f$ with target \f$1 - \varepsilon\f$, \f$(-1, 0)\f$ with target \f$\varepsilon\f$, and the
 * fourth point \f$(0, -t)\f$ with target \f$1 - \varepsilon\f$; \f$\varepsilon = 1/100\f$ (the notes' 0.99),
 * \f$u = \sigma^{-1}(1 - \varepsilon) = \ln 99\f$, \f$w^* = (u, u, 0)\f$. \f$L_3\f$ and \f$L_4\f$ are the losses of the
 * first three and of all four points. Source: seed 002, “Does backprop do the right thing?” to poll 1.
 *
 * The notes' argument has three steps: three points have an exact fit \f$w^*\f$; a fourth point far away
 * contributes an \f$e^{-ut}\f$-small gradient there, so \f$w^*\f$ is “also a broad local minimum (0 gradient)” of the
 * four-point loss; and that minimum does not separate the points, though the perceptron would. Every step is checked
 * below, with one precision added: \f$w^*\f$ itself is *not* a critical point of \f$L_4\f$ (its gradient is
 * \f$5.5\cdot10^{-20}\f$ at \f$t = 10\f$, certified nonzero), but a strict local minimum \f$\tilde w\f$ lies within
 * \f$2\cdot10^{-15}\f$ of it — proved in interval arithmetic by Krawczyk's test, with the Hessian's eigenvalues enclosed on
 * the whole box (`certify.hpp`).
 *
 * \section l16_three Step 1: three points, one exact fit
 * The three equations of line 192 hold at \f$(u, u, 0)\f$ for every \f$u\f$ and have no other solution
 * (\f$\det A = 2\f$). Since \f$L_3\f$ is a sum of squares that vanishes only where the equations hold, \f$w^*\f$ is its
 * unique minimizer. Its Hessian there is \f$\frac23(\varepsilon(1-\varepsilon))^2\sum a a^\top\f$ — checked against AD in
 * intervals — with eigenvalues \f$\frac23(\varepsilon(1-\varepsilon))^2\{2 - \sqrt2, 2, 2 + \sqrt2\}\f$, all below
 * \f$2.3\cdot10^{-4}\f$: a broad minimum indeed. With dependent points (a third point between the first two) the
 * solution is no longer unique (counterexample).
 * (claim \ref claim_brady_three_points "brady_three_points")
 * \snippet 16_backprop_failure/lesson.cpp l16-three
 *
 * \section l16_fourth Step 2: the fourth point's gradient
 * The first display (lines 222–224), \f$\frac{d\,div_4}{dw_y} = 2(1 - \varepsilon - \sigma)\sigma't\f$ and
 * \f$\frac{d\,div_4}{db} = -2(1 - \varepsilon - \sigma)\sigma'\f$ with \f$\sigma\f$ at \f$z_4 = -w_yt + b\f$, agrees with AD.
 * The second display of \f$\frac{d\,div_4}{db}\f$ (line 242) has the wrong sign, an extra factor \f$t\f$ and no
 * \f$\varepsilon\f$ (refuted). Line 245 says \f$1 - \varepsilon - \sigma \to 1\f$; at \f$w^*\f$ it is
 * \f$1 - \varepsilon - 1/(1 + 99^t)\f$, which tends to \f$1 - \varepsilon\f$ at the rate \f$99^{-t}\f$ (checked, and the limit 1
 * rejected). Read as “stays of order one” the slide's step is all the argument needs: the decay comes from
 * \f$\sigma' \to 0\f$. At \f$w^*\f$,
 * \f$\sigma' \le e^{-ut} = (\varepsilon/(1-\varepsilon))^t = 99^{-t}\f$, so
 * \f$|\frac{d\,div_4}{dw_y}| \le 2(1-\varepsilon)t\,99^{-t} \le 2t\,99^{-t}\f$: the looser bound is certified for
 * \f$t = 10, 100, 1000\f$ (the contribution is about \f$2.2\cdot10^{-19}\f$, \f$5.4\cdot10^{-198}\f$ and \f$4.6\cdot10^{-1993}\f$ —
 * in double the last one is 0), and the sharper one is the exact rate: along \f$t = 10, 11, \dots\f$ the ratio to it
 * lies in \f$[1 - 4\cdot99^{-t}, 1]\f$ (tight, at \f$t = 10\f$). The notes' hypothesis matters: with \f$w_y = 0\f$ the contribution is
 * \f$(1-2\varepsilon)t/4\f$ and grows with \f$t\f$ (counterexample).
 * (claim \ref claim_brady_fourth_point "brady_fourth_point")
 * \snippet 16_backprop_failure/lesson.cpp l16-fourth
 *
 * \section l16_local Step 3: a local minimum that does not separate
 * The four points are linearly separable (\f$2x + 1 = 0\f$ gives every point a margin \f$\ge 1\f$). The gradient of
 * \f$L_4\f$ at \f$w^*\f$ is certified nonzero, so the notes' “0 gradient” is a limit, not a fact. But Krawczyk's test
 * proves that a box of radius \f$10^{-10}\f$ around the point \f$c\f$ Newton's iteration finds from \f$w^*\f$ holds exactly
 * one critical point \f$\tilde w\f$ (at \f$t = 10\f$ about \f$2\cdot10^{-15}\f$ from \f$w^*\f$, as printed; `--t` moves the fourth
 * point): with
 * \f$X\f$ the box, \f$\hat x\f$ its centre, \f$H(X)\f$ an enclosure of the Hessian over \f$X\f$ and \f$C \approx H^{-1}\f$,
 * \f[ K(X) = \hat x - C\nabla L_4(\hat x) + (I - C\,H(X))(X - \hat x) \subset \operatorname{int} X \f]
 * implies a unique zero of \f$\nabla L_4\f$ in \f$X\f$ (Moore, Kearfott & Cloud 2009, §8.2). The leading minors of
 * \f$H(X) - aI\f$ and \f$bI - H(X)\f$ are positive (\f$a \approx 2.6\cdot10^{-5}\f$, \f$b \approx 1.8\cdot10^{-4}\f$ at \f$t = 10\f$), so
 * every eigenvalue lies in \f$[a, b]\f$ at every point of the box:
 * \f$\tilde w\f$ is a strict local minimum, and a broad one. Every point of the box misclassifies \f$(0, -t)\f$, and
 * its loss (about \f$(1-\varepsilon)^2/4\f$) is far above that of a separator: a local, not a global, minimum.
 * (claim \ref claim_brady_local_minimum "brady_local_minimum")
 * \image html brady_lines.svg "The four points, the line of the local minimum, the perceptron's line and GD's line from 0"
 * \image html brady_segment.svg "The loss from the local minimum to a separator: a low barrier, then the drop"
 * \snippet 16_backprop_failure/lesson.cpp l16-local
 *
 * \section l16_perceptron Step 4: the perceptron separates
 * The perceptron rule \f$w \leftarrow w + d\,a\f$ on each misclassified point separates the four points. Novikoff's
 * bound is \f$(R/\gamma)^2\f$ updates, \f$R^2 = t^2 + 1\f$; the best margin is \f$\gamma = 1/\sqrt5\f$ exactly (the separator
 * \f$(2, 0, 1)\f$ has functional margin 1 at three points, and the primal and dual of the hard-margin problem meet at
 * \f$5/2\f$), so the bound is \f$5(t^2 + 1)\f$ — the notes' “may take \f$t^2\f$ iterations”. Measured from \f$w = 0\f$, the
 * rule needs only \f$t + 4\f$ updates, \f$t + 3\f$ when 3 divides \f$t\f$ (at \f$t = 9, 10, 100, 1000\f$ here, and for random
 * \f$t\f$ in the tests): the bound is a worst case, far from attained on these points. It is attained elsewhere: on the
 * four unit vectors \f$e_1, \dots, e_4\f$ (label +1, no bias) \f$R = 1\f$, \f$\gamma = 1/2\f$, and the rule makes exactly
 * \f$(R/\gamma)^2 = 4\f$ updates (tight; the unsquared \f$R/\gamma = 2\f$ is rejected).
 * Without separability the rule never stops: on the XOR points the weights repeat (counterexample).
 * (claim \ref claim_perceptron_separates "perceptron_separates")
 * \snippet 16_backprop_failure/lesson.cpp l16-perceptron
 *
 * \section l16_gd Step 5: where gradient descent ends
 * Started \f$0.87\f$ away from \f$w^*\f$, GD comes back to \f$\tilde w\f$: the minimum has a basin. From 60 random starts in
 * \f$[-4, 4]^3\f$, after 20000 steps, 31 runs separate and 29 are in \f$\tilde w\f$'s basin: 6 already at \f$\tilde w\f$, the
 * others creeping along its flattest direction (curvature \f$\approx 2.9\cdot10^{-5}\f$, so \f$\eta\lambda \approx 3\cdot10^{-4}\f$
 * per step); run 50000 steps longer, all 29 reach \f$\tilde w\f$ to within \f$10^{-6}\f$ (checked). Nearly half the starts are trapped —
 * not the notes' “nearly all the time”, but far from rare. From 0 GD separates, heading for a separating minimum at
 * bounded weights (about \f$(9.19, -1.6\cdot10^{-5}, 4.59)\f$, loss \f$2.5\cdot10^{-5}\f$ against \f$\tilde w\f$'s 0.245). So
 * with the targets \f$0.99/0.01\f$ the notes' “global minimum with unbounded weights” (line 263) is not needed, and
 * “the separating solution is not a feasible optimum for the loss” (line 378) is not what happens here: a separator
 * has a thousand times lower loss; the failure is a local minimum's basin. Measured, not a theorem.
 * The trap needs a far fourth point: at \f$t = 2\f$ GD from \f$w^*\f$ separates (counterexample); the Hessian of \f$L_4\f$ at
 * \f$w^*\f$ has a negative eigenvalue there (certified), which alone does not exclude a minimum nearby. A continuation
 * outside the checks puts the fold where the minimum near \f$w^*\f$ appears at \f$t \approx 2.797\f$.
 * (claim \ref claim_gd_stays_unseparated "gd_stays_unseparated")
 * \image html brady_starts.svg "Where GD ends from 60 random starts"
 * \snippet 16_backprop_failure/lesson.cpp l16-gd
 *
 * \section l16_spoilers Step 6: spoilers, and poll 1
 * Twelve points that GD separates, plus one spoiler \f$(0, -6)\f$ of class + (the set stays separable): GD from 0 now
 * ends misclassifying the spoiler, still creeping along a flat valley after 20000 steps; at the end of that valley sits a
 * strict local minimum with bounded weights that misclassifies the spoiler — certified as above (a run of \f$10^6\f$ steps,
 * outside the checks, ends there) — while the perceptron separates all 13 points. Poll 1 asks whether minimizing the loss minimizes the classification error; the notes
 * answer false. An instance with a convex loss, where the global minimizer is certain: cross-entropy on six points
 * with one outlier; its minimizer (certified by Krawczyk's test) misclassifies two points, the threshold 0 only one.
 *
 * The notes read this as bias and variance: the perceptron “has low bias … but high variance”, backprop “is a
 * low-variance estimator”. That is a statement about resampled data, not about one data set, so the last check
 * measures it: 30 resampled data sets of 10 + 10 points around \f$(\pm3, 0)\f$, and the spread of the direction of the
 * separator each method returns. The perceptron's varies more — on this seed and geometry; with overlapping classes
 * (not run here) the spreads were about equal. A measurement, not a theorem.
 * (claims \ref claim_spoilers "spoilers", \ref claim_loss_not_error "loss_not_error", \ref claim_bias_variance "bias_variance")
 * \snippet 16_backprop_failure/lesson.cpp l16-spoilers
 *
 * \section l16_checks The checks
 * Every check of a run, as in the human output (exact values as 12-digit decimals); the full
 * values are in the lesson's `--json` output.
 * \htmlinclude lesson_16_backprop_failure_checks.html
 *
 * \section l16_run A run
 * \verbinclude lesson_16_backprop_failure.txt
 */
#include <sstream>

#include "brady_checks.hpp"
#include "instance_text.hpp"
#include "lesson_run.hpp"

using namespace descent;
using namespace descent::claims;
using Q = Rational;

namespace {
void write_plots(lessons::LessonRun& run, const std::string& dir, int start_steps) {
  std::ostringstream pos, neg;
  for (const auto& r : brady::points(10)) (r[2] > 0 ? pos : neg) << r[0] << ' ' << r[1] << '\n';
  // the lines w_x x + w_y y + b = 0: backprop's (the certified minimum, within 1e-15 of (u, u, 0)), the perceptron's
  // from 0 (exact: (6, -3, 4) at t = 10, step 4) and GD's from 0 (about (9.18, -0.0005, 4.59), step 5)
  run.wrote_plot(lessons::plot_svg(
      dir, "brady_lines",
      "set title 'Four points (t = 10): backprop stops at a line that misclassifies (0, -10)'\nset xlabel 'x'\n"
      "set ylabel 'y'\nset xrange [-2:2]\nset yrange [-11:2]\nset key outside below\nset samples 400\n"
      "u = log(99)\n"
      "plot 'pos.dat' using 1:2 with points pt 7 ps 1.5 lc rgb '#2ca02c' title 'class + (target 0.99)', "
      "'neg.dat' using 1:2 with points pt 5 ps 1.5 lc rgb '#d62728' title 'class - (target 0.01)', "
      "-x with lines lw 2 lc rgb '#1f77b4' title 'the local minimum from w* = (u, u, 0): x + y = 0', "
      "(6*x + 4)/3 with lines lw 2 dt 2 lc rgb '#ff7f0e' title 'perceptron from 0: 6x - 3y + 4 = 0', "
      "'gd0.dat' using 1:2 with lines lw 2 dt 3 lc rgb '#9467bd' title 'GD from 0 (eta = 10): a separator'",
      {{"pos.dat", pos.str()}, {"neg.dat", neg.str()}, {"gd0.dat", "-0.49994 -11\n-0.49994 2\n"}}));
  run.wrote_plot(lessons::plot_svg(
      dir, "brady_segment",
      "set multiplot layout 2,1 title 'The four-point loss along (1 - s) w~ + s 3(2, 0, 1): from the local minimum to a separator'\n"
      "set xlabel 's'\nset ylabel 'L_4'\nset key off\n"
      "plot 'segment.dat' using 1:2 with lines lw 2 lc rgb '#1f77b4'\n"
      "set title 'the same, zoomed: a barrier of about 2e-4 around w~'\nset xrange [0:0.85]\nset yrange [0.24500:0.24526]\n"
      "plot 'segment.dat' using 1:2 with lines lw 2 lc rgb '#1f77b4'\nunset multiplot",
      {{"segment.dat", lessons::data_rows(brady::segment(10))}}));
  std::ostringstream sep, rest;
  std::ostringstream other;
  for (const auto& r : brady::start_outcomes(start_steps))
    (r[2] > 0 ? sep : r[2] == 0 ? rest : other) << r[0] << ' ' << r[1] << '\n';
  run.wrote_plot(lessons::plot_svg(
      dir, "brady_starts",
      "set title 'Where GD ends from 60 random starts (t = 10, eta = 10)'\nset xlabel 'w_y'\nset ylabel 'b'\n"
      "set key outside below\n"
      "plot 'sep.dat' using 1:2 with points pt 7 lc rgb '#2ca02c' title 'separates the four points', "
      "'rest.dat' using 1:2 with points pt 5 lc rgb '#d62728' title 'in the basin of the non-separating minimum (at (4.6, 0); "
      "the rest still creeping towards it)', "
      "'other.dat' using 1:2 with points pt 9 lc rgb '#7f7f7f' title 'elsewhere'",
      {{"sep.dat", sep.str()}, {"rest.dat", rest.str()}, {"other.dat", other.str().empty() ? "NaN NaN\n" : other.str()}}));
}
}  // namespace

int main(int argc, char** argv) {
  lessons::LessonRun run{"16_backprop_failure", "Backprop fails to separate where the perceptron succeeds"};
  int t = 10;
  run.int_option("--t", t, "the fourth point (0, -t) of step 3's certified local minimum, 5 to 60", 10, 5, 60);
  if (auto rc = run.parse(argc, argv)) return *rc;
  const int start_steps = 20000;

  return run.run([&] {

    //! [l16-three]
    run.step("Step 1: three points, one exact fit", "A logistic neuron, L2 divergence, eps = 1/100, u = ln 99.");
    run.record(brady::three_equations());
    run.record(brady::three_equations_unique());
    run.record(brady::three_point_hessian());
    run.record(brady::dependent_points());
    //! [l16-three]

    //! [l16-fourth]
    run.step("Step 2: the fourth point's gradient", "At w* = (u, u, 0), in interval arithmetic at " +
                                                       std::to_string(run.digits()) + " digits.");
    run.record(brady::first_display());
    run.record(brady::second_display_refuted());
    run.record(brady::limit_value());
    for (int tt : {10, 100, 1000}) run.record(brady::contribution_bound(tt));
    run.record(brady::contribution_rate());
    run.record(brady::wy_zero());
    //! [l16-fourth]

    //! [l16-local]
    run.step("Step 3: a local minimum that does not separate", "t = " + std::to_string(t) + " (--t), certified.");
    run.record(brady::separable());
    run.record(brady::wstar_not_critical(t));
    run.record(brady::unique_critical_point(t));
    run.record(brady::hessian_positive_definite(t));
    run.record(brady::box_misclassifies(t));
    run.record(brady::local_not_global(t));
    //! [l16-local]

    //! [l16-perceptron]
    run.step("Step 4: the perceptron separates", "Exact rationals.");
    run.record(brady::perceptron_within_bound());
    run.record(brady::novikoff_attained());
    run.record(brady::margin_optimal(t));
    run.record(brady::perceptron_cycles());
    //! [l16-perceptron]

    //! [l16-gd]
    run.step("Step 5: where gradient descent ends", "Near w* and from 60 seeded starts at t = 10, from w* at t = 2 (double).");
    run.record(brady::gd_from_wstar());
    run.record(brady::random_starts(start_steps));
    run.record(brady::gd_from_zero(start_steps));
    run.record(brady::small_t());
    //! [l16-gd]

    //! [l16-spoilers]
    run.step("Step 6: spoilers, and poll 1", "GD in double, the minima certified in intervals, the perceptron exact.");
    run.record(brady::gd_separates_without_spoiler());
    run.record(brady::gd_fails_with_spoiler());
    run.record(brady::spoiler_local_minimum());
    run.record(brady::perceptron_with_spoiler());
    run.record(brady::ce_global_minimizer());
    run.record(brady::minimizer_errors());
    run.record(brady::direction_spread(5000));
    //! [l16-spoilers]

    if (run.plot_dir()) write_plots(run, *run.plot_dir(), start_steps);
  });
}
