// Logistic regression, the seeded data set with disparate feature scales, standardization.
#include "descent/problems/logistic.hpp"

#include "descent/random.hpp"

#include <cmath>

namespace descent {

// softplus and sigmoid: scalar.hpp (no overflow, full relative precision for very negative z).

template <class S>
LogisticRegression<S>::LogisticRegression(Mat<S> X, Vec<S> y, S lambda)
    : X_(std::move(X)), y_(std::move(y)), lambda_(std::move(lambda)) {
  if (X_.rows() == 0 || X_.cols() == 0) throw InputError("X: must be a non-empty m x n matrix");
  if (y_.size() != X_.rows())
    throw InputError("y: has " + std::to_string(y_.size()) + " entries, X has " + std::to_string(X_.rows()) + " rows");
  for (int i = 0; i < y_.size(); ++i)
    if (y_(i) != 0 && y_(i) != 1) throw InputError("y[" + std::to_string(i) + "]: a label must be 0 or 1");
  if (lambda_ < 0) throw InputError("lambda: must be >= 0, got " + to_string<S>(lambda_));
}

template <class S>
S LogisticRegression<S>::value_and_gradient(const Vec<S>& w, Vec<S>& g) const {
  const Vec<S> z = X_ * w;
  const S m = S(static_cast<int>(X_.rows()));
  S f = 0;
  Vec<S> r(z.size());
  for (int i = 0; i < z.size(); ++i) {
    f += softplus<S>(z(i)) - y_(i) * z(i);
    r(i) = sigmoid<S>(z(i)) - y_(i);
  }
  g = X_.transpose() * r / m + lambda_ * w;
  return f / m + lambda_ * S(w.squaredNorm()) / 2;
}

template <class S>
S LogisticRegression<S>::value(const Vec<S>& w) const {
  const Vec<S> z = X_ * w;
  S f = 0;
  for (int i = 0; i < z.size(); ++i) f += softplus<S>(z(i)) - y_(i) * z(i);
  return f / S(static_cast<int>(X_.rows())) + lambda_ * S(w.squaredNorm()) / 2;
}

template <class S>
Vec<S> LogisticRegression<S>::gradient(const Vec<S>& w) const {
  Vec<S> g;
  value_and_gradient(w, g);
  return g;
}

template <class S>
S LogisticRegression<S>::example_value(int i, const Vec<S>& w) const {
  const S z = X_.row(i).dot(w);
  return softplus<S>(z) - y_(i) * z + lambda_ * S(w.squaredNorm()) / 2;
}

template <class S>
Vec<S> LogisticRegression<S>::example_gradient(int i, const Vec<S>& w) const {
  const S z = X_.row(i).dot(w);
  return Vec<S>(X_.row(i).transpose()) * S(sigmoid<S>(z) - y_(i)) + lambda_ * w;
}

template <class S>
Mat<S> LogisticRegression<S>::hessian(const Vec<S>& w) const {
  const Vec<S> z = X_ * w;
  Vec<S> d(z.size());
  for (int i = 0; i < z.size(); ++i) {
    const S s = sigmoid<S>(z(i));
    d(i) = s * (1 - s);
  }
  const int n = static_cast<int>(X_.cols());
  Mat<S> H = X_.transpose() * d.asDiagonal() * X_ / S(static_cast<int>(X_.rows()));
  H += lambda_ * Mat<S>::Identity(n, n);
  return H;
}


DataSet scaled_classification_data(std::uint64_t seed, int m, const std::vector<double>& scales) {
  if (m < 2) throw InputError("m: a data set needs at least 2 examples, got " + std::to_string(m));
  if (scales.empty()) throw InputError("scales: needs at least one feature");
  for (double s : scales)
    if (!(s > 0) || !std::isfinite(s)) throw InputError("scales: every feature scale must be finite and > 0");
  SplitMix64 rng{seed};
  DataSet d;
  const std::size_t n = scales.size();
  for (int i = 0; i < m; ++i) {
    std::vector<double> row(n);
    double score = 0;
    for (std::size_t j = 0; j < n; ++j) {
      const double z = rng.normal();
      row[j] = scales[j] * (z + static_cast<double>(j % 3));
      score += (j % 2 == 0 ? 1.0 : -1.0) * (z - 0.5);
    }
    const double p = 1.0 / (1.0 + std::exp(-score));
    d.y.push_back(rng.uniform() < p ? 1.0 : 0.0);
    d.X.push_back(std::move(row));
  }
  return d;
}

template <class S>
Mat<S> Standardization<S>::apply(const Mat<S>& X) const {
  if (X.cols() != mean.size()) throw InputError("X: has " + std::to_string(X.cols()) + " features, the standardization " +
                                                std::to_string(mean.size()));
  Mat<S> out = X;
  for (int i = 0; i < X.rows(); ++i)
    for (int j = 0; j < X.cols(); ++j) out(i, j) = (X(i, j) - mean(j)) / sd(j);
  return out;
}

template <class S>
Standardization<S> fit_standardization(const Mat<S>& X) {
  using std::sqrt;
  if (X.rows() < 2) throw InputError("X: standardization needs at least 2 examples");
  const S m = S(static_cast<int>(X.rows()));
  Standardization<S> st{Vec<S>(X.cols()), Vec<S>(X.cols())};
  for (int j = 0; j < X.cols(); ++j) {
    st.mean(j) = S(X.col(j).sum()) / m;
    S v = 0;
    for (int i = 0; i < X.rows(); ++i) v += (X(i, j) - st.mean(j)) * (X(i, j) - st.mean(j));
    if (!(v > 0)) throw InputError("X: feature " + std::to_string(j) + " is constant and cannot be standardized");
    st.sd(j) = sqrt(v / m);
  }
  return st;
}

template <class S>
Mat<S> to_matrix(const std::vector<std::vector<double>>& X) {
  Mat<S> M(static_cast<Eigen::Index>(X.size()), X.empty() ? 0 : static_cast<Eigen::Index>(X[0].size()));
  for (std::size_t i = 0; i < X.size(); ++i)
    for (std::size_t j = 0; j < X[i].size(); ++j)
      M(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = S(X[i][j]);
  return M;
}

template class LogisticRegression<double>;
template class LogisticRegression<Mpfr>;
template struct Standardization<double>;
template struct Standardization<Mpfr>;
template Standardization<double> fit_standardization<double>(const Mat<double>&);
template Standardization<Mpfr> fit_standardization<Mpfr>(const Mat<Mpfr>&);
template Mat<double> to_matrix<double>(const std::vector<std::vector<double>>&);
template Mat<Mpfr> to_matrix<Mpfr>(const std::vector<std::vector<double>>&);
template Mat<Rational> to_matrix<Rational>(const std::vector<std::vector<double>>&);

}  // namespace descent
