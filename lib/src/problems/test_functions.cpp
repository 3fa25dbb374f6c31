// Rosenbrock and the 1-D Newton test function.
#include "descent/problems/test_functions.hpp"

#include <cmath>

#include "descent/random.hpp"

namespace descent {

template <class S>
Rosenbrock<S>::Rosenbrock(int n) : n_(n) {
  if (n < 2) throw InputError("n: the Rosenbrock function needs n >= 2, got " + std::to_string(n));
}

template <class S>
S Rosenbrock<S>::value(const Vec<S>& x) const {
  S f = 0;
  for (int i = 0; i + 1 < n_; ++i) {
    const S a = x(i + 1) - x(i) * x(i), b = 1 - x(i);
    f += 100 * a * a + b * b;
  }
  return f;
}

template <class S>
S Rosenbrock<S>::value_and_gradient(const Vec<S>& x, Vec<S>& g) const {
  g = Vec<S>::Zero(n_);
  S f = 0;
  for (int i = 0; i + 1 < n_; ++i) {
    const S a = x(i + 1) - x(i) * x(i), b = 1 - x(i);
    f += 100 * a * a + b * b;
    g(i) += -400 * x(i) * a - 2 * b;  // ∂/∂x_i of 100a² + b²
    g(i + 1) += 200 * a;
  }
  return f;
}

template <class S>
Vec<S> Rosenbrock<S>::gradient(const Vec<S>& x) const {
  Vec<S> g;
  value_and_gradient(x, g);
  return g;
}

template <class S>
Mat<S> Rosenbrock<S>::hessian(const Vec<S>& x) const {
  Mat<S> H = Mat<S>::Zero(n_, n_);
  for (int i = 0; i + 1 < n_; ++i) {
    H(i, i) += 1200 * x(i) * x(i) - 400 * x(i + 1) + 2;
    H(i, i + 1) += -400 * x(i);
    H(i + 1, i) += -400 * x(i);
    H(i + 1, i + 1) += 200;
  }
  return H;
}

template <class S>
S ExpQuadratic1D<S>::value(const Vec<S>& x) const {
  using std::exp;
  return S(exp(x(0))) + x(0) * x(0) / 2 - 2 * x(0);
}
template <class S>
Vec<S> ExpQuadratic1D<S>::gradient(const Vec<S>& x) const {
  using std::exp;
  Vec<S> g(1);
  g(0) = S(exp(x(0))) + x(0) - 2;
  return g;
}
template <class S>
Mat<S> ExpQuadratic1D<S>::hessian(const Vec<S>& x) const {
  using std::exp;
  Mat<S> H(1, 1);
  H(0, 0) = S(exp(x(0))) + 1;
  return H;
}

template <class S>
Lessard<S>::Lessard(S mu, S L) : mu_(std::move(mu)), L_(std::move(L)) {
  if (!(mu_ > 0 && mu_ <= L_)) throw InputError("lessard: needs 0 < mu <= L, got mu = " + to_string<S>(mu_) +
                                                ", L = " + to_string<S>(L_));
}
template <class S>
S Lessard<S>::value(const Vec<S>& x) const {
  const S& t = x(0);
  const S d = L_ - mu_;
  if (t < 1) return L_ * t * t / 2;
  if (t < 2) return mu_ * t * t / 2 + d * t - d / 2;
  return L_ * t * t / 2 - d * t + 3 * d / 2;
}
template <class S>
Vec<S> Lessard<S>::gradient(const Vec<S>& x) const {
  const S& t = x(0);
  Vec<S> g(1);
  if (t < 1) g(0) = L_ * t;
  else if (t < 2) g(0) = mu_ * t + (L_ - mu_);
  else g(0) = L_ * t - (L_ - mu_);
  return g;
}
template <class S>
Mat<S> Lessard<S>::hessian(const Vec<S>& x) const {
  Mat<S> H(1, 1);
  H(0, 0) = (x(0) < 1 || !(x(0) < 2)) ? L_ : mu_;
  return H;
}

template <class S>
PoorLocalMinimum<S>::PoorLocalMinimum(S a, S c, S s) : a_(std::move(a)), c_(std::move(c)), s_(std::move(s)) {
  if (!(a_ > 0)) throw InputError("poor_local_minimum: a must be > 0, got " + to_string<S>(a_));
  if (!(s_ > 0)) throw InputError("poor_local_minimum: s must be > 0, got " + to_string<S>(s_));
}
template <class S>
S PoorLocalMinimum<S>::value(const Vec<S>& x) const {
  const S u = (x(0) - c_) / s_;
  return x(0) * x(0) / 2 - a_ / (1 + u * u);
}
template <class S>
Vec<S> PoorLocalMinimum<S>::gradient(const Vec<S>& x) const {
  const S u = (x(0) - c_) / s_, q = 1 + u * u;
  Vec<S> g(1);
  g(0) = x(0) + 2 * a_ * u / (s_ * q * q);  // d/dx of −a/q = a·2u·(1/s)/q²
  return g;
}
template <class S>
Mat<S> PoorLocalMinimum<S>::hessian(const Vec<S>& x) const {
  const S u = (x(0) - c_) / s_, q = 1 + u * u;
  Mat<S> H(1, 1);
  // d/dx [2a u/(s q²)] = (2a/s²)(1/q² − 4u²/q³) = (2a/s²)(1 − 3u²)/q³
  H(0, 0) = 1 + 2 * a_ * (1 - 3 * u * u) / (s_ * s_ * q * q * q);
  return H;
}

template <class S>
NoisyQuadratic<S>::NoisyQuadratic(Mat<S> A, Vec<S> b, S sigma, std::uint64_t seed)
    : A_(std::move(A)), b_(std::move(b)), sigma_(std::move(sigma)), seed_(seed), state_(seed) {
  if (A_.rows() != A_.cols() || A_.rows() != b_.size())
    throw InputError("noisy_quadratic: A must be n x n and b of length n");
  if (!(A_ == A_.transpose())) throw InputError("noisy_quadratic: A must be symmetric");
  if (!(sigma_ >= 0)) throw InputError("noisy_quadratic: sigma must be >= 0, got " + to_string<S>(sigma_));
}
template <class S>
S NoisyQuadratic<S>::value(const Vec<S>& x) const {
  return S(x.dot(A_ * x) / 2 - b_.dot(x));
}
template <class S>
S NoisyQuadratic<S>::value_and_gradient(const Vec<S>& x, Vec<S>& g) const {
  const Vec<S> Ax = A_ * x;
  g = Ax - b_;
  SplitMix64 rng{state_};
  for (int i = 0; i < g.size(); ++i) g(i) += rng.sign() > 0 ? sigma_ : S(-sigma_);
  state_ = rng.state;
  return S(x.dot(Ax) / 2 - b_.dot(x));
}
template <class S>
Vec<S> NoisyQuadratic<S>::gradient(const Vec<S>& x) const {
  Vec<S> g;
  value_and_gradient(x, g);
  return g;
}
template <class S>
void NoisyQuadratic<S>::reset_noise() const {
  state_ = seed_;
}

#define DESCENT_TEST_FUNCTIONS(S) \
  template class Lessard<S>;      \
  template class PoorLocalMinimum<S>; \
  template class NoisyQuadratic<S>;
DESCENT_TEST_FUNCTIONS(double)
DESCENT_TEST_FUNCTIONS(Mpfr)
DESCENT_TEST_FUNCTIONS(Rational)
#undef DESCENT_TEST_FUNCTIONS
template class Rosenbrock<double>;
template class Rosenbrock<Mpfr>;
template class Rosenbrock<Rational>;
template class ExpQuadratic1D<double>;
template class ExpQuadratic1D<Mpfr>;
template class ExpQuadratic1D<Interval>;

}  // namespace descent
