/** \page lesson_10_schedules Lesson 10 — Learning-rate schedules
 *
 * Symbols: \f$\eta_k\f$ the step at step \f$k\f$ (a schedule: \f$\eta_k = \eta_0 m_k\f$), \f$e_k = x_k - x^*\f$
 * the error, \f$\sigma^2\f$ the variance of the gradient noise, \f$a\f$ the curvature of a 1-D quadratic,
 * \f$x_{loc}\f$ a poor local minimum, \f$L\f$ the smoothness constant, \f$R = \|x_0 - x^*\|\f$, \f$\beta\f$ the rate
 * of an exponential decay \f$\eta_0e^{-\beta k}\f$,
 * \f$\rho = 1 + \sqrt2\f$ (the silver ratio), \f$\nu(i)\f$ the exponent of 2 in \f$i\f$. Sources: seeds 001,
 * 002; Robbins & Monro (1951); Altschuler & Parrilo (2023, 2025).
 *
 * Every schedule here is a policy of the library (`Schedule`, run by `Scheduled` around any method
 * with a step size; `descent trace --schedule NAME`), so the runs below are the library's.
 *
 * \section l10_decay Step 1: what decaying steps guarantee
 * Seed 002 lists “linear decay” \f$\eta_0/(k + 1)\f$, “quadratic decay” \f$\eta_0/(k + 1)^2\f$ and
 * exponential decay \f$\eta_0 e^{-\beta k}\f$. On \f$w^2/2\f$ gradient descent multiplies \f$w\f$ by
 * \f$1 - \eta_k\f$, so \f$w_K = w_0\prod_{k<K}(1 - \eta_k)\f$, which (for \f$0 \le \eta_k < 1\f$) tends to 0 iff
 * \f$\sum\eta_k = \infty\f$. From \f$w_0 = 1\f$ with \f$\eta_0/(k + 1)\f$, \f$\eta_0 = \tfrac12\f$,
 * \f$w_k = \binom{2k}{k}/4^k \sim 1/\sqrt{\pi k}\f$ exactly:
 * it converges, slowly. The two summable schedules stop short: \f$\prod_j(1 - \eta_0/j^2) =
 * \sin(\pi\sqrt{\eta_0})/(\pi\sqrt{\eta_0})\f$ (\f$2/\pi\f$ for \f$\eta_0 = \tfrac14\f$, Euler) and
 * \f$\prod_j(1 - 2^{-j}) \approx 0.2888\f$ (by Euler's pentagonal number theorem), approached by the
 * runs at 50 digits (a summable schedule is rejected as a way to the minimum). Seed 001 calls
 * \f$\eta^t = \eta/\sqrt{t + 1}\f$ a “1/t decay”; its decay exponent, measured from the formula between
 * \f$t + 1 = 100\f$ and \f$10^4\f$, is \f$-1/2\f$: a \f$1/\sqrt t\f$ decay, with \f$\sum(\eta^t)^2 = \infty\f$ — refuted (the seed's
 * own margin note, "divide by \f$\sqrt{t+1}\f$", agrees with the formula, not with the name). Seed 002's
 * "linear decay" \f$\eta_0/(k+1)\f$ names the same kind of schedule by its denominator, linear in \f$k\f$: a
 * reading under which the name is right, so it is not refuted.
 * (claim \ref claim_decaying_schedules "decaying_schedules")
 * \snippet 10_schedules/lesson.cpp l10-decay
 *
 * \section l10_noise Step 2: the noise floor, and why decay matters there
 * With a noisy gradient \f$ae + \sigma\xi\f$ (\f$\xi = \pm1\f$) a constant step gives
 * \f$E[e_{k+1}^2] = (1 - \eta a)^2E[e_k^2] + \eta^2\sigma^2\f$: the error settles at the floor
 * \f$\eta\sigma^2/(a(2 - \eta a))\f$ instead of 0. The recursion is checked against the mean over all
 * \f$2^{10}\f$ noise sequences, exactly (the small-step form \f$\eta\sigma^2/(2a)\f$ is rejected), and the library's
 * seeded `NoisyQuadratic` sits at the floor within 10% over 200000 steps. Seed 002's poll 2 leaves “gradient descent will not converge
 * without decaying learning rates” unmarked (false), rightly for exact gradients (a constant
 * \f$\eta < 2/L\f$ converges); with noise it is true: \f$\eta_k = \eta_0/(k + 1)\f$ (\f$\sum\eta_k = \infty\f$,
 * \f$\sum\eta_k^2 < \infty\f$) with \f$\eta_0 a = 1\f$ gives \f$E[e_K^2] = \sigma^2/(a^2K)\f$ exactly; averaged over 400
 * independent runs of the library's noisy quadratic the measured \f$E[e_K^2]\f$ at \f$K = 2000\f$ is that value
 * within 35% (five standard errors), which rejects a \f$1/K^{3/2}\f$ rate. Drop either
 * condition and it fails. PyTorch's ReduceLROnPlateau (halve after 100 steps without a new best
 * \f$f\f$) is the instructive case: started at the minimizer, no step ever sets a record, the halvings
 * run every 101 steps, the steps sum to at most \f$202\eta_0\f$, and \f$E[e_k^2]\f$ freezes at a positive
 * level — a summable schedule in disguise (exact expectation).
 * (claim \ref claim_noise_floor "noise_floor")
 * \image html schedules_noisy.svg "e_k^2 on the noisy quadratic: a constant step, 1/(k+1), and halving on a plateau"
 * \snippet 10_schedules/lesson.cpp l10-noise
 *
 * \section l10_escape Step 3: a large step to escape, then decay
 * Seed 002: “Having \f$\eta > 2\eta_{opt}\f$ can actually help escape local optima”, and decaying rates
 * “provide good compromise between escaping poor local minima and convergence”. On
 * \f$f = x^2/2 - 1/(1 + 16(x - 2)^2)\f$ the poor minimum \f$x_{loc} \approx 1.93\f$ has \f$f'' \approx 20.5\f$,
 * the global one \f$f'' \approx 0.98\f$: from \f$x_0 = 9/4\f$ a small step settles in the dip; any step above
 * \f$2/f''(x_{loc}) \approx 0.098\f$ cannot stay there (unless it lands on \f$x_{loc}\f$ exactly: a measure-zero set of
 * starts, e.g. \f$\eta = 1\f$ from \f$x_0 \approx 1.7412\f$ lands on it in one step; the threshold is bracketed: a
 * constant step at 0.99 of it converges to \f$x_{loc}\f$, at 1.01 of it no longer does (a 2-cycle around it)); \f$\eta_k = \tfrac52/(k + 1)\f$ jumps out and converges
 * to the global minimum, while the constant \f$\eta = 5/2\f$ (above \f$2/f''(x^*) \approx 2.05\f$) escapes and
 * diverges. Decay is needed exactly when the step that escapes is also too long for the global
 * minimum (here above 2.05; a constant \f$\eta = 1\f$ escapes and converges without it), or when the
 * gradient is noisy. Seed 002 also says that “*always* having \f$\eta > 2\eta_{opt}\f$ will ensure that you never
 * ever actually find a solution”. That is the same statement, read the same way: such a step makes the
 * minimizer repelling, so GD reaches it only by landing on it exactly (on \f$\sqrt{1 + x^2}\f$, \f$\eta = 13/5\f$
 * from \f$12/5\f$ lands on 0), a measure-zero event the lesson's own claim excepts too — so it is not
 * refuted.
 * (claim \ref claim_escape_then_decay "escape_then_decay")
 * \image html schedules_nonconvex.svg "x_k on the function with a poor local minimum under four step rules"
 * \snippet 10_schedules/lesson.cpp l10-escape
 *
 * \section l10_silver Step 4: long steps that beat every constant step
 * Lesson 09 showed that no constant step does better than order \f$1/N\f$ on smooth convex
 * functions. Altschuler & Parrilo (2023; Math. Program. 2025, Thm 1.1) mix step sizes: the silver
 * schedule \f$\eta_i = (1 + \rho^{\nu(i) - 1})/L\f$ — \f$\sqrt2, 2, \sqrt2, 2 + \sqrt2, \sqrt2, 2, \sqrt2, 4 + 2\sqrt2,
 * \dots\f$ in units of \f$1/L\f$ — gives, after \f$n = 2^k - 1\f$ steps,
 * \f[ f(x_n) - f^* \le \frac{LR^2}{1 + \sqrt{4\rho^{2k} - 3}} = O\big(n^{-\log_2\rho}\big) = O(n^{-1.2716}) . \f]
 * The bound holds on every instance run here, including the 1-D Huber function whose width is
 * tuned to make \f$f(x_n)\f$ largest (found by a search over \f$\delta\f$): it reaches 0.536 of the bound at
 * \f$n = 7\f$ and 0.506 at \f$n = 31\f$, so a bound half as large is false (rejected). It is an upper bound — the
 * exact worst case at \f$n = 7\f$ is about \f$0.0184\,LR^2\f$ against \f$r_3 = 0.0344\f$ — and from \f$n = 255\f$ on the
 * *guarantee* is below the exact worst case of the best constant step (at \f$n = 127\f$ not yet), though the
 * schedule itself is already better at \f$n = 7\f$ (0.0184 against 0.0192). Many steps exceed \f$2/L\f$: on \f$Lx^2/2\f$ the fourth multiplies \f$f\f$
 * by \f$\rho^2 \approx 5.83\f$, so no step-by-step descent argument can explain the rate. The guarantee
 * is for the horizons \f$2^k - 1\f$ only: at \f$n = 2^j\f$ the quadratic is back at \f$\rho^{-2}LR^2/2\f$.
 * (claim \ref claim_silver_schedule_rate "silver_schedule_rate")
 * \image html silver.svg "Worst-case guarantees after n steps: silver schedule, the best constant step, h = 1"
 * \snippet 10_schedules/lesson.cpp l10-silver
 *
 * \section l10_checks The checks
 * Every check of a run, as in the human output (exact values as 12-digit decimals); the full
 * values are in the lesson's `--json` output.
 * \htmlinclude lesson_10_schedules_checks.html
 *
 * \section l10_run A run
 * \verbinclude lesson_10_schedules.txt
 */
#include <cmath>
#include <sstream>

#include "lesson_run.hpp"
#include "schedule_checks.hpp"

using namespace descent;
using namespace descent::claims;
using Q = Rational;

namespace {
void write_plots(lessons::LessonRun& run, const std::string& dir) {
  std::ostringstream noisy;
  const int steps = 20000;
  const auto c = schedules::noisy_squares("constant", 0.1, steps), i = schedules::noisy_squares("inverse", 1.0, steps),
             p = schedules::noisy_squares("plateau", 0.1, steps);
  auto smooth = [](const std::vector<double>& v, std::size_t k) {  // mean over a window of 100
    double s = 0;
    const std::size_t lo = k >= 100 ? k - 100 : 0;
    for (std::size_t j = lo; j <= k; ++j) s += v[j];
    return s / double(k - lo + 1);
  };
  for (std::size_t k = 0; k < c.size(); k += 50) noisy << k << ' ' << smooth(c, k) << ' ' << smooth(i, k) << ' ' << smooth(p, k) << '\n';
  run.wrote_plot(lessons::plot_svg(
      dir, "schedules_noisy",
      "set title 'Noisy quadratic (a = 1, sigma = 1, seed 42): e_k^2, mean over 100 steps'\nset xlabel 'step k'\n"
      "set ylabel 'e_k^2'\nset logscale y\nset format y '10^{%L}'\nset key outside right\n"
      "plot 'noisy.dat' using 1:2 with lines lw 2 lc rgb '#d62728' title 'constant eta = 0.1', "
      "0.1/1.9 with lines dt 2 lc rgb '#d62728' title 'its floor', "
      "'noisy.dat' using 1:3 with lines lw 2 lc rgb '#1f77b4' title 'eta_k = 1/(k + 1), one path', "
      "1/(x + 1) with lines dt 2 lc rgb '#1f77b4' title 'its expectation 1/k', "
      "'noisy.dat' using 1:4 with lines lw 2 lc rgb '#2ca02c' title 'eta = 0.1 halved on a plateau'",
      {{"noisy.dat", noisy.str()}}));

  std::ostringstream paths;
  const std::vector<std::pair<std::string, double>> rules = {
      {"constant", 0.05}, {"constant", 1.0}, {"inverse", 2.5}, {"constant", 2.5}};
  std::vector<std::vector<double>> xs;
  for (const auto& [s, eta] : rules) xs.push_back(schedules::nonconvex_path(s, eta, 60));
  for (std::size_t k = 0; k <= 60; ++k) {
    paths << k;
    for (const auto& x : xs) paths << ' ' << (k < x.size() ? x[k] : NAN);
    paths << '\n';
  }
  run.wrote_plot(lessons::plot_svg(
      dir, "schedules_nonconvex",
      "set title 'f = x^2/2 - 1/(1 + 16 (x - 2)^2) from x_0 = 9/4'\nset xlabel 'step k'\nset ylabel 'x_k'\n"
      "set yrange [-10:10]\nset key outside right\n"
      "plot 'paths.dat' using 1:2 with linespoints pt 7 ps 0.5 lc rgb '#888888' title 'eta = 0.05: stays in the dip', "
      "'paths.dat' using 1:3 with linespoints pt 7 ps 0.5 lc rgb '#2ca02c' title 'eta = 1: escapes, converges', "
      "'paths.dat' using 1:4 with linespoints pt 7 ps 0.5 lc rgb '#1f77b4' title 'eta_k = 2.5/(k + 1): escapes, converges', "
      "'paths.dat' using 1:5 with linespoints pt 6 ps 0.5 lc rgb '#d62728' title 'eta = 2.5: escapes, diverges', "
      "1.9298 with lines dt 2 lc rgb '#888888' title 'poor local minimum', 0.0155 with lines dt 2 lc rgb '#2ca02c' "
      "title 'global minimum'",
      {{"paths.dat", paths.str()}}));

  std::ostringstream silver;
  for (const auto& row : schedules::silver_table(12))
    silver << row[0] << ' ' << row[1] << ' ' << row[2] << ' ' << row[3] << '\n';
  run.wrote_plot(lessons::plot_svg(
      dir, "silver",
      "set title 'Guarantees for L-smooth convex f after n = 2^k - 1 steps (L = R = 1)'\nset xlabel 'n'\n"
      "set ylabel 'f(x_n) - f*, worst case'\nset logscale xy\nset format y '10^{%L}'\nset key bottom left\n"
      "plot 'silver.dat' using 1:2 with linespoints pt 7 lc rgb '#1f77b4' title 'silver schedule (upper bound)', "
      "'silver.dat' using 1:3 with linespoints pt 6 lc rgb '#d62728' title 'best constant step (exact worst case)', "
      "'silver.dat' using 1:4 with lines dt 2 lc rgb '#888888' title 'h = 1: 1/(4n + 2)'",
      {{"silver.dat", silver.str()}}));
}
}  // namespace

int main(int argc, char** argv) {
  lessons::LessonRun run{"10_schedules", "Learning-rate schedules"};
  Q eta0_flag;
  run.number_option({.name = "eta0", .default_value = "1/4", .lower = "0", .lower_open = true,
                    .upper = "1", .upper_open = true,
                    .meaning = "your eta_0 for the summable schedule eta_k = eta_0/(k + 1)^2 on w^2/2: the run approaches sin(pi sqrt(eta_0))/(pi sqrt(eta_0)) instead of 0"},
                   eta0_flag);
  if (auto rc = run.parse(argc, argv)) return *rc;

  return run.run([&] {
    const Q eta0 = eta0_flag;  // in its range: checked by run.parse()

    //! [l10-decay]
    run.step("Step 1: what decaying steps guarantee",
             "GD on w^2/2 from w_0 = 1 under the library's schedules; eta_0 = " + eta0.str() +
                 " for eta_0/(k + 1)^2 (--eta0).");
    run.record(schedules::inverse_closed_form(30));
    run.record(schedules::inverse_square_stops(200));
    run.record(schedules::inverse_square_limit(eta0, 10000));
    run.record(schedules::exponential_limit(80));
    run.record(schedules::seed_one_over_t());
    //! [l10-decay]

    //! [l10-noise]
    run.step("Step 2: the noise floor, and why decay matters there",
             "Gradient a e + sigma xi with xi = +-1; exact second moments, and the library's seeded NoisyQuadratic.");
    run.record(schedules::enumerated_second_moment(Q(1), Q(1, 10), Q(1), Q(2), 10));
    run.record(schedules::floor_limit(Q(1), Q(1, 10), Q(1)));
    run.record(schedules::seeded_floor(1.0, 0.1, 1.0));
    run.record(schedules::decaying_second_moment(Q(1), Q(1), Q(1), 1000));
    run.record(schedules::seeded_decay(1.0, 2000));
    run.record(schedules::plateau_second_moment(Q(1, 10), 20000));
    run.record(schedules::second_moment_fails(Q(1), Q(1, 10), Q(1), 1000, "sum_squares_finite"));
    run.record(schedules::second_moment_fails(Q(1), Q(1, 4), Q(1), 200, "sum_infinite"));
    //! [l10-noise]

    //! [l10-escape]
    run.step("Step 3: a large step to escape, then decay",
             "f = x^2/2 - 1/(1 + 16 (x - 2)^2) from x_0 = 9/4 at " + std::to_string(run.digits()) + " digits.");
    run.record(schedules::escape_with_decay(Q(5, 2), 3000));
    run.record(schedules::constant_large_step_escapes(Q(1), 200));
    // the threshold 2/f''(x_loc), bracketed
    run.record(schedules::escape_threshold(Q(99, 100), 4000));
    run.record(schedules::escape_threshold(Q(101, 100), 4000));
    run.record(schedules::small_start_stuck(Q(1, 20), 3000));
    run.record(schedules::no_decay_no_solution(Q(5, 2), 200));

    //! [l10-escape]

    //! [l10-silver]
    run.step("Step 4: long steps that beat every constant step",
             "The silver schedule with eta = 1/L = 1 at " + std::to_string(run.digits()) + " digits.");
    run.record(schedules::silver_instances(3));
    run.record(schedules::silver_instances(5));
    run.record(schedules::silver_beats_constant(8));
    run.record(schedules::silver_step_increase());
    run.record(schedules::silver_needs_horizon(4));
    //! [l10-silver]

    if (run.plot_dir()) write_plots(run, *run.plot_dir());
  });
}
