/// \file quasi_newton.hpp
/// \brief Quasi-Newton methods (lesson 07): BFGS and limited-memory BFGS, both with the
/// strong-Wolfe line search of line_search.hpp (c₁ = 10⁻⁴, c₂ = 0.9), and torch.optim.LBFGS
/// (PyTorch 1.13) as PyTorch runs it.
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

/// torch.optim.LBFGS's options, with PyTorch 1.13's names and defaults.
template <class S>
struct TorchLBFGSOptions {
  S lr = 1;                          ///< step length of the fixed step, or the line search's first trial
  int max_iter = 20;                 ///< iterations per optimizer step (one call of step())
  int max_eval = 25;                 ///< evaluations per optimizer step (torch: max_iter·5/4, rounded down)
  S tolerance_grad = S(1) / 10000000;   ///< a step does nothing when max_i |g_i| ≤ this (torch: 1e-7)
  S tolerance_change = S(1) / 1000000000;  ///< an optimizer step ends when |Δf| or max_i |t d_i| fall below this (1e-9)
  int history_size = 100;            ///< pairs (s, y) kept
  bool strong_wolfe = false;         ///< line_search_fn = "strong_wolfe" (else a fixed step lr)
};

/// torch.optim.LBFGS (PyTorch 1.13, after minFunc), transcribed step for step: one step() is
/// one call of torch's optimizer.step(closure), up to max_iter L-BFGS iterations.
/// - Nothing is done when max_i |g_i| ≤ tolerance_grad.
/// - Direction: −g at the very first iteration; after it the two-loop recursion over the pairs
///   (s, y) = (t d, Δg) kept when yᵀs > 10⁻¹⁰, scaled by H_diag = yᵀs/yᵀy of the newest pair.
/// - Step: t = min(1, 1/‖g‖₁)·lr at the very first iteration, then lr; with strong_wolfe, torch's
///   own search from that t (cubic interpolation, c₁ = 10⁻⁴, c₂ = 0.9, 25 evaluations, its
///   tolerance_change fixed at 10⁻⁹ whatever the optimizer's).
/// - An optimizer step ends after max_iter iterations, max_eval evaluations, when max|g| ≤
///   tolerance_grad, when max_i |t d_i| ≤ tolerance_change, when |f − f_prev| < tolerance_change,
///   or when gᵀd > −tolerance_change (then without moving).
/// State (pairs, d, t, the last gradient) carries over between optimizer steps, as torch keeps it.
/// Double, Mpfr, and Rational without the line search (everything is rational then).
template <class S>
class TorchLBFGS final : public EvaluatingOptimizer<S> {
 public:
  /// Throws InputError for lr ≤ 0, max_iter < 1, max_eval < 1, a negative tolerance,
  /// history_size < 1, or strong_wolfe in Rational.
  explicit TorchLBFGS(TorchLBFGSOptions<S> options);
  void reset(int) override;
  Vec<S> step(const Problem<S>& f, const Vec<S>& x, const Vec<S>& g) override;
  Vec<S> step_from(const Problem<S>& f, const Vec<S>& x, const S& fx, const Vec<S>& g) override;
  std::string name() const override { return "lbfgs"; }
  /// Evaluations of f and ∇f made by the last step (without the one at its start, which the runner makes).
  int last_evaluations() const { return last_evaluations_; }

 private:
  TorchLBFGSOptions<S> o_;
  long long n_iter_ = 0;                      // torch's state['n_iter'], over all optimizer steps
  std::deque<Vec<S>> old_dirs_, old_stps_;    // y and s, oldest first
  std::deque<S> ro_;                          // 1/yᵀs
  S H_diag_ = 1;
  Vec<S> d_, prev_flat_grad_;
  S t_ = 0;
  std::vector<S> al_;
  int last_evaluations_ = 0;
};

}  // namespace descent
