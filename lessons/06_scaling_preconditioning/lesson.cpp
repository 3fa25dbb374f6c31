/** \page lesson_06_scaling_preconditioning Lesson 6 — change the geometry: scaling and preconditioning
 *
 * Symbols: seed 002 writes \f$E(w) = \tfrac12 w^\top Aw + b^\top w + c\f$ (note \f$+b\f$), \f$A = V\Lambda V^\top\f$
 * symmetric positive definite (the notes call the eigenvector matrix \f$E\f$ too; here it is \f$V\f$),
 * \f$A^{\pm0.5} = V\Lambda^{\pm0.5}V^\top\f$, \f$\hat w = A^{0.5}w\f$,
 * \f$\hat b = A^{-0.5}b\f$, \f$P\f$ a preconditioner, \f$\kappa\f$ the condition number; for data, \f$X\f$ has one
 * example per row, \f$m_i, \sigma_i\f$ the mean and (population) standard deviation of feature \f$i\f$.
 * Sources: seeds 001, 002, 004.
 *
 * \section l06_scaling Step 1: feature scaling
 * Seed 001: after \f$x_i^r \leftarrow (x_i^r - m_i)/\sigma_i\f$ "The means of all dimensions are 0, and the
 * variances are all 1" — with the population variance (divisor \f$m\f$, numpy's std); with the sample
 * variance (divisor \f$m - 1\f$) they are \f$m/(m-1)\f$, which the check rejects. On a seeded data set whose
 * three features have scales 1, 10 and 0.2 (and non-zero means), standardizing — which both centres and
 * rescales — lowers the condition number of the least-squares Hessian \f$X^\top X/m\f$ and of the
 * logistic-regression Hessian, and GD with \f$\eta = 1/L\f$ needs fewer steps (each design with targets
 * \f$y = X\mathbf{1}\f$, so \f$w^* = \mathbf{1}\f$ in both). The size of the gain is predicted: every diagonal entry
 * \f$H_{ii} = e_i^\top He_i\f$ lies between \f$\lambda_{\min}\f$ and \f$\lambda_{\max}\f$, so
 * \f$\kappa(H) \ge \max_i H_{ii}/\min_i H_{ii}\f$, the spread of the features' second moments, which
 * standardizing removes; the floor is attained for centered, uncorrelated features (a factorial
 * design, where \f$H\f$ is diagonal). Centering alone does not do it: its \f$\kappa\f$ stays more than \f$n\f$ times the
 * standardized one (rejected). How good is the unit-diagonal scaling? Van der Sluis (1969): within a factor
 * \f$n\f$ of the best diagonal scaling.
 * Standardizing is a diagonal scaling of the covariance to unit diagonal; when the features
 * already have similar scales it can *raise* \f$\kappa\f$ (counterexample).
 * (claim \ref claim_feature_scaling_conditioning "feature_scaling_conditioning")
 * \snippet 06_scaling_preconditioning/lesson.cpp l06-scaling
 *
 * \section l06_whitening Step 2: whitening, line by line
 * Seed 002 looks for \f$S\f$ with \f$\hat w = Sw\f$ turning the ellipses into circles:
 * \f$E = \tfrac12\hat w^\top\hat w + \hat b^\top\hat w + c = \tfrac12 w^\top S^\top Sw + \hat b^\top Sw + c\f$, so
 * \f$S^\top S = A\f$ and \f$\hat b^\top S = b^\top\f$ — the notes print \f$-b^\top\f$ (refuted: with that sign the energy
 * changes) and then solve correctly, \f$S = A^{0.5}\f$, \f$\hat b = A^{-0.5}b\f$. With
 * \f$A^{0.5} = V\Lambda^{0.5}V^\top\f$ (real only for \f$A \succ 0\f$): \f$(A^{0.5})^\top A^{0.5} = A\f$,
 * \f$(A^{-0.5})^\top A^{-0.5} = A^{-1}\f$, \f$\nabla_{\hat w}E = \hat w^\top + \hat b^\top = \nabla_wE\,A^{-0.5}\f$, and GD in
 * \f$\hat w\f$ — whose Hessian is \f$I\f$, so \f$\eta = 1\f$ is exact in one step — maps back to
 * \f[ w^{(k+1)} = w^{(k)} - \eta A^{-1}\nabla_w E(w^{(k)})^\top . \f]
 * Each line is checked in exact arithmetic on an \f$A\f$ with rational square roots (eigenvalues
 * 4 and 9 under an exactly orthogonal \f$V\f$). So that the checks test the algebra and not the
 * construction, the root is computed from \f$A\f$ alone by Cayley–Hamilton,
 * \f$S = (A + \sqrt{\det A}\,I)/\sqrt{\operatorname{tr}A + 2\sqrt{\det A}}\f$, and compared with \f$V\Lambda^{0.5}V^\top\f$;
 * the energy check rejects \f$\hat w = Aw, \hat b = A^{-1}b\f$ (the roots forgotten), and GD in \f$\hat w\f$
 * rejects the preconditioner \f$A^{-0.5}\f$. The notes' later “\f$w^{(k+1)} = w^{(k)} - \eta A^{-1}b\f$”
 * replaces the gradient \f$Aw^{(k)} + b\f$ by the constant \f$b\f$: it moves by the same amount at every step,
 * even from the minimum — refuted.
 * (claim \ref claim_whitening "whitening")
 * \snippet 06_scaling_preconditioning/lesson.cpp l06-whitening
 *
 * \section l06_diag Step 3: diagonal against full preconditioning
 * A diagonal \f$P = \mathrm{diag}(1/a_{ii})\f$ rescales the axes: it makes an axis-aligned quadratic
 * perfectly conditioned (one step with \f$\eta = 1\f$; \f$\mathrm{diag}(a_{ii})\f$ itself is rejected), but does nothing
 * for a rotated one with equal diagonal entries. Seed 002 asks for a "(diagonal) scaling matrix
 * \f$\mathbf S\f$" with \f$S^\top S = A\f$ and then takes \f$S = A^{0.5}\f$, which is not diagonal for a rotated \f$A\f$:
 * no diagonal \f$S\f$ has \f$S^\top S = A\f$ when \f$A\f$ has off-diagonal entries. The full \f$P = A^{-1}\f$ (whitening; Newton's step on a quadratic) fixes both.
 * (claim \ref claim_diagonal_vs_full_preconditioning "diagonal_vs_full_preconditioning")
 * \image html methods.svg "Paths of GD, steepest descent, coordinate descent, diagonal preconditioning and Newton"
 * \snippet 06_scaling_preconditioning/lesson.cpp l06-diag
 *
 * \section l06_checks The checks
 * \htmlinclude lesson_06_scaling_preconditioning_checks.html
 *
 * \section l06_run A run
 * \verbinclude lesson_06_scaling_preconditioning.txt
 */
#include <sstream>

#include "descent/methods.hpp"
#include "lesson_run.hpp"
#include "preconditioning.hpp"

using namespace descent;
using namespace descent::claims;
using Q = Rational;

namespace {
void write_plots(lessons::LessonRun& run, const std::string& dir) {
  // A rotated quadratic with unequal diagonal, kappa = 20; five methods from one start.
  const Mat<double> R = cayley_orthogonal<double>(2, {0.35});
  const Mat<double> A = with_spectrum<double>(R, {1.0, 20.0});
  const Quadratic<double> f(A, Vec<double>::Zero(2), 0.0);
  std::ostringstream grid, paths;
  grid << lessons::contour_grid(f, -3, 3, -3, 3, 0.1);
  const std::vector<std::pair<std::string, std::map<std::string, std::string>>> methods = {
      {"gd", {{"eta", "0.095"}}},
      {"steepest", {}},
      {"coordinate", {}},
      {"preconditioned", {{"eta", "1"}, {"preconditioner", "diag"}}},
      {"newton", {}}};
  for (const auto& [name, params] : methods) {
    auto opt = make_optimizer<double>(name, params);
    StopRule<double> stop;
    stop.max_steps = 25;
    const auto tr = descent::run<double>(f, *opt, (Vec<double>(2) << -1.0, 2.5).finished(), stop);
    for (const auto& x : tr.x) paths << x(0) << ' ' << x(1) << '\n';
    paths << "\n\n";
  }
  run.wrote_plot(lessons::plot_svg(
      dir, "methods",
      "set terminal svg size 720,600 dynamic enhanced font 'sans,12' background rgb 'white'\nset output 'methods.svg'\n"
      "set view map\nunset surface\nset contour base\nset cntrparam levels incremental 0.5,4,40\n"
      "set table 'c.tab'\nsplot 'grid.dat' with lines\nunset table\n"
      "set title 'Rotated quadratic, κ = 20, 25 iterations from (-1, 2.5)'\nset size ratio -1\nset xrange [-3:3]\n"
      "set yrange [-3:3]\nset key outside bottom center horizontal\n"
      "plot 'c.tab' with lines lc rgb '#cccccc' notitle, for [i=0:4] 'paths.dat' index i with linespoints pt 7 ps 0.5 "
      "title word('GD(η=0.095) steepest coordinate diag-preconditioned Newton', i+1)",
      {{"grid.dat", grid.str()}, {"paths.dat", paths.str()}}));
}
}  // namespace

int main(int argc, char** argv) {
  lessons::LessonRun run{"06_scaling_preconditioning", "Change the geometry: scaling and preconditioning"};
  Q eta_flag;
  int steps = 10;
  run.number_option({.name = "eta", .default_value = "3/2", .lower = "0", .lower_open = true,
                    .upper = "4", .upper_open = false,
                    .meaning = "your step for an added check that GD in w-hat equals w <- w - eta A^-1 grad E"},
                   eta_flag);
  run.int_option("--steps", steps,
                 "steps of the exact checks, 1 to 100",
                 10, 1, 100);
  if (auto rc = run.parse(argc, argv)) return *rc;

  return run.run([&] {
    const bool eta_given = run.given("--eta");
    const Q eta = eta_flag;  // in its range: checked by run.parse()

    //! [l06-scaling]
    run.step("Step 1: feature scaling", "Seeded data (seed 1, 200 examples), mpfr.");
    const std::vector<double> scales{1.0, 10.0, 0.2};
    run.record(preconditioning::standardized_moments(1, 200, scales));
    run.record(preconditioning::scaling_lowers_kappa(1, 200, scales));
    run.record(preconditioning::kappa_diagonal_floor(1, 200, scales));
    run.record(preconditioning::kappa_diagonal_floor_attained(scales));
    run.record(preconditioning::scaling_lowers_iterations(1, 200, scales));
    run.record(preconditioning::scaling_lowers_logistic_kappa(1, 200, scales, Mpfr(1) / 100));
    run.record(preconditioning::scaling_can_raise_kappa());
    //! [l06-scaling]

    //! [l06-whitening]
    run.step("Step 2: whitening, line by line", "A = V diag(4, 9) V^T with V exactly orthogonal; exact arithmetic.");
    const Mat<Q> V = cayley_orthogonal<Q>(2, {Q(1, 3)});
    const std::vector<Q> roots{Q(2), Q(3)};
    const Vec<Q> b = (Vec<Q>(2) << 2, -3).finished(), w = (Vec<Q>(2) << 1, 2).finished();
    run.record(preconditioning::square_roots(V, roots));
    run.record(preconditioning::whitened_energy(V, roots, b, w, false));
    run.record(preconditioning::whitened_energy(V, roots, b, w, true));
    run.record(preconditioning::whitened_gradient(V, roots, b, w));
    run.record(preconditioning::whitened_gd(V, roots, b, w, Q(1, 2), steps, Kind::holds));
    run.record(preconditioning::whitened_one_step(V, roots, b, w));
    run.record(preconditioning::seed_constant_step(V, roots, b, Q(1, 2)));
    Mat<Q> indefinite = Mat<Q>::Zero(2, 2);
    indefinite(0, 0) = 4;
    indefinite(1, 1) = -9;
    run.record(preconditioning::indefinite_has_no_root(indefinite, (Vec<Q>(2) << 0, 1).finished()));
    const Mat<Mpfr> Am = with_spectrum<Mpfr>(cayley_orthogonal<Mpfr>(3, {Mpfr(1) / 2, Mpfr(1) / 3, Mpfr(-1) / 4}),
                                             {Mpfr(2), Mpfr(3), Mpfr(7)});
    run.record(preconditioning::mpfr_square_root(Am));
    run.note("--eta adds the check below: your --eta" + std::string(eta_given ? "" : " (default)") + " = " + eta.str());
    run.record(preconditioning::whitened_gd(V, roots, b, w, eta, steps, Kind::holds));
    //! [l06-whitening]

    //! [l06-diag]
    run.step("Step 3: diagonal against full preconditioning", "One step with eta = 1.");
    Mat<Q> D = Mat<Q>::Zero(2, 2);
    D(0, 0) = 1;
    D(1, 1) = 50;
    const Vec<Q> x0 = (Vec<Q>(2) << 3, -1).finished(), bq = (Vec<Q>(2) << 1, 2).finished();
    run.record(preconditioning::diagonal_one_step(D, bq, x0, Kind::holds));
    Mat<Q> coupled(2, 2);
    coupled << 1, Q(9, 10), Q(9, 10), 1;
    run.record(preconditioning::diagonal_one_step(coupled, bq, x0, Expect::counterexample("axis_aligned")));
    Mat<Mpfr> coupled_m(2, 2);
    coupled_m << 1, Mpfr(9) / 10, Mpfr(9) / 10, 1;
    run.record(preconditioning::whitening_one_step(coupled_m, (Vec<Mpfr>(2) << 1, 2).finished(),
                                                   (Vec<Mpfr>(2) << 3, -1).finished()));
    //! [l06-diag]

    if (run.plot_dir()) write_plots(run, *run.plot_dir());
  });
}
