// Adam, AMSGrad, Adam with L2, AdamW.
#include "descent/optimizers/adam.hpp"
#include "families.hpp"

namespace descent {

namespace {
template <class S>
void require_adam(bool ok, const std::string& what, const S& value) {
  if (!ok) throw InputError(what + ", got " + to_string<S>(value));
}
// The ranges every member of the family shares (Adam, AdamW, AMSGrad, NAdam).
template <class S>
void require_adam_ranges(const S& lr, const S& beta1, const S& beta2, const S& eps, const S& weight_decay) {
  require_adam<S>(lr > 0, "lr: must be > 0", lr);
  require_adam<S>(beta1 >= 0 && beta1 < 1, "betas: beta1 must be in [0, 1)", beta1);
  require_adam<S>(beta2 >= 0 && beta2 < 1, "betas: beta2 must be in [0, 1)", beta2);
  require_adam<S>(eps >= 0, "eps: must be >= 0", eps);
  require_adam<S>(weight_decay >= 0, "weight_decay: must be >= 0", weight_decay);
}
}  // namespace

template <class S>
Adam<S>::Adam(AdamOptions<S> options) : o_(std::move(options)), lr_(o_.lr) {
  require_adam_ranges(o_.lr, o_.beta1, o_.beta2, o_.eps, o_.weight_decay);
  if (o_.decay == WeightDecay::none && o_.weight_decay != 0)
    throw InputError("weight_decay: a decay lambda needs a way to apply it (l2 or decoupled)");
  if (o_.decay == WeightDecay::decoupled_pytorch)
    require_adam<S>(o_.lr * o_.weight_decay <= 1, "weight_decay: lr * weight_decay must be <= 1 (x <- x (1 - lr lambda))",
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

template <class S>
NAdam<S>::NAdam(NAdamOptions<S> options) : o_(std::move(options)), lr_(o_.lr) {
  require_adam_ranges(o_.lr, o_.beta1, o_.beta2, o_.eps, o_.weight_decay);
  require_adam<S>(o_.momentum_decay >= 0, "momentum_decay: must be >= 0", o_.momentum_decay);
}

template <class S>
S NAdam<S>::momentum(int t) const {
  using std::pow;
  return o_.beta1 * (1 - S(pow(S(96) / 100, S(t) * o_.momentum_decay)) / 2);
}

template <class S>
Vec<S> NAdam<S>::step(const Problem<S>&, const Vec<S>& x, const Vec<S>& g_in) {
  using std::pow;
  using std::sqrt;
  const int n = static_cast<int>(x.size());
  if (m_.size() != n) reset(n);
  ++t_;
  Vec<S> g = g_in;
  if (o_.weight_decay != 0) g += o_.weight_decay * x;
  const S bc2 = 1 - S(pow(o_.beta2, S(t_)));
  const S mu = momentum(t_), mu_next = momentum(t_ + 1);
  mu_product_ *= mu;
  const S mu_product_next = o_.torch_1_13_product ? S(mu_product_ * mu * mu_next) : S(mu_product_ * mu_next);
  const S c_g = -lr_ * (1 - mu) / (1 - mu_product_), c_m = -lr_ * mu_next / (1 - mu_product_next);
  Vec<S> next = x;
  for (int i = 0; i < n; ++i) {
    m_(i) = o_.beta1 * m_(i) + (1 - o_.beta1) * g(i);
    v_(i) = o_.beta2 * v_(i) + (1 - o_.beta2) * g(i) * g(i);
    const S denom = sqrt(S(v_(i) / bc2)) + o_.eps;
    if (denom == 0) continue;  // g = 0 and v = 0 with ε = 0: no step
    next(i) = next(i) + c_g * g(i) / denom;
    next(i) = next(i) + c_m * m_(i) / denom;
  }
  return next;
}

template class NAdam<double>;
template class NAdam<Mpfr>;

template <class S>
RAdam<S>::RAdam(RAdamOptions<S> options) : o_(std::move(options)), lr_(o_.lr) {
  require_adam_ranges(o_.lr, o_.beta1, o_.beta2, o_.eps, o_.weight_decay);
}

template <class S>
Vec<S> RAdam<S>::step(const Problem<S>&, const Vec<S>& x, const Vec<S>& g_in) {
  using std::pow;
  using std::sqrt;
  const int n = static_cast<int>(x.size());
  if (m_.size() != n) reset(n);
  ++t_;
  Vec<S> g = g_in;
  if (o_.weight_decay != 0) g += o_.weight_decay * x;
  const S b2t = pow(o_.beta2, S(t_));
  const S bc1 = 1 - S(pow(o_.beta1, S(t_))), bc2 = 1 - b2t;
  const S rho_inf = 2 / (1 - o_.beta2) - 1;
  const S rho_t = rho_inf - 2 * S(t_) * b2t / bc2;
  const bool rectified = rho_t > 5;
  S rect = 0, root_bc2 = 0;
  if (rectified) {
    rect = sqrt(S((rho_t - 4) * (rho_t - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho_t)));
    root_bc2 = sqrt(bc2);
  }
  Vec<S> next = x;
  for (int i = 0; i < n; ++i) {
    m_(i) = o_.beta1 * m_(i) + (1 - o_.beta1) * g(i);
    v_(i) = o_.beta2 * v_(i) + (1 - o_.beta2) * g(i) * g(i);
    const S m_hat = m_(i) / bc1;
    if (rectified) {
      const S denom = sqrt(v_(i)) + o_.eps;
      if (denom == 0) continue;  // g = 0 and v = 0 with ε = 0: no step
      next(i) -= m_hat * lr_ * S(root_bc2 / denom) * rect;
    } else {
      next(i) -= m_hat * lr_;
    }
  }
  return next;
}

template <class S>
Adamax<S>::Adamax(RAdamOptions<S> options) : o_(std::move(options)), lr_(o_.lr) {
  require_adam_ranges(o_.lr, o_.beta1, o_.beta2, o_.eps, o_.weight_decay);
}

template <class S>
Vec<S> Adamax<S>::step(const Problem<S>&, const Vec<S>& x, const Vec<S>& g_in) {
  const int n = static_cast<int>(x.size());
  if (m_.size() != n) reset(n);
  ++t_;
  beta1_t_ *= o_.beta1;
  Vec<S> g = o_.maximize ? Vec<S>(-g_in) : g_in;
  if (o_.weight_decay != 0) g += o_.weight_decay * x;
  const S clr = lr_ / (1 - beta1_t_);
  Vec<S> next = x;
  for (int i = 0; i < n; ++i) {
    m_(i) = o_.beta1 * m_(i) + (1 - o_.beta1) * g(i);
    const S a = abs_value<S>(g(i)) + o_.eps, b = o_.beta2 * u_(i);
    u_(i) = a > b ? a : b;
    if (u_(i) == 0) continue;  // g = 0, u = 0 and ε = 0: no step
    next(i) -= clr * (m_(i) / u_(i));
  }
  return next;
}

template class RAdam<double>;
template class RAdam<Mpfr>;
template class Adamax<double>;
template class Adamax<Mpfr>;
template class Adamax<Rational>;

// ---- the registry's entries (methods.hpp): this family's description, written once

namespace {
// The flags every method of the family shares (lr, betas, eps, weight-decay), into its options.
template <class Options>
Options common_options(const MethodArgs& a) {
  using S = decltype(Options::lr);
  Options o;
  o.lr = a.number<S>("lr");
  std::tie(o.beta1, o.beta2) = a.pair<S>("betas");
  o.eps = a.number<S>("eps");
  o.weight_decay = a.number<S>("weight-decay");
  return o;
}
template <class S>
AdamOptions<S> adam_options(const MethodArgs& a) {
  return common_options<AdamOptions<S>>(a);
}
template <class S>
std::unique_ptr<Optimizer<S>> build_adam(const MethodArgs& a) {
  const std::string conv = a.word("convention");
  AdamOptions<S> o = adam_options<S>(a);
  if (conv == "notes") {
    o.placement = EpsPlacement::inside;
    o.bias_correction = false;
  }
  if (a.has("bias-correction")) o.bias_correction = a.word("bias-correction") == "yes";
  o.eps_hat = a.word("eps-hat") == "yes";
  if (o.eps_hat && !o.bias_correction) throw InputError("--eps-hat: rewrites the bias-corrected step; not with --bias-correction no");
  if (o.eps_hat && conv == "notes") throw InputError("--eps-hat: not with --convention notes (eps inside the root)");
  o.decay = o.weight_decay != 0 ? WeightDecay::l2 : WeightDecay::none;
  return families::maybe_maximizing<S>(a, std::make_unique<Adam<S>>(o));
}
template <class S>
std::unique_ptr<Optimizer<S>> build_adamw(const MethodArgs& a) {
  const std::string conv = a.word("convention");
  AdamOptions<S> o = adam_options<S>(a);
  o.decay = conv == "paper" ? WeightDecay::decoupled_paper : WeightDecay::decoupled_pytorch;
  o.amsgrad = a.word("amsgrad") == "yes";
  return families::maybe_maximizing<S>(a, std::make_unique<Adam<S>>(o));
}
template <class S>
std::unique_ptr<Optimizer<S>> build_nadam(const MethodArgs& a) {
  NAdamOptions<S> o = common_options<NAdamOptions<S>>(a);
  o.momentum_decay = a.number<S>("momentum-decay");
  o.torch_1_13_product = a.word("convention") == "torch_1_13";
  return std::make_unique<NAdam<S>>(o);
}
template <class S>
RAdamOptions<S> radam_options(const MethodArgs& a) {
  return common_options<RAdamOptions<S>>(a);
}
template <class S>
std::unique_ptr<Optimizer<S>> build_radam(const MethodArgs& a) {
  return std::make_unique<RAdam<S>>(radam_options<S>(a));
}
template <class S>
std::unique_ptr<Optimizer<S>> build_adamax(const MethodArgs& a) {
  RAdamOptions<S> o = radam_options<S>(a);
  o.maximize = a.word("maximize") == "yes";
  return std::make_unique<Adamax<S>>(o);
}
template <class S>
std::unique_ptr<Optimizer<S>> build_amsgrad(const MethodArgs& a) {
  const std::string conv = a.word("convention");
  AdamOptions<S> o = adam_options<S>(a);
  o.amsgrad = true;
  o.bias_correction = conv == "pytorch";
  o.decay = o.weight_decay != 0 ? WeightDecay::l2 : WeightDecay::none;
  return families::maybe_maximizing<S>(a, std::make_unique<Adam<S>>(o));
}
}  // namespace

std::vector<MethodInfo> families::adam() {
  const HyperParameter lr = families::positive("lr", "1/1000", "learning rate alpha");
  const HyperParameter eps = families::nonnegative("eps", "1e-8", "eps");
  const HyperParameter l2 = families::nonnegative("weight-decay", "0", "L2 coefficient lambda: g <- g + lambda x");
  return {
      {.name = "adam",
       .summary = "m <- b1 m + (1 - b1) g, v <- b2 v + (1 - b2) g^2, x <- x - lr (m/(1 - b1^t)) / (sqrt(v/(1 - b2^t)) + eps) "
                  "(paper, pytorch); notes: x <- x - lr m / sqrt(v + eps), no bias correction (seed 003); weight decay: "
                  "g <- g + lambda x (L2)",
       .parameters = {lr, families::betas(), eps, l2, families::convention("paper"),
                      families::optional(families::word("bias-correction", "", {"yes", "no"},
                                                        "divide m by 1 - b1^t and v by 1 - b2^t (default yes; notes: no)")),
                      families::word("eps-hat", "no", {"no", "yes"},
                                     "Kingma & Ba's eps-hat form: x <- x - lr sqrt(1 - b2^t)/(1 - b1^t) m/(sqrt(v) + eps)"), families::maximize()},
       .exact = "no (square roots)",
       .exactness = Exactness::no,
       .schedulable = true,
       .torch = "torch.optim.Adam",
       .forms = {
{"adam", "paper", "Kingma & Ba (2015), Algorithm 1",
       "m <- b1 m + (1 - b1) g, v <- b2 v + (1 - b2) g^2, x <- x - lr m_hat/(sqrt(v_hat) + eps)",
       "bias-corrected; eps outside the root; the eps-hat form is Algorithm 1 with eps_t = eps_hat/sqrt(1 - b2^t); first "
       "step lr g/(|g| + eps)", "--method adam --convention paper [--eps-hat yes]",
       {"adam_first_step", "adam_forms", "adam_step_bound"}},
{"adam", "pytorch", "torch.optim.Adam", "x <- x - lr/(1 - b1^t) m/(sqrt(v)/sqrt(1 - b2^t) + eps)",
       "Algorithm 1 in another order (checked); weight_decay is L2 in the gradient", "--method adam --convention pytorch",
       {"adam_forms"}},
{"adam", "notes", "seed 003 (Adam)", "x <- x - eta m/sqrt(v + eps), no bias correction",
       "first steps (1 - b1)/sqrt(1 - b2) = 3.16 times Algorithm 1's at the defaults (refuted as Kingma & Ba's)",
       "--method adam --convention notes", {"adam_first_step"}}
},
       .make_double = build_adam<double>,
       .make_mpfr = build_adam<Mpfr>},
      {.name = "adamw",
       .summary = "Adam with decoupled weight decay: pytorch x <- x (1 - lr lambda) then the Adam step; paper (Loshchilov "
                  "& Hutter) x <- x - eta_t (Adam step/lr + lambda x), eta_t the schedule multiplier (1 without --schedule)",
       .parameters = {lr, families::betas(), eps, families::nonnegative("weight-decay", "1/100", "decay lambda"),
                      families::convention("pytorch", {"paper", "pytorch"},
                                           "pytorch (decay scaled by lr) or paper (decay scaled by the schedule "
                                           "multiplier only)"), families::word("amsgrad", "no", {"no", "yes"}, "use the max of v so far (torch.optim.AdamW(amsgrad=True))"), families::maximize()},
       .exact = "no (square roots)",
       .exactness = Exactness::no,
       .schedulable = true,
       .torch = "torch.optim.AdamW",
       .forms = {
{"adamw", "paper", "Loshchilov & Hutter (2019), Algorithm 2", "x <- x - eta_t (lr m_hat/(sqrt(v_hat) + eps) + lambda x)",
       "the decay is scaled by the schedule multiplier eta_t only, not by lr; not Adam with L2 (counterexample)",
       "--method adamw --convention paper", {"adamw_decoupled"}},
{"adamw", "pytorch", "torch.optim.AdamW", "x <- x (1 - lr lambda), then the Adam step",
       "the paper's with lambda_paper = lr lambda (checked, also under a schedule): PyTorch's default 0.01 is a decay "
       "of 1e-5 per step at lr = 1e-3", "--method adamw --convention pytorch", {"adamw_decoupled"}}
},
       .make_double = build_adamw<double>,
       .make_mpfr = build_adamw<Mpfr>},
      {.name = "amsgrad",
       .summary = "Adam with v_hat <- max(v_hat, v) in place of v: paper (Reddi et al. 2018) x <- x - lr m/(sqrt(v_hat) + "
                  "eps) without bias correction; pytorch corrects m and divides v_hat by 1 - b2^t",
       .parameters = {lr, families::betas(), eps, l2,
                      families::convention("pytorch", {"paper", "pytorch"}, "paper (no bias correction) or pytorch"), families::maximize()},
       .exact = "no (square roots)",
       .exactness = Exactness::no,
       .schedulable = true,
       .torch = "torch.optim.Adam",
       .forms = {
{"amsgrad", "paper", "Reddi, Kale & Kumar (2018), Algorithm 2", "v_hat <- max(v_hat, v), x <- x - lr m/(sqrt(v_hat) + eps)",
       "no bias correction; the scale lr/(sqrt(v_hat) + eps) never increases (Adam's can)",
       "--method amsgrad --convention paper", {"adam_forms"}},
{"amsgrad", "pytorch", "torch.optim.Adam(amsgrad=True)", "x <- x - lr/(1 - b1^t) m/(sqrt(max v)/sqrt(1 - b2^t) + eps)",
       "the max is over the raw v, then bias-corrected with the current t", "--method amsgrad --convention pytorch",
       {"adam_forms"}}
},
       .make_double = build_amsgrad<double>,
       .make_mpfr = build_amsgrad<Mpfr>},
      {.name = "nadam",
       .summary = "NAdam (Dozat 2016; pytorch): Adam's m and v, mu_t = b1 (1 - 0.96^(t psi)/2), P_t = mu_1...mu_t, "
                  "d = sqrt(v/(1 - b2^t)) + eps; x <- x - lr (1 - mu_t)/(1 - P_t) g/d - lr mu_(t+1)/(1 - P_(t+1)) m/d",
       .parameters = {families::positive("lr", "2/1000", "learning rate gamma"), families::betas(), eps, l2,
                      families::nonnegative("momentum-decay", "4/1000", "psi of the momentum schedule mu_t"),
                      families::convention("pytorch", {"pytorch", "torch_1_13"},
                                           "pytorch (Dozat's P_(t+1) = P_t mu_(t+1), torch >= 2.0) or torch_1_13 "
                                           "(torch 1.13's P_t mu_t mu_(t+1))")},
       .exact = "no (powers of 0.96, square roots)",
       .exactness = Exactness::no,
       .schedulable = true,
       .torch = "torch.optim.NAdam",
       .forms = {{"nadam", "pytorch", "Dozat (2016), Algorithm 2 with PyTorch's momentum schedule; torch.optim.NAdam",
                  "x <- x - lr (1 - mu_t)/(1 - P_t) g/d - lr mu_(t+1)/(1 - P_(t+1)) m/d, d = sqrt(v/(1 - b2^t)) + eps",
                  "Nesterov's look-ahead in Adam: the momentum part uses mu_(t+1), the next step's; its first step is "
                  "lr (1 + mu_2 (1 - b1)/(1 - mu_1 mu_2)) per coordinate for eps = 0, not Adam's lr",
                  "--method nadam", {"adam_first_step"}},
                 {"nadam", "torch_1_13", "torch.optim.NAdam of PyTorch 1.13 (Debian 12's python3-torch)",
                  "the same with P_(t+1) replaced by P_t mu_t mu_(t+1)",
                  "torch 1.13 multiplies mu_t into the product twice (mu_product * mu * mu_next after mu_product *= mu); "
                  "torch 2.0 fixed it. At the defaults its first step is 1.04953 lr per coordinate (eps = 0), the pytorch "
                  "form's 1.05645 lr: 0.66 % shorter "
                  "(tests/cli/torch_oracle.py runs real torch 1.13 against this form)",
                  "--method nadam --convention torch_1_13", {"adam_first_step"}, {"tests/cli/torch_oracle.py"}}},
       .make_double = build_nadam<double>,
       .make_mpfr = build_nadam<Mpfr>},
      {.name = "radam",
       .summary = "RAdam (Liu et al. 2020; pytorch): Adam's m and v, m_hat = m/(1 - b1^t), rho_inf = 2/(1 - b2) - 1, "
                  "rho_t = rho_inf - 2 t b2^t/(1 - b2^t); rho_t > 5: x <- x - m_hat lr sqrt(1 - b2^t)/(sqrt(v) + eps) r_t, "
                  "r_t the variance rectification; else x <- x - lr m_hat",
       .parameters = {families::positive("lr", "1/1000", "learning rate gamma"), families::betas(), eps, l2},
       .exact = "no (square roots)",
       .exactness = Exactness::no,
       .schedulable = true,
       .torch = "torch.optim.RAdam",
       .forms = {{"radam", "pytorch", "Liu et al. (2020), Algorithm 2; torch.optim.RAdam",
                  "rho_t > 5: x <- x - m_hat lr sqrt(1 - b2^t)/(sqrt(v) + eps) r_t, else x <- x - lr m_hat",
                  "the paper's threshold is rho_t > 4 and its denominator sqrt(v_hat) without eps; PyTorch switches at "
                  "rho_t > 5 and adds eps to sqrt(v) (tests/cli/torch_oracle.py runs real torch against this form)",
                  "--method radam", {}, {"tests/cli/torch_oracle.py"}}},
       .make_double = build_radam<double>,
       .make_mpfr = build_radam<Mpfr>},
      {.name = "adamax",
       .summary = "Adamax (Kingma & Ba 2015, 7.1; pytorch): m <- b1 m + (1 - b1) g, u <- max(b2 u, |g| + eps), "
                  "x <- x - lr/(1 - b1^t) m/u",
       .parameters = {families::positive("lr", "2/1000", "learning rate gamma"), families::betas(), eps, l2,
                      families::word("maximize", "no", {"no", "yes"}, "ascend: g <- -g")},
       .exact = "yes",
       .schedulable = true,
       .torch = "torch.optim.Adamax",
       .forms = {{"adamax", "pytorch", "Kingma & Ba (2015), Algorithm 2 (AdaMax); torch.optim.Adamax",
                  "u <- max(b2 u, abs(g) + eps), x <- x - lr/(1 - b1^t) m/u",
                  "the paper's u <- max(b2 u, |g|) has no eps (a zero gradient then divides by 0); PyTorch adds eps to "
                  "|g| inside the max",
                  "--method adamax", {}, {"tests/cli/torch_oracle.py"}}},
       .make_double = build_adamax<double>,
       .make_mpfr = build_adamax<Mpfr>,
       .make_exact = build_adamax<Rational>},
  };
}

}  // namespace descent
