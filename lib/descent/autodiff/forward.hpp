/// \file forward.hpp
/// \brief Forward-mode automatic differentiation (lesson 15): dual numbers a + bε, ε² = 0,
/// generic over the scalar S (double, Mpfr, Interval; Rational for the rational operations).
/// One pass gives one directional derivative: seed the input's dual part with the direction v
/// and read ∇f(x)ᵀv off the output. Nesting Dual<Dual<S>> gives second directional derivatives
/// (vᵀ∇²f(x)w), hence Hessian-vector products.
///
/// The operations the course needs: + − × ÷, integer powers, exp, log, sqrt, the logistic sigmoid,
/// tanh, ReLU, sin, cos, softplus and abs. Subgradient convention at kinks: relu′(0) = abs′(0) = 0
/// (PyTorch's choice).
#pragma once

#include <cmath>
#include <stdexcept>
#include <type_traits>

#include "descent/scalar.hpp"

namespace descent::autodiff {

template <class S>
struct Dual;
/// True for the dual number types.
template <class T>
inline constexpr bool is_dual = false;
/// \cond
template <class S>
inline constexpr bool is_dual<Dual<S>> = true;
/// \endcond

/// a + b ε with ε² = 0: `value` a, `derivative` b.
template <class S>
struct Dual {
  S value{0};       ///< the function's value
  S derivative{0};  ///< its derivative along the seeded direction
  Dual() = default;
  /// A constant (derivative 0), from anything S is made from (an int, a Rational, an inner Dual's scalar).
  template <class U>
    requires(!is_dual<U> || std::is_same_v<U, S>) && std::is_constructible_v<S, const U&>
  Dual(const U& v) : value(S(v)), derivative(0) {}  // NOLINT: implicit, so constants mix with duals
  /// A value with its derivative.
  Dual(S v, S d) : value(std::move(v)), derivative(std::move(d)) {}
};

/// The value underneath any nesting of duals (what domain checks and ReLU's branch look at).
template <class T>
const auto& primal(const T& x) {
  if constexpr (is_dual<T>)
    return primal(x.value);
  else
    return x;
}

/// Sum, with the derivative by the chain rule.
template <class S>
Dual<S> operator+(const Dual<S>& a, const Dual<S>& b) {
  return {a.value + b.value, a.derivative + b.derivative};
}
/// Difference (or negation), with the derivative by the chain rule.
template <class S>
Dual<S> operator-(const Dual<S>& a, const Dual<S>& b) {
  return {a.value - b.value, a.derivative - b.derivative};
}
/// Difference (or negation), with the derivative by the chain rule.
template <class S>
Dual<S> operator-(const Dual<S>& a) {
  return {S(-a.value), S(-a.derivative)};
}
/// Product, with the derivative by the chain rule.
template <class S>
Dual<S> operator*(const Dual<S>& a, const Dual<S>& b) {
  return {a.value * b.value, a.derivative * b.value + a.value * b.derivative};
}
/// Throws std::domain_error when the divisor's value is 0.
template <class S>
Dual<S> operator/(const Dual<S>& a, const Dual<S>& b) {
  if (primal(b.value) == 0) throw std::domain_error("autodiff: division by zero");
  const S q = a.value / b.value;
  return {q, (a.derivative - q * b.derivative) / b.value};
}
/// \cond
// A dual and a constant (an int, a scalar): the constant is converted to a dual.
#define DESCENT_DUAL_MIXED(op)                                                          \
  template <class S, class U>                                                           \
    requires(!is_dual<U>) && std::is_constructible_v<Dual<S>, const U&>                 \
  Dual<S> operator op(const Dual<S>& a, const U& b) {                                   \
    return a op Dual<S>(b);                                                             \
  }                                                                                     \
  template <class S, class U>                                                           \
    requires(!is_dual<U>) && std::is_constructible_v<Dual<S>, const U&>                 \
  Dual<S> operator op(const U& a, const Dual<S>& b) {                                   \
    return Dual<S>(a) op b;                                                             \
  }
DESCENT_DUAL_MIXED(+)
DESCENT_DUAL_MIXED(-)
DESCENT_DUAL_MIXED(*)
DESCENT_DUAL_MIXED(/)
#undef DESCENT_DUAL_MIXED
/// \endcond

/// a = a + b.
template <class S>
Dual<S>& operator+=(Dual<S>& a, const Dual<S>& b) {
  return a = a + b;
}
/// a = a - b.
template <class S>
Dual<S>& operator-=(Dual<S>& a, const Dual<S>& b) {
  return a = a - b;
}
/// a = a * b.
template <class S>
Dual<S>& operator*=(Dual<S>& a, const Dual<S>& b) {
  return a = a * b;
}
/// aⁿ for an integer n (n < 0 needs a ≠ 0).
template <class S>
Dual<S> pow(const Dual<S>& a, int n) {
  if (n == 0) return Dual<S>(S(1));
  if (n < 0) return Dual<S>(S(1)) / pow(a, -n);
  Dual<S> r = a;
  for (int k = 1; k < n; ++k) r = r * a;
  return r;
}
/// e^a, derivative e^a.
template <class S>
Dual<S> exp(const Dual<S>& a) {
  using std::exp;
  const S e = exp(a.value);
  return {e, e * a.derivative};
}
/// Throws std::domain_error unless the value is > 0.
template <class S>
Dual<S> log(const Dual<S>& a) {
  using std::log;
  if (!(primal(a.value) > 0)) throw std::domain_error("autodiff: log of a non-positive value");
  return {S(log(a.value)), a.derivative / a.value};
}
/// Throws std::domain_error unless the value is > 0 (the derivative is infinite at 0).
template <class S>
Dual<S> sqrt(const Dual<S>& a) {
  using std::sqrt;
  if (!(primal(a.value) > 0)) throw std::domain_error("autodiff: sqrt of a non-positive value");
  const S r = sqrt(a.value);
  return {r, a.derivative / (2 * r)};
}
/// σ(a) = 1/(1 + e^{−a}), σ′ = σ(1 − σ).
template <class S>
Dual<S> sigmoid(const Dual<S>& a) {
  using std::exp;
  const S s = S(1) / (1 + exp(S(-a.value)));
  return {s, s * (1 - s) * a.derivative};
}
/// tanh, tanh′ = 1 − tanh².
template <class S>
Dual<S> tanh(const Dual<S>& a) {
  using std::tanh;
  const S t = tanh(a.value);
  return {t, (1 - t * t) * a.derivative};
}
/// max(a, 0) with relu′(0) = 0. Over an Interval that straddles 0: the value [0, upper] and the
/// slope [0, 1] (an enclosure); nested duals over such an interval are not supported (the
/// comparison aborts), since the second derivative has no enclosure across the kink.
template <class S>
Dual<S> relu(const Dual<S>& a) {
  if constexpr (std::is_same_v<S, Interval>)
    return {relu_value(a.value), S(relu_slope(a.value) * a.derivative)};
  else
    return primal(a.value) > 0 ? a : Dual<S>(S(0), S(0));
}

/// sin, derivative cos.
template <class S>
Dual<S> sin(const Dual<S>& a) {
  using std::cos;
  using std::sin;
  return {S(sin(a.value)), S(cos(a.value)) * a.derivative};
}
/// cos, derivative −sin.
template <class S>
Dual<S> cos(const Dual<S>& a) {
  using std::cos;
  using std::sin;
  return {S(cos(a.value)), S(-S(sin(a.value))) * a.derivative};
}
/// softplus(a) = log(1 + e^a) without overflow (scalar.hpp), derivative σ(a).
template <class S>
Dual<S> softplus(const Dual<S>& a) {
  using descent::sigmoid;
  using descent::softplus;
  return {S(softplus(a.value)), S(sigmoid(a.value)) * a.derivative};
}
/// |a| with |·|′(0) = 0 (PyTorch's choice, sign(0) = 0). Over an Interval that contains 0: the value
/// [0, max|a|] and the slope [−1, 1] (an enclosure); nested duals over such an interval throw
/// std::domain_error, since the second derivative has no enclosure across the kink.
template <class S>
Dual<S> abs(const Dual<S>& a) {
  const auto& p = primal(a.value);
  if constexpr (std::is_same_v<std::decay_t<decltype(p)>, Interval>) {
    if (boost::multiprecision::lower(p) > 0) return a;
    if (boost::multiprecision::upper(p) < 0) return -a;
    if constexpr (std::is_same_v<S, Interval>)
      return {abs_value(a.value), S(Interval(-1, 1) * a.derivative)};
    else
      throw std::domain_error("abs has no second derivative at 0, which the box contains");
  } else {
    if (p > 0) return a;
    if (p < 0) return -a;
    return {S(0), S(0)};
  }
}

}  // namespace descent::autodiff
