/// \file optimizers.hpp
/// \brief Optimizers with explicit state and one `step`, and the runner that turns one
/// into a Trace (docs/design.md §5).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "descent/problems.hpp"

namespace descent {

/// An iterative method: explicit state, reset to a dimension, one step at a time.
template <class S>
class Optimizer {
 public:
  virtual ~Optimizer() = default;
  /// Clear the state for a problem of dimension n.
  virtual void reset(int n) = 0;
  /// x_{k+1} from x_k and g_k = ∇f(x_k).
  virtual Vec<S> step(const Problem<S>& problem, const Vec<S>& x, const Vec<S>& g) = 0;
  /// x_{k+1} when f(x_k) is known as well (the runner passes it): methods that need f(x_k),
  /// such as line searches, override this and spare an evaluation. The default calls step().
  virtual Vec<S> step_from(const Problem<S>& problem, const Vec<S>& x, const S& fx, const Vec<S>& g) {
    (void)fx;
    return step(problem, x, g);
  }
  /// Method name as used on the command line.
  virtual std::string name() const = 0;
  /// The step size η the method multiplies its direction by, for a learning-rate schedule
  /// (Scheduled, optimizers/schedules.hpp) to set before each step; nullptr when the method
  /// has none (a line search chooses its own).
  virtual S* step_size() { return nullptr; }
  /// For methods with memory of the last step (momentum): start as if the step before x_0
  /// had been v_0 = x_0 − x_{−1} (default 0); kept across reset(). Returns false, and does
  /// nothing, for methods without such memory.
  virtual bool set_initial_step(const Vec<S>& v0) {
    (void)v0;
    return false;
  }
  /// True when the method has nothing more to do (the perceptron after a pass without
  /// update): the runner then stops with status converged and finished_reason().
  virtual bool finished() const { return false; }
  /// Why finished() is true, in words.
  virtual std::string finished_reason() const { return "the method finished"; }
  /// When the last step() already evaluated f and ∇f at the point it returned (a line
  /// search does), that value and gradient, so that the runner need not evaluate them
  /// again; nullptr otherwise.
  virtual const std::pair<S, Vec<S>>* last_evaluation() const { return nullptr; }
  /// As last_evaluation(), but hands the value and gradient over (moved into f and g);
  /// returns false when there is none. The runner calls this once per step.
  virtual bool take_evaluation(S& f, Vec<S>& g) {
    const auto* e = last_evaluation();
    if (!e) return false;
    f = e->first;
    g = e->second;
    return true;
  }
};

/// An optimizer whose step evaluates f and ∇f at the point it returns (a line search does)
/// and hands them to the runner, which then need not evaluate them again.
template <class S>
class EvaluatingOptimizer : public Optimizer<S> {
 public:
  const std::pair<S, Vec<S>>* last_evaluation() const override { return have_ ? &eval_ : nullptr; }
  bool take_evaluation(S& f, Vec<S>& g) override {
    if (!have_) return false;
    f = eval_.first;  // kept: the next step's f(x)
    g = std::move(eval_.second);
    return true;
  }

 protected:
  /// Record f and ∇f at the point the step is about to return.
  void remember(const S& f, Vec<S>&& g) {
    eval_.first = f;
    eval_.second = std::move(g);
    have_ = true;
  }
  /// f at the current point if the last step recorded it, else evaluated.
  S value_here(const Problem<S>& problem, const Vec<S>& x) const { return have_ ? eval_.first : problem.value(x); }
  bool have_ = false;             ///< eval_ belongs to the point the last step returned
  std::pair<S, Vec<S>> eval_;     ///< f and ∇f there
};

/// Gradient descent with a fixed step: x_{k+1} = x_k − η ∇f(x_k).
/// \f$ \eta > 0 \f$ (enforced); convergence on an L-smooth function needs \f$ \eta < 2/L \f$,
/// which the constructor does not know and does not require.
template <class S>
class GradientDescent final : public Optimizer<S> {
 public:
  /// Throws InputError unless eta > 0.
  explicit GradientDescent(S eta);
  void reset(int) override {}
  /// x − ηg.
  Vec<S> step(const Problem<S>&, const Vec<S>& x, const Vec<S>& g) override;
  std::string name() const override { return "gd"; }
  S* step_size() override { return &eta_; }
  /// The step size η.
  const S& eta() const { return eta_; }

 private:
  S eta_;
};

/// Heavy ball (Polyak 1964) in seed 003's form: v_{k+1} = −∇f(x_k) + β v_k,
/// x_{k+1} = x_k + η v_{k+1}, v_0 = 0. \f$ \eta > 0,\ 0 \le \beta < 1 \f$ (enforced).
template <class S>
class HeavyBall final : public Optimizer<S> {
 public:
  /// Throws InputError unless eta > 0 and 0 ≤ beta < 1.
  HeavyBall(S eta, S beta);
  void reset(int n) override { v_ = Vec<S>::Zero(n); }
  Vec<S> step(const Problem<S>&, const Vec<S>& x, const Vec<S>& g) override;
  std::string name() const override { return "heavy_ball"; }
  S* step_size() override { return &eta_; }

 private:
  S eta_, beta_;
  Vec<S> v_;
};

/// Any optimizer turned to ascent, as PyTorch's `maximize=True`: each step hands −∇f(x) to the inner
/// method (which then adds its weight decay to it, as torch does), so it climbs f.
template <class S>
class Maximizing final : public Optimizer<S> {
 public:
  /// Takes the inner method over.
  explicit Maximizing(std::unique_ptr<Optimizer<S>> inner) : inner_(std::move(inner)) {}
  void reset(int n) override { inner_->reset(n); }
  Vec<S> step(const Problem<S>& problem, const Vec<S>& x, const Vec<S>& g) override {
    return inner_->step(problem, x, Vec<S>(-g));
  }
  std::string name() const override { return inner_->name(); }
  S* step_size() override { return inner_->step_size(); }
  bool set_initial_step(const Vec<S>& v0) override { return inner_->set_initial_step(v0); }

 private:
  std::unique_ptr<Optimizer<S>> inner_;
};

/// Why a run stopped.
enum class Status {
  max_steps,        ///< the step budget ran out
  converged,        ///< ‖∇f‖² fell to the tolerance
  diverged,         ///< a value became non-finite or exceeded the divergence threshold
  domain_error,     ///< f, ∇f or the step is not defined at an iterate (log of a negative number, …)
  interrupted,      ///< the observer of run_rows asked to stop (Ctrl-C in `descent trace`)
  too_many_digits   ///< exact arithmetic: a number of the iterate outgrew StopRule::max_exact_digits
};
/// The enumerator's name: "max_steps", "converged", "diverged", "domain_error", "interrupted" or
/// "too_many_digits".
std::string_view to_string(Status s);

/// When to stop.
template <class S>
struct StopRule {
  int max_steps = 100;     ///< number of steps, ≥ 0
  S grad_norm2_tol = 0;    ///< stop once ‖∇f(x_k)‖² ≤ this (0: never)
  S divergence_bound = 0;  ///< diverged once |f(x_k)| or any |x_k,i| exceeds this (0: 10¹⁰⁰)
  /// Exact arithmetic only: a budget for n × (bits of numerators and denominators stored
  /// so far), which bounds both the memory of the trajectory and the work of the next
  /// gradient (about n² products of numbers of that size). Once exceeded, run() throws
  /// InputError naming --steps. 0: no limit.
  double max_exact_bits = 0;
  /// Record every iterate x_k in the Trace (true), or only x_0 and the last one (false: the
  /// values f and ‖∇f‖² are still recorded at every step; saves n numbers per step on long
  /// runs of large problems).
  bool keep_iterates = true;
  /// Exact arithmetic only: stop (status too_many_digits) once a numerator or denominator of
  /// x_k, f(x_k) or ‖∇f(x_k)‖² has more than this many decimal digits; 0: no limit. Unlike
  /// max_exact_bits it bounds the numbers of one step, not the stored trajectory.
  long long max_exact_digits = 0;
};

/// The trajectory of a run: x_0 … x_K, f(x_k), ‖∇f(x_k)‖², and why it stopped. Rows stop
/// at the last finite iterate: a diverged run never contains a non-finite value.
template <class S>
struct Trace {
  std::vector<Vec<S>> x;       ///< iterates x_0 … x_K (empty if x_0 itself was out of bounds); only x_0 and x_K
                               ///< when StopRule::keep_iterates is false
  std::vector<S> f;            ///< f(x_k), one per row of x
  std::vector<S> grad_norm2;   ///< ‖∇f(x_k)‖², one per row of x
  Status status = Status::max_steps;  ///< why the run stopped
  std::string message;         ///< the reason in words, e.g. "ran 100 steps"
  /// Number of steps taken (rows − 1).
  int steps() const { return static_cast<int>(f.size()) - 1; }
};

/// Run `opt` on `problem` from x0 under `stop`, keeping the trajectory.
template <class S>
Trace<S> run(const Problem<S>& problem, Optimizer<S>& opt, const Vec<S>& x0, const StopRule<S>& stop);

/// Receives each row of a run as it is computed: step k, x_k, f(x_k), ‖∇f(x_k)‖². Returns false to
/// stop the run (status interrupted).
template <class S>
using RowObserver = std::function<bool(int k, const Vec<S>& x, const S& f, const S& grad_norm2)>;

/// How a run of run_rows ended.
struct RunEnd {
  Status status = Status::max_steps;  ///< why it stopped
  std::string message;                ///< the reason in words
  int rows = 0;                       ///< rows handed to the observer (steps taken + 1; 0 if x_0 was refused)
};

/// Run `opt` on `problem` from x0 under `stop` as run() does, but hand each row to `on_row` as soon as
/// it is computed and keep nothing: memory does not grow with the number of steps (a method keeps
/// only the history it needs). StopRule::max_exact_bits and keep_iterates, which concern a stored
/// trajectory, are ignored. A std::domain_error from the problem or the method (log of a negative
/// number, a singular system) ends the run with status domain_error and the step in the message;
/// at x_0 no row is handed over.
template <class S>
RunEnd run_rows(const Problem<S>& problem, Optimizer<S>& opt, const Vec<S>& x0, const StopRule<S>& stop,
                const RowObserver<S>& on_row);

}  // namespace descent
