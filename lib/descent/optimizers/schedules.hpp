/// \file schedules.hpp
/// \brief Learning-rate schedules (lesson 10) as policies for every method with a step size
/// (docs/design.md §5): a schedule gives the multiplier m_k of the base step η at step
/// k = 0, 1, …, and Scheduled runs any Optimizer whose step_size() is not null with
/// η_k = η·m_k.
///
/// | name | m_k | exact | source |
/// |---|---|---|---|
/// | constant | 1 | yes | |
/// | inv_sqrt | 1/√(k + 1) | no | seed 001 (η^t = η/√(t + 1)) |
/// | inverse | 1/(k + 1) | yes | seed 002 (η₀/(k + 1)); Robbins & Monro (1951) |
/// | inverse_square | 1/(k + 1)² | yes | seed 002 |
/// | exponential | e^{−δk}, δ > 0; or γ^k, γ > 0 | with γ | seed 002 (η₀e^{−βk}; β renamed δ, --decay); PyTorch ExponentialLR (--gamma) |
/// | step | γ^⌊k/s⌋ | yes | seed 001 ("Reduce the learning rate by some factor every few epochs"); PyTorch StepLR |
/// | multistep | γ^c, c the number of milestones ≤ k | yes | PyTorch MultiStepLR |
/// | cosine | r + (1 − r)(1 + cos(πk/T))/2, r = η_min/η | no | PyTorch CosineAnnealingLR (Loshchilov & Hutter 2017, no restarts) |
/// | plateau | m ← γm after more than p steps without f_k < best − τ·\|best\| | yes | PyTorch ReduceLROnPlateau |
/// | silver | 1 + ρ^{ν(k+1)−1}, ρ = 1 + √2, ν the 2-adic valuation | no | Altschuler & Parrilo (2023) |
///
/// The silver schedule is meant with η = 1/L: its steps are h_i/L with h_1, h_2, … =
/// √2, 2, √2, 2 + √2, √2, 2, √2, 1 + ρ², … (the i-th step is 1 + ρ^{ν(i)−1}), many of them
/// above the 2/L of the descent lemma.
///
/// step, multistep, exponential with γ and cosine are PyTorch's StepLR, MultiStepLR, ExponentialLR and
/// CosineAnnealingLR stepped once after every optimizer step (m_k is the multiplier of the k-th
/// step, k = 0, 1, …). PyTorch computes them recursively (η_k from η_{k−1}); the closed forms here
/// are the same numbers up to rounding (tests/cli/torch_oracle.py runs both).
///
/// The plateau rule is PyTorch's ReduceLROnPlateau (mode "min", cooldown 0, no floor) with
/// the threshold measured against |best| (PyTorch multiplies best by 1 − τ, the same for
/// best ≥ 0); f_k is the value at the iterate the step starts from.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "descent/optimizers.hpp"

namespace descent {

/// How plateau decides that f_k improved on the best value (PyTorch's threshold_mode, plus the
/// library's default): for mode min, f_k < best − τ|best| (magnitude), f_k < best·(1 − τ) (rel,
/// PyTorch's default; differs from magnitude when best < 0), or f_k < best − τ (abs); mirrored for max.
enum class ThresholdMode { magnitude, rel, abs };

/// ReduceLROnPlateau's options beyond factor, patience and threshold (defaults: mode min, the
/// library's magnitude rule, no cooldown, no floor, no minimum cut; PyTorch's defaults are the same
/// except threshold_mode rel and eps 1e-8).
template <class S>
struct PlateauOptions {
  bool maximize = false;                              ///< mode max: improvement is f rising
  ThresholdMode threshold_mode = ThresholdMode::magnitude;  ///< what counts as an improvement
  int cooldown = 0;                                   ///< steps after a cut during which bad steps are not counted
  S min_lr = S(0);                                    ///< floor of the step size η_k
  S eps = S(0);                                       ///< a cut smaller than this (in η) is not made
};

/// The schedules of the table above.
enum class ScheduleKind { constant, inv_sqrt, inverse, inverse_square, exponential, step, multistep, cosine, plateau, silver };

/// A learning-rate schedule: the multiplier m_k of the base step at step k. Stateful only
/// for plateau (it watches f_k); reset() starts it over.
template <class S>
class Schedule {
 public:
  /// m_k = 1.
  static Schedule constant() { return Schedule(ScheduleKind::constant); }
  /// m_k = 1/√(k + 1) (not exact).
  static Schedule inv_sqrt() { return Schedule(ScheduleKind::inv_sqrt); }
  /// m_k = 1/(k + 1).
  static Schedule inverse() { return Schedule(ScheduleKind::inverse); }
  /// m_k = 1/(k + 1)².
  static Schedule inverse_square() { return Schedule(ScheduleKind::inverse_square); }
  /// m_k = e^{−δk} (not exact). Throws InputError unless δ > 0.
  static Schedule exponential(const S& decay);
  /// m_k = γ^k (PyTorch's ExponentialLR; exact). Throws InputError unless γ > 0.
  static Schedule geometric(const S& gamma);
  /// m_k = γ^⌊k/period⌋ (PyTorch's StepLR with step_size = period). Throws InputError unless
  /// period ≥ 1 and γ > 0.
  static Schedule step(long long period, const S& gamma);
  /// m_k = γ^c, c the number of milestones ≤ k counted with repetition (PyTorch's MultiStepLR;
  /// any order). Throws InputError unless every milestone is ≥ 0 and γ > 0.
  static Schedule multistep(std::vector<long long> milestones, const S& gamma);
  /// η_k = η_min + (η − η_min)(1 + cos(πk/T))/2, as a multiplier of η (PyTorch's
  /// CosineAnnealingLR; past T it rises again, as PyTorch's does). Not exact. Throws InputError
  /// unless T ≥ 1 and η_min ≥ 0.
  static Schedule cosine(long long t_max, const S& eta_min);
  /// Multiply by γ after more than `patience` steps without improvement. Throws InputError
  /// unless 0 < γ < 1, patience ≥ 0 and τ ≥ 0.
  static Schedule plateau(const S& factor, int patience, const S& threshold, PlateauOptions<S> options = {});
  /// m_k = 1 + ρ^{ν(k+1)−1} (not exact).
  static Schedule silver() { return Schedule(ScheduleKind::silver); }

  /// The multiplier at step k, given f_k = f(x_k) (used by plateau only). Steps must be
  /// asked in order 0, 1, 2, … after reset() for plateau.
  S factor(int k, const S& f_k);
  /// Start over (plateau forgets its best value).
  void reset();
  /// The base step η the multipliers apply to (Scheduled sets it): plateau's min_lr and eps are in
  /// units of η.
  void set_base(const S& base) { base_ = base; }
  /// Which schedule.
  ScheduleKind kind() const { return kind_; }
  /// Its name as on the command line.
  std::string name() const;

 private:
  explicit Schedule(ScheduleKind kind) : kind_(kind) {}
  ScheduleKind kind_;
  S decay_ = 0, factor_ = 0, threshold_ = 0;
  int patience_ = 0;
  S gamma_ = 0, eta_min_ = 0;       // step, multistep, exponential with γ: γ; cosine: η_min
  bool by_gamma_ = false;           // exponential: γ^k rather than e^{−δk}
  long long period_ = 1;            // step: s; cosine: T
  std::vector<long long> milestones_;  // multistep, sorted
  // step, multistep, exponential with γ: the multiplier γ^c and its count c, kept from step to step
  S power_ = 1;
  long long power_count_ = 0;
  S gamma_power(long long count);
  // plateau state
  S multiplier_ = 1, best_ = 0;
  int bad_ = 0, cooling_ = 0;
  PlateauOptions<S> plateau_;
  S base_ = 1;
};

/// ν(i): the exponent of 2 in i ≥ 1 (ν(12) = 2). Throws std::invalid_argument for i < 1.
int two_adic_valuation(long long i);
/// The silver step h_i = 1 + ρ^{ν(i)−1}, ρ = 1 + √2, i ≥ 1 (Altschuler & Parrilo 2023,
/// in units of 1/L), at the working precision of S. Throws std::invalid_argument for i < 1.
template <class S>
S silver_step(long long i);

/// Any optimizer with a step size, run under a schedule: before step k it sets η_k = η·m_k,
/// η the optimizer's step size when Scheduled was made. Evaluations the inner method hands
/// over (line searches) pass through.
template <class S>
class Scheduled final : public Optimizer<S> {
 public:
  /// Throws InputError if `inner` has no step size (step_size() is null).
  Scheduled(std::unique_ptr<Optimizer<S>> inner, Schedule<S> schedule);
  void reset(int n) override;
  Vec<S> step(const Problem<S>& problem, const Vec<S>& x, const Vec<S>& g) override;
  Vec<S> step_from(const Problem<S>& problem, const Vec<S>& x, const S& fx, const Vec<S>& g) override;
  std::string name() const override { return inner_->name() + " with the " + schedule_.name() + " schedule"; }
  const std::pair<S, Vec<S>>* last_evaluation() const override { return inner_->last_evaluation(); }
  bool take_evaluation(S& f, Vec<S>& g) override { return inner_->take_evaluation(f, g); }
  bool set_initial_step(const Vec<S>& v0) override { return inner_->set_initial_step(v0); }
  /// The step size η_k of the last step.
  const S& last_step_size() const { return *inner_->step_size(); }

 private:
  std::unique_ptr<Optimizer<S>> inner_;
  Schedule<S> schedule_;
  S base_;
  int k_ = 0;
};

}  // namespace descent
