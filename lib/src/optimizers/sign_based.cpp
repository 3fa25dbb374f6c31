// Rprop.
#include "descent/optimizers/sign_based.hpp"
#include "families.hpp"

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
  if (!(o_.eta_minus > 0 && o_.eta_minus < 1 && o_.eta_plus > 1))
    throw InputError("etas: must satisfy 0 < eta_minus < 1 < eta_plus, got " + to_string<S>(o_.eta_minus) + "," +
                     to_string<S>(o_.eta_plus));
  require(o_.delta_min >= 0, "step_sizes: the minimum must be >= 0", o_.delta_min);
  if (!(o_.delta_min <= o_.delta_max))
    throw InputError("step_sizes: must satisfy D_min <= D_max, got " + to_string<S>(o_.delta_min) + "," +
                     to_string<S>(o_.delta_max));
  require(o_.delta0 > 0 && o_.delta0 >= o_.delta_min && o_.delta0 <= o_.delta_max,
          "lr: the initial step length must be > 0 and lie within step_sizes [" + to_string<S>(o_.delta_min) + ", " +
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
    const int product = !started_             ? 0
                        : o_.torch_sign_product ? sign_of(S(prev_g_(i) * g(i)))
                                                : sign_of(prev_g_(i)) * sign_of(g(i));
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

// ---- the registry's entries (methods.hpp): this family's description, written once

namespace {
template <class S>
std::unique_ptr<Optimizer<S>> build_rprop(const MethodArgs& a) {
  RpropOptions<S> o;
  o.delta0 = a.number<S>("lr");
  std::tie(o.eta_minus, o.eta_plus) = a.pair<S>("etas");
  std::tie(o.delta_min, o.delta_max) = a.pair<S>("step-sizes");
  const std::string conv = a.convention("variant");
  const std::string variant = conv == "paper" ? std::string("rprop_plus")
                              : conv == "notes" ? std::string("notes_literal")
                              : conv == "pytorch" ? std::string("irprop_minus")
                                                  : conv;
  RpropVariant kind = RpropVariant::irprop_minus;
  for (RpropVariant k : {RpropVariant::notes_literal, RpropVariant::notes_magnitude, RpropVariant::notes_uncapped,
                         RpropVariant::rprop_plus, RpropVariant::rprop_minus, RpropVariant::irprop_plus,
                         RpropVariant::irprop_minus})
    if (to_string(k) == variant) kind = k;
  o.torch_sign_product = conv == "pytorch";  // torch's grad.mul(prev).sign(), 0 on underflow
  // the constructor checks eta_minus < 1 < eta_plus and the step lengths
  return families::maybe_maximizing<S>(a, std::make_unique<Rprop<S>>(kind, o));
}
}  // namespace

std::vector<MethodInfo> families::sign_based() {
  HyperParameter etas = families::positive("etas", "1/2,6/5", "eta_minus,eta_plus with 0 < eta_minus < 1 < eta_plus");
  etas.pair = true;
  HyperParameter step_sizes = families::nonnegative("step-sizes", "1e-6,50", "D_min,D_max with D_min <= D_max");
  step_sizes.pair = true;
  return {{.name = "rprop",
           .summary = "per coordinate: while sign(g) holds, D <- min(eta_plus D, D_max) and x <- x - sign(g) D; on a flip "
                      "D <- max(eta_minus D, D_min) and, by --convention: irprop_minus (pytorch) no step; rprop_minus step; "
                      "rprop_plus revert; irprop_plus revert if f rose; notes_* seed 002's pseudo-code",
           .parameters = {families::positive("lr", "1/100", "initial step length D_0, within --step-sizes"), etas,
                          step_sizes,
                          families::convention("pytorch",
                                               {"pytorch", "paper", "notes", "irprop_minus", "irprop_plus", "rprop_minus",
                                                "rprop_plus", "notes_literal", "notes_magnitude", "notes_uncapped"},
                                               "which Rprop (see descent conventions): pytorch = irprop_minus "
                                               "(torch.optim.Rprop), paper = rprop_plus (Riedmiller & Braun 1993), notes = "
                                               "notes_literal (seed 002's pseudo-code as written), or a variant by name"),
                          families::older_spelling("variant",
                                                   {"irprop_minus", "irprop_plus", "rprop_minus", "rprop_plus",
                                                    "notes_literal", "notes_magnitude", "notes_uncapped"},
                                                   "a variant by name"), families::maximize()},
           .exact = "yes",
           .torch = "torch.optim.Rprop",
           .forms = {
{"rprop", "notes_literal", "seed 002, Rprop (simplified), as written",
       "signed Delta w: min(alpha Delta w, D_max) while the sign holds; on a flip w <- w + Delta w, Delta w <- "
       "max(beta Delta w, D_min)", "runs away when the first derivative is negative (refuted)",
       "--method rprop --convention notes", {"rprop_notes_pseudocode"}},
{"rprop", "notes_magnitude", "seed 002, Rprop (prose)", "the same with the ceiling and floor on the length abs(Delta w)",
       "what the prose describes: ends within D_min of a 1-D minimizer", "--method rprop --convention notes_magnitude",
       {"rprop_notes_pseudocode", "rprop_poll3"}},
{"rprop", "notes_uncapped", "seed 002, Rprop (simplified), second display", "Delta w <- alpha Delta w / beta Delta w",
       "no D_min, D_max; the direction is fixed at the start", "--method rprop --convention notes_uncapped",
       {"rprop_notes_pseudocode", "rprop_poll3"}},
{"rprop", "rprop_plus", "Riedmiller & Braun (1993); Igel & Hüsken (2000) Rprop+",
       "on a flip: D <- max(eta_minus D, D_min), revert the last step, forget g", "weight backtracking: poll 3's answer",
       "--method rprop --convention paper", {"rprop_poll3", "rprop_variants"}},
{"rprop", "rprop_minus", "Igel & Hüsken (2000) Rprop-", "on a flip: shrink D and step -sign(g) D",
       "no backtracking", "--method rprop --convention rprop_minus", {"rprop_variants"}},
{"rprop", "irprop_plus", "Igel & Hüsken (2000) iRprop+", "on a flip: shrink D, revert only if f rose, forget g",
       "compares f values: with --digits a tie can round either way", "--method rprop --convention irprop_plus",
       {"rprop_variants"}},
{"rprop", "irprop_minus", "Igel & Hüsken (2000) iRprop-; torch.optim.Rprop", "on a flip: shrink D, no step, forget g",
       "PyTorch's Rprop (checked against real torch); does not return to the earlier estimate (poll 3's counterexample). "
       "--convention pytorch takes the sign of the product g g_prev as torch does, 0 when it underflows (the step "
       "length is then kept); --convention irprop_minus takes sign(g) sign(g_prev), exact",
       "--method rprop --convention pytorch", {"rprop_variants", "rprop_poll3"}, {"tests/cli/torch_oracle.py"}}
},
           .make_double = build_rprop<double>,
           .make_mpfr = build_rprop<Mpfr>,
           .make_exact = build_rprop<Rational>}};
}

}  // namespace descent
