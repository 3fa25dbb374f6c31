// RapidCheck properties of lesson 07 (Newton's method and its remedies): every claim over
// random instances, in exact rational arithmetic where the mathematics is polynomial and
// in mpfr (at least 200 digits for the convergence rate, 50 for quasi-Newton) otherwise.
// Each property asserts the verdict of the same check the lesson runs; counterexample
// properties assert that the check fails as predicted when the hypothesis is dropped.
#include <catch2/catch.hpp>
#include <rapidcheck/catch.h>

#include "generators.hpp"
#include "verdict_asserts.hpp"
#include "newton_checks.hpp"

using namespace descent;
using namespace descent::claims;
using namespace descent::testing;

namespace {
// A start x0 = x* + e with e ≠ 0.
Vec<Q> draw_start(const Vec<Q>& x_star) {
  Vec<Q> e = draw_vec("e", static_cast<int>(x_star.size()), -20, 21, 4);
  if (e.squaredNorm() == 0) e(0) = 1;
  return x_star + e;
}
}  // namespace

// ---- newton_one_step_quadratic ----
TEST_CASE("Newton's method reaches the minimizer of a positive definite quadratic in one step",
          "[newton_one_step_quadratic]") {
  rc::prop("for random rotated SPD quadratics in dimension 1 to 4", [] {
    const int n = *rc::gen::inRange(1, 5).as("n");
    const Mat<Q> A = with_spectrum<Q>(draw_rotation(n), draw_spectrum(n, 1, 100, 10));
    const Vec<Q> x_star = draw_vec("x*", n, -20, 21, 4);
    RC_ASSERT_VERDICT(newton::one_step(A, x_star, draw_start(x_star)));
  });
}

TEST_CASE("With step eta the Newton error is multiplied by exactly 1 - eta per step", "[newton_one_step_quadratic]") {
  rc::prop("for random SPD quadratics and eta in (0, 4]", [] {
    const int n = *rc::gen::inRange(1, 4).as("n");
    const Mat<Q> A = with_spectrum<Q>(draw_rotation(n), draw_spectrum(n, 1, 100, 10));
    const Vec<Q> x_star = draw_vec("x*", n, -20, 21, 4);
    const Q eta = draw_q("eta", 1, 33, 8);
    const int steps = *rc::gen::inRange(1, 9).as("steps");
    RC_ASSERT_VERDICT(newton::error_factor(A, x_star, draw_start(x_star), eta, steps));
  });
  rc::prop("and diverges for eta in (2, 4]", [] {
    const int n = *rc::gen::inRange(1, 4).as("n");
    const Mat<Q> A = with_spectrum<Q>(draw_rotation(n), draw_spectrum(n, 1, 100, 10));
    const Vec<Q> x_star = draw_vec("x*", n, -20, 21, 4);
    const Q eta = draw_q("eta", 17, 33, 8);
    RC_ASSERT_VERDICT(newton::diverges_above_two(A, x_star, draw_start(x_star), eta, *rc::gen::inRange(1, 9).as("steps")));
  });
}

TEST_CASE("Newton with eta = 2 does not converge on a quadratic", "[newton_one_step_quadratic]") {
  rc::prop("dropping 0 < eta < 2: ||e_K|| = ||e_0|| for every K", [] {
    const int n = *rc::gen::inRange(1, 4).as("n");
    const Mat<Q> A = with_spectrum<Q>(draw_rotation(n), draw_spectrum(n, 1, 100, 10));
    const Vec<Q> x_star = draw_vec("x*", n, -20, 21, 4);
    RC_ASSERT_VERDICT(newton::no_convergence_at_two(A, x_star, draw_start(x_star), *rc::gen::inRange(1, 12).as("steps")));
  });
}

TEST_CASE("On an indefinite quadratic one Newton step lands on a saddle", "[newton_one_step_quadratic]") {
  rc::prop("dropping H positive definite: the stationary point is not a minimum", [] {
    const int n = *rc::gen::inRange(2, 5).as("n");
    std::vector<Q> lambda = draw_spectrum(n, 1, 100, 10);
    lambda[0] = -draw_q("|negative eigenvalue|", 1, 101, 10);
    const Vec<Q> x_star = draw_vec("x*", n, -20, 21, 4);
    RC_ASSERT_VERDICT(newton::saddle(draw_rotation(n), lambda, x_star, draw_start(x_star)));
  });
}

// ---- newton_quadratic_convergence ----
TEST_CASE("Newton's error ratio e_{k+1}/e_k^2 tends to f'''/(2f'') and the digits double",
          "[newton_quadratic_convergence]") {
  rc::prop("on e^x + x^2/2 - 2x from random x_0 in [-3, 3], at 200 digits", [] {
    const Q x0 = draw_q("x0", -12, 13, 4);
    RC_ASSERT_VERDICT(newton::ratio_limit(200, x0));
    RC_ASSERT_VERDICT(newton::digits_double(200, x0, Q(1), 40, Kind::holds));
  });
  rc::prop("within ceil(log2 log10(1/eps)) + 1 steps from x_0 in [0, 1]", [] {
    RC_ASSERT_VERDICT(newton::steps_to_tolerance(200, draw_q("x0", 0, 11, 10)));
  });
}

TEST_CASE("Without eta = 1 Newton converges only linearly", "[newton_quadratic_convergence]") {
  rc::prop("dropping eta = 1: the digits do not double for eta in [1/4, 3/4]", [] {
    const Q x0 = draw_q("x0", -8, 9, 4);
    const Q eta = draw_q("eta", 1, 4, 4);
    RC_ASSERT_VERDICT(newton::digits_double(200, x0, eta, 30, Expect::counterexample("eta_one")));
  });
}

TEST_CASE("Far from the minimizer Newton need not converge at all", "[newton_quadratic_convergence]") {
  rc::prop("dropping x_0 near x*: on sqrt(1 + x^2) from |x_0| >= 1 the error never falls below eps", [] {
    const Q x0 = draw_q("x0", 4, 13, 4) * (*rc::gen::arbitrary<bool>().as("negative x0") ? -1 : 1);
    RC_ASSERT_VERDICT(newton::far_start_cycles(200, x0, *rc::gen::inRange(5, 30).as("steps")));
  });
  rc::prop("and seed 003's unconditional O(log log(1/eps)) fails from |x_0| > 1", [] {
    const Q x0 = draw_q("x0", 5, 13, 4) * (*rc::gen::arbitrary<bool>().as("negative x0") ? -1 : 1);
    RC_ASSERT_VERDICT(newton::seed_loglog_theorem(200, x0, *rc::gen::inRange(3, 12).as("steps")));
  });
}

// ---- newton_indefinite_hessian ----
TEST_CASE("A diagonal load above -lambda_min makes the Newton direction a descent direction",
          "[newton_indefinite_hessian]") {
  rc::prop("on x^4/4 - x^2/2 at random x with lambda > -f''(x)", [] {
    Q x = draw_nonzero_q("x", -40, 41, 20);
    if (x == 1 || x == -1) x = Q(1, 2);
    const Q h = 3 * x * x - 1;
    const Q load = std::max(Q(0), Q(-h)) + draw_q("lambda above the threshold", 1, 41, 10);
    RC_ASSERT_VERDICT(newton::quartic_step(x, load, Kind::holds));
  });
  rc::prop("on random H = Q diag(lambda) Q^T with negative eigenvalues", [] {
    const int n = *rc::gen::inRange(2, 5).as("n");
    const auto lambda = draw_spectrum(n, -50, 50, 10);
    Q lmin = lambda[0];
    for (const auto& l : lambda) lmin = std::min(lmin, l);
    const Q load = std::max(Q(0), Q(-lmin)) + draw_q("lambda above the threshold", 1, 41, 10);
    const Mat<Q> R = draw_rotation(n);
    RC_ASSERT_VERDICT(newton::loaded_direction(R, lambda, load, Kind::holds));
    RC_ASSERT_VERDICT(newton::loaded_direction_attained(R, lambda, load));
  });
}

TEST_CASE("Without enough load the Newton direction goes uphill", "[newton_indefinite_hessian]") {
  rc::prop("dropping lambda > -lambda_min: pure Newton on x^4/4 - x^2/2 where f'' < 0", [] {
    // 0 < |x| < 1/sqrt(3): f'' < 0 and f' != 0
    const Q x = draw_nonzero_q("x", -57, 58, 100);
    RC_ASSERT_VERDICT(newton::quartic_step(x, Q(0), Expect::counterexample("load_large")));
  });
  rc::prop("dropping lambda > -lambda_min: g^T (H + lambda I)^-1 g < 0 along the eigenvector of lambda_min", [] {
    const int n = *rc::gen::inRange(2, 5).as("n");
    auto lambda = draw_spectrum(n, -50, 50, 10);
    lambda[0] = -draw_q("|lambda_min|", 20, 51, 10);
    Q lmin = lambda[0];
    for (const auto& l : lambda) lmin = std::min(lmin, l);
    Q load = -lmin * draw_q("load / |lambda_min|", 0, 10, 10);  // in [0, 0.9 |lambda_min|]
    for (const auto& l : lambda)
      if (l + load == 0) load += Q(1, 1000);  // keep H + lambda I invertible (still below -lambda_min >= 2)
    RC_ASSERT_VERDICT(newton::loaded_direction(draw_rotation(n), lambda, load, Expect::counterexample("load_large")));
  });
}

// ---- best_step_1d ----
TEST_CASE("The best step on a convex parabola is |y'(x_0)| / y''(x_0)", "[best_step_1d]") {
  rc::prop("for random a > 0, b, x_0", [] {
    RC_ASSERT_VERDICT(newton::best_step(draw_q("a", 1, 41, 4), draw_q("b", -40, 41, 4), draw_q("x0", -40, 41, 4)));
  });
  rc::prop("dropping a > 0: the step to the stationary point raises y", [] {
    const Q a = -draw_q("|a|", 1, 41, 4), b = draw_q("b", -40, 41, 4);
    Q x0 = draw_q("x0", -40, 41, 4);
    if (2 * a * x0 + b == 0) x0 += 1;
    RC_ASSERT_VERDICT(newton::best_step_concave(a, b, x0));
  });
  rc::prop("seed 001's signed form is false left of the minimizer", [] {
    const Q a = draw_q("a", 1, 41, 4), b = draw_q("b", -40, 41, 4);
    const Q x0 = -b / (2 * a) - draw_q("distance left of the minimizer", 1, 41, 4);
    RC_ASSERT_VERDICT(newton::seed_signed_best_step(a, b, x0));
  });
}

// ---- quasi_newton ----
TEST_CASE("BFGS and L-BFGS reach ||grad f||^2 <= 1e-40 on Rosenbrock within 200 steps", "[quasi_newton]") {
  rc::prop("from random starts in [-2, 2]^2 at 50 digits, keeping s^T y > 0 on strong Wolfe steps", [] {
    Vec<Q> x0 = draw_vec("x0", 2, -8, 9, 4);
    if (x0(0) == 1 && x0(1) == 1) x0(0) = 0;  // the minimizer itself takes no step
    RC_ASSERT_VERDICT(newton::rosenbrock_converges(newton::QuasiNewton::bfgs, 50, 200, x0));
    RC_ASSERT_VERDICT(newton::rosenbrock_converges(newton::QuasiNewton::lbfgs, 50, 200, x0));
    RC_ASSERT_VERDICT(newton::bfgs_curvature(50, 200, x0));
  });
  CHECK(newton::gd_behind(50, Q(1, 1000), 200).pass);
}
