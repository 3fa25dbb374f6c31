// Unit tests of lib/: parsing, problems, gradient descent, traces, eigenvalues.
// Expected values are written out by hand (or from closed forms), never computed by the
// code under test.
#include <catch2/catch.hpp>

#include "descent/methods.hpp"
#include "descent/optimizers.hpp"
#include "descent/optimizers/momentum.hpp"

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
  set_digits(60);
  const Mpfr tenth = parse_scalar<Mpfr>("0.1", "x");
  // 0.1 as a double differs from 1/10 by about 5.6e-18; at 60 digits the error is < 1e-59.
  CHECK(abs(tenth * 10 - 1) < Mpfr("1e-58"));
  CHECK(abs(Mpfr(0.1) * 10 - 1) > Mpfr("1e-18"));
  set_digits(50);
}

TEST_CASE("Multiprecision values print with the requested significant digits", "[lib][scalar]") {
  set_digits(50);
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
  set_digits(50);
  CHECK(digits() == 50);
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

TEST_CASE("The Lorentzian's smoothness constant is the largest weight", "[lib][problems][gd_descent_lemma]") {
  set_digits(50);
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
  CHECK_THROWS_AS(make_optimizer<Q>("adagrad", {{"eta", "1"}, {"delta", "1"}}), InputError);
  CHECK_THROWS_AS(make_optimizer<Q>("sgd2", {{"eta", "1"}}), InputError);
}

TEST_CASE("Eigen's symmetric eigen-solver works at 100 digits", "[lib][linalg]") {
  set_digits(100);
  Mat<Mpfr> A(2, 2);
  A << 2, 1, 1, 3;
  const auto ev = symmetric_eigenvalues<Mpfr>(A);
  // closed form (5 ± √5)/2, computed without Eigen
  const Mpfr s5 = sqrt(Mpfr(5));
  const Mpfr tol = 64 * std::numeric_limits<Mpfr>::epsilon() * 4;  // 64 ε × scale (|λ| ≤ 4)
  CHECK(abs(ev[0] - (5 - s5) / 2) <= tol);
  CHECK(abs(ev[1] - (5 + s5) / 2) <= tol);
  set_digits(50);
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

TEST_CASE("AdaGrad divides each coordinate by delta + the root of its summed squares", "[lib][optimizers]") {
  // f = ½‖x‖², g = x, eta = 1, delta = 1.
  const Quadratic<double> f(Mat<double>::Identity(2, 2), Vec<double>::Zero(2), 0.0);
  auto ada = make_optimizer<double>("adagrad", {{"eta", "1"}, {"delta", "1"}});
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
  set_digits(50);
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
  set_digits(50);
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
