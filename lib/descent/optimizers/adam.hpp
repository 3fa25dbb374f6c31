/// \file adam.hpp
/// \brief Adam and its relatives (lesson 12): Kingma & Ba's Algorithm 1 with and without bias
/// correction, the ε̂ variant, AMSGrad, Adam with L2 regularization, and AdamW's decoupled
/// weight decay in the paper's form and PyTorch's. One optimizer; the variants are options
/// (docs/design.md §5). Square roots: double and Mpfr only.
///
/// Per coordinate, with g = ∇f(x_{t−1}) (+ λx_{t−1} for L2), t = 1, 2, …, m₀ = v₀ = 0:
///
///     m ← β₁m + (1 − β₁)g,   v ← β₂v + (1 − β₂)g²,   (AMSGrad: v̂ ← max(v̂, v), used for v)
///     bias correction:    x ← x − α (m/(1 − β₁ᵗ)) / (√(v/(1 − β₂ᵗ)) + ε)     (Alg. 1; PyTorch)
///     ε̂ form:             x ← x − α_t m/(√v + ε̂),  α_t = α√(1 − β₂ᵗ)/(1 − β₁ᵗ) (end of Kingma & Ba §2)
///     no correction:      x ← x − α m/(√v + ε)   (seed 003 writes √(v + ε): EpsPlacement::inside)
///     decoupled (paper):  x ← x − η_t(α·(the step above)/α + λx),  η_t = α_t/α₀ the schedule multiplier
///                         (Loshchilov & Hutter, Alg. 2)
///     decoupled (PyTorch): x ← x(1 − αλ) − α·(the step above)/α   (torch.optim.AdamW)
#pragma once

#include "descent/optimizers.hpp"
#include "descent/optimizers/adaptive.hpp"

namespace descent {

/// How Adam handles a weight decay λ.
enum class WeightDecay {
  none,               ///< λ = 0
  l2,                 ///< g ← g + λx before the moments (Adam on f + λ‖x‖²/2; torch.optim.Adam weight_decay)
  decoupled_paper,    ///< x ← x − η_t λ x beside the Adam step (Loshchilov & Hutter, Alg. 2)
  decoupled_pytorch   ///< x ← x(1 − αλ) before the Adam step (torch.optim.AdamW: decay scaled by the learning rate)
};

/// The options of Adam (defaults: Kingma & Ba's Algorithm 1).
template <class S>
struct AdamOptions {
  S lr = S(1) / 1000;           ///< α > 0
  S beta1 = S(9) / 10;          ///< β₁ ∈ [0, 1)
  S beta2 = S(999) / 1000;      ///< β₂ ∈ [0, 1)
  S eps = S(1) / 100000000;     ///< ε ≥ 0
  bool bias_correction = true;  ///< divide m by 1 − β₁ᵗ and v by 1 − β₂ᵗ
  bool eps_hat = false;         ///< Kingma & Ba's ε̂ form (needs bias_correction)
  bool amsgrad = false;         ///< use v̂ = max of the v so far (Reddi, Kale & Kumar 2018)
  EpsPlacement placement = EpsPlacement::outside;  ///< √v + ε (paper) or √(v + ε) (seed 003)
  WeightDecay decay = WeightDecay::none;           ///< how λ enters
  S weight_decay = S(0);        ///< λ ≥ 0 (0 unless decay ≠ none)
};

/// Adam and its variants (see the file comment). Hyper-parameter ranges: \f$\alpha > 0\f$,
/// \f$0 \le \beta_1, \beta_2 < 1\f$, \f$\varepsilon \ge 0\f$, \f$\lambda \ge 0\f$, and
/// \f$\alpha\lambda \le 1\f$ for PyTorch's decoupled decay (enforced).
template <class S>
class Adam final : public Optimizer<S> {
 public:
  /// Throws InputError when an option is out of its range or the options contradict each
  /// other (ε̂ without bias correction, λ > 0 with decay none).
  explicit Adam(AdamOptions<S> options);
  void reset(int n) override {
    m_ = Vec<S>::Zero(n);
    v_ = Vec<S>::Zero(n);
    vmax_ = Vec<S>::Zero(n);
    t_ = 0;
  }
  Vec<S> step(const Problem<S>&, const Vec<S>& x, const Vec<S>& g) override;
  std::string name() const override;
  S* step_size() override { return &lr_; }
  /// The first moment m after the last step.
  const Vec<S>& first_moment() const { return m_; }
  /// The second moment v after the last step.
  const Vec<S>& second_moment() const { return v_; }

 private:
  AdamOptions<S> o_;
  S lr_;  // α_t: the options' lr, or what a schedule set
  Vec<S> m_, v_, vmax_;
  int t_ = 0;
};

/// The options of NAdam (defaults: torch.optim.NAdam's).
template <class S>
struct NAdamOptions {
  S lr = S(2) / 1000;               ///< γ > 0
  S beta1 = S(9) / 10;              ///< β₁ ∈ [0, 1)
  S beta2 = S(999) / 1000;          ///< β₂ ∈ [0, 1)
  S eps = S(1) / 100000000;         ///< ε ≥ 0
  S weight_decay = S(0);            ///< λ ≥ 0: g ← g + λx (L2)
  S momentum_decay = S(4) / 1000;   ///< ψ ≥ 0 of the momentum schedule μ_t = β₁(1 − ½·0.96^(tψ))
  /// Π_{t+1} as torch 1.13's NAdam computes it, Π_t·μ_t·μ_{t+1} (an extra factor μ_t; fixed in
  /// torch 2.0), instead of Dozat's Π_t·μ_{t+1}.
  bool torch_1_13_product = false;
};

/// NAdam (Dozat 2016, "Incorporating Nesterov momentum into Adam"), in PyTorch's form
/// (torch.optim.NAdam): Adam whose step uses the momentum of the next step, as Nesterov's does.
/// Per coordinate, t = 1, 2, …, m₀ = v₀ = 0, μ_t = β₁(1 − ½·0.96^(tψ)), Π_t = μ₁⋯μ_t:
///
///     m ← β₁m + (1 − β₁)g,   v ← β₂v + (1 − β₂)g²,   d = √(v/(1 − β₂ᵗ)) + ε
///     x ← x − γ(1 − μ_t)/(1 − Π_t) · g/d,   then   x ← x − γμ_{t+1}/(1 − Π_{t+1}) · m/d
///
/// (two updates of x, each rounded, as PyTorch's two addcdiv_). The products Π_t are kept as
/// state and each step computes two powers: the cost of a step does not grow with t.
/// Ranges (enforced): \f$\gamma > 0\f$, \f$0 \le \beta_1, \beta_2 < 1\f$, \f$\varepsilon, \lambda,
/// \psi \ge 0\f$. Powers of 0.96: double and Mpfr only.
template <class S>
class NAdam final : public Optimizer<S> {
 public:
  /// Throws InputError when an option is out of its range.
  explicit NAdam(NAdamOptions<S> options);
  void reset(int n) override {
    m_ = Vec<S>::Zero(n);
    v_ = Vec<S>::Zero(n);
    t_ = 0;
    mu_product_ = 1;
  }
  Vec<S> step(const Problem<S>&, const Vec<S>& x, const Vec<S>& g) override;
  std::string name() const override { return "nadam"; }
  S* step_size() override { return &lr_; }
  /// μ_t = β₁(1 − ½·0.96^(tψ)), the momentum of step t ≥ 1.
  S momentum(int t) const;

 private:
  NAdamOptions<S> o_;
  S lr_;  // γ_t: the options' lr, or what a schedule set
  Vec<S> m_, v_;
  int t_ = 0;
  S mu_product_ = 1;  // Π_t
};


/// The options of RAdam and Adamax (defaults: torch.optim.RAdam's; Adamax's lr is 2e-3).
template <class S>
struct RAdamOptions {
  S lr = S(1) / 1000;         ///< γ > 0
  S beta1 = S(9) / 10;        ///< β₁ ∈ [0, 1)
  S beta2 = S(999) / 1000;    ///< β₂ ∈ [0, 1)
  S eps = S(1) / 100000000;   ///< ε ≥ 0
  S weight_decay = S(0);      ///< λ ≥ 0: g ← g + λx (L2)
  bool maximize = false;      ///< Adamax only: ascend, g ← −g first
};

/// RAdam (Liu et al. 2020, "On the variance of the adaptive learning rate and beyond"), in
/// torch.optim.RAdam's form: Adam whose adaptive step is switched on only once the variance of the
/// adaptive rate is tractable. With m̂ = m/(1 − β₁ᵗ), ρ∞ = 2/(1 − β₂) − 1 and
/// ρ_t = ρ∞ − 2tβ₂ᵗ/(1 − β₂ᵗ): if ρ_t > 5,
///     r_t = √((ρ_t − 4)(ρ_t − 2)ρ∞ / ((ρ∞ − 4)(ρ∞ − 2)ρ_t)),  x ← x − m̂·γ·(√(1 − β₂ᵗ)/(√v + ε))·r_t,
/// else x ← x − γm̂ (SGD with momentum). Double and Mpfr (square roots).
template <class S>
class RAdam final : public Optimizer<S> {
 public:
  /// Throws InputError when an option is out of its range.
  explicit RAdam(RAdamOptions<S> options);
  void reset(int n) override {
    m_ = Vec<S>::Zero(n);
    v_ = Vec<S>::Zero(n);
    t_ = 0;
  }
  Vec<S> step(const Problem<S>&, const Vec<S>& x, const Vec<S>& g) override;
  std::string name() const override { return "radam"; }
  S* step_size() override { return &lr_; }

 private:
  RAdamOptions<S> o_;
  S lr_;
  Vec<S> m_, v_;
  int t_ = 0;
};

/// Adamax (Kingma & Ba 2015, §7.1), in torch.optim.Adamax's form: Adam with the infinity norm,
///     m ← β₁m + (1 − β₁)g,   u ← max(β₂u, |g| + ε),   x ← x − γ/(1 − β₁ᵗ) · m/u
/// (PyTorch puts ε inside the max; the paper has none). Rational operations only: it runs exactly.
template <class S>
class Adamax final : public Optimizer<S> {
 public:
  /// Throws InputError when an option is out of its range.
  explicit Adamax(RAdamOptions<S> options);
  void reset(int n) override {
    m_ = Vec<S>::Zero(n);
    u_ = Vec<S>::Zero(n);
    t_ = 0;
    beta1_t_ = 1;
  }
  Vec<S> step(const Problem<S>&, const Vec<S>& x, const Vec<S>& g) override;
  std::string name() const override { return "adamax"; }
  S* step_size() override { return &lr_; }

 private:
  RAdamOptions<S> o_;
  S lr_;
  Vec<S> m_, u_;
  int t_ = 0;
  S beta1_t_ = 1;  // β₁ᵗ, a running product
};

}  // namespace descent
