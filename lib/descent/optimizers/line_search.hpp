/// \file line_search.hpp
/// \brief Choosing the step each time (lesson 05): exact line search (closed form on
/// quadratics, bracketing + golden section otherwise), Armijo backtracking, a
/// Wolfe line search for the quasi-Newton methods, and the optimizers built on them:
/// steepest descent with exact line search and gradient descent with backtracking.
#pragma once

#include "descent/optimizers.hpp"

namespace descent {

/// A point x + t·d reached by a line search, with f and ∇f there.
template <class S>
struct LineSearchPoint {
  S t;              ///< the step along d (0 if no step was accepted)
  S f;              ///< f(x + t d)
  Vec<S> g;         ///< ∇f(x + t d)
  int evaluations;  ///< evaluations of f and ∇f spent
};

/// The exact minimizer of t ↦ f(x + t d) on a quadratic f = ½xᵀAx − bᵀx + c:
/// \f$ t^* = -g^\top d / d^\top A d \f$ with g = ∇f(x). Exact in rationals. Throws
/// std::domain_error unless dᵀAd > 0 (otherwise the line has no minimum).
template <class S>
S exact_step_quadratic(const Quadratic<S>& f, const Vec<S>& g, const Vec<S>& d);

/// Exact line search on a general f: brackets a minimizer of φ(t) = f(x + t d), t ≥ 0,
/// starting from the trial step t0 > 0 (halving until φ(t) < φ(0), then doubling while φ
/// decreases), then narrows the bracket by golden section until its width is at most
/// √ε·(1 + t) (ε the unit roundoff of S). That width is the accuracy only for a well-scaled
/// φ: a comparison φ(u) < φ(v) of rounded values is decided by noise once the two differ
/// by less than their rounding, about ε|φ(t*)|, which happens within about
/// √(ε|φ(t*)|/φ''(t*)) of t* (Brent 1973, ch. 5). So for φ unimodal on t ≥ 0,
/// |t − t*| ≤ 2√ε(1 + t*) + 4√(ε|φ(t*)|/φ''(t*)) (lesson 05, claim exact_line_search,
/// checked for offsets up to 10^30 and curvatures down to 10^-40), and the second term
/// dominates for a large offset against a small curvature; no stopping rule can do better
/// from values of φ alone. Returns t = 0 if no decrease is found in 200 halvings. Double
/// and Mpfr only (the golden ratio is irrational).
template <class S>
LineSearchPoint<S> golden_section_search(const Problem<S>& f, const Vec<S>& x, const S& fx, const Vec<S>& d,
                                         const S& t0);

/// Armijo backtracking (Armijo 1966; Nocedal & Wright 2006, Alg. 3.1): the first
/// t = t0·ρʲ, j = 0, 1, …, with \f$ f(x + t d) \le f(x) + c\,t\,\nabla f(x)^\top d \f$.
/// Requires \f$ 0 < c < 1,\ 0 < \rho < 1,\ t_0 > 0 \f$ and a descent direction
/// (∇f(x)ᵀd < 0), otherwise throws InputError / std::invalid_argument. Terminates on
/// every C¹ function in exact arithmetic; in floating arithmetic, if 200 reductions find
/// no sufficient decrease (rounding noise near a minimizer), returns t = 0.
template <class S>
LineSearchPoint<S> backtracking_search(const Problem<S>& f, const Vec<S>& x, const S& fx, const Vec<S>& g,
                                       const Vec<S>& d, const S& t0, const S& c, const S& rho);

/// A strong-Wolfe line search by bracketing steps (LBFGSpp's "backtracking" family, the
/// peer of bench/): from t0, multiply t by ½ while the Armijo condition
/// f(x + t d) ≤ f(x) + c₁ t ∇f(x)ᵀd fails or |∇f(x + t d)ᵀd| > c₂|∇f(x)ᵀd| with a
/// positive slope, by 2.1 while the slope is still below c₂∇f(x)ᵀd; at most 20 trials.
/// Requires 0 < c₁ < c₂ < 1 and a descent direction. Returns the last Armijo point (or
/// t = 0) if the 20 trials run out.
template <class S>
LineSearchPoint<S> wolfe_search(const Problem<S>& f, const Vec<S>& x, const S& fx, const Vec<S>& g, const Vec<S>& d,
                                const S& t0, const S& c1, const S& c2);

/// Steepest descent with exact line search (Cauchy 1847): x_{k+1} = x_k − t_k g_k with
/// t_k minimizing f(x_k − t g_k). On a quadratic problem (Problem::is_quadratic) the step is the closed form
/// t_k = g_kᵀg_k / g_kᵀHg_k (exact in rationals); otherwise golden_section_search.
template <class S>
class SteepestDescent final : public EvaluatingOptimizer<S> {
 public:
  void reset(int) override {
    last_t_ = 0;
    this->have_ = false;
  }
  Vec<S> step(const Problem<S>& f, const Vec<S>& x, const Vec<S>& g) override;
  Vec<S> step_from(const Problem<S>& f, const Vec<S>& x, const S& fx, const Vec<S>& g) override;
  std::string name() const override { return "steepest"; }

 private:
  S last_t_ = 0;
};

/// Gradient descent with Armijo backtracking: d = −∇f(x), t from backtracking_search
/// with t0 = η each step. \f$ \eta > 0,\ 0 < c < 1,\ 0 < \rho < 1 \f$ (enforced).
template <class S>
class Backtracking final : public EvaluatingOptimizer<S> {
 public:
  /// Throws InputError unless eta > 0, 0 < c < 1 and 0 < rho < 1.
  Backtracking(S eta, S c, S rho);
  void reset(int) override { this->have_ = false; }
  Vec<S> step(const Problem<S>& f, const Vec<S>& x, const Vec<S>& g) override;
  Vec<S> step_from(const Problem<S>& f, const Vec<S>& x, const S& fx, const Vec<S>& g) override;
  std::string name() const override { return "backtracking"; }
  /// The step accepted by the last line search.
  const S& last_step() const { return last_t_; }

 private:
  S eta_, c_, rho_, last_t_ = 0;
};

/// Cyclic coordinate descent: step k changes coordinate i = k mod n only. With η = 0 on a
/// quadratic problem, the exact minimization along that coordinate, x_i ← x_i − g_i/h_ii (needs
/// h_ii > 0; exact in rationals); with η > 0, the coordinate gradient step
/// x_i ← x_i − η g_i. A sweep is n steps. η = 0 on a non-quadratic throws InputError.
template <class S>
class CoordinateDescent final : public Optimizer<S> {
 public:
  /// eta = 0: exact coordinate minimization (quadratics); eta > 0: coordinate gradient
  /// steps. Throws InputError if eta < 0.
  explicit CoordinateDescent(S eta);
  void reset(int) override { k_ = 0; }
  Vec<S> step(const Problem<S>& f, const Vec<S>& x, const Vec<S>& g) override;
  std::string name() const override { return "coordinate"; }
  /// η of the coordinate gradient steps; nullptr for exact coordinate minimization (η = 0).
  S* step_size() override { return eta_ > 0 ? &eta_ : nullptr; }

 private:
  S eta_;
  long long k_ = 0;
};

}  // namespace descent
