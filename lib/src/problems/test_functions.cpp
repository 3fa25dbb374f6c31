// Rosenbrock and the 1-D Newton test function.
#include "descent/problems/test_functions.hpp"

#include <cmath>

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

template class Rosenbrock<double>;
template class Rosenbrock<Mpfr>;
template class Rosenbrock<Rational>;
template class ExpQuadratic1D<double>;
template class ExpQuadratic1D<Mpfr>;
template class ExpQuadratic1D<Interval>;

}  // namespace descent
