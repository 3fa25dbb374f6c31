/// \file problems.hpp
/// \brief Objective functions with analytic gradient and Hessian, over any scalar.
///
/// A problem is a small object behind the virtual interface `Problem<S>`, so that the
/// optimizers and the claims are compiled once per scalar in lib/ and not in every file.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "descent/linalg.hpp"

namespace descent {

/// An objective f: ℝⁿ → ℝ with its gradient and Hessian.
template <class S>
class Problem {
 public:
  virtual ~Problem() = default;
  /// n, the number of parameters.
  virtual int dimension() const = 0;
  /// f(x).
  virtual S value(const Vec<S>& x) const = 0;
  /// ∇f(x).
  virtual Vec<S> gradient(const Vec<S>& x) const = 0;
  /// ∇²f(x).
  virtual Mat<S> hessian(const Vec<S>& x) const = 0;
  /// f(x) and ∇f(x) together (one pass over the data where a problem can share work);
  /// the default calls value() and gradient().
  virtual S value_and_gradient(const Vec<S>& x, Vec<S>& g) const {
    g = gradient(x);
    return value(x);
  }
  /// A short human name.
  virtual std::string name() const = 0;
  /// True when f is a quadratic polynomial (constant Hessian), so that line minimization
  /// along a direction and along a coordinate have closed forms.
  virtual bool is_quadratic() const { return false; }
};

/// An objective that is a sum over K examples, f(x) = c·Σᵢ fᵢ(x) with a fixed weight c (1 for a
/// sum such as seed 001's L = Σₙ Lⁿ, 1/K for a mean such as seed 002's Loss = (1/T)Σₜ Div):
/// what stochastic gradient descent (optimizers/sgd.hpp) samples from.
template <class S>
class FiniteSum : public Problem<S> {
 public:
  /// K, the number of examples.
  virtual int examples() const = 0;
  /// The weight c of each example in f = c·Σᵢ fᵢ.
  virtual S weight() const = 0;
  /// fᵢ(x), i = 0 … K − 1.
  virtual S example_value(int i, const Vec<S>& x) const = 0;
  /// ∇fᵢ(x).
  virtual Vec<S> example_gradient(int i, const Vec<S>& x) const = 0;
  /// The unbiased estimate of ∇f(x) from the examples `batch` (drawn uniformly):
  /// (K·c/B)·Σ_{i ∈ batch} ∇fᵢ(x), B = |batch|. Throws InputError for an empty batch or an
  /// index out of range.
  Vec<S> batch_gradient(const std::vector<int>& batch, const Vec<S>& x) const;
};

/// f(x) = ½ xᵀAx − bᵀx + c with A symmetric (docs/design.md §5). ∇f = Ax − b, ∇²f = A.
template <class S>
class Quadratic final : public Problem<S> {
 public:
  /// Throws InputError if A is not square, b has the wrong length, or A is not symmetric
  /// (exactly for Rational; to 8 ε·max|a_ij| otherwise).
  Quadratic(Mat<S> A, Vec<S> b, S c);
  int dimension() const override { return static_cast<int>(b_.size()); }
  S value(const Vec<S>& x) const override;
  Vec<S> gradient(const Vec<S>& x) const override;
  /// f and ∇f from one product (kernels.hpp): g = Ax − b, f = ½xᵀ(Ax) − bᵀx + c, the same
  /// values as value() and gradient(). Ax is formed as Aᵀx, one sequential pass over A's
  /// columns: equal for the symmetric A the constructor accepts (exactly for Rational;
  /// within its symmetry tolerance, 8ε·max|aᵢⱼ| per entry, otherwise).
  S value_and_gradient(const Vec<S>& x, Vec<S>& g) const override;
  Mat<S> hessian(const Vec<S>&) const override { return A_; }
  std::string name() const override { return "quadratic"; }
  bool is_quadratic() const override { return true; }
  /// The symmetric matrix A (n×n).
  const Mat<S>& A() const { return A_; }
  /// The linear term b (length n).
  const Vec<S>& b() const { return b_; }
  /// The constant c.
  const S& c() const { return c_; }

 private:
  Mat<S> A_;
  Vec<S> b_;
  S c_;
};

/// Seed 002's one-dimensional quadratic E(w) = ½aw² + bw + c (note the + b w), as a
/// Quadratic with A = [a], b ↦ −b.
template <class S>
Quadratic<S> quadratic_1d(const S& a, const S& b, const S& c);

/// L(w) = ‖Φᵀw − y‖² with Φ of size d×K (seed 000's notation: K examples as columns).
/// ∇L = 2(ΦΦᵀw − Φy), ∇²L = 2ΦΦᵀ. A sum over the examples (weight c = 1): the i-th term is
/// (φᵢᵀw − yᵢ)², φᵢ the i-th column.
template <class S>
class LeastSquares final : public FiniteSum<S> {
 public:
  /// Throws InputError if y does not have one entry per column of Φ.
  LeastSquares(Mat<S> Phi, Vec<S> y);
  int dimension() const override { return static_cast<int>(Phi_.rows()); }
  S value(const Vec<S>& w) const override;
  Vec<S> gradient(const Vec<S>& w) const override;
  /// L and ∇L from one residual r = Φᵀw − y (kernels.hpp): L = ‖r‖², g = 2Φr, the same
  /// values as value() and gradient().
  S value_and_gradient(const Vec<S>& w, Vec<S>& g) const override;
  Mat<S> hessian(const Vec<S>& w) const override;
  std::string name() const override { return "least_squares"; }
  bool is_quadratic() const override { return true; }
  int examples() const override { return static_cast<int>(Phi_.cols()); }
  S weight() const override { return S(1); }
  S example_value(int i, const Vec<S>& w) const override;
  Vec<S> example_gradient(int i, const Vec<S>& w) const override;
  /// The d×K data matrix Φ (one example per column).
  const Mat<S>& Phi() const { return Phi_; }
  /// The K targets y.
  const Vec<S>& y() const { return y_; }

 private:
  Mat<S> Phi_;
  Vec<S> y_;
};

/// Seed 000's f(x, y) = x²y³.
template <class S>
class SeedF final : public Problem<S> {
 public:
  int dimension() const override { return 2; }
  S value(const Vec<S>& v) const override;
  Vec<S> gradient(const Vec<S>& v) const override;
  Mat<S> hessian(const Vec<S>& v) const override;
  std::string name() const override { return "x^2 y^3"; }
};

/// Seed 000's g(x, y) = x² + 2y² + 3xy².
template <class S>
class SeedG final : public Problem<S> {
 public:
  int dimension() const override { return 2; }
  S value(const Vec<S>& v) const override;
  Vec<S> gradient(const Vec<S>& v) const override;
  Mat<S> hessian(const Vec<S>& v) const override;
  std::string name() const override { return "x^2 + 2y^2 + 3xy^2"; }
};

/// The Lorentzian (Cauchy) loss f(x) = Σᵢ (aᵢ/2)·log(1 + xᵢ²): smooth, non-convex
/// (fᵢ'' = aᵢ(1 − xᵢ²)/(1 + xᵢ²)² changes sign at |xᵢ| = 1), bounded below by f* = 0 at
/// x = 0, and β-smooth with β = maxᵢ aᵢ exactly (|fᵢ''| ≤ aᵢ, attained at xᵢ = 0).
/// Instantiated for double, Mpfr and Interval (it needs log).
template <class S>
class Lorentzian final : public Problem<S> {
 public:
  /// Throws InputError unless every aᵢ > 0.
  explicit Lorentzian(Vec<S> a);
  int dimension() const override { return static_cast<int>(a_.size()); }
  S value(const Vec<S>& x) const override;
  Vec<S> gradient(const Vec<S>& x) const override;
  Mat<S> hessian(const Vec<S>& x) const override;
  std::string name() const override { return "lorentzian"; }
  /// The smoothness constant β = max aᵢ = sup ‖∇²f‖₂.
  S smoothness() const;
  /// The weights aᵢ.
  const Vec<S>& a() const { return a_; }

 private:
  Vec<S> a_;
};

/// The Huber function f(x) = L Σᵢ h_δ(xᵢ), h_δ(t) = t²/2 for |t| ≤ δ and δ|t| − δ²/2 beyond:
/// convex, L-smooth (C¹ with an L-Lipschitz gradient, not C² at |t| = δ), f* = 0 at 0; the
/// worst case of gradient descent on L-smooth convex functions for short steps (Drori &
/// Teboulle 2014). Its Hessian is taken as diag(L if |xᵢ| ≤ δ else 0). Rational for exact
/// trajectories.
template <class S>
class Huber final : public Problem<S> {
 public:
  /// Throws InputError unless n ≥ 1, δ > 0 and L > 0.
  Huber(int n, S delta, S L = S(1));
  int dimension() const override { return n_; }
  S value(const Vec<S>& x) const override;
  Vec<S> gradient(const Vec<S>& x) const override;
  Mat<S> hessian(const Vec<S>& x) const override;
  std::string name() const override { return "huber"; }
  /// The threshold δ.
  const S& delta() const { return delta_; }
  /// The smoothness constant L.
  const S& L() const { return L_; }

 private:
  int n_;
  S delta_, L_;
};

/// The pseudo-Huber function f(x) = Σᵢ δ²(√(1 + xᵢ²/δ²) − 1): the C^∞ twin of the Huber
/// function (δ|t| far out, t²/2 near 0), convex, 1-smooth (fᵢ'' = (1 + xᵢ²/δ²)^(−3/2) ≤ 1,
/// attained at 0), f* = 0 at 0, |fᵢ'| < δ everywhere. GD with η = 1 moves by almost δ per
/// step far from 0: the slow, non-linear regime of the O(1/T) bounds, with every
/// derivative continuous. Instantiated for double and Mpfr (it needs sqrt).
template <class S>
class PseudoHuber final : public Problem<S> {
 public:
  /// Throws InputError unless n ≥ 1 and δ > 0.
  PseudoHuber(int n, S delta);
  int dimension() const override { return n_; }
  S value(const Vec<S>& x) const override;
  Vec<S> gradient(const Vec<S>& x) const override;
  Mat<S> hessian(const Vec<S>& x) const override;
  std::string name() const override { return "pseudo-huber"; }
  /// The scale δ.
  const S& delta() const { return delta_; }

 private:
  int n_;
  S delta_;
};

}  // namespace descent
