// Unit tests of lib/: parsing, problems, gradient descent, traces, eigenvalues.
// Expected values are written out by hand (or from closed forms), never computed by the
// code under test.
#include <catch2/catch.hpp>

#include "descent/methods.hpp"
#include "descent/optimizers.hpp"
#include "descent/optimizers/momentum.hpp"
#include "descent/optimizers/sign_based.hpp"
#include "descent/problems/mlp.hpp"

using namespace descent;
using Q = Rational;

TEST_CASE("Decimals and fractions parse to their exact rational value", "[lib][scalar]") {
  CHECK(parse_scalar<Q>("0.1", "x") == Q(1, 10));
  CHECK(parse_scalar<Q>("-2.5e-3", "x") == Q(-1, 400));
  CHECK(parse_scalar<Q>("1/3", "x") == Q(1, 3));
  CHECK(parse_scalar<Q>(" 3E2 ", "x") == Q(300));
  CHECK(parse_scalar<Q>("0.5/3", "x") == Q(1, 6));
  // leading zeros are decimal, not octal
  CHECK(parse_scalar<Q>("0.25", "x") == Q(1, 4));
  CHECK(parse_scalar<Q>("0.08", "x") == Q(2, 25));
  CHECK(parse_scalar<Q>("007", "x") == Q(7));
  CHECK(parse_scalar<Q>("-0.0", "x") == Q(0));
  CHECK(parse_scalar<double>("0.1", "x") == 0.1);
}

TEST_CASE("Malformed numbers are rejected with the field's name", "[lib][scalar]") {
  for (const char* bad : {"", "abc", "1..2", "1e", "1/0", "--1", "0x10", "1/", "nan", "inf"}) {
    INFO(bad);
    CHECK_THROWS_AS(parse_scalar<Q>(bad, "eta"), InputError);
  }
  CHECK_THROWS_WITH(parse_scalar<Q>("abc", "eta"), Catch::Contains("eta"));
  // outside double's range: refused in double, exact in rational arithmetic
  CHECK_THROWS_WITH(parse_scalar<double>("1e400", "eta"), Catch::Contains("range of double"));
  CHECK_THROWS_WITH(parse_scalar<double>("1e-400", "eta"), Catch::Contains("range of double"));
  CHECK(parse_scalar<Q>("1e-400", "eta") > 0);
  CHECK(parse_scalar<double>("0", "eta") == 0);
}

TEST_CASE("Multiprecision parsing does not pass through a double", "[lib][scalar]") {
  const descent::ScopedDigits scoped_digits(60);
  const Mpfr tenth = parse_scalar<Mpfr>("0.1", "x");
  // 0.1 as a double differs from 1/10 by about 5.6e-18; at 60 digits the error is < 1e-59.
  CHECK(abs(tenth * 10 - 1) < Mpfr("1e-58"));
  CHECK(abs(Mpfr(0.1) * 10 - 1) > Mpfr("1e-18"));
}

TEST_CASE("Multiprecision values print with the requested significant digits", "[lib][scalar]") {
  const descent::ScopedDigits scoped_digits(50);
  CHECK(descent::to_string<Mpfr>(Mpfr(1) / 3, 5) == "3.3333e-01");
  CHECK(descent::to_string<double>(0.1, 3) == "0.1");
}

TEST_CASE("Multiprecision and interval arithmetic start at 50 digits", "[lib][scalar]") {
  // before any set_digits() call in this process' test order, and after one
  const Interval third = Interval(1) / 3;
  CHECK(Mpfr(upper(third) - lower(third)) < Mpfr("1e-49"));
  CHECK(abs(Mpfr(1) / 3 - Mpfr("0.333333333333333333333333333333333333333333333333333")) < Mpfr("1e-49"));
  CHECK(digits() == 50);
}

TEST_CASE("Digits outside 16..2000 are refused", "[lib][scalar]") {
  CHECK_THROWS_AS(set_digits(0), InputError);
  CHECK_THROWS_AS(set_digits(15), InputError);
  CHECK_THROWS_AS(set_digits(2001), InputError);
  CHECK_THROWS_AS(descent::ScopedDigits(2001), InputError);
  CHECK(digits() == 50);  // a refused precision changes nothing
  {
    const descent::ScopedDigits at(30);
    CHECK(digits() == 30);
  }
  CHECK(digits() == 50);  // restored
}

TEST_CASE("The quadratic's value and gradient match hand-computed values", "[lib][problems]") {
  Mat<Q> A(2, 2);
  A << 2, 1, 1, 3;
  Vec<Q> b(2), x(2), z(2);
  b << 1, Q(1, 3);
  x << Q(1, 2), 0;
  z << 1, -2;
  const Quadratic<Q> f(A, b, Q(5));
  // ½xᵀAx = ½·(2·¼) = ¼; bᵀx = ½; f = ¼ − ½ + 5 = 19/4. ∇f = Ax − b = (1 − 1, ½ − ⅓) = (0, 1/6).
  CHECK(f.value(x) == Q(19, 4));
  CHECK(f.gradient(x)(0) == 0);
  CHECK(f.gradient(x)(1) == Q(1, 6));
  // z = (1, −2): zᵀAz = 2 − 4 + 12 = 10, bᵀz = 1 − 2/3; f = 5 − 1/3 + 5 = 29/3; ∇f = (0 − 1, −5 − 1/3)
  CHECK(f.value(z) == Q(29, 3));
  CHECK(f.gradient(z)(0) == -1);
  CHECK(f.gradient(z)(1) == Q(-16, 3));
}

TEST_CASE("A non-symmetric or mis-shaped quadratic is refused", "[lib][problems]") {
  Mat<Q> A(2, 2);
  A << 2, 1, 0, 3;
  CHECK_THROWS_WITH(Quadratic<Q>(A, Vec<Q>::Zero(2), Q(0)), Catch::Contains("symmetric"));
  CHECK_THROWS_WITH(Quadratic<Q>(Mat<Q>::Identity(2, 2), Vec<Q>::Zero(3), Q(0)), Catch::Contains("b"));
  CHECK_THROWS_AS(Quadratic<Q>(Mat<Q>::Zero(2, 3), Vec<Q>::Zero(2), Q(0)), InputError);
}

TEST_CASE("The least-squares gradient carries the factor 2", "[lib][problems][least_squares_gradient]") {
  // Φ = [[1, 2]] (d = 1, K = 2), y = (1, 0), w = 1: Φᵀw − y = (0, 2), L = 4,
  // ∇L = 2Φ(Φᵀw − y) = 2·(1·0 + 2·2) = 8, ∇²L = 2ΦΦᵀ = 2·5 = 10.
  Mat<Q> Phi(1, 2);
  Phi << 1, 2;
  const LeastSquares<Q> f(Phi, (Vec<Q>(2) << 1, 0).finished());
  const Vec<Q> w = Vec<Q>::Constant(1, Q(1));
  CHECK(f.value(w) == 4);
  CHECK(f.gradient(w)(0) == 8);
  CHECK(f.hessian(w)(0, 0) == 10);
  CHECK_THROWS_AS(LeastSquares<Q>(Phi, Vec<Q>::Zero(3)), InputError);
}

TEST_CASE("Seed 000's example functions have the hand-derived derivatives", "[lib][problems][hessian_examples]") {
  const Vec<Q> p = (Vec<Q>(2) << 2, 3).finished();  // x = 2, y = 3
  const SeedF<Q> f;                                  // x²y³
  CHECK(f.value(p) == 108);
  CHECK(f.gradient(p)(0) == 108);  // 2xy³
  CHECK(f.gradient(p)(1) == 108);  // 3x²y²
  CHECK(f.hessian(p)(0, 0) == 54);  // 2y³
  CHECK(f.hessian(p)(0, 1) == 108);  // 6xy²
  CHECK(f.hessian(p)(1, 1) == 72);  // 6x²y
  const Vec<Q> p2 = (Vec<Q>(2) << 1, 2).finished();  // x = 1, y = 2
  CHECK(f.gradient(p2)(0) == 16);  // 2xy³
  CHECK(f.gradient(p2)(1) == 12);  // 3x²y²
  CHECK(f.hessian(p2)(1, 0) == 24);  // 6xy²
  const SeedG<Q> g;                  // x² + 2y² + 3xy²
  CHECK(g.gradient(p2)(0) == 14);  // 2x + 3y²
  CHECK(g.gradient(p2)(1) == 20);  // 4y + 6xy
  CHECK(g.value(p) == 4 + 18 + 54);
  CHECK(g.hessian(p)(0, 0) == 2);
  CHECK(g.hessian(p)(0, 1) == 18);
  CHECK(g.hessian(p)(1, 1) == 16);
}

TEST_CASE("The pseudo-Huber gradient and Hessian match central differences at 60 digits", "[lib][problems][gd_min_grad_norm_rate]") {
  const descent::ScopedDigits scoped_digits(60);
  const PseudoHuber<Mpfr> f(2, Mpfr(1) / 10);
  const Mpfr h = pow(Mpfr(10), -20);
  for (const auto& p : {std::pair<int, int>{3, -1}, {-7, 2}, {0, 25}}) {
    const Vec<Mpfr> x = (Vec<Mpfr>(2) << Mpfr(p.first) / 10, Mpfr(p.second) / 10).finished();
    const Vec<Mpfr> g = f.gradient(x);
    const Mat<Mpfr> H = f.hessian(x);
    for (int i = 0; i < 2; ++i) {
      Vec<Mpfr> e = Vec<Mpfr>::Zero(2);
      e(i) = h;
      // central differences: error O(h^2) ~ 1e-40, rounding 1e-60/1e-20 = 1e-40
      const Mpfr dg = (f.value(x + e) - f.value(x - e)) / (2 * h);
      CHECK(abs(Mpfr(g(i) - dg)) < pow(Mpfr(10), -35));
      const Vec<Mpfr> dH = (f.gradient(x + e) - f.gradient(x - e)) / (2 * h);
      for (int j = 0; j < 2; ++j) CHECK(abs(Mpfr(H(j, i) - dH(j))) < pow(Mpfr(10), -35));
    }
  }
  // f'' <= 1 = f''(0), |f'| < delta
  CHECK(f.hessian(Vec<Mpfr>::Zero(2))(0, 0) == 1);
  CHECK(abs(f.gradient((Vec<Mpfr>(2) << 1000, 0).finished())(0)) < Mpfr(1) / 10);
  CHECK_THROWS_AS(PseudoHuber<Mpfr>(1, Mpfr(0)), InputError);
}

TEST_CASE("The Lorentzian's smoothness constant is the largest weight", "[lib][problems][gd_descent_lemma]") {
  const descent::ScopedDigits scoped_digits(50);
  const Lorentzian<Mpfr> f((Vec<Mpfr>(3) << 2, 1, Mpfr(1) / 2).finished());
  CHECK(f.smoothness() == 2);
  // ∇²f(0) = diag(a) attains it; f(1, 0, 0) = log(2), f' = a x/(1 + x²) = 1 at x = 1
  const Vec<Mpfr> zero = Vec<Mpfr>::Zero(3), e1 = (Vec<Mpfr>(3) << 1, 0, 0).finished();
  CHECK(f.hessian(zero)(0, 0) == 2);
  CHECK(f.hessian(zero)(2, 2) == Mpfr(1) / 2);
  CHECK(f.hessian(e1)(0, 0) == 0);  // a(1 − x²)/(1 + x²)² vanishes at x = 1
  CHECK(f.gradient(e1)(0) == 1);
  CHECK(abs(f.value(e1) - log(Mpfr(2))) <= 64 * std::numeric_limits<Mpfr>::epsilon());
  CHECK_THROWS_AS(Lorentzian<Mpfr>((Vec<Mpfr>(2) << 1, 0).finished()), InputError);
}

TEST_CASE("One gradient-descent step is x - eta * grad f(x)", "[lib][optimizers]") {
  Mat<Q> A(2, 2);
  A << 2, 1, 1, 3;
  const Quadratic<Q> f(A, (Vec<Q>(2) << 1, Q(1, 3)).finished(), Q(0));
  GradientDescent<Q> gd(Q(1, 10));
  StopRule<Q> stop;
  stop.max_steps = 2;
  const auto tr = run<Q>(f, gd, (Vec<Q>(2) << 1, 1).finished(), stop);
  REQUIRE(tr.steps() == 2);
  // g0 = (2+1−1, 1+3−1/3) = (2, 11/3); x1 = (1 − 1/5, 1 − 11/30) = (4/5, 19/30)
  CHECK(tr.x[1](0) == Q(4, 5));
  CHECK(tr.x[1](1) == Q(19, 30));
  // g1 = (8/5 + 19/30 − 1, 4/5 + 19/10 − 1/3) = (37/30, 71/30); x2 = x1 − g1/10
  CHECK(tr.x[2](0) == Q(4, 5) - Q(37, 300));
  CHECK(tr.x[2](1) == Q(19, 30) - Q(71, 300));
  CHECK(tr.grad_norm2[0] == 4 + Q(121, 9));
  CHECK(tr.status == Status::max_steps);
}

TEST_CASE("A diverging run stops with status diverged and no non-finite row", "[lib][optimizers]") {
  const Quadratic<double> f(Mat<double>::Constant(1, 1, 4.0), Vec<double>::Zero(1), 0.0);
  GradientDescent<double> gd(1.0);  // factor |1 − 4| = 3 per step
  StopRule<double> stop;
  stop.max_steps = 100000;
  const auto tr = run<double>(f, gd, Vec<double>::Constant(1, 1.0), stop);
  CHECK(tr.status == Status::diverged);
  CHECK(tr.steps() < 1000);
  for (std::size_t k = 0; k < tr.f.size(); ++k) CHECK(std::isfinite(tr.f[k]));
}

TEST_CASE("The runner stops when the squared gradient reaches the tolerance", "[lib][optimizers]") {
  const Quadratic<Q> f(Mat<Q>::Constant(1, 1, Q(1)), Vec<Q>::Zero(1), Q(0));
  GradientDescent<Q> gd(Q(1, 2));  // x_k = 2^-k
  StopRule<Q> stop;
  stop.max_steps = 100;
  stop.grad_norm2_tol = Q(1, 1 << 20);  // x² ≤ 2^-20 ⇔ k ≥ 10
  const auto tr = run<Q>(f, gd, Vec<Q>::Constant(1, Q(1)), stop);
  CHECK(tr.status == Status::converged);
  CHECK(tr.steps() == 10);
}

TEST_CASE("Optimizer parameters out of range are refused", "[lib][optimizers]") {
  CHECK_THROWS_AS(GradientDescent<Q>(Q(0)), InputError);
  CHECK_THROWS_AS(GradientDescent<Q>(Q(-1)), InputError);
  CHECK_THROWS_AS(HeavyBall<Q>(Q(1), Q(1)), InputError);
  CHECK_THROWS_AS(make_optimizer<Q>("adagrad", {{"lr", "1"}, {"eps", "1"}}), InputError);
  CHECK_THROWS_AS(make_optimizer<Q>("sgd2", {{"eta", "1"}}), InputError);
}

TEST_CASE("Eigen's symmetric eigen-solver works at 100 digits", "[lib][linalg]") {
  const descent::ScopedDigits scoped_digits(100);
  Mat<Mpfr> A(2, 2);
  A << 2, 1, 1, 3;
  const auto ev = symmetric_eigenvalues<Mpfr>(A);
  // closed form (5 ± √5)/2, computed without Eigen
  const Mpfr s5 = sqrt(Mpfr(5));
  const Mpfr tol = 64 * std::numeric_limits<Mpfr>::epsilon() * 4;  // 64 ε × scale (|λ| ≤ 4)
  CHECK(abs(ev[0] - (5 - s5) / 2) <= tol);
  CHECK(abs(ev[1] - (5 + s5) / 2) <= tol);
}

TEST_CASE("The Cayley transform of rational data is exactly orthogonal", "[lib][linalg]") {
  const Mat<Q> R = cayley_orthogonal<Q>(3, {Q(1, 2), Q(-2, 3), Q(5)});
  CHECK(R.transpose() * R == Mat<Q>::Identity(3, 3));
  const Mat<Q> A = with_spectrum<Q>(R, {Q(1), Q(2), Q(7)});
  CHECK(A.trace() == 10);
  CHECK(asymmetry<Q>(A) == 0);
  // the columns of R are the eigenvectors: A R e_i = λ_i R e_i
  CHECK(A * R.col(0) == R.col(0));
  CHECK(A * R.col(1) == Q(2) * R.col(1));
  CHECK(A * R.col(2) == Q(7) * R.col(2));
}

TEST_CASE("AdaGrad divides each coordinate by eps + the root of its summed squares", "[lib][optimizers]") {
  // f = ½‖x‖², g = x, lr = 1, eps = 1 (Duchi's form: eps outside the root).
  const Quadratic<double> f(Mat<double>::Identity(2, 2), Vec<double>::Zero(2), 0.0);
  auto ada = make_optimizer<double>("adagrad", {{"lr", "1"}, {"eps", "1"}});
  StopRule<double> stop;
  stop.max_steps = 2;
  const auto tr = run<double>(f, *ada, (Vec<double>(2) << 3.0, 4.0).finished(), stop);
  REQUIRE(tr.steps() == 2);
  const double eps = std::numeric_limits<double>::epsilon();
  // step 1: G = (9, 16), x1 = (3 − 3/(1 + 3), 4 − 4/(1 + 4)) = (2.25, 3.2)
  CHECK(std::abs(tr.x[1](0) - 2.25) <= 4 * eps * 3);
  CHECK(std::abs(tr.x[1](1) - 3.2) <= 4 * eps * 4);
  // step 2: G = (9 + 2.25², 16 + 3.2²) = (14.0625, 26.24), √ = (3.75, 5.122499389946279…)
  // x2 = (2.25 − 2.25/4.75, 3.2 − 3.2/6.122499389946279) = (1.7763157894736843, 2.6773376367738475)
  CHECK(std::abs(tr.x[2](0) - 1.7763157894736843) <= 8 * eps * 3);
  CHECK(std::abs(tr.x[2](1) - 2.6773376367738475) <= 8 * eps * 4);
}

TEST_CASE("Eigen's approximate comparisons follow the working precision", "[lib][linalg]") {
  const descent::ScopedDigits scoped_digits(50);
  Mat<Mpfr> A(2, 2);
  A << 2, 1, 1, 3;
  // dummy_precision is 1000 ε ≈ 1e-47 at 50 digits: a relative change of 1e-48 is within
  // it, one of 1e-20 far outside
  CHECK(A.isApprox(Mat<Mpfr>(A * (1 + pow(Mpfr(10), -48)))));
  CHECK_FALSE(A.isApprox(Mat<Mpfr>(A * (1 + pow(Mpfr(10), -20)))));
}

TEST_CASE("A floating A that is symmetric up to a few roundings of its largest entry is accepted", "[lib][problems]") {
  const double eps = std::numeric_limits<double>::epsilon();
  Mat<double> A(2, 2);
  A << 1e6, 1, 1 + 2e6 * eps, 2;  // |a12 − a21| = 2e6 ε ≤ 8 ε · 1e6
  CHECK_NOTHROW(Quadratic<double>(A, Vec<double>::Zero(2), 0.0));
  A(1, 0) = 1 + 1e-6;  // far beyond 8 ε · 1e6 ≈ 1.8e-9
  CHECK_THROWS_AS(Quadratic<double>(A, Vec<double>::Zero(2), 0.0), InputError);
}

TEST_CASE("solve: exact for rationals, within n eps cond for mpfr with in-place elimination, and singular matrices "
          "rejected", "[lib][linalg]") {
  // A needs a row exchange (a zero leading entry); its exact solution for b = A x* is x*.
  Mat<Q> A(4, 4);
  A << 0, 2, 1, -1, 3, 1, 0, 2, 1, -1, 4, 1, 2, 0, 1, 5;
  const Vec<Q> xs = (Vec<Q>(4) << 1, Q(-2, 3), Q(5, 7), 3).finished();
  const Vec<Q> b = A * xs;
  CHECK(solve<Q>(A, b) == xs);
  const descent::ScopedDigits scoped_digits(50);
  Mat<Mpfr> Am(4, 4);
  Vec<Mpfr> bm(4);
  for (int i = 0; i < 4; ++i) {
    bm(i) = from_rational<Mpfr>(b(i));
    for (int j = 0; j < 4; ++j) Am(i, j) = from_rational<Mpfr>(A(i, j));
  }
  const Vec<Mpfr> x = solve<Mpfr>(Am, bm);
  // the condition number of A is below 100: 4 · 100 · 64 ε bounds the relative error
  for (int i = 0; i < 4; ++i) CHECK(abs(Mpfr(x(i) - from_rational<Mpfr>(xs(i)))) <= 4 * 100 * 64 * epsilon<Mpfr>() * 3);
  Mat<Mpfr> S = Am;
  S.row(3) = S.row(0) + S.row(1);  // singular
  CHECK_THROWS_AS(solve<Mpfr>(S, bm), std::domain_error);
  Mat<Q> Sq = A;
  Sq.row(3) = Sq.row(0) - Sq.row(2);
  CHECK_THROWS_AS(solve<Q>(Sq, b), std::domain_error);
}

TEST_CASE("The heavy-ball forms (notes, seed 003, PyTorch) give the same iterates, and PyTorch's Nesterov iterate is "
          "the notes' look-ahead point x_k + beta (x_k - x_{k-1}), exactly", "[lib][momentum]") {
  const Mat<Q> A = with_spectrum<Q>(cayley_orthogonal<Q>(3, {Q(1, 2), Q(-1, 3), Q(1, 4)}), {Q(1), Q(4), Q(9)});
  const Quadratic<Q> f(A, (Vec<Q>(3) << 1, -2, 3).finished(), Q(1, 2));
  const Vec<Q> x0 = (Vec<Q>(3) << 2, 1, -1).finished();
  const Q eta = Q(1, 10), beta = Q(4, 5);
  StopRule<Q> stop;
  stop.max_steps = 10;
  HeavyBall<Q> hb003(eta, beta);
  Momentum<Q> hb_notes(eta, beta, MomentumForm::notes, false), hb_torch(eta, beta, MomentumForm::pytorch, false);
  const auto t003 = run<Q>(f, hb003, x0, stop), tn = run<Q>(f, hb_notes, x0, stop), tp = run<Q>(f, hb_torch, x0, stop);
  for (std::size_t k = 0; k < t003.x.size(); ++k) {
    CHECK(tn.x[k] == t003.x[k]);
    CHECK(tp.x[k] == t003.x[k]);
  }
  Momentum<Q> nes_notes(eta, beta, MomentumForm::notes, true), nes_torch(eta, beta, MomentumForm::pytorch, true);
  const auto sn = run<Q>(f, nes_notes, x0, stop), sp = run<Q>(f, nes_torch, x0, stop);
  CHECK(sp.x[0] == sn.x[0]);
  for (std::size_t k = 1; k < sn.x.size(); ++k) CHECK(sp.x[k] == Vec<Q>(sn.x[k] + beta * (sn.x[k] - sn.x[k - 1])));
  // and the two Nesterov forms are not the same sequence (the check above can fail)
  CHECK(sp.x[2] != sn.x[2]);
  CHECK_THROWS_AS(Momentum<Q>(eta, Q(1), MomentumForm::notes, true), InputError);
  CHECK_THROWS_AS(Momentum<Q>(Q(0), beta, MomentumForm::pytorch, false), InputError);
}

// ---- lesson 08: schedules, test functions, Huber's L, exact square roots, the factory ----
// (includes here, at file scope, so that the tests above stay as they were)
#include <cmath>
#include <limits>

#include "descent/optimizers/line_search.hpp"
#include "descent/optimizers/schedules.hpp"
#include "descent/problems/test_functions.hpp"

TEST_CASE("The exact schedules' multipliers: constant 1, inverse 1/(k + 1), inverse_square 1/(k + 1)^2",
          "[lib][schedules]") {
  auto constant = Schedule<Q>::constant();
  auto inverse = Schedule<Q>::inverse();
  auto inverse_square = Schedule<Q>::inverse_square();
  const Q expected_inverse[] = {1, Q(1, 2), Q(1, 3), Q(1, 4), Q(1, 5), Q(1, 6)};
  const Q expected_square[] = {1, Q(1, 4), Q(1, 9), Q(1, 16), Q(1, 25), Q(1, 36)};
  for (int k = 0; k < 6; ++k) {
    CHECK(constant.factor(k, Q(0)) == 1);
    CHECK(inverse.factor(k, Q(0)) == expected_inverse[k]);
    CHECK(inverse_square.factor(k, Q(0)) == expected_square[k]);
  }
  CHECK(inverse.name() == "inverse");
  CHECK(Schedule<Q>::silver().kind() == ScheduleKind::silver);
}

TEST_CASE("The irrational schedules in double: inv_sqrt, exponential and silver against hand values", "[lib][schedules]") {
  const double eps = std::numeric_limits<double>::epsilon();
  auto inv_sqrt = Schedule<double>::inv_sqrt();
  CHECK(inv_sqrt.factor(0, 0.0) == 1.0);
  CHECK(inv_sqrt.factor(3, 0.0) == 0.5);  // 1/√4
  // 1/√2 = 0.70710678118654752440…: one correctly rounded sqrt and one division, 2 ε relative
  CHECK(std::abs(inv_sqrt.factor(1, 0.0) - 0.70710678118654752440) <= 2 * eps * 0.71);
  CHECK(std::abs(inv_sqrt.factor(8, 0.0) - 1.0 / 3.0) <= 2 * eps * 0.34);
  auto expo = Schedule<double>::exponential(0.5);
  CHECK(expo.factor(0, 0.0) == 1.0);
  // e^{-1} = 0.36787944117144232160…, e^{-2} = 0.13533528323661269189…: δk is exact, exp within an ulp
  CHECK(std::abs(expo.factor(2, 0.0) - 0.36787944117144232160) <= 2 * eps * 0.37);
  CHECK(std::abs(expo.factor(4, 0.0) - 0.13533528323661269189) <= 2 * eps * 0.14);
  // silver: m_k = h_{k+1}, h_1 … h_8 = √2, 2, √2, 2 + √2, √2, 2, √2, 4 + 2√2 (1 + ρ^{ν(i) − 1}, ρ = 1 + √2)
  const double r2 = 1.41421356237309504880;
  const double h[] = {r2, 2, r2, 2 + r2, r2, 2, r2, 4 + 2 * r2};
  auto silver = Schedule<double>::silver();
  for (int i = 1; i <= 8; ++i) {
    INFO("i = " << i);
    // √2 − 1 and up to ν ≤ 3 products by a rounded ρ: at most 16 roundings relative to h_i
    CHECK(std::abs(silver_step<double>(i) - h[i - 1]) <= 16 * eps * h[i - 1]);
    CHECK(std::abs(silver.factor(i - 1, 0.0) - h[i - 1]) <= 16 * eps * h[i - 1]);
  }
  CHECK(std::abs(silver_step<double>(16) - (8 + 5 * r2)) <= 16 * eps * 16);  // 1 + ρ³ = 8 + 5√2
  CHECK(silver_step<double>(2) == 2.0);  // 1 + ρ⁰, exactly
  CHECK(silver_step<double>(6) == 2.0);
  CHECK_THROWS_AS(silver_step<double>(0), std::invalid_argument);
  CHECK_THROWS_AS(Schedule<double>::exponential(0.0), InputError);
  CHECK_THROWS_AS(Schedule<double>::exponential(-1.0), InputError);
}

TEST_CASE("PyTorch's StepLR, MultiStepLR and ExponentialLR as exact multipliers", "[lib][schedules]") {
  // StepLR(step_size 3, gamma 1/2): 1, 1, 1, 1/2, 1/2, 1/2, 1/4 — a cut at k = 2 or 4 (off by one) fails
  auto step = Schedule<Q>::step(3, Q(1, 2));
  const Q expected_step[] = {1, 1, 1, Q(1, 2), Q(1, 2), Q(1, 2), Q(1, 4), Q(1, 4)};
  for (int k = 0; k < 8; ++k) {
    INFO("k = " << k);
    CHECK(step.factor(k, Q(0)) == expected_step[k]);
  }
  CHECK(step.factor(1, Q(0)) == 1);  // asked out of order: recomputed, not carried over
  CHECK(step.factor(9, Q(0)) == Q(1, 8));
  // MultiStepLR(milestones {5, 2, 5}, gamma 1/3): cut at 2, twice at 5 (a repeated milestone counts twice)
  auto multi = Schedule<Q>::multistep({5, 2, 5}, Q(1, 3));
  const Q expected_multi[] = {1, 1, Q(1, 3), Q(1, 3), Q(1, 3), Q(1, 27), Q(1, 27)};
  for (int k = 0; k < 7; ++k) {
    INFO("k = " << k);
    CHECK(multi.factor(k, Q(0)) == expected_multi[k]);
  }
  // a milestone at 0 cuts the very first step, as torch's constructor's step() does
  auto at_zero = Schedule<Q>::multistep({0}, Q(1, 10));
  CHECK(at_zero.factor(0, Q(0)) == Q(1, 10));
  // ExponentialLR(gamma 2/3): (2/3)^k
  auto geometric = Schedule<Q>::geometric(Q(2, 3));
  CHECK(geometric.factor(0, Q(0)) == 1);
  CHECK(geometric.factor(1, Q(0)) == Q(2, 3));
  CHECK(geometric.factor(4, Q(0)) == Q(16, 81));
  geometric.reset();
  CHECK(geometric.factor(2, Q(0)) == Q(4, 9));
  CHECK(step.name() == "step");
  CHECK(multi.name() == "multistep");
  CHECK(geometric.name() == "exponential");
  CHECK_THROWS_AS(Schedule<Q>::step(0, Q(1, 2)), InputError);
  CHECK_THROWS_AS(Schedule<Q>::step(2, Q(0)), InputError);
  CHECK_THROWS_AS(Schedule<Q>::multistep({3, -1}, Q(1, 2)), InputError);
  CHECK_THROWS_AS(Schedule<Q>::geometric(Q(-1, 2)), InputError);
  CHECK_THROWS_AS(Schedule<Q>::cosine(10, Q(0)), InputError);  // cos: not exact
}

TEST_CASE("PyTorch's CosineAnnealingLR at 50 digits: eta at 0, eta_min at T, back up after T", "[lib][schedules]") {
  const descent::ScopedDigits scoped_digits(50);
  // base η = 2, η_min = 1/2, T = 4: η_k = 1/2 + (3/2)(1 + cos(πk/4))/2, as multipliers of 2:
  // m_0 = 1, m_2 = 5/8, m_4 = 1/4, m_6 = 5/8, m_8 = 1, m_1 = 1/4 + (3/8)(1 + √2/2)
  auto cosine = Schedule<Mpfr>::cosine(4, Mpfr(1) / 2);
  cosine.set_base(Mpfr(2));
  const Mpfr tol = 8 * epsilon<Mpfr>();
  const Mpfr expected[] = {Mpfr(1), Mpfr(1) / 4 + Mpfr(3) / 8 * (1 + sqrt(Mpfr(2)) / 2), Mpfr(5) / 8,
                           Mpfr(1) / 4 + Mpfr(3) / 8 * (1 - sqrt(Mpfr(2)) / 2), Mpfr(1) / 4, Mpfr(0), Mpfr(5) / 8,
                           Mpfr(0), Mpfr(1)};
  for (int k = 0; k <= 8; ++k) {
    if (k == 5 || k == 7) continue;
    INFO("k = " << k);
    CHECK(abs(cosine.factor(k, Mpfr(0)) - expected[k]) <= tol);
  }
  // with η_min = 0 the multiplier at T/2 is exactly 1/2 up to rounding, and 0 at T
  auto plain = Schedule<Mpfr>::cosine(10, Mpfr(0));
  CHECK(abs(plain.factor(5, Mpfr(0)) - Mpfr(1) / 2) <= tol);
  CHECK(abs(plain.factor(10, Mpfr(0))) <= tol);
  CHECK(plain.name() == "cosine");
  CHECK_THROWS_AS(Schedule<Mpfr>::cosine(0, Mpfr(0)), InputError);
  CHECK_THROWS_AS(Schedule<Mpfr>::cosine(3, Mpfr(-1)), InputError);
}

TEST_CASE("The silver steps at 50 digits", "[lib][schedules]") {
  const descent::ScopedDigits scoped_digits(50);
  const Mpfr r2 = sqrt(Mpfr(2)), tol = 16 * epsilon<Mpfr>() * 7;
  CHECK(abs(silver_step<Mpfr>(1) - r2) <= tol);
  CHECK(abs(silver_step<Mpfr>(4) - (2 + r2)) <= tol);
  CHECK(abs(silver_step<Mpfr>(8) - (4 + 2 * r2)) <= tol);
  CHECK(abs(silver_step<Mpfr>(24) - (4 + 2 * r2)) <= tol);  // ν(24) = 3
}

TEST_CASE("The irrational schedules cannot run in exact arithmetic", "[lib][schedules]") {
  CHECK_THROWS_AS(Schedule<Q>::exponential(Q(1, 2)), InputError);
  auto inv_sqrt = Schedule<Q>::inv_sqrt();
  CHECK_THROWS_AS(inv_sqrt.factor(0, Q(0)), InputError);
  auto silver = Schedule<Q>::silver();
  CHECK_THROWS_AS(silver.factor(0, Q(0)), InputError);
}

TEST_CASE("The 2-adic valuation", "[lib][schedules]") {
  CHECK(two_adic_valuation(1) == 0);
  CHECK(two_adic_valuation(2) == 1);
  CHECK(two_adic_valuation(3) == 0);
  CHECK(two_adic_valuation(12) == 2);
  CHECK(two_adic_valuation(96) == 5);
  CHECK(two_adic_valuation(1024) == 10);
  CHECK(two_adic_valuation(3LL << 40) == 40);
  CHECK_THROWS_AS(two_adic_valuation(0), std::invalid_argument);
  CHECK_THROWS_AS(two_adic_valuation(-4), std::invalid_argument);
}

TEST_CASE("The plateau schedule halves the step after more than `patience` steps without improvement",
          "[lib][schedules]") {
  // patience 2, factor 1/2, threshold 0: an improvement is f_k < best.
  auto plateau = Schedule<Q>::plateau(Q(1, 2), 2, Q(0));
  const Q f[] = {10, 9, 9, Q(19, 2), 9, 8, 8, 8, 8, 8, 7, 7};
  // k = 0: best 10; 1: 9 improves; 2, 3, 4: three bad steps, the third is > 2 → 1/2;
  // 5: 8 improves; 6, 7, 8: bad → 1/4 at k = 8; 9: bad (count 1); 10: 7 improves; 11: bad.
  const Q expected[] = {1, 1, 1, 1, Q(1, 2), Q(1, 2), Q(1, 2), Q(1, 2), Q(1, 4), Q(1, 4), Q(1, 4), Q(1, 4)};
  for (int k = 0; k < 12; ++k) {
    INFO("k = " << k);
    CHECK(plateau.factor(k, f[k]) == expected[k]);
  }
  plateau.reset();  // starts over: multiplier 1, best forgotten
  CHECK(plateau.factor(0, Q(100)) == 1);
  CHECK(plateau.factor(1, Q(100)) == 1);
  CHECK(plateau.factor(2, Q(100)) == 1);
  CHECK(plateau.factor(3, Q(100)) == Q(1, 2));
  // threshold 1/10, patience 0: an improvement must beat best − |best|/10
  auto strict = Schedule<Q>::plateau(Q(1, 2), 0, Q(1, 10));
  const Q g[] = {10, Q(19, 2), Q(89, 10), Q(81, 10), 8};  // 9.5 ≥ 9; 8.9 < 9; 8.1 ≥ 8.01; 8 < 8.01
  const Q expected_strict[] = {1, Q(1, 2), Q(1, 2), Q(1, 4), Q(1, 4)};
  for (int k = 0; k < 5; ++k) CHECK(strict.factor(k, g[k]) == expected_strict[k]);
  // with a negative best the threshold is taken on |best|: from −10 an improvement is below −11
  auto negative = Schedule<Q>::plateau(Q(1, 2), 0, Q(1, 10));
  CHECK(negative.factor(0, Q(-10)) == 1);
  CHECK(negative.factor(1, Q(-21, 2)) == Q(1, 2));
  CHECK(negative.factor(2, Q(-23, 2)) == Q(1, 2));
  CHECK_THROWS_AS(Schedule<Q>::plateau(Q(1), 2, Q(0)), InputError);
  CHECK_THROWS_AS(Schedule<Q>::plateau(Q(0), 2, Q(0)), InputError);
  CHECK_THROWS_AS(Schedule<Q>::plateau(Q(1, 2), -1, Q(0)), InputError);
  CHECK_THROWS_AS(Schedule<Q>::plateau(Q(1, 2), 2, Q(-1, 10)), InputError);
}

TEST_CASE("Scheduled gradient descent with eta_k = eta/(k + 1) follows the hand-computed trajectory", "[lib][schedules]") {
  // f = x² − x (A = 2, b = 1), x* = 1/2, η = 1/4: e_{k+1} = e_k (1 − 2η_k) = e_k (1 − 1/(2(k + 1))),
  // e_0 = 1/2: e = 1/2, 1/4, 3/16, 5/32, 35/256.
  const Quadratic<Q> f(Mat<Q>::Constant(1, 1, Q(2)), Vec<Q>::Constant(1, Q(1)), Q(0));
  Scheduled<Q> sgd(std::make_unique<GradientDescent<Q>>(Q(1, 4)), Schedule<Q>::inverse());
  StopRule<Q> stop;
  stop.max_steps = 4;
  const Q expected[] = {1, Q(3, 4), Q(11, 16), Q(21, 32), Q(163, 256)};
  for (int run_no = 0; run_no < 2; ++run_no) {  // the second run starts over from η = 1/4
    const auto tr = run<Q>(f, sgd, Vec<Q>::Constant(1, Q(1)), stop);
    REQUIRE(tr.steps() == 4);
    for (int k = 0; k <= 4; ++k) CHECK(tr.x[static_cast<std::size_t>(k)](0) == expected[k]);
    CHECK(sgd.last_step_size() == Q(1, 16));
  }
  CHECK(sgd.name() == "gd with the inverse schedule");
}

TEST_CASE("Scheduled refuses a method without a step size", "[lib][schedules]") {
  CHECK_THROWS_AS(Scheduled<Q>(std::make_unique<SteepestDescent<Q>>(), Schedule<Q>::inverse()), InputError);
  CHECK_THROWS_AS(Scheduled<Q>(nullptr, Schedule<Q>::inverse()), InputError);
}

TEST_CASE("The Lessard function: gradient and value at the breakpoints, continuity", "[lib][problems]") {
  const Lessard<Q> f(Q(1), Q(25));
  auto x = [](const Q& t) { return Vec<Q>::Constant(1, t); };
  // f' = 25x (x < 1), x + 24 (1 ≤ x < 2), 25x − 24 (x ≥ 2)
  CHECK(f.gradient(x(Q(0)))(0) == 0);
  CHECK(f.gradient(x(Q(-1)))(0) == -25);
  CHECK(f.gradient(x(Q(1)))(0) == 25);
  CHECK(f.gradient(x(Q(3, 2)))(0) == Q(51, 2));
  CHECK(f.gradient(x(Q(2)))(0) == 26);
  CHECK(f.gradient(x(Q(3)))(0) == 51);
  // f = 25x²/2, x²/2 + 24x − 12, 25x²/2 − 24x + 36
  CHECK(f.value(x(Q(0))) == 0);
  CHECK(f.value(x(Q(-1))) == Q(25, 2));
  CHECK(f.value(x(Q(1))) == Q(25, 2));  // = 25·1²/2, the left piece's limit
  CHECK(f.value(x(Q(3, 2))) == Q(201, 8));
  CHECK(f.value(x(Q(2))) == 38);        // = 2 + 48 − 12, the middle piece's limit
  CHECK(f.value(x(Q(3))) == Q(153, 2));
  // continuity of f and f′ across both breakpoints: the jumps over [b − h, b + h] vanish with h,
  // f(1 + h) − f(1 − h) = 50h − 12h², f(2 + h) − f(2 − h) = 52h + 12h² (from the pieces, by hand),
  // f′(b + h) − f′(b − h) = 26h at both
  for (int j = 1; j <= 6; ++j) {
    Q h = 1;
    for (int i = 0; i < j; ++i) h /= 10;
    INFO("h = " << h);
    CHECK(f.value(x(1 + h)) - f.value(x(1 - h)) == 50 * h - 12 * h * h);
    CHECK(f.value(x(2 + h)) - f.value(x(2 - h)) == 52 * h + 12 * h * h);
    CHECK(f.gradient(x(1 + h))(0) - f.gradient(x(1 - h))(0) == 26 * h);
    CHECK(f.gradient(x(2 + h))(0) - f.gradient(x(2 - h))(0) == 26 * h);
  }
  CHECK(f.value(x(Q(999, 1000))) == Q(25, 2) * Q(999, 1000) * Q(999, 1000));
  // the Hessian at a breakpoint is the right piece's
  CHECK(f.hessian(x(Q(1)))(0, 0) == 1);
  CHECK(f.hessian(x(Q(2)))(0, 0) == 25);
  CHECK(f.hessian(x(Q(999, 1000)))(0, 0) == 25);
  CHECK(f.mu() == 1);
  CHECK(f.L() == 25);
  CHECK_THROWS_AS(Lessard<Q>(Q(2), Q(1)), InputError);
  CHECK_THROWS_AS(Lessard<Q>(Q(0), Q(1)), InputError);
}

TEST_CASE("The poor-local-minimum function: gradient and Hessian against the hand formulas", "[lib][problems]") {
  // f = x²/2 − a s²/(s² + (x − c)²): f′ = x + 2a s²(x − c)/q², f″ = 1 + 2a s²(s² − 3(x − c)²)/q³,
  // q = s² + (x − c)² (written with q, not with u = (x − c)/s as the library does)
  auto check_at = [](const Q& a, const Q& c, const Q& s, const Q& t) {
    const PoorLocalMinimum<Q> f(a, c, s);
    const Vec<Q> x = Vec<Q>::Constant(1, t);
    const Q d = t - c, q = s * s + d * d;
    INFO("a = " << a << ", c = " << c << ", s = " << s << ", x = " << t);
    CHECK(f.value(x) == t * t / 2 - a * s * s / q);
    CHECK(f.gradient(x)(0) == t + 2 * a * s * s * d / (q * q));
    CHECK(f.hessian(x)(0, 0) == 1 + 2 * a * s * s * (s * s - 3 * d * d) / (q * q * q));
  };
  for (const Q& t : {Q(-1), Q(0), Q(1, 2), Q(7, 4), Q(19, 10), Q(2), Q(9, 4), Q(3)}) check_at(Q(1), Q(2), Q(1, 4), t);
  for (const Q& t : {Q(-3), Q(-1), Q(1, 3), Q(5)}) check_at(Q(3), Q(-1), Q(1, 2), t);
  // literal values with the defaults a = 1, c = 2, s = 1/4
  const PoorLocalMinimum<Q> f;
  auto x = [](const Q& t) { return Vec<Q>::Constant(1, t); };
  CHECK(f.value(x(Q(2))) == 1);
  CHECK(f.value(x(Q(0))) == Q(-1, 65));
  CHECK(f.gradient(x(Q(0)))(0) == Q(-64, 4225));
  CHECK(f.gradient(x(Q(2)))(0) == 2);
  CHECK(f.gradient(x(Q(9, 4)))(0) == Q(17, 4));
  CHECK(f.gradient(x(Q(7, 4)))(0) == Q(-1, 4));
  CHECK(f.gradient(x(Q(19, 10)))(0) == Q(19, 10) - Q(2000, 841));
  // the dip: f′ < 0 at 19/10, > 0 at 2, and f″ > 0 between (a local minimum near 1.93);
  // the barrier side of it is concave (f″(7/4) = −7)
  CHECK(f.gradient(x(Q(19, 10)))(0) < 0);
  CHECK(f.hessian(x(Q(2)))(0, 0) == 33);
  CHECK(f.hessian(x(Q(19, 10)))(0, 0) > 0);
  CHECK(f.hessian(x(Q(193, 100)))(0, 0) > 0);
  CHECK(f.hessian(x(Q(7, 4)))(0, 0) == -7);
  CHECK_THROWS_AS(PoorLocalMinimum<Q>(Q(0)), InputError);
  CHECK_THROWS_AS(PoorLocalMinimum<Q>(Q(1), Q(2), Q(0)), InputError);
}

TEST_CASE("The noisy quadratic: noise of exactly +-sigma, reproducible after reset_noise, value() draws nothing",
          "[lib][problems]") {
  Mat<Q> A(2, 2);
  A << 2, 1, 1, 3;
  const Vec<Q> b = (Vec<Q>(2) << 1, -1).finished();
  const Q sigma(1, 3);
  const NoisyQuadratic<Q> f(A, b, sigma, 7);
  const Vec<Q> x = (Vec<Q>(2) << Q(1, 2), Q(1, 5)).finished();
  const Vec<Q> exact = (Vec<Q>(2) << Q(1, 5), Q(21, 10)).finished();  // Ax − b = (6/5 − 1, 11/10 + 1)
  CHECK(f.value(x) == Q(11, 100));  // ½·41/50 − 3/10
  std::vector<Vec<Q>> first;
  int plus = 0, minus = 0;
  for (int k = 0; k < 20; ++k) {
    const Vec<Q> noise = f.gradient(x) - exact;
    for (int i = 0; i < 2; ++i) {
      CHECK((noise(i) == sigma || noise(i) == -sigma));
      (noise(i) > 0 ? plus : minus) += 1;
    }
    first.push_back(noise);
  }
  CHECK(plus > 0);  // both signs occur in 40 draws
  CHECK(minus > 0);
  f.reset_noise();
  for (int k = 0; k < 20; ++k) {
    CHECK(f.value(x) == Q(11, 100));  // draws nothing: the sequence is unchanged
    if (k % 2) {
      Vec<Q> g;
      CHECK(f.value_and_gradient(x, g) == Q(11, 100));  // draws like gradient()
      CHECK(Vec<Q>(g - exact) == first[static_cast<std::size_t>(k)]);
    } else {
      CHECK(Vec<Q>(f.gradient(x) - exact) == first[static_cast<std::size_t>(k)]);
    }
  }
  const NoisyQuadratic<Q> quiet(A, b, Q(0), 7);
  CHECK(quiet.gradient(x) == exact);
  CHECK(quiet.hessian(x) == A);
  CHECK(f.sigma() == sigma);
  Mat<Q> B = A;
  B(0, 1) = 0;
  CHECK_THROWS_AS(NoisyQuadratic<Q>(B, b, sigma, 7), InputError);
  CHECK_THROWS_AS(NoisyQuadratic<Q>(A, Vec<Q>::Zero(3), sigma, 7), InputError);
  CHECK_THROWS_AS(NoisyQuadratic<Q>(A, b, Q(-1), 7), InputError);
}

TEST_CASE("Huber with L: value, gradient and Hessian scale by L", "[lib][problems]") {
  const Huber<Q> h1(2, Q(1)), h3(2, Q(1), Q(3));
  const Vec<Q> x = (Vec<Q>(2) << Q(1, 2), -3).finished();
  // h_1(1/2) = 1/8, h_1(−3) = 3 − 1/2: f = 21/8 for L = 1, 63/8 for L = 3
  CHECK(h1.value(x) == Q(21, 8));
  CHECK(h3.value(x) == Q(63, 8));
  CHECK(h3.gradient(x)(0) == Q(3, 2));
  CHECK(h3.gradient(x)(1) == -3);
  CHECK(h1.gradient(x)(1) == -1);
  CHECK(h3.hessian(x)(0, 0) == 3);
  CHECK(h3.hessian(x)(1, 1) == 0);
  // at |t| = δ: the quadratic piece, f = L/2 per coordinate, f′ = ±L, f″ = L
  const Vec<Q> edge = (Vec<Q>(2) << 1, -1).finished();
  CHECK(h3.value(edge) == 3);
  CHECK(h3.gradient(edge)(0) == 3);
  CHECK(h3.gradient(edge)(1) == -3);
  CHECK(h3.hessian(edge)(1, 1) == 3);
  CHECK(h3.L() == 3);
  CHECK(h1.L() == 1);
  CHECK(h3.delta() == 1);
  CHECK_THROWS_AS(Huber<Q>(2, Q(1), Q(0)), InputError);
  CHECK_THROWS_AS(Huber<Q>(2, Q(1), Q(-1)), InputError);
  CHECK_THROWS_AS(Huber<Q>(2, Q(0)), InputError);
  CHECK_THROWS_AS(Huber<Q>(0, Q(1)), InputError);
}

TEST_CASE("exact_sqrt: rational squares only", "[lib][scalar]") {
  CHECK(exact_sqrt(Q(0)) == Q(0));
  CHECK(exact_sqrt(Q(1)) == Q(1));
  CHECK(exact_sqrt(Q(4)) == Q(2));
  CHECK(exact_sqrt(Q(9, 4)) == Q(3, 2));
  CHECK(exact_sqrt(Q(18, 8)) == Q(3, 2));  // 18/8 = 9/4 in lowest terms
  CHECK(exact_sqrt(Q(1, 10000)) == Q(1, 100));
  const Q big = parse_scalar<Q>("100000000000000000001", "x");  // 10^20 + 1
  CHECK(exact_sqrt(Q(big * big)) == big);
  CHECK_FALSE(exact_sqrt(Q(2)).has_value());
  CHECK_FALSE(exact_sqrt(Q(8, 9)).has_value());  // denominator a square, numerator not
  CHECK_FALSE(exact_sqrt(Q(4, 3)).has_value());  // numerator a square, denominator not
  CHECK_FALSE(exact_sqrt(Q(Q(big * big) + 1)).has_value());
  CHECK_FALSE(exact_sqrt(Q(-4)).has_value());
  CHECK_FALSE(exact_sqrt(Q(-1, 4)).has_value());
}

TEST_CASE("make_optimizer: Nesterov's scheme from --L and --mu, schedules from --schedule, and their errors",
          "[lib][optimizers][momentum]") {
  // --L 4 --mu 1: η = 1/4, β = (2 − 1)/(2 + 1) = 1/3. On x²/2 from 1: x_1 = 3/4, v_1 = −1/4,
  // y = 3/4 − 1/12 = 2/3, x_2 = y − y/4 = 1/2.
  auto nesterov = make_optimizer<Q>("nesterov", {{"L", "4"}, {"mu", "1"}});
  REQUIRE(nesterov);
  CHECK(nesterov->name() == "nesterov");
  const Quadratic<Q> f(Mat<Q>::Identity(1, 1), Vec<Q>::Zero(1), Q(0));
  StopRule<Q> stop;
  stop.max_steps = 2;
  const auto tr = run<Q>(f, *nesterov, Vec<Q>::Constant(1, Q(1)), stop);
  REQUIRE(tr.steps() == 2);
  CHECK(tr.x[1](0) == Q(3, 4));
  CHECK(tr.x[2](0) == Q(1, 2));
  CHECK(make_optimizer<double>("nesterov", {{"L", "4"}}));             // μ = 0: the t_k scheme
  CHECK(make_optimizer<double>("nesterov", {{"L", "2"}, {"mu", "1"}}));  // √2 in double
  CHECK_THROWS_AS(make_optimizer<Q>("nesterov", {{"L", "2"}, {"mu", "1"}}), InputError);  // √2 not rational
  CHECK_THROWS_AS(make_optimizer<Q>("nesterov", {{"L", "4"}}), InputError);               // t_k needs √
  CHECK_THROWS_AS(make_optimizer<Q>("nesterov", {{"mu", "1"}}), InputError);
  CHECK_THROWS_AS(make_optimizer<Q>("nesterov", {{"mu", "1"}, {"eta", "1/10"}, {"beta", "1/2"}}), InputError);
  CHECK_THROWS_AS(make_optimizer<Q>("nesterov", {{"L", "4"}, {"eta", "1/10"}}), InputError);
  CHECK_THROWS_AS(make_optimizer<Q>("nesterov", {{"L", "4"}, {"beta", "1/2"}}), InputError);
  CHECK_THROWS_AS(make_optimizer<Q>("nesterov", {{"L", "4"}, {"mu", "4"}}), InputError);  // μ < L
  CHECK_THROWS_AS(make_optimizer<Q>("heavy_ball", {{"eta", "1/10"}, {"beta", "1/2"}, {"L", "4"}}), InputError);
  // schedules
  auto scheduled = make_optimizer<Q>("gd", {{"eta", "1/4"}, {"schedule", "inverse"}});
  CHECK(scheduled->name() == "gd with the inverse schedule");
  CHECK(make_optimizer<double>("gd", {{"eta", "1/4"}, {"schedule", "exponential"}, {"decay", "1/2"}}));
  CHECK(make_optimizer<Q>("heavy_ball", {{"eta", "1/4"}, {"beta", "1/2"}, {"schedule", "plateau"}, {"patience", "3"}}));
  CHECK_THROWS_AS(make_optimizer<Q>("gd", {{"eta", "1/4"}, {"decay", "1/2"}}), InputError);
  CHECK_THROWS_AS(make_optimizer<Q>("gd", {{"eta", "1/4"}, {"patience", "3"}}), InputError);
  CHECK_THROWS_AS(make_optimizer<Q>("gd", {{"eta", "1/4"}, {"schedule", "inverse"}, {"decay", "1/2"}}), InputError);
  CHECK_THROWS_AS(make_optimizer<Q>("steepest", {{"schedule", "inverse"}}), InputError);
  CHECK_THROWS_AS(make_optimizer<Q>("gd", {{"eta", "1/4"}, {"schedule", "exponential"}, {"decay", "1/2"}}), InputError);
  CHECK_THROWS_AS(make_optimizer<Q>("gd", {{"eta", "1/4"}, {"schedule", "silver"}}), InputError);
  CHECK_THROWS_AS(make_optimizer<Q>("gd", {{"eta", "1/4"}, {"schedule", "inv_sqrt"}}), InputError);
  CHECK_THROWS_AS(make_optimizer<Q>("gd", {{"eta", "1/4"}, {"schedule", "weekly"}}), InputError);
}

TEST_CASE("Momentum::accelerated: step 1/L, beta = (sqrt(kappa) - 1)/(sqrt(kappa) + 1), exact only for square kappa",
          "[lib][momentum]") {
  auto m = Momentum<Q>::accelerated(Q(9, 4), Q(1));  // √κ = 3/2: β = (1/2)/(5/2) = 1/5
  CHECK(m.beta() == Q(1, 5));
  CHECK(*m.step_size() == Q(4, 9));
  auto m2 = Momentum<Q>::accelerated(Q(8), Q(2));  // κ = 4: β = 1/3, η = 1/8
  CHECK(m2.beta() == Q(1, 3));
  CHECK(*m2.step_size() == Q(1, 8));
  CHECK_THROWS_AS(Momentum<Q>::accelerated(Q(2), Q(1)), InputError);
  CHECK_THROWS_AS(Momentum<Q>::accelerated(Q(10), Q(4)), InputError);  // κ = 5/2
  CHECK_THROWS_AS(Momentum<Q>::accelerated(Q(4), Q(0)), InputError);   // the t_k scheme takes √
  CHECK_THROWS_AS(Momentum<Q>::accelerated(Q(1), Q(1)), InputError);   // μ < L
  CHECK_THROWS_AS(Momentum<Q>::accelerated(Q(0), Q(0)), InputError);
  CHECK_THROWS_AS(Momentum<double>::accelerated(1.0, -0.5), InputError);
  const double eps = std::numeric_limits<double>::epsilon();
  auto d = Momentum<double>::accelerated(2.0, 1.0);  // β = (√2 − 1)/(√2 + 1) = 3 − 2√2
  CHECK(std::abs(d.beta() - (3 - 2 * 1.41421356237309504880)) <= 8 * eps);
}

TEST_CASE("Ranges are tried at both ends and just outside them", "[lib][ranges]") {
  // Rprop: 0 < delta0, delta_min <= delta0 <= delta_max
  auto rprop = [](const Q& delta0, const Q& delta_min, const Q& delta_max) {
    RpropOptions<Q> o;
    o.delta0 = delta0;
    o.delta_min = delta_min;
    o.delta_max = delta_max;
    return Rprop<Q>(RpropVariant::irprop_minus, o);
  };
  CHECK_THROWS_AS(rprop(Q(0), Q(0), Q(1)), InputError);          // delta0 = 0: the lower end is open
  CHECK_NOTHROW(rprop(Q(1, 1000000), Q(1, 1000000), Q(1)));      // delta0 = delta_min
  CHECK_THROWS_AS(rprop(Q(999999, 1000000000000), Q(1, 1000000), Q(1)), InputError);  // just below delta_min
  CHECK_NOTHROW(rprop(Q(1), Q(0), Q(1)));                         // delta0 = delta_max
  CHECK_THROWS_AS(rprop(Q(1000001, 1000000), Q(0), Q(1)), InputError);  // just above delta_max
  // the data generators: K in 2..10^6 (two-class), 1..10^6 (regression)
  CHECK(two_class_data(1, 1'000'000, 0.5).X.rows() == 1'000'000);
  CHECK_THROWS_AS(two_class_data(1, 1'000'001, 0.5), InputError);
  CHECK(two_class_data(1, 2, 0.5).X.rows() == 2);
  CHECK_THROWS_AS(two_class_data(1, 1, 0.5), InputError);
  CHECK(regression_data(1, 1'000'000, 2, 0.1).X.rows() == 1'000'000);
  CHECK_THROWS_AS(regression_data(1, 1'000'001, 2, 0.1), InputError);
  CHECK(regression_data(1, 1, 2, 0.1).X.rows() == 1);
  CHECK_THROWS_AS(regression_data(1, 0, 2, 0.1), InputError);
}

#include "descent/optimizers/quasi_newton.hpp"

TEST_CASE("torch.optim.LBFGS's first two iterations on a diagonal quadratic, exactly", "[lib][optimizers][lbfgs]") {
  // f = ½(x² + 4y²), x0 = (1, 1), g0 = (1, 4), lr = 1. Worked by hand (and with Python's
  // fractions, outside the library):
  //   iteration 1: d = −g0, t = min(1, 1/‖g0‖₁) = 1/5, x1 = (4/5, 1/5);
  //   iteration 2: s = (−1/5, −4/5), y = (−1/5, −16/5), yᵀs = 13/5, H_diag = yᵀs/yᵀy = 65/257,
  //   α = 4/13, q = (−48/65, 12/65), r = H_diag q, β = −144/3341, d = r + (α − β)s, t = 1:
  //   x2 = (9072/16705, −567/16705).
  Mat<Q> A(2, 2);
  A << 1, 0, 0, 4;
  const Quadratic<Q> f(A, Vec<Q>::Zero(2), Q(0));
  Vec<Q> x0(2), x1(2), x2(2);
  x0 << 1, 1;
  x1 << Q(4, 5), Q(1, 5);
  x2 << Q(9072, 16705), Q(-567, 16705);
  TorchLBFGSOptions<Q> o;
  o.max_iter = 1;  // one iteration per optimizer step
  TorchLBFGS<Q> one(o);
  one.reset(2);
  const Vec<Q> a1 = one.step(f, x0, f.gradient(x0));
  CHECK(a1 == x1);
  const Vec<Q> a2 = one.step(f, a1, f.gradient(a1));
  CHECK(a2 == x2);
  // the same two iterations inside one optimizer step (max_iter 2): the state carries the same way
  o.max_iter = 2;
  TorchLBFGS<Q> two(o);
  two.reset(2);
  CHECK(two.step(f, x0, f.gradient(x0)) == x2);
  CHECK(two.last_evaluations() == 1);  // torch evaluates after every iteration but the last
  // lr = 1/2 halves both steps: x1 = (9/10, 3/5) ≠ the above (the first step is min(1, 1/‖g‖₁)·lr)
  o.max_iter = 1;
  o.lr = Q(1, 2);
  TorchLBFGS<Q> half(o);
  half.reset(2);
  Vec<Q> h1(2);
  h1 << Q(9, 10), Q(3, 5);
  CHECK(half.step(f, x0, f.gradient(x0)) == h1);
  // nothing is done where max |g_i| ≤ tolerance_grad
  o.tolerance_grad = 4;
  TorchLBFGS<Q> done(o);
  done.reset(2);
  CHECK(done.step(f, x0, f.gradient(x0)) == x0);
  o.tolerance_grad = Q(39, 10);  // just below max |g0| = 4: it moves
  TorchLBFGS<Q> moves(o);
  moves.reset(2);
  CHECK(moves.step(f, x0, f.gradient(x0)) != x0);
  o.strong_wolfe = true;
  CHECK_THROWS_AS(TorchLBFGS<Q>(o), InputError);  // the line search takes square roots
  o.strong_wolfe = false;
  o.history_size = 0;
  CHECK_THROWS_AS(TorchLBFGS<Q>(o), InputError);
}
