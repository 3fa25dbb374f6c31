/** \page lesson_12_adam Lesson 12 — Adam and AdamW
 *
 * Symbols: \f$g_t\f$ the gradient at step \f$t = 1, 2, \dots\f$, \f$m_t\f$ and \f$v_t\f$ Adam's first and second
 * moments (\f$m_0 = v_0 = 0\f$), \f$\hat m_t = m_t/(1 - \beta_1^t)\f$ and \f$\hat v_t = v_t/(1 - \beta_2^t)\f$ their
 * bias corrections, \f$\alpha\f$ the learning rate, \f$\varepsilon\f$ the constant in the denominator,
 * \f$\Delta_t = x_t - x_{t-1}\f$ the step, \f$\lambda\f$ a weight decay, \f$\eta_t\f$ a schedule multiplier.
 * Sources: seed 003 (Adam); Kingma & Ba (2015); Loshchilov & Hutter (2019); Reddi, Kale & Kumar (2018).
 *
 * Kingma & Ba's Algorithm 1, the form the library runs (`Adam` in `optimizers/adam.hpp`; `descent trace
 * --method adam|adamw|amsgrad --convention paper|notes|pytorch`):
 * \f[ m_t = \beta_1 m_{t-1} + (1-\beta_1)g_t,\quad v_t = \beta_2 v_{t-1} + (1-\beta_2)g_t^2,\quad
 *     x_t = x_{t-1} - \alpha\,\frac{\hat m_t}{\sqrt{\hat v_t} + \varepsilon} . \f]
 *
 * \section l12_first Step 1: the first step, with and without bias correction
 * Since \f$\hat m_1 = g_1\f$ and \f$\hat v_1 = g_1^2\f$, the first step is \f$\alpha g/(|g| + \varepsilon)\f$ in every
 * coordinate: of length \f$\alpha\f$ for \f$\varepsilon = 0\f$, whether the gradient is \f$10^2\f$ or \f$10^{-9}\f$.
 * Seed 003 writes Adam without the correction (and with \f$\varepsilon\f$ under the root); then
 * \f$m_1 = (1-\beta_1)g\f$, \f$v_1 = (1-\beta_2)g^2\f$, and the first step is \f$(1-\beta_1)/\sqrt{1-\beta_2} \approx 3.16\f$
 * times larger at the defaults — refuted as Kingma & Ba's Adam. With a constant gradient the
 * uncorrected steps \f$\alpha(1-\beta_1^t)/\sqrt{1-\beta_2^t}\f$ even grow for a while, to \f$6.57\alpha\f$ at \f$t = 12\f$
 * (\f$\beta_1^t\f$ decays faster than \f$\beta_2^t\f$), before settling toward \f$\alpha\f$ (checked for \f$t \le 100\f$).
 * NAdam (Dozat 2016, as PyTorch writes it) puts Nesterov's look-ahead into Adam: the momentum part
 * of its step uses the next step's \f$\mu_{t+1}\f$, with \f$\mu_t = \beta_1(1 - \tfrac12 0.96^{t\psi})\f$,
 * so its first step is not \f$\gamma\f$ but \f$\gamma(1 + \mu_2(1-\beta_1)/(1-\mu_1\mu_2)) \approx 1.056\gamma\f$
 * at PyTorch's defaults.
 * (claim \ref claim_adam_first_step "adam_first_step")
 * \image html adam_first_steps.svg "|Delta_t|/alpha for a constant gradient, with and without bias correction"
 * \snippet 12_adam/lesson.cpp l12-first
 *
 * \section l12_bound Step 2: how long can a step be?
 * Kingma & Ba (sec. 2.1) state two upper bounds on the effective step: \f$|\Delta_t| \le \alpha(1-\beta_1)/\sqrt{1-\beta_2}\f$
 * when \f$1-\beta_1 > \sqrt{1-\beta_2}\f$, and \f$|\Delta_t| \le \alpha\f$ otherwise. The exact bound follows from
 * Cauchy–Schwarz on \f$m_t = (1-\beta_1)\sum_j\beta_1^jg_{t-j}\f$ against \f$v_t = (1-\beta_2)\sum_j\beta_2^jg_{t-j}^2\f$:
 * with \f$q = \beta_1^2/\beta_2 < 1\f$,
 * \f[ \frac{|\Delta_t|}{\alpha} \le \frac{1-\beta_1}{1-\beta_1^t}\sqrt{\frac{(1-\beta_2^t)(1-q^t)}{(1-\beta_2)(1-q)}}
 *     \;\longrightarrow\; \frac{1-\beta_1}{\sqrt{(1-\beta_2)(1-\beta_1^2/\beta_2)}} \approx 7.27 \text{ at the defaults}, \f]
 * attained exactly by gradients that grow like \f$(\beta_2/\beta_1)^t\f$ (checked at step 300 on the library's
 * Adam). Kingma & Ba state their two bounds for any gradients; they hold for sparse histories (one
 * non-zero gradient: \f$|\Delta_t| \le \alpha\max(1, (1-\beta_1)/\sqrt{1-\beta_2})\f$, reached at \f$t = 1\f$ or as
 * \f$t \to \infty\f$, where the step approaches \f$3.16\alpha\f$ at the defaults). For growing gradients both are
 * exceeded (\f$5.78\alpha\f$ at the defaults after 1000 steps, \f$1.83\alpha\f$ against the bound \f$\alpha\f$ for
 * \f$\beta = (0.99, 0.999)\f$) — counterexamples that name the hypothesis the paper leaves out. The paper's third
 * sentence fails too: "When \f$(1-\beta_1) = \sqrt{1-\beta_2}\f$ … \f$|\Delta_t| < \alpha\f$" — at \f$\beta = (0.9, 0.99)\f$
 * growing gradients reach \f$2.35\alpha\f$. Nor does it take 1000 steps of growth: "for less sparse cases, the
 * effective stepsize will be smaller" fails with two non-zero gradients, \f$g_{999} = \beta_1/\beta_2\f$ and
 * \f$g_{1000} = 1\f$ after zeros, which give \f$3.38\alpha\f$ against the sparse case's \f$3.16\alpha\f$ at the defaults. The
 * same holds for AdaMax (sec. 7.1, "\f$|\Delta_t| \le \alpha\f$"): with \f$u_t = \max(\beta_2u_{t-1}, |g_t|)\f$ the step is at most
 * \f$\alpha(1-\beta_1)(1-(\beta_1/\beta_2)^t)/((1-\beta_1^t)(1-\beta_1/\beta_2))\f$, attained by \f$g_s = \beta_2^s\f$, which tends to
 * \f$1.00909\alpha\f$ — small, but above \f$\alpha\f$ (written out from the paper's Algorithm 2, not the library). These bounds
 * were disputed before: math.stackexchange question 3325577 (2019) asks the same question (its answer's proof of the
 * first bound is wrong). Random gradients stay below the exact bound (at every \f$t \ge 2\f$; at \f$t = 1\f$ step and bound
 * are both \f$\alpha\f$ for any gradient), and the exact bound without its factor \f$\sqrt{(1-q^t)/(1-q)}\f$ is rejected. Without \f$\beta_1^2 < \beta_2\f$ no constant bounds the step: at
 * \f$\beta = (0.9, 0.5)\f$ it passes \f$100\alpha\f$ within 60 steps. The paper's own gloss, \f$|\Delta_t| \lessapprox \alpha\f$ “in common scenarios”,
 * is a typical size, not a bound.
 * (claim \ref claim_adam_step_bound "adam_step_bound")
 * \image html adam_bound.svg "|Delta_t|/alpha for growing gradients against the exact bound and Kingma & Ba's"
 * \snippet 12_adam/lesson.cpp l12-bound
 *
 * \section l12_adamw Step 3: decoupled weight decay is not L2 regularization
 * For SGD, decaying the weights, \f$x \leftarrow x - \alpha\nabla f(x) - \lambda x\f$, is gradient descent on
 * \f$f + \tfrac{\lambda}{2\alpha}\|x\|^2\f$ (exact). For Adam it is not: an L2 term in the gradient is divided by
 * \f$\sqrt{\hat v}\f$ with the rest, so the decay a weight gets depends on its gradient history. AdamW (Loshchilov &
 * Hutter, Algorithm 2) decays outside the adaptive step, \f$x_t = x_{t-1} - \eta_t(\alpha\hat m_t/(\sqrt{\hat v_t}+\varepsilon)
 * + \lambda x_{t-1})\f$, with the schedule multiplier \f$\eta_t\f$ and no \f$\alpha\f$ on the decay. PyTorch's AdamW
 * multiplies by \f$1 - \alpha\lambda\f$: its \f$\lambda\f$ is the paper's divided by the learning rate (checked
 * against Algorithm 2 written out, and under a schedule).
 * (claim \ref claim_adamw_decoupled "adamw_decoupled")
 * \snippet 12_adam/lesson.cpp l12-adamw
 *
 * \section l12_forms Step 4: the forms of Adam
 * PyTorch computes \f$\alpha/(1-\beta_1^t)\cdot m_t/(\sqrt{v_t}/\sqrt{1-\beta_2^t} + \varepsilon)\f$ — Algorithm 1 in
 * another order (checked). Kingma & Ba's faster form puts \f$\hat\varepsilon\f$ on the uncorrected root; it is
 * Algorithm 1 with \f$\varepsilon_t = \hat\varepsilon/\sqrt{1-\beta_2^t}\f$, and not with \f$\varepsilon = \hat\varepsilon\f$.
 * AMSGrad in Reddi et al.'s form (no bias correction) keeps \f$\hat v_t = \max(\hat v_{t-1}, v_t)\f$ so that the
 * per-coordinate scale \f$\alpha/(\sqrt{\hat v_t}+\varepsilon)\f$ never grows; Adam's (also uncorrected here) can
 * grow as the gradients shrink (both read off the library's steps). PyTorch's `amsgrad=True` divides the
 * maximum by \f$1 - \beta_2^t\f$, so its scale is monotone only up to that factor.
 * (claim \ref claim_adam_forms "adam_forms")
 * \image html adam_rosenbrock.svg "Adam, AdamW, AMSGrad, RMSProp, AdaGrad and GD on Rosenbrock from (-1.2, 1)"
 * \snippet 12_adam/lesson.cpp l12-forms
 *
 * \section l12_checks The checks
 * Every check of a run, as in the human output (exact values as 12-digit decimals); the full
 * values are in the lesson's `--json` output.
 * \htmlinclude lesson_12_adam_checks.html
 *
 * \section l12_run A run
 * \verbinclude lesson_12_adam.txt
 */
#include <sstream>

#include "adam_checks.hpp"
#include "lesson_run.hpp"

using namespace descent;
using namespace descent::claims;
using Q = Rational;

namespace {
void write_plots(lessons::LessonRun& run, const std::string& dir) {
  std::ostringstream first;
  for (const auto& r : adam::first_steps(3000)) first << r[0] << ' ' << r[1] << ' ' << r[2] << '\n';
  run.wrote_plot(lessons::plot_svg(
      dir, "adam_first_steps",
      "set title 'Adam with a constant gradient (beta = (0.9, 0.999), eps = 0)'\nset xlabel 't'\n"
      "set ylabel '|Delta_t| / alpha'\nset logscale x\nset yrange [0:7.5]\nset key top right\n"
      "plot 'first.dat' using 1:2 with lines lw 2 lc rgb '#1f77b4' title 'bias-corrected (Algorithm 1)', "
      "'first.dat' using 1:3 with lines lw 2 lc rgb '#d62728' title 'uncorrected (seed 003)'",
      {{"first.dat", first.str()}}));
  std::ostringstream bound;
  for (const auto& r : adam::bound_curve(2000)) bound << r[0] << ' ' << r[1] << ' ' << r[2] << ' ' << r[3] << '\n';
  run.wrote_plot(lessons::plot_svg(
      dir, "adam_bound",
      "set title 'Adam fed gradients growing like (beta2/beta1)^t, beta = (0.9, 0.999)'\nset xlabel 't'\n"
      "set ylabel '|Delta_t| / alpha'\nset key top left\n"
      "plot 'bound.dat' using 1:2 with lines lw 3 lc rgb '#1f77b4' title 'the step', "
      "'bound.dat' using 1:3 with lines dt 2 lw 2 lc rgb '#000000' title 'the exact bound (attained)', "
      "'bound.dat' using 1:4 with lines lw 2 lc rgb '#d62728' title 'Kingma and Ba: (1 - beta1)/sqrt(1 - beta2)'",
      {{"bound.dat", bound.str()}}));
  const auto paths = adam::rosenbrock_paths(3000);
  const char* colors[] = {"#1f77b4", "#17becf", "#9467bd", "#d62728", "#2ca02c", "#888888"};
  std::vector<std::pair<std::string, std::string>> data;
  std::string plot = "plot ";
  for (std::size_t m = 0; m < paths.size(); ++m) {
    std::ostringstream p;
    for (std::size_t k = 0; k < paths[m].second.size(); k += 5) p << paths[m].second[k][0] << ' ' << paths[m].second[k][1] << '\n';
    const std::string file = "path" + std::to_string(m) + ".dat";
    data.emplace_back(file, p.str());
    plot += std::string(m ? ", " : "") + "'" + file + "' using 1:2 with lines lw 2 lc rgb '" + colors[m] + "' title '" +
            paths[m].first + "'";
  }
  plot += ", '-' using 1:2 with points pt 7 ps 1.5 lc rgb '#000000' title 'minimizer (1, 1)'\n1 1\ne";
  run.wrote_plot(lessons::plot_svg(dir, "adam_rosenbrock",
                                   "set title 'Rosenbrock from (-1.2, 1), 3000 steps'\nset xlabel 'x'\nset ylabel 'y'\n"
                                   "set xrange [-1.5:1.5]\nset yrange [-0.5:1.5]\nset key outside below\n" +
                                       plot,
                                   data));
}
}  // namespace

int main(int argc, char** argv) {
  lessons::LessonRun run{"12_adam", "Adam and AdamW"};
  Q b1_flag, b2_flag;
  run.number_option({.name = "beta1", .default_value = "9/10", .lower = "0", .upper = "1",
                     .meaning = "your beta1 for the exact step bound (attained by growing gradients)"},
                    b1_flag);
  run.number_option({.name = "beta2", .default_value = "999/1000", .lower = "0", .upper = "1",
                     .meaning = "your beta2 for the same check, above beta1^2"},
                    b2_flag);
  if (auto rc = run.parse(argc, argv)) return *rc;

  return run.run([&] {
    const Q b1 = b1_flag, b2 = b2_flag;  // each in (0, 1): checked by run.parse(); the two together here
    if (!(b1 * b1 < b2))
      throw InputError("--beta2: must satisfy beta1^2 < beta2 < 1 (else the step bound grows without limit as t grows), got " +
                       b2.str());

    //! [l12-first]
    run.step("Step 1: the first step, with and without bias correction",
             "The library's Adam at Kingma & Ba's defaults, one gradient with coordinates from 10^2 to 10^-9.");
    run.record(adam::first_step_size());
    run.record(adam::first_step_is_lr());
    run.record(adam::uncorrected_not_lr());
    run.record(adam::uncorrected_ratio());
    run.record(adam::uncorrected_constant_gradient(100));
    run.record(adam::seed003_adam());
    run.record(adam::nadam_first_step());
    //! [l12-first]

    //! [l12-bound]
    run.step("Step 2: how long can a step be?",
             "The library's Adam (eps = 0) fed gradient sequences; beta1 = " + b1.str() + ", beta2 = " + b2.str() +
                 " (--beta1, --beta2) for the attained bound.");
    run.record(adam::growing_gradients_attain(b1, b2, 300));
    run.record(adam::random_gradients_below(400));
    run.record(adam::sparse_approaches(10000));
    run.record(adam::kingma_bound_exceeded(1000));
    run.record(adam::kingma_alpha_exceeded(1000));
    run.record(adam::unbounded_without_order(60));
    run.record(adam::kingma_equality_case_exceeded(1000));
    run.record(adam::two_gradients_exceed());
    run.record(adam::adamax_attains(2000));
    //! [l12-bound]

    //! [l12-adamw]
    run.step("Step 3: decoupled weight decay is not L2 regularization",
             "Exact SGD on a quadratic; the library's Adam and AdamW on Rosenbrock at " + std::to_string(run.digits()) +
                 " digits.");
    run.record(adam::sgd_decay_is_l2(30));
    run.record(adam::adam_l2_is_not_adamw(200));
    run.record(adam::pytorch_adamw_is_paper(200));
    run.record(adam::forms_agree_under_schedule(200));
    //! [l12-adamw]

    //! [l12-forms]
    run.step("Step 4: the forms of Adam", "Algorithm 1 written out against the library's Adam, on Rosenbrock.");
    run.record(adam::pytorch_is_algorithm1(200));
    run.record(adam::eps_hat_equivalence(200));
    run.record(adam::eps_hat_differs(200));
    run.record(adam::amsgrad_scale_monotone(200));
    run.record(adam::adam_scale_increases(200));
    //! [l12-forms]

    if (run.plot_dir()) write_plots(run, *run.plot_dir());
  });
}
