// QuickProp.
#include "descent/optimizers/quickprop.hpp"
#include "families.hpp"

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

// ---- the registry's entries (methods.hpp): this family's description, written once

namespace {
template <class S>
std::unique_ptr<Optimizer<S>> build_quickprop(const MethodArgs& a) {
  const bool notes = a.word("convention") == "notes";
  if (notes) a.refuse("max-growth", "not with --convention notes (seed 002's QuickProp has no cap)");
  const S lr = a.number<S>("lr"), max_growth = a.number<S>("max-growth");
  return std::make_unique<QuickProp<S>>(lr, max_growth, notes ? QuickPropVariant::notes : QuickPropVariant::fahlman);
}
}  // namespace

std::vector<MethodInfo> families::quickprop() {
  return {{.name = "quickprop",
           .summary = "per coordinate, d = x_k - x_(k-1): notes x <- x - d g_k/(g_k - g_(k-1)) (the secant step); paper "
                      "(Fahlman) the same capped at mu d, plus -lr g_k while g_k points downhill along d; the first step "
                      "-lr g",
           .parameters = {families::positive("lr", "1/100", "epsilon of the gradient step -lr g"),
                          families::positive("max-growth", "7/4",
                                             "Fahlman's mu: no step longer than mu times the last one (paper only)"),
                          families::convention("paper", {"paper", "notes"},
                                               "paper: Fahlman (1988), with the cap and the gradient term; notes: seed "
                                               "002's bare secant step")},
           .exact = "yes",
           .schedulable = true,
           .forms = {
{"quickprop", "notes", "seed 002 (QuickProp, first display)", "x <- x - d g_k/(g_k - g_(k-1)), d = x_k - x_(k-1)",
       "the bare secant step: exact on separable quadratics; seed 002's per-connection displays have the sign of the "
       "denominator wrong and drop a factor (refuted)", "--method quickprop --convention notes", {"quickprop_secant"}},
{"quickprop", "paper", "Fahlman (1988)", "the secant step, at most mu times the last, plus -eps g while the slope "
       "points the way of the last step", "growth cap mu = 1.75 and the gradient term; the first step -eps g in both",
       "--method quickprop --convention paper", {"quickprop_secant"}}
},
           .make_double = build_quickprop<double>,
           .make_mpfr = build_quickprop<Mpfr>,
           .make_exact = build_quickprop<Rational>}};
}

}  // namespace descent
