/// \file sign_based.hpp
/// \brief Rprop (lesson 13): steps that follow the sign of each partial derivative, with a
/// per-coordinate step length Δ that grows by η⁺ while the sign holds and shrinks by η⁻ when it
/// flips. The variants are options of one optimizer (docs/design.md §5). No square roots: every
/// variant runs in exact arithmetic.
///
/// | variant | on a sign flip (g_prev·g < 0) | source |
/// |---|---|---|
/// | notes_literal | revert the last step, Δw ← max(βΔw, Δmin), step again; signed Δw inside min and max | seed 002, "Rprop (simplified)", first display, run as written |
/// | notes_magnitude | as notes_literal with the ceiling and floor on the length |Δw| (what the prose describes) | seed 002, prose |
/// | notes_uncapped | revert, Δw ← βΔw, step again (no Δmin, Δmax) | seed 002, second display |
/// | rprop_plus | Δ ← max(η⁻Δ, Δmin), revert the last step, forget g | Riedmiller & Braun (1993); Igel & Hüsken (2000) Rprop⁺ |
/// | rprop_minus | Δ ← max(η⁻Δ, Δmin), step −sign(g)Δ (no revert) | Igel & Hüsken Rprop⁻ |
/// | irprop_plus | as rprop_plus, but revert only if f went up | Igel & Hüsken iRprop⁺ |
/// | irprop_minus | Δ ← max(η⁻Δ, Δmin), no step in that coordinate, forget g | Igel & Hüsken iRprop⁻; torch.optim.Rprop |
///
/// While the sign holds (g_prev·g > 0) every variant grows the length: Δ ← min(η⁺Δ, Δmax) and
/// steps −sign(g)Δ (the notes: Δw ← αΔw, with its own sign fixed at the start). With g_prev·g = 0
/// (the first step, or after a forgotten g) the step is −sign(g)Δ with Δ unchanged.
///
/// iRprop⁺ compares f(x_k) with f(x_{k−1}): in floating arithmetic a tie between two exactly equal values
/// can round either way, so its runs under --digits may part from the exact run at such a step.
///
/// The notes' variants keep the notes' state: one signed Δw per coordinate, its sign set once
/// from the first derivative, and prevD, which is not updated on a sign flip.
#pragma once

#include "descent/optimizers.hpp"

namespace descent {

/// Which Rprop (see the file's table).
enum class RpropVariant { notes_literal, notes_magnitude, notes_uncapped, rprop_plus, rprop_minus, irprop_plus, irprop_minus };

/// The variant's name as on the command line ("notes_literal", …, "irprop_minus").
std::string_view to_string(RpropVariant v);

/// The hyper-parameters of Rprop (defaults: PyTorch's).
template <class S>
struct RpropOptions {
  S eta_minus = S(1) / 2;    ///< η⁻ (the notes' β) ∈ (0, 1)
  S eta_plus = S(6) / 5;     ///< η⁺ (the notes' α) > 1
  S delta0 = S(1) / 100;     ///< initial step length Δ₀ ∈ [Δmin, Δmax] (PyTorch's lr)
  S delta_min = S(1) / 1000000;  ///< floor Δmin ≥ 0
  S delta_max = S(50);       ///< ceiling Δmax ≥ Δmin
  /// The sign of g·g_prev taken from the product computed in S, as torch.optim.Rprop does
  /// (`grad.mul(prev).sign()`): 0 when the product underflows, so the step length is kept. false:
  /// sign(g)·sign(g_prev), exact in every arithmetic.
  bool torch_sign_product = false;
};

/// Rprop in the variant chosen. Ranges: \f$0 < \eta^- < 1 < \eta^+\f$,
/// \f$0 \le \Delta_{min} \le \Delta_0 \le \Delta_{max}\f$ and \f$\Delta_0 > 0\f$ (enforced).
template <class S>
class Rprop final : public Optimizer<S> {
 public:
  /// Throws InputError when an option is out of range.
  Rprop(RpropVariant variant, RpropOptions<S> options);
  void reset(int n) override;
  Vec<S> step(const Problem<S>& problem, const Vec<S>& x, const Vec<S>& g) override {
    return step_from(problem, x, problem.value(x), g);
  }
  /// iRprop⁺ compares f(x_k) with f(x_{k−1}); the others ignore fx.
  Vec<S> step_from(const Problem<S>& problem, const Vec<S>& x, const S& fx, const Vec<S>& g) override;
  std::string name() const override { return "rprop"; }
  /// The step lengths Δ (unsigned) after the last step; for the notes' variants, the signed Δw.
  const Vec<S>& lengths() const { return delta_; }

 private:
  RpropVariant variant_;
  RpropOptions<S> o_;
  Vec<S> delta_;      // Δ, or the notes' signed Δw
  Vec<S> prev_g_;     // g_prev, or the notes' prevD
  Vec<S> last_move_;  // Δw(t−1): the last change of x, for backtracking
  S prev_f_ = S(0);
  bool started_ = false;
};

}  // namespace descent
