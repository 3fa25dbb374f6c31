// AdaGrad, RMSProp and AdaDelta.
#include "descent/optimizers/adaptive.hpp"

namespace descent {

namespace {
template <class S>
void require(bool ok, const std::string& what, const S& value) {
  if (!ok) throw InputError(what + ", got " + to_string<S>(value));
}
// The denominator built from an accumulator G: √G + ε or √(G + ε).
template <class S>
S root_with_eps(const S& G, const S& eps, EpsPlacement placement) {
  using std::sqrt;
  return placement == EpsPlacement::outside ? S(sqrt(G) + eps) : S(sqrt(S(G + eps)));
}
}  // namespace

template <class S>
AdaGrad<S>::AdaGrad(S eta, S eps, AdaGradForm form, EpsPlacement placement, S initial, S lr_decay, S weight_decay)
    : eta_(std::move(eta)),
      eps_(std::move(eps)),
      form_(form),
      placement_(placement),
      initial_(std::move(initial)),
      lr_decay_(std::move(lr_decay)),
      weight_decay_(std::move(weight_decay)) {
  require<S>(weight_decay_ >= 0, "weight_decay: must be >= 0", weight_decay_);
  require<S>(eta_ > 0, "lr: must be > 0", eta_);
  require<S>(eps_ >= 0, "eps: must be >= 0", eps_);
  require<S>(initial_ >= 0, "initial_accumulator_value: must be >= 0", initial_);
  require<S>(lr_decay_ >= 0, "lr_decay: must be >= 0", lr_decay_);
  if (form_ == AdaGradForm::notes && (eps_ != 0 || initial_ != 0 || lr_decay_ != 0 || weight_decay_ != 0))
    throw InputError("adagrad: the notes' form (seed 001) has no eps, initial accumulator or lr_decay");
}

template <class S>
Vec<S> AdaGrad<S>::step(const Problem<S>&, const Vec<S>& x, const Vec<S>& g_in) {
  using std::sqrt;
  if (G_.size() != x.size()) reset(static_cast<int>(x.size()));
  ++t_;
  const Vec<S> g = weight_decay_ != 0 ? Vec<S>(g_in + weight_decay_ * x) : g_in;
  Vec<S> next = x;
  const S t1 = S(t_);  // t + 1 in the notes' count (t from 0)
  const S eta_t = form_ == AdaGradForm::pytorch ? S(eta_ / (1 + (t1 - 1) * lr_decay_)) : eta_;
  for (int i = 0; i < x.size(); ++i) {
    G_(i) += g(i) * g(i);
    if (form_ == AdaGradForm::notes) {
      // η^t = η/√(t + 1), σ^t = √(Σ g²/(t + 1)), step (η^t/σ^t) g, literally
      const S sigma = sqrt(S(G_(i) / t1));
      if (sigma != 0) next(i) -= (eta_ / sqrt(t1)) / sigma * g(i);
    } else {
      const S d = root_with_eps(G_(i), eps_, placement_);
      if (d != 0) next(i) -= eta_t * g(i) / d;
    }
  }
  return next;
}

template <class S>
RMSProp<S>::RMSProp(S eta, S rho, S eps, EpsPlacement placement, bool centered, S momentum, S weight_decay)
    : eta_(std::move(eta)),
      rho_(std::move(rho)),
      eps_(std::move(eps)),
      placement_(placement),
      centered_(centered),
      momentum_(std::move(momentum)),
      weight_decay_(std::move(weight_decay)) {
  require<S>(weight_decay_ >= 0, "weight_decay: must be >= 0", weight_decay_);
  require<S>(eta_ > 0, "lr: must be > 0", eta_);
  require<S>(rho_ >= 0 && rho_ < 1, "alpha: must be in [0, 1)", rho_);
  require<S>(eps_ >= 0, "eps: must be >= 0", eps_);
  require<S>(momentum_ >= 0 && momentum_ < 1, "momentum: must be in [0, 1)", momentum_);
}

template <class S>
Vec<S> RMSProp<S>::step(const Problem<S>&, const Vec<S>& x, const Vec<S>& g_in) {
  if (v_.size() != x.size()) reset(static_cast<int>(x.size()));
  const Vec<S> g = weight_decay_ != 0 ? Vec<S>(g_in + weight_decay_ * x) : g_in;
  Vec<S> next = x;
  for (int i = 0; i < x.size(); ++i) {
    v_(i) = rho_ * v_(i) + (1 - rho_) * g(i) * g(i);
    S centred = v_(i);
    if (centered_) {
      m_(i) = rho_ * m_(i) + (1 - rho_) * g(i);
      centred = v_(i) - m_(i) * m_(i);
    }
    const S d = root_with_eps(centred, eps_, placement_);
    const S u = d != 0 ? S(g(i) / d) : S(0);
    if (momentum_ > 0) {
      b_(i) = momentum_ * b_(i) + u;
      next(i) -= eta_ * b_(i);
    } else {
      next(i) -= eta_ * u;
    }
  }
  return next;
}

template <class S>
AdaDelta<S>::AdaDelta(S eta, S rho, S eps, S eps_delta, AdaDeltaForm form, S weight_decay)
    : eta_(std::move(eta)),
      rho_(std::move(rho)),
      eps_(std::move(eps)),
      eps_delta_(std::move(eps_delta)),
      form_(form),
      weight_decay_(std::move(weight_decay)) {
  require<S>(weight_decay_ >= 0, "weight_decay: must be >= 0", weight_decay_);
  require<S>(eta_ > 0, "lr: must be > 0", eta_);
  require<S>(rho_ >= 0 && rho_ < 1, "rho: must be in [0, 1)", rho_);
  require<S>(eps_ > 0, "eps: must be > 0", eps_);
  require<S>(eps_delta_ > 0, "eps (of the step accumulator): must be > 0", eps_delta_);
}

template <class S>
Vec<S> AdaDelta<S>::step(const Problem<S>&, const Vec<S>& x, const Vec<S>& g_in) {
  using std::sqrt;
  const int n = static_cast<int>(x.size());
  if (Eg_.size() != n) reset(n);
  const Vec<S> g = weight_decay_ != 0 ? Vec<S>(g_in + weight_decay_ * x) : g_in;
  delta_ = Vec<S>::Zero(n);
  S norm2 = 0;
  for (int i = 0; i < n; ++i) {
    if (form_ == AdaDeltaForm::stale) {
      delta_(i) = sqrt(S(Ed_(i) + eps_delta_)) / sqrt(S(Eg_(i) + eps_)) * g(i);
      Eg_(i) = rho_ * Eg_(i) + (1 - rho_) * g(i) * g(i);
    } else {
      Eg_(i) = rho_ * Eg_(i) + (1 - rho_) * g(i) * g(i);
      const S num = form_ == AdaDeltaForm::notes ? S(u_ + eps_delta_) : S(Ed_(i) + eps_delta_);
      delta_(i) = sqrt(num) / sqrt(S(Eg_(i) + eps_)) * g(i);
    }
    norm2 += delta_(i) * delta_(i);
    if (form_ != AdaDeltaForm::notes) Ed_(i) = rho_ * Ed_(i) + (1 - rho_) * delta_(i) * delta_(i);
  }
  if (form_ == AdaDeltaForm::notes) u_ = rho_ * u_ + (1 - rho_) * norm2;
  return x - eta_ * delta_;
}

template class AdaGrad<double>;
template class AdaGrad<Mpfr>;
template class RMSProp<double>;
template class RMSProp<Mpfr>;
template class AdaDelta<double>;
template class AdaDelta<Mpfr>;

}  // namespace descent
