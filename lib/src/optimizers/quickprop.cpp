// QuickProp.
#include "descent/optimizers/quickprop.hpp"

namespace descent {

template <class S>
QuickProp<S>::QuickProp(S eps, S mu, QuickPropVariant variant) : eps_(std::move(eps)), mu_(std::move(mu)), variant_(variant) {
  if (!(eps_ > 0)) throw InputError("lr: must be > 0, got " + to_string<S>(eps_));
  if (!(mu_ > 0)) throw InputError("max-growth: must be > 0, got " + to_string<S>(mu_));
}

template <class S>
Vec<S> QuickProp<S>::step(const Problem<S>&, const Vec<S>& x, const Vec<S>& g) {
  const int n = static_cast<int>(x.size());
  if (last_step_.size() != n) reset(n);
  Vec<S> next = x;
  for (int i = 0; i < n; ++i) {
    const S& s = g(i);
    const S& prev = last_step_(i);
    S d = 0;
    if (prev == 0) {
      d = -eps_ * s;
    } else if (variant_ == QuickPropVariant::notes) {
      d = s == last_slope_(i) ? S(-eps_ * s) : S(-prev * s / (s - last_slope_(i)));
    } else {
      const S dir = prev > 0 ? S(1) : S(-1);
      if (s == last_slope_(i) && dir * s > 0)
        d = -eps_ * s;  // the parabola is flat and the slope points back: a gradient step
      else if (dir * s < mu_ / (1 + mu_) * dir * last_slope_(i))
        d = mu_ * prev;  // the parabola's step would exceed mu times the last one, or point uphill
      else
        d = prev * s / (last_slope_(i) - s);
      if (-s * dir > 0) d -= eps_ * s;  // the slope still points the way of the last step
    }
    next(i) += d;
    last_step_(i) = d;
    last_slope_(i) = s;
  }
  return next;
}

template class QuickProp<double>;
template class QuickProp<Mpfr>;
template class QuickProp<Rational>;

}  // namespace descent
