/// \file instance_text.hpp
/// \brief Small helpers the claims share to describe an instance: absolute values that
/// work for every scalar, the largest entry of a matrix, vectors and spectra as short text,
/// powers, 1-vectors, a stop rule for exact runs, GD's last iterate and Newton's polish of a critical point,
/// and the seed files' names.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "claim.hpp"
#include "descent/linalg.hpp"
#include "descent/optimizers.hpp"

namespace descent::claims::detail {

/// max_ij |m_ij|.
template <class S>
S max_abs(const Mat<S>& M) {
  S m = 0;
  for (int i = 0; i < M.rows(); ++i)
    for (int j = 0; j < M.cols(); ++j) m = std::max<S>(m, abs_value<S>(M(i, j)));
  return m;
}
/// max_i |a_i − b_i| (0 for empty vectors).
template <class S>
S max_diff(const Vec<S>& a, const Vec<S>& b) {
  S m = 0;
  for (int i = 0; i < a.size(); ++i) m = std::max<S>(m, abs_value<S>(S(a(i) - b(i))));
  return m;
}
/// max_ij |a_ij − b_ij|.
template <class S>
S max_diff(const Mat<S>& a, const Mat<S>& b) {
  S m = 0;
  for (int i = 0; i < a.rows(); ++i)
    for (int j = 0; j < a.cols(); ++j) m = std::max<S>(m, abs_value<S>(S(a(i, j) - b(i, j))));
  return m;
}
/// A matrix of doubles (the seeded data sets, exact binary numbers) in S, entry by entry.
template <class S>
Mat<S> converted(const Mat<double>& m) {
  Mat<S> out(m.rows(), m.cols());
  for (int i = 0; i < m.rows(); ++i)
    for (int j = 0; j < m.cols(); ++j) out(i, j) = S(m(i, j));
  return out;
}
/// A vector of doubles in S, entry by entry.
template <class S>
Vec<S> converted(const std::vector<double>& v) {
  Vec<S> out(static_cast<Eigen::Index>(v.size()));
  for (std::size_t i = 0; i < v.size(); ++i) out(static_cast<Eigen::Index>(i)) = S(v[i]);
  return out;
}

/// "(v1, v2, …)" with each entry as claims::shown.
template <class S>
std::string vec_text(const Vec<S>& v) {
  std::string s = "(";
  for (int i = 0; i < v.size(); ++i) s += (i ? ", " : "") + shown<S>(v(i));
  return s + ")";
}
/// "{λ1, λ2, …}" with each entry as claims::shown.
template <class S>
std::string spectrum_text(const std::vector<S>& l) {
  std::string s = "{";
  for (std::size_t i = 0; i < l.size(); ++i) s += (i ? ", " : "") + shown<S>(l[i]);
  return s + "}";
}

/// "diag{λ…}" when Q is the identity, else "Q diag{λ…} Q^T (Q exactly orthogonal)".
template <class S>
std::string matrix_text(const Mat<S>& Q, const std::vector<S>& lambda) {
  return Q.isIdentity(0) ? "diag" + spectrum_text<S>(lambda)
                         : "Q diag" + spectrum_text<S>(lambda) + " Q^T (Q exactly orthogonal)";
}

/// 10ⁿ as an exact rational.
inline Rational pow10(int n) {
  return Rational(boost::multiprecision::pow(boost::multiprecision::mpz_int(10), static_cast<unsigned>(n)));
}
/// The 1-vector (x).
template <class S>
Vec<S> scalar_vec(const S& x) {
  return Vec<S>::Constant(1, x);
}
/// Run for exactly `steps` steps unless a value passes 10¹⁰⁰⁰ (the claims' trajectories are
/// short; divergence is part of what some of them show).
template <class S>
StopRule<S> stop_after(int steps) {
  StopRule<S> stop;
  stop.max_steps = steps;
  stop.divergence_bound = from_rational<S>(pow10(1000));
  return stop;
}

/// The last iterate of `steps` GD steps of the library's GradientDescent from x0 (iterates not kept).
template <class S>
Vec<S> gd_end(const Problem<S>& f, const Vec<S>& x0, const S& eta, int steps) {
  GradientDescent<S> gd(eta);
  StopRule<S> stop = stop_after<S>(steps);
  stop.keep_iterates = false;
  return run<S>(f, gd, x0, stop).x.back();
}
/// `steps` steps of Newton's iteration x ← x − H(x)⁻¹∇f(x) in Mpfr: the centre of a Krawczyk box (certify.hpp).
inline Vec<Mpfr> newton_polish(const Problem<Mpfr>& f, Vec<Mpfr> x, int steps) {
  for (int k = 0; k < steps; ++k) x -= solve<Mpfr>(f.hessian(x), f.gradient(x));
  return x;
}

/// The seed files the claims quote (shared/seeds/).
inline constexpr std::string_view seed001 = "001_c979c1f97a60694e.txt";
inline constexpr std::string_view seed002 = "002_bafcec58fd3199bc.txt";  ///< see seed001
inline constexpr std::string_view seed003 = "003_0c17410241aab4a0.txt";  ///< see seed001
inline constexpr std::string_view seed004 = "004_25125f890ff02a00.txt";  ///< see seed001

}  // namespace descent::claims::detail
