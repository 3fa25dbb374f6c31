/// \file adaptive.hpp
/// \brief Per-parameter step sizes (lessons 11–12): AdaGrad.
#pragma once

#include "descent/optimizers.hpp"

namespace descent {

/// AdaGrad (Duchi, Hazan & Singer 2011, diagonal form): G_k = Σ_{j≤k} g_j²,
/// x_{k+1} = x_k − η g_k / (δ + √G_k). \f$ \eta > 0,\ \delta > 0 \f$ (enforced). Needs
/// square roots: double and Mpfr only.
template <class S>
class AdaGrad final : public Optimizer<S> {
 public:
  /// Throws InputError unless eta > 0 and delta > 0.
  AdaGrad(S eta, S delta);
  void reset(int n) override { G_ = Vec<S>::Zero(n); }
  Vec<S> step(const Problem<S>&, const Vec<S>& x, const Vec<S>& g) override;
  std::string name() const override { return "adagrad"; }
  S* step_size() override { return &eta_; }

 private:
  S eta_, delta_;
  Vec<S> G_;
};

}  // namespace descent
