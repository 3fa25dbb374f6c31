/// \file quickprop.hpp
/// \brief QuickProp (lesson 13): a per-coordinate secant Newton step (Fahlman 1988). No
/// square roots: runs in exact arithmetic.
///
/// Per coordinate, with S_k = ∂f/∂x_i at x_k and Δ_{k−1} = x_k − x_{k−1} the previous step:
///
/// | variant | step Δ_k = x_{k+1} − x_k | source |
/// |---|---|---|
/// | notes | Δ_k = −Δ_{k−1} S_k/(S_k − S_{k−1}): the minimizer of the parabola through the two slopes | seed 002, first display |
/// | fahlman | the same, but μΔ_{k−1} when the parabola's step would exceed μ times the last one or go the wrong way (d·S_k < μ/(1 + μ)·d·S_{k−1}, d = sign Δ_{k−1}); plus −εS_k when −S_k points the way of the last step | Fahlman (1988), his program quickprop1.c |
///
/// Both start with a gradient step Δ₀ = −εS₀, and take one again whenever Δ_{k−1} = 0 (the notes'
/// form also when S_k = S_{k−1}, where its parabola has no minimum).
#pragma once

#include "descent/optimizers.hpp"

namespace descent {

/// Which QuickProp.
enum class QuickPropVariant {
  notes,   ///< the bare secant step (seed 002)
  fahlman  ///< Fahlman's growth cap μ and gradient term
};

/// QuickProp. \f$\varepsilon > 0\f$ (the gradient step), \f$\mu > 0\f$ (the growth cap, 1.75 in
/// Fahlman's paper) (enforced).
template <class S>
class QuickProp final : public Optimizer<S> {
 public:
  /// Throws InputError unless eps > 0 and mu > 0.
  QuickProp(S eps, S mu, QuickPropVariant variant);
  void reset(int n) override {
    last_step_ = Vec<S>::Zero(n);
    last_slope_ = Vec<S>::Zero(n);
  }
  Vec<S> step(const Problem<S>&, const Vec<S>& x, const Vec<S>& g) override;
  std::string name() const override { return "quickprop"; }
  S* step_size() override { return &eps_; }

 private:
  S eps_, mu_;
  QuickPropVariant variant_;
  Vec<S> last_step_, last_slope_;
};

}  // namespace descent
