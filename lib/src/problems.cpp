// Values, gradients and Hessians of the problems of problems.hpp.
#include "descent/problems.hpp"

#include "descent/kernels.hpp"

#include <boost/multiprecision/number.hpp>
#include <cmath>

namespace descent {

namespace {

template <class S>
S symmetry_tolerance(const Mat<S>& A) {
  if constexpr (ScalarTraits<S>::exact) {
    return S(0);
  } else {
    S scale = 0;
    for (int i = 0; i < A.rows(); ++i)
      for (int j = 0; j < A.cols(); ++j) scale = std::max<S>(scale, abs_value<S>(A(i, j)));
    return 8 * epsilon<S>() * scale;  // a few roundings of the largest entry
  }
}
}  // namespace

template <class S>
Quadratic<S>::Quadratic(Mat<S> A, Vec<S> b, S c) : A_(std::move(A)), b_(std::move(b)), c_(std::move(c)) {
  if (A_.rows() != A_.cols())
    throw InputError("A: must be square, got " + std::to_string(A_.rows()) + "x" + std::to_string(A_.cols()));
  if (A_.rows() == 0) throw InputError("A: must have at least one row");
  if (b_.size() != A_.rows())
    throw InputError("b: has " + std::to_string(b_.size()) + " entries, A is " + std::to_string(A_.rows()) + "x" +
                     std::to_string(A_.cols()));
  if (asymmetry<S>(A_) > symmetry_tolerance<S>(A_)) throw InputError("A: must be symmetric");
}

template <class S>
S Quadratic<S>::value_and_gradient(const Vec<S>& x, Vec<S>& g) const {
  if (x.size() != A_.cols())
    throw InputError("x: has " + std::to_string(x.size()) + " entries, the quadratic has dimension " +
                     std::to_string(A_.cols()));
  kernels::matvec_transposed<S>(A_, x, g);  // g = Aᵀx = Ax (A symmetric): one sequential pass over A
  S f = kernels::dot<S>(x, g) / 2 - kernels::dot<S>(b_, x) + c_;
  kernels::axpy<S>(S(-1), b_, g);
  return f;
}

template <class S>
S Quadratic<S>::value(const Vec<S>& x) const {
  Vec<S> g;
  return value_and_gradient(x, g);
}

template <class S>
Vec<S> Quadratic<S>::gradient(const Vec<S>& x) const {
  Vec<S> g;
  value_and_gradient(x, g);
  return g;
}

template <class S>
Quadratic<S> quadratic_1d(const S& a, const S& b, const S& c) {
  Mat<S> A(1, 1);
  A(0, 0) = a;
  Vec<S> bb(1);
  bb(0) = -b;
  return Quadratic<S>(A, bb, c);
}

template <class S>
LeastSquares<S>::LeastSquares(Mat<S> Phi, Vec<S> y) : Phi_(std::move(Phi)), y_(std::move(y)) {
  if (Phi_.rows() == 0 || Phi_.cols() == 0) throw InputError("Phi: must be a non-empty d x K matrix");
  if (y_.size() != Phi_.cols())
    throw InputError("y: has " + std::to_string(y_.size()) + " entries, Phi has " + std::to_string(Phi_.cols()) +
                     " columns (one per example)");
}

namespace {
// r = Φᵀw − y (InputError for a w of the wrong length)
template <class S>
Vec<S> residual(const Mat<S>& Phi, const Vec<S>& y, const Vec<S>& w) {
  if (w.size() != Phi.rows())
    throw InputError("w: has " + std::to_string(w.size()) + " entries, Phi has " + std::to_string(Phi.rows()) +
                     " rows");
  Vec<S> r;
  kernels::matvec_transposed<S>(Phi, w, r);
  kernels::axpy<S>(S(-1), y, r);
  return r;
}
}  // namespace

template <class S>
S LeastSquares<S>::value_and_gradient(const Vec<S>& w, Vec<S>& g) const {
  const Vec<S> r = residual<S>(Phi_, y_, w);  // the one pass for the value
  kernels::matvec<S>(Phi_, r, g);             // ∇‖Φᵀw − y‖² = 2Φ(Φᵀw − y)
  g *= S(2);
  return kernels::squared_norm<S>(r);
}

template <class S>
S LeastSquares<S>::value(const Vec<S>& w) const {
  return kernels::squared_norm<S>(residual<S>(Phi_, y_, w));
}

template <class S>
Vec<S> LeastSquares<S>::gradient(const Vec<S>& w) const {
  Vec<S> g;
  value_and_gradient(w, g);
  return g;
}

template <class S>
Mat<S> LeastSquares<S>::hessian(const Vec<S>&) const {
  return S(2) * (Phi_ * Phi_.transpose());
}

template <class S>
S LeastSquares<S>::example_value(int i, const Vec<S>& w) const {
  const S r = S(Phi_.col(i).dot(w)) - y_(i);
  return r * r;
}

template <class S>
Vec<S> LeastSquares<S>::example_gradient(int i, const Vec<S>& w) const {
  const S r = S(Phi_.col(i).dot(w)) - y_(i);
  return S(2 * r) * Phi_.col(i);
}

template <class S>
Vec<S> FiniteSum<S>::batch_gradient(const std::vector<int>& batch, const Vec<S>& x) const {
  if (batch.empty()) throw InputError("batch: must hold at least one example");
  const int K = examples();
  Vec<S> g = Vec<S>::Zero(x.size());
  for (int i : batch) {
    if (i < 0 || i >= K)
      throw InputError("batch: example " + std::to_string(i) + " out of range 0.." + std::to_string(K - 1));
    g += example_gradient(i, x);
  }
  return S(S(K) * weight() / S(static_cast<long>(batch.size()))) * g;
}

template <class S>
S SeedF<S>::value(const Vec<S>& v) const {
  const S& x = v(0);
  const S& y = v(1);
  return x * x * y * y * y;
}
template <class S>
Vec<S> SeedF<S>::gradient(const Vec<S>& v) const {
  const S& x = v(0);
  const S& y = v(1);
  Vec<S> g(2);
  g << 2 * x * y * y * y, 3 * x * x * y * y;
  return g;
}
template <class S>
Mat<S> SeedF<S>::hessian(const Vec<S>& v) const {
  const S& x = v(0);
  const S& y = v(1);
  Mat<S> H(2, 2);
  H << 2 * y * y * y, 6 * x * y * y, 6 * x * y * y, 6 * x * x * y;
  return H;
}

template <class S>
S SeedG<S>::value(const Vec<S>& v) const {
  const S& x = v(0);
  const S& y = v(1);
  return x * x + 2 * y * y + 3 * x * y * y;
}
template <class S>
Vec<S> SeedG<S>::gradient(const Vec<S>& v) const {
  const S& x = v(0);
  const S& y = v(1);
  Vec<S> g(2);
  g << 2 * x + 3 * y * y, 4 * y + 6 * x * y;
  return g;
}
template <class S>
Mat<S> SeedG<S>::hessian(const Vec<S>& v) const {
  const S& x = v(0);
  const S& y = v(1);
  Mat<S> H(2, 2);
  H << S(2), 6 * y, 6 * y, 4 + 6 * x;
  return H;
}

template <class S>
Lorentzian<S>::Lorentzian(Vec<S> a) : a_(std::move(a)) {
  if (a_.size() == 0) throw InputError("a: must have at least one entry");
  for (int i = 0; i < a_.size(); ++i)
    if (!(a_(i) > 0)) throw InputError("a: every weight must be > 0");
}
template <class S>
S Lorentzian<S>::value(const Vec<S>& x) const {
  using std::log1p;  // log1p keeps full relative precision when x² is below the unit roundoff
  S f = 0;
  for (int i = 0; i < x.size(); ++i) f += a_(i) * log1p(x(i) * x(i)) / 2;
  return f;
}
template <class S>
Vec<S> Lorentzian<S>::gradient(const Vec<S>& x) const {
  Vec<S> g(x.size());
  for (int i = 0; i < x.size(); ++i) g(i) = a_(i) * x(i) / (1 + x(i) * x(i));
  return g;
}
template <class S>
Mat<S> Lorentzian<S>::hessian(const Vec<S>& x) const {
  Mat<S> H = Mat<S>::Zero(x.size(), x.size());
  for (int i = 0; i < x.size(); ++i) {
    const S q = 1 + x(i) * x(i);
    H(i, i) = a_(i) * (1 - x(i) * x(i)) / (q * q);
  }
  return H;
}
template <class S>
S Lorentzian<S>::smoothness() const {
  S m = a_(0);
  for (int i = 1; i < a_.size(); ++i)
    if (a_(i) > m) m = a_(i);
  return m;
}

#define DESCENT_POLY(S)                                                         \
  template class FiniteSum<S>;                                                  \
  template class Quadratic<S>;                                                  \
  template Quadratic<S> quadratic_1d<S>(const S&, const S&, const S&);          \
  template class LeastSquares<S>;                                               \
  template class SeedF<S>;                                                      \
  template class SeedG<S>;
DESCENT_POLY(double)
DESCENT_POLY(Mpfr)
DESCENT_POLY(Rational)
template <class S>
Huber<S>::Huber(int n, S delta, S L) : n_(n), delta_(std::move(delta)), L_(std::move(L)) {
  if (n < 1) throw InputError("Huber: dimension must be at least 1");
  if (!(delta_ > 0)) throw InputError("Huber: delta must be positive");
  if (!(L_ > 0)) throw InputError("Huber: L must be positive");
}
template <class S>
S Huber<S>::value(const Vec<S>& x) const {
  S f = 0;
  for (int i = 0; i < n_; ++i) {
    const S t = x(i) < 0 ? S(-x(i)) : x(i);
    f += t <= delta_ ? S(t * t / 2) : S(delta_ * t - delta_ * delta_ / 2);
  }
  return S(L_ * f);
}
template <class S>
Vec<S> Huber<S>::gradient(const Vec<S>& x) const {
  Vec<S> g(n_);
  for (int i = 0; i < n_; ++i) g(i) = L_ * (x(i) > delta_ ? delta_ : (x(i) < -delta_ ? S(-delta_) : x(i)));
  return g;
}
template <class S>
Mat<S> Huber<S>::hessian(const Vec<S>& x) const {
  Mat<S> H = Mat<S>::Zero(n_, n_);
  for (int i = 0; i < n_; ++i)
    if (!(x(i) > delta_) && !(x(i) < -delta_)) H(i, i) = L_;
  return H;
}
template class Huber<double>;
template class Huber<Mpfr>;
template class Huber<Rational>;

template class Lorentzian<double>;
template class Lorentzian<Mpfr>;

template <class S>
PseudoHuber<S>::PseudoHuber(int n, S delta) : n_(n), delta_(std::move(delta)) {
  if (n < 1) throw InputError("PseudoHuber: dimension must be at least 1");
  if (!(delta_ > 0)) throw InputError("PseudoHuber: delta must be positive");
}
template <class S>
S PseudoHuber<S>::value(const Vec<S>& x) const {
  using std::sqrt;
  S f = 0;
  for (int i = 0; i < n_; ++i) f += delta_ * delta_ * (sqrt(S(1 + x(i) * x(i) / (delta_ * delta_))) - 1);
  return f;
}
template <class S>
Vec<S> PseudoHuber<S>::gradient(const Vec<S>& x) const {
  using std::sqrt;
  Vec<S> g(n_);
  for (int i = 0; i < n_; ++i) g(i) = x(i) / sqrt(S(1 + x(i) * x(i) / (delta_ * delta_)));
  return g;
}
template <class S>
Mat<S> PseudoHuber<S>::hessian(const Vec<S>& x) const {
  using std::sqrt;
  Mat<S> H = Mat<S>::Zero(n_, n_);
  for (int i = 0; i < n_; ++i) {
    const S q = 1 + x(i) * x(i) / (delta_ * delta_);
    H(i, i) = 1 / (q * sqrt(q));
  }
  return H;
}
template class PseudoHuber<double>;
template class PseudoHuber<Mpfr>;
#undef DESCENT_POLY

}  // namespace descent
