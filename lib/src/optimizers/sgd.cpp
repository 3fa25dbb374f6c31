// Stochastic gradient descent (optimizers/sgd.hpp).
#include "descent/optimizers/sgd.hpp"
#include "families.hpp"

#include <algorithm>

namespace descent {

std::string_view to_string(Sampling s) {
  switch (s) {
    case Sampling::shuffle: return "shuffle";
    case Sampling::replacement: return "replacement";
    case Sampling::cyclic: return "cyclic";
  }
  return "?";
}

Sampling parse_sampling(std::string_view name) {
  for (Sampling s : {Sampling::shuffle, Sampling::replacement, Sampling::cyclic})
    if (name == to_string(s)) return s;
  throw InputError("unknown sampling '" + std::string(name) + "' (known: shuffle, replacement, cyclic)");
}

int uniform_index(SplitMix64& rng, int K) {
  if (K < 1) throw std::invalid_argument("uniform_index: K must be >= 1");
  const std::uint64_t k = static_cast<std::uint64_t>(K);
  const std::uint64_t limit = (~std::uint64_t{0}) - (~std::uint64_t{0}) % k;  // a multiple of K
  std::uint64_t w;
  do w = rng.next();
  while (w >= limit);
  return static_cast<int>(w % k);
}

std::vector<int> shuffled(int K, SplitMix64& rng) {
  std::vector<int> p(static_cast<std::size_t>(K));
  for (int i = 0; i < K; ++i) p[static_cast<std::size_t>(i)] = i;
  for (int i = K - 1; i > 0; --i) std::swap(p[static_cast<std::size_t>(i)], p[static_cast<std::size_t>(uniform_index(rng, i + 1))]);
  return p;
}

long long updates_per_epoch(int K, int B) { return (static_cast<long long>(K) + B - 1) / B; }

template <class S>
Sgd<S>::Sgd(S eta, SgdOptions options) : eta_(std::move(eta)), options_(options), rng_{options.seed} {
  if (!(eta_ > 0)) throw InputError("lr: the step size of sgd must be > 0");
  if (options_.batch < 1) throw InputError("batch: must be >= 1, got " + std::to_string(options_.batch));
}

template <class S>
void Sgd<S>::reset(int) {
  rng_ = SplitMix64{options_.seed};
  order_.clear();
  position_ = 0;
  last_.clear();
  evaluations_ = 0;
}

template <class S>
std::vector<int> Sgd<S>::next_batch(int K) {
  const int B = options_.batch;
  std::vector<int> batch;
  if (options_.sampling == Sampling::replacement) {
    for (int j = 0; j < B; ++j) batch.push_back(uniform_index(rng_, K));
    return batch;
  }
  if (position_ >= order_.size() || static_cast<int>(order_.size()) != K) {  // a new epoch
    if (options_.sampling == Sampling::shuffle) {
      order_ = shuffled(K, rng_);
    } else {
      order_.resize(static_cast<std::size_t>(K));
      for (int i = 0; i < K; ++i) order_[static_cast<std::size_t>(i)] = i;
    }
    position_ = 0;
  }
  const std::size_t end = std::min(order_.size(), position_ + static_cast<std::size_t>(B));
  batch.assign(order_.begin() + static_cast<std::ptrdiff_t>(position_), order_.begin() + static_cast<std::ptrdiff_t>(end));
  position_ = end;
  return batch;
}

template <class S>
Vec<S> Sgd<S>::step(const Problem<S>& problem, const Vec<S>& x, const Vec<S>&) {
  const auto* sum = dynamic_cast<const FiniteSum<S>*>(&problem);
  if (!sum)
    throw InputError("sgd needs a problem that is a sum over examples (least_squares, logistic or mlp), got " + problem.name());
  const int K = sum->examples();
  if (options_.batch > K)
    throw InputError("batch: " + std::to_string(options_.batch) + " is more than the " + std::to_string(K) +
                     " examples of the problem");
  last_ = next_batch(K);
  evaluations_ += static_cast<long long>(last_.size());
  return x - eta_ * sum->batch_gradient(last_, x);
}

template class Sgd<double>;
template class Sgd<Mpfr>;
template class Sgd<Rational>;

// ---- the registry's entries (methods.hpp): this family's description, written once

namespace {
template <class S>
std::unique_ptr<Optimizer<S>> build_sgd(const MethodArgs& a) {
  SgdOptions o;
  o.batch = a.integer("batch");
  o.seed = static_cast<std::uint64_t>(a.integer("seed"));
  o.sampling = parse_sampling(a.word("sampling"));
  return std::make_unique<Sgd<S>>(a.number<S>("lr"), o);
}
}  // namespace

std::vector<MethodInfo> families::sgd() {
  return {{.name = "sgd",
           .summary = "x <- x - lr g_B, g_B = (K c/B) sum_(i in batch) grad f_i(x) (the batch mean for a mean loss): a sum "
                      "over examples only (the kinds descent trace --kinds marks as sums: least_squares, logistic, mlp, expression); --epochs E sets the steps to E ceil(K/B)",
           .parameters = {families::positive("lr", "", "step size"),
                          families::integer("batch", "1", "1", "1000000", "examples per step B (at most K)"),
                          families::integer("seed", "0", "0", "2147483647", "seed of the sampling (SplitMix64)"),
                          families::word("sampling", "shuffle", {"shuffle", "replacement", "cyclic"},
                                         "shuffle (a permutation per epoch), replacement (B uniform draws per step) or "
                                         "cyclic (in order)")},
           .exact = "yes",
           .schedulable = true,
           .torch = "torch.optim.SGD",
           .forms = {
{"sgd", "notes", "seed 001 (Stochastic Gradient Descent)",
       "theta <- theta - eta grad L^n(theta), one example n per update, L = sum_n L^n",
       "the notes' loss is a sum: in expectation their step is GD on L with eta/K (sgd_unbiased's counterexample); "
       "the library averages (K c/B factor), which for seed 001's sum makes the step K times the notes'",
       "--method sgd --batch 1 --lr E", {"sgd_unbiased", "sgd_epoch"}},
{"sgd", "pytorch", "torch.optim.SGD with a DataLoader(shuffle=True, batch_size=B) and a loss with reduction='mean'",
       "each epoch a permutation cut into batches of B (the last one shorter), x <- x - lr (1/B) sum_batch grad f_i",
       "same as --sampling shuffle (PyTorch's random permutation differs, the batches' law is the same); with "
       "reduction='sum' the step is B times larger",
       "--method sgd --sampling shuffle --lr E", {"sgd_epoch", "sgd_minibatch_variance"}}
},
           .make_double = build_sgd<double>,
           .make_mpfr = build_sgd<Mpfr>,
           .make_exact = build_sgd<Rational>}};
}

}  // namespace descent
