/// \file test_functions.hpp
/// \brief Test functions of lessons 05–07: the n-dimensional Rosenbrock function and a
/// smooth, strictly convex 1-D function on which Newton's quadratic convergence is measured.
#pragma once

#include "descent/problems.hpp"

namespace descent {

/// The n-dimensional Rosenbrock function (Rosenbrock 1960; the "extended" chain form of
/// Nocedal & Wright 2006, eq. 9.1 generalized):
/// \f[ f(x) = \sum_{i=1}^{n-1} \big[100\,(x_{i+1} - x_i^2)^2 + (1 - x_i)^2\big], \f]
/// minimum f* = 0 at x* = (1, …, 1); a curved valley whose Hessian at x* has condition
/// number about 2500 for n = 2. Polynomial: exact in rationals.
template <class S>
class Rosenbrock final : public Problem<S> {
 public:
  /// Throws InputError unless n ≥ 2.
  explicit Rosenbrock(int n);
  int dimension() const override { return n_; }
  S value(const Vec<S>& x) const override;
  Vec<S> gradient(const Vec<S>& x) const override;
  Mat<S> hessian(const Vec<S>& x) const override;
  S value_and_gradient(const Vec<S>& x, Vec<S>& g) const override;
  std::string name() const override { return "rosenbrock"; }

 private:
  int n_;
};

/// f(x) = eˣ + ½x² − 2x on ℝ: strictly convex (f″ = eˣ + 1 > 1), with its minimizer x* the
/// root of eˣ + x = 2 (x* ≈ 0.4428544), where f″ = 3 − x* and f‴ = eˣ* = 2 − x*. Newton's
/// error ratio e_{k+1}/e_k² tends to f‴(x*)/(2f″(x*)) = (2 − x*)/(2(3 − x*)) ≈ 0.30447.
/// Instantiated for double, Mpfr and Interval (it needs exp).
template <class S>
class ExpQuadratic1D final : public Problem<S> {
 public:
  int dimension() const override { return 1; }
  S value(const Vec<S>& x) const override;
  Vec<S> gradient(const Vec<S>& x) const override;
  Mat<S> hessian(const Vec<S>& x) const override;
  std::string name() const override { return "exp(x) + x^2/2 - 2x"; }
};

}  // namespace descent
