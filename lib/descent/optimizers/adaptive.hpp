/// \file adaptive.hpp
/// \brief Per-parameter step sizes (lesson 11): AdaGrad, RMSProp and AdaDelta, each with the
/// forms the notes, the papers and PyTorch write (variants are options of one optimizer, not
/// copied loops; docs/design.md §5). All act coordinate by coordinate on g = ∇f(x); all take
/// square roots, so they run in double and Mpfr only.
///
/// | method, form | update (per coordinate, g = ∇f(x_k)) | source |
/// |---|---|---|
/// | AdaGrad, notes | x ← x − (η^t/σ^t) g, η^t = η/√(t + 1), σ^t = √(Σ_{i≤t} g_i²/(t + 1)) | seed 001 |
/// | AdaGrad, paper | G ← G + g², x ← x − η g/(ε + √G) | Duchi, Hazan & Singer (2011); seed 003 |
/// | AdaGrad, pytorch | G₀ = initial_accumulator_value; G ← G + g², x ← x − η_t g/(√G + ε), η_t = η/(1 + (t − 1)·lr_decay) | torch.optim.Adagrad |
/// | RMSProp | v ← ρv + (1 − ρ)g², x ← x − η g/(√v + ε) (ε outside) or η g/√(v + ε) (inside, seed 003) | Hinton (2012); torch.optim.RMSprop |
/// | RMSProp, centred | m ← ρm + (1 − ρ)g, denominator √(v − m²) + ε | Graves (2013); RMSprop(centered=True) |
/// | RMSProp, momentum μ | b ← μb + g/(√v + ε), x ← x − ηb | RMSprop(momentum=μ) |
/// | AdaDelta | E_g ← ρE_g + (1 − ρ)g², Δ = √(E_Δ + ε)/√(E_g + ε)·g, E_Δ ← ρE_Δ + (1 − ρ)Δ², x ← x − ηΔ | Zeiler (2012) Alg. 1 (η = 1); torch.optim.Adadelta (lr = η) |
/// | AdaDelta, notes | as above with one scalar u ← ρu + (1 − ρ)‖Δ‖² for all coordinates | seed 003 |
#pragma once

#include "descent/optimizers.hpp"

namespace descent {

/// Where ε enters a denominator built from an accumulator G of squared gradients.
enum class EpsPlacement {
  outside,  ///< √G + ε (Duchi et al., Kingma & Ba, PyTorch)
  inside    ///< √(G + ε) (seed 003, Zeiler's RMS)
};

/// Which way AdaGrad is written (see the file's table).
enum class AdaGradForm {
  notes,   ///< seed 001: (η/√(t + 1)) / RMS of past derivatives; no ε
  paper,   ///< Duchi et al. (2011), diagonal: η/(ε + √G), or √(G + ε) with EpsPlacement::inside
  pytorch  ///< torch.optim.Adagrad: initial accumulator, lr_decay, √G + ε
};

/// PyTorch's weight_decay λ ≥ 0 of the three methods adds λx to the gradient first (L2).
///
/// AdaGrad. Hyper-parameters: \f$\eta > 0\f$, \f$\varepsilon \ge 0\f$ (the notes' form has none:
/// pass 0), initial accumulator \f$G_0 \ge 0\f$, lr_decay \f$\ge 0\f$ (all enforced). A coordinate
/// whose accumulated denominator is 0 (every gradient so far 0 there, ε = 0) does not move.
template <class S>
class AdaGrad final : public Optimizer<S> {
 public:
  /// Throws InputError unless eta > 0, eps ≥ 0, initial ≥ 0, lr_decay ≥ 0, and (the notes'
  /// form) eps = initial = lr_decay = 0.
  AdaGrad(S eta, S eps, AdaGradForm form = AdaGradForm::paper, EpsPlacement placement = EpsPlacement::outside,
          S initial = S(0), S lr_decay = S(0), S weight_decay = S(0));
  void reset(int n) override {
    G_ = Vec<S>::Constant(n, initial_);
    t_ = 0;
  }
  Vec<S> step(const Problem<S>&, const Vec<S>& x, const Vec<S>& g) override;
  std::string name() const override { return "adagrad"; }
  S* step_size() override { return &eta_; }
  /// The accumulator: Σ g_i² (plus G₀) after the last step.
  const Vec<S>& accumulator() const { return G_; }

 private:
  S eta_, eps_;
  AdaGradForm form_;
  EpsPlacement placement_;
  S initial_, lr_decay_, weight_decay_;
  Vec<S> G_;
  int t_ = 0;
};

/// RMSProp. \f$\eta > 0\f$, decay \f$0 \le \rho < 1\f$ (PyTorch's alpha), \f$\varepsilon \ge 0\f$,
/// momentum \f$0 \le \mu < 1\f$ (enforced). Accumulators start at 0.
template <class S>
class RMSProp final : public Optimizer<S> {
 public:
  /// Throws InputError unless eta > 0, 0 ≤ rho < 1, eps ≥ 0, 0 ≤ momentum < 1, weight_decay ≥ 0.
  RMSProp(S eta, S rho, S eps, EpsPlacement placement = EpsPlacement::outside, bool centered = false,
          S momentum = S(0), S weight_decay = S(0));
  void reset(int n) override {
    v_ = Vec<S>::Zero(n);
    m_ = Vec<S>::Zero(n);
    b_ = Vec<S>::Zero(n);
  }
  Vec<S> step(const Problem<S>&, const Vec<S>& x, const Vec<S>& g) override;
  std::string name() const override { return "rmsprop"; }
  S* step_size() override { return &eta_; }
  /// The average of squared gradients v after the last step.
  const Vec<S>& square_average() const { return v_; }

 private:
  S eta_, rho_, eps_;
  EpsPlacement placement_;
  bool centered_;
  S momentum_, weight_decay_;
  Vec<S> v_, m_, b_;
};

/// Which way AdaDelta is written.
enum class AdaDeltaForm {
  paper,  ///< Zeiler (2012), Alg. 1, per coordinate, with a learning rate η as PyTorch has (η = 1: Zeiler)
  notes,  ///< seed 003: one scalar accumulator u of ‖Δx‖² for all coordinates
  stale   ///< the implementation slip: divides by E_g before adding g² to it (E_g of the previous step)
};

/// AdaDelta. \f$\eta > 0\f$ (1 in Zeiler's paper), \f$0 \le \rho < 1\f$, \f$\varepsilon > 0\f$ for the
/// gradient accumulator and \f$\varepsilon_\Delta > 0\f$ for the step accumulator (Zeiler uses one ε
/// for both; they carry different units, see lesson 11) (enforced). Accumulators start at 0.
template <class S>
class AdaDelta final : public Optimizer<S> {
 public:
  /// Throws InputError unless eta > 0, 0 ≤ rho < 1, eps > 0, eps_delta > 0, weight_decay ≥ 0.
  AdaDelta(S eta, S rho, S eps, S eps_delta, AdaDeltaForm form = AdaDeltaForm::paper, S weight_decay = S(0));
  void reset(int n) override {
    Eg_ = Vec<S>::Zero(n);
    Ed_ = Vec<S>::Zero(n);
    u_ = S(0);
  }
  Vec<S> step(const Problem<S>&, const Vec<S>& x, const Vec<S>& g) override;
  std::string name() const override { return "adadelta"; }
  S* step_size() override { return &eta_; }

 private:
  S eta_, rho_, eps_, eps_delta_;
  AdaDeltaForm form_;
  S weight_decay_;
  Vec<S> Eg_, Ed_, delta_;
  S u_ = S(0);
};

}  // namespace descent
