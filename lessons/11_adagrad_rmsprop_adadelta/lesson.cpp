/** \page lesson_11_adagrad_rmsprop_adadelta Lesson 11 — Per-parameter step sizes: AdaGrad, RMSProp, AdaDelta
 *
 * Symbols: \f$g^t = \partial L/\partial w\f$ at step \f$t\f$ (one coordinate; \f$g_{i,t}\f$ for coordinate
 * \f$i\f$), \f$\eta\f$ the learning rate, \f$\sigma^t\f$ the root mean square of \f$g^0, \dots, g^t\f$,
 * \f$G\f$ an accumulator of squared gradients, \f$\beta\f$ or \f$\rho\f$ a decay rate, \f$\varepsilon\f$ a small
 * constant, \f$E[g^2]\f$ and \f$E[\Delta x^2]\f$ AdaDelta's running averages, \f$c\f$ a change of units
 * \f$y = cx\f$. Sources: seeds 001 (Adagrad), 003 (AdaGrad, RMSProp, AdaDelta); Duchi, Hazan & Singer
 * (2011); Tieleman & Hinton (2012); Zeiler (2012).
 *
 * Every method is the library's (`AdaGrad`, `RMSProp`, `AdaDelta` in `optimizers/adaptive.hpp`; `descent
 * trace --method adagrad|rmsprop|adadelta --convention notes|paper|pytorch`), and the forms the notes,
 * the papers and PyTorch write are options of one optimizer, listed by `descent conventions`.
 *
 * \section l11_adagrad Step 1: seed 001's AdaGrad is Duchi's
 * Seed 001 divides a \f$1/\sqrt{t+1}\f$-decayed rate \f$\eta^t = \eta/\sqrt{t+1}\f$ by the root mean square
 * \f$\sigma^t = \sqrt{\tfrac1{t+1}\sum_{i\le t}(g^i)^2}\f$ of the past derivatives. The two \f$\sqrt{t+1}\f$
 * cancel:
 * \f[ w^{t+1} = w^t - \frac{\eta^t}{\sigma^t}g^t = w^t - \frac{\eta}{\sqrt{\sum_{i=0}^t(g^i)^2}}\,g^t , \f]
 * which is Duchi et al.'s diagonal AdaGrad with \f$\varepsilon = 0\f$ — checked on the library's two
 * forms, step by step. The seed's “contrast” example: the same gradient 0.1 moves almost a full
 * \f$\eta\f$ after the gradients 0.001, 0.001, 0.003, 0.002, and about \f$\eta/400\f$ after 10.8, 20.9,
 * 31.7, 12.1. Seed 003 writes the accumulator as \f$(G_t)_{ii} = \sqrt{\sum_{j=1}^{t-1}(\nabla f(x_t)_i)^2}\f$,
 * where the summand does not depend on \f$j\f$ — refuted on a run: the sum is over the past
 * gradients \f$\nabla f(x_j)\f$.
 * Seed 003 also calls \f$G_t\f$ “strictly increasing”: an entry stays put while its partial derivative is 0
 * (the check reads the library's accumulator after each step). Nor must the rate become small: on a
 * linearly convergent run \f$\sum g^2\f$ converges — on \f$(100x^2 + y^2)/2\f$ the accumulator tends to
 * \f$(27359.6, 2.736)\f$ and the \f$y\f$-rate stays \f$\eta/\sqrt{G_{yy}} \approx 0.6\eta\f$. The check of the two forms also
 * rejects the notes' form without \f$\eta^t\f$'s \f$\sqrt{t+1}\f$.
 * (claim \ref claim_adagrad_forms "adagrad_forms")
 * \snippet 11_adagrad_rmsprop_adadelta/lesson.cpp l11-adagrad
 *
 * \section l11_best Step 2: the best step, and what the root of summed squares estimates
 * On \f$y = ax^2 + bx + c\f$ the distance to the minimizer is \f$|x_0 + b/(2a)| = |y'(x_0)|/y''\f$: one
 * Newton step lands there, and for one parameter a larger derivative means farther away. Across
 * parameters it does not (seed 001: “do not cross parameters”): on \f$\tfrac12(100x^2 + y^2)\f$ at
 * \f$(1/10, 1)\f$ the larger derivative belongs to the nearer coordinate. Seed 001 then proposes to “use
 * the first derivative to estimate the second”. On an axis-aligned quadratic this is exact in a
 * precise sense: \f$g_i = a_ix_i\f$ at every point, so \f$\sum_s g_{i,s}^2 = a_i^2\sum_s x_{i,s}^2\f$ and AdaGrad
 * moves \f$x_i\f$ by \f$\eta x_i/\sqrt{\sum_s x_{i,s}^2}\f$ — the curvature \f$a_i\f$ drops out, and the run on
 * \f$\tfrac12(100x^2 + y^2)\f$ is the run on \f$\tfrac12(x^2 + y^2)\f$. Rotate the same curvatures off the axes
 * and this fails: a diagonal scaling cannot undo a rotated Hessian.
 * (claims \ref claim_gradient_distance "gradient_distance", \ref claim_adagrad_axis_aligned "adagrad_axis_aligned")
 * \image html adaptive_paths.svg "GD, AdaGrad, RMSProp and AdaDelta on (x^2 + 100 y^2)/2 from (-1, 1)"
 * \image html adaptive_steps.svg "Effective per-coordinate step |Delta x_i / g_i| of each method over time"
 * \snippet 11_adagrad_rmsprop_adadelta/lesson.cpp l11-best
 *
 * \section l11_rmsprop Step 3: RMSProp forgets
 * AdaGrad's effective rate \f$\eta/\sqrt{G_i}\f$ only shrinks (it stays put, not “strictly increasing” as seed
 * 003 says of \f$G_t\f$, while a partial derivative is 0 — refuted in Step 1). RMSProp replaces the sum by an
 * exponential average,
 * \f$G_{t+1} = \beta G_t + (1 - \beta)g_t^2\f$; from \f$G_0 = 0\f$ it unrolls to
 * \f$G_{T+1} = (1-\beta)\sum_{t\le T}\beta^{T-t}g_t^2\f$ — checked against the library's accumulator.
 * Seed 003 drops the factor \f$1 - \beta\f$ (“\f$\Leftrightarrow \sum_{t=0}^T\beta^{T-t}(\nabla f(x_t)_i)^2\f$”):
 * refuted, it is 10 times the accumulator for \f$\beta = 0.9\f$, and the steps it would give are \f$\sqrt{1-\beta} \approx 0.316\f$
 * times RMSProp's. Since \f$G_{t+1} \ge (1-\beta)g_t^2\f$, every
 * step (\f$\varepsilon = 0\f$) has \f$|\Delta x_i| \le \eta/\sqrt{1-\beta}\f$, and the first step attains it
 * whatever \f$g\f$: RMSProp's first step is a sign step of length \f$3.16\eta\f$ at \f$\beta = 0.9\f$. The Adam
 * slide of seed 003 writes RMSProp again with the power \f$-1\f$ and with \f$G_t\f$ on both sides of the
 * recursion — both refuted.
 * (claim \ref claim_rmsprop_average "rmsprop_average")
 * \snippet 11_adagrad_rmsprop_adadelta/lesson.cpp l11-rmsprop
 *
 * \section l11_units Step 4: units — AdaDelta's argument, checked
 * Measure \f$x\f$ in other units, \f$y = cx\f$, and minimize \f$f_c(y) = f(y/c)\f$. A step with the units of
 * \f$x\f$ satisfies \f$\Delta y = c\,\Delta x\f$. The gradient has the units of \f$1/x\f$: GD's first step has
 * \f$\Delta y = \Delta x/c\f$, off by \f$c^2\f$ (exact). RMSProp and Adam divide the gradient by the root of
 * its own square: \f$\Delta y = \Delta x\f$, no units (seed 003: “\f$\Delta\f$: unitless”). Newton's step has
 * the units of \f$x\f$ (exact). Zeiler's AdaDelta,
 * \f[ \Delta x_t = \frac{\sqrt{E[\Delta x^2]_{t-1} + \varepsilon}}{\sqrt{E[g^2]_t + \varepsilon}}\,g_t , \f]
 * approximates Newton's \f$1/f''\f$ by \f$\mathrm{RMS}[\Delta x]/\mathrm{RMS}[g]\f$: its whole trajectory maps,
 * \f$y_k = cx_k\f$, when each \f$\varepsilon\f$ carries the units of its average (\f$\varepsilon_g/c^2\f$,
 * \f$c^2\varepsilon_\Delta\f$). With one fixed \f$\varepsilon\f$, as in the paper and PyTorch, it does not: the
 * first step \f$\sqrt{\varepsilon}/\sqrt{(1-\rho)g^2 + \varepsilon}\,g\f$ ignores units, and the deviation is
 * measured. Seed 003 says GD's step has “the unit of \f$x\f$” — refuted.
 * (claim \ref claim_adadelta_units "adadelta_units")
 * \snippet 11_adagrad_rmsprop_adadelta/lesson.cpp l11-units
 *
 * \section l11_adadelta Step 5: AdaDelta per coordinate, and an order that makes it GD
 * Zeiler's Algorithm 1 keeps both averages per coordinate, so one coordinate never sees another
 * (checked). Seed 003 accumulates one scalar \f$u \leftarrow \rho u + (1 - \rho)\|\Delta x_t\|^2\f$ for all
 * coordinates — refuted: its \f$x\f$-path changes with \f$y_0\f$. An implementation that divides by
 * \f$E[g^2]\f$ before adding \f$g_t^2\f$, with both averages starting at 0, takes the first step
 * \f$\sqrt{0+\varepsilon}/\sqrt{0+\varepsilon}\,g = g\f$; then \f$E[\Delta x^2]\f$ and \f$E[g^2]\f$ obey the same
 * recursion and stay equal, so it is gradient descent with step \f$\eta\f$, for every \f$\rho\f$ and
 * \f$\varepsilon\f$ (your own with `--rho`, `--eps`). Zeiler's order, or two different \f$\varepsilon\f$, break it.
 * (claim \ref claim_adadelta_per_coordinate "adadelta_per_coordinate")
 * \snippet 11_adagrad_rmsprop_adadelta/lesson.cpp l11-adadelta
 *
 * \section l11_checks The checks
 * Every check of a run, as in the human output (exact values as 12-digit decimals); the full
 * values are in the lesson's `--json` output.
 * \htmlinclude lesson_11_adagrad_rmsprop_adadelta_checks.html
 *
 * \section l11_run A run
 * \verbinclude lesson_11_adagrad_rmsprop_adadelta.txt
 */
#include <cmath>
#include <sstream>

#include "adaptive_checks.hpp"
#include "lesson_run.hpp"

using namespace descent;
using namespace descent::claims;
using Q = Rational;

namespace {
void write_plots(lessons::LessonRun& run, const std::string& dir) {
  const auto set = adaptive::badly_scaled_paths(200);
  const char* colors[] = {"#888888", "#1f77b4", "#d62728", "#2ca02c"};
  std::vector<std::pair<std::string, std::string>> data;
  std::string paths = "plot 'contours.dat' with lines lc rgb '#dddddd' notitle";
  std::string steps = "plot ";
  for (std::size_t m = 0; m < set.names.size(); ++m) {
    std::ostringstream p, s;
    for (const auto& row : set.paths[m]) p << row[0] << ' ' << row[1] << '\n';
    for (std::size_t k = 0; k < set.steps[m].size(); ++k) s << k << ' ' << set.steps[m][k][0] << ' ' << set.steps[m][k][1] << '\n';
    const std::string pf = "path" + std::to_string(m) + ".dat", sf = "steps" + std::to_string(m) + ".dat";
    data.emplace_back(pf, p.str());
    data.emplace_back(sf, s.str());
    // AdaGrad (m = 1), RMSProp and AdaDelta move along the same line y = -x here: AdaGrad is drawn wide
    // underneath, the others narrow and dashed on top, so that all three stay visible
    paths += ", '" + pf + "' using 1:2 with linespoints pt " + std::string(m == 1 ? "7 ps 0.8 lw 5" : "7 ps 0.3 lw 1.5") +
             (m >= 2 ? " dt " + std::to_string(m) : std::string()) + " lc rgb '" + colors[m] + "' title '" + set.names[m] +
             "'";
    steps += std::string(m ? ", " : "") + "'" + sf + "' using 1:2 with lines lw 2 lc rgb '" + colors[m] + "' title '" +
             set.names[m] + ": x', '" + sf + "' using 1:3 with lines dt 2 lw 2 lc rgb '" + colors[m] + "' title 'y'";
  }
  std::ostringstream contours;
  for (double v : {0.02, 0.1, 0.5, 2.0, 8.0, 32.0}) {  // ellipses (x² + 100y²)/2 = v
    for (int j = 0; j <= 200; ++j) {
      const double t = 2 * M_PI * j / 200;
      contours << std::sqrt(2 * v) * std::cos(t) << ' ' << std::sqrt(2 * v / 100) * std::sin(t) << '\n';
    }
    contours << '\n';
  }
  auto with_contours = data;
  with_contours.emplace_back("contours.dat", contours.str());
  run.wrote_plot(lessons::plot_svg(dir, "adaptive_paths",
                                   "set title 'Paths on (x^2 + 100 y^2)/2 from (-1, 1), 200 steps'\nset xlabel 'x'\n"
                                   "set ylabel 'y'\nset xrange [-1.2:0.4]\nset yrange [-1.2:1.2]\nset key outside below\n" +
                                       paths,
                                   with_contours));
  run.wrote_plot(lessons::plot_svg(dir, "adaptive_steps",
                                   "set title 'Effective step |Delta x_i / g_i| (x solid, y dashed)'\nset xlabel 'step t'\n"
                                   "set ylabel 'step size'\nset logscale y\nset format y '10^{%L}'\nset key outside below\n" +
                                       steps,
                                   data));
}
}  // namespace

int main(int argc, char** argv) {
  lessons::LessonRun run{"11_adagrad_rmsprop_adadelta", "Per-parameter step sizes: AdaGrad, RMSProp, AdaDelta"};
  Q rho_flag, eps_flag;
  run.number_option({.name = "rho", .default_value = "9/10", .lower = "0", .lower_open = false, .upper = "1",
                     .meaning = "your decay rho for the divide-first AdaDelta, which is gradient descent for every rho and eps"},
                    rho_flag);
  run.number_option({.name = "eps", .default_value = "1/1000000", .lower = "0", .meaning = "your eps for the same check"},
                    eps_flag);
  if (auto rc = run.parse(argc, argv)) return *rc;

  return run.run([&] {
    const Q rho = rho_flag, eps = eps_flag;  // in their ranges: checked by run.parse()

    //! [l11-adagrad]
    run.step("Step 1: seed 001's AdaGrad is Duchi's",
             "The library's AdaGrad in the notes' form and in Duchi's form (eps = 0) at " +
                 std::to_string(run.digits()) + " digits.");
    run.record(adaptive::notes_form_simplifies(60));
    run.record(adaptive::contrast());
    run.record(adaptive::seed003_accumulator());
    run.record(adaptive::seed003_strictly_increasing());
    //! [l11-adagrad]

    //! [l11-best]
    run.step("Step 2: the best step, and what the root of summed squares estimates",
             "Exact parabolas; the library's AdaGrad on axis-aligned and rotated quadratics.");
    run.record(adaptive::best_step());
    run.record(adaptive::across_parameters());
    run.record(adaptive::accumulator_estimates_curvature(50));
    run.record(adaptive::curvature_free(50));
    run.record(adaptive::rotated_depends(50));
    //! [l11-best]

    //! [l11-rmsprop]
    run.step("Step 3: RMSProp forgets", "The library's RMSProp (eps = 0) on (4x^2 + y^2)/2, beta = 9/10.");
    run.record(adaptive::unrolled_sum(40));
    run.record(adaptive::seed003_unrolled(40));
    run.record(adaptive::step_bound(40));
    run.record(adaptive::step_bound_first());
    run.record(adaptive::seed003_power());
    run.record(adaptive::seed003_same_index());
    //! [l11-rmsprop]

    //! [l11-units]
    run.step("Step 4: units, AdaDelta's argument checked", "y = c x, f_c(y) = f(y/c), on a rotated 2-D quadratic.");
    run.record(adaptive::adadelta_maps(60));
    run.record(adaptive::adadelta_fixed_eps(60));
    run.record(adaptive::gd_units());
    run.record(adaptive::unitless_first_step());
    run.record(adaptive::newton_units());
    run.record(adaptive::seed003_gd_units());
    //! [l11-units]

    //! [l11-adadelta]
    run.step("Step 5: AdaDelta per coordinate, and an order that makes it GD",
             "The library's AdaDelta in Zeiler's form, the notes' form and the divide-first order; rho = " +
                 rho.str() + ", eps = " + eps.str() + " (--rho, --eps) for the divide-first check.");
    run.record(adaptive::zeiler_separable(40));
    run.record(adaptive::seed003_scalar_u(40));
    run.record(adaptive::divide_first_is_gd(rho, eps, 40));
    run.record(adaptive::update_first_not_gd(40));
    run.record(adaptive::two_eps_not_gd(40));
    //! [l11-adadelta]

    if (run.plot_dir()) write_plots(run, *run.plot_dir());
  });
}
