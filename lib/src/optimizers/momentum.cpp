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
Momentum<S> Momentum<S>::accelerated(const S& L, const S& mu) {
  if (!(L > 0)) throw InputError("L: must be > 0, got " + to_string<S>(L));
  if (!(mu >= 0 && mu < L)) throw InputError("mu: must satisfy 0 <= mu < L, got " + to_string<S>(mu));
  if (mu > 0) {
    S root;
    if constexpr (ScalarTraits<S>::exact) {
      const auto r = exact_sqrt(Rational(L / mu));
      if (!r)
        throw InputError("mu: sqrt(L/mu) = sqrt(" + to_string<S>(L / mu) +
                         ") is irrational, so beta = (sqrt(kappa) - 1)/(sqrt(kappa) + 1) is not exact; use --digits D");
      root = *r;
    } else {
      using std::sqrt;
      root = sqrt(L / mu);
    }
    return Momentum(S(1 / L), S((root - 1) / (root + 1)), MomentumForm::notes, true);
  }
  if constexpr (ScalarTraits<S>::exact)
    throw InputError("mu: mu = 0 (the convex t_k schedule) takes square roots and cannot run with --exact; use --digits D");
  Momentum m(S(1 / L), S(0), MomentumForm::notes, true);
  m.t_schedule_ = true;
  return m;
}

template <class S>
void Momentum<S>::reset(int n) {
  t_ = 1;
  k_ = 0;
  if (v_init_.size() == n)
    v_ = form_ == MomentumForm::notes ? v_init_ : Vec<S>(-v_init_ / eta_);
  else
    v_ = Vec<S>::Zero(n);
}

template <class S>
Vec<S> Momentum<S>::step(const Problem<S>& f, const Vec<S>& x, const Vec<S>& g) {
  if (v_.size() != x.size()) v_ = Vec<S>::Zero(x.size());
  if constexpr (!ScalarTraits<S>::exact) {
    if (t_schedule_ && k_ >= 1) {  // β_k = (t_k − 1)/t_{k+1}; at k = 0 the velocity is 0
      using std::sqrt;
      S next = (1 + sqrt(S(1 + 4 * t_ * t_))) / 2;
      beta_ = (t_ - 1) / next;
      t_ = std::move(next);
    }
  }
  ++k_;
  if (form_ == MomentumForm::notes) {
    if (nesterov_) {
      // the gradient at the look-ahead point x + βv (at v = 0 it is g itself)
      const Vec<S> ahead = (v_.isZero(0) || beta_ == 0) ? g : f.gradient(Vec<S>(x + beta_ * v_));
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
