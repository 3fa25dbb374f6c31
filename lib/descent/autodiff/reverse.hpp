/// \file reverse.hpp
/// \brief Reverse-mode automatic differentiation (lesson 15): a tape (Wengert list) of the
/// operations, generic over the scalar S. Each node records its value and the local partial
/// derivatives with respect to at most two parents. One backward pass from an output y gives
/// ∂y/∂x_i for every input x_i (a vector–Jacobian product): the whole gradient of a scalar
/// function in one pass, where forward mode (forward.hpp) needs one pass per input.
///
/// Operations: + − × ÷, integer powers, exp, log, sqrt, the logistic sigmoid, tanh and ReLU
/// (relu′(0) = 0), sin, cos, softplus and abs. The tape counts its nodes, which is the cost measure lesson 15 compares.
#pragma once

#include <cmath>
#include <stdexcept>
#include <type_traits>
#include <vector>

#include "descent/scalar.hpp"

namespace descent::autodiff {

template <class S>
class Tape;

template <class S>
struct Var;
/// True for the tape variable types.
template <class T>
inline constexpr bool is_var = false;
/// \cond
template <class S>
inline constexpr bool is_var<Var<S>> = true;
/// \endcond

/// A value on a tape: the tape, the node's index and its value.
template <class S>
struct Var {
  Tape<S>* tape = nullptr;  ///< the tape that recorded it
  int index = -1;           ///< its node
  S value{0};               ///< its value
};

/// The tape: nodes in the order they were computed.
template <class S>
class Tape {
 public:
  /// A new input with value v.
  Var<S> input(const S& v) { return push(v, -1, S(0), -1, S(0)); }
  /// A constant (a node without parents).
  Var<S> constant(const S& v) { return push(v, -1, S(0), -1, S(0)); }
  /// Record a node with value v and local partials d1 = ∂v/∂p1, d2 = ∂v/∂p2 (p = −1: none).
  Var<S> push(const S& v, int p1, const S& d1, int p2, const S& d2) {
    nodes_.push_back({p1, p2, d1, d2});
    return {this, static_cast<int>(nodes_.size()) - 1, v};
  }
  /// ∂y/∂(node i) for every node, by one backward sweep from y.
  std::vector<S> adjoints(const Var<S>& y) const {
    if (y.tape != this) throw std::invalid_argument("autodiff: the output is not on this tape");
    std::vector<S> a(nodes_.size(), S(0));
    a[static_cast<std::size_t>(y.index)] = S(1);
    for (int i = y.index; i >= 0; --i) {
      const auto& n = nodes_[static_cast<std::size_t>(i)];
      const S& ai = a[static_cast<std::size_t>(i)];
      if (ai == 0) continue;
      if (n.p1 >= 0) a[static_cast<std::size_t>(n.p1)] += n.d1 * ai;
      if (n.p2 >= 0) a[static_cast<std::size_t>(n.p2)] += n.d2 * ai;
    }
    return a;
  }
  /// Number of nodes recorded (inputs, constants and operations).
  std::size_t size() const { return nodes_.size(); }

 private:
  struct Node {
    int p1, p2;
    S d1, d2;
  };
  std::vector<Node> nodes_;
};

/// \cond
namespace detail {
// The common tape of two values (throws std::invalid_argument for two tapes).
template <class S>
Tape<S>* tape_of(const Var<S>& a, const Var<S>& b) {
  if (a.tape && b.tape && a.tape != b.tape) throw std::invalid_argument("autodiff: values from two tapes");
  return a.tape ? a.tape : b.tape;
}
}  // namespace detail
/// \endcond

/// Sum, with the derivative by the chain rule.
template <class S>
Var<S> operator+(const Var<S>& a, const Var<S>& b) {
  return detail::tape_of(a, b)->push(a.value + b.value, a.index, S(1), b.index, S(1));
}
/// Difference (or negation), with the derivative by the chain rule.
template <class S>
Var<S> operator-(const Var<S>& a, const Var<S>& b) {
  return detail::tape_of(a, b)->push(a.value - b.value, a.index, S(1), b.index, S(-1));
}
/// Difference (or negation), with the derivative by the chain rule.
template <class S>
Var<S> operator-(const Var<S>& a) {
  return a.tape->push(S(-a.value), a.index, S(-1), -1, S(0));
}
/// Product, with the derivative by the chain rule.
template <class S>
Var<S> operator*(const Var<S>& a, const Var<S>& b) {
  return detail::tape_of(a, b)->push(a.value * b.value, a.index, b.value, b.index, a.value);
}
/// Throws std::domain_error when the divisor is 0.
template <class S>
Var<S> operator/(const Var<S>& a, const Var<S>& b) {
  if (b.value == 0) throw std::domain_error("autodiff: division by zero");
  const S q = a.value / b.value;
  return detail::tape_of(a, b)->push(q, a.index, S(S(1) / b.value), b.index, S(-q / b.value));
}
/// \cond
// A value on a tape and a constant: the constant becomes a node of the tape.
#define DESCENT_VAR_MIXED(op)                                                           \
  template <class S, class U>                                                           \
    requires std::is_constructible_v<S, const U&>                                       \
  Var<S> operator op(const Var<S>& a, const U& b) {                                     \
    return a op a.tape->constant(S(b));                                                 \
  }                                                                                     \
  template <class S, class U>                                                           \
    requires std::is_constructible_v<S, const U&>                                       \
  Var<S> operator op(const U& a, const Var<S>& b) {                                     \
    return b.tape->constant(S(a)) op b;                                                 \
  }
DESCENT_VAR_MIXED(+)
DESCENT_VAR_MIXED(-)
DESCENT_VAR_MIXED(*)
DESCENT_VAR_MIXED(/)
#undef DESCENT_VAR_MIXED
/// \endcond

/// aⁿ for an integer n (n < 0 needs a ≠ 0).
template <class S>
Var<S> pow(const Var<S>& a, int n) {
  if (n < 0 && a.value == 0) throw std::domain_error("autodiff: negative power of zero");
  S p = 1, q = 1;  // aⁿ and aⁿ⁻¹
  const int m = n < 0 ? -n : n;
  for (int k = 0; k < m; ++k) {
    if (k < m - 1) q *= a.value;
    p *= a.value;
  }
  if (n < 0) return a.tape->push(S(S(1) / p), a.index, S(S(-m) / (p * a.value)), -1, S(0));
  return a.tape->push(p, a.index, n == 0 ? S(0) : S(S(n) * q), -1, S(0));
}
/// e^a, derivative e^a.
template <class S>
Var<S> exp(const Var<S>& a) {
  using std::exp;
  const S e = exp(a.value);
  return a.tape->push(e, a.index, e, -1, S(0));
}
/// Throws std::domain_error unless the value is > 0.
template <class S>
Var<S> log(const Var<S>& a) {
  using std::log;
  if (!(a.value > 0)) throw std::domain_error("autodiff: log of a non-positive value");
  return a.tape->push(S(log(a.value)), a.index, S(S(1) / a.value), -1, S(0));
}
/// Throws std::domain_error unless the value is > 0.
template <class S>
Var<S> sqrt(const Var<S>& a) {
  using std::sqrt;
  if (!(a.value > 0)) throw std::domain_error("autodiff: sqrt of a non-positive value");
  const S r = sqrt(a.value);
  return a.tape->push(r, a.index, S(S(1) / (2 * r)), -1, S(0));
}
/// σ(a) = 1/(1 + e^{−a}), σ′ = σ(1 − σ).
template <class S>
Var<S> sigmoid(const Var<S>& a) {
  using std::exp;
  const S s = S(1) / (1 + exp(S(-a.value)));
  return a.tape->push(s, a.index, S(s * (1 - s)), -1, S(0));
}
/// tanh, tanh′ = 1 − tanh².
template <class S>
Var<S> tanh(const Var<S>& a) {
  using std::tanh;
  const S t = tanh(a.value);
  return a.tape->push(t, a.index, S(1 - t * t), -1, S(0));
}
/// max(a, 0) with relu′(0) = 0 (over an Interval straddling 0: value [0, upper], slope [0, 1]).
template <class S>
Var<S> relu(const Var<S>& a) {
  return a.tape->push(relu_value(a.value), a.index, relu_slope(a.value), -1, S(0));
}

/// sin, derivative cos.
template <class S>
Var<S> sin(const Var<S>& a) {
  using std::cos;
  using std::sin;
  return a.tape->push(S(sin(a.value)), a.index, S(cos(a.value)), -1, S(0));
}
/// cos, derivative −sin.
template <class S>
Var<S> cos(const Var<S>& a) {
  using std::cos;
  using std::sin;
  return a.tape->push(S(cos(a.value)), a.index, S(-S(sin(a.value))), -1, S(0));
}
/// softplus(a) = log(1 + e^a) without overflow (scalar.hpp), derivative σ(a).
template <class S>
Var<S> softplus(const Var<S>& a) {
  using descent::sigmoid;
  using descent::softplus;
  return a.tape->push(S(softplus(a.value)), a.index, S(sigmoid(a.value)), -1, S(0));
}
/// |a| with |·|′(0) = 0 (PyTorch's choice, sign(0) = 0). Point scalars only.
template <class S>
Var<S> abs(const Var<S>& a) {
  const int sign = a.value > 0 ? 1 : (a.value < 0 ? -1 : 0);
  return a.tape->push(sign < 0 ? S(-a.value) : a.value, a.index, S(sign), -1, S(0));
}

}  // namespace descent::autodiff
