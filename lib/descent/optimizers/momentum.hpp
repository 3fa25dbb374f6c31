/// \file momentum.hpp
/// \brief Momentum in the forms the notes and the frameworks write it (lesson 08). Each form
/// is a policy of one optimizer, not a copied loop (docs/design.md §5); the forms that are the
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
/// | Nesterov, μ-strongly convex | y = x_k + β(x_k − x_{k−1}), x_{k+1} = y − ∇f(y)/L, β = (√κ − 1)/(√κ + 1) | Nesterov (2004), (2.2.22) |
/// | Nesterov, convex | the same with β_k = (t_k − 1)/t_{k+1}, t_1 = 1, t_{k+1} = (1 + √(1 + 4t_k²))/2 | Nesterov (1983); Beck & Teboulle (2009) |
///
/// All start from v = b = 0 (PyTorch's first step sets b = ∇f(x₀), the same thing). With a
/// constant η the three heavy-ball forms give the same x_k (v = ηu = −ηb). The two Nesterov
/// forms are the same method seen at different points: PyTorch's iterate is the notes'
/// look-ahead point x_k + βv_k. The two schemes with L and μ are the notes' look-ahead form
/// with η = 1/L and v_k = x_k − x_{k−1}: a constant β when μ > 0, the schedule β_k when μ = 0.
///
/// Under a learning-rate schedule (Scheduled) the forms are no longer the same method: the
/// notes' v carries the past steps' η_j, PyTorch's buffer b does not, so PyTorch's step is
/// x_{k+1} − x_k = (η_k/η_{k−1})β(x_k − x_{k−1}) − η_k∇f(x_k) where the notes' is
/// β(x_k − x_{k−1}) − η_k∇f(x_k) (checked in lesson 10).
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
  /// Nesterov's scheme for an L-smooth, μ-strongly convex f (μ > 0: constant β =
  /// (√κ − 1)/(√κ + 1), κ = L/μ) or an L-smooth convex f (μ = 0: the t_k schedule), in the
  /// notes' form with η = 1/L. Throws InputError unless 0 ≤ μ < L; with S = Rational,
  /// unless μ > 0 and κ is the square of a rational (no square root is taken).
  static Momentum accelerated(const S& L, const S& mu);
  void reset(int n) override;
  /// v_0 = x_0 − x_{−1} in the notes' form; PyTorch's buffer starts at b = −v_0/η, so that
  /// both forms take the same first step βv_0 − η∇f(x_0) (heavy ball). The convex t_k
  /// scheme ignores it (β_0 = 0).
  bool set_initial_step(const Vec<S>& v0) override {
    v_init_ = v0;
    return true;
  }
  Vec<S> step(const Problem<S>& f, const Vec<S>& x, const Vec<S>& g) override;
  std::string name() const override { return nesterov_ ? "nesterov" : "heavy_ball"; }
  S* step_size() override { return &eta_; }
  /// The momentum β used by the last step (β_k for the convex scheme).
  const S& beta() const { return beta_; }

 private:
  S eta_, beta_;
  MomentumForm form_;
  bool nesterov_;
  bool t_schedule_ = false;  // the convex scheme: β_k from t_k
  S t_ = 1;                  // t_k of the convex scheme
  int k_ = 0;                // steps taken
  Vec<S> v_;  // the notes' velocity v, or PyTorch's buffer b
  Vec<S> v_init_;  // v_0 (empty: 0)
};

}  // namespace descent
