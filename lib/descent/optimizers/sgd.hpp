/// \file sgd.hpp
/// \brief Stochastic gradient descent (lesson 14, seed 001): x ← x − η·ĝ with ĝ the unbiased
/// minibatch estimate of ∇f from a FiniteSum (problems.hpp), ĝ = (K·c/B)Σ_{i ∈ batch}∇fᵢ —
/// for a mean loss (c = 1/K) the plain average of the batch's gradients, PyTorch's convention.
///
/// Sampling: `shuffle` (epochs: a seeded permutation of the K examples each epoch, cut into
/// batches of B; the last batch of an epoch holds the K mod B left over, as a DataLoader without
/// drop_last), `replacement` (B indices drawn uniformly and independently every step) or `cyclic`
/// (0, 1, …, K − 1 in order, no randomness). The random stream is SplitMix64 (random.hpp): a
/// seed gives the same run on every machine.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "descent/optimizers.hpp"
#include "descent/random.hpp"

namespace descent {

/// How SGD picks the examples of a step.
enum class Sampling { shuffle, replacement, cyclic };
/// "shuffle", "replacement" or "cyclic".
std::string_view to_string(Sampling s);
/// The sampling of that name; throws InputError naming the known ones.
Sampling parse_sampling(std::string_view name);

/// Options of Sgd.
struct SgdOptions {
  int batch = 1;                        ///< B, examples per step (≥ 1, ≤ K)
  std::uint64_t seed = 0;               ///< seed of the random stream
  Sampling sampling = Sampling::shuffle;  ///< how the batches are drawn
};

/// PyTorch's SGD options beyond the step size (torch.optim.SGD, defaults 0 / false): with
/// d = ±ĝ (− when maximizing) + λx, the momentum buffer b ← d at the first step and
/// b ← μb + (1 − τ)d after, and the step x ← x − η·(d + μb if nesterov, else b); μ = 0: x ← x − η·d.
template <class S>
struct SgdTorchOptions {
  S momentum = S(0);      ///< μ ≥ 0
  S dampening = S(0);     ///< τ ∈ [0, 1]; 0 with nesterov
  bool nesterov = false;  ///< needs μ > 0 and τ = 0 (as torch)
  S weight_decay = S(0);  ///< λ ≥ 0 (L2: d ← d + λx)
  bool maximize = false;  ///< ascend: d ← −ĝ
};

/// A uniform index in 0 … K − 1 from the stream (rejection sampling: exactly uniform).
int uniform_index(SplitMix64& rng, int K);
/// A uniformly random permutation of 0 … K − 1 (Fisher–Yates).
std::vector<int> shuffled(int K, SplitMix64& rng);
/// Updates in one epoch: ⌈K/B⌉.
long long updates_per_epoch(int K, int B);

/// SGD in torch.optim.SGD's form. On a FiniteSum each step() draws a batch and ignores the full
/// gradient the runner passes; on any other problem it takes that full gradient (SGD on the whole
/// loss, as torch.optim.SGD with one batch).
template <class S>
class Sgd final : public Optimizer<S> {
 public:
  /// Throws InputError unless η > 0, B ≥ 1 and the torch options are in their ranges.
  Sgd(S eta, SgdOptions options, SgdTorchOptions<S> torch = {});
  /// Start over: the random stream from its seed, the first epoch.
  void reset(int n) override;
  /// Throws InputError if the problem is a FiniteSum with fewer than B examples.
  Vec<S> step(const Problem<S>& problem, const Vec<S>& x, const Vec<S>& g) override;
  std::string name() const override { return "sgd"; }
  S* step_size() override { return &eta_; }
  /// The examples of the last step.
  const std::vector<int>& last_batch() const { return last_; }
  /// Example gradients evaluated since reset() (B per step).
  long long evaluations() const { return evaluations_; }
  /// The options.
  const SgdOptions& options() const { return options_; }

 private:
  std::vector<int> next_batch(int K);
  S eta_;
  SgdOptions options_;
  SgdTorchOptions<S> torch_;
  Vec<S> buffer_;  // the momentum buffer b (empty before the first step)
  SplitMix64 rng_;
  std::vector<int> order_;
  std::size_t position_ = 0;
  std::vector<int> last_;
  long long evaluations_ = 0;
};


/// Options of ASGD (defaults: torch.optim.ASGD's).
template <class S>
struct AsgdOptions {
  S lr = S(1) / 100;          ///< η₀ > 0
  S lambd = S(1) / 10000;     ///< λ ≥ 0: the decay term x ← x(1 − λη_t)
  S alpha = S(3) / 4;         ///< α ≥ 0: η_t = η₀/(1 + λη₀t)^α
  S t0 = S(1000000);          ///< t₀ ≥ 0: averaging starts after t₀ steps
  S weight_decay = S(0);      ///< L2 coefficient: g ← g + wd·x
  bool maximize = false;      ///< ascend: g ← −g first
};

/// Averaged SGD in torch.optim.ASGD's form (Polyak & Juditsky 1992; Bottou 2012): with η_1 = η₀,
///     x ← x(1 − λη_t) − η_t g,   then   η_{t+1} = η₀/(1 + λη₀t)^α,
/// and the average x̄ of the iterates from step t₀ on (μ_t = 1/max(1, t − t₀)), which does not enter
/// the step; the trace prints x. On a FiniteSum the full gradient (one batch). Double and Mpfr (the
/// power α).
template <class S>
class Asgd final : public Optimizer<S> {
 public:
  /// Throws InputError when an option is out of its range.
  explicit Asgd(AsgdOptions<S> options);
  void reset(int n) override;
  Vec<S> step(const Problem<S>&, const Vec<S>& x, const Vec<S>& g) override;
  std::string name() const override { return "asgd"; }
  /// The average x̄ of the iterates (PyTorch's state['ax']).
  const Vec<S>& average() const { return ax_; }

 private:
  AsgdOptions<S> o_;
  S eta_, mu_;
  long long t_ = 0;
  Vec<S> ax_;
};

}  // namespace descent
