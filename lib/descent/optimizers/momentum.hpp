/// \file momentum.hpp
/// \brief Momentum in the forms the notes and the frameworks write it (lesson 08). Each form
/// is a policy of one optimizer, not a copied loop (DESIGN.md §5); the forms that are the
/// same method up to a change of variables produce the same iterates x_k (checked in
/// tests/lib in exact arithmetic).
///
/// | method, form | update | source |
/// |---|---|---|
/// | heavy ball, notes | v ← βv − η∇f(x), x ← x + v | seed 002 |
/// | heavy ball, seed 003 | v ← −∇f(x) + βv, x ← x + ηv (HeavyBall in optimizers.hpp) | seed 003 |
/// | heavy ball, pytorch | b ← βb + ∇f(x), x ← x − ηb | torch.optim.SGD(momentum=β) |
/// | Nesterov, notes | v ← βv − η∇f(x + βv), x ← x + v | seeds 002, 003 (look-ahead) |
/// | Nesterov, pytorch | b ← βb + ∇f(x), x ← x − η(∇f(x) + βb) | SGD(momentum=β, nesterov=True) |
///
/// All start from v = b = 0 (PyTorch's first step sets b = ∇f(x₀), the same thing). With a
/// constant η the three heavy-ball forms give the same x_k (v = ηu = −ηb). The two Nesterov
/// forms are the same method seen at different points: PyTorch's iterate is the notes'
/// look-ahead point x_k + βv_k.
#pragma once

#include "descent/optimizers.hpp"

namespace descent {

/// Which way a momentum method is written (see the file's table).
enum class MomentumForm {
  notes,   ///< the lecture notes' velocity form
  pytorch  ///< PyTorch's buffer form (dampening 0)
};

/// Heavy ball (Polyak 1964) or Nesterov's accelerated gradient (Nesterov 1983) with a
/// constant step and momentum, in either form. \f$ \eta > 0,\ 0 \le \beta < 1 \f$ (enforced).
template <class S>
class Momentum final : public Optimizer<S> {
 public:
  /// Throws InputError unless eta > 0 and 0 ≤ beta < 1.
  Momentum(S eta, S beta, MomentumForm form, bool nesterov);
  void reset(int n) override { v_ = Vec<S>::Zero(n); }
  Vec<S> step(const Problem<S>& f, const Vec<S>& x, const Vec<S>& g) override;
  std::string name() const override { return nesterov_ ? "nesterov" : "heavy_ball"; }

 private:
  S eta_, beta_;
  MomentumForm form_;
  bool nesterov_;
  Vec<S> v_;  // the notes' velocity v, or PyTorch's buffer b
};

}  // namespace descent
