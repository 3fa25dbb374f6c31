/** \page lesson_13_rprop_quickprop Lesson 13 — Derivative-inspired methods: Rprop and QuickProp
 *
 * Symbols: \f$w\f$ one weight, \f$\Delta w\f$ its step (seed 002 subtracts it: \f$w \leftarrow w - \Delta w\f$),
 * \f$\alpha > 1\f$ and \f$\beta < 1\f$ the notes' growth and shrink factors (\f$\eta^+, \eta^-\f$ in Igel & Hüsken
 * and PyTorch), \f$\Delta_{min}, \Delta_{max}\f$ the floor and ceiling of the step length, \f$S_k = E'(w_k)\f$ the
 * slope, \f$\mu\f$ QuickProp's growth cap, \f$\varepsilon\f$ its gradient step. Sources: seed 002 (Rprop, QuickProp,
 * poll 3); Riedmiller & Braun (1993); Igel & Hüsken (2000); Fahlman (1988).
 *
 * Every run is the library's (`Rprop` in `optimizers/sign_based.hpp` with seven variants, `QuickProp` in
 * `optimizers/quickprop.hpp`; `descent trace --method rprop --convention …` (a variant by name), `--method quickprop --convention
 * paper|notes`), in exact arithmetic: neither method takes a square root.
 *
 * \section l13_notes Step 1: seed 002's Rprop, as written and as meant
 * The prose: while the derivative keeps its sign, grow the step and go on; when it changes sign,
 * return to the previous location, shrink the step, and take the smaller step forward. The
 * pseudo-code gives \f$\Delta w\f$ the sign of the derivative once (\f$\Delta w = \mathrm{sign}(prevD)\Delta w\f$), then
 * writes \f$\min(\alpha\Delta w, \Delta_{max})\f$ and \f$\max(\beta\Delta w, \Delta_{min})\f$ on the signed value. Run as
 * written from below the minimizer (\f$\Delta w < 0\f$), the ceiling never applies, and the first overshoot
 * replaces the step by \f$+\Delta_{min}\f$: the run turns around, the derivative keeps its sign, and it walks
 * away for good — refuted on \f$(w-3)^2/2\f$. With the ceiling and floor on the length \f$|\Delta w|\f$ it ends
 * within \f$\Delta_{min}\f$ of 3, and the second display (no floor) converges to 3. One more defect is
 * in all three readings: the sign of each \f$\Delta w\f$ is set once, before the loop. For one weight that is
 * enough (overshoots are undone, never reversed); on a coupled quadratic a weight must turn back when the
 * others move — the prose says “reduce the step and reverse direction” — and the pseudo-code cannot: it
 * stalls away from the minimizer (counterexample), where Rprop±'s step \f$-\mathrm{sign}(g)\Delta\f$ takes the
 * direction from the current derivative every time.
 * (claim \ref claim_rprop_notes_pseudocode "rprop_notes_pseudocode")
 * \image html rprop_notes.svg "w_k of seed 002's Rprop pseudo-code: as written, with the limits on the length, without limits"
 * \snippet 13_rprop_quickprop/lesson.cpp l13-notes
 *
 * \section l13_poll Step 2: poll 3
 * “The derivative … is positive. After taking a step … the sign of the derivative becomes negative.”
 * The notes' Rprop returns to the earlier estimate and takes a smaller step, \f$w_{k+1} = w_{k-1} + \beta(w_k - w_{k-1})\f$
 * (exact), in the same direction as before — the poll's answer. That is Rprop with weight backtracking.
 * Riedmiller & Braun's Rprop⁺ does the same in two iterations (first back to \f$w_{k-1}\f$, then the shorter
 * step). At the default \f$\beta = 1/2\f$ the poll's point is also the midpoint, reached by stepping back from
 * \f$w_k\f$ by \f$\beta|\Delta w|\f$; at \f$\beta = 1/3\f$ the two differ, and the check there rejects "a step back from
 * \f$w_k\f$". That is what Rprop⁻ does, which drops only weight backtracking (a counterexample at
 * \f$\beta = 1/3\f$): for it the poll's second option is the true one; PyTorch's Rprop (iRprop⁻) stands still one
 * step, then goes the other way. The notes' own prose (seed 002, line 1361: "reduce the step and reverse
 * direction") describes Rprop⁻, not the poll's answer — the two slides disagree.
 * (claim \ref claim_rprop_poll3 "rprop_poll3")
 * \snippet 13_rprop_quickprop/lesson.cpp l13-poll
 *
 * \section l13_variants Step 3: the Rprop family
 * Riedmiller & Braun's Rprop with backtracking (Rprop⁺), and Igel & Hüsken's Rprop⁻ (no backtracking),
 * iRprop⁺ (backtrack only if \f$f\f$ rose) and iRprop⁻ (on a sign change, stand still and forget the
 * derivative) are four methods (four trajectories on one instance). `torch.optim.Rprop` is iRprop⁻ — its
 * update transcribed gives the library's iterates exactly. All use only signs: \f$f\f$ and \f$7f\f$ give the
 * same iterates, \f$-f\f$ does not.
 * (claim \ref claim_rprop_variants "rprop_variants")
 * \image html rprop_paths.svg "Rprop+, iRprop-, QuickProp and GD on (x^2 + 100 y^2)/2 from (-1, 1)"
 * \snippet 13_rprop_quickprop/lesson.cpp l13-variants
 *
 * \section l13_quickprop Step 4: QuickProp, a secant Newton step per weight
 * QuickProp replaces \f$E''\f$ by the slope difference of the last two points:
 * \f[ \Delta_k = \Delta_{k-1}\frac{S_k}{S_{k-1} - S_k}\quad(w_{k+1} = w_k + \Delta_k), \f]
 * the minimizer of the parabola through the two slopes — exact for a quadratic: it lands on the minimizer
 * at its second step, per coordinate when the quadratic is separable, not when it is rotated or not
 * quadratic. The same goes for seed 002's “modification 1” with the true second derivatives: per-coordinate
 * Newton steps taken together are Jacobi's iteration, exact for a separable quadratic and divergent on a
 * positive definite one with off-diagonals \f$3/5\f$ (error growing like \f$(6/5)^k\f$). Seed 002's per-connection display has the denominator \f$Err'(w^{(k)}) - Err'(w^{(k-1)})\f$ with
 * \f$w^{(k+1)} = w^{(k)} - \Delta w^{(k)}\f$: run as written it lands on the mirror image \f$2w^{(1)} - w^*\f$ —
 * refuted; its second display also drops the factor \f$Err'(w^{(k)})\f$ — refuted. Fahlman's version caps
 * each step at \f$\mu\f$ times the last (\f$\mu = 1.75\f$) and adds a gradient step \f$-\varepsilon S_k\f$ while the slope
 * still points the way of the last step; without the cap the secant step can jump far where two slopes
 * nearly agree.
 * (claim \ref claim_quickprop_secant "quickprop_secant")
 * \snippet 13_rprop_quickprop/lesson.cpp l13-quickprop
 *
 * \section l13_checks The checks
 * Every check of a run, as in the human output (exact values as 12-digit decimals); the full
 * values are in the lesson's `--json` output.
 * \htmlinclude lesson_13_rprop_quickprop_checks.html
 *
 * \section l13_run A run
 * \verbinclude lesson_13_rprop_quickprop.txt
 */
#include <sstream>

#include "lesson_run.hpp"
#include "rprop_checks.hpp"

using namespace descent;
using namespace descent::claims;
using Q = Rational;

namespace {
void write_plots(lessons::LessonRun& run, const std::string& dir) {
  std::ostringstream notes;
  for (const auto& r : rprop::notes_runs(60)) notes << r[0] << ' ' << r[1] << ' ' << r[2] << ' ' << r[3] << '\n';
  run.wrote_plot(lessons::plot_svg(
      dir, "rprop_notes",
      "set title 'Seed 002 Rprop pseudo-code on (w - 3)^2/2 from w_0 = 0'\nset xlabel 'step k'\nset ylabel 'w_k'\n"
      "set key outside below\n"
      "plot 'notes.dat' using 1:2 with linespoints pt 6 ps 0.5 lc rgb '#d62728' title 'as written (signed min, max)', "
      "'notes.dat' using 1:3 with linespoints pt 7 ps 0.5 lc rgb '#1f77b4' title 'limits on the length', "
      "'notes.dat' using 1:4 with lines dt 2 lw 2 lc rgb '#2ca02c' title 'second display (no limits)', "
      "3 with lines dt 3 lc rgb '#000000' title 'minimizer'",
      {{"notes.dat", notes.str()}}));
  const auto paths = rprop::quadratic_paths(60);
  const char* colors[] = {"#1f77b4", "#d62728", "#9467bd", "#888888"};
  std::vector<std::pair<std::string, std::string>> data;
  std::string plot = "plot ";
  for (std::size_t m = 0; m < paths.size(); ++m) {
    std::ostringstream p;
    for (const auto& row : paths[m].second) p << row[0] << ' ' << row[1] << '\n';
    const std::string file = "path" + std::to_string(m) + ".dat";
    data.emplace_back(file, p.str());
    plot += std::string(m ? ", " : "") + "'" + file + "' using 1:2 with linespoints pt 7 ps 0.4 lc rgb '" + colors[m] +
            "' title '" + paths[m].first + "'";
  }
  run.wrote_plot(lessons::plot_svg(dir, "rprop_paths",
                                   "set title 'Paths on (x^2 + 100 y^2)/2 from (-1, 1), 60 steps'\nset xlabel 'x'\n"
                                   "set ylabel 'y'\nset xrange [-1.2:0.5]\nset yrange [-1.2:1.2]\nset key outside below\n" +
                                       plot,
                                   data));
}
}  // namespace

int main(int argc, char** argv) {
  lessons::LessonRun run{"13_rprop_quickprop", "Derivative-inspired methods: Rprop and QuickProp"};
  Q alpha_flag, beta_flag;
  run.number_option({.name = "alpha", .default_value = "6/5", .lower = "21/20", .lower_open = false, .upper = "4",
                     .upper_open = false, .meaning = "the notes' growth factor alpha of Rprop (steps 1-2)"},
                    alpha_flag);
  run.number_option({.name = "beta", .default_value = "1/2", .lower = "1/20", .lower_open = false, .upper = "9/10",
                     .upper_open = false, .meaning = "the notes' shrink factor beta of Rprop (steps 1-2)"},
                    beta_flag);
  if (auto rc = run.parse(argc, argv)) return *rc;

  return run.run([&] {
    // the ranges (checked by run.parse()) keep the runs short: beta near 1 shrinks the step too slowly for the step
    // budgets below
    const Q alpha = alpha_flag, beta = beta_flag;

    //! [l13-notes]
    run.step("Step 1: seed 002's Rprop, as written and as meant",
             "The library's Rprop in the notes' three readings on (w - 3)^2/2 from w_0 = 0, exact; alpha = " +
                 alpha.str() + ", beta = " + beta.str() + " (--alpha, --beta) where the prose's reading is checked.");
    run.record(rprop::literal_runs_away(200));
    run.record(rprop::magnitude_converges(alpha, beta, 1000, !run.given("--alpha") && !run.given("--beta")));
    run.record(rprop::uncapped_converges(alpha, beta, 2000));
    run.record(rprop::literal_ceiling_fails(30));
    run.record(rprop::notes_stall_coupled(500));
    //! [l13-notes]

    //! [l13-poll]
    run.step("Step 2: poll 3", "From w_0 = 6 (derivative 3 > 0) on (w - 3)^2/2, exact.");
    run.record(rprop::reverts_and_shrinks(alpha, beta));
    run.record(rprop::keeps_direction(alpha, beta));
    // beta = 1/3: the poll's point and 'a step back from w_k' differ (at 1/2 they coincide)
    run.record(rprop::reverts_and_shrinks(alpha, Q(1, 3)));
    run.record(rprop::rprop_plus_two_moves(Q(1, 3)));
    run.record(rprop::irprop_minus_does_not_revert());
    //! [l13-poll]

    //! [l13-variants]
    run.step("Step 3: the Rprop family", "A 3-D quadratic, exact.");
    run.record(rprop::pytorch_is_irprop_minus(40));
    run.record(rprop::scale_invariant(30));
    run.record(rprop::negative_scale(30));
    run.record(rprop::variants_differ(30));
    run.record(rprop::variants_match_igel_huesken(30));
    //! [l13-variants]

    //! [l13-quickprop]
    run.step("Step 4: QuickProp, a secant Newton step per weight",
             "Exact on quadratics; at " + std::to_string(run.digits()) + " digits on e^x + x^2/2 - 2x and Rosenbrock.");
    run.record(rprop::one_secant_step());
    run.record(rprop::separable_secant());
    run.record(rprop::rotated_secant());
    run.record(rprop::nonquadratic_secant());
    run.record(rprop::jacobi_diverges(20));
    run.record(rprop::seed002_sign());
    run.record(rprop::seed002_missing_factor());
    run.record(rprop::cap_attained());
    run.record(rprop::growth_capped(300));
    run.record(rprop::uncapped_growth(300));
    //! [l13-quickprop]

    if (run.plot_dir()) write_plots(run, *run.plot_dir());
  });
}
