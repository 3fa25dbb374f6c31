/// \file perceptron.hpp
/// \brief The perceptron rule (Rosenblatt 1958; lesson 16): for a misclassified example,
/// w ← w + d_t a_t, with a_t = (x_t, 1) the augmented input and d_t = ±1 its label. No
/// gradient, no step size: it counts mistakes and stops after a pass without one.
///
/// On linearly separable points it stops after at most (R/γ)² updates (Novikoff 1962), with
/// R = max‖a_t‖ and γ = max over unit w of min_t d_t wᵀa_t, the margin of the best separator;
/// a point with d_t wᵀa_t = 0 counts as misclassified (so w = 0 updates at once).
#pragma once

#include "descent/optimizers.hpp"
#include "descent/problems/mlp.hpp"

namespace descent {

/// One pass of the perceptron rule over the points in order: for t = 0 … K − 1, if
/// d_t wᵀa_t ≤ 0 then w ← w + d_t a_t. Returns the number of updates (0: w separates the points).
template <class S>
int perceptron_pass(const LabelledPoints<S>& points, Vec<S>& w);

/// The outcome of perceptron_run.
template <class S>
struct PerceptronRun {
  Vec<S> w;             ///< the last weights
  long long updates = 0;  ///< mistakes corrected, in all
  int passes = 0;       ///< passes made, the last one without update when separated
  bool separated = false;  ///< the last pass made no update
};
/// Passes of the rule from w0 until one makes no update, or `max_passes` passes (≥ 1) were made.
template <class S>
PerceptronRun<S> perceptron_run(const LabelledPoints<S>& points, Vec<S> w0, int max_passes);

/// The perceptron rule as a method of `descent trace` (`--method perceptron`): one step is one
/// pass over the examples of a single-neuron problem (labelled_points(problem) of mlp.hpp; the
/// brady kind), and the run stops, converged, after a pass without update. The gradient the
/// runner passes is ignored.
template <class S>
class Perceptron final : public Optimizer<S> {
 public:
  void reset(int) override {
    updates_ = 0;
    last_updates_ = -1;
  }
  /// Throws InputError when the problem is not a single neuron or its dimension does not match.
  Vec<S> step(const Problem<S>& problem, const Vec<S>& x, const Vec<S>& g) override;
  std::string name() const override { return "perceptron"; }
  bool finished() const override { return last_updates_ == 0; }
  std::string finished_reason() const override { return "a pass over the examples made no update: they are separated"; }
  /// Updates so far.
  long long updates() const { return updates_; }

 private:
  long long updates_ = 0;
  int last_updates_ = -1;
};

}  // namespace descent
