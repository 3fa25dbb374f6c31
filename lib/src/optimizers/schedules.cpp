// Learning-rate schedules and the Scheduled decorator.
#include "descent/optimizers/schedules.hpp"

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
Schedule<S> Schedule<S>::plateau(const S& factor, int patience, const S& threshold) {
  if (!(factor > 0 && factor < 1)) throw InputError("factor: must be in (0, 1), got " + to_string<S>(factor));
  if (patience < 0) throw InputError("patience: must be >= 0, got " + std::to_string(patience));
  if (!(threshold >= 0)) throw InputError("threshold: must be >= 0, got " + to_string<S>(threshold));
  Schedule s(ScheduleKind::plateau);
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
}

template <class S>
S Schedule<S>::factor(int k, const S& f_k) {
  if (k < 0) throw std::invalid_argument("Schedule::factor: k < 0");
  const S k1 = S(k + 1);
  switch (kind_) {
    case ScheduleKind::constant: return S(1);
    case ScheduleKind::inverse: return S(1 / k1);
    case ScheduleKind::inverse_square: return S(1 / (k1 * k1));
    case ScheduleKind::plateau: {
      if (k == 0) {
        best_ = f_k;
        bad_ = 0;
        multiplier_ = 1;
      } else {
        using std::abs;
        if (f_k < best_ - threshold_ * abs(best_)) {
          best_ = f_k;
          bad_ = 0;
        } else if (++bad_ > patience_) {
          multiplier_ = multiplier_ * factor_;
          bad_ = 0;
        }
      }
      return multiplier_;
    }
    case ScheduleKind::inv_sqrt:
    case ScheduleKind::exponential:
    case ScheduleKind::silver:
      if constexpr (ScalarTraits<S>::exact) {
        throw InputError("--schedule: " + name() + " is irrational and cannot run with --exact; use --digits D");
      } else {
        using std::exp;
        using std::sqrt;
        if (kind_ == ScheduleKind::inv_sqrt) return S(1 / sqrt(k1));
        if (kind_ == ScheduleKind::exponential) return S(exp(S(-decay_ * k)));
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

}  // namespace descent
