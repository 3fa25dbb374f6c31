// Heavy ball and Nesterov in the notes' and PyTorch's forms.
#include "descent/optimizers/momentum.hpp"
#include "families.hpp"

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

// ---- the registry's entries (methods.hpp): this family's description, written once

namespace {
template <class S>
std::unique_ptr<Optimizer<S>> build_heavy_ball(const MethodArgs& a) {
  const S eta = a.number<S>("eta"), beta = a.number<S>("beta");
  const MomentumForm form = a.convention("form") == "pytorch" ? MomentumForm::pytorch : MomentumForm::notes;
  return std::make_unique<Momentum<S>>(eta, beta, form, false);
}
template <class S>
std::unique_ptr<Optimizer<S>> build_nesterov(const MethodArgs& a) {
  if (a.has("L")) {
    for (const char* flag : {"eta", "beta", "convention", "form"})
      a.refuse(flag, "not with --L (Nesterov's scheme takes its step 1/L and its beta from --L and --mu)");
    const S mu = a.has("mu") ? a.number<S>("mu") : S(0), L = a.number<S>("L");
    if (!(mu < L)) throw InputError("--mu: must be < L, got " + a.text("mu"));
    if constexpr (ScalarTraits<S>::exact) {
      if (!a.has("mu") || mu == 0)
        throw InputError("--L: without --mu > 0 Nesterov's scheme uses the convex t_k schedule, which takes square roots "
                         "and cannot run with --exact; use --digits D");
      if (!exact_sqrt(Rational(L / mu)))
        throw InputError("--mu: sqrt(L/mu) = sqrt(" + to_string<S>(L / mu) +
                         ") is irrational, so beta = (sqrt(L/mu) - 1)/(sqrt(L/mu) + 1) is not exact; use --digits D");
    }
    return std::make_unique<Momentum<S>>(Momentum<S>::accelerated(L, mu));
  }
  a.refuse("mu", "needs --L (Nesterov's scheme for L-smooth f)");
  const S eta = a.number<S>("eta"), beta = a.number<S>("beta");
  const MomentumForm form = a.convention("form") == "pytorch" ? MomentumForm::pytorch : MomentumForm::notes;
  return std::make_unique<Momentum<S>>(eta, beta, form, true);
}
}  // namespace

std::vector<MethodInfo> families::momentum() {
  return {
      {.name = "heavy_ball",
       .summary = "notes: v <- beta v - eta grad f(x), x <- x + v; pytorch: b <- beta b + grad f(x), x <- x - eta b",
       .parameters = {families::positive("eta", "", "step size eta"),
                      families::unit_closed_open("beta", "", "momentum beta"),
                      families::convention("notes", {"notes", "pytorch"},
                                           "notes (seed 002; seed 003's v <- -grad f + beta v, x <- x + eta v gives the "
                                           "same x_k) or pytorch (SGD momentum)"),
                      families::older_spelling("form", {"notes", "pytorch"}, "notes or pytorch")},
       .exact = "yes",
       .schedulable = true,
       .torch = "torch.optim.SGD",
       .forms = {
{"heavy_ball", "notes", "seed 002 (Delta W <- beta Delta W - eta grad), seed 003 (v <- -grad f + beta v, x <- x + eta v)",
       "v <- beta v - eta grad f(x), x <- x + v", "seed 003's v is the notes' v/eta: the same x_k for a constant eta",
       "--method heavy_ball --convention notes", {"heavy_ball_forms"}},
{"heavy_ball", "pytorch", "torch.optim.SGD(momentum=beta, dampening=0)", "b <- beta b + grad f(x), x <- x - eta b",
       "b = -v/eta: the same x_k as the notes for a constant eta; under a schedule the notes' v keeps the past eta_j and "
       "b does not, so the forms part from step 2",
       "--method heavy_ball --convention pytorch", {"heavy_ball_forms"}}
},
       .make_double = build_heavy_ball<double>,
       .make_mpfr = build_heavy_ball<Mpfr>,
       .make_exact = build_heavy_ball<Rational>},
      {.name = "nesterov",
       .summary = "notes: v <- beta v - eta grad f(x + beta v), x <- x + v; pytorch: b <- beta b + grad f(x), "
                  "x <- x - eta (grad f(x) + beta b); with --L (and --mu): y = x_k + beta_k (x_k - x_(k-1)), "
                  "x_(k+1) = y - grad f(y)/L, beta = (sqrt(L/mu) - 1)/(sqrt(L/mu) + 1), or for mu = 0 "
                  "beta_k = (t_k - 1)/t_(k+1), t_1 = 1, t_(k+1) = (1 + sqrt(1 + 4 t_k^2))/2",
       .parameters = {families::optional(families::positive("eta", "", "step size eta; required unless --L")),
                      families::optional(families::unit_closed_open("beta", "", "momentum beta; required unless --L")),
                      families::convention("notes", {"notes", "pytorch"},
                                           "notes (look-ahead gradient) or pytorch (SGD nesterov=True; its iterate is "
                                           "the notes' look-ahead point)"),
                      families::older_spelling("form", {"notes", "pytorch"}, "notes or pytorch"),
                      families::optional(families::positive(
                          "L", "", "smoothness L: Nesterov's scheme with step 1/L (instead of --eta --beta)")),
                      families::optional(families::nonnegative(
                          "mu", "", "strong convexity mu < L, with --L (default 0: the convex t_k schedule)"))},
       .exact = "with --eta --beta; with --L --mu when sqrt(L/mu) is rational",
       .exactness = Exactness::conditional,
       .schedulable = true,
       .torch = "torch.optim.SGD",
       .forms = {
{"nesterov", "notes", "seeds 002, 003 (look-ahead gradient)", "v <- beta v - eta grad f(x + beta v), x <- x + v",
       "seed 003 writes the look-ahead as x + beta v with x <- x + eta v: Nesterov only for eta = 1 (refuted)",
       "--method nesterov --convention notes", {"nesterov_forms"}},
{"nesterov", "pytorch", "torch.optim.SGD(momentum=beta, nesterov=True)",
       "b <- beta b + grad f(x), x <- x - eta (grad f(x) + beta b)",
       "its iterate is the notes' look-ahead point x_k + beta v_k; the forms part under a schedule",
       "--method nesterov --convention pytorch", {"nesterov_forms"}},
{"nesterov", "paper", "Nesterov (1983, 2004); Beck & Teboulle (2009)",
       "y = x_k + beta_k (x_k - x_(k-1)), x_(k+1) = y - grad f(y)/L",
       "the notes' look-ahead form with eta = 1/L and beta = (sqrt(kappa) - 1)/(sqrt(kappa) + 1), or FISTA's beta_k for "
       "mu = 0", "--method nesterov --L L [--mu MU]", {"nesterov_strongly_convex_rate", "nesterov_forms"}}
},
       .make_double = build_nesterov<double>,
       .make_mpfr = build_nesterov<Mpfr>,
       .make_exact = build_nesterov<Rational>},
  };
}

}  // namespace descent
