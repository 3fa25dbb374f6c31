// Learning-rate schedules and the Scheduled decorator.
#include "descent/optimizers/schedules.hpp"
#include "families.hpp"

#include <algorithm>

#include <boost/math/constants/constants.hpp>
#include <stdexcept>

namespace descent {

template <class S>
Schedule<S> Schedule<S>::exponential(const S& decay) {
  if (!(decay > 0)) throw InputError("decay: must be > 0, got " + to_string<S>(decay));
  if constexpr (ScalarTraits<S>::exact)
    throw InputError("--schedule: exponential takes exp() and cannot run with --exact; use --digits D");
  Schedule s(ScheduleKind::exponential);
  s.decay_ = decay;
  return s;
}

template <class S>
Schedule<S> Schedule<S>::geometric(const S& gamma) {
  if (!(gamma > 0)) throw InputError("gamma: must be > 0, got " + to_string<S>(gamma));
  Schedule s(ScheduleKind::exponential);
  s.by_gamma_ = true;
  s.gamma_ = gamma;
  return s;
}

template <class S>
Schedule<S> Schedule<S>::step(long long period, const S& gamma) {
  if (period < 1) throw InputError("period: must be >= 1, got " + std::to_string(period));
  if (!(gamma > 0)) throw InputError("gamma: must be > 0, got " + to_string<S>(gamma));
  Schedule s(ScheduleKind::step);
  s.period_ = period;
  s.gamma_ = gamma;
  return s;
}

template <class S>
Schedule<S> Schedule<S>::multistep(std::vector<long long> milestones, const S& gamma) {
  for (long long m : milestones)
    if (m < 0) throw InputError("milestones: must be >= 0, got " + std::to_string(m));
  if (!(gamma > 0)) throw InputError("gamma: must be > 0, got " + to_string<S>(gamma));
  Schedule s(ScheduleKind::multistep);
  std::sort(milestones.begin(), milestones.end());
  s.milestones_ = std::move(milestones);
  s.gamma_ = gamma;
  return s;
}

template <class S>
Schedule<S> Schedule<S>::cosine(long long t_max, const S& eta_min) {
  if (t_max < 1) throw InputError("t_max: must be >= 1, got " + std::to_string(t_max));
  if (!(eta_min >= 0)) throw InputError("eta_min: must be >= 0, got " + to_string<S>(eta_min));
  if constexpr (ScalarTraits<S>::exact)
    throw InputError("--schedule: cosine takes cos() and cannot run with --exact; use --digits D");
  Schedule s(ScheduleKind::cosine);
  s.period_ = t_max;
  s.eta_min_ = eta_min;
  return s;
}

template <class S>
S Schedule<S>::gamma_power(long long count) {
  // γ^count, kept from step to step: one multiplication when the count moves by one (the usual
  // case, as PyTorch's recursive form), recomputed only when k goes back
  if (count < power_count_) {
    power_ = 1;
    power_count_ = 0;
  }
  while (power_count_ < count) {
    power_ = power_ * gamma_;
    ++power_count_;
  }
  return power_;
}

template <class S>
Schedule<S> Schedule<S>::plateau(const S& factor, int patience, const S& threshold, PlateauOptions<S> options) {
  if (!(factor > 0 && factor < 1)) throw InputError("factor: must be in (0, 1), got " + to_string<S>(factor));
  if (patience < 0) throw InputError("patience: must be >= 0, got " + std::to_string(patience));
  if (!(threshold >= 0)) throw InputError("threshold: must be >= 0, got " + to_string<S>(threshold));
  if (options.cooldown < 0) throw InputError("cooldown: must be >= 0, got " + std::to_string(options.cooldown));
  if (!(options.min_lr >= 0)) throw InputError("min_lr: must be >= 0, got " + to_string<S>(options.min_lr));
  if (!(options.eps >= 0)) throw InputError("eps: must be >= 0, got " + to_string<S>(options.eps));
  Schedule s(ScheduleKind::plateau);
  s.plateau_ = std::move(options);
  s.factor_ = factor;
  s.patience_ = patience;
  s.threshold_ = threshold;
  return s;
}

template <class S>
std::string Schedule<S>::name() const {
  switch (kind_) {
    case ScheduleKind::constant: return "constant";
    case ScheduleKind::inv_sqrt: return "inv_sqrt";
    case ScheduleKind::inverse: return "inverse";
    case ScheduleKind::inverse_square: return "inverse_square";
    case ScheduleKind::exponential: return "exponential";
    case ScheduleKind::step: return "step";
    case ScheduleKind::multistep: return "multistep";
    case ScheduleKind::cosine: return "cosine";
    case ScheduleKind::plateau: return "plateau";
    case ScheduleKind::silver: return "silver";
  }
  return "unknown";
}

template <class S>
void Schedule<S>::reset() {
  multiplier_ = 1;
  best_ = 0;
  bad_ = 0;
  power_ = 1;
  power_count_ = 0;
}

template <class S>
S Schedule<S>::factor(int k, const S& f_k) {
  if (k < 0) throw std::invalid_argument("Schedule::factor: k < 0");
  const S k1 = S(k + 1);
  switch (kind_) {
    case ScheduleKind::constant: return S(1);
    case ScheduleKind::inverse: return S(1 / k1);
    case ScheduleKind::inverse_square: return S(1 / (k1 * k1));
    case ScheduleKind::step: return gamma_power(k / period_);
    case ScheduleKind::multistep:
      return gamma_power(std::upper_bound(milestones_.begin(), milestones_.end(), (long long)k) - milestones_.begin());
    case ScheduleKind::plateau: {
      if (k == 0) {  // PyTorch's first step: best = ±inf, so f_0 is an improvement
        best_ = f_k;
        bad_ = 0;
        cooling_ = 0;
        multiplier_ = 1;
        return multiplier_;
      }
      using std::abs;
      const S& t = threshold_;
      bool better = false;
      const bool up = plateau_.maximize;
      switch (plateau_.threshold_mode) {
        case ThresholdMode::magnitude: better = up ? f_k > best_ + t * abs(best_) : f_k < best_ - t * abs(best_); break;
        case ThresholdMode::rel: better = up ? f_k > best_ * (1 + t) : f_k < best_ * (1 - t); break;
        case ThresholdMode::abs: better = up ? f_k > best_ + t : f_k < best_ - t; break;
      }
      if (better) {
        best_ = f_k;
        bad_ = 0;
      } else {
        ++bad_;
      }
      if (cooling_ > 0) {  // in cooldown: bad steps do not count
        --cooling_;
        bad_ = 0;
      }
      if (bad_ > patience_) {
        // PyTorch: new_lr = max(lr·factor, min_lr), made only if lr − new_lr > eps (in units of the base η)
        S next = multiplier_ * factor_;
        const S floor = plateau_.min_lr / base_;
        if (next < floor) next = floor;
        if (multiplier_ - next > plateau_.eps / base_) multiplier_ = next;
        cooling_ = plateau_.cooldown;
        bad_ = 0;
      }
      return multiplier_;
    }
    case ScheduleKind::exponential:
      if (by_gamma_) return gamma_power(k);
      [[fallthrough]];
    case ScheduleKind::inv_sqrt:
    case ScheduleKind::cosine:
    case ScheduleKind::silver:
      if constexpr (ScalarTraits<S>::exact) {
        throw InputError("--schedule: " + name() + " is irrational and cannot run with --exact; use --digits D");
      } else {
        using std::exp;
        using std::sqrt;
        if (kind_ == ScheduleKind::inv_sqrt) return S(1 / sqrt(k1));
        if (kind_ == ScheduleKind::exponential) return S(exp(S(-decay_ * k)));
        if (kind_ == ScheduleKind::cosine) {
          using std::cos;
          const S r = eta_min_ / base_;  // η_min in units of η
          return S(r + (1 - r) * (1 + cos(S(boost::math::constants::pi<S>() * S(k) / S(period_)))) / 2);
        }
        return silver_step<S>(k + 1);
      }
  }
  throw std::logic_error("Schedule::factor: unknown kind");
}

int two_adic_valuation(long long i) {
  if (i < 1) throw std::invalid_argument("two_adic_valuation: i < 1");
  int v = 0;
  while (i % 2 == 0) {
    i /= 2;
    ++v;
  }
  return v;
}

template <class S>
S silver_step(long long i) {
  using std::sqrt;
  const int nu = two_adic_valuation(i);
  const S rho = 1 + sqrt(S(2));
  S power = sqrt(S(2)) - 1;  // ρ^{−1} = √2 − 1
  for (int j = 0; j < nu; ++j) power = power * rho;
  return 1 + power;
}

template <class S>
Scheduled<S>::Scheduled(std::unique_ptr<Optimizer<S>> inner, Schedule<S> schedule)
    : inner_(std::move(inner)), schedule_(std::move(schedule)) {
  if (!inner_ || !inner_->step_size())
    throw InputError("--schedule: method " + (inner_ ? inner_->name() : std::string("(none)")) +
                     " has no step size to schedule");
  base_ = *inner_->step_size();
  schedule_.set_base(base_);
}

template <class S>
void Scheduled<S>::reset(int n) {
  *inner_->step_size() = base_;
  inner_->reset(n);
  schedule_.reset();
  k_ = 0;
}

template <class S>
Vec<S> Scheduled<S>::step(const Problem<S>& problem, const Vec<S>& x, const Vec<S>& g) {
  return step_from(problem, x, problem.value(x), g);
}

template <class S>
Vec<S> Scheduled<S>::step_from(const Problem<S>& problem, const Vec<S>& x, const S& fx, const Vec<S>& g) {
  *inner_->step_size() = base_ * schedule_.factor(k_, fx);
  ++k_;
  return inner_->step_from(problem, x, fx, g);
}

template class Schedule<double>;
template class Schedule<Mpfr>;
template class Schedule<Rational>;
template class Scheduled<double>;
template class Scheduled<Mpfr>;
template class Scheduled<Rational>;
template double silver_step<double>(long long);
template Mpfr silver_step<Mpfr>(long long);

// ---- the registry's entries (methods.hpp): this family's description, written once

namespace {
template <class S>
Schedule<S> build_constant(const MethodArgs&) { return Schedule<S>::constant(); }
template <class S>
Schedule<S> build_inv_sqrt(const MethodArgs&) { return Schedule<S>::inv_sqrt(); }
template <class S>
Schedule<S> build_inverse(const MethodArgs&) { return Schedule<S>::inverse(); }
template <class S>
Schedule<S> build_inverse_square(const MethodArgs&) { return Schedule<S>::inverse_square(); }
template <class S>
Schedule<S> build_exponential(const MethodArgs& a) {
  if (a.has("decay") == a.has("gamma"))
    throw InputError("--schedule exponential: give one of --decay (eta_k = eta exp(-decay k)) and --gamma (eta_k = eta gamma^k)");
  if (a.has("gamma")) return Schedule<S>::geometric(a.number<S>("gamma"));
  if constexpr (ScalarTraits<S>::exact)
    throw InputError("--decay: exp(-decay k) is irrational and cannot run with --exact; use --gamma, or --digits D");
  else
    return Schedule<S>::exponential(a.number<S>("decay"));
}
template <class S>
Schedule<S> build_step(const MethodArgs& a) { return Schedule<S>::step(a.integer("period"), a.number<S>("gamma")); }
template <class S>
Schedule<S> build_multistep(const MethodArgs& a) {
  return Schedule<S>::multistep(a.integers("milestones"), a.number<S>("gamma"));
}
template <class S>
Schedule<S> build_cosine(const MethodArgs& a) { return Schedule<S>::cosine(a.integer("t-max"), a.number<S>("eta-min")); }
template <class S>
Schedule<S> build_plateau(const MethodArgs& a) {
  const S factor = a.number<S>("factor");
  const int patience = a.integer("patience");
  PlateauOptions<S> o;
  o.maximize = a.word("mode") == "max";
  const std::string tm = a.word("threshold-mode");
  o.threshold_mode = tm == "rel" ? ThresholdMode::rel : tm == "abs" ? ThresholdMode::abs : ThresholdMode::magnitude;
  o.cooldown = a.integer("cooldown");
  o.min_lr = a.number<S>("min-lr");
  o.eps = a.number<S>("plateau-eps");
  return Schedule<S>::plateau(factor, patience, a.number<S>("threshold"), o);
}
template <class S>
Schedule<S> build_silver(const MethodArgs&) { return Schedule<S>::silver(); }
}  // namespace

std::vector<MethodInfo> families::schedules() {
  return {
      {.name = "constant", .summary = "eta_k = eta", .exact = "yes", .schedule_double = build_constant<double>,
       .schedule_mpfr = build_constant<Mpfr>, .schedule_exact = build_constant<Rational>},
      {.name = "inv_sqrt", .summary = "eta_k = eta / sqrt(k + 1) (seed 001)", .exact = "no (square roots)",
       .exactness = Exactness::no, .schedule_double = build_inv_sqrt<double>, .schedule_mpfr = build_inv_sqrt<Mpfr>},
      {.name = "inverse", .summary = "eta_k = eta / (k + 1)", .exact = "yes", .schedule_double = build_inverse<double>,
       .schedule_mpfr = build_inverse<Mpfr>, .schedule_exact = build_inverse<Rational>},
      {.name = "inverse_square", .summary = "eta_k = eta / (k + 1)^2", .exact = "yes",
       .schedule_double = build_inverse_square<double>, .schedule_mpfr = build_inverse_square<Mpfr>,
       .schedule_exact = build_inverse_square<Rational>},
      {.name = "exponential",
       .summary = "eta_k = eta exp(-decay k) (seed 002), or eta_k = eta gamma^k (PyTorch's ExponentialLR); one of the two flags",
       .parameters = {families::optional(families::positive("decay", "", "decay rate in exp(-decay k)")),
                      families::optional(families::positive("gamma", "", "factor per step in gamma^k (ExponentialLR's gamma)"))},
       .exact = "with --gamma", .exactness = Exactness::conditional,
       .torch = "torch.optim.lr_scheduler.ExponentialLR", .schedule_double = build_exponential<double>,
       .schedule_mpfr = build_exponential<Mpfr>, .schedule_exact = build_exponential<Rational>},
      {.name = "step",
       .summary = "eta_k = eta gamma^floor(k / period): cut by gamma every period steps (seed 001: \"Reduce the learning "
                  "rate by some factor every few epochs\", counted here in steps; PyTorch's StepLR, its step_size = period)",
       .parameters = {families::integer("period", "", "1", "1000000000", "steps between cuts (StepLR's step_size)"),
                      families::positive("gamma", "1/10", "factor of each cut (StepLR's gamma)")},
       .exact = "yes", .torch = "torch.optim.lr_scheduler.StepLR", .schedule_double = build_step<double>,
       .schedule_mpfr = build_step<Mpfr>, .schedule_exact = build_step<Rational>},
      {.name = "multistep",
       .summary = "eta_k = eta gamma^c, c the number of milestones <= k (PyTorch's MultiStepLR; a milestone given twice "
                  "cuts twice)",
       .parameters = {[] {
                        HyperParameter p = families::integer("milestones", "", "0", "1000000000",
                                                             "the steps at which eta is cut (MultiStepLR's milestones)");
                        p.list = true;
                        return p;
                      }(),
                      families::positive("gamma", "1/10", "factor of each cut (MultiStepLR's gamma)")},
       .exact = "yes", .torch = "torch.optim.lr_scheduler.MultiStepLR", .schedule_double = build_multistep<double>,
       .schedule_mpfr = build_multistep<Mpfr>, .schedule_exact = build_multistep<Rational>},
      {.name = "cosine",
       .summary = "eta_k = eta-min + (eta - eta-min)(1 + cos(pi k / t-max))/2 (PyTorch's CosineAnnealingLR: from eta at k = 0 "
                  "to eta-min at k = t-max, then up again)",
       .parameters = {families::integer("t-max", "", "1", "1000000000", "half period T (CosineAnnealingLR's T_max)"),
                      families::nonnegative("eta-min", "0", "the smallest step size (CosineAnnealingLR's eta_min)")},
       .exact = "no (cos)", .exactness = Exactness::no, .torch = "torch.optim.lr_scheduler.CosineAnnealingLR",
       .schedule_double = build_cosine<double>, .schedule_mpfr = build_cosine<Mpfr>},
      {.name = "plateau",
       .summary = "eta_k <- max(factor eta_k, min-lr) after more than patience steps without improvement (f_k < best - "
                  "threshold |best|; --threshold-mode rel: f_k < best (1 - threshold), abs: f_k < best - threshold; "
                  "--mode max mirrored), a cut smaller than plateau-eps not made, cooldown steps not counted after a "
                  "cut (PyTorch's ReduceLROnPlateau; its defaults: --threshold-mode rel --plateau-eps 1e-8)",
       .parameters = {families::unit_open("factor", "1/10", "reduction factor"),
                      families::integer("patience", "10", "0", "1000000", "steps without improvement tolerated"),
                      families::nonnegative("threshold", "1/10000", "relative improvement that counts"),
                      families::word("mode", "min", {"min", "max"}, "min: f should fall; max: f should rise"),
                      families::word("threshold-mode", "magnitude", {"magnitude", "rel", "abs"},
                                     "magnitude: best - threshold |best| (the library's); rel: best (1 - threshold) "
                                     "(PyTorch's default); abs: best - threshold"),
                      families::integer("cooldown", "0", "0", "1000000", "steps after a cut whose lack of improvement is not counted"),
                      families::nonnegative("min-lr", "0", "floor of the step size eta_k"),
                      families::nonnegative("plateau-eps", "0", "a cut of eta_k smaller than this is not made (PyTorch's eps, 1e-8)")},
       .exact = "yes", .torch = "torch.optim.lr_scheduler.ReduceLROnPlateau", .schedule_double = build_plateau<double>,
       .schedule_mpfr = build_plateau<Mpfr>, .schedule_exact = build_plateau<Rational>},
      {.name = "silver",
       .summary = "eta_k = eta (1 + rho^(nu(k+1) - 1)), rho = 1 + sqrt(2), nu the 2-adic valuation (Altschuler & Parrilo "
                  "2023; take eta = 1/L)",
       .exact = "no (square roots)", .exactness = Exactness::no, .schedule_double = build_silver<double>,
       .schedule_mpfr = build_silver<Mpfr>},
  };
}

}  // namespace descent
