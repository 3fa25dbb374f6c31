// RapidCheck generators of valid instances: rationals, exactly orthogonal rotations,
// quadratics with a prescribed spectrum, admissible steps. Values are named with .as()
// so that a shrunk counterexample reads as an instance.
#pragma once

#include <rapidcheck.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "descent/optimizers.hpp"

namespace descent::testing {

using Q = Rational;

/// A rational n/den with n drawn from [lo, hi).
inline Q draw_q(const std::string& name, int lo, int hi, int den) {
  const int n = *rc::gen::inRange(lo, hi).as(name + " * " + std::to_string(den));
  return Q(n, den);
}
/// A non-zero rational n/den with n drawn from [lo, hi) \ {0}.
inline Q draw_nonzero_q(const std::string& name, int lo, int hi, int den) {
  const int n = *rc::gen::suchThat(rc::gen::inRange(lo, hi), [](int v) { return v != 0; }).as(name + " * " + std::to_string(den));
  return Q(n, den);
}
/// A vector of n rationals in [lo, hi)/den.
inline Vec<Q> draw_vec(const std::string& name, int n, int lo, int hi, int den) {
  Vec<Q> v(n);
  for (int i = 0; i < n; ++i) v(i) = draw_q(name + "[" + std::to_string(i) + "]", lo, hi, den);
  return v;
}
/// An exactly orthogonal n×n rational matrix (Cayley transform of a random skew matrix).
inline Mat<Q> draw_rotation(int n) {
  std::vector<Q> upper;
  for (int k = 0; k < n * (n - 1) / 2; ++k) upper.push_back(draw_q("skew entry", -20, 21, 10));
  return cayley_orthogonal<Q>(n, upper);
}
/// Eigenvalues in [lo, hi]/den, positive if lo > 0.
inline std::vector<Q> draw_spectrum(int n, int lo, int hi, int den) {
  std::vector<Q> s;
  for (int i = 0; i < n; ++i) s.push_back(draw_q("lambda_" + std::to_string(i), lo, hi + 1, den));
  return s;
}
inline Q max_of(const std::vector<Q>& v) {
  Q m = v[0];
  for (const auto& x : v) m = std::max(m, x);
  return m;
}
/// Convert a rational matrix / vector to another scalar.
template <class S>
Mat<S> convert(const Mat<Q>& A) {
  Mat<S> B(A.rows(), A.cols());
  for (int i = 0; i < A.rows(); ++i)
    for (int j = 0; j < A.cols(); ++j) B(i, j) = from_rational<S>(A(i, j));
  return B;
}
template <class S>
Vec<S> convert(const Vec<Q>& v) {
  Vec<S> w(v.size());
  for (int i = 0; i < v.size(); ++i) w(i) = from_rational<S>(v(i));
  return w;
}

/// x_0 … x_K of an optimizer stepped by hand (no runner: no divergence bound, no stop rule).
template <class S>
std::vector<Vec<S>> stepped(const Problem<S>& f, Optimizer<S>& opt, const Vec<S>& x0, int steps) {
  opt.reset(static_cast<int>(x0.size()));
  std::vector<Vec<S>> xs{x0};
  for (int k = 0; k < steps; ++k) xs.push_back(opt.step(f, xs.back(), f.gradient(xs.back())));
  return xs;
}
/// a ≈ b at `digits` digits: |a − b| ≤ 64·10^(1 − digits)(|a| + |b| + scale), the course's tolerance rule
/// (claim.hpp) at the properties' precision.
inline bool close_at(const Mpfr& a, const Mpfr& b, const Mpfr& scale, int digits) {
  using std::abs;
  return abs(Mpfr(a - b)) <= Mpfr(64) * pow(Mpfr(10), 1 - digits) * (abs(a) + abs(b) + scale);
}
/// Working precision for a property that compares two computations at `digits` digits:
/// digits + 20. Two forms of one recurrence (or a problem and its rescaled copy) round
/// differently, and over a trajectory of up to 30 steps (square roots, divisions by small
/// ε) their difference grows past 64 units of the working precision on some seeds;
/// computed with 20 more digits, a comparison at `digits` fails only if the forms differ.
/// The precision holds while the returned guard lives: `const auto at = compute_for(30);`.
[[nodiscard]] inline descent::ScopedDigits compute_for(int digits) { return descent::ScopedDigits(digits + 20); }
/// close_at(a, b, scale, 30).
inline bool close30(const Mpfr& a, const Mpfr& b, const Mpfr& scale) { return close_at(a, b, scale, 30); }
/// max_k ‖a_k − b_k‖_∞ of two trajectories of the same length.
template <class S>
S max_diff(const std::vector<Vec<S>>& a, const std::vector<Vec<S>>& b) {
  S d = 0;
  for (std::size_t k = 0; k < a.size(); ++k) d = std::max<S>(d, (a[k] - b[k]).cwiseAbs().maxCoeff());
  return d;
}
/// max_k ‖a_k‖_∞.
template <class S>
S max_abs(const std::vector<Vec<S>>& a) {
  S d = 0;
  for (const auto& x : a) d = std::max<S>(d, x.cwiseAbs().maxCoeff());
  return d;
}
/// The 1-vector (x).
template <class S>
Vec<S> scalar_vec(const S& x) {
  return Vec<S>::Constant(1, x);
}

}  // namespace descent::testing
