// Automatic differentiation (lib/descent/autodiff): both modes against the library's
// hand-written gradients and Hessians — exactly in rational arithmetic (quadratic, least
// squares, Rosenbrock), within the course's tolerance at 50 digits (exp, log, sqrt, sigmoid,
// tanh), and the two modes against each other.
#include <catch2/catch.hpp>

#include <stdexcept>
#include <vector>

#include "descent/autodiff/gradient.hpp"
#include "descent/problems.hpp"
#include "descent/autodiff/twin.hpp"
#include "descent/problems/logistic.hpp"
#include "descent/problems/mlp.hpp"
#include "descent/problems/test_functions.hpp"

using namespace descent;
using Q = Rational;

namespace {
Vec<Q> qvec(std::initializer_list<Q> xs) {
  Vec<Q> v(static_cast<int>(xs.size()));
  int i = 0;
  for (const auto& x : xs) v(i++) = x;
  return v;
}
// Rosenbrock written once, generically: Σ 100(x_{i+1} − x_i²)² + (1 − x_i)².
const auto rosenbrock = [](const auto& x) {
  auto f = (x[0] - x[0]) * 0;  // a zero of the right type
  for (std::size_t i = 0; i + 1 < x.size(); ++i) {
    const auto a = x[i + 1] - x[i] * x[i];
    const auto b = 1 - x[i];
    f = f + 100 * a * a + b * b;
  }
  return f;
};
}  // namespace

TEST_CASE("autodiff: a quadratic, exact", "[lib][autodiff]") {
  Mat<Q> A(3, 3);
  A << Q(4), Q(1, 2), Q(0), Q(1, 2), Q(3), Q(-1), Q(0), Q(-1), Q(5, 2);
  const Vec<Q> b = qvec({Q(1, 10), Q(-2), Q(1, 7)}), x = qvec({Q(1), Q(1, 10), Q(-3, 10)}), v = qvec({Q(2), Q(-1), Q(1, 3)});
  const Quadratic<Q> f(A, b, Q(3, 4));
  const auto fq = [&](const auto& z) {  // ½ zᵀAz − bᵀz + c
    auto s = (z[0] - z[0]) * 0;
    for (int i = 0; i < 3; ++i) {
      for (int j = 0; j < 3; ++j) s = s + z[static_cast<std::size_t>(i)] * z[static_cast<std::size_t>(j)] * (A(i, j) / 2);
      s = s - z[static_cast<std::size_t>(i)] * b(i);
    }
    return s + Q(3, 4);
  };
  const auto [fx, g] = autodiff::gradient<Q>(fq, x);
  CHECK(fx == f.value(x));
  CHECK(g == f.gradient(x));
  CHECK(autodiff::directional<Q>(fq, x, v) == f.gradient(x).dot(v));
  CHECK(autodiff::hessian<Q>(fq, x) == A);
}

TEST_CASE("autodiff: Rosenbrock, exact", "[lib][autodiff]") {
  const Rosenbrock<Q> f(4);
  const Vec<Q> x = qvec({Q(-6, 5), Q(1), Q(1, 3), Q(7, 4)});
  const auto [fx, g] = autodiff::gradient<Q>(rosenbrock, x);
  CHECK(fx == f.value(x));
  CHECK(g == f.gradient(x));
  CHECK(autodiff::hessian<Q>(rosenbrock, x) == f.hessian(x));
  for (int i = 0; i < 4; ++i) CHECK(autodiff::directional<Q>(rosenbrock, x, Vec<Q>::Unit(4, i)) == g(i));
}

TEST_CASE("autodiff: least squares, exact", "[lib][autodiff]") {
  Mat<Q> Phi(2, 3);  // d = 2 parameters, K = 3 examples as columns
  Phi << Q(1), Q(2), Q(-1, 2), Q(0), Q(3, 2), Q(1);
  const Vec<Q> y = qvec({Q(1), Q(-1), Q(2)}), w = qvec({Q(1, 3), Q(-2)});
  const LeastSquares<Q> f(Phi, y);
  const auto fl = [&](const auto& z) {  // ‖Φᵀz − y‖²
    auto s = (z[0] - z[0]) * 0;
    for (int k = 0; k < 3; ++k) {
      auto r = (z[0] - z[0]) - y(k);
      for (int i = 0; i < 2; ++i) r = r + z[static_cast<std::size_t>(i)] * Phi(i, k);
      s = s + r * r;
    }
    return s;
  };
  const auto [fx, g] = autodiff::gradient<Q>(fl, w);
  CHECK(fx == f.value(w));
  CHECK(g == f.gradient(w));
  CHECK(autodiff::hessian<Q>(fl, w) == f.hessian(w));
}

TEST_CASE("autodiff: transcendental functions at 50 digits", "[lib][autodiff]") {
  const descent::ScopedDigits scoped_digits(50);
  using M = Mpfr;
  const ExpQuadratic1D<M> e;
  const Vec<M> x = Vec<M>::Constant(1, M(M(3) / 7));
  const auto fe = [](const auto& z) { return exp(z[0]) + z[0] * z[0] / 2 - 2 * z[0]; };
  const M tol = M(64) * pow(M(10), -49);
  const auto [fx, g] = autodiff::gradient<M>(fe, x);
  CHECK(abs(M(fx - e.value(x))) <= tol * 2);
  CHECK(abs(M(g(0) - e.gradient(x)(0))) <= tol * 4);
  CHECK(abs(M(autodiff::hessian<M>(fe, x)(0, 0) - e.hessian(x)(0, 0))) <= tol * 4);
  // sigmoid, tanh, log, sqrt: both modes against the closed-form derivatives
  const auto h = [](const auto& z) { return sigmoid(z[0]) * tanh(z[1]) + log(z[0]) * sqrt(z[1]); };
  Vec<M> p(2);
  p << M(M(3) / 4), M(M(5) / 2);
  const M s = 1 / (1 + exp(M(-p(0)))), t = tanh(p(1));
  const M d0 = s * (1 - s) * t + sqrt(p(1)) / p(0), d1 = s * (1 - t * t) + log(p(0)) / (2 * sqrt(p(1)));
  const auto [hx, hg] = autodiff::gradient<M>(h, p);
  CHECK(abs(M(hg(0) - d0)) <= tol * 4);
  CHECK(abs(M(hg(1) - d1)) <= tol * 4);
  CHECK(abs(M(autodiff::directional<M>(h, p, Vec<M>::Unit(2, 0)) - d0)) <= tol * 4);
  const Mat<M> H = autodiff::hessian<M>(h, p);  // the mixed entry: s(1 − s)(1 − t²) + 1/(2 p0 √p1)
  CHECK(abs(M(H(0, 1) - (s * (1 - s) * (1 - t * t) + 1 / (2 * p(0) * sqrt(p(1)))))) <= tol * 8);
}

TEST_CASE("autodiff: ReLU and domain errors", "[lib][autodiff]") {
  const auto r = [](const auto& z) { return relu(z[0]) * 3; };
  CHECK(autodiff::gradient<Q>(r, qvec({Q(0)})).second(0) == 0);  // relu'(0) = 0, as PyTorch
  CHECK(autodiff::gradient<Q>(r, qvec({Q(1, 2)})).second(0) == 3);
  CHECK(autodiff::directional<Q>(r, qvec({Q(-1)}), qvec({Q(1)})) == 0);
  const auto inv = [](const auto& z) { return 1 / z[0]; };
  CHECK_THROWS_AS(autodiff::gradient<Q>(inv, qvec({Q(0)})), std::domain_error);
  CHECK_THROWS_AS(autodiff::directional<Q>(inv, qvec({Q(0)}), qvec({Q(1)})), std::domain_error);
  CHECK(autodiff::gradient<Q>(inv, qvec({Q(2)})).second(0) == Q(-1, 4));
}

TEST_CASE("autodiff: a reverse pass records one node per operation", "[lib][autodiff]") {
  std::size_t nodes = 0;
  const auto f = [](const auto& z) { return z[0] * z[1] + z[1]; };  // 2 inputs, ×, +
  autodiff::gradient<Q>(f, qvec({Q(1), Q(2)}), &nodes);
  CHECK(nodes == 4);
}

// ---- the AD twins of every library problem (autodiff/twin.hpp) ----

namespace {
// A deterministic rational in [-3, 3] on the grid of 1/8, from a running counter (no RNG needed).
Rational grid_value(int& k) {
  k = (k * 37 + 11) % 49;
  return Rational(k - 24, 8);
}
template <class S>
S max_entry_diff(const Mat<S>& a, const Mat<S>& b) {
  S m = 0;
  for (int i = 0; i < a.rows(); ++i)
    for (int j = 0; j < a.cols(); ++j) {
      const S d = a(i, j) < b(i, j) ? S(b(i, j) - a(i, j)) : S(a(i, j) - b(i, j));
      if (d > m) m = d;
    }
  return m;
}
}  // namespace

TEST_CASE("autodiff: every rational problem's gradient and Hessian equal its AD twin at 20 points", "[lib][autodiff]") {
  int k = 5;
  for (int trial = 0; trial < 20; ++trial) {
    Mat<Rational> A(2, 2), Phi(2, 3);
    A << grid_value(k) + 4, grid_value(k), 0, grid_value(k) + 5;
    A(1, 0) = A(0, 1);
    Phi << grid_value(k), grid_value(k), grid_value(k), 1, 1, 1;
    Vec<Rational> b(2), y(3);
    b << grid_value(k), grid_value(k);
    y << grid_value(k), grid_value(k), grid_value(k);
    MlpShape shape;
    shape.sizes = {2, 2, 1};
    shape.hidden = Activation::square;
    Mat<Rational> X(2, 2), D(2, 1);
    X << grid_value(k), grid_value(k), grid_value(k), grid_value(k);
    D << grid_value(k), grid_value(k);
    std::vector<std::unique_ptr<Problem<Rational>>> ps;
    ps.push_back(std::make_unique<Quadratic<Rational>>(A, b, grid_value(k)));
    ps.push_back(std::make_unique<LeastSquares<Rational>>(Phi, y));
    ps.push_back(std::make_unique<SeedF<Rational>>());
    ps.push_back(std::make_unique<SeedG<Rational>>());
    ps.push_back(std::make_unique<Huber<Rational>>(3, Rational(1, 2), Rational(3, 2)));
    ps.push_back(std::make_unique<Rosenbrock<Rational>>(3));
    ps.push_back(std::make_unique<Lessard<Rational>>(Rational(1), Rational(25)));
    ps.push_back(std::make_unique<PoorLocalMinimum<Rational>>());
    ps.push_back(std::make_unique<Mlp<Rational>>(shape, X, D));
    for (const auto& p : ps) {
      Vec<Rational> x(p->dimension());
      for (int i = 0; i < x.size(); ++i) x(i) = grid_value(k);
      const auto twin = autodiff::ad_twin<Rational>(*p);
      INFO(p->name() << " at trial " << trial);
      CHECK(max_entry_diff<Rational>(Mat<Rational>(p->gradient(x)), Mat<Rational>(twin->gradient(x))) == 0);
      CHECK(max_entry_diff<Rational>(Mat<Rational>(twin->forward_gradient(x)), Mat<Rational>(twin->gradient(x))) == 0);
      CHECK(max_entry_diff<Rational>(p->hessian(x), twin->hessian(x)) == 0);
      CHECK(p->value(x) == twin->value(x));
    }
  }
}

TEST_CASE("autodiff: the problems with exp and log equal their AD twins at 50 digits", "[lib][autodiff]") {
  const descent::ScopedDigits scoped_digits(50);
  Vec<Mpfr> a(2), x(2);
  a << Mpfr(3), Mpfr(1) / 2;
  x << Mpfr(-2) / 3, Mpfr(5) / 4;
  const Lorentzian<Mpfr> lz(a);
  Mat<Mpfr> X(3, 2);
  X << 1, 2, -1, Mpfr(1) / 2, 3, -2;
  Vec<Mpfr> y(3);
  y << 1, 0, 1;
  const LogisticRegression<Mpfr> lr(X, y, Mpfr(1) / 10);
  MlpShape shape;
  shape.sizes = {2, 2, 1};
  shape.hidden = Activation::tanh;
  shape.output = Activation::sigmoid;
  shape.divergence = Divergence::cross_entropy;
  const Mlp<Mpfr> net(shape, X, Mat<Mpfr>(y));
  Vec<Mpfr> theta(9);
  theta << Mpfr(1) / 2, -1, Mpfr(1) / 3, 2, Mpfr(-1) / 4, Mpfr(3) / 5, 1, -2, Mpfr(1) / 7;
  const Mpfr tol = Mpfr("1e-45");
  for (const auto& [p, at] : std::vector<std::pair<const Problem<Mpfr>*, Vec<Mpfr>>>{{&lz, x}, {&lr, x}, {&net, theta}}) {
    const auto twin = autodiff::ad_twin<Mpfr>(*p);
    INFO(p->name());
    CHECK(max_entry_diff<Mpfr>(Mat<Mpfr>(p->gradient(at)), Mat<Mpfr>(twin->gradient(at))) < tol);
    CHECK(max_entry_diff<Mpfr>(Mat<Mpfr>(twin->forward_gradient(at)), Mat<Mpfr>(twin->gradient(at))) < tol);
    CHECK(max_entry_diff<Mpfr>(p->hessian(at), twin->hessian(at)) < tol);
  }
  // logistic regression as a sum over examples: the mean of its example gradients is its gradient
  Vec<Mpfr> mean = Vec<Mpfr>::Zero(2);
  for (int i = 0; i < lr.examples(); ++i) mean += lr.example_gradient(i, x) * lr.weight();
  CHECK(max_entry_diff<Mpfr>(Mat<Mpfr>(mean), Mat<Mpfr>(lr.gradient(x))) < tol);
  Mpfr fsum = 0;
  for (int i = 0; i < lr.examples(); ++i) fsum += lr.example_value(i, x) * lr.weight();
  CHECK(abs(fsum - lr.value(x)) < tol);
  const ExpQuadratic1D<Mpfr> eq;
  const auto twin = autodiff::ad_twin<Mpfr>(eq);
  const Vec<Mpfr> p = Vec<Mpfr>::Constant(1, Mpfr(1) / 3);
  CHECK(abs(eq.gradient(p)(0) - twin->gradient(p)(0)) < tol);
  CHECK(abs(eq.hessian(p)(0, 0) - twin->hessian(p)(0, 0)) < tol);
}

TEST_CASE("autodiff: a problem without a formula is refused, clearly", "[lib][autodiff]") {
  Mat<Rational> A = Mat<Rational>::Identity(2, 2);
  const NoisyQuadratic<Rational> nq(A, Vec<Rational>::Zero(2), Rational(1), 3);
  CHECK_THROWS_WITH(autodiff::ad_twin<Rational>(nq), Catch::Contains("no AD formula"));
}

TEST_CASE("ReLU over an interval straddling 0 is an enclosure, not an abort", "[lib][autodiff][relu]") {
  using I = Interval;
  const I z(Mpfr(-1), Mpfr(2));
  const I v = relu_value(z), s = relu_slope(z);
  CHECK(boost::multiprecision::lower(v) == 0);
  CHECK(boost::multiprecision::upper(v) == 2);
  CHECK(boost::multiprecision::lower(s) == 0);
  CHECK(boost::multiprecision::upper(s) == 1);
  // one-signed intervals keep the exact branch; a point 0 takes relu'(0) = 0
  CHECK(boost::multiprecision::lower(relu_value(I(Mpfr(1), Mpfr(3)))) == 1);
  CHECK(relu_slope(I(Mpfr(-3), Mpfr(0))) == 0);
  const autodiff::Dual<I> d = autodiff::relu(autodiff::Dual<I>(z, I(3)));
  CHECK(boost::multiprecision::upper(d.derivative) == 3);
  CHECK(boost::multiprecision::lower(d.derivative) == 0);
  // an MLP with a relu hidden layer over an interval box that straddles a kink: every point's value is inside
  MlpShape sh;
  sh.sizes = {1, 1, 1};
  sh.hidden = Activation::relu;
  sh.output = Activation::identity;
  Mat<I> X(1, 1), D(1, 1);
  X << I(1);
  D << I(1);
  const Mlp<I> net(sh, X, D);
  Vec<I> box(4);
  box << I(1), I(Mpfr(-1.5), Mpfr(-0.5)), I(1), I(0);  // z_1 = 1 + b_1 in [-0.5, 0.5]
  const I L = net.value(box);
  const Vec<I> g = net.gradient(box);
  for (double b1 : {-1.5, -1.0, -0.75, -0.5}) {
    const double z1 = 1 + b1, y = z1 > 0 ? z1 : 0, point = (y - 1) * (y - 1);
    CHECK(boost::multiprecision::lower(L) <= point);
    CHECK(boost::multiprecision::upper(L) >= point);
    const double slope = 2 * (y - 1) * (z1 > 0 ? 1 : 0);
    CHECK(boost::multiprecision::lower(g(1)) <= slope);
    CHECK(boost::multiprecision::upper(g(1)) >= slope);
  }
}
