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
Sgd<S>::Sgd(S eta, SgdOptions options, SgdTorchOptions<S> torch)
    : eta_(std::move(eta)), options_(options), torch_(std::move(torch)), rng_{options.seed} {
  if (!(eta_ > 0)) throw InputError("lr: the step size of sgd must be > 0");
  if (options_.batch < 1) throw InputError("batch: must be >= 1, got " + std::to_string(options_.batch));
  if (torch_.momentum < 0) throw InputError("momentum: must be >= 0, got " + to_string<S>(torch_.momentum));
  if (torch_.dampening < 0 || torch_.dampening > 1)
    throw InputError("dampening: must be in [0, 1], got " + to_string<S>(torch_.dampening));
  if (torch_.weight_decay < 0) throw InputError("weight_decay: must be >= 0, got " + to_string<S>(torch_.weight_decay));
  if (torch_.nesterov && (torch_.momentum == 0 || torch_.dampening != 0))
    throw InputError("nesterov: needs momentum > 0 and dampening 0 (as torch.optim.SGD)");
}

template <class S>
void Sgd<S>::reset(int) {
  rng_ = SplitMix64{options_.seed};
  order_.clear();
  position_ = 0;
  last_.clear();
  evaluations_ = 0;
  buffer_ = Vec<S>();
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
Vec<S> Sgd<S>::step(const Problem<S>& problem, const Vec<S>& x, const Vec<S>& g) {
  Vec<S> d;
  if (const auto* sum = dynamic_cast<const FiniteSum<S>*>(&problem)) {
    const int K = sum->examples();
    if (options_.batch > K)
      throw InputError("batch: " + std::to_string(options_.batch) + " is more than the " + std::to_string(K) +
                       " examples of the problem");
    last_ = next_batch(K);
    evaluations_ += static_cast<long long>(last_.size());
    d = sum->batch_gradient(last_, x);
  } else {
    d = g;  // not a sum over examples: the full gradient, one batch
  }
  const bool plain = torch_.momentum == 0 && torch_.weight_decay == 0 && !torch_.maximize;
  if (plain) return x - eta_ * d;
  if (torch_.maximize) d = -d;
  if (torch_.weight_decay != 0) d += torch_.weight_decay * x;
  if (torch_.momentum != 0) {
    if (buffer_.size() != d.size())
      buffer_ = d;
    else
      buffer_ = torch_.momentum * buffer_ + (1 - torch_.dampening) * d;
    if (torch_.nesterov)
      d += torch_.momentum * buffer_;
    else
      d = buffer_;
  }
  return x - eta_ * d;
}

template class Sgd<double>;
template class Sgd<Mpfr>;
template class Sgd<Rational>;

template <class S>
Asgd<S>::Asgd(AsgdOptions<S> options) : o_(std::move(options)), eta_(o_.lr), mu_(1) {
  if (!(o_.lr > 0)) throw InputError("lr: must be > 0, got " + to_string<S>(o_.lr));
  if (!(o_.lambd >= 0)) throw InputError("lambd: must be >= 0, got " + to_string<S>(o_.lambd));
  if (!(o_.alpha >= 0)) throw InputError("alpha: must be >= 0, got " + to_string<S>(o_.alpha));
  if (!(o_.t0 >= 0)) throw InputError("t0: must be >= 0, got " + to_string<S>(o_.t0));
  if (!(o_.weight_decay >= 0)) throw InputError("weight_decay: must be >= 0, got " + to_string<S>(o_.weight_decay));
}

template <class S>
void Asgd<S>::reset(int n) {
  eta_ = o_.lr;
  mu_ = 1;
  t_ = 0;
  ax_ = Vec<S>::Zero(n);
}

template <class S>
Vec<S> Asgd<S>::step(const Problem<S>&, const Vec<S>& x, const Vec<S>& g_in) {
  using std::pow;
  if (ax_.size() != x.size()) reset(static_cast<int>(x.size()));
  ++t_;
  Vec<S> g = o_.maximize ? Vec<S>(-g_in) : g_in;
  if (o_.weight_decay != 0) g += o_.weight_decay * x;
  Vec<S> next = x * S(1 - o_.lambd * eta_);  // torch: param.mul_(1 − λη), then param.add_(g, alpha=−η)
  next -= eta_ * g;
  if (mu_ != 1)
    ax_ += S(mu_) * Vec<S>(next - ax_);
  else
    ax_ = next;
  const S t = S(t_);
  eta_ = o_.lr / S(pow(S(1 + o_.lambd * o_.lr * t), o_.alpha));
  const S since = t - o_.t0;
  mu_ = S(1) / (since > 1 ? since : S(1));
  return next;
}

template class Asgd<double>;
template class Asgd<Mpfr>;

// ---- the registry's entries (methods.hpp): this family's description, written once

namespace {
template <class S>
std::unique_ptr<Optimizer<S>> build_sgd(const MethodArgs& a) {
  SgdOptions o;
  o.batch = a.integer("batch");
  o.seed = static_cast<std::uint64_t>(a.integer("seed"));
  o.sampling = parse_sampling(a.word("sampling"));
  SgdTorchOptions<S> t;
  t.momentum = a.number<S>("momentum");
  t.dampening = a.number<S>("dampening");
  t.nesterov = a.word("nesterov") == "yes";
  t.weight_decay = a.number<S>("weight-decay");
  t.maximize = a.word("maximize") == "yes";
  return std::make_unique<Sgd<S>>(a.number<S>("lr"), o, t);
}
template <class S>
std::unique_ptr<Optimizer<S>> build_asgd(const MethodArgs& a) {
  AsgdOptions<S> o;
  o.lr = a.number<S>("lr");
  o.lambd = a.number<S>("lambd");
  o.alpha = a.number<S>("alpha");
  o.t0 = a.number<S>("t0");
  o.weight_decay = a.number<S>("weight-decay");
  o.maximize = a.word("maximize") == "yes";
  return std::make_unique<Asgd<S>>(o);
}
}  // namespace

std::vector<MethodInfo> families::sgd() {
  return {{.name = "sgd",
           .summary = "torch.optim.SGD: d = g_B (+ weight_decay x; -g_B with --maximize yes), momentum buffer b <- d "
                      "then b <- momentum b + (1 - dampening) d, x <- x - lr (d + momentum b if nesterov, else b); g_B = "
                      "(K c/B) sum_(i in batch) grad f_i(x) on a sum over examples (the kinds descent trace --kinds "
                      "marks as sums; --epochs E sets the steps to E ceil(K/B)), the full gradient on any other problem",
           .parameters = {families::positive("lr", "", "step size"),
                          families::integer("batch", "1", "1", "1000000", "examples per step B (at most K)"),
                          families::integer("seed", "0", "0", "2147483647", "seed of the sampling (SplitMix64)"),
                          families::word("sampling", "shuffle", {"shuffle", "replacement", "cyclic"},
                                         "shuffle (a permutation per epoch), replacement (B uniform draws per step) or "
                                         "cyclic (in order)"),
                          families::nonnegative("momentum", "0", "momentum factor mu (torch.optim.SGD's momentum)"),
                          families::unit_closed("dampening", "0", "dampening tau of the momentum buffer"),
                          families::word("nesterov", "no", {"no", "yes"}, "Nesterov momentum (needs momentum > 0, dampening 0)"),
                          families::nonnegative("weight-decay", "0", "L2 coefficient lambda: d <- d + lambda x"),
                          families::word("maximize", "no", {"no", "yes"}, "ascend: d <- -g")},
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
           .make_exact = build_sgd<Rational>},
          {.name = "asgd",
           .summary = "averaged SGD (torch.optim.ASGD): x <- x (1 - lambd eta_t) - eta_t g, eta_(t+1) = lr/(1 + lambd lr t)^alpha; "
                      "the average of the iterates from t0 on is kept but not printed (the trace prints x)",
           .parameters = {families::positive("lr", "1/100", "initial step eta_0"),
                          families::nonnegative("lambd", "1/10000", "decay term lambda"),
                          families::nonnegative("alpha", "3/4", "power alpha of the step decay"),
                          families::nonnegative("t0", "1000000", "step at which averaging starts"),
                          families::nonnegative("weight-decay", "0", "L2 coefficient: g <- g + wd x"),
                          families::word("maximize", "no", {"no", "yes"}, "ascend: g <- -g")},
           .exact = "no (the power alpha)",
           .exactness = Exactness::no,
           .torch = "torch.optim.ASGD",
           .forms = {{"asgd", "pytorch", "Polyak & Juditsky (1992), Bottou (2012); torch.optim.ASGD",
                      "x <- x (1 - lambd eta_t) - eta_t g, eta_(t+1) = lr/(1 + lambd lr t)^alpha",
                      "PyTorch's form: the decay term multiplies x before the gradient step; the average x_bar (from t0) "
                      "does not enter the step", "--method asgd", {}, {"tests/cli/torch_oracle.py"}}},
           .make_double = build_asgd<double>,
           .make_mpfr = build_asgd<Mpfr>}};
}

}  // namespace descent
