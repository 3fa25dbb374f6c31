/** \page lesson_14_sgd Lesson 14 — Stochastic gradients
 *
 * Symbols: \f$K\f$ examples, \f$f = \frac1K\sum_i f_i\f$ the mean loss (seed 002's \f$Loss = \frac1T\sum_t Div\f$;
 * seed 001 writes the sum \f$L = \sum_n L^n\f$), \f$\eta\f$ the step, \f$B\f$ the batch size, \f$g_B\f$ the mean of \f$B\f$
 * example gradients, \f$\sigma^2 = \frac1K\sum_i\|\nabla f_i - \nabla f\|^2\f$. For the noise floor: the 1-D least
 * squares \f$f(w) = \frac14\sum_i (a_iw - y_i)^2\f$ with \f$a = (1, 2, 1, 3)\f$, \f$y = (1, 1, 3, 2)\f$, \f$w^* = 4/5\f$,
 * residuals \f$r_i = a_iw^* - y_i\f$, moments \f$m_p = \mathbb{E}a^p\f$ and \f$C = \mathbb{E}[a^2r^2]\f$. Sources: seed 001
 * (Stochastic Gradient Descent, three slides); Robbins & Monro (1951); Bottou, Curtis & Nocedal (2018).
 *
 * Every run is the library's: `Sgd` (`optimizers/sgd.hpp`: shuffled epochs, sampling with replacement or in
 * order, batches of \f$B\f$; `descent trace --method sgd --batch B --seed S --epochs E`) on its `Mlp` or
 * `LeastSquares`, with exact gradients to compare against from reverse-mode AD of the loss written apart
 * (`autodiff/twin.hpp`, lesson 15).
 *
 * \section l14_unbiased Step 1: one example's gradient is an unbiased estimate
 * For a mean loss, \f$\mathbb{E}_i\nabla f_i = \frac1K\sum_i\nabla f_i = \nabla f\f$: checked in rationals on a
 * polynomial network, for single examples and for minibatches, and so the expected SGD step is the GD step.
 * Seed 001 writes the loss as a sum, \f$L = \sum_n L^n\f$, and steps with \f$\nabla L^n\f$: then
 * \f$\mathbb{E}\nabla L^n = \nabla L/K\f$ — the notes' SGD is, on average, GD on \f$L\f$ with the step \f$\eta/K\f$
 * (counterexample). Averaging, as seed 002 does, makes the two steps comparable.
 * (claim \ref claim_sgd_unbiased "sgd_unbiased")
 * \snippet 14_sgd/lesson.cpp l14-unbiased
 *
 * \section l14_epoch Step 2: an epoch
 * “Update for each example”: one pass over \f$K\f$ examples makes \f$K\f$ updates (\f$\lceil K/B\rceil\f$ with batches),
 * for the \f$K\f$ example gradients that one GD step costs. Shuffled epochs use every example once; drawing
 * with replacement, 20 draws from 20 examples typically see only about 13 of them.
 * (claim \ref claim_sgd_epoch "sgd_epoch")
 * \snippet 14_sgd/lesson.cpp l14-epoch
 *
 * \section l14_twenty Step 3: “20 times faster”?
 * The slide contrasts "GD: update after seeing all examples" with "SGD: update for each example": with 20
 * examples SGD makes 20 updates where GD makes one — true, and that is the reading taken here (so it is not
 * refuted). What the updates buy is measured on 20 examples of a mean loss, the same step for both, per gradient
 * evaluation: far from the minimum SGD gets to a loose accuracy about \f$K = 20\f$ times sooner (one update does
 * about what one GD step does, for a twentieth of the work) — asserted within a factor 2 of \f$K\f$ on the median of
 * 21 shuffles, which rejects "no gain". Then it stops improving: with a constant step it settles at a noise floor —
 * of order \f$\eta^2\f$ for the shuffled epochs run here, of order \f$\eta\f$ with replacement (Step 4) — so below the
 * floor it never stays as close to \f$f^*\f$ as GD does (a counterexample: the accuracy asked for must lie above the
 * floor). With seed 001's sum loss \f$\sum_nL^n\f$ and one \f$\eta = 1/20\f$ for both, a GD step is \f$K\f$ SGD updates'
 * worth: \f$\eta K = 1\f$ on the mean loss, beyond \f$2/\lambda_{\max}\f$, and GD diverges on this instance (checked).
 * (claim \ref claim_sgd_twenty_times "sgd_twenty_times")
 * \image html sgd_vs_gd.svg "f - f* against gradient evaluations: GD (20 per step) and SGD (1 per update), eta = 1/20"
 * \snippet 14_sgd/lesson.cpp l14-twenty
 *
 * \section l14_floor Step 4: the noise floor of a constant step
 * With \f$e = w - w^*\f$ and example \f$i\f$ drawn uniformly, \f$e^+ = (1 - 2\eta a_i^2)e - 2\eta a_ir_i\f$, so
 * \f[ \mathbb{E}e_{t+1}^2 = \mathbb{E}(1-2\eta a^2)^2\,\mathbb{E}e_t^2 - 4\eta\,\mathbb{E}[(1-2\eta a^2)ar]\,\mathbb{E}e_t
 *     + 4\eta^2C, \qquad \mathbb{E}e_t^2 \to v(\eta) = \frac{\eta C}{m_2 - \eta m_4}, \f]
 * a floor proportional to \f$\eta\f$ for small steps, and zero only when every \f$a_ir_i = 0\f$. It exists when
 * \f$\mathbb{E}(1-2\eta a^2)^2 < 1\f$, i.e. \f$\eta < m_2/m_4 = 5/33\f$ here (`--eta` takes 1/100 to 1/10). Drawing
 * without replacement (shuffled epochs) the floor is not \f$v(\eta)\f$ but far lower (counterexample): over an
 * epoch the examples' noise cancels to first order, and the floor is of order \f$\eta^2\f$ (random reshuffling;
 * Mishchenko, Khaled & Richtárik 2020) — measured: halving \f$\eta\f$ from 1/50 to 1/100 divides it by about 4, not 2. The recursion is
 * checked against all \f$4^t\f$ index sequences of the library's steps (exact), the limit exactly, and the
 * floor against a long seeded run (within 4 standard errors).
 * (claim \ref claim_sgd_noise_floor "sgd_noise_floor")
 * \image html sgd_noise_floor.svg "E[(w_t - w*)^2] for three constant steps, the decaying step, and one run at eta = 1/50"
 * \snippet 14_sgd/lesson.cpp l14-floor
 *
 * \section l14_decay Step 5: decaying steps
 * Robbins & Monro: with \f$\sum\eta_t = \infty\f$ and \f$\sum\eta_t^2 < \infty\f$ the error goes to 0. With
 * \f$\eta_t = \frac{1/5}{t+10}\f$ (starting at 1/50) the expected squared error after \f$10^4\f$ steps is far below the
 * floor of the constant 1/50, and seeded runs agree with the exact expectation. Each condition matters: a
 * constant step stays at its floor, and summable steps \f$\frac{1/50}{(t+1)^2}\f$ stop short.
 * (claim \ref claim_sgd_decaying "sgd_decaying")
 * \snippet 14_sgd/lesson.cpp l14-decay
 *
 * \section l14_batch Step 6: minibatches
 * The mean of \f$B\f$ example gradients drawn with replacement has \f$\mathbb{E}\|g_B - \nabla f\|^2 = \sigma^2/B\f$
 * exactly; a batch of distinct examples (a shuffled epoch's) has the finite-population factor
 * \f$\frac{K-B}{K-1}\f$ — less variance, and none at \f$B = K\f$.
 * (claim \ref claim_sgd_minibatch_variance "sgd_minibatch_variance")
 * \image html sgd_minibatch.svg "E||g_B - grad f||^2 against B: the two formulas and shuffled batches of the library (0 at B = K, off the log scale)"
 * \snippet 14_sgd/lesson.cpp l14-batch
 *
 * \section l14_checks The checks
 * Every check of a run, as in the human output (exact values as 12-digit decimals); the full
 * values are in the lesson's `--json` output.
 * \htmlinclude lesson_14_sgd_checks.html
 *
 * \section l14_run A run
 * \verbinclude lesson_14_sgd.txt
 */
#include <sstream>

#include "lesson_run.hpp"
#include "sgd_checks.hpp"

using namespace descent;
using namespace descent::claims;
using Q = Rational;

namespace {
void write_plots(lessons::LessonRun& run, const std::string& dir) {
  std::ostringstream race;
  for (const auto& r : sgd::gd_vs_sgd(60)) race << r[0] << ' ' << r[1] << ' ' << r[2] << '\n';
  run.wrote_plot(lessons::plot_svg(
      dir, "sgd_vs_gd",
      "set title 'Line fit on 20 examples, eta = 1/20'\nset xlabel 'gradient evaluations (one example each)'\n"
      "set ylabel 'f - f*'\nset logscale y\nset format y '10^{%T}'\nset key outside below\n"
      "plot 'race.dat' using 1:2 with lines lw 2 lc rgb '#1f77b4' title 'GD (20 evaluations per step)', "
      "'race.dat' using 1:3 with lines lc rgb '#d62728' title 'SGD, shuffled epochs (1 per update)'",
      {{"race.dat", race.str()}}));
  std::ostringstream floors;
  for (const auto& r : sgd::noise_floors(600))
    floors << r[0] << ' ' << r[1] << ' ' << r[2] << ' ' << r[3] << ' ' << r[4] << ' ' << r[5] << '\n';
  run.wrote_plot(lessons::plot_svg(
      dir, "sgd_noise_floor",
      "set title 'SGD on (1/4) sum (a_i w - y_i)^2 from w_0 = 0'\nset xlabel 'step t'\nset ylabel 'E[(w_t - w*)^2]'\n"
      "set logscale y\nset format y '10^{%T}'\nset key outside below\n"
      "plot 'floors.dat' using 1:6 with lines lc rgb '#cccccc' title 'one run, eta = 1/50', "
      "'floors.dat' using 1:2 with lines lw 2 lc rgb '#9467bd' title 'eta = 1/200', "
      "'floors.dat' using 1:3 with lines lw 2 lc rgb '#1f77b4' title 'eta = 1/100', "
      "'floors.dat' using 1:4 with lines lw 2 lc rgb '#d62728' title 'eta = 1/50', "
      "'floors.dat' using 1:5 with lines lw 2 dt 2 lc rgb '#2ca02c' title 'eta_t = (1/5)/(t + 10)'",
      {{"floors.dat", floors.str()}}));
  std::ostringstream batch;
  for (const auto& r : sgd::minibatch_variance(4000)) batch << r[0] << ' ' << r[1] << ' ' << r[2] << ' ' << r[3] << '\n';
  run.wrote_plot(lessons::plot_svg(
      dir, "sgd_minibatch",
      "set title 'Minibatch variance, K = 20 examples'\nset xlabel 'batch size B'\nset ylabel 'E||g_B - grad f||^2'\n"
      "set logscale xy\nset key outside below\n"
      "plot 'batch.dat' using 1:2 with lines lw 2 lc rgb '#1f77b4' title 'sigma^2/B (with replacement)', "
      "'batch.dat' using 1:3 with lines lw 2 dt 2 lc rgb '#2ca02c' title 'sigma^2 (K - B)/(B (K - 1)) (without)', "
      "'batch.dat' using 1:4 with points pt 7 ps 1 lc rgb '#d62728' title 'shuffled batches of the library (4000 each)'",
      {{"batch.dat", batch.str()}}));
}
}  // namespace

int main(int argc, char** argv) {
  lessons::LessonRun run{"14_sgd", "Stochastic gradients"};
  run.refutes_nothing("the one sentence of the notes it quotes, 'If there are 20 examples, 20 times faster', is true of "
                      "the updates it contrasts (a fair reading)");
  Q eta_flag;
  run.number_option({.name = "eta", .default_value = "1/50", .lower = "1/100", .lower_open = false,
                    .upper = "1/10", .upper_open = false,
                    .meaning = "the constant step of the noise floor (step 4)"},
                   eta_flag);
  if (auto rc = run.parse(argc, argv)) return *rc;

  return run.run([&] {
    const Q eta = eta_flag;  // in its range: checked by run.parse()
    // below m_2/m_4 = 15/99 the floor exists; the lower end keeps the exact recursion short

    //! [l14-unbiased]
    run.step("Step 1: one example's gradient is an unbiased estimate",
             "A polynomial 2-3-1 network on 5 examples, exact; seed 001's sum loss on 6.");
    run.record(sgd::per_example_unbiased());
    run.record(sgd::minibatch_unbiased());
    run.record(sgd::expected_step_is_gd_step());
    run.record(sgd::sum_loss_biased());
    //! [l14-unbiased]

    //! [l14-epoch]
    run.step("Step 2: an epoch", "The library's Sgd on a line fit with 20 examples.");
    run.record(sgd::epoch_single());
    run.record(sgd::epoch_batches());
    run.record(sgd::replacement_misses());
    //! [l14-epoch]

    //! [l14-twenty]
    run.step("Step 3: \"20 times faster\"?", "GD and SGD with eta = 1/20 on the line fit, f* exact; evaluations counted.");
    run.record(sgd::early_progress());
    run.record(sgd::twenty_times_refuted());
    run.record(sgd::sum_loss_gd_diverges(6));
    //! [l14-twenty]

    //! [l14-floor]
    run.step("Step 4: the noise floor of a constant step",
             "The 1-D least squares, eta = " + eta.str() + " (--eta): exact moments, and a measured run in double.");
    run.record(sgd::moments_match_recursion(eta));
    run.record(sgd::floor_approached(eta));
    run.record(sgd::floor_measured(eta, 200000));
    run.record(sgd::floor_shuffled(eta, 200000));
    run.record(sgd::shuffled_floor_order(200000));
    //! [l14-floor]

    //! [l14-decay]
    run.step("Step 5: decaying steps", "The same problem; exact expectations at " + std::to_string(run.digits()) +
                                           " digits and seeded runs in double.");
    run.record(sgd::decaying_converges(10000));
    run.record(sgd::decaying_rate_limit(10000));
    run.record(sgd::decaying_measured(400, 2000));
    run.record(sgd::constant_step_stalls(10000));
    run.record(sgd::summable_steps_stop(10000));
    //! [l14-decay]

    //! [l14-batch]
    run.step("Step 6: minibatches", "A line fit on 6 examples at (1/2, -1/4), exact.");
    run.record(sgd::variance_with_replacement());
    run.record(sgd::variance_without_replacement());
    run.record(sgd::finite_population());
    //! [l14-batch]

    if (run.plot_dir()) write_plots(run, *run.plot_dir());
  });
}
