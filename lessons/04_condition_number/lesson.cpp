/** \page lesson_04_condition_number Lesson 4 — conditioning: what the spread of curvatures costs
 *
 * Symbols: \f$f(x) = \tfrac12 x^\top A x\f$ with \f$A = A^\top \succ 0\f$ (minimum \f$x^* = 0\f$),
 * \f$A = E\Lambda E^\top\f$ its eigendecomposition, \f$\lambda_{\min} = \mu\f$, \f$\lambda_{\max} = L\f$,
 * \f$\kappa = L/\mu\f$ the condition number, \f$\eta\f$ the step of gradient descent (GD),
 * \f$e_t = x_t - x^*\f$. Sources: seeds 002, 003, 004.
 *
 * \section l04_decomp Step 1: eigendecomposition, SVD and the condition number
 * Seed 004: every symmetric \f$B \in \mathbb{R}^{N\times N}\f$ is \f$U\Sigma U^t\f$ with \f$U\f$ orthogonal and
 * \f$\Sigma\f$ the \f$N\f$ eigenvalues; every \f$B \in \mathbb{R}^{N\times M}\f$, \f$N \ge M\f$, is \f$U\Sigma V^t\f$
 * (SVD); the condition number is \f$\sigma_{\max}/\sigma_{\min}\f$. For a symmetric \f$B\f$ the singular values
 * are the \f$|\lambda_i|\f$, so \f$\kappa = |\lambda|_{\max}/|\lambda|_{\min}\f$, which is
 * \f$\lambda_{\max}/\lambda_{\min}\f$ only for \f$B \succ 0\f$: for the symmetric indefinite
 * \f$R\,\mathrm{diag}(1, -3)R^\top\f$, \f$\kappa = 3\f$ while \f$\lambda_{\max}/\lambda_{\min} = -1/3\f$ (the check rejects
 * the signed ratio). For a non-symmetric \f$B\f$ they differ (counterexample) — and then neither is the
 * number that governs GD on the loss \f$\theta^\top B\theta\f$, whose Hessian is \f$B + B^\top\f$: for the shear
 * \f$\begin{bmatrix}1&1\\0&1\end{bmatrix}\f$, \f$\sigma_{\max}/\sigma_{\min} = 2.618\f$ and \f$|\lambda|_{\max}/|\lambda|_{\min} = 1\f$, but
 * \f$B + B^\top = \begin{bmatrix}2&1\\1&2\end{bmatrix}\f$ has \f$\kappa = 3\f$, and the step bound of seed 003
 * reads \f$\eta \le 1/\lambda_{\max}(B + B^\top)\f$. The slide calls the thin
 * \f$U \in \mathbb{R}^{N\times M}\f$ unitary: it has orthonormal columns (\f$U^\top U = I\f$), but
 * \f$UU^\top \ne I\f$ when \f$N > M\f$ — refuted. (The eigendecomposition slide's
 * \f$\Sigma = \mathrm{diag}(\sigma_0, \dots, \sigma_{M-1})\f$ reuses the SVD slide's \f$M\f$; read as
 * the column count of the square \f$B\f$, \f$M = N\f$ and it is right, so it is not refuted.)
 * Seed 004 defines \f$B\f$ positive definite by \f$x^tBx > 0\f$ for every \f$x \ne 0\f$ (non-negative definite:
 * \f$\ge 0\f$). For a symmetric \f$B\f$ that is \f$\lambda_{\min} > 0\f$ (resp. \f$\ge 0\f$): the Rayleigh quotient
 * \f$x^\top Bx/x^\top x\f$ never falls below \f$\lambda_{\min}\f$ and reaches it at its eigenvector (0 for a
 * semidefinite \f$B\f$; a floor raised by \f$\tfrac14\f$ is rejected there). Without symmetry the definition says nothing about eigenvalues:
 * \f$\begin{bmatrix}1&3\\-3&1\end{bmatrix}\f$ has \f$x^\top Bx = \|x\|^2 > 0\f$ and eigenvalues \f$1 \pm 3i\f$.
 * (claim \ref claim_eigendecomposition_svd "eigendecomposition_svd")
 * \snippet 04_condition_number/lesson.cpp l04-decomp
 *
 * \section l04_contraction Step 2: GD contracts by 1 − ηλmin per step
 * Seed 003's theorem: GD on \f$\tfrac12x^\top Ax\f$ gives \f$x_{t+1} = (I - \eta A)x_t\f$, and for
 * \f$\eta \le 1/\lambda_{\max}\f$ every factor \f$1 - \eta\lambda_i\f$ lies in \f$[0, 1 - \eta\lambda_{\min}]\f$, so
 * \f[ \|x_t\|_2 \le \|I - \eta A\|_2^t\,\|x_0\|_2 = (1 - \eta\lambda_{\min})^t \|x_0\|_2 . \f]
 * Checked at every step in exact arithmetic (squared norms, so no root is taken), at
 * \f$\eta = 1/\lambda_{\max}\f$ and at \f$\eta = 1/5 < 1/\lambda_{\max}\f$, where both eigen-components survive every
 * step; attained with equality from the eigenvector of \f$\lambda_{\min}\f$, where the rate of \f$\lambda_{\max}\f$ is
 * rejected; false for \f$\eta > 2/(\lambda_{\min} + \lambda_{\max})\f$,
 * where \f$|1 - \eta\lambda_{\max}|\f$ exceeds \f$1 - \eta\lambda_{\min}\f$ (between \f$1/\lambda_{\max}\f$ and
 * that value the bound still holds, though the theorem does not cover it).
 * (claim \ref claim_gd_quadratic_contraction "gd_quadratic_contraction")
 * \snippet 04_condition_number/lesson.cpp l04-contraction
 *
 * \section l04_optimal Step 3: the best fixed step
 * The worst factor \f$\max_i|1 - \eta\lambda_i| = \max(|1-\eta\mu|, |1-\eta L|)\f$ is smallest where the two
 * meet: \f$\eta = 2/(L+\mu)\f$, giving \f$(\kappa-1)/(\kappa+1)\f$ (Polyak 1987, §1.4) — attained on both
 * extreme eigenvectors. That no step does better is checked exactly: the worst factor is convex
 * and piecewise linear in \f$\eta\f$, with kinks only at \f$1/\lambda_i\f$ and \f$2/(\lambda_i + \lambda_j)\f$, so its
 * minimum over every \f$\eta > 0\f$ is the least value at the kinks — \f$3/5\f$ for the spectrum
 * \{1, 3, 4\}, which rejects the squared rate \f$9/25\f$, momentum's \f$(\sqrt\kappa-1)/(\sqrt\kappa+1) = 1/3\f$ and
 * the rate \f$3/4\f$ of \f$\eta = 1/L\f$. Built from a wrong \f$L\f$ (an
 * eigenvalue below the largest), the step loses the rate.
 * (claim \ref claim_gd_optimal_fixed_step "gd_optimal_fixed_step")
 * \snippet 04_condition_number/lesson.cpp l04-optimal
 *
 * \section l04_iterations Step 4: κ log(1/ε) iterations
 * With \f$\eta = 1/L\f$, \f$(1 - 1/\kappa)^t \le e^{-t/\kappa}\f$, so \f$\|x_t\| \le \varepsilon\|x_0\|\f$ within
 * \f$\lceil\kappa\ln(1/\varepsilon)\rceil\f$ steps (seed 003: “need \f$\frac{\lambda_{\max}}{\lambda_{\min}}\log(1/\epsilon)\f$
 * iters”). Seed 004 shows quadratics of condition number 4 and 100 (its figures are lost; the
 * counts are measured here; the \f$\sqrt\kappa\ln(1/\varepsilon)\f$ count of momentum is far exceeded), and
 * the bound is approached as \f$\kappa\f$ grows from a start on the slow eigenvector. Seed 003 writes \f$\|x_t\| \le \epsilon\f$ (absolute): the count then needs
 * \f$\|x_0\| \le 1\f$, or \f$\varepsilon\f$ relative to \f$\|x_0\|\f$ — from far away an absolute \f$\varepsilon\f$
 * takes \f$\kappa\ln(\|x_0\|/\varepsilon)\f$ steps (the counterexample names that hypothesis). Seed 002 gets the direction of the
 * condition number wrong once ("The “condition” number is small" where convergence is slow) — refuted.
 * (claim \ref claim_gd_iterations_condition_number "gd_iterations_condition_number")
 * \image html iterations.svg "Measured GD steps against kappa (eta = 1/L, eps = 1e-6), log axes"
 * \image html kappa_paths.svg "GD paths for condition numbers 4 and 100 (eta = 1/L)"
 * \snippet 04_condition_number/lesson.cpp l04-iterations
 *
 * \section l04_contours Step 5: contours, axis-aligned and rotated
 * The contours \f$\tfrac12 x^\top Ax = c\f$ are ellipses with axes along the eigenvectors and semi-axes
 * \f$\sqrt{2c/\lambda_i}\f$: the largest curvature gives the shortest axis. Seed 002 says the diameters
 * are proportional to the eigenvalues — refuted on a rotated \f$A\f$ whose diameters are measured on the
 * contour itself — and expands \f$\tfrac12 w^\top Aw\f$ with
 * \f$\sum_{i\ne j}a_{ij}w_iw_j\f$, which counts each cross term twice — refuted (the expansion is checked at
 * \f$w = (1, 2)\f$, where \f$w_iw_j\f$ and \f$w_i^2\f$ differ, so writing one for the other is rejected; the measured
 * diameter ratio rejects diameters proportional to \f$1/\lambda_i\f$). Rotating the
 * coordinates (\f$A = Q\Lambda Q^\top\f$) couples them but changes no rate: GD from the rotated start
 * reaches the same value \f$f(x_T)\f$; a non-orthogonal change of coordinates changes it.
 * (claim \ref claim_quadratic_contours "quadratic_contours")
 * \snippet 04_condition_number/lesson.cpp l04-contours
 *
 * \section l04_checks The checks
 * Every check of a run, as in the human output; the full values are in the lesson's `--json` output.
 * \htmlinclude lesson_04_condition_number_checks.html
 *
 * \section l04_run A run
 * \verbinclude lesson_04_condition_number.txt
 */
#include <cmath>
#include <sstream>

#include "conditioning.hpp"
#include "lesson_run.hpp"

using namespace descent;
using namespace descent::claims;
using Q = Rational;

namespace {
void write_plots(lessons::LessonRun& run, const std::string& dir) {
  std::ostringstream counts;
  const Mpfr eps = Mpfr(1) / 1000000;
  for (int kappa : {1, 2, 4, 10, 30, 100, 300, 1000, 3000}) {
    const long long n = conditioning::iterations_to_eps(Q(kappa), eps, true, Mpfr(1));
    counts << kappa << ' ' << std::max<long long>(n, 1) << ' ' << kappa * std::log(1e6) << '\n';
  }
  run.wrote_plot(lessons::plot_svg(
      dir, "iterations",
      "set title 'GD steps until ||x_t|| <= 1e-6 ||x_0|| (eta = 1/L)'\nset logscale xy\nset xlabel 'condition number κ'\n"
      "set ylabel 'steps'\nset key top left\nplot 'counts.dat' using 1:2 with linespoints pt 7 title 'measured', "
      "'counts.dat' using 1:3 with lines dt 2 title 'κ ln(1/ε)'",
      {{"counts.dat", counts.str()}}));
  // Two quadratics of seed 004's condition numbers, same start, GD with eta = 1/L.
  std::ostringstream grid4, grid100, paths;
  for (int kappa : {4, 100}) {
    std::ostringstream& grid = kappa == 4 ? grid4 : grid100;
    const Mat<double> R = cayley_orthogonal<double>(2, {0.4});
    const Mat<double> A = with_spectrum<double>(R, {1.0, double(kappa)});
    const Quadratic<double> f(A, Vec<double>::Zero(2), 0.0);
    grid << lessons::contour_grid(f, -3, 3, -3, 3, 0.1);
    GradientDescent<double> gd(1.0 / kappa);
    StopRule<double> stop;
    stop.max_steps = 60;
    const auto tr = descent::run<double>(f, gd, (Vec<double>(2) << 2.5, 1.0).finished(), stop);
    for (const auto& x : tr.x) paths << x(0) << ' ' << x(1) << '\n';
    paths << "\n\n";
  }
  run.wrote_plot(lessons::plot_svg(
      dir, "kappa_paths",
      "set terminal svg size 900,440 dynamic enhanced font 'sans,12' background rgb 'white'\nset output 'kappa_paths.svg'\n"
      "set view map\nunset surface\nset contour base\nset cntrparam levels incremental 0.5,3,40\n"
      "set table 'c4.tab'\nsplot 'grid4.dat' with lines\nunset table\n"
      "set cntrparam levels incremental 2,40,40\nset table 'c100.tab'\nsplot 'grid100.dat' with lines\nunset table\n"
      "set multiplot layout 1,2 title 'GD with η = 1/L for 60 steps from (2.5, 1)'\n"
      "set size ratio -1\nset xrange [-3:3]\nset yrange [-3:3]\nunset key\n"
      "set title 'κ = 4'\nplot 'c4.tab' with lines lc rgb '#bbbbbb', 'paths.dat' index 0 with linespoints pt 7 ps 0.5 "
      "lc rgb '#1f77b4'\n"
      "set title 'κ = 100: slow along the flat direction'\nplot 'c100.tab' with lines lc rgb '#bbbbbb', 'paths.dat' index 1 "
      "with linespoints pt 7 ps 0.5 lc rgb '#d62728'\nunset multiplot",
      {{"grid4.dat", grid4.str()}, {"grid100.dat", grid100.str()}, {"paths.dat", paths.str()}}));
}
}  // namespace

int main(int argc, char** argv) {
  lessons::LessonRun run{"04_condition_number", "Conditioning: what the spread of curvatures costs"};
  Q kappa_flag;
  int steps = 20;
  run.number_option({.name = "kappa", .default_value = "25", .lower = "1", .lower_open = false,
                    .upper = "100000", .upper_open = false,
                    .meaning = "your condition number for an added check of the kappa ln(1/eps) count (GD, eta = 1/L, eps = 1e-6)"},
                   kappa_flag);
  run.int_option("--steps", steps,
                 "trajectory length of the exact checks, 1 to 200",
                 20, 1, 200);
  if (auto rc = run.parse(argc, argv)) return *rc;

  return run.run([&] {
    const bool kappa_given = run.given("--kappa");
    const Q kappa = kappa_flag;  // in its range: checked by run.parse()

    //! [l04-decomp]
    run.step("Step 1: eigendecomposition, SVD and the condition number", "At the working precision (mpfr).");
    const Mat<Mpfr> R3 = cayley_orthogonal<Mpfr>(3, {Mpfr(1) / 2, Mpfr(-1) / 3, Mpfr(1) / 5});
    const Mat<Mpfr> B = with_spectrum<Mpfr>(R3, {Mpfr(1), Mpfr(4), Mpfr(100)});
    run.record(conditioning::eigen_reconstruction(B));
    run.record(conditioning::svd_kappa_equals_eigen_kappa(B, Kind::holds));
    Mat<Mpfr> shear(2, 2);
    shear << 1, 1, 0, 1;
    run.record(conditioning::svd_kappa_equals_eigen_kappa(shear, Expect::counterexample("symmetric")));
    // symmetric but indefinite: sigma_i = |lambda_i|, and the signed ratio is not kappa
    run.record(conditioning::svd_kappa_equals_eigen_kappa(
        with_spectrum<Mpfr>(cayley_orthogonal<Mpfr>(2, {Mpfr(1) / 2}), {Mpfr(1), Mpfr(-3)}), Kind::holds));
    run.record(conditioning::seed_thin_u_unitary());
    // seed 004's definiteness: x^T B x > 0 (>= 0) for every x, read through the eigenvalues
    const Mat<Q> R3e = cayley_orthogonal<Q>(3, {Q(1, 2), Q(-1, 3), Q(1, 5)});
    run.record(conditioning::rayleigh_floor(R3e, {Q(2), Q(5), Q(9)}, Kind::holds));
    run.record(conditioning::rayleigh_floor(R3e, {Q(2), Q(5), Q(9)}, Kind::tight));
    run.record(conditioning::rayleigh_floor(R3e, {Q(0), Q(5), Q(9)}, Kind::tight));
    run.record(conditioning::definite_without_real_eigenvalues(Q(3)));
    //! [l04-decomp]

    //! [l04-contraction]
    run.step("Step 2: GD contracts by 1 - eta lambda_min per step", "Exact rational trajectories on 1/2 x^T A x.");
    const Mat<Q> R = cayley_orthogonal<Q>(2, {Q(1, 2)});
    const std::vector<Q> spec{Q(1), Q(4)};
    run.record(conditioning::contraction(R, spec, (Vec<Q>(2) << 3, -2).finished(), Q(1, 4), steps, Kind::holds));
    // eta = 1/5 < 1/lambda_max: both eigen-components survive every step
    run.record(conditioning::contraction(R, spec, (Vec<Q>(2) << 3, -2).finished(), Q(1, 5), steps, Kind::holds));
    run.record(conditioning::contraction(R, spec, R.col(0), Q(1, 4), steps, Kind::tight));
    // seed 003's hypothesis eta <= 1/lambda_max dropped: eta = 9/20 > 1/4 on diag(1, 4), start e_2
    const Mat<Q> I2 = Mat<Q>::Identity(2, 2);
    run.record(conditioning::contraction(I2, spec, (Vec<Q>(2) << 0, 1).finished(), Q(9, 20), steps,
                                         Expect::counterexample("step_below")));
    //! [l04-contraction]

    //! [l04-optimal]
    run.step("Step 3: the best fixed step", "eta = 2/(L + mu), rate (kappa - 1)/(kappa + 1).");
    const Mat<Q> R3q = cayley_orthogonal<Q>(3, {Q(1, 2), Q(-1, 3), Q(1, 5)});
    const std::vector<Q> spec3{Q(1), Q(3), Q(4)};
    run.record(conditioning::optimal_step_attained(R3q, spec3, 0, steps));
    run.record(conditioning::optimal_step_attained(R3q, spec3, 2, steps));
    run.record(conditioning::no_fixed_step_better({Q(1), Q(3), Q(4)}, 200));
    run.record(conditioning::optimal_step_wrong_L({Q(1), Q(4), Q(10)}, Q(4), steps));
    //! [l04-optimal]

    //! [l04-iterations]
    run.step("Step 4: kappa log(1/eps) iterations", "GD with eta = 1/L in mpfr, counted until ||x_t|| <= eps ||x_0||.");
    const Mpfr eps6 = Mpfr(1) / 1000000;
    run.record(conditioning::iterations_bound(Q(4), eps6, Mpfr(1), Kind::holds));
    run.record(conditioning::iterations_bound(Q(100), eps6, Mpfr(1), Kind::holds));
    run.record(conditioning::iterations_attained(Q(1000), eps6, Mpfr(1) / 1000));
    run.record(conditioning::iterations_bound(Q(2), eps6, Mpfr(1000000), Expect::counterexample("relative_eps")));
    run.record(conditioning::seed_condition_number_small(Q(4), Q(100), eps6));
    run.note("--kappa adds the check below: your --kappa" + std::string(kappa_given ? "" : " (default)") + " = " +
             kappa.str());
    run.record(conditioning::iterations_bound(kappa, eps6, Mpfr(1), Kind::holds));
    //! [l04-iterations]

    //! [l04-contours]
    run.step("Step 5: contours, axis-aligned and rotated", "Exact arithmetic.");
    const Mat<Mpfr> A_contour = with_spectrum<Mpfr>(cayley_orthogonal<Mpfr>(2, {Mpfr(1) / 3}), {Mpfr(1), Mpfr(4)});
    run.record(conditioning::contour_diameters(A_contour, false));
    run.record(conditioning::contour_diameters(A_contour, true));
    Mat<Q> A2(2, 2);
    A2 << 2, 1, 1, 2;
    const Vec<Q> w12 = (Vec<Q>(2) << 1, 2).finished();  // w_i w_j and w_i^2 differ here
    run.record(conditioning::expansion_cross_terms(A2, w12, false));
    run.record(conditioning::expansion_cross_terms(A2, w12, true));
    run.record(conditioning::rotation_keeps_rates(R, spec, (Vec<Q>(2) << 3, -2).finished(), Q(1, 4), steps, Kind::holds));
    Mat<Q> D = Mat<Q>::Zero(2, 2);
    D(0, 0) = 2;
    D(1, 1) = 1;
    run.record(conditioning::rotation_keeps_rates(D, spec, (Vec<Q>(2) << 3, -2).finished(), Q(1, 4), steps,
                                                  Expect::counterexample("orthogonal")));
    //! [l04-contours]

    if (run.plot_dir()) write_plots(run, *run.plot_dir());
  });
}
