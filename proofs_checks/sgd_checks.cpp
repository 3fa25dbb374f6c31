// Claims of lesson 14: stochastic gradients.
#include "sgd_checks.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <set>

#include "descent/autodiff/twin.hpp"
#include "descent/optimizers/sgd.hpp"
#include "descent/problems/mlp.hpp"
#include "instance_text.hpp"

namespace descent::claims::sgd {

namespace {
using Q = Rational;
using M = Mpfr;
using descent::abs_value;
using detail::converted;
using descent::ScopedDigits;
using detail::max_diff;
using detail::seed001;
using detail::vec_text;



// The polynomial 2-3-1 network (square hidden layer) on K = 5 regression examples, and its θ.
MlpShape poly_shape() {
  MlpShape s;
  s.sizes = {2, 3, 1};
  s.hidden = Activation::square;
  s.output = Activation::identity;
  return s;
}
Mlp<Q> poly_net() {
  const ExampleData d = regression_data(5, 5, 2, 0.5);
  return Mlp<Q>(poly_shape(), converted<Q>(d.X), converted<Q>(d.D));
}
Vec<Q> poly_theta() { return converted<Q>(initial_weights(9, poly_shape().parameters(), 0.5)); }

// Linear regression with a bias on K examples (one input): f(w, b) = (1/K)Σ(w x_t + b − d_t)².
template <class S>
Mlp<S> line_fit(int K, std::uint64_t seed) {
  MlpShape s;
  s.sizes = {1, 1};
  s.output = Activation::identity;
  const ExampleData d = regression_data(seed, K, 1, 0.5);
  return Mlp<S>(s, converted<S>(d.X), converted<S>(d.D));
}

// The 1-D least squares of the noise floor: f(w) = (1/4)Σ(a_i w − y_i)², a = (1, 2, 1, 3),
// y = (1, 1, 3, 2), w* = 4/5, as the library's network 1-1 without bias.
template <class S>
Mlp<S> one_d() {
  MlpShape s;
  s.sizes = {1, 1};
  s.output = Activation::identity;
  s.bias = false;
  Mat<S> X(4, 1), D(4, 1);
  X << S(1), S(2), S(1), S(3);
  D << S(1), S(1), S(3), S(2);
  return Mlp<S>(s, X, D);
}
const char* one_d_text = "f(w) = (1/4) sum_i (a_i w - y_i)^2, a = (1, 2, 1, 3), y = (1, 1, 3, 2), w* = 4/5";

// The moments of the data that enter the recursion: m2 = E a², m4 = E a⁴, E[a r], E[a³ r],
// C = E[a² r²], r_i = a_i w* − y_i (computed from a and y, not from the library's steps).
template <class S>
struct Stats {
  S wstar, m2, m4, ar, a3r, C;
};
template <class S>
Stats<S> one_d_stats() {
  const S a[4] = {S(1), S(2), S(1), S(3)}, y[4] = {S(1), S(1), S(3), S(2)};
  S say = 0, saa = 0;
  for (int i = 0; i < 4; ++i) {
    say += a[i] * y[i];
    saa += a[i] * a[i];
  }
  Stats<S> st;
  st.wstar = say / saa;
  st.m2 = st.m4 = st.ar = st.a3r = st.C = 0;
  for (int i = 0; i < 4; ++i) {
    const S r = a[i] * st.wstar - y[i];
    st.m2 += a[i] * a[i] / 4;
    st.m4 += a[i] * a[i] * a[i] * a[i] / 4;
    st.ar += a[i] * r / 4;
    st.a3r += a[i] * a[i] * a[i] * r / 4;
    st.C += a[i] * a[i] * r * r / 4;
  }
  return st;
}
// e = w − w*: e⁺ = (1 − 2ηa²)e − 2ηa r with a drawn uniformly, so
// E e⁺ = (1 − 2ηm₂)E e − 2ηE[ar],  E e⁺² = E(1 − 2ηa²)² E e² − 4η E[(1 − 2ηa²)ar] E e + 4η²C.
template <class S>
struct Moments {
  S mean, second;
};
template <class S>
Moments<S> moment_step(const Moments<S>& x, const S& eta, const Stats<S>& st) {
  const S A = 1 - 4 * eta * st.m2 + 4 * eta * eta * st.m4;
  const S B = st.ar - 2 * eta * st.a3r;
  return {S((1 - 2 * eta * st.m2) * x.mean - 2 * eta * st.ar), S(A * x.second - 4 * eta * B * x.mean + 4 * eta * eta * st.C)};
}
template <class S>
Moments<S> moments_after(const S& e0, const std::function<S(int)>& eta, int T, const Stats<S>& st) {
  Moments<S> x{e0, e0 * e0};
  for (int t = 0; t < T; ++t) x = moment_step<S>(x, eta(t), st);
  return x;
}
// The floor v(η) = ηC/(m₂ − ηm₄).
template <class S>
S floor_of(const S& eta, const Stats<S>& st) {
  return eta * st.C / (st.m2 - eta * st.m4);
}
template <class S>
S decaying_eta(int t) {
  return S(1) / (5 * S(t + 10));
}

// f − f* series for GD and SGD on the K = 20 line fit, by evaluations; f* exact.
struct Race {
  std::vector<std::pair<long long, double>> gd, sgd;
  double gap0 = 0;
};
double exact_fstar(std::uint64_t seed, int K) {
  const Mlp<Q> f = line_fit<Q>(K, seed);
  const Vec<Q> zero = Vec<Q>::Zero(2);
  const Mat<Q> H = f.hessian(zero);  // constant: f is quadratic
  const Vec<Q> g = f.gradient(zero);
  const Q det = H(0, 0) * H(1, 1) - H(0, 1) * H(1, 0);
  Vec<Q> step(2);  // H⁻¹g
  step << (H(1, 1) * g(0) - H(0, 1) * g(1)) / det, (H(0, 0) * g(1) - H(1, 0) * g(0)) / det;
  return to_double<Q>(f.value(Vec<Q>(zero - step)));
}
Race race(long long gd_steps, long long sgd_updates, std::uint64_t sgd_seed = 7) {
  const std::uint64_t seed = 2026;
  const int K = 20;
  const Mlp<double> f = line_fit<double>(K, seed);
  const double fstar = exact_fstar(seed, K), eta = 1.0 / 20;
  Race r;
  Vec<double> x0(2);
  x0 << 4, -4;  // far from the minimizer (w*, b*), where the gradient dominates the noise
  r.gap0 = f.value(x0) - fstar;
  GradientDescent<double> gd(eta);
  Vec<double> x = x0;
  r.gd.emplace_back(0, r.gap0);
  for (long long k = 1; k <= gd_steps; ++k) {
    x = gd.step(f, x, f.gradient(x));
    r.gd.emplace_back(k * K, f.value(x) - fstar);
  }
  SgdOptions o;
  o.seed = sgd_seed;
  Sgd<double> sgd(eta, o);
  sgd.reset(2);
  x = x0;
  r.sgd.emplace_back(0, r.gap0);
  for (long long k = 1; k <= sgd_updates; ++k) {
    x = sgd.step(f, x, x);
    r.sgd.emplace_back(sgd.evaluations(), f.value(x) - fstar);
  }
  return r;
}
// Evaluations after which the gap stays ≤ τ to the end of the series; −1 if it does not end there.
long long stays_below(const std::vector<std::pair<long long, double>>& s, double tau) {
  long long when = -1;
  for (const auto& [evals, gap] : s) {
    if (gap > tau)
      when = -1;
    else if (when < 0)
      when = evals;
  }
  return when;
}
}  // namespace

// ---- sgd_unbiased ----

Verdict per_example_unbiased() {
  const Mlp<Q> f = poly_net();
  const Vec<Q> theta = poly_theta();
  Vec<Q> mean = Vec<Q>::Zero(theta.size());
  for (int t = 0; t < f.examples(); ++t) mean += f.example_gradient(t, theta);
  mean /= Q(f.examples());
  const Vec<Q> g = autodiff::ad_twin<Q>(f)->gradient(theta);
  return compare<Q>("sgd_unbiased",
                    "the mean over the K examples of the per-example gradient (hand-written backward pass) is the "
                    "gradient of the mean loss (reverse-mode AD): max_j |mean_j - (grad f)_j| = 0",
                    Kind::holds, max_diff<Q>(mean, g), Relation::eq, Q(0), Q(0),
                    "network " + poly_shape().text() + " (a polynomial: exact), K = 5 seeded regression examples, " +
                        std::to_string(theta.size()) + " parameters at seeded rational weights; grad f = " + vec_text<Q>(g));
}

Verdict minibatch_unbiased() {
  const Mlp<Q> f = poly_net();
  const Vec<Q> theta = poly_theta();
  Vec<Q> mean = Vec<Q>::Zero(theta.size());
  int batches = 0;
  for (int i = 0; i < 5; ++i)
    for (int j = i + 1; j < 5; ++j, ++batches) mean += f.batch_gradient({i, j}, theta);
  mean /= Q(batches);
  const Vec<Q> g = autodiff::ad_twin<Q>(f)->gradient(theta);
  return compare<Q>("sgd_unbiased",
                    "a minibatch of B = 2 drawn uniformly without replacement: the mean of its estimate over all C(5, 2) "
                    "= 10 batches is grad f",
                    Kind::holds, max_diff<Q>(mean, g), Relation::eq, Q(0), Q(0),
                    "the same network and point; the estimate is the library's FiniteSum::batch_gradient "
                    "(the mean of the two examples' gradients)");
}

Verdict expected_step_is_gd_step() {
  const Mlp<Q> f = poly_net();
  const Vec<Q> theta = poly_theta();
  const Q eta(1, 10);
  Vec<Q> mean = Vec<Q>::Zero(theta.size());
  for (int t = 0; t < f.examples(); ++t) mean += Vec<Q>(theta - eta * f.batch_gradient({t}, theta));
  mean /= Q(f.examples());
  const auto twin = autodiff::ad_twin<Q>(f);
  GradientDescent<Q> gd(eta);
  const Vec<Q> gd_step = gd.step(*twin, theta, twin->gradient(theta));
  return compare<Q>("sgd_unbiased",
                    "the expected SGD step (one example drawn uniformly) is the GD step with the same eta: max_j "
                    "|E[theta^+]_j - (theta - eta grad f)_j| = 0",
                    Kind::holds, max_diff<Q>(mean, gd_step), Relation::eq, Q(0), Q(0),
                    "eta = 1/10, the same network and point; GD is the library's GradientDescent on the AD twin of the loss");
}

Verdict sum_loss_biased() {
  // seed 001's L = Σₙ (ŷⁿ − (b + w xⁿ))², as the library's LeastSquares (a sum) with a row of ones for b
  const ExampleData d = regression_data(3, 6, 1, 0.5);
  Mat<Q> Phi(2, 6);
  Vec<Q> y(6);
  for (int n = 0; n < 6; ++n) {
    Phi(0, n) = Q(d.X(n, 0));
    Phi(1, n) = Q(1);
    y(n) = Q(d.D(n, 0));
  }
  const LeastSquares<Q> L(Phi, y);
  Vec<Q> w(2);
  w << Q(1, 2), Q(-1, 4);
  Vec<Q> mean = Vec<Q>::Zero(2);
  for (int n = 0; n < 6; ++n) mean += L.example_gradient(n, w);
  mean /= Q(6);
  const Vec<Q> g = autodiff::ad_twin<Q>(L)->gradient(w);
  Verdict v = compare<Q>("sgd_unbiased",
                    "seed 001's loss L = sum_n L^n (a sum, not a mean) with its update theta - eta grad L^n: the mean of "
                    "grad L^n over the examples is grad L",
                    Expect::counterexample("mean_loss"), max_diff<Q>(mean, g), Relation::eq, Q(0), Q(0),
                    "K = 6 seeded examples, (w, b) = (1/2, -1/4): mean of grad L^n = " + vec_text<Q>(mean) + ", grad L = " +
                        vec_text<Q>(g) + " = 6 times it: the notes' SGD step is in expectation the GD step of L with "
                        "eta/K, or the GD step of the mean loss L/K with eta");
  return rule_out<Q>(v, "sum_loss_unbiased", max_diff<Q>(mean, g), Relation::eq, Q(0), Q(0));
}

// ---- sgd_epoch ----

namespace {
struct EpochRun {
  std::vector<std::vector<int>> batches;
  long long evaluations = 0;
};
EpochRun one_epoch(int B, Sampling sampling, long long updates) {
  const Mlp<Q> f = line_fit<Q>(20, 2026);
  SgdOptions o;
  o.batch = B;
  o.seed = 11;
  o.sampling = sampling;
  Sgd<Q> sgd(Q(1, 20), o);
  sgd.reset(2);
  Vec<Q> x = Vec<Q>::Zero(2);
  EpochRun r;
  for (long long k = 0; k < updates; ++k) {
    x = sgd.step(f, x, x);
    r.batches.push_back(sgd.last_batch());
  }
  r.evaluations = sgd.evaluations();
  return r;
}
std::string batch_sizes(const EpochRun& r) {
  std::string s;
  for (const auto& b : r.batches) s += (s.empty() ? "" : ", ") + std::to_string(b.size());
  return s;
}
}  // namespace

Verdict epoch_single() {
  const EpochRun r = one_epoch(1, Sampling::shuffle, updates_per_epoch(20, 1));
  std::multiset<int> seen;
  for (const auto& b : r.batches) seen.insert(b.begin(), b.end());
  bool each_once = seen.size() == 20;
  for (int i = 0; i < 20; ++i) each_once = each_once && seen.count(i) == 1;
  return observe("sgd_epoch",
                 "one epoch of SGD (B = 1, shuffled) on K = 20 examples: 20 updates, each example used once, 20 example "
                 "gradients evaluated - the cost of the one update of GD",
                 Kind::holds, "exact", each_once && r.batches.size() == 20 && r.evaluations == 20,
                 std::to_string(r.batches.size()) + " updates, " + std::to_string(r.evaluations) +
                     " evaluations, examples used once each: " + (each_once ? "yes" : "no"),
                 "==", "20 updates, 20 evaluations, yes",
                 "the library's Sgd with seed 11 on the line fit; first examples drawn: " +
                     std::to_string(r.batches[0][0]) + ", " + std::to_string(r.batches[1][0]) + ", " +
                     std::to_string(r.batches[2][0]) + ", ...");
}

Verdict epoch_batches() {
  const EpochRun r = one_epoch(3, Sampling::shuffle, updates_per_epoch(20, 3));
  std::set<int> seen;
  for (const auto& b : r.batches) seen.insert(b.begin(), b.end());
  const bool ok = r.batches.size() == 7 && r.batches.back().size() == 2 && seen.size() == 20 && r.evaluations == 20;
  return observe("sgd_epoch", "with B = 3 one epoch of K = 20 is ceil(20/3) = 7 updates, the last of the 2 examples left over",
                 Kind::holds, "exact", ok,
                 std::to_string(r.batches.size()) + " updates of sizes " + batch_sizes(r) + ", " +
                     std::to_string(seen.size()) + " distinct examples",
                 "==", "7 updates of sizes 3, 3, 3, 3, 3, 3, 2, 20 distinct examples",
                 "as a DataLoader without drop_last; the next epoch reshuffles");
}

Verdict replacement_misses() {
  const EpochRun r = one_epoch(1, Sampling::replacement, 20);
  std::set<int> seen;
  for (const auto& b : r.batches) seen.insert(b.begin(), b.end());
  Verdict v = compare<Q>("sgd_epoch",
                         "drawing each example uniformly with replacement, 20 updates use all 20 examples",
                         Expect::counterexample("shuffle"), Q(static_cast<long>(seen.size())), Relation::eq, Q(20), Q(0),
                         "seed 11: " + std::to_string(seen.size()) + " distinct examples in 20 draws (on average 20(1 - "
                         "(19/20)^20) = 12.8); an 'epoch' of draws is not a pass over the data");
  return rule_out<Q>(v, "replacement_is_epoch", Q(static_cast<long>(seen.size())), Relation::eq, Q(20), Q(0));
}

// ---- sgd_twenty_times ----

Verdict early_progress() {
  // GD's count is deterministic; SGD's depends on the shuffles: the median over 21 seeds. Far out,
  // one SGD update does about what one GD step does, so the predicted ratio is K = 20; the check
  // asserts it within a factor 2 (the reviewer's 20 shuffles ranged 14-48).
  const Race r = race(200, 0);
  const double tau = r.gap0 / 10;
  const long long gd = stays_below(r.gd, tau);
  if (gd < 0) throw std::logic_error("sgd_twenty_times: GD did not reach a tenth of the gap");
  std::vector<double> counts;
  for (std::uint64_t seed = 1; seed <= 21; ++seed) {
    const Race s = race(0, 20 * 200, seed);
    const long long n = stays_below(s.sgd, tau);
    counts.push_back(n < 0 ? double(s.sgd.back().first + 1) : double(n));  // never: the budget + 1
  }
  std::sort(counts.begin(), counts.end());
  const double median = counts[10], ratio = double(gd) / median, K = 20;
  const double off = ratio > K ? ratio / K : K / ratio;
  Verdict v = compare<double>("sgd_twenty_times",
                              "far from the minimum: to get within a tenth of the initial gap and stay there, SGD needs about "
                              "K = 20 times fewer gradient evaluations than GD: max(ratio/K, K/ratio) <= 2, ratio = GD's "
                              "count over SGD's median over 21 seeds",
                              Kind::holds, off, Relation::le, 2.0, 1.0,
                              "mean loss f(w, b) = (1/20) sum (w x_t + b - d_t)^2 on 20 seeded examples, eta = 1/20 for both, "
                              "from (4, -4), f* exact: GD " + std::to_string(gd) + " evaluations (" + std::to_string(gd / 20) +
                                  " steps); SGD (seeds 1..21) from " + shown<double>(counts.front(), 3) + " to " +
                                  shown<double>(counts.back(), 3) + ", median " + shown<double>(median, 3) + ": a ratio of " +
                                  shown<double>(ratio, 3));
  set_ratio<double>(v, 1 / off, "the measured ratio against K (the smaller over the larger)");
  return rule_out<double>(v, "no_early_gain", ratio, Relation::le, 2.0, 1.0);
}

Verdict sum_loss_gd_diverges(int steps) {
  // seed 001's sum loss L = K f with the SGD step eta = 1/20: a GD step on L is eta K = 1 times grad f, and the
  // mean loss's Hessian has lambda_max = 2.54 > 2: GD diverges on the race's instance.
  const std::uint64_t seed = 2026;
  const int K = 20;
  const Mlp<double> f = line_fit<double>(K, seed);
  const double fstar = exact_fstar(seed, K);
  GradientDescent<double> gd(1.0);  // eta K with eta = 1/20
  Vec<double> x(2);
  x << 4, -4;
  const double gap0 = f.value(x) - fstar;
  for (int k = 0; k < steps; ++k) x = gd.step(f, x, f.gradient(x));
  const double gap = f.value(x) - fstar;
  return compare<double>("sgd_twenty_times",
                         "with seed 001's sum loss L = sum_n L^n and one eta = 1/20 a GD step is K = 20 times an SGD update "
                         "(eta K = 1 on the mean loss, above 2/lambda_max): GD diverges, f(x_K) - f* > f(x_0) - f*",
                         Kind::holds, gap, Relation::gt, gap0, gap0,
                         "the race's line fit from (4, -4), K = " + std::to_string(steps) + " GD steps: f - f* from " +
                             shown<double>(gap0, 4) + " to " + shown<double>(gap, 4) +
                             "; under the notes' conventions GD does not converge at all, while SGD with the same eta settles at its noise floor");
}

Verdict twenty_times_refuted() {
  const Race probe = race(2000, 0);
  const double tau = probe.gap0 * 1e-6;
  const long long gd = stays_below(probe.gd, tau);
  if (gd < 0) throw std::logic_error("sgd_twenty_times: GD did not reach the accuracy");
  const Race r = race(0, gd);  // SGD gets as many evaluations as GD used
  const long long sgd = stays_below(r.sgd, tau);
  const double sgd_needs = sgd < 0 ? double(gd + 1) : double(sgd);
  double last = 0;
  for (std::size_t i = r.sgd.size() - 20; i < r.sgd.size(); ++i) last += r.sgd[i].second / 20;
  return compare<double>("sgd_twenty_times",
                         "below the noise floor: with 20 examples SGD (constant step) gets within 10^-6 (f(x_0) - f*) of "
                         "f* and stays there with at most 1/20 of the evaluations GD needs",
                         Expect::counterexample("above_floor"), sgd_needs, Relation::le, double(gd) / 20, double(gd),
                         "the same line fit and eta = 1/20: GD stays within " + shown<double>(tau, 3) + " after " +
                             std::to_string(gd) + " evaluations; SGD given all " + std::to_string(gd) +
                             (sgd < 0 ? " does not get there (lhs = budget + 1)" : " needs " + std::to_string(sgd)) +
                             ": its mean gap over the last epoch is " + shown<double>(last, 3) + ", the noise floor");
}

// ---- sgd_noise_floor ----

Verdict moments_match_recursion(const Rational& eta) {
  const Mlp<Q> f = one_d<Q>();
  const Stats<Q> st = one_d_stats<Q>();
  const int T = 5;
  // all 4^T index sequences, each step the library's one-example estimate
  std::vector<Q> second(T + 1, Q(0));
  std::function<void(const Vec<Q>&, int)> walk = [&](const Vec<Q>& w, int t) {
    const Q e = w(0) - st.wstar;
    second[static_cast<std::size_t>(t)] += e * e / descent::power<Q>(Q(4), t);
    if (t == T) return;
    for (int i = 0; i < 4; ++i) walk(Vec<Q>(w - eta * f.batch_gradient({i}, w)), t + 1);
  };
  walk(Vec<Q>::Zero(1), 0);
  Q worst = 0;
  Moments<Q> m{Q(-st.wstar), st.wstar * st.wstar};
  for (int t = 1; t <= T; ++t) {
    m = moment_step<Q>(m, eta, st);
    worst = std::max<Q>(worst, abs_value<Q>(Q(m.second - second[static_cast<std::size_t>(t)])));
  }
  return compare<Q>("sgd_noise_floor",
                    "E[(w_t - w*)^2] of SGD (one example drawn uniformly per step) over all 4^t index sequences equals the "
                    "moment recursion s_(t+1) = E(1 - 2 eta a^2)^2 s_t - 4 eta E[(1 - 2 eta a^2) a r] m_t + 4 eta^2 C: "
                    "the largest difference over t = 1..5",
                    Kind::holds, worst, Relation::eq, Q(0), Q(0),
                    std::string(one_d_text) + ", eta = " + eta.str() + ", w_0 = 0: E[(w_5 - w*)^2] = " +
                        shown<Q>(second[static_cast<std::size_t>(T)]) + " both ways");
}

Verdict floor_approached(const Rational& eta) {
  const Stats<Q> st = one_d_stats<Q>();
  // from e_0 = 0 every E e_t = 0 and s_(t+1) - v = A (s_t - v), A = E(1 - 2 eta a^2)^2: T steps with A^T < e^-48
  const double A = to_double<Q>(Q(1 - 4 * eta * st.m2 + 4 * eta * eta * st.m4));
  const int T = static_cast<int>(std::ceil(48.0 / -std::log(A))) + 10;
  const Moments<Q> m = moments_after<Q>(Q(0), [&](int) { return eta; }, T, st);
  const Q v = floor_of<Q>(eta, st);
  return approaches<Q>("sgd_noise_floor",
                       "the floor is the limit: from w_0 = w* (where E[w_t - w*] = 0 for every t, so s_t - v shrinks by "
                       "A = E(1 - 2 eta a^2)^2 each step) the second moment rises to v(eta) = eta C/(m_2 - eta m_4): "
                       "s_T/v in [1 - 10^-20, 1]",
                       Q(m.second / v), Q(1) / detail::pow10(20),
                       std::string(one_d_text) + ", eta = " + eta.str() + ": m_2 = " + st.m2.str() + ", m_4 = " + st.m4.str() +
                           ", C = E[a^2 r^2] = " + st.C.str() + ", v = " + v.str() + " (" + shown<Q>(v) + "), T = " +
                           std::to_string(T) + "; the excess loss f - f* = m_2 (w - w*)^2 settles at m_2 v, not 0");
}

namespace {
struct Measured {
  double mean, se, v;
};
// Time average of (w_t − w*)² over T steps after 1000, and its standard error from 100 batch means.
Measured measure_floor(const Rational& eta, int T, Sampling sampling) {
  const Mlp<double> f = one_d<double>();
  const Stats<Q> st = one_d_stats<Q>();
  const double wstar = to_double<Q>(st.wstar);
  SgdOptions o;
  o.sampling = sampling;
  o.seed = 14;
  Sgd<double> sgd(to_double<Q>(eta), o);
  sgd.reset(1);
  Vec<double> w = Vec<double>::Zero(1);
  for (int t = 0; t < 1000; ++t) w = sgd.step(f, w, w);  // burn-in: the bias decays like (1 - 2 eta m_2)^t
  const int batches = 100, per = T / batches;
  std::vector<double> means;
  double total = 0;
  for (int b = 0; b < batches; ++b) {
    double s = 0;
    for (int t = 0; t < per; ++t) {
      w = sgd.step(f, w, w);
      s += (w(0) - wstar) * (w(0) - wstar);
    }
    means.push_back(s / per);
    total += s / per / batches;
  }
  double var = 0;
  for (double m : means) var += (m - total) * (m - total) / (batches - 1);
  return {total, std::sqrt(var / batches), to_double<Q>(floor_of<Q>(eta, st))};
}
}  // namespace

Verdict floor_measured(const Rational& eta, int T) {
  const Measured m = measure_floor(eta, T, Sampling::replacement);
  return compare<double>("sgd_noise_floor",
                         "measured: the time average of (w_t - w*)^2 over a long run lies within 4 standard errors of v(eta)",
                         Kind::holds, std::abs(m.mean - m.v), Relation::le, 4 * m.se, m.v,
                         std::string(one_d_text) + ", eta = " + eta.str() + ", the library's Sgd with replacement, seed 14, " +
                             std::to_string(T) + " steps after 1000: average " + shown<double>(m.mean, 6) + ", v = " +
                             shown<double>(m.v, 6) + ", standard error " + shown<double>(m.se, 3) + " (100 batch means)");
}

Verdict floor_shuffled(const Rational& eta, int T) {
  const Measured m = measure_floor(eta, T, Sampling::shuffle);
  return compare<double>("sgd_noise_floor",
                         "the same measurement with shuffled epochs (each example once per epoch): the average lies within "
                         "4 standard errors of v(eta)",
                         Expect::counterexample("replacement"), std::abs(m.mean - m.v), Relation::le, 4 * m.se, m.v,
                         "eta = " + eta.str() + ", seed 14, " + std::to_string(T) + " steps after 1000: average " +
                             shown<double>(m.mean, 4) + " against v = " + shown<double>(m.v, 4) + " (standard error " +
                             shown<double>(m.se, 3) + "): over an epoch the noise of the four examples cancels to first "
                             "order in eta; random reshuffling settles much closer to w*");
}

Verdict shuffled_floor_order(int T) {
  // Random reshuffling's floor is O(eta^2): halving eta divides it by about 4 (by 2 for an O(eta) floor).
  const Measured a = measure_floor(Q(1, 50), T, Sampling::shuffle), b = measure_floor(Q(1, 100), T, Sampling::shuffle);
  const double order = std::log2(a.mean / b.mean);
  Verdict v = compare<double>("sgd_noise_floor",
                              "with shuffled epochs the floor is O(eta^2): log2(floor(1/50)/floor(1/100)) is within 1/2 of 2",
                              Kind::holds, std::abs(order - 2), Relation::le, 0.5, 1.0,
                              "the 1-D problem, seed 14, " + std::to_string(T) + " steps after 1000 at each eta: floors " +
                                  shown<double>(a.mean, 4) + " (eta = 1/50, " + shown<double>(a.mean * 2500, 3) +
                                  " eta^2) and " + shown<double>(b.mean, 4) + " (eta = 1/100, " +
                                  shown<double>(b.mean * 10000, 3) + " eta^2): the measured order " + shown<double>(order, 3) +
                                  "; with replacement the floor v(eta) is O(eta)");
  return rule_out<double>(v, "shuffled_floor_order_eta", std::abs(order - 1), Relation::le, 0.5, 1.0);
}

// ---- sgd_decaying ----

Verdict decaying_converges(int T) {
  const Stats<M> st = one_d_stats<M>();
  const M e0 = -st.wstar;
  const Moments<M> m = moments_after<M>(e0, decaying_eta<M>, T, st);
  const M v = floor_of<M>(M(1) / 50, st);
  return compare<M>("sgd_decaying",
                    "eta_t = (1/5)/(t + 10) (sum infinite, sum of squares finite; eta_0 = 1/50): after T steps "
                    "E[(w_T - w*)^2] is below a tenth of the floor of the constant step 1/50",
                    Kind::holds, m.second, Relation::le, M(v / 10), v,
                    std::string(one_d_text) + ", w_0 = 0, T = " + std::to_string(T) + ": E[(w_T - w*)^2] = " +
                        shown<M>(m.second) + " (about 4c^2 C/((4 c m_2 - 1) T) for eta_t ~ c/t, c = 1/5), v(1/50) = " +
                        shown<M>(v) + "; exact expectation by the moment recursion");
}

Verdict decaying_rate_limit(int T) {
  // Chung's lemma: with eta_t ~ c/t and 4 c m_2 > 1 the recursion E_{t+1} = (1 - 4 eta_t m_2 + O(eta_t^2)) E_t
  // + 4 eta_t^2 C gives T E_T -> 4 c^2 C/(4 c m_2 - 1): the rate 1/T and its constant, in the limit.
  const Stats<M> st = one_d_stats<M>();
  const Moments<M> m = moments_after<M>(M(-st.wstar), decaying_eta<M>, T, st);
  const M c = M(1) / 5;
  const M limit = 4 * c * c * st.C / (4 * c * st.m2 - 1);
  Verdict v = approaches<M>("sgd_decaying",
                            "eta_t = (1/5)/(t + 10): T E[(w_T - w*)^2] tends to 4 c^2 C/(4 c m_2 - 1), c = 1/5 (the ratio at T)",
                            M(T * m.second / limit), M(M(1) / 100),
                            std::string(one_d_text) + ", T = " + std::to_string(T) + ": T E[(w_T - w*)^2] = " +
                                shown<M>(M(T * m.second)) + " against " + shown<M>(limit) + " (exact moment recursion)");
  // a 1/T^2 rate would leave T E_T -> 0: at T the ratio T^2 E_T / limit stays far from 1
  return rule_out<M>(v, "rate_T_squared", M(M(T) * T * m.second / limit), Relation::le, M(2), M(1));
}

Verdict decaying_measured(int runs, int T) {
  const Mlp<double> f = one_d<double>();
  const Stats<M> st = one_d_stats<M>();
  const double wstar = to_double<M>(st.wstar);
  const double expected = to_double<M>(moments_after<M>(-st.wstar, decaying_eta<M>, T, st).second);
  double mean = 0, sq = 0;
  for (int r = 0; r < runs; ++r) {
    SgdOptions o;
    o.sampling = Sampling::replacement;
    o.seed = static_cast<std::uint64_t>(1000 + r);
    Sgd<double> sgd(1.0 / 50, o);
    sgd.reset(1);
    Vec<double> w = Vec<double>::Zero(1);
    for (int t = 0; t < T; ++t) {
      *sgd.step_size() = decaying_eta<double>(t);
      w = sgd.step(f, w, w);
    }
    const double e2 = (w(0) - wstar) * (w(0) - wstar);
    mean += e2 / runs;
    sq += e2 * e2 / runs;
  }
  const double se = std::sqrt((sq - mean * mean) / (runs - 1));
  return compare<double>("sgd_decaying",
                         "measured: over seeded runs of the library's SGD with eta_t = (1/5)/(t + 10), the mean of "
                         "(w_T - w*)^2 lies within 4 standard errors of the exact expectation",
                         Kind::holds, std::abs(mean - expected), Relation::le, 4 * se, expected,
                         std::to_string(runs) + " runs (seeds 1000...), T = " + std::to_string(T) + ": mean " +
                             shown<double>(mean, 5) + ", exact " + shown<double>(expected, 5) + ", standard error " +
                             shown<double>(se, 3));
}

Verdict constant_step_stalls(int T) {
  const Stats<M> st = one_d_stats<M>();
  const M eta = M(1) / 50;
  const Moments<M> m = moments_after<M>(-st.wstar, [&](int) { return eta; }, T, st);
  const M v = floor_of<M>(eta, st);
  Verdict out = compare<M>("sgd_decaying",
                           "a constant step eta = 1/50 (sum of squares infinite): E[(w_T - w*)^2] falls below a tenth of v(1/50)",
                           Expect::counterexample("sum_squares_finite"), m.second, Relation::le, M(v / 10), v,
                           "T = " + std::to_string(T) + ": E[(w_T - w*)^2] = " + shown<M>(m.second) + " = v(1/50) to the digits "
                           "shown: the noise floor");
  return rule_out<M>(out, "constant_step_converges", m.second, Relation::le, M(v / 10), v);
}

Verdict summable_steps_stop(int T) {
  const Stats<M> st = one_d_stats<M>();
  auto eta = [](int t) { return M(1) / (50 * M(t + 1) * M(t + 1)); };
  const Moments<M> m = moments_after<M>(-st.wstar, eta, T, st);
  const M v = floor_of<M>(M(1) / 50, st);
  return compare<M>("sgd_decaying",
                    "eta_t = (1/50)/(t + 1)^2 (sum of squares finite, but the sum finite too): E[(w_T - w*)^2] falls below "
                    "a tenth of v(1/50)",
                    Expect::counterexample("sum_infinite"), m.second, Relation::le, M(v / 10), v,
                    "T = " + std::to_string(T) + ": E[w_T - w*] = " + shown<M>(m.mean) + " (from -4/5), E[(w_T - w*)^2] = " +
                        shown<M>(m.second) + ": the steps add up to (1/50) pi^2/6 = 0.033 and the iterate stops short");
}

// ---- sgd_minibatch_variance ----

namespace {
struct Grads {
  std::vector<Vec<Q>> g;
  Vec<Q> mean;
  Q sigma2;
};
Grads six_gradients(const Mlp<Q>& f, const Vec<Q>& theta) {
  Grads r;
  r.mean = Vec<Q>::Zero(theta.size());
  for (int t = 0; t < f.examples(); ++t) {
    r.g.push_back(f.example_gradient(t, theta));
    r.mean += r.g.back();
  }
  r.mean /= Q(f.examples());
  r.sigma2 = 0;
  for (const auto& g : r.g) r.sigma2 += Vec<Q>(g - r.mean).squaredNorm() / Q(f.examples());
  return r;
}
Vec<Q> theta6() {
  Vec<Q> t(2);
  t << Q(1, 2), Q(-1, 4);
  return t;
}
// E‖ĝ − ∇f‖² over all B-subsets of K examples (without replacement).
Q subset_variance(const Mlp<Q>& f, const Vec<Q>& theta, const Vec<Q>& mean, int B) {
  const int K = f.examples();
  Q total = 0;
  long count = 0;
  std::vector<int> pick;
  std::function<void(int)> rec = [&](int from) {
    if (static_cast<int>(pick.size()) == B) {
      total += Vec<Q>(f.batch_gradient(pick, theta) - mean).squaredNorm();
      ++count;
      return;
    }
    for (int i = from; i < K; ++i) {
      pick.push_back(i);
      rec(i + 1);
      pick.pop_back();
    }
  };
  rec(0);
  return total / Q(count);
}
}  // namespace

Verdict variance_with_replacement() {
  const Mlp<Q> f = line_fit<Q>(6, 4);
  const Vec<Q> theta = theta6();
  const Grads G = six_gradients(f, theta);
  Q total = 0;
  for (int i = 0; i < 6; ++i)
    for (int j = 0; j < 6; ++j)
      for (int k = 0; k < 6; ++k) total += Vec<Q>(f.batch_gradient({i, j, k}, theta) - G.mean).squaredNorm();
  total /= Q(216);
  Verdict v = compare<Q>("sgd_minibatch_variance",
                         "B = 3 examples drawn uniformly with replacement: E||g_B - grad f||^2 over all 6^3 ordered draws "
                         "equals sigma^2/B",
                         Kind::holds, total, Relation::eq, Q(G.sigma2 / 3), Q(0),
                         "line fit on K = 6 seeded examples at (w, b) = (1/2, -1/4); sigma^2 = (1/K) sum ||grad f_t - grad f||^2 = " +
                             G.sigma2.str());
  return rule_out<Q>(v, "variance_over_B_squared", total, Relation::eq, Q(G.sigma2 / 9), Q(0));
}

Verdict variance_without_replacement() {
  const Mlp<Q> f = line_fit<Q>(6, 4);
  const Vec<Q> theta = theta6();
  const Grads G = six_gradients(f, theta);
  const Q var = subset_variance(f, theta, G.mean, 3);
  return compare<Q>("sgd_minibatch_variance",
                    "B = 3 distinct examples (a batch of a shuffled epoch): E||g_B - grad f||^2 over all C(6, 3) batches "
                    "equals sigma^2/B",
                    Expect::counterexample("with_replacement"), var, Relation::eq, Q(G.sigma2 / 3), Q(0),
                    "the same instance: " + var.str() + " = (sigma^2/B)(K - B)/(K - 1) = (sigma^2/3)(3/5), smaller: "
                    "distinct examples repeat no noise");
}

Verdict finite_population() {
  const Mlp<Q> f = line_fit<Q>(6, 4);
  const Vec<Q> theta = theta6();
  const Grads G = six_gradients(f, theta);
  Q worst = 0;
  std::string values;
  for (int B = 1; B <= 6; ++B) {
    const Q var = subset_variance(f, theta, G.mean, B);
    const Q formula = G.sigma2 * Q(6 - B) / (Q(B) * Q(5));
    worst = std::max<Q>(worst, abs_value<Q>(Q(var - formula)));
    values += (B > 1 ? ", " : "") + var.str();
  }
  return compare<Q>("sgd_minibatch_variance",
                    "without replacement E||g_B - grad f||^2 = (sigma^2/B)(K - B)/(K - 1) for every B = 1..K: the largest "
                    "difference is 0",
                    Kind::holds, worst, Relation::eq, Q(0), Q(0),
                    "K = 6: the variances for B = 1..6 are " + values + " (0 at B = K: the batch is the whole sum)");
}

// ---- plots ----

std::vector<std::vector<double>> gd_vs_sgd(int epochs) {
  const Race r = race(epochs, 20LL * epochs);
  std::vector<std::vector<double>> rows;
  for (std::size_t k = 0; k < r.sgd.size(); ++k) {
    const std::size_t g = std::min(r.gd.size() - 1, static_cast<std::size_t>(r.sgd[k].first / 20));
    rows.push_back({double(r.sgd[k].first), r.gd[g].second, r.sgd[k].second});
  }
  return rows;
}

std::vector<std::vector<double>> noise_floors(int T) {
  const Stats<M> st = one_d_stats<M>();
  const M etas[3] = {M(1) / 200, M(1) / 100, M(1) / 50};
  Moments<M> c[3], d{-st.wstar, st.wstar * st.wstar};
  for (auto& m : c) m = d;
  const Mlp<double> f = one_d<double>();
  SgdOptions o;
  o.sampling = Sampling::replacement;
  o.seed = 14;
  Sgd<double> sgd(1.0 / 50, o);
  sgd.reset(1);
  Vec<double> w = Vec<double>::Zero(1);
  const double wstar = to_double<M>(st.wstar);
  std::vector<std::vector<double>> rows;
  for (int t = 0; t <= T; ++t) {
    rows.push_back({double(t), to_double<M>(c[0].second), to_double<M>(c[1].second), to_double<M>(c[2].second),
                    to_double<M>(d.second), (w(0) - wstar) * (w(0) - wstar)});
    for (int i = 0; i < 3; ++i) c[i] = moment_step<M>(c[i], etas[i], st);
    d = moment_step<M>(d, decaying_eta<M>(t), st);
    w = sgd.step(f, w, w);
  }
  return rows;
}

std::vector<std::vector<double>> minibatch_variance(int draws) {
  const Mlp<double> f = line_fit<double>(20, 2026);
  Vec<double> theta(2);
  theta << 0.5, -0.25;
  std::vector<Vec<double>> g;
  Vec<double> mean = Vec<double>::Zero(2);
  for (int t = 0; t < 20; ++t) {
    g.push_back(f.example_gradient(t, theta));
    mean += g.back() / 20;
  }
  double sigma2 = 0;
  for (const auto& v : g) sigma2 += (v - mean).squaredNorm() / 20;
  std::vector<std::vector<double>> rows;
  for (int B : {1, 2, 4, 5, 10, 20}) {
    SgdOptions o;
    o.batch = B;
    o.seed = 21;
    Sgd<double> sgd(1.0, o);
    sgd.reset(2);
    double s = 0;
    for (int k = 0; k < draws; ++k) {
      sgd.step(f, theta, theta);
      s += (f.batch_gradient(sgd.last_batch(), theta) - mean).squaredNorm() / draws;
    }
    rows.push_back({double(B), sigma2 / B, sigma2 * (20 - B) / (B * 19.0), s});
  }
  return rows;
}

}  // namespace descent::claims::sgd

// ---- the claims of lesson 14_sgd that this file checks: their entries in the claim index
// (claim.hpp), registered here beside their checks (registry.cpp collects every file's)
namespace descent::claims {
std::vector<ClaimInfo> claims_of_sgd_checks() {
  return {
      {"sgd_unbiased", "14_sgd",
       R"(f=\tfrac1K\sum_{i=1}^K f_i,\ i \text{ uniform}:\ \mathbb{E}_i[\nabla f_i(\theta)]=\nabla f(\theta),\ \text{a uniform minibatch's mean too, so } \mathbb{E}[\theta-\eta\nabla f_i(\theta)]=\theta-\eta\nabla f(\theta))",
       {{"mean_loss", R"(f \text{ is the mean of the } f_i \text{ whose gradients the update uses})"}},
       "seed 001 (Stochastic Gradient Descent); seed 002 (Loss = (1/T) sum_t Div)",
       {{"sum_loss_unbiased", R"(\text{with the sum loss } L=\sum_n L^n,\ \mathbb{E}_n[\nabla L^n]=\nabla L)"}}},
      {"sgd_epoch", "14_sgd",
       R"(\text{one epoch of SGD with batches of } B \text{ makes } \lceil K/B\rceil \text{ updates, uses every example once and evaluates } K \text{ example gradients: the cost of one GD step})",
       {{"shuffle", R"(\text{each epoch draws a permutation of the examples (sampling without replacement)})"}},
       "seed 001 (Update for each example)",
       {{"replacement_is_epoch", R"(K \text{ draws with replacement use every example once})"}}},
      {"sgd_twenty_times", "14_sgd",
       R"(\text{with } K \text{ examples SGD makes } K \text{ updates per pass where GD makes one; far from } f^* \text{ it gains about } K \text{ times per gradient evaluation (a mean loss, one step size); near } f^* \text{ it stalls at its noise floor})",
       {{"above_floor", R"(\text{the accuracy asked for lies above the noise floor of SGD's constant step (far from } f^*\text{)})"}},
       "seed 001 (If there are 20 examples, 20 times faster: true of the updates per pass, the slide's contrast)",
       {{"no_early_gain", R"(\text{far from } f^* \text{ SGD gains at most twice per gradient evaluation)"}}},
      {"sgd_noise_floor", "14_sgd",
       R"(f(w)=\tfrac1K\sum_i(a_iw-y_i)^2,\ \text{constant } \eta<m_2/m_4:\ \mathbb{E}[(w_t-w^*)^2]\to v(\eta)=\frac{\eta C}{m_2-\eta m_4},\ m_p=\mathbb{E}a^p,\ C=\mathbb{E}[a^2r^2],\ r_i=a_iw^*-y_i;\ \text{with shuffled epochs the floor is } O(\eta^2))",
       {{"replacement", R"(\text{each step draws one example uniformly, independently of the past})"}},
       "seed 001 (Stochastic Gradient Descent); Robbins & Monro (1951); Bottou, Curtis & Nocedal (2018), sec. 4; "
       "random reshuffling: Mishchenko, Khaled & Richtarik (2020), a neighbourhood of size O(eta^2)",
       {{"shuffled_floor_order_eta", R"(\text{with shuffled epochs the floor is of order } \eta \text{ too})"}}},
      {"sgd_decaying", "14_sgd",
       R"(\eta_t>0,\ \sum_t\eta_t=\infty,\ \sum_t\eta_t^2<\infty:\ \mathbb{E}[(w_t-w^*)^2]\to0)",
       {{"sum_infinite", R"(\sum_t\eta_t=\infty)"}, {"sum_squares_finite", R"(\sum_t\eta_t^2<\infty)"}},
       "Robbins & Monro (1951); lesson 10's schedules",
       {{"constant_step_converges", R"(\text{a constant step also drives } \mathbb{E}[(w_t-w^*)^2]\to0)"},
        {"rate_T_squared", R"(\eta_t\approx c/t:\ \mathbb{E}[(w_T-w^*)^2]=O(1/T^2))"}}},
      {"sgd_minibatch_variance", "14_sgd",
       R"(\text{the mean } g_B \text{ of } B \text{ example gradients drawn with replacement has } \mathbb{E}\|g_B-\nabla f\|^2=\sigma^2/B,\ \sigma^2=\tfrac1K\sum_i\|\nabla f_i-\nabla f\|^2;\ \text{without replacement } \tfrac{\sigma^2}{B}\tfrac{K-B}{K-1})",
       {{"with_replacement", R"(\text{the } B \text{ examples drawn independently (with replacement)})"}},
       "seed 001 (mini-batch?)",
       {{"variance_over_B_squared", R"(\mathbb{E}\|g_B-\nabla f\|^2=\sigma^2/B^2)"}}},
  };
}
}  // namespace descent::claims
