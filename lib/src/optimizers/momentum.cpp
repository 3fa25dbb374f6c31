// Heavy ball and Nesterov in the notes' and PyTorch's forms.
#include "descent/optimizers/momentum.hpp"

namespace descent {

template <class S>
Momentum<S>::Momentum(S eta, S beta, MomentumForm form, bool nesterov)
    : eta_(std::move(eta)), beta_(std::move(beta)), form_(form), nesterov_(nesterov) {
  if (!(eta_ > 0)) throw InputError("eta: must be > 0, got " + to_string<S>(eta_));
  if (!(beta_ >= 0 && beta_ < 1)) throw InputError("beta: must be in [0, 1), got " + to_string<S>(beta_));
}

template <class S>
Vec<S> Momentum<S>::step(const Problem<S>& f, const Vec<S>& x, const Vec<S>& g) {
  if (v_.size() != x.size()) v_ = Vec<S>::Zero(x.size());
  if (form_ == MomentumForm::notes) {
    if (nesterov_) {
      // the gradient at the look-ahead point x + βv (at v = 0 it is g itself)
      const Vec<S> ahead = v_.isZero(0) ? g : f.gradient(Vec<S>(x + beta_ * v_));
      v_ = beta_ * v_ - eta_ * ahead;
    } else {
      v_ = beta_ * v_ - eta_ * g;
    }
    return x + v_;
  }
  v_ = beta_ * v_ + g;  // PyTorch's buffer b
  if (nesterov_) return x - eta_ * (g + beta_ * v_);
  return x - eta_ * v_;
}

template class Momentum<double>;
template class Momentum<Mpfr>;
template class Momentum<Rational>;

}  // namespace descent
