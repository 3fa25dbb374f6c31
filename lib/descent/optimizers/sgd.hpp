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

/// A uniform index in 0 … K − 1 from the stream (rejection sampling: exactly uniform).
int uniform_index(SplitMix64& rng, int K);
/// A uniformly random permutation of 0 … K − 1 (Fisher–Yates).
std::vector<int> shuffled(int K, SplitMix64& rng);
/// Updates in one epoch: ⌈K/B⌉.
long long updates_per_epoch(int K, int B);

/// SGD on a FiniteSum. Each step() draws a batch and ignores the full gradient the runner passes.
template <class S>
class Sgd final : public Optimizer<S> {
 public:
  /// Throws InputError unless η > 0 and B ≥ 1.
  Sgd(S eta, SgdOptions options);
  /// Start over: the random stream from its seed, the first epoch.
  void reset(int n) override;
  /// Throws InputError if the problem is not a FiniteSum or has fewer than B examples.
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
  SplitMix64 rng_;
  std::vector<int> order_;
  std::size_t position_ = 0;
  std::vector<int> last_;
  long long evaluations_ = 0;
};

}  // namespace descent
