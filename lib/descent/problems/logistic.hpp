/// \file logistic.hpp
/// \brief L2-regularized logistic regression, a seeded data set whose features have very
/// different scales, and feature standardization (mean 0, variance 1; seed 001).
#pragma once

#include <cstdint>
#include <vector>

#include "descent/problems.hpp"

namespace descent {

/// \f[ f(w) = \frac1m\sum_{i=1}^m \big[\log(1 + e^{x_i^\top w}) - y_i\,x_i^\top w\big] + \frac\lambda2\|w\|^2, \f]
/// X of size m×n with one example xᵢᵀ per row, yᵢ ∈ {0, 1}, λ ≥ 0.
/// ∇f = Xᵀ(σ(Xw) − y)/m + λw, ∇²f = XᵀDX/m + λI with D = diag(σᵢ(1 − σᵢ)): convex, and
/// λ-strongly convex when λ > 0. Instantiated for double and Mpfr (exp, log). A FiniteSum with
/// weight 1/m whose i-th term carries the regularizer: fᵢ(w) = log(1 + e^{xᵢᵀw}) − yᵢxᵢᵀw + (λ/2)‖w‖².
template <class S>
class LogisticRegression final : public FiniteSum<S> {
 public:
  /// Throws InputError if X is empty, y has not one entry per row of X, a label is not
  /// 0 or 1, or λ < 0.
  LogisticRegression(Mat<S> X, Vec<S> y, S lambda);
  int dimension() const override { return static_cast<int>(X_.cols()); }
  S value(const Vec<S>& w) const override;
  Vec<S> gradient(const Vec<S>& w) const override;
  Mat<S> hessian(const Vec<S>& w) const override;
  S value_and_gradient(const Vec<S>& w, Vec<S>& g) const override;
  std::string name() const override { return "logistic"; }
  int examples() const override { return static_cast<int>(X_.rows()); }
  S weight() const override { return S(1) / S(examples()); }
  S example_value(int i, const Vec<S>& w) const override;
  Vec<S> example_gradient(int i, const Vec<S>& w) const override;
  /// The m×n data (one example per row).
  const Mat<S>& X() const { return X_; }
  /// The m labels in {0, 1}.
  const Vec<S>& y() const { return y_; }
  /// The regularization weight λ.
  const S& lambda() const { return lambda_; }

 private:
  Mat<S> X_;
  Vec<S> y_;
  S lambda_;
};

/// A data set X (m×n, one example per row) and labels y.
struct DataSet {
  std::vector<std::vector<double>> X;  ///< m rows of n features
  std::vector<double> y;               ///< m labels in {0, 1}
};

/// A reproducible classification data set: feature j of example i is
/// offset_j + scale_j·zᵢⱼ with zᵢⱼ standard normal (Box–Muller on SplitMix64 from `seed`,
/// identical on every platform), offset_j = scale_j·(j mod 3), and yᵢ = 1 with
/// probability σ(Σⱼ (zᵢⱼ − 0.5)·(−1)ʲ) — so that the labels depend on every feature
/// whatever its scale. Throws InputError unless m ≥ 2 and scales is non-empty with
/// every entry > 0.
DataSet scaled_classification_data(std::uint64_t seed, int m, const std::vector<double>& scales);

/// Feature standardization (seed 001: mean 0, variance 1): x̂ᵢⱼ = (xᵢⱼ − meanⱼ)/sdⱼ with
/// the population standard deviation sdⱼ = √((1/m)Σᵢ(xᵢⱼ − meanⱼ)²).
template <class S>
struct Standardization {
  Vec<S> mean;  ///< per feature
  Vec<S> sd;    ///< per feature, > 0
  /// The standardized copy of X (one example per row).
  Mat<S> apply(const Mat<S>& X) const;
};
/// The standardization fitted to X (one example per row). Throws InputError if a
/// feature is constant (sd = 0). Instantiated for double and Mpfr (it needs √).
template <class S>
Standardization<S> fit_standardization(const Mat<S>& X);

/// X as a matrix of S (each double converted exactly).
template <class S>
Mat<S> to_matrix(const std::vector<std::vector<double>>& X);

}  // namespace descent
