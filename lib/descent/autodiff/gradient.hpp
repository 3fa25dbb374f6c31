/// \file gradient.hpp
/// \brief Gradients, directional derivatives and Hessians of a function written once, generically
/// (a callable templated on its scalar type), by the two modes of forward.hpp and reverse.hpp.
///
///     auto f = [](const auto& x) { return x[0] * x[0] * x[1]; };   // x: std::vector<T>
///     auto [fx, g] = autodiff::gradient<Rational>(f, x);            // one reverse pass
///     Rational d = autodiff::directional<Rational>(f, x, v);        // one forward pass
///     Mat<Rational> H = autodiff::hessian<Rational>(f, x);          // n(n+1)/2 forward-over-forward passes
#pragma once

#include <utility>
#include <vector>

#include "descent/autodiff/forward.hpp"
#include "descent/autodiff/reverse.hpp"
#include "descent/linalg.hpp"

namespace descent::autodiff {

/// f(x) and ∇f(x) by one reverse pass. Also returns, through `nodes` if given, the tape's size.
template <class S, class F>
std::pair<S, Vec<S>> gradient(const F& f, const Vec<S>& x, std::size_t* nodes = nullptr) {
  Tape<S> tape;
  std::vector<Var<S>> in;
  in.reserve(static_cast<std::size_t>(x.size()));
  for (int i = 0; i < x.size(); ++i) in.push_back(tape.input(x(i)));
  const Var<S> y = f(in);
  const std::vector<S> a = tape.adjoints(y);
  Vec<S> g(x.size());
  for (int i = 0; i < x.size(); ++i) g(i) = a[static_cast<std::size_t>(in[static_cast<std::size_t>(i)].index)];
  if (nodes) *nodes = tape.size();
  return {y.value, g};
}

/// ∇f(x)ᵀv by one forward pass.
template <class S, class F>
S directional(const F& f, const Vec<S>& x, const Vec<S>& v) {
  std::vector<Dual<S>> in;
  for (int i = 0; i < x.size(); ++i) in.emplace_back(x(i), v(i));
  return f(in).derivative;
}

/// vᵀ∇²f(x)w by one forward-over-forward pass (Dual<Dual<S>>).
template <class S, class F>
S second_directional(const F& f, const Vec<S>& x, const Vec<S>& v, const Vec<S>& w) {
  std::vector<Dual<Dual<S>>> in;
  for (int i = 0; i < x.size(); ++i) in.emplace_back(Dual<S>(x(i), w(i)), Dual<S>(v(i), S(0)));
  return f(in).derivative.derivative;
}

/// ∇²f(x), entry by entry (symmetric: n(n+1)/2 passes).
template <class S, class F>
Mat<S> hessian(const F& f, const Vec<S>& x) {
  const int n = static_cast<int>(x.size());
  Mat<S> H(n, n);
  for (int i = 0; i < n; ++i)
    for (int j = i; j < n; ++j) {
      const Vec<S> ei = Vec<S>::Unit(n, i), ej = Vec<S>::Unit(n, j);
      // not H(i, j) = H(j, i) = …: for i = j that self-assigns, which leaves an MPFI value NaN
      H(i, j) = second_directional<S>(f, x, ei, ej);
      if (i != j) H(j, i) = H(i, j);
    }
  return H;
}

}  // namespace descent::autodiff
