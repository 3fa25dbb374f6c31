/// \file twin.hpp
/// \brief Any objective from a formula written once, generically, with its gradient and Hessian
/// from automatic differentiation (lesson 15): `AdProblem`. And `ad_twin`, which rebuilds each
/// problem of the library from its public data (A, b, Φ, y, δ, L, …) as such a formula — written
/// apart from the problem's hand-written gradient and Hessian, so that each checks the other
/// (`descent grad`, tests/lib/test_autodiff.cpp, lesson 15).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "descent/autodiff/forward.hpp"
#include "descent/autodiff/reverse.hpp"
#include "descent/problems.hpp"

namespace descent::autodiff {

/// The value underneath any nesting of duals and tape variables (what a branch looks at).
template <class T>
const auto& base_value(const T& x) {
  if constexpr (is_dual<T>)
    return base_value(x.value);
  else if constexpr (is_var<T>)
    return base_value(x.value);
  else
    return x;
}

/// A Problem whose value, gradient (reverse mode), forward-mode gradient and Hessian (forward over
/// forward) all come from one generic formula f(x), x a std::vector of any of the AD types.
template <class S>
class AdProblem final : public Problem<S> {
 public:
  /// f as a callable template: it is instantiated here for S, `Var<S>`, `Dual<S>` and `Dual<Dual<S>>`.
  template <class F>
  AdProblem(std::string name, int n, const F& f)
      : name_(std::move(name)),
        n_(n),
        plain_([f](const std::vector<S>& x) { return f(x); }),
        reverse_([f](const std::vector<Var<S>>& x) { return f(x); }),
        forward_([f](const std::vector<Dual<S>>& x) { return f(x); }),
        second_([f](const std::vector<Dual<Dual<S>>>& x) { return f(x); }) {}
  int dimension() const override { return n_; }
  S value(const Vec<S>& x) const override;
  /// ∇f by one reverse pass (the tape's node count in last_tape_size()).
  Vec<S> gradient(const Vec<S>& x) const override;
  /// ∇²f by forward over forward, n(n+1)/2 passes.
  Mat<S> hessian(const Vec<S>& x) const override;
  std::string name() const override { return name_; }
  /// ∇f by n forward passes, one per coordinate direction.
  Vec<S> forward_gradient(const Vec<S>& x) const;
  /// ∇f(x)ᵀv by one forward pass.
  S directional(const Vec<S>& x, const Vec<S>& v) const;
  /// Nodes recorded by the last gradient() (inputs, constants and operations).
  std::size_t last_tape_size() const { return tape_size_; }

 private:
  void check(const Vec<S>& x) const;
  std::string name_;
  int n_;
  std::function<S(const std::vector<S>&)> plain_;
  std::function<Var<S>(const std::vector<Var<S>>&)> reverse_;
  std::function<Dual<S>(const std::vector<Dual<S>>&)> forward_;
  std::function<Dual<Dual<S>>(const std::vector<Dual<Dual<S>>>&)> second_;
  mutable std::size_t tape_size_ = 0;
};

/// The AD twin of a library problem: Quadratic, LeastSquares, SeedF, SeedG, Huber, Rosenbrock,
/// Lessard, PoorLocalMinimum, and (not in Rational) Lorentzian, ExpQuadratic1D,
/// LogisticRegression; Mlp (problems/mlp.hpp). Throws InputError for any other problem (the noisy
/// quadratic has no deterministic gradient to compare). Instantiated for double, Mpfr, Rational.
template <class S>
std::unique_ptr<AdProblem<S>> ad_twin(const Problem<S>& problem);

}  // namespace descent::autodiff
