// RapidCheck properties of the claims of lessons 04–06 over random instances: exact
// rationals for everything polynomial (quadratics with random spectra under random exact
// rotations), mpfr for eigen-solvers and square roots. Each property asserts the verdict of
// the check the lesson runs; counterexample properties assert that dropping the hypothesis
// makes the check fail where the theory says it must.
#include <catch2/catch.hpp>
#include <rapidcheck/catch.h>

#include "conditioning.hpp"
#include "generators.hpp"
#include "verdict_asserts.hpp"
#include "line_search_checks.hpp"
#include "preconditioning.hpp"

using namespace descent;
using namespace descent::claims;
using namespace descent::testing;

namespace {
Q min_q(const std::vector<Q>& v) { return *std::min_element(v.begin(), v.end()); }
int argmin(const std::vector<Q>& v) { return static_cast<int>(std::min_element(v.begin(), v.end()) - v.begin()); }
int argmax(const std::vector<Q>& v) { return static_cast<int>(std::max_element(v.begin(), v.end()) - v.begin()); }
}  // namespace

// ---- 04 ----
TEST_CASE("A symmetric matrix is reassembled from its eigendecomposition at 50 digits, and its singular values give "
          "the same condition number", "[eigendecomposition_svd]") {
  const descent::ScopedDigits scoped_digits(50);
  rc::prop("random SPD spectra under random rotations", [] {
    const int n = *rc::gen::inRange(2, 5).as("n");
    const auto lambda = draw_spectrum(n, 1, 200, 2);
    const Mat<Mpfr> B = convert<Mpfr>(with_spectrum<Q>(draw_rotation(n), lambda));
    RC_ASSERT_VERDICT(conditioning::eigen_reconstruction(B));
    RC_PRE(min_q(lambda) > 0);
    RC_ASSERT_VERDICT(conditioning::svd_kappa_equals_eigen_kappa(B, Kind::holds));
  });
  rc::prop("definiteness: the Rayleigh quotient never falls below lambda_min and reaches it", [] {
    const int n = *rc::gen::inRange(2, 5).as("n");
    const auto lambda = draw_spectrum(n, 0, 60, 4);
    const Mat<Q> R = draw_rotation(n);
    RC_ASSERT_VERDICT(conditioning::rayleigh_floor(R, lambda, Kind::holds));
    RC_ASSERT_VERDICT(conditioning::rayleigh_floor(R, lambda, Kind::tight));
  });
  rc::prop("x^T B x > 0 without symmetry does not give real eigenvalues", [] {
    RC_ASSERT_VERDICT(conditioning::definite_without_real_eigenvalues(draw_nonzero_q("s", 1, 40, 4)));
  });
  rc::prop("a non-symmetric shear has sigma_max/sigma_min != |lambda|_max/|lambda|_min", [] {
    const Q s = draw_nonzero_q("shear", 1, 40, 4);
    Mat<Mpfr> B(2, 2);
    B << 1, from_rational<Mpfr>(s), 0, 1;
    RC_ASSERT_VERDICT(conditioning::svd_kappa_equals_eigen_kappa(B, Expect::counterexample("symmetric")));
  });
}

TEST_CASE("GD on a quadratic contracts by 1 - eta lambda_min per step for eta <= 1/lambda_max, with equality on the "
          "slow eigenvector and failure beyond", "[gd_quadratic_contraction]") {
  rc::prop("random instances, exact", [] {
    const int n = *rc::gen::inRange(2, 4).as("n");
    const auto lambda = draw_spectrum(n, 1, 40, 4);
    const Mat<Q> R = draw_rotation(n);
    const Q eta = draw_q("eta * lambda_max", 1, 11, 10) / max_of(lambda);
    RC_ASSERT_VERDICT(conditioning::contraction(R, lambda, draw_vec("x0", n, -9, 10, 2), eta, 6, Kind::holds));
    RC_ASSERT_VERDICT(conditioning::contraction(R, lambda, R.col(argmin(lambda)), eta, 6, Kind::tight));
  });
  rc::prop("eta above 2/(lambda_min + lambda_max) breaks it from the top eigenvector", [] {
    const auto lambda = std::vector<Q>{Q(1), draw_q("lambda_max", 20, 80, 4)};
    const Q eta = (2 + draw_q("excess", 1, 10, 10)) / (lambda[0] + lambda[1]);
    const Mat<Q> R = draw_rotation(2);
    RC_ASSERT_VERDICT(conditioning::contraction(R, lambda, R.col(1), eta, 3, Expect::counterexample("step_below")));
  });
}

TEST_CASE("The step 2/(L + mu) attains (kappa - 1)/(kappa + 1) on both extreme eigenvectors and no grid step beats it",
          "[gd_optimal_fixed_step]") {
  rc::prop("random spectra, exact", [] {
    const int n = *rc::gen::inRange(2, 4).as("n");
    const auto lambda = draw_spectrum(n, 1, 60, 4);
    RC_PRE(min_q(lambda) != max_of(lambda));
    const Mat<Q> R = draw_rotation(n);
    RC_ASSERT_VERDICT(conditioning::optimal_step_attained(R, lambda, argmin(lambda), 5));
    RC_ASSERT_VERDICT(conditioning::optimal_step_attained(R, lambda, argmax(lambda), 5));
    RC_ASSERT_VERDICT(conditioning::no_fixed_step_better(lambda, 50));
  });
  rc::prop("built from an eigenvalue below lambda_max, the rate is lost", [] {
    const Q mid = draw_q("L'", 2, 10, 1);
    const Q top = mid * 3 + draw_q("gap", 1, 10, 1);
    RC_ASSERT_VERDICT(conditioning::optimal_step_wrong_L({Q(1), mid, top}, mid, 4));
  });
}

TEST_CASE("GD with eta = 1/L reaches eps ||x_0|| within ceil(kappa ln(1/eps)) steps, and needs more for an absolute "
          "eps from far away", "[gd_iterations_condition_number]") {
  const descent::ScopedDigits scoped_digits(30);
  rc::prop("random kappa and eps", [] {
    const Q kappa = draw_q("kappa", 2, 300, 1);
    const Mpfr eps = Mpfr(1) / boost::multiprecision::pow(Mpfr(10), *rc::gen::inRange(1, 9).as("-log10 eps"));
    RC_ASSERT_VERDICT(conditioning::iterations_bound(kappa, eps, Mpfr(1), Kind::holds));
  });
  CHECK_VERDICT(conditioning::iterations_bound(Q(2), Mpfr(1) / 1000000, Mpfr(1000000), Expect::counterexample("relative_eps")));
}

TEST_CASE("Quadratic contours: semi-axes in 1/sqrt(lambda), cross terms summed over i < j, rates unchanged by rotation "
          "but changed by scaling", "[quadratic_contours]") {
  const descent::ScopedDigits scoped_digits(40);
  rc::prop("random instances, exact", [] {
    const Mat<Mpfr> A2 = convert<Mpfr>(with_spectrum<Q>(draw_rotation(2), draw_spectrum(2, 1, 100, 4)));
    RC_ASSERT_VERDICT(conditioning::contour_diameters(A2, false));
    const int n = *rc::gen::inRange(2, 5).as("n");
    const Mat<Q> A = with_spectrum<Q>(draw_rotation(n), draw_spectrum(n, -20, 20, 2));
    RC_ASSERT_VERDICT(conditioning::expansion_cross_terms(A, draw_vec("w", n, -9, 10, 3), false));
    const auto lambda = draw_spectrum(n, 1, 20, 2);
    const Q eta = 1 / max_of(lambda);
    const Vec<Q> x0 = draw_vec("x0", n, -9, 10, 2);
    RC_ASSERT_VERDICT(conditioning::rotation_keeps_rates(draw_rotation(n), lambda, x0, eta, 4, Kind::holds));
  });
  rc::prop("a non-orthogonal scaling changes the norms", [] {
    Mat<Q> D = Mat<Q>::Identity(2, 2);
    D(0, 0) = draw_q("d", 2, 10, 1);
    RC_ASSERT_VERDICT(conditioning::rotation_keeps_rates(D, {Q(1), Q(4)}, (Vec<Q>(2) << 1, 0).finished(), Q(1, 8), 3,
                                                      Expect::counterexample("orthogonal")));
  });
}

// ---- 05 ----
TEST_CASE("Exact line search contracts f - f* by at most ((kappa - 1)/(kappa + 1))^2 per step, attained from "
          "(1/mu, 1/L), lost with a doubled step", "[steepest_descent_kantorovich]") {
  rc::prop("random instances, exact", [] {
    const auto lambda = std::vector<Q>{draw_q("mu", 1, 10, 1), draw_q("L", 11, 60, 1)};
    const Mat<Q> R = draw_rotation(2);
    Vec<Q> e0 = draw_vec("e0", 2, -9, 10, 2);
    RC_PRE(!e0.isZero(0));
    RC_ASSERT_VERDICT(line_search_checks::kantorovich(R, lambda, e0, 5, Kind::holds));
    const Vec<Q> worst = (Vec<Q>(2) << 1 / lambda[0], 1 / lambda[1]).finished();
    RC_ASSERT_VERDICT(line_search_checks::kantorovich(Mat<Q>::Identity(2, 2), lambda, worst, 5, Kind::tight));
    RC_PRE((with_spectrum<Q>(R, lambda) * e0).squaredNorm() != 0);
    RC_ASSERT_VERDICT(line_search_checks::kantorovich(R, lambda, e0, 3, Expect::counterexample("exact_step")));
  });
}

TEST_CASE("Exact line search makes successive gradients orthogonal; golden section finds seed 004's alpha* to "
          "sqrt(eps)", "[exact_line_search]") {
  const descent::ScopedDigits scoped_digits(40);
  rc::prop("random quadratics", [] {
    const int n = *rc::gen::inRange(2, 4).as("n");
    const Quadratic<Q> f(with_spectrum<Q>(draw_rotation(n), draw_spectrum(n, 1, 30, 2)), draw_vec("b", n, -9, 10, 1), Q(0));
    RC_ASSERT_VERDICT(line_search_checks::successive_gradients_orthogonal(f, draw_vec("x0", n, -9, 10, 1), 4));
    const Mat<Mpfr> B = convert<Mpfr>(with_spectrum<Q>(draw_rotation(2), draw_spectrum(2, 1, 30, 2)));
    Vec<Mpfr> theta = convert<Mpfr>(draw_vec("theta", 2, -9, 10, 1));
    RC_PRE(theta.squaredNorm() > 0);
    RC_ASSERT_VERDICT(line_search_checks::golden_matches_closed_form(B, theta));
  });
  CHECK_VERDICT(line_search_checks::golden_not_unimodal());
}

TEST_CASE("Armijo's condition holds for every t <= 2(1 - c)/L, with equality at the end on 1/2 L x^2, and "
          "backtracking never accepts less than min(t0, rho 2(1 - c)/L)", "[armijo_backtracking]") {
  rc::prop("random instances, exact", [] {
    const Q L = draw_q("L", 1, 50, 2), c = draw_q("c", 1, 10, 10), x0 = draw_nonzero_q("x0", -9, 10, 1);
    RC_ASSERT_VERDICT(line_search_checks::armijo_boundary(L, c, x0));
    const auto lambda = std::vector<Q>{draw_q("mu", 1, 5, 1), draw_q("lambda_max", 5, 40, 1)};
    const Mat<Q> R = draw_rotation(2);
    Vec<Q> x = draw_vec("x", 2, -9, 10, 1);
    RC_PRE(!x.isZero(0));
    RC_ASSERT_VERDICT(line_search_checks::armijo_region(R, lambda, x, c, lambda[1], Kind::holds));
    RC_ASSERT_VERDICT(line_search_checks::backtracking_step_floor(R, lambda, x, Q(1), c, draw_q("rho", 1, 10, 10), 5));
    RC_ASSERT_VERDICT(line_search_checks::armijo_ascent_direction(with_spectrum<Q>(R, lambda), x, c, Q(1, 2)));
  });
  CHECK_VERDICT(line_search_checks::armijo_region(Mat<Q>::Identity(2, 2), {Q(1), Q(10)}, (Vec<Q>(2) << 0, 1).finished(),
                                                   Q(1, 4), Q(1), Expect::counterexample("smooth")));
}

TEST_CASE("Exact coordinate descent never raises f and converges on SPD quadratics, is exact in one sweep on a "
          "diagonal A, and runs off on an indefinite A", "[coordinate_descent]") {
  rc::prop("random SPD quadratics, exact", [] {
    const Mat<Q> A = with_spectrum<Q>(draw_rotation(2), draw_spectrum(2, 1, 8, 1));
    const Vec<Q> b = draw_vec("b", 2, -5, 6, 1), x0 = draw_vec("x0", 2, -5, 6, 1);
    RC_ASSERT_VERDICT(line_search_checks::coordinate_monotone(A, b, x0, 6));
    Mat<Q> D = Mat<Q>::Zero(2, 2);
    D(0, 0) = draw_q("d1", 1, 9, 1);
    D(1, 1) = draw_q("d2", 1, 9, 1);
    RC_ASSERT_VERDICT(line_search_checks::coordinate_converges(D, b, x0, 1, Kind::holds));
  });
  Mat<Q> indefinite(2, 2);
  indefinite << 1, 2, 2, 1;
  CHECK_VERDICT(line_search_checks::coordinate_converges(indefinite, (Vec<Q>(2) << 1, 2).finished(),
                                                          (Vec<Q>(2) << 3, -1).finished(), 10, Expect::counterexample("spd")));
}

// ---- 06 ----
TEST_CASE("Standardized features have means 0 and variances 1, and standardizing disparate scales lowers kappa",
          "[feature_scaling_conditioning]") {
  const descent::ScopedDigits scoped_digits(30);
  rc::prop("random seeds and scales", [] {
    const auto seed = static_cast<std::uint64_t>(*rc::gen::inRange(0, 1000).as("seed"));
    const double big = std::pow(10.0, *rc::gen::inRange(2, 4).as("log10 scale ratio"));
    const std::vector<double> scales{1.0, big, 1.0 / big};
    RC_ASSERT_VERDICT(preconditioning::standardized_moments(seed, 100, scales));
    RC_ASSERT_VERDICT(preconditioning::scaling_lowers_kappa(seed, 100, scales));
    RC_ASSERT_VERDICT(preconditioning::scaling_lowers_logistic_kappa(seed, 100, scales, Mpfr(1) / 100));
  });
  CHECK_VERDICT(preconditioning::scaling_can_raise_kappa());
}

TEST_CASE("Seed 002's whitening holds line by line on matrices with rational square roots", "[whitening]") {
  rc::prop("random instances, exact", [] {
    const Mat<Q> E = draw_rotation(2);
    const std::vector<Q> roots{draw_q("root1", 1, 10, 2), draw_q("root2", 1, 10, 2)};
    const Vec<Q> b = draw_vec("b", 2, -9, 10, 1), w = draw_vec("w", 2, -9, 10, 1);
    RC_ASSERT_VERDICT(preconditioning::square_roots(E, roots));
    RC_ASSERT_VERDICT(preconditioning::whitened_energy(E, roots, b, w, false));
    RC_ASSERT_VERDICT(preconditioning::whitened_gradient(E, roots, b, w));
    RC_ASSERT_VERDICT(preconditioning::whitened_gd(E, roots, b, w, draw_q("eta", 1, 20, 10), 4, Kind::holds));
    RC_ASSERT_VERDICT(preconditioning::whitened_one_step(E, roots, b, w));
  });
  Mat<Q> indefinite = Mat<Q>::Zero(2, 2);
  indefinite(0, 0) = 1;
  indefinite(1, 1) = -1;
  CHECK_VERDICT(preconditioning::indefinite_has_no_root(indefinite, (Vec<Q>(2) << 0, 1).finished()));
}

TEST_CASE("The diagonal preconditioner solves an axis-aligned quadratic in one step, a rotated one not; whitening "
          "solves both", "[diagonal_vs_full_preconditioning]") {
  const descent::ScopedDigits scoped_digits(40);
  rc::prop("random instances", [] {
    Mat<Q> D = Mat<Q>::Zero(2, 2);
    D(0, 0) = draw_q("d1", 1, 50, 2);
    D(1, 1) = draw_q("d2", 1, 50, 2);
    const Vec<Q> b = draw_vec("b", 2, -9, 10, 1), x0 = draw_vec("x0", 2, -9, 10, 1);
    RC_ASSERT_VERDICT(preconditioning::diagonal_one_step(D, b, x0, Kind::holds));
    const Mat<Q> A = with_spectrum<Q>(draw_rotation(2), draw_spectrum(2, 1, 30, 2));
    RC_ASSERT_VERDICT(preconditioning::whitening_one_step(convert<Mpfr>(A), convert<Mpfr>(b), convert<Mpfr>(x0)));
  });
  Mat<Q> coupled(2, 2);
  coupled << 1, Q(9, 10), Q(9, 10), 1;
  CHECK_VERDICT(preconditioning::diagonal_one_step(coupled, (Vec<Q>(2) << 1, 2).finished(), (Vec<Q>(2) << 3, -1).finished(),
                                                    Expect::counterexample("axis_aligned")));
}
