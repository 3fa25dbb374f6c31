// AdaGrad.
#include "descent/optimizers/adaptive.hpp"

namespace descent {

template <class S>
AdaGrad<S>::AdaGrad(S eta, S delta) : eta_(std::move(eta)), delta_(std::move(delta)) {
  if (!(eta_ > 0)) throw InputError("eta: must be > 0, got " + to_string<S>(eta_));
  if (!(delta_ > 0)) throw InputError("delta: must be > 0, got " + to_string<S>(delta_));
}

template <class S>
Vec<S> AdaGrad<S>::step(const Problem<S>&, const Vec<S>& x, const Vec<S>& g) {
  using std::sqrt;
  if (G_.size() != x.size()) G_ = Vec<S>::Zero(x.size());
  Vec<S> next = x;
  for (int i = 0; i < x.size(); ++i) {
    G_(i) += g(i) * g(i);
    next(i) -= eta_ * g(i) / (delta_ + sqrt(G_(i)));
  }
  return next;
}

template class AdaGrad<double>;
template class AdaGrad<Mpfr>;

}  // namespace descent
