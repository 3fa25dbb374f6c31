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

/// Largest |a_ij − a_ji|.
template <class S>
S asymmetry(const Mat<S>& A);

}  // namespace descent
