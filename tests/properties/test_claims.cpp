// RapidCheck properties: every claim of lessons 01–03 over random instances, in exact
// rational arithmetic where the mathematics is polynomial, and in double and mpfr
// otherwise. Tags are claim ids (`ctest -L <id>` runs them). Every property asserts the
// verdict of the same check the lesson runs; counterexample properties assert that the
// check does fail when the hypothesis is dropped.
#include <catch2/catch.hpp>
#include <rapidcheck/catch.h>

#include "descent_lemma.hpp"
#include "plain_text.hpp"
#include "generators.hpp"
#include "verdict_asserts.hpp"
#include "step_size.hpp"
#include "taylor.hpp"

using namespace descent;
using namespace descent::claims;
using namespace descent::testing;

namespace {
Quadratic<Q> random_quadratic(int n, std::vector<Q>* spectrum = nullptr) {
  const auto lambda = draw_spectrum(n, 1, 100, 10);
  if (spectrum) *spectrum = lambda;
  return Quadratic<Q>(with_spectrum<Q>(draw_rotation(n), lambda), draw_vec("b", n, -50, 51, 10), draw_q("c", -9, 10, 2));
}
}  // namespace

// ---- lesson 01 ----
TEST_CASE("The Lagrange remainder bounds the Taylor error of sin around pi/4", "[taylor_sin_pi4]") {
  rc::prop("certified for random h in [-1, 1] and degree 0..12", [] {
    const Q h = draw_nonzero_q("h", -64, 65, 64);
    const int n = *rc::gen::inRange(0, 13).as("n");
    RC_ASSERT_VERDICT(taylor::sin_remainder_bound(n, h, Q(1), Kind::holds));
  });
  rc::prop("and the error falls with the degree for 1/10 <= |h| <= 1/2", [] {
    const Q h = draw_q("|h|", 10, 51, 100) * (*rc::gen::arbitrary<bool>().as("negative h") ? -1 : 1);
    RC_ASSERT_VERDICT(taylor::sin_errors_fall(h, 8));
  });
  CHECK(taylor::sin_series_coefficients().pass);
  CHECK(taylor::flat_function_not_its_series(Q(1, 2)).pass);
  rc::prop("fails with M = 1/2 for small h and n <= 3", [] {
    const Q h = Q(1, *rc::gen::inRange(100, 1000).as("1/h"));
    const int n = *rc::gen::inRange(1, 4).as("n");
    RC_ASSERT_VERDICT(taylor::sin_remainder_bound(n, h, Q(1, 2), Expect::counterexample("M_bounds")));
  });
}

TEST_CASE("The second-order model of a quadratic is exact", "[taylor_quadratic_exact][discrimination]") {
  rc::prop("for random quadratics, points and displacements", [] {
    const int n = *rc::gen::inRange(1, 5).as("n");
    const auto f = random_quadratic(n);
    RC_ASSERT_VERDICT(taylor::quadratic_model_exact(f, draw_vec("x", n, -20, 21, 4), draw_vec("h", n, -20, 21, 4), Kind::holds));
  });
  rc::prop("and rejects the model without its 1/2 whenever h != 0 (A positive definite)", [] {
    const int n = *rc::gen::inRange(1, 5).as("n");
    const auto f = random_quadratic(n);
    const Vec<Q> h = draw_vec("h", n, -20, 21, 4);
    RC_PRE(!h.isZero());
    RC_ASSERT_REJECTS(taylor::quadratic_model_exact(f, draw_vec("x", n, -20, 21, 4), h, Kind::holds));
  });
  rc::prop("and is not exact for the cubic g when h_x h_y != 0", [] {
    const Vec<Q> x = draw_vec("x", 2, -20, 21, 4);
    Vec<Q> h(2);
    h << draw_nonzero_q("hx", -20, 21, 4), draw_nonzero_q("hy", -20, 21, 4);
    RC_ASSERT_VERDICT(taylor::quadratic_model_exact(SeedG<Q>(), x, h, Expect::counterexample("quadratic")));
  });
}

TEST_CASE("The model errors of x^2 y^3 are third and fourth order", "[taylor_second_order_error][discrimination]") {
  rc::prop("within (M3/6)||h||^3 and (M4/24)||h||^4", [] {
    const Vec<Q> x = draw_vec("x", 2, -20, 21, 8);
    const Vec<Q> h = draw_vec("h", 2, -16, 17, 64);
    RC_ASSERT_VERDICT(taylor::seed_f_model_error(x, h, 2));
    RC_ASSERT_VERDICT(taylor::seed_f_model_error(x, h, 3));
  });
  rc::prop("whose constants 1/3! and 1/4! (x+y)^3 and (x+y)^4 attain for every h >= 0, rejecting M3/12 and M4/5!", [] {
    const Vec<Q> x = draw_vec("x", 2, -20, 21, 8);
    Vec<Q> h(2);
    h << draw_q("hx", 0, 17, 64), draw_q("hy", 1, 17, 64);
    RC_ASSERT_REJECTS(taylor::model_error_attained(2, x, h));
    RC_ASSERT_REJECTS(taylor::model_error_attained(3, x, h));
  });
  rc::prop("but |x|^(5/2) breaks the cubic bound for small h", [] {
    const Q h = Q(1, *rc::gen::inRange(1000, 100000).as("1/h"));
    RC_ASSERT_VERDICT(taylor::non_c3_model_error(h));
  });
}

TEST_CASE("Seed 000's Hessians match exact finite differences", "[hessian_examples]") {
  rc::prop("at random rational points", [] {
    const Vec<Q> x = draw_vec("p", 2, -40, 41, 8);
    RC_ASSERT_VERDICT(taylor::hessian_matches_differences(SeedF<Q>(), x));
    RC_ASSERT_VERDICT(taylor::hessian_matches_differences(SeedG<Q>(), x));
  });
  rc::prop("and the notes' first display of H_g is wrong except at (1, 1)", [] {
    const Vec<Q> x = draw_vec("p", 2, -40, 41, 8);
    RC_PRE(!(x(0) == 1 && x(1) == 1));  // 2x = 2 and 4y + 6x = 4 + 6x only at x = 1, y = 1
    RC_ASSERT_VERDICT(taylor::seed_g_first_display(x));
  });
}

TEST_CASE("Mixed partials of smooth functions agree", "[hessian_symmetric]") {
  rc::prop("for x^2 y^3 and g at random points", [] {
    const Vec<Q> x = draw_vec("p", 2, -40, 41, 8);
    RC_ASSERT_VERDICT(taylor::mixed_partials_agree(SeedF<Q>(), x));
    RC_ASSERT_VERDICT(taylor::mixed_partials_agree(SeedG<Q>(), x));
  });
  CHECK(taylor::mixed_partials_counterexample().pass);
  CHECK(taylor::linear_model_large_radius().pass);
}

TEST_CASE("The linear model on a ball is minimized by the normalized negative gradient", "[linear_model_on_ball]") {
  rc::prop("for gradients with rational norm and any radius", [] {
    const int a = *rc::gen::inRange(1, 12).as("a"), b = *rc::gen::inRange(0, 12).as("b");
    const Q k = draw_nonzero_q("k", -9, 10, 3);
    Vec<Q> g(2);
    g << k * (a * a - b * b), k * 2 * a * b;
    RC_ASSERT_VERDICT(taylor::linear_model_minimizer(g, draw_nonzero_q("r", 1, 50, 8)));
  });
  rc::prop("and the ball's true minimizer approaches it as r -> 0 (mpfr)", [] {
    const descent::ScopedDigits scoped_digits(30);
    const auto lambda = draw_spectrum(2, 1, 50, 10);
    const Mat<Mpfr> A = convert<Mpfr>(with_spectrum<Q>(draw_rotation(2), lambda));
    Vec<Q> x = draw_vec("x", 2, -20, 21, 4);
    RC_PRE(x.squaredNorm() > 0);
    const int k = *rc::gen::inRange(4, 30).as("r = 2^-k");
    RC_ASSERT_VERDICT(taylor::ball_minimizer_direction(A, convert<Mpfr>(x), pow(Mpfr(2), -k)));
  });
}

// ---- lesson 02 ----
TEST_CASE("A GD step on a quadratic expands exactly to second order", "[gd_step_second_order]") {
  rc::prop("L(w - eps g) = L(w) - eps g'g + eps^2 g'Hg / 2, and the notes' sign is refuted", [] {
    const int n = *rc::gen::inRange(1, 5).as("n");
    const auto f = random_quadratic(n);
    const Vec<Q> w = draw_vec("w", n, -20, 21, 4);
    RC_PRE(f.gradient(w).squaredNorm() > 0);
    const Q eps = draw_nonzero_q("eps", 1, 100, 50);
    RC_ASSERT_VERDICT(descent_lemma::step_expansion_exact(f, w, eps, false, Kind::holds));
    // the seed's -½ε²gᵀHεg equals +½ε²gᵀHg only if ε = −1: always refuted for ε > 0 and gᵀHg > 0
    RC_ASSERT_VERDICT(descent_lemma::step_expansion_exact(f, w, eps, true, Kind::refutes));
  });
  rc::prop("but not exactly for the cubic g unless the third-order term vanishes", [] {
    const Vec<Q> w = draw_vec("w", 2, -20, 21, 4);
    const Vec<Q> g = SeedG<Q>().gradient(w);
    RC_PRE(g(0) != 0 && g(1) != 0);  // the cubic term is 3 (eps g_x)(eps g_y)^2 up to sign
    RC_ASSERT_VERDICT(descent_lemma::step_expansion_exact(SeedG<Q>(), w, draw_nonzero_q("eps", 1, 100, 50), false,
                                                          Expect::counterexample("quadratic")));
  });
  rc::prop("with an O(eps^3) remainder on the Lorentzian (mpfr)", [] {
    const Vec<Mpfr> a = convert<Mpfr>(draw_vec("a", 3, 1, 40, 10));
    const Vec<Mpfr> w = convert<Mpfr>(draw_vec("w", 3, -40, 41, 10));
    const Lorentzian<Mpfr> f(a);
    const int k = *rc::gen::inRange(0, 20).as("eps = 2^-k");
    RC_ASSERT_VERDICT(descent_lemma::step_expansion_cubic_error(f, a, w, pow(Mpfr(2), -k)));
  });
}

TEST_CASE("Along the gradient the step decreases L iff eps <= 2g'g/g'Hg", "[gd_step_bound_along_gradient]") {
  rc::prop("tight at eps*, holds below, fails above (SPD quadratics)", [] {
    const int n = *rc::gen::inRange(1, 5).as("n");
    const auto f = random_quadratic(n);
    const Vec<Q> w = draw_vec("w", n, -20, 21, 4);
    RC_PRE(f.gradient(w).squaredNorm() > 0);
    const Q below = draw_q("factor below 1", 1, 100, 100), above = 1 + draw_q("factor above 1", 1, 100, 100);
    RC_ASSERT_VERDICT(descent_lemma::step_bound_along_gradient(f, w, Q(1), Kind::tight));
    RC_ASSERT_VERDICT(descent_lemma::step_bound_along_gradient(f, w, below, Kind::holds));
    RC_ASSERT_VERDICT(descent_lemma::step_bound_along_gradient(f, w, above, Expect::counterexample("step_below")));
  });
  rc::prop("every eps > 0 decreases L along a direction of negative curvature", [] {
    const Mat<Q> R = draw_rotation(2);
    const Quadratic<Q> f(with_spectrum<Q>(R, {draw_q("lambda+", 1, 50, 10), -draw_q("lambda-", 1, 50, 10)}), Vec<Q>::Zero(2), Q(0));
    const Vec<Q> w = draw_nonzero_q("t", -9, 10, 2) * R.col(1);
    RC_ASSERT_VERDICT(descent_lemma::concave_direction_decreases(f, w, draw_nonzero_q("eps", 1, 10000, 10)));
  });
  rc::prop("but not beyond second order: the quartic w^4/4 - w^2/2 catches long steps", [] {
    const Q w = draw_nonzero_q("w", -57, 58, 100);  // |w| < 1/sqrt(3): L''(w) < 0
    RC_PRE(w * w < Q(1, 3));
    RC_ASSERT_VERDICT(descent_lemma::concave_not_enough_beyond_second_order(w, Q(100) / (w * w)));
  });
}

TEST_CASE("The descent lemma holds for beta-smooth functions", "[gd_descent_lemma]") {
  rc::prop("exactly on quadratics for every eta > 0 with beta = lambda_max", [] {
    const int n = *rc::gen::inRange(1, 5).as("n");
    std::vector<Q> lambda;
    const auto f = random_quadratic(n, &lambda);
    const Q beta = max_of(lambda);
    const Q eta = draw_nonzero_q("eta * beta", 1, 400, 100) / beta;
    RC_ASSERT_VERDICT(descent_lemma::descent_lemma_step<Q>(f, draw_vec("x", n, -20, 21, 4), beta, eta, Kind::holds));
  });
  rc::prop("in double and mpfr on the Lorentzian, within 64 eps x scale", [] {
    const Vec<Q> aq = draw_vec("a", 3, 1, 40, 10), xq = draw_vec("x", 3, -40, 41, 10);
    const Q c = draw_nonzero_q("eta * beta", 1, 300, 100);
    const Lorentzian<Mpfr> fm(convert<Mpfr>(aq));
    RC_ASSERT_VERDICT(descent_lemma::descent_lemma_step<Mpfr>(fm, convert<Mpfr>(xq), fm.smoothness(),
                                                              from_rational<Mpfr>(c) / fm.smoothness(), Kind::holds));
    const Lorentzian<double> fd(convert<double>(aq));
    RC_ASSERT_VERDICT(descent_lemma::descent_lemma_step<double>(fd, convert<double>(xq), fd.smoothness(),
                                                                from_rational<double>(c) / fd.smoothness(), Kind::holds));
  });
  rc::prop("is tight along the top eigenvector and fails when beta underestimates it", [] {
    const Mat<Q> R = draw_rotation(2);
    const auto lambda = draw_spectrum(2, 1, 100, 10);
    const Quadratic<Q> f(with_spectrum<Q>(R, lambda), Vec<Q>::Zero(2), Q(0));
    const int top = lambda[0] >= lambda[1] ? 0 : 1;
    const Vec<Q> x = draw_nonzero_q("t", -9, 10, 2) * R.col(top);
    const Q beta = lambda[top], eta = draw_nonzero_q("eta * beta", 1, 199, 100) / beta;
    RC_ASSERT_VERDICT(descent_lemma::descent_lemma_step<Q>(f, x, beta, eta, Kind::tight));
    RC_ASSERT_VERDICT(descent_lemma::descent_lemma_step<Q>(f, x, beta / 2, eta, Expect::counterexample("beta_smooth")));
  });
}

TEST_CASE("The smallest gradient along GD falls like 1/T", "[gd_min_grad_norm_rate]") {
  rc::prop("on random Lorentzians with eta = 1/beta (mpfr)", [] {
    const Vec<Q> aq = draw_vec("a", 2, 1, 40, 10), xq = draw_vec("x0", 2, -40, 41, 10);
    const Lorentzian<Mpfr> f(convert<Mpfr>(aq));
    RC_ASSERT_VERDICT(descent_lemma::min_grad_norm_rate<Mpfr>(f, convert<Mpfr>(xq), f.smoothness(), Mpfr(0),
                                                              1 / f.smoothness(), 25, Kind::holds));
  });
  rc::prop("for every admissible eta in (0, 2/beta) with the general bound (mpfr)", [] {
    const Vec<Q> aq = draw_vec("a", 2, 1, 40, 10), xq = draw_vec("x0", 2, -40, 41, 10);
    const Lorentzian<Mpfr> f(convert<Mpfr>(aq));
    const Mpfr eta = from_rational<Mpfr>(draw_q("eta beta", 1, 200, 100)) / f.smoothness();
    RC_ASSERT_VERDICT(descent_lemma::min_grad_norm_rate<Mpfr>(f, convert<Mpfr>(xq), f.smoothness(), Mpfr(0), eta, 25, Kind::holds));
  });
  rc::prop("reaching ||g||^2 <= delta within 2 beta (f0 - f*) / delta steps", [] {
    const Lorentzian<Mpfr> f(convert<Mpfr>(draw_vec("a", 2, 1, 40, 10)));
    const Q delta = Q(1, *rc::gen::inRange(10, 1000).as("1/delta"));
    RC_ASSERT_VERDICT(descent_lemma::steps_to_gradient_tolerance(f, convert<Mpfr>(draw_vec("x0", 2, -40, 41, 10)),
                                                                  f.smoothness(), delta));
  });
  rc::prop("and on the pseudo-Huber function, far slower than sqrt of that budget (rejected)", [] {
    const Q d = draw_q("delta_H", 1, 11, 20);
    const PseudoHuber<Mpfr> f(1, from_rational<Mpfr>(d));
    const Q x0 = draw_q("x0 / delta_H", 50, 201, 1) * d;
    RC_ASSERT_REJECTS(descent_lemma::steps_to_gradient_tolerance(f, Vec<Mpfr>::Constant(1, from_rational<Mpfr>(x0)),
                                                                  Mpfr(1), Q(9801, 10000) * d * d));
  });
  CHECK(descent_lemma::seed_index_mismatch(Lorentzian<Mpfr>(Vec<Mpfr>::Ones(1)), Vec<Mpfr>::Constant(1, Mpfr(10)), Mpfr(1)).pass);
  rc::prop("and fails with eta > 2/beta on a quadratic (exact)", [] {
    const Q lambda = draw_q("lambda", 1, 50, 5);
    const Quadratic<Q> f(Mat<Q>::Constant(1, 1, lambda), Vec<Q>::Zero(1), Q(0));
    const Q c = 2 + draw_q("eta * beta - 2", 1, 100, 50);
    RC_ASSERT_VERDICT(descent_lemma::min_grad_norm_rate<Q>(f, Vec<Q>::Constant(1, draw_nonzero_q("x0", -9, 10, 1)), lambda,
                                                           Q(0), c / lambda, 10, Expect::counterexample("step_range")));
  });
}

TEST_CASE("The least-squares gradient is 2(Phi Phi' w - Phi y)", "[least_squares_gradient]") {
  rc::prop("against exact central differences; the notes' form is refuted", [] {
    const int d = *rc::gen::inRange(1, 4).as("d"), K = *rc::gen::inRange(1, 5).as("K");
    Mat<Q> Phi(d, K);
    for (int i = 0; i < d; ++i)
      for (int j = 0; j < K; ++j) Phi(i, j) = draw_q("Phi", -20, 21, 4);
    const LeastSquares<Q> f(Phi, draw_vec("y", K, -20, 21, 4));
    const Vec<Q> w = draw_vec("w", d, -20, 21, 4);
    RC_ASSERT_VERDICT(descent_lemma::least_squares_gradient(f, w, false));
    RC_ASSERT_VERDICT(descent_lemma::least_squares_hessian(f, w));
    RC_PRE(f.gradient(w).squaredNorm() > 0);
    RC_ASSERT_VERDICT(descent_lemma::least_squares_gradient(f, w, true));
  });
}

// ---- lesson 03 ----
TEST_CASE("GD on a 1-D quadratic follows the regime its step predicts", "[quadratic_1d_regimes]") {
  rc::prop("for random a > 0, b, w0 != w* and eta in (0, 3 eta_opt]", [] {
    const Q a = draw_q("a", 1, 40, 4), b = draw_q("b", -20, 21, 4);
    const Q w0 = draw_q("w0", -20, 21, 2);
    RC_PRE(w0 != -b / a);
    const Q eta = draw_q("eta / eta_opt", 1, 13, 4) / a;  // includes 1/4 .. 3, hitting 1 and 2 exactly
    const Q t = eta * a;
    RC_ASSERT_VERDICT(step_size::regime(a, b, w0, eta, 12, (t == 1 || t == 2) ? Kind::tight : Kind::holds));
  });
  rc::prop("at eta = eta_opt and 2 eta_opt the boundary regimes are equalities", [] {
    const Q a = draw_q("a", 1, 40, 4), b = draw_q("b", -20, 21, 4), w0 = draw_q("w0", -20, 21, 2);
    RC_PRE(w0 != -b / a);
    RC_ASSERT_VERDICT(step_size::regime(a, b, w0, 1 / a, 12, Kind::tight));
    RC_ASSERT_VERDICT(step_size::regime(a, b, w0, 2 / a, 12, Kind::tight));
  });
  rc::prop("a coordinate at eta = eta_i,opt reaches its minimum in one step, refuting 'oscillate where eta_i,opt <= eta'", [] {
    const Q a1 = draw_q("a1", 1, 40, 4), a2 = draw_q("a2", 1, 40, 4);
    RC_PRE(a2 < 2 * a1);  // eta = 1/a1 < 2/a2: inside the notes' range for coordinate 2 as well
    RC_ASSERT_VERDICT(step_size::seed_oscillation_at_eta_opt(a1, a2, 12));
  });
  rc::prop("and a concave quadratic (a < 0) diverges for every eta", [] {
    const Q a = -draw_q("-a", 1, 40, 4), b = draw_q("b", -20, 21, 4), w0 = draw_q("w0", -20, 21, 2);
    RC_PRE(w0 != -b / a);
    const Q eta = draw_q("eta |a|", 1, 8, 4) / (-a);  // what would be monotone or oscillating for |a|
    RC_ASSERT_VERDICT(step_size::regime(a, b, w0, eta, 12, Expect::counterexample("convex")));
  });
  rc::prop("and R = 1 at 2 eta_opt refutes 'R constant implies convergence'", [] {
    const Q a = draw_q("a", 1, 40, 4), b = draw_q("b", -20, 21, 4), w0 = draw_q("w0", -20, 21, 2);
    RC_PRE(w0 != -b / a);
    RC_ASSERT_VERDICT(step_size::seed_ratio_one_no_convergence(a, b, w0, 12));
  });
}

TEST_CASE("GD on a quadratic is stable iff eta < 2/lambda_max", "[gd_stable_iff_below_2_over_L]") {
  rc::prop("contracts below 2/lambda_max and diverges above from the top eigenvector", [] {
    const int n = *rc::gen::inRange(2, 4).as("n");
    const Mat<Q> R = draw_rotation(n);
    const auto lambda = draw_spectrum(n, 1, 100, 10);
    const Q lmax = max_of(lambda);
    const Q below = draw_q("eta lambda_max", 1, 200, 100) / lmax;
    const Q above = (2 + draw_q("eta lambda_max - 2", 1, 100, 100)) / lmax;
    RC_ASSERT_VERDICT(step_size::stability(R, lambda, draw_vec("x0", n, -20, 21, 4), below, 15, Kind::holds));
    int top = 0;
    for (int i = 0; i < n; ++i)
      if (lambda[i] == lmax) top = i;
    RC_ASSERT_VERDICT(step_size::stability(R, lambda, R.col(top), above, 15, Kind::holds));
  });
  rc::prop("while the notes' rule eta < 2 min 1/a_ii fails on strongly coupled A", [] {
    const Q c = draw_q("coupling", 60, 100, 100);  // A = [[1, c], [c, 1]], lambda_max = 1 + c
    Mat<Q> A(2, 2);
    A << 1, c, c, 1;
    const Q eta = 2 / (1 + c) + draw_q("eta - 2/lambda_max", 1, 20, 100) * (2 - 2 / (1 + c)) / 20;
    RC_ASSERT_VERDICT(step_size::seed_diagonal_step_rule(A, eta, (Vec<Q>(2) << 1, 1).finished(), 40));  // top eigenvector
  });
  rc::prop("and a negative eigenvalue breaks convergence for small eta", [] {
    const Mat<Q> R = draw_rotation(2);
    const std::vector<Q> lambda = {draw_q("lambda+", 1, 50, 10), -draw_q("-lambda-", 1, 50, 10)};
    RC_ASSERT_VERDICT(step_size::stability(R, lambda, R.col(1), draw_q("eta", 1, 100, 1000), 15, Expect::counterexample("spd")));
  });
}

TEST_CASE("Each GD step lowers an L-smooth function when eta < 2/L", "[gd_monotone_decrease_not_guaranteed]") {
  rc::prop("on random Lorentzians (mpfr)", [] {
    const Lorentzian<Mpfr> f(convert<Mpfr>(draw_vec("a", 2, 1, 40, 10)));
    Vec<Q> x0 = draw_vec("x0", 2, -40, 41, 10);
    RC_PRE(x0.squaredNorm() > 0);
    RC_ASSERT_VERDICT(step_size::monotone_on_smooth(f, convert<Mpfr>(x0), draw_q("eta L", 1, 200, 100), 20));
  });
  rc::prop("but not when eta > 2/L", [] {
    RC_ASSERT_VERDICT(step_size::monotone_fails_large_step(draw_q("L", 1, 50, 5), 2 + draw_q("eta L - 2", 1, 100, 50),
                                                           draw_nonzero_q("x0", -9, 10, 1)));
  });
}

TEST_CASE("The convergence-rate ratio of GD on a 1-D quadratic is constant", "[convergence_rate_ratio]") {
  rc::prop("R = (1 - eta a)^2 exactly, and |E_K - E*| = R^K |E_0 - E*|", [] {
    const Q a = draw_q("a", 1, 40, 4), b = draw_q("b", -20, 21, 4), w0 = draw_q("w0", -20, 21, 2);
    RC_PRE(w0 != -b / a);
    RC_ASSERT_VERDICT(step_size::rate_ratio_quadratic(a, b, w0, draw_q("eta a", 1, 8, 4) / a, 10));
  });
  CHECK(step_size::rate_ratio_not_constant(Mpfr(1) / 2, Q(19, 10), 30).pass);
}

// ---- the verdict rule itself ----
TEST_CASE("Interval checks pass only when the enclosures decide", "[framework]") {
  const descent::ScopedDigits scoped_digits(50);
  const Interval third = Interval(1) / 3;       // a narrow enclosure of 1/3, not a point
  const Interval wide(Mpfr(0), Mpfr(1));         // [0, 1]
  // overlapping enclosures decide nothing: neither holds nor a counterexample
  CHECK_FALSE(compare<Interval>("taylor_sin_pi4", "overlap", Kind::holds, third, Relation::le, wide, Interval(0)).pass);
  CHECK_FALSE(compare<Interval>("taylor_sin_pi4", "overlap", Expect::counterexample("M_bounds"), third, Relation::le, wide, Interval(0)).pass);
  CHECK_FALSE(compare<Interval>("taylor_sin_pi4", "same", Kind::holds, third, Relation::eq, third, Interval(0)).pass);
  // disjoint enclosures decide both ways
  CHECK(compare<Interval>("taylor_sin_pi4", "below", Kind::holds, third, Relation::le, Interval(1), Interval(0)).pass);
  CHECK(compare<Interval>("taylor_sin_pi4", "above", Expect::counterexample("M_bounds"), Interval(1), Relation::le, third, Interval(0)).pass);
}

TEST_CASE("Floating checks allow 64 eps x scale and no more", "[framework]") {
  const double eps = std::numeric_limits<double>::epsilon();
  CHECK(compare<double>("gd_descent_lemma", "within", Kind::holds, 1 + 32 * eps, Relation::le, 1.0, 1.0).pass);
  CHECK_FALSE(compare<double>("gd_descent_lemma", "beyond", Kind::holds, 1 + 128 * eps, Relation::le, 1.0, 1.0).pass);
  CHECK(compare<Rational>("gd_descent_lemma", "exact", Kind::holds, Rational(1, 3), Relation::le, Rational(1, 3), Rational(0)).pass);
  CHECK_FALSE(compare<Rational>("gd_descent_lemma", "exact", Kind::holds, Rational(1, 3) + Rational(1, 1000000000), Relation::le, Rational(1, 3), Rational(0)).pass);
}

TEST_CASE("Touching enclosures decide <= but not <", "[framework]") {
  const descent::ScopedDigits scoped_digits(50);
  const Interval a(Mpfr(0), Mpfr(1)), b(Mpfr(1), Mpfr(2));  // sup a == inf b
  CHECK(compare<Interval>("taylor_sin_pi4", "touch", Kind::holds, a, Relation::le, b, Interval(0)).pass);
  CHECK_FALSE(compare<Interval>("taylor_sin_pi4", "touch", Kind::holds, a, Relation::lt, b, Interval(0)).pass);
  CHECK(compare<Interval>("taylor_sin_pi4", "touch", Kind::holds, b, Relation::ge, a, Interval(0)).pass);
  CHECK_FALSE(compare<Interval>("taylor_sin_pi4", "touch", Expect::counterexample("M_bounds"), a, Relation::le, b,
                                Interval(0)).pass);
}

// ---- the contract of each kind (docs/design.md §3) ----
TEST_CASE("The framework rejects a tight check with an inequality", "[framework]") {
  CHECK_THROWS_AS(compare<Rational>("gd_descent_lemma", "tight but <=", Kind::tight, Rational(1), Relation::le, Rational(2),
                                    Rational(0)),
                  ContractError);
  CHECK_THROWS_AS(compare<double>("gd_descent_lemma", "tight but <", Kind::tight, 1.0, Relation::lt, 2.0, 1.0), ContractError);
  CHECK_THROWS_AS(observe("gd_descent_lemma", "tight by description", Kind::tight, "exact", true, "a", "==", "a"),
                  ContractError);
  const Verdict v = compare<Rational>("gd_descent_lemma", "equal", Kind::tight, Rational(1, 3), Relation::eq,
                                      Rational(1, 3), Rational(0));
  CHECK(v.pass);
  CHECK(v.relation == "==");
  CHECK(v.margin == "0");
  // equality is what a tight check asserts: sides that differ fail it, however little
  CHECK_FALSE(compare<Rational>("gd_descent_lemma", "unequal", Kind::tight, Rational(1, 3),
                                Relation::eq, Rational(1, 3) + Rational(1, 1000000000), Rational(0)).pass);
}

TEST_CASE("A refutation carries seed, line, verbatim quote and correction", "[framework]") {
  CHECK_THROWS_AS(compare<Rational>("gd_descent_lemma", "no quote", Kind::refutes, Rational(1), Relation::le, Rational(0),
                                    Rational(0)),
                  ContractError);
  const Erratum no_quote{"000_7fd715b329dd241d.txt", 19, "", "something"};
  CHECK_THROWS_AS(compare<Rational>("gd_descent_lemma", "empty quote", Expect::refutes(no_quote), Rational(1),
                                    Relation::le, Rational(0), Rational(0)),
                  ContractError);
  const Erratum no_line{"000_7fd715b329dd241d.txt", 0, "a long enough quote", "something"};
  CHECK_THROWS_AS(compare<Rational>("gd_descent_lemma", "no line", Expect::refutes(no_line), Rational(1), Relation::le,
                                    Rational(0), Rational(0)),
                  ContractError);
  const Erratum ok{"000_7fd715b329dd241d.txt", 19, "a long enough quote", "something"};
  const Verdict v = compare<Rational>("gd_descent_lemma", "quoted", Expect::refutes(ok), Rational(1), Relation::le,
                                      Rational(0), Rational(0));
  CHECK(v.pass);
  REQUIRE(v.erratum);
  CHECK(v.erratum->line == 19);
}

TEST_CASE("A counterexample names one of the claim's hypotheses", "[framework]") {
  CHECK_THROWS_AS(compare<Rational>("gd_descent_lemma", "no hypothesis", Kind::counterexample, Rational(1), Relation::le,
                                    Rational(0), Rational(0)),
                  ContractError);
  CHECK_THROWS_AS(compare<Rational>("gd_descent_lemma", "unknown hypothesis", Expect::counterexample("convex"),
                                    Rational(1), Relation::le, Rational(0), Rational(0)),
                  ContractError);
  const Verdict v = compare<Rational>("gd_descent_lemma", "beta dropped", Expect::counterexample("beta_smooth"),
                                      Rational(1), Relation::le, Rational(0), Rational(0));
  CHECK(v.pass);
  CHECK(v.dropped.find("\u2207") != std::string::npos);  // plain Unicode: ∇, not \nabla
  CHECK(v.dropped.find('\\') == std::string::npos);
}

TEST_CASE("A limit-form tight check needs the ratio inside [1 - delta, 1]", "[framework]") {
  CHECK(approaches<Rational>("taylor_sin_pi4", "inside", Rational(99, 100), Rational(1, 50)).pass);
  CHECK(approaches<Rational>("taylor_sin_pi4", "at one", Rational(1), Rational(1, 50)).pass);
  CHECK_FALSE(approaches<Rational>("taylor_sin_pi4", "below 1 - delta", Rational(97, 100), Rational(1, 50)).pass);
  CHECK_FALSE(approaches<Rational>("taylor_sin_pi4", "above 1: not a bound", Rational(101, 100), Rational(1, 50)).pass);
  CHECK(approaches<Rational>("taylor_sin_pi4", "x", Rational(99, 100), Rational(1, 50)).relation == "\u2192");
}

TEST_CASE("Values for people: long exact values as marked decimals, intervals as certified bounds", "[framework]") {
  const descent::ScopedDigits scoped_digits(50);
  CHECK(shown<Rational>(Rational(5, 2)) == "5/2");
  CHECK(shown<Rational>(Rational(1, 3) * Rational(1, 1000000000) * Rational(1, 1000000000)) == "3.33333333333e-19\u2026 (exact)");
  // 0.456803743626204230205520397640352878447090916940694549977762662276100488183493210413739049744099432991622407164851229129
  const Rational long_q = parse_scalar<Rational>(
      "456803743626204230205520397640352878447090916940694549977762662276100488183493210413739049744099432991622407164851229129/"
      "1000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
      "test");
  CHECK(shown<Rational>(long_q) == "0.456803743626\u2026 (exact)");
  CHECK(shown<Rational>(parse_scalar<Rational>("123456789/1000000000000000", "test")) == "1.23456789e-7 (exact)");
  const Interval third = Interval(1) / 3;
  CHECK(shown<Interval>(third) == "[0.3333333333333, 0.3333333333334] (certified)");
  CHECK(shown<Interval>(Interval(2)) == "2 (certified)");
  CHECK(shown<Mpfr>(Mpfr(2) / 3) == "0.666666666667");
  CHECK(shown<double>(0.1) == "0.1");
}

TEST_CASE("The TeX of the claim index reads as plain Unicode", "[framework]") {
  CHECK(plain_text(R"(\frac{1}{2\beta}\|\nabla f(x_t)\|_2^2)") == "1/(2β)‖∇f(x\u209c)‖\u2082\u00b2");
  CHECK(plain_text(R"(x^{n+1}\le\eta_{opt})") == "x\u207f\u207a\u00b9 \u2264 \u03b7_opt");
  for (const auto& c : all_claims()) {
    INFO(c.id);
    const std::string text = plain_text(c.statement) + " " + hypotheses_text(c);
    CHECK(text.find('\\') == std::string::npos);
    CHECK(text.find('{') == std::string::npos);
  }
}

// ---- tight witnesses and refutations added with the check contract ----
TEST_CASE("The contraction bound is attained on the eigenvector of the largest |1 - eta lambda_i|",
          "[gd_stable_iff_below_2_over_L]") {
  rc::prop("exact equality for random spectra and eta < 2/lambda_max", [] {
    const int n = *rc::gen::inRange(2, 4).as("n");
    const Mat<Q> R = draw_rotation(n);
    const auto lambda = draw_spectrum(n, 1, 100, 10);
    const Q eta = draw_q("eta lambda_max", 1, 200, 100) / max_of(lambda);
    int arg = 0;
    for (int i = 0; i < n; ++i) {
      const Q r = (1 - eta * lambda[i]) * (1 - eta * lambda[i]);
      if (r > (1 - eta * lambda[arg]) * (1 - eta * lambda[arg])) arg = i;
    }
    RC_ASSERT_VERDICT(step_size::stability(R, lambda, R.col(arg), eta, 15, Kind::tight));
  });
}

TEST_CASE("Each coordinate of a diagonal quadratic follows its own regime", "[gd_stable_iff_below_2_over_L]") {
  rc::prop("for random diagonals and steps", [] {
    const Q a1 = draw_q("a1", 1, 40, 4), a2 = draw_q("a2", 1, 40, 4);
    const Q eta = draw_q("eta", 1, 16, 8);
    RC_ASSERT_VERDICT(step_size::diagonal_directions({a1, a2}, eta, 12));
  });
  rc::prop("and eta = 2 min_i eta_i,opt does not diverge", [] {
    const Q a1 = draw_q("a1", 1, 40, 4), a2 = draw_q("a2", 1, 40, 4);
    RC_ASSERT_VERDICT(step_size::seed_diverge_at_two_min_eta_opt(a1, a2, 12));
  });
}

TEST_CASE("The monotone-decrease bound is attained on 1/2 L x^2", "[gd_monotone_decrease_not_guaranteed]") {
  rc::prop("for random L, c < 2, x0", [] {
    const Q L = draw_q("L", 1, 40, 4), c = draw_q("c", 1, 8, 4), x0 = draw_nonzero_q("x0", -20, 21, 2);
    RC_ASSERT_VERDICT(step_size::monotone_attained(L, c, x0));
  });
}

TEST_CASE("The min-gradient rate is attained at T = 1 on 1/2 beta x^2", "[gd_min_grad_norm_rate][discrimination]") {
  rc::prop("for random beta and x0", [] {
    const Q beta = draw_q("beta", 1, 40, 4), x0 = draw_nonzero_q("x0", -20, 21, 2);
    RC_ASSERT_VERDICT(descent_lemma::min_grad_norm_rate_attained(beta, x0));
  });
  rc::prop("and with beta eta != 1 the factor (2 - beta eta) cannot be dropped (T = 1)", [] {
    const Q beta = draw_q("beta", 1, 40, 4), x0 = draw_nonzero_q("x0", -20, 21, 2);
    const Q c = draw_q("beta eta", 105, 196, 100);  // in (1, 2): the factor < 1
    RC_ASSERT_REJECTS(descent_lemma::min_grad_norm_rate_step_factor(beta, x0, c / beta));
  });
  SECTION("the gradient norm itself is not O(1/T): pseudo-Huber with delta = 1/sqrt T") {
    CHECK(descent_lemma::seed_norm_rate(10000).pass);
    CHECK(descent_lemma::seed_norm_rate(40000).pass);
  }
  SECTION("and without a lower bound no gradient tolerance is reached") {
    CHECK(descent_lemma::seed_stationarity_unbounded(100).pass);
  }
}

TEST_CASE("A concave L decreases along -g for every step, with equality for a linear L",
          "[gd_step_bound_along_gradient]") {
  rc::prop("for random w and eps", [] {
    const Q w = draw_nonzero_q("w", -20, 21, 4), eps = draw_q("eps", 1, 200, 10);
    RC_ASSERT_VERDICT(descent_lemma::concave_everywhere_decreases(w, eps, false));
    RC_ASSERT_VERDICT(descent_lemma::concave_everywhere_decreases(w, eps, true));
  });
  SECTION("and the notes' eps g^T g/2 <= g^T g does not keep L from rising") {
    const Mat<Q> R = cayley_orthogonal<Q>(2, {Q(1, 2)});
    const Quadratic<Q> f(with_spectrum<Q>(R, {Q(4), Q(1)}), Vec<Q>::Zero(2), Q(0));
    CHECK(descent_lemma::seed_lost_H(f, R.col(0), Q(1)).pass);
    CHECK(descent_lemma::seed_lost_H(f, R.col(0), Q(2)).pass);
  }
}

TEST_CASE("The constants of lesson 01 are attained in the limit", "[taylor_sin_pi4]") {
  const descent::ScopedDigits scoped_digits(50);
  for (int n : {0, 1, 2, 3, 5}) CHECK(taylor::sin_remainder_limit(n, 10).pass);
  CHECK(taylor::seed_f_model_error_limit(12).pass);
  CHECK(taylor::flat_function_not_its_series(Q(1, 2)).pass);
  CHECK(taylor::sin_errors_fall(Q(1), 1, Expect::counterexample("h_small")).pass);
  CHECK_FALSE(taylor::sin_errors_fall(Q(1, 2), 10, Expect::counterexample("h_small")).pass);
}

TEST_CASE("The cubic-error bound's constant is 3% loose, as measured", "[gd_step_second_order]") {
  const descent::ScopedDigits scoped_digits(50);
  CHECK(descent_lemma::step_expansion_cubic_gap(12).pass);
  CHECK(descent_lemma::step_expansion_cubic_gap(20).pass);
}
