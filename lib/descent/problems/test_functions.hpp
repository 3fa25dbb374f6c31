/// \file test_functions.hpp
/// \brief Test functions of lessons 05–10: the n-dimensional Rosenbrock function, a smooth,
/// strictly convex 1-D function on which Newton's quadratic convergence is measured, the
/// Lessard–Recht–Packard function, a 1-D function with a poor local minimum, and a
/// quadratic with a seeded noisy gradient.
#pragma once

#include <cstdint>

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

namespace descent {

/// The 1-D function of Lessard, Recht & Packard (2016, §2.2) on which heavy ball, tuned
/// for quadratics with the same μ and L, cycles: f is C¹ with the piecewise-linear gradient
/// \f[ f'(x) = \begin{cases} Lx & x < 1\\ \mu x + (L - \mu) & 1 \le x < 2\\ Lx - (L - \mu) & x \ge 2 \end{cases} \f]
/// so f = Lx²/2, μx²/2 + (L − μ)x − (L − μ)/2, Lx²/2 − (L − μ)x + 3(L − μ)/2 on the three
/// pieces: μ-strongly convex and L-smooth, f* = 0 at x* = 0. The paper takes μ = 1,
/// L = 25. Rational: exact trajectories. The Hessian at a breakpoint is the right piece's.
template <class S>
class Lessard final : public Problem<S> {
 public:
  /// Throws InputError unless 0 < μ ≤ L.
  Lessard(S mu, S L);
  int dimension() const override { return 1; }
  S value(const Vec<S>& x) const override;
  Vec<S> gradient(const Vec<S>& x) const override;
  Mat<S> hessian(const Vec<S>& x) const override;
  std::string name() const override { return "lessard"; }
  /// μ and L.
  const S& mu() const { return mu_; }
  const S& L() const { return L_; }  ///< the smoothness constant

 private:
  S mu_, L_;
};

/// A 1-D non-convex function with a poor local minimum: a wide bowl with a narrow dip,
/// \f[ f(x) = \frac{x^2}{2} - \frac{a}{1 + ((x - c)/s)^2} . \f]
/// With the defaults a = 1, c = 2, s = 1/4: the global minimum near x ≈ 0.0155
/// (f ≈ −0.0155, f″ ≈ 0.977), a poor local minimum near x ≈ 1.930 (f ≈ 0.935, f″ ≈ 20.5)
/// behind a barrier near x ≈ 1.714. Gradient descent with η < 2/f″ at the dip can settle
/// in it; a step η between 2/f″(dip) and 2/f″(bowl) cannot, and leaves. Rational: exact.
template <class S>
class PoorLocalMinimum final : public Problem<S> {
 public:
  /// Throws InputError unless a > 0 and s > 0.
  PoorLocalMinimum(S a = S(1), S c = S(2), S s = S(1) / 4);
  int dimension() const override { return 1; }
  S value(const Vec<S>& x) const override;
  Vec<S> gradient(const Vec<S>& x) const override;
  Mat<S> hessian(const Vec<S>& x) const override;
  std::string name() const override { return "poor_local_minimum"; }
  /// The depth a of the dip.
  const S& a() const { return a_; }
  /// The centre c of the dip.
  const S& c() const { return c_; }
  /// The width s of the dip.
  const S& s() const { return s_; }

 private:
  S a_, c_, s_;
};

/// A quadratic ½xᵀAx − bᵀx whose gradient oracle is noisy: the k-th call of gradient() or
/// value_and_gradient() returns Ax − b + σξ_k, with ξ_k a vector of independent signs ±1
/// (Rademacher: mean 0, variance 1 per coordinate, exact in rationals) drawn from
/// SplitMix64(seed), one word per coordinate. value() is exact and draws nothing. The stream
/// depends on the order of calls; reset_noise() starts it over.
template <class S>
class NoisyQuadratic final : public Problem<S> {
 public:
  /// Throws InputError unless A is square and symmetric, b has its size and σ ≥ 0.
  NoisyQuadratic(Mat<S> A, Vec<S> b, S sigma, std::uint64_t seed);
  int dimension() const override { return static_cast<int>(b_.size()); }
  S value(const Vec<S>& x) const override;
  Vec<S> gradient(const Vec<S>& x) const override;
  Mat<S> hessian(const Vec<S>&) const override { return A_; }
  S value_and_gradient(const Vec<S>& x, Vec<S>& g) const override;
  std::string name() const override { return "noisy_quadratic"; }
  /// Restart the noise stream from the seed.
  void reset_noise() const;
  /// The noise level σ.
  const S& sigma() const { return sigma_; }

 private:
  Mat<S> A_;
  Vec<S> b_;
  S sigma_;
  std::uint64_t seed_;
  mutable std::uint64_t state_;
};

}  // namespace descent
