// AdaGrad, RMSProp and AdaDelta.
#include "descent/optimizers/adaptive.hpp"
#include "families.hpp"

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

// ---- the registry's entries (methods.hpp): this family's description, written once

namespace {
template <class S>
std::unique_ptr<Optimizer<S>> build_adagrad(const MethodArgs& a) {
  const std::string conv = a.word("convention");
  const AdaGradForm form = conv == "notes" ? AdaGradForm::notes : conv == "pytorch" ? AdaGradForm::pytorch : AdaGradForm::paper;
  if (form == AdaGradForm::notes) {
    for (const char* f : {"eps", "eps-placement", "initial-accumulator-value", "lr-decay", "weight-decay"})
      a.refuse(f, "not with --convention notes (seed 001's AdaGrad has only eta)");
    return families::maybe_maximizing<S>(a, std::make_unique<AdaGrad<S>>(a.number<S>("lr"), S(0), form));
  }
  if (form != AdaGradForm::pytorch) a.refuse("lr-decay", "only with --convention pytorch");
  if (form != AdaGradForm::paper) a.refuse("eps-placement", "only with --convention paper (PyTorch adds eps outside)");
  const S lr = a.number<S>("lr");
  const S eps = a.has("eps") ? a.number<S>("eps") : S(1) / S(10000000000LL);
  const EpsPlacement placement = a.word("eps-placement") == "inside" ? EpsPlacement::inside : EpsPlacement::outside;
  const S initial = a.number<S>("initial-accumulator-value"), lr_decay = a.number<S>("lr-decay"),
          weight_decay = a.number<S>("weight-decay");
  return families::maybe_maximizing<S>(a, std::make_unique<AdaGrad<S>>(lr, eps, form, placement, initial, lr_decay, weight_decay));
}
template <class S>
std::unique_ptr<Optimizer<S>> build_rmsprop(const MethodArgs& a) {
  const std::string conv = a.word("convention");
  const bool centered = a.word("centered") == "yes";
  if (conv == "notes")
    for (const char* f : {"centered", "momentum", "weight-decay"})
      a.refuse(f, "not with --convention notes (seed 003's RMSProp)");
  const S lr = a.number<S>("lr"), alpha = a.number<S>("alpha"), eps = a.number<S>("eps");
  const S momentum = a.number<S>("momentum"), weight_decay = a.number<S>("weight-decay");
  return families::maybe_maximizing<S>(
      a, std::make_unique<RMSProp<S>>(lr, alpha, eps, conv == "notes" ? EpsPlacement::inside : EpsPlacement::outside,
                                      centered, momentum, weight_decay));
}
template <class S>
std::unique_ptr<Optimizer<S>> build_adadelta(const MethodArgs& a) {
  if (a.has("order") && a.has("convention") && a.word("convention") == "notes" && a.word("order") == "divide_first")
    throw InputError("--order: divide_first is a variant of the per-coordinate form, not notes");
  std::string conv = a.convention("order");
  const bool stale = conv == "divide_first";
  if (conv == "update_first" || stale) conv = "paper";  // the order is a variant of the per-coordinate form
  if (conv == "notes") a.refuse("weight-decay", "not with --convention notes (seed 003's AdaDelta)");
  const S eps = a.number<S>("eps");
  const S eps_delta = a.has("eps-delta") ? a.number<S>("eps-delta") : eps;
  const AdaDeltaForm form = stale ? AdaDeltaForm::stale : conv == "notes" ? AdaDeltaForm::notes : AdaDeltaForm::paper;
  const S lr = a.number<S>("lr"), rho = a.number<S>("rho"), weight_decay = a.number<S>("weight-decay");
  return families::maybe_maximizing<S>(a, std::make_unique<AdaDelta<S>>(lr, rho, eps, eps_delta, form, weight_decay));
}
}  // namespace

std::vector<MethodInfo> families::adaptive() {
  const HyperParameter l2 = families::nonnegative("weight-decay", "0", "L2 coefficient lambda: g <- g + lambda x (not notes)");
  return {
      {.name = "adagrad",
       .summary = "paper: G <- G + g^2, x <- x - lr g / (eps + sqrt(G)) (Duchi et al. 2011); pytorch: the same with "
                  "lr / (1 + (t - 1) lr_decay); notes: x <- x - (lr/sqrt(t + 1))/sigma_t g, sigma_t the root mean square "
                  "of g_0..g_t (seed 001)",
       .parameters = {families::positive("lr", "1/100", "learning rate"),
                      families::optional(families::nonnegative(
                          "eps", "", "eps in the denominator (default 1e-10; the notes' form has none)")),
                      families::convention("paper"),
                      families::word("eps-placement", "outside", {"outside", "inside"},
                                     "sqrt(G) + eps (outside) or sqrt(G + eps) (inside); paper only"),
                      families::nonnegative("initial-accumulator-value", "0", "G_0 (paper, pytorch)"),
                      families::nonnegative("lr-decay", "0", "pytorch only: lr_t = lr / (1 + (t - 1) lr_decay)"), l2, families::maximize()},
       .exact = "no (square roots)",
       .exactness = Exactness::no,
       .schedulable = true,
       .torch = "torch.optim.Adagrad",
       .forms = {
{"adagrad", "notes", "seed 001 (Adagrad)", "w <- w - (eta/sqrt(t + 1))/sigma^t g, sigma^t = RMS of g^0..g^t",
       "the sqrt(t + 1) cancels: the paper's form with eps = 0 (checked); no eps, so a coordinate with zero gradients "
       "so far does not move", "--method adagrad --convention notes", {"adagrad_forms", "adagrad_axis_aligned"}},
{"adagrad", "paper", "Duchi, Hazan & Singer (2011), diagonal; seed 003", "G <- G + g^2, x <- x - eta g/(eps + sqrt(G))",
       "eps outside the root (inside with --eps-placement inside); G_0 = 0 unless --initial-accumulator-value; seed 003 "
       "writes the sum with grad f(x_t) for every j (refuted)",
       "--method adagrad --convention paper", {"adagrad_forms", "adagrad_axis_aligned", "gradient_distance"}},
{"adagrad", "pytorch", "torch.optim.Adagrad", "G <- G + g^2, x <- x - lr/(1 + (t - 1) lr_decay) g/(sqrt(G) + eps)",
       "the paper's form plus lr_decay, initial_accumulator_value and L2 weight_decay; default eps 1e-10",
       "--method adagrad --convention pytorch", {"adagrad_forms"}}
},
       .make_double = build_adagrad<double>,
       .make_mpfr = build_adagrad<Mpfr>},
      {.name = "rmsprop",
       .summary = "v <- alpha v + (1 - alpha) g^2, x <- x - lr g / (sqrt(v) + eps) (paper, pytorch) or lr g / sqrt(v + eps) "
                  "(notes, seed 003); centered: sqrt(v - m^2), m the average of g; momentum mu: b <- mu b + g/(...), "
                  "x <- x - lr b",
       .parameters = {families::positive("lr", "1/100", "learning rate"),
                      families::unit_closed_open("alpha", "99/100", "decay rate of v"),
                      families::nonnegative("eps", "1e-8", "eps in the denominator"), families::convention("pytorch"),
                      families::word("centered", "no", {"no", "yes"},
                                     "divide by sqrt(v - m^2) + eps (Graves 2013; not notes)"),
                      families::unit_closed_open("momentum", "0", "momentum mu of PyTorch's buffer (not notes)"), l2, families::maximize()},
       .exact = "no (square roots)",
       .exactness = Exactness::no,
       .schedulable = true,
       .torch = "torch.optim.RMSprop",
       .forms = {
{"rmsprop", "notes", "seed 003 (RMSProp, Hinton et al. 2012)", "v <- beta v + (1 - beta) g^2, x <- x - eta g/sqrt(v + eps)",
       "eps inside the root; seed 003 also writes the power -1, G_t on both sides and the unrolled sum without 1 - beta "
       "(all refuted)", "--method rmsprop --convention notes", {"rmsprop_average", "adadelta_units"}},
{"rmsprop", "pytorch", "torch.optim.RMSprop; Tieleman & Hinton (2012); Graves (2013, centered)",
       "v <- alpha v + (1 - alpha) g^2, x <- x - lr g/(sqrt(v) + eps)",
       "eps outside the root (TensorFlow puts it inside); centered divides by sqrt(v - m^2) + eps; momentum mu keeps "
       "b <- mu b + g/(sqrt(v) + eps); --convention paper is the same update",
       "--method rmsprop --convention pytorch", {"rmsprop_average"}}
},
       .make_double = build_rmsprop<double>,
       .make_mpfr = build_rmsprop<Mpfr>},
      {.name = "adadelta",
       .summary = "E_g <- rho E_g + (1 - rho) g^2, d = sqrt(E_d + eps)/sqrt(E_g + eps) g, E_d <- rho E_d + (1 - rho) d^2, "
                  "x <- x - lr d (Zeiler 2012 with lr = 1; pytorch); notes: one scalar E_d of |d|^2 (seed 003)",
       .parameters = {families::positive("lr", "1", "learning rate (1 in Zeiler's paper)"),
                      families::unit_closed_open("rho", "9/10", "decay rate of both averages"),
                      families::positive("eps", "1e-6", "eps"),
                      families::optional(families::positive("eps-delta", "", "eps of the step average E_d (default: --eps)")),
                      families::convention("paper", {"paper", "notes", "pytorch", "divide_first"},
                                           "paper or pytorch (Zeiler: E_g includes g before dividing), notes (seed 003's "
                                           "scalar accumulator) or divide_first (divides by the previous E_g, an "
                                           "implementation slip: from zero state it is gradient descent with step lr)"),
                      families::older_spelling("order", {"update_first", "divide_first"},
                                               "update_first (paper) or divide_first"),
                      l2, families::maximize()},
       .exact = "no (square roots)",
       .exactness = Exactness::no,
       .schedulable = true,
       .torch = "torch.optim.Adadelta",
       .forms = {
{"adadelta", "paper", "Zeiler (2012), Algorithm 1; torch.optim.Adadelta",
       "E_g <- rho E_g + (1 - rho) g^2, d = sqrt(E_d + eps)/sqrt(E_g + eps) g, E_d <- rho E_d + (1 - rho) d^2, x <- x - lr d",
       "Zeiler has no learning rate (lr = 1, PyTorch's default); E_d is updated with d before the lr; the step has the "
       "units of x when each eps carries its average's units", "--method adadelta --convention paper",
       {"adadelta_units", "adadelta_per_coordinate"}},
{"adadelta", "notes", "seed 003 (AdaDelta)", "as paper with one scalar u <- rho u + (1 - rho) sum_i d_i^2 for all coordinates",
       "couples the coordinates (refuted as Zeiler's per-coordinate method)", "--method adadelta --convention notes",
       {"adadelta_per_coordinate"}},
{"adadelta", "divide_first", "an implementation slip", "d computed with E_g before adding g^2",
       "from zero state it is exactly gradient descent with step lr, for every rho and eps",
       "--method adadelta --convention divide_first", {"adadelta_per_coordinate"}}
},
       .make_double = build_adadelta<double>,
       .make_mpfr = build_adadelta<Mpfr>},
  };
}

}  // namespace descent
