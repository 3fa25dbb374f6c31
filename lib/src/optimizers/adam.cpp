// Adam, AMSGrad, Adam with L2, AdamW.
#include "descent/optimizers/adam.hpp"

namespace descent {

template <class S>
Adam<S>::Adam(AdamOptions<S> options) : o_(std::move(options)), lr_(o_.lr) {
  auto require = [](bool ok, const std::string& what, const S& value) {
    if (!ok) throw InputError(what + ", got " + to_string<S>(value));
  };
  require(o_.lr > 0, "lr: must be > 0", o_.lr);
  require(o_.beta1 >= 0 && o_.beta1 < 1, "betas: beta1 must be in [0, 1)", o_.beta1);
  require(o_.beta2 >= 0 && o_.beta2 < 1, "betas: beta2 must be in [0, 1)", o_.beta2);
  require(o_.eps >= 0, "eps: must be >= 0", o_.eps);
  require(o_.weight_decay >= 0, "weight_decay: must be >= 0", o_.weight_decay);
  if (o_.decay == WeightDecay::none && o_.weight_decay != 0)
    throw InputError("weight_decay: a decay lambda needs a way to apply it (l2 or decoupled)");
  if (o_.decay == WeightDecay::decoupled_pytorch)
    require(o_.lr * o_.weight_decay <= 1, "weight_decay: lr * weight_decay must be <= 1 (x <- x (1 - lr lambda))",
            o_.weight_decay);
  if (o_.eps_hat && !o_.bias_correction)
    throw InputError("adam: the eps-hat form rewrites the bias-corrected step; it needs bias correction");
  if (o_.eps_hat && o_.placement == EpsPlacement::inside)
    throw InputError("adam: the eps-hat form adds eps-hat outside the square root");
}

template <class S>
std::string Adam<S>::name() const {
  if (o_.amsgrad) return "amsgrad";
  return o_.decay == WeightDecay::decoupled_paper || o_.decay == WeightDecay::decoupled_pytorch ? "adamw" : "adam";
}

template <class S>
Vec<S> Adam<S>::step(const Problem<S>&, const Vec<S>& x, const Vec<S>& g_in) {
  using std::sqrt;
  const int n = static_cast<int>(x.size());
  if (m_.size() != n) reset(n);
  ++t_;
  Vec<S> g = g_in;
  if (o_.decay == WeightDecay::l2) g += o_.weight_decay * x;
  Vec<S> next = x;
  if (o_.decay == WeightDecay::decoupled_pytorch) next *= S(1 - lr_ * o_.weight_decay);
  if (o_.decay == WeightDecay::decoupled_paper) next -= (lr_ / o_.lr) * o_.weight_decay * x;
  S bc1 = 1, bc2 = 1;
  if (o_.bias_correction) {
    S p1 = 1, p2 = 1;
    for (int k = 0; k < t_; ++k) {
      p1 *= o_.beta1;
      p2 *= o_.beta2;
    }
    bc1 = 1 - p1;
    bc2 = 1 - p2;
  }
  const S bc2_sqrt = sqrt(bc2);
  for (int i = 0; i < n; ++i) {
    m_(i) = o_.beta1 * m_(i) + (1 - o_.beta1) * g(i);
    v_(i) = o_.beta2 * v_(i) + (1 - o_.beta2) * g(i) * g(i);
    if (vmax_(i) < v_(i)) vmax_(i) = v_(i);
    const S& v = o_.amsgrad ? vmax_(i) : v_(i);
    S denom;
    S scale = lr_;
    if (o_.eps_hat) {
      scale = lr_ * bc2_sqrt / bc1;  // α_t = α √(1 − β₂ᵗ)/(1 − β₁ᵗ)
      denom = sqrt(v) + o_.eps;
    } else if (o_.placement == EpsPlacement::outside) {
      scale = lr_ / bc1;
      denom = sqrt(v) / bc2_sqrt + o_.eps;
    } else {
      scale = lr_ / bc1;
      denom = sqrt(S(v / bc2 + o_.eps));
    }
    if (denom != 0) next(i) -= scale * m_(i) / denom;
  }
  return next;
}

template class Adam<double>;
template class Adam<Mpfr>;

}  // namespace descent
