/// \file linalg.hpp
/// \brief Eigen vectors and matrices over every scalar of descent, with the complete
/// `Eigen::NumTraits` that Boost 1.74's `boost/multiprecision/eigen.hpp` lacks
/// (`infinity()`, `quiet_NaN()`, `digits10()`), so that Eigen's eigen-solvers run at any
/// precision. The heavy solvers are instantiated once, in linalg.cpp.
#pragma once

#include <Eigen/Core>

#include <limits>
#include <vector>

#include "descent/scalar.hpp"

/// \cond DESCENT_INTERNAL
// Eigen plumbing, not part of the documented API (see the file comment).
namespace descent::detail {
// NumTraits shared by the three Boost.Multiprecision scalars.
template <class T>
struct MpNumTraits {
  using Real = T;
  using NonInteger = T;
  using Nested = T;
  using Literal = T;
  enum {
    IsComplex = 0,
    IsInteger = 0,
    IsSigned = 1,
    RequireInitialization = 1,
    ReadCost = 1,
    AddCost = 4,
    MulCost = 8
  };
  static T epsilon() { return std::numeric_limits<T>::epsilon(); }
  static T dummy_precision() { return 1000 * epsilon(); }
  static T highest() { return (std::numeric_limits<T>::max)(); }
  static T lowest() { return std::numeric_limits<T>::lowest(); }
  static T infinity() { return std::numeric_limits<T>::infinity(); }
  static T quiet_NaN() { return std::numeric_limits<T>::quiet_NaN(); }
  static int digits10() { return descent::digits(); }
};
}  // namespace descent::detail

namespace Eigen {
// Mpfr and Interval: epsilon and limits from std::numeric_limits at the working precision.
template <>
struct NumTraits<descent::Mpfr> : descent::detail::MpNumTraits<descent::Mpfr> {};
template <>
struct NumTraits<descent::Interval> : descent::detail::MpNumTraits<descent::Interval> {};
// Exact rationals: epsilon and dummy_precision are 0 (comparisons are exact).
template <>
struct NumTraits<descent::Rational> : descent::detail::MpNumTraits<descent::Rational> {
  static descent::Rational epsilon() { return 0; }
  static descent::Rational dummy_precision() { return 0; }
  static int digits10() { return 0; }
};
}  // namespace Eigen
/// \endcond

namespace descent {

/// Column vector of dynamic size over the scalar S (double, Mpfr, Rational or Interval).
template <class S>
using Vec = Eigen::Matrix<S, Eigen::Dynamic, 1>;
/// Matrix of dynamic size over the scalar S (double, Mpfr, Rational or Interval).
template <class S>
using Mat = Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic>;

/// Eigenvalues of a symmetric matrix, ascending (Eigen's SelfAdjointEigenSolver).
/// Instantiated for double and Mpfr.
template <class S>
std::vector<S> symmetric_eigenvalues(const Mat<S>& A);

/// Exactly orthogonal matrix from the Cayley transform Q = (I − K)(I + K)⁻¹ of the
/// skew-symmetric K whose strict upper triangle is `upper` (row by row). Rational data
/// give an orthogonal matrix with rational entries, so QΛQᵀ has a known spectrum exactly.
template <class S>
Mat<S> cayley_orthogonal(int n, const std::vector<S>& upper);

/// Q diag(lambda) Qᵀ.
template <class S>
Mat<S> with_spectrum(const Mat<S>& Q, const std::vector<S>& lambda);

/// Eigendecomposition A = E Λ Eᵀ of a symmetric matrix: eigenvalues ascending, the
/// orthonormal eigenvectors as the columns of `vectors` in the same order.
template <class S>
struct SymmetricEigen {
  std::vector<S> values;  ///< λ₁ ≤ … ≤ λₙ
  Mat<S> vectors;         ///< E, with A·E.col(i) = λᵢ·E.col(i)
};
/// The eigendecomposition of a symmetric matrix at the working precision (Eigen's
/// SelfAdjointEigenSolver). Instantiated for double and Mpfr.
template <class S>
SymmetricEigen<S> symmetric_eigen(const Mat<S>& A);

/// A^p = E Λ^p Eᵀ for a symmetric positive definite A and p = ±1/2 (seed 002's A^{0.5}
/// and A^{-0.5}), from the eigendecomposition at the working precision. Throws
/// InputError unless every eigenvalue is > 0. `half_power` is +1 for A^{1/2}, −1 for
/// A^{−1/2}. Instantiated for double and Mpfr.
template <class S>
Mat<S> spd_sqrt(const Mat<S>& A, int half_power);

/// Singular values of any matrix, descending (Eigen's JacobiSVD). Instantiated for
/// double and Mpfr.
template <class S>
std::vector<S> singular_values(const Mat<S>& M);

/// The solution of A x = b by LU: full pivoting for Rational (exact), partial pivoting
/// otherwise. Throws std::domain_error if A is singular (exactly, or a zero pivot).
template <class S>
Vec<S> solve(const Mat<S>& A, const Vec<S>& b);

/// Largest |a_ij − a_ji|.
template <class S>
S asymmetry(const Mat<S>& A);

}  // namespace descent
