/** \page lesson_17_loss_surface Lesson 17 — The loss surface: saddles, local minima, initialization
 *
 * Symbols: \f$f\f$ or \f$L\f$ a loss, \f$\nabla f\f$ and \f$H = \nabla^2 f\f$ its gradient and Hessian, a critical point
 * \f$x\f$ has \f$\nabla f(x) = 0\f$; GD is \f$x_{k+1} = x_k - \eta\nabla f(x_k)\f$. For the networks, \f$\theta\f$ are the
 * parameters in the layout of `problems/mlp.hpp`; a linear network is \f$y = W_2W_1x\f$ with a hidden layer of width
 * \f$p\f$, trained on \f$K\f$ examples \f$(x_k, y_k)\f$, with \f$\Sigma_{XX} = \sum_k x_kx_k^\top\f$, \f$\Sigma_{YX} = \sum_k y_kx_k^\top\f$,
 * \f$\Sigma_{XY} = \Sigma_{YX}^\top\f$, \f$\Sigma_{YY} = \sum_k y_ky_k^\top\f$ and \f$\Sigma = \Sigma_{YX}\Sigma_{XX}^{-1}\Sigma_{XY}\f$ with
 * eigenvalues \f$\lambda_1 > \lambda_2 > \dots\f$. The stable manifold of a saddle is the set of starts from which GD
 * converges to it. \f$\theta_{bad}\f$ and \f$\theta_{good}\f$ (step 4) are printed by the run below.
 * Sources: seed 002 (“The Loss Surface”, “The Controversial Loss Surface”), seed 000 (“Gradient Descent in
 * Non-convex Problems”).
 *
 * Lesson 16 ended with a minimum that is not the one we wanted. This lesson looks at the surface around such
 * points: how to tell a minimum from a saddle, how long gradient descent lingers at a saddle, how the start picks the
 * minimum, and whether small networks really have bad minima — with the claims of the notes that can be checked on
 * an instance checked, and those that cannot (below) said so.
 *
 * \section l17_saddle Step 1: critical points and the second-order test
 * Seed 002 defines a saddle as a point where “the slope is zero” and “some of the Eigenvalues of the Hessian are
 * positive; others are negative”. On \f$f = (x^2 - y^2)/2 + y^4/4\f$ the origin is one, exactly: \f$H(0) =
 * \operatorname{diag}(1, -1)\f$ by forward-over-forward AD, and \f$f\f$ falls along the second eigenvector. On a real
 * loss — lesson 16's four-point neuron — a saddle is certified in intervals: Krawczyk's test proves a unique critical
 * point in a box, and two quadratic forms \f$d^\top H d < 0 < e^\top H e\f$ hold on the whole box: every Hessian there is
 * indefinite, a saddle. With \f$\det H < 0\f$ on the box as well (one or three negative eigenvalues, and
 * \f$e^\top H e > 0\f$ excludes three) it has index 1: a saddle of the loss whose non-separating minimum lesson 16
 * certified. The test decides only for a nonsingular Hessian:
 * \f$x^2 + y^3\f$ has \f$H(0) \succeq 0\f$ and no minimum at 0 (counterexample; “semidefinite suffices” rejected) — and the
 * global minima of step 5's linear
 * network have a singular Hessian too (rescaling \f$W_1 \to aW_1\f$, \f$W_2 \to W_2/a\f$ leaves the loss unchanged), so there
 * the test is silent and the loss value decides. (The certified saddle's loss is only \f$2.5\cdot10^{-5}\f$ above the
 * minimum's; lesson 16's straight segment to a separator climbs higher, \f$2\cdot10^{-4}\f$, because it misses the pass.)
 * (claim \ref claim_second_order_test "second_order_test")
 * \image html surface_slice.svg "A landscape with four minima, four saddles and a maximum, each marked by its Hessian's signs"
 * \snippet 17_loss_surface/lesson.cpp l17-saddle
 *
 * \section l17_escape Step 2: how long GD lingers near a saddle
 * Near the saddle of the quartic, GD multiplies the distance \f$y\f$ from the stable manifold (the \f$x\f$ axis) by
 * \f$1 + \eta(1 - y^2) \le 1 + \eta\f$ per step. So leaving (\f$|y| \ge 1/2\f$) from \f$y_0 = \delta\f$ takes at least
 * \f$\ln(1/(2\delta))/\ln(1 + \eta)\f$ steps — and, measured at 60 digits for \f$\delta = 10^{-1}\f$ to \f$10^{-40}\f$, each
 * decade costs \f$\ln 10/\ln(1 + \eta)\f$ steps (24.16 at \f$\eta = 1/10\f$; the mean increment over the 39 decades is within
 * 1/39 of it, which rejects \f$\ln 10/\eta\f$), and the ratio of prediction to
 * measurement tends to 1 (tight). This is seed 002's “often get stuck in saddle points” made quantitative: the time
 * grows like \f$\log(1/\delta)\f$, without bound as \f$\delta \to 0\f$. Exactly on the manifold GD never leaves: from
 * \f$(1, 0)\f$ it converges to the saddle (counterexample, exact).
 * (claim \ref claim_saddle_escape "saddle_escape")
 * \image html saddle_escape.svg "Escape steps against the distance 10^-k from the stable manifold"
 * \snippet 17_loss_surface/lesson.cpp l17-escape
 *
 * \section l17_basins Step 3: basins of attraction
 * Seed 000: gradient descent on a non-convex problem is “sensitive to initialization and could get stuck in local
 * optima”. On \f$f = (x^2 - 1)^2 + (y^2 - 1)^2 + xy/2 + x/4\f$, GD from a \f$41\times41\f$ grid of starts ends at each of the
 * four minima, and which one is decided by the start alone (“the same minimum from every start” rejected); about a
 * fifth of the starts end at the worst minimum and stay there.
 * (claim \ref claim_basins "basins")
 * \image html surface_paths.svg "GD paths from eight starts"
 * \snippet 17_loss_surface/lesson.cpp l17-basins
 *
 * \section l17_bad Step 4: a bad local minimum of a small network
 * A network with one sigmoid hidden unit, \f$y = v\,\sigma(wx + b) + c\f$, fitted by least squares to six points: a
 * critical point \f$\theta_{bad}\f$ is unique in its box (Krawczyk), the Hessian is positive definite on the whole box
 * (its eigenvalues \f$\ge a\f$, certified), and a second strict minimum, certified the same way, has a lower loss. A
 * strict local minimum that is not global:
 * what Swirszcz et al. (2016) call “horrible local minima” in networks of finite size, certified.
 * (claim \ref claim_bad_local_minimum "bad_local_minimum")
 * \snippet 17_loss_surface/lesson.cpp l17-bad
 *
 * \section l17_baldi Step 5: Baldi & Hornik, and what the notes say
 * Baldi & Hornik (1989) proved that a *linear* network with one hidden layer and the squared error has no bad local
 * minima: its critical points project onto sets of eigenvectors of \f$\Sigma\f$, the projection onto the top ones is
 * the global minimum, with loss \f$\frac1K(\operatorname{tr}\Sigma_{YY} - \sum_{i\le p}\lambda_i)\f$ — attained exactly (tight) —
 * and every other critical point is a saddle. On a 2-1-2 network with \f$\Sigma\f$'s eigenvalues 5 and 5/3, the other
 * eigenvector's critical point and \f$W = 0\f$ have exact directions of negative curvature. The notes attribute to them
 * that “an MLP with a single hidden layer has only saddle points and no local Minima”. Read fairly — no local minima
 * but the global ones, since Baldi & Hornik's global minima are minima too — it is false without the word *linear*:
 * step 4's sigmoid network has a strict local minimum above another point's loss (refuted).
 *
 * What is not checked here: the slide's “popular hypothesis” — that in *large* networks saddle points are
 * exponentially more common than local minima and most local minima are close to the global one (Dauphin et al. 2014,
 * NeurIPS, which the notes date 2015; Choromanska et al. 2015) — is a statement about a distribution over huge networks, not about an instance; a lesson can
 * exhibit saddles and bad minima in small networks (done above, as the slide itself says: “this is not true for small
 * networks”), not count them in large ones.
 * (claim \ref claim_baldi_hornik "baldi_hornik")
 * \snippet 17_loss_surface/lesson.cpp l17-baldi
 *
 * \section l17_checks The checks
 * Every check of a run, as in the human output (exact values as 12-digit decimals); the full
 * values are in the lesson's `--json` output.
 * \htmlinclude lesson_17_loss_surface_checks.html
 *
 * \section l17_run A run
 * \verbinclude lesson_17_loss_surface.txt
 */
#include <sstream>

#include "instance_text.hpp"
#include "lesson_run.hpp"
#include "surface_checks.hpp"

using namespace descent;
using namespace descent::claims;
using Q = Rational;

namespace {
void write_plots(lessons::LessonRun& run, const std::string& dir, const Q& eta) {
  std::ostringstream mins, saddles, maxima;
  for (const auto& r : surface::basin_critical_points())
    (r[2] == 0 ? mins : r[2] == 1 ? saddles : maxima) << r[0] << ' ' << r[1] << '\n';
  const std::string f = "f(x, y) = (x**2 - 1)**2 + (y**2 - 1)**2 + x*y/2 + x/4\n";
  run.wrote_plot(lessons::plot_svg(
      dir, "surface_slice",
      f + "set title 'f = (x^2 - 1)^2 + (y^2 - 1)^2 + xy/2 + x/4: its nine critical points'\nset xlabel 'x'\nset ylabel 'y'\n"
          "set xrange [-2:2]\nset yrange [-2:2]\nset view map\nset contour base\nset cntrparam levels 25\nunset surface\n"
          "set isosamples 120, 120\nset table 'contours.tmp'\nsplot f(x, y)\nunset table\nset key outside below\n"
          "plot 'contours.tmp' using 1:2 with lines lc rgb '#bbbbbb' notitle, "
          "'min.dat' using 1:2 with points pt 7 ps 1.6 lc rgb '#2ca02c' title 'minima (H positive definite)', "
          "'saddle.dat' using 1:2 with points pt 9 ps 1.6 lc rgb '#ff7f0e' title 'saddles (H of mixed signs)', "
          "'max.dat' using 1:2 with points pt 5 ps 1.6 lc rgb '#d62728' title 'maximum (H negative definite)'",
      {{"min.dat", mins.str()}, {"saddle.dat", saddles.str()}, {"max.dat", maxima.str()}}));
  std::ostringstream paths;
  int last = -1;
  for (const auto& r : surface::basin_paths()) {
    if (last >= 0 && int(r[0]) != last) paths << "\n\n";
    last = int(r[0]);
    paths << r[1] << ' ' << r[2] << '\n';
  }
  run.wrote_plot(lessons::plot_svg(
      dir, "surface_paths",
      f + "set title 'GD (eta = 1/20) from eight starts: the start decides the minimum'\nset xlabel 'x'\nset ylabel 'y'\n"
          "set xrange [-2:2]\nset yrange [-2:2]\nset view map\nset contour base\nset cntrparam levels 25\nunset surface\n"
          "set isosamples 120, 120\nset table 'contours.tmp'\nsplot f(x, y)\nunset table\nset key off\n"
          "plot 'contours.tmp' using 1:2 with lines lc rgb '#cccccc', "
          "for [i=0:7] 'paths.dat' index i using 1:2 with linespoints pt 7 ps 0.4 lw 1.5",
      {{"paths.dat", paths.str()}}));
  run.wrote_plot(lessons::plot_svg(
      dir, "saddle_escape",
      "set title 'Steps for GD (eta = " + eta.str() + ") to leave the saddle of (x^2 - y^2)/2 + y^4/4 from (1, 10^-k)'\n"
      "set xlabel 'k (the start is 10^-k off the stable manifold)'\nset ylabel 'steps to |y| >= 1/2'\nset key outside below\n"
      "plot 'escape.dat' using 1:2 with points pt 7 lc rgb '#1f77b4' title 'measured (60 digits)', "
      "'escape.dat' using 1:3 with lines lw 2 lc rgb '#d62728' title 'ln(1/(2 delta))/ln(1 + eta): the linearized rate'",
      {{"escape.dat", lessons::data_rows(surface::escape_table(eta))}}));
}
}  // namespace

int main(int argc, char** argv) {
  lessons::LessonRun run{"17_loss_surface", "The loss surface: saddles, local minima, initialization"};
  Q eta_flag;
  run.number_option({.name = "eta", .default_value = "1/10", .lower = "1/100", .lower_open = false,
                    .upper = "1/2", .upper_open = false,
                    .meaning = "GD's step near the saddle (step 2)"},
                   eta_flag);
  if (auto rc = run.parse(argc, argv)) return *rc;

  return run.run([&] {
    const Q eta = eta_flag;  // in its range: checked by run.parse()

    //! [l17-saddle]
    run.step("Step 1: critical points and the second-order test", "Exact, and certified in intervals on a network.");
    run.record(surface::saddle_exact());
    run.record(surface::saddle_certified());
    run.record(surface::degenerate_critical_point());
    //! [l17-saddle]

    //! [l17-escape]
    run.step("Step 2: how long GD lingers near a saddle", "eta = " + eta.str() + " (--eta), at 60 digits; exact on the manifold.");
    run.record(surface::escape_per_decade(eta));
    run.record(surface::escape_rate(eta));
    run.record(surface::on_stable_manifold(eta));
    //! [l17-escape]

    //! [l17-basins]
    run.step("Step 3: basins of attraction", "GD from a 41 x 41 grid of starts, in double.");
    run.record(surface::basin_counts());
    //! [l17-basins]

    //! [l17-bad]
    run.step("Step 4: a bad local minimum of a small network", "A 1-1-1 sigmoid network, certified in intervals.");
    run.record(surface::network_critical_point());
    run.record(surface::network_hessian());
    run.record(surface::network_not_global());
    //! [l17-bad]

    //! [l17-baldi]
    run.step("Step 5: Baldi & Hornik, and what the notes say", "A linear 2-1-2 network, exact; the sigmoid network again.");
    run.record(surface::linear_global_minimum());
    run.record(surface::linear_saddle());
    run.record(surface::linear_origin());
    run.record(surface::sigmoid_network());
    run.record(surface::notes_attribution_refuted());
    //! [l17-baldi]

    if (run.plot_dir()) write_plots(run, *run.plot_dir(), eta);
  });
}
