/// \file quasi_newton.hpp
/// \brief Quasi-Newton methods (lesson 07): BFGS and limited-memory BFGS, both with the
/// strong-Wolfe line search of line_search.hpp (c₁ = 10⁻⁴, c₂ = 0.9).
#pragma once

#include <deque>
#include <vector>

#include "descent/optimizers.hpp"

namespace descent {

/// BFGS (Broyden, Fletcher, Goldfarb, Shanno 1970; Nocedal & Wright 2006, Alg. 6.1) on
/// the inverse Hessian approximation: H ← (I − ρsyᵀ)H(I − ρysᵀ) + ρssᵀ, ρ = 1/yᵀs, with
/// H₀ = (sᵀy/yᵀy)I set before the first update (N&W eq. 6.20); a pair with sᵀy ≤ 0 is
/// skipped. First trial step 1/‖∇f(x₀)‖, then 1. Double and Mpfr (the first step takes a
/// square root).
template <class S>
class BFGS final : public EvaluatingOptimizer<S> {
 public:
  void reset(int n) override;
  Vec<S> step(const Problem<S>& f, const Vec<S>& x, const Vec<S>& g) override;
  Vec<S> step_from(const Problem<S>& f, const Vec<S>& x, const S& fx, const Vec<S>& g) override;
  std::string name() const override { return "bfgs"; }

 private:
  Mat<S> H_;
  Vec<S> x_prev_, g_prev_;
  bool first_ = true;
};

/// L-BFGS with memory m (Nocedal 1980; Nocedal & Wright 2006, Alg. 7.4–7.5): the
/// two-loop recursion over the last m pairs (s, y), H₀ = (sᵀy/yᵀy)I from the newest
/// pair; a pair with sᵀy ≤ 0 is skipped. First trial step 1/‖∇f(x₀)‖, then 1.
/// \f$ 1 \le m \le 1000 \f$ (enforced). Double and Mpfr.
template <class S>
class LBFGS final : public EvaluatingOptimizer<S> {
 public:
  /// Throws InputError unless 1 ≤ m ≤ 1000.
  explicit LBFGS(int m);
  void reset(int) override;
  Vec<S> step(const Problem<S>& f, const Vec<S>& x, const Vec<S>& g) override;
  Vec<S> step_from(const Problem<S>& f, const Vec<S>& x, const S& fx, const Vec<S>& g) override;
  std::string name() const override { return "lbfgs"; }

 private:
  int m_;
  std::deque<Vec<S>> s_, y_;
  std::deque<S> rho_;
  Vec<S> x_prev_, g_prev_;
  std::vector<S> alpha_;  // the two-loop recursion's coefficients, reused
  Vec<S> q_;              // the two-loop recursion's vector, reused
  Vec<S> s_new_, y_new_;  // the newest pair before it is stored (storage reused)
  bool first_ = true;
};

}  // namespace descent
