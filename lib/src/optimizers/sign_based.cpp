// Rprop.
#include "descent/optimizers/sign_based.hpp"

namespace descent {

std::string_view to_string(RpropVariant v) {
  switch (v) {
    case RpropVariant::notes_literal: return "notes_literal";
    case RpropVariant::notes_magnitude: return "notes_magnitude";
    case RpropVariant::notes_uncapped: return "notes_uncapped";
    case RpropVariant::rprop_plus: return "rprop_plus";
    case RpropVariant::rprop_minus: return "rprop_minus";
    case RpropVariant::irprop_plus: return "irprop_plus";
    case RpropVariant::irprop_minus: return "irprop_minus";
  }
  return "?";
}

namespace {
}  // namespace

template <class S>
Rprop<S>::Rprop(RpropVariant variant, RpropOptions<S> options) : variant_(variant), o_(std::move(options)) {
  auto require = [](bool ok, const std::string& what, const S& value) {
    if (!ok) throw InputError(what + ", got " + to_string<S>(value));
  };
  require(o_.eta_minus > 0 && o_.eta_minus < 1, "etas: eta_minus must be in (0, 1)", o_.eta_minus);
  require(o_.eta_plus > 1, "etas: eta_plus must be > 1", o_.eta_plus);
  require(o_.delta_min >= 0, "step_sizes: the minimum must be >= 0", o_.delta_min);
  require(o_.delta_max >= o_.delta_min, "step_sizes: the maximum must be >= the minimum", o_.delta_max);
  require(o_.delta0 > 0 && o_.delta0 >= o_.delta_min && o_.delta0 <= o_.delta_max,
          "lr: the initial step length must be > 0 and within step_sizes [" + to_string<S>(o_.delta_min) + ", " +
              to_string<S>(o_.delta_max) + "]",
          o_.delta0);
}

template <class S>
void Rprop<S>::reset(int n) {
  delta_ = Vec<S>::Constant(n, o_.delta0);
  prev_g_ = Vec<S>::Zero(n);
  last_move_ = Vec<S>::Zero(n);
  prev_f_ = S(0);
  started_ = false;
}

template <class S>
Vec<S> Rprop<S>::step_from(const Problem<S>&, const Vec<S>& x, const S& fx, const Vec<S>& g) {
  const int n = static_cast<int>(x.size());
  if (delta_.size() != n) reset(n);
  Vec<S> next = x;
  const bool notes = variant_ == RpropVariant::notes_literal || variant_ == RpropVariant::notes_magnitude ||
                     variant_ == RpropVariant::notes_uncapped;
  if (notes) {
    for (int i = 0; i < n; ++i) {
      S& dw = delta_(i);
      if (!started_) {  // prevD = dLoss/dw; Δw = sign(prevD) Δw; then the loop's w = w − Δw
        prev_g_(i) = g(i);
        dw = S(sign_of(g(i))) * dw;
      } else if (sign_of(prev_g_(i)) == sign_of(g(i))) {
        if (variant_ == RpropVariant::notes_literal) {
          const S grown = o_.eta_plus * dw;
          dw = grown < o_.delta_max ? grown : o_.delta_max;  // min(αΔw, Δmax), Δw signed
        } else if (variant_ == RpropVariant::notes_magnitude) {
          const S grown = o_.eta_plus * abs_value(dw);
          dw = S(sign_of(dw)) * (grown < o_.delta_max ? grown : o_.delta_max);
        } else {
          dw = o_.eta_plus * dw;
        }
        prev_g_(i) = g(i);
      } else {
        next(i) += dw;  // return to the previous location
        if (variant_ == RpropVariant::notes_literal) {
          const S shrunk = o_.eta_minus * dw;
          dw = shrunk > o_.delta_min ? shrunk : o_.delta_min;  // max(βΔw, Δmin), Δw signed
        } else if (variant_ == RpropVariant::notes_magnitude) {
          const S shrunk = o_.eta_minus * abs_value(dw);
          dw = S(sign_of(dw)) * (shrunk > o_.delta_min ? shrunk : o_.delta_min);
        } else {
          dw = o_.eta_minus * dw;
        }
      }
      next(i) -= dw;  // take the (smaller) step
    }
    started_ = true;
    return next;
  }
  const bool worse = started_ && fx > prev_f_;
  for (int i = 0; i < n; ++i) {
    const int product = started_ ? sign_of(prev_g_(i)) * sign_of(g(i)) : 0;
    S gi = g(i);
    S move = 0;
    if (product > 0) {
      const S grown = o_.eta_plus * delta_(i);
      delta_(i) = grown < o_.delta_max ? grown : o_.delta_max;
      move = -S(sign_of(gi)) * delta_(i);
    } else if (product < 0) {
      const S shrunk = o_.eta_minus * delta_(i);
      delta_(i) = shrunk > o_.delta_min ? shrunk : o_.delta_min;
      switch (variant_) {
        case RpropVariant::rprop_plus:
          move = -last_move_(i);
          gi = 0;
          break;
        case RpropVariant::irprop_plus:
          if (worse) move = -last_move_(i);
          gi = 0;
          break;
        case RpropVariant::irprop_minus:
          gi = 0;
          break;
        default:  // rprop_minus
          move = -S(sign_of(gi)) * delta_(i);
      }
    } else {
      move = -S(sign_of(gi)) * delta_(i);
    }
    next(i) += move;
    last_move_(i) = move;
    prev_g_(i) = gi;
  }
  prev_f_ = fx;
  started_ = true;
  return next;
}

template class Rprop<double>;
template class Rprop<Mpfr>;
template class Rprop<Rational>;

}  // namespace descent
