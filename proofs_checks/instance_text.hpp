/// \file instance_text.hpp
/// \brief Small helpers the claims share to describe an instance: absolute values that
/// work for every scalar, the largest entry of a matrix, vectors and spectra as short text.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "claim.hpp"
#include "descent/linalg.hpp"

namespace descent::claims::detail {

/// |x| for every scalar of the course (no std::abs overload is needed).
template <class S>
S abs_of(const S& x) {
  return x < 0 ? S(-x) : x;
}
/// max_ij |m_ij|.
template <class S>
S max_abs(const Mat<S>& M) {
  S m = 0;
  for (int i = 0; i < M.rows(); ++i)
    for (int j = 0; j < M.cols(); ++j) m = std::max<S>(m, abs_of<S>(M(i, j)));
  return m;
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

}  // namespace descent::claims::detail
