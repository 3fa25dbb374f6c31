// Claims of lesson 12: Adam and AdamW.
#include "adam_checks.hpp"

#include <cmath>
#include <functional>
#include <memory>
#include <stdexcept>

#include "descent/optimizers/adam.hpp"
#include "descent/optimizers/adaptive.hpp"
#include "descent/optimizers/schedules.hpp"
#include "descent/problems/test_functions.hpp"
#include "descent/random.hpp"
#include "instance_text.hpp"

namespace descent::claims::adam {

namespace {
using Q = Rational;
using M = Mpfr;
using descent::abs_value;
using detail::seed003;
using detail::vec_text;

const Erratum seed003_adam_step{
    seed003, 204, "$$x_{t+1} = x_t - \\eta(G_{t+1} + \\epsilon I)^{-1/2} v_{t+1}$$",
    "Kingma & Ba's Algorithm 1 (the slide's title) corrects both moments and adds eps outside the root: "
    "x_t = x_{t-1} - alpha m_hat_t/(sqrt(v_hat_t) + eps), m_hat_t = m_t/(1 - beta1^t), v_hat_t = v_t/(1 - beta2^t); "
    "without the correction the first steps are (1 - beta1)/sqrt(1 - beta2) = 3.16 times larger at the defaults"};

const Quadratic<M>& dummy() {  // Adam's step ignores the problem; the gradients are fed
  static const Quadratic<M> f(Mat<M>::Identity(1, 1), Vec<M>::Zero(1), M(0));
  return f;
}
// Adam fed a gradient sequence (1-D): the steps |Δ_t|.
std::vector<M> fed_steps(const AdamOptions<M>& o, const std::vector<M>& grads) {
  Adam<M> opt(o);
  opt.reset(1);
  Vec<M> x = Vec<M>::Zero(1);
  std::vector<M> out;
  for (const M& g : grads) {
    const Vec<M> next = opt.step(dummy(), x, Vec<M>::Constant(1, g));
    out.push_back(abs_value<M>(M(next(0) - x(0))));
    x = next;
  }
  return out;
}
// The gradients g_s = (β₂/β₁)^s, s = 1 … T, that attain the exact step bound at T.
std::vector<M> growing(const AdamOptions<M>& o, int T) {
  std::vector<M> grads;
  const M r = o.beta2 / o.beta1;
  M g = 1;
  for (int t = 1; t <= T; ++t) grads.push_back(g *= r);
  return grads;
}
AdamOptions<M> defaults(const M& eps) {
  AdamOptions<M> o;
  o.eps = eps;
  return o;
}
Vec<M> first_gradient() {
  Vec<M> g(5);
  g << M(100), M(3), M(M(-1) / 7), M(M(1) / 100000000), M(M(-1) / 1000000000);
  return g;
}
// The library's first Adam step from 0 with the gradient first_gradient().
Vec<M> first_step(const AdamOptions<M>& o) {
  Adam<M> opt(o);
  opt.reset(5);
  const Vec<M> x0 = Vec<M>::Zero(5);
  return opt.step(dummy(), x0, first_gradient()) - x0;
}
template <class S>
std::pair<S, S> difference(const std::vector<Vec<S>>& a, const std::vector<Vec<S>>& b) {
  if (a.size() != b.size()) throw std::logic_error("adam: trajectories of different lengths");
  S d = 0, m = 0;
  for (std::size_t k = 0; k < a.size(); ++k) {
    d = std::max<S>(d, (a[k] - b[k]).cwiseAbs().maxCoeff());
    m = std::max<S>(m, a[k].cwiseAbs().maxCoeff());
  }
  return {d, m};
}
template <class S>
std::vector<Vec<S>> path(const Problem<S>& f, Optimizer<S>& opt, const Vec<S>& x0, int steps) {
  return run<S>(f, opt, x0, detail::stop_after<S>(steps)).x;
}
Vec<M> vec2(const M& a, const M& b) {
  Vec<M> v(2);
  v << a, b;
  return v;
}
// Kingma & Ba's Algorithm 1, written out: m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ), x ← x − α m̂/(√v̂ + ε_t).
std::vector<Vec<M>> algorithm1(const Problem<M>& f, const Vec<M>& x0, int steps, const M& alpha, const M& b1, const M& b2,
                               const std::function<M(int)>& eps_at) {
  std::vector<Vec<M>> xs{x0};
  Vec<M> m = Vec<M>::Zero(x0.size()), v = Vec<M>::Zero(x0.size());
  for (int t = 1; t <= steps; ++t) {
    const Vec<M> g = f.gradient(xs.back());
    Vec<M> x = xs.back();
    for (int i = 0; i < x.size(); ++i) {
      m(i) = b1 * m(i) + (1 - b1) * g(i);
      v(i) = b2 * v(i) + (1 - b2) * g(i) * g(i);
      const M mhat = m(i) / (1 - power(b1, t)), vhat = v(i) / (1 - power(b2, t));
      x(i) -= alpha * mhat / (sqrt(vhat) + eps_at(t));
    }
    xs.push_back(x);
  }
  return xs;
}
}  // namespace

// ---- adam_first_step ----

Verdict nadam_first_step() {
  NAdamOptions<M> o;
  o.eps = 0;
  NAdam<M> nadam(o);
  const Vec<M> g = first_gradient();
  const Quadratic<M> f = quadratic_1d<M>(M(1), M(0), M(0));  // unused by the step: it reads g only
  nadam.reset(static_cast<int>(g.size()));
  const Vec<M> x0 = Vec<M>::Zero(g.size());
  const Vec<M> dx = nadam.step(f, x0, g) - x0;
  // the formula, from Dozat's Algorithm 2 with PyTorch's schedule: m̂ and v̂ of one step
  const M mu1 = o.beta1 * (1 - pow(M(96) / 100, o.momentum_decay) / 2);
  const M mu2 = o.beta1 * (1 - pow(M(96) / 100, 2 * o.momentum_decay) / 2);
  const M expected = o.lr * (1 + mu2 * (1 - o.beta1) / (1 - mu1 * mu2));
  M worst = 0;
  for (int i = 0; i < g.size(); ++i) worst = std::max<M>(worst, abs_value<M>(M(abs_value<M>(dx(i)) - expected)));
  return compare<M>("adam_first_step",
                    "NAdam's first step (eps = 0): |Delta x_i| = gamma (1 + mu_2 (1 - beta1)/(1 - mu_1 mu_2)) in every "
                    "coordinate, not Adam's gamma (largest | |Delta x_i| - that |)",
                    Kind::tight, worst, Relation::eq, M(0), o.lr,
                    "torch.optim.NAdam's defaults gamma = 2e-3, beta = (0.9, 0.999), psi = 4e-3; mu_t = beta1 (1 - "
                    "0.96^(t psi)/2): the step is " + shown<M>(M(expected / o.lr)) + " gamma, the momentum part using "
                    "the next step's mu_2 (Nesterov's look-ahead); g = " + vec_text<M>(g));
}

Verdict first_step_size() {
  const AdamOptions<M> o = defaults(M(1) / 100000000);
  const Vec<M> g = first_gradient(), dx = first_step(o);
  M worst = 0;
  for (int i = 0; i < 5; ++i) {
    const M expected = o.lr * abs_value<M>(g(i)) / (abs_value<M>(g(i)) + o.eps);
    worst = std::max<M>(worst, abs_value<M>(M(abs_value<M>(dx(i)) / expected - 1)));
  }
  return compare<M>("adam_first_step",
                    "Adam's first step (Algorithm 1, bias-corrected): |Delta x_i| = alpha |g_i|/(|g_i| + eps) in every "
                    "coordinate (largest relative difference)",
                    Kind::holds, worst, Relation::eq, M(0), M(10),
                    "alpha = 1e-3, beta = (0.9, 0.999), eps = 1e-8, g = " + vec_text<M>(g) + ": steps " + vec_text<M>(dx) +
                        ". m_hat_1 = g and v_hat_1 = g^2: the first step is alpha g/(|g| + eps), a sign step except where "
                        "|g| is near eps");
}

Verdict first_step_is_lr() {
  const AdamOptions<M> o = defaults(M(0));
  const Vec<M> dx = first_step(o);
  M worst = 0;
  for (int i = 0; i < 5; ++i) worst = std::max<M>(worst, abs_value<M>(M(abs_value<M>(dx(i)) - o.lr)));
  Verdict v = compare<M>("adam_first_step",
                         "with eps = 0 the first step has length alpha in every coordinate, whatever g (largest |  |Delta x_i| "
                         "- alpha |)",
                         Kind::tight, worst, Relation::eq, M(0), o.lr,
                         "the same g, from 10^2 down to 10^-9: every coordinate moves exactly alpha = 1e-3");
  // correcting m alone leaves v_1 = (1 - beta2) g^2: the step alpha |g|/sqrt((1 - beta2) g^2) = alpha/sqrt(1 - beta2)
  const Vec<M> g = first_gradient();
  M worst_m_only = 0;
  for (int i = 0; i < 5; ++i)
    worst_m_only = std::max<M>(worst_m_only, abs_value<M>(M(o.lr * abs_value<M>(g(i)) / sqrt(M((1 - o.beta2) * g(i) * g(i))) - o.lr)));
  return rule_out<M>(v, "corrected_first_moment_only", worst_m_only, Relation::eq, M(0), o.lr);
}

Verdict uncorrected_not_lr() {
  AdamOptions<M> o = defaults(M(0));
  o.bias_correction = false;
  const Vec<M> dx = first_step(o);
  return compare<M>("adam_first_step",
                    "without bias correction (eps = 0) the first step has length alpha",
                    Expect::counterexample("bias_correction"), abs_value<M>(dx(0)), Relation::eq, o.lr, o.lr,
                    "the same g: |Delta x_1| = " + shown<M>(abs_value<M>(dx(0))) +
                        ": m_1 = (1 - beta1) g and v_1 = (1 - beta2) g^2 make the step (1 - beta1)/sqrt(1 - beta2) alpha");
}

Verdict uncorrected_ratio() {
  AdamOptions<M> o = defaults(M(0));
  o.bias_correction = false;
  const Vec<M> dx = first_step(o);
  const M expected = o.lr * (1 - o.beta1) / sqrt(M(1 - o.beta2));
  M worst = 0;
  for (int i = 0; i < 5; ++i) worst = std::max<M>(worst, abs_value<M>(M(abs_value<M>(dx(i)) - expected)));
  return compare<M>("adam_first_step",
                    "without bias correction (eps = 0): |Delta x_i| = alpha (1 - beta1)/sqrt(1 - beta2) in every "
                    "coordinate (largest difference)",
                    Kind::holds, worst, Relation::eq, M(0), expected,
                    "alpha (1 - beta1)/sqrt(1 - beta2) = " + shown<M>(expected) + " = 3.16 alpha at the defaults");
}

Verdict uncorrected_constant_gradient(int T) {
  AdamOptions<M> o = defaults(M(0));
  o.bias_correction = false;
  const auto steps = fed_steps(o, std::vector<M>(static_cast<std::size_t>(T), M(1)));
  M worst = 0, peak = 0;
  int at = 0;
  for (int t = 1; t <= T; ++t) {
    // m_t = (1 − β₁ᵗ)g, v_t = (1 − β₂ᵗ)g²: the uncorrected step is α(1 − β₁ᵗ)/√(1 − β₂ᵗ)
    const M closed = o.lr * (1 - power(o.beta1, t)) / sqrt(M(1 - power(o.beta2, t)));
    worst = std::max<M>(worst, abs_value<M>(M(steps[static_cast<std::size_t>(t - 1)] / closed - 1)));
    if (closed > peak) {
      peak = closed;
      at = t;
    }
  }
  return compare<M>("adam_first_step",
                    "without bias correction, for a constant gradient, the steps are alpha (1 - beta1^t)/sqrt(1 - beta2^t) "
                    "(largest relative difference over t <= " + std::to_string(T) + ")",
                    Kind::holds, worst, Relation::eq, M(0), M(T),
                    "the library's Adam (eps = 0, beta = (0.9, 0.999)) fed g = 1: the steps grow from 3.16 alpha to " +
                        shown<M>(M(peak / o.lr)) + " alpha at t = " + std::to_string(at) +
                        " before they settle toward alpha (beta1^t decays faster than beta2^t); with the correction every "
                        "step is alpha");
}

Verdict seed003_adam() {
  AdamOptions<M> notes = defaults(M(1) / 100000000), paper = notes;
  notes.bias_correction = false;
  notes.placement = EpsPlacement::inside;
  const Vec<M> da = first_step(notes), db = first_step(paper);
  return compare<M>("adam_first_step",
                    "seed 003's Adam (no bias correction, eps inside the root) takes Kingma & Ba's first step "
                    "(coordinate 2, g = 3)",
                    Expect::refutes(seed003_adam_step), M(abs_value<M>(da(1))), Relation::eq, M(abs_value<M>(db(1))),
                    M(abs_value<M>(db(1))),
                    "alpha = 1e-3, beta = (0.9, 0.999), eps = 1e-8: the slide's step " + shown<M>(abs_value<M>(da(1))) +
                        ", Algorithm 1's " + shown<M>(abs_value<M>(db(1))) + " (the library's Adam in both forms)");
}

// ---- adam_step_bound ----

Mpfr step_bound(const Mpfr& b1, const Mpfr& b2, int t) {
  const M q = b1 * b1 / b2;
  if (!(q < 1)) throw std::logic_error("adam step_bound: needs beta1^2 < beta2");
  return (1 - b1) / (1 - power(b1, t)) * sqrt(M((1 - power(b2, t)) * (1 - power(q, t)) / ((1 - b2) * (1 - q))));
}

Verdict growing_gradients_attain(const Rational& beta1, const Rational& beta2, int T) {
  AdamOptions<M> o = defaults(M(0));
  o.lr = 1;
  o.beta1 = from_rational<M>(beta1);
  o.beta2 = from_rational<M>(beta2);
  const auto steps = fed_steps(o, growing(o, T));
  const M bound = step_bound(o.beta1, o.beta2, T);
  Verdict v = compare<M>("adam_step_bound",
                    "gradients g_s = (beta2/beta1)^s attain the exact bound at step T: |Delta_T|/alpha = "
                    "(1 - beta1)/(1 - beta1^T) sqrt((1 - beta2^T)(1 - q^T)/((1 - beta2)(1 - q))), q = beta1^2/beta2",
                    Kind::tight, steps.back(), Relation::eq, bound, M(T * bound),
                    "beta1 = " + beta1.str() + ", beta2 = " + beta2.str() + ", T = " + std::to_string(T) +
                        ", the library's Adam (eps = 0) fed the gradients: Cauchy-Schwarz on m_T = (1 - beta1) sum_j "
                        "beta1^j g_(T-j) against v_T = (1 - beta2) sum_j beta2^j g_(T-j)^2 is an equality exactly when "
                        "g_(T-j) is proportional to (beta1/beta2)^j; the tolerance scale is T times the bound (each "
                        "step rounds m and v once more)");
  // without the factor sqrt((1 - q^T)/(1 - q)) the bound is exceeded
  return rule_out<M>(v, "bound_sqrt_q_dropped", steps.back(), Relation::le,
                     M((1 - o.beta1) / (1 - power(o.beta1, T)) * sqrt(M((1 - power(o.beta2, T)) / (1 - o.beta2)))), M(T * bound));
}

Verdict adamax_attains(int T) {
  // AdaMax (Kingma & Ba, sec. 7.1, Algorithm 2), written out: m_t = b1 m + (1 - b1) g,
  // u_t = max(b2 u, |g|), x -= (alpha/(1 - b1^t)) m_t/u_t. Since |m_t| <= (1 - b1) sum_j b1^j |g_(t-j)|
  // and u_t >= b2^j |g_(t-j)|, |Delta_t|/alpha <= (1 - b1)(1 - (b1/b2)^t)/((1 - b1^t)(1 - b1/b2)), with
  // equality when g_s = b2^s (each term of m at its largest against u_t = |g_1| b2^(t-1)).
  const M b1 = M(9) / 10, b2 = M(999) / 1000, alpha = 1;
  M m = 0, u = 0, step = 0;
  for (int t = 1; t <= T; ++t) {
    const M g = power(b2, t);
    m = b1 * m + (1 - b1) * g;
    u = std::max<M>(b2 * u, abs_value<M>(g));
    step = alpha / (1 - power(b1, t)) * m / u;
  }
  const M r = b1 / b2;
  const M bound = (1 - b1) * (1 - power(r, T)) / ((1 - power(b1, T)) * (1 - r));
  Verdict v = compare<M>("adam_step_bound",
                         "AdaMax fed g_s = beta2^s attains its bound at step T: |Delta_T|/alpha = (1 - beta1)(1 - "
                         "(beta1/beta2)^T)/((1 - beta1^T)(1 - beta1/beta2))",
                         Kind::tight, step, Relation::eq, bound, M(T * bound),
                         "beta = (0.9, 0.999), eps = 0, T = " + std::to_string(T) + ", AdaMax written out from the paper's "
                         "Algorithm 2: |Delta_T|/alpha = " + shown<M>(step) + ", which tends to (1 - beta1)/(1 - beta1/beta2) "
                         "= " + shown<M>(M((1 - b1) / (1 - r))));
  // Kingma & Ba, sec. 7.1: "|Delta_t| <= alpha"
  return rule_out<M>(v, "adamax_alpha", step, Relation::le, alpha, M(T * bound));
}

Verdict kingma_equality_case_exceeded(int T) {
  // The paper's third sentence: "When (1 - beta1) = sqrt(1 - beta2) we have |m_hat/sqrt(v_hat)| < 1
  // therefore |Delta_t| < alpha". beta = (0.9, 0.99): 1 - beta1 = sqrt(1 - beta2) = 0.1.
  AdamOptions<M> o = defaults(M(0));
  o.lr = 1;
  o.beta1 = M(9) / 10;
  o.beta2 = M(99) / 100;
  const auto steps = fed_steps(o, growing(o, T));
  return compare<M>("adam_step_bound",
                    "Kingma & Ba, sec. 2.1: when (1 - beta1) = sqrt(1 - beta2), |Delta_t| < alpha; here the gradients are "
                    "not sparse",
                    Expect::counterexample("sparse"), steps.back(), Relation::lt, M(1), M(1),
                    "beta = (0.9, 0.99), gradients growing by beta2/beta1 per step, T = " + std::to_string(T) +
                        ": |Delta_T|/alpha = " + shown<M>(steps.back()) + " (the supremum is (1 - beta1)/sqrt((1 - "
                        "beta2)(1 - beta1^2/beta2)) = " +
                        shown<M>(M((1 - o.beta1) / sqrt(M((1 - o.beta2) * (1 - o.beta1 * o.beta1 / o.beta2))))) + ")");
}

Verdict two_gradients_exceed() {
  // A realistic history, not 1000 steps of growth: zeros, then g_999 = beta1/beta2 and g_1000 = 1
  // (defaults). "For less sparse cases, the effective stepsize will be smaller" (sec. 2.1) fails.
  AdamOptions<M> o = defaults(M(0));
  o.lr = 1;
  std::vector<M> grads(1000, M(0));
  grads[998] = o.beta1 / o.beta2;
  grads[999] = M(1);
  const auto steps = fed_steps(o, grads);
  const M kingma = (1 - o.beta1) / sqrt(M(1 - o.beta2));
  return compare<M>("adam_step_bound",
                    "two non-zero gradients (g_999 = beta1/beta2, g_1000 = 1, zeros before): less sparse than one, so "
                    "|Delta_1000| <= alpha (1 - beta1)/sqrt(1 - beta2), the most sparse case's bound",
                    Expect::counterexample("sparse"), steps.back(), Relation::le, kingma, kingma,
                    "beta = (0.9, 0.999), eps = 0: |Delta_1000|/alpha = " + shown<M>(steps.back()) + " > " +
                        shown<M>(kingma));
}

Verdict random_gradients_below(int T) {
  AdamOptions<M> o = defaults(M(0));
  o.lr = 1;
  SplitMix64 rng{2024};
  std::vector<M> grads;
  for (int t = 0; t < T; ++t) grads.push_back(M(rng.normal()) * pow(M(10), static_cast<int>(std::lround(6 * rng.uniform() - 3))));
  const auto steps = fed_steps(o, grads);
  M worst = 0;
  int at = 2;
  // from t = 2: at t = 1 (eps = 0) step and bound are both alpha for any gradient
  for (int t = 2; t <= T; ++t) {
    const M r = steps[static_cast<std::size_t>(t - 1)] / step_bound(o.beta1, o.beta2, t);
    if (r > worst) worst = r, at = t;
  }
  return compare<M>("adam_step_bound",
                    "seeded random gradients (normal, scale 10^k, k uniform in -3..3): |Delta_t| <= the bound at every "
                    "t >= 2 (lhs the largest ratio; at t = 1 both are alpha for any gradient)",
                    Kind::holds, worst, Relation::le, M(1), M(1),
                    "beta = (0.9, 0.999), eps = 0, T = " + std::to_string(T) + " (SplitMix64 seed 2024): the largest "
                    "|Delta_t|/bound_t over t >= 2 is " + shown<M>(worst) + " at t = " + std::to_string(at));
}

Verdict sparse_approaches(int T) {
  AdamOptions<M> o = defaults(M(0));
  o.lr = 1;
  std::vector<M> grads(static_cast<std::size_t>(T), M(0));
  grads.back() = M(5);
  const auto steps = fed_steps(o, grads);
  const M kingma = (1 - o.beta1) / sqrt(M(1 - o.beta2));
  // a priori: √(1 − β₂ᵀ) ≥ 1 − β₂ᵀ (so the ratio is at least 1 − β₂ᵀ), and the ratio stays ≤ 1 because
  // √(1 − β₂ᵀ) ≤ 1 − β₁ᵀ at this T (β₁ᵀ is far below β₂ᵀ/2)
  const M delta = power(o.beta2, T);
  return approaches<M>("adam_step_bound",
                       "one non-zero gradient after t - 1 zeros (Kingma & Ba's severe sparsity): |Delta_t| tends to "
                       "alpha (1 - beta1)/sqrt(1 - beta2) (the ratio |Delta_T|/that)",
                       M(steps.back() / kingma), delta,
                       "beta = (0.9, 0.999), T = " + std::to_string(T) + ": |Delta_T|/alpha = " + shown<M>(steps.back()) +
                           ", the bound " + shown<M>(kingma) + "; the ratio is sqrt(1 - beta2^T)/(1 - beta1^T), within beta2^T of 1");
}

Verdict kingma_bound_exceeded(int T) {
  AdamOptions<M> o = defaults(M(0));
  o.lr = 1;
  const auto steps = fed_steps(o, growing(o, T));
  const M kingma = (1 - o.beta1) / sqrt(M(1 - o.beta2));
  return compare<M>("adam_step_bound",
                    "Kingma & Ba, sec. 2.1 (stated for any gradients): |Delta_t| <= alpha (1 - beta1)/sqrt(1 - beta2) "
                    "when (1 - beta1) > sqrt(1 - beta2); here the gradients are not sparse",
                    Expect::counterexample("sparse"), steps.back(), Relation::le, kingma, kingma,
                    "beta = (0.9, 0.999), gradients growing by beta2/beta1 = 1.11 per step, T = " + std::to_string(T) +
                        ": |Delta_T|/alpha = " + shown<M>(steps.back()) + " > " + shown<M>(kingma) +
                        "; the supremum over histories is (1 - beta1)/sqrt((1 - beta2)(1 - beta1^2/beta2)) = " +
                        shown<M>(M((1 - o.beta1) / sqrt(M((1 - o.beta2) * (1 - o.beta1 * o.beta1 / o.beta2))))));
}

Verdict kingma_alpha_exceeded(int T) {
  AdamOptions<M> o = defaults(M(0));
  o.lr = 1;
  o.beta1 = M(99) / 100;
  const auto steps = fed_steps(o, growing(o, T));
  return compare<M>("adam_step_bound",
                    "Kingma & Ba, sec. 2.1 (stated for any gradients): |Delta_t| <= alpha when (1 - beta1) <= "
                    "sqrt(1 - beta2); here the gradients are not sparse",
                    Expect::counterexample("sparse"), steps.back(), Relation::le, M(1), M(1),
                    "beta = (0.99, 0.999) (0.01 <= 0.0316), gradients growing by beta2/beta1 per step, T = " +
                        std::to_string(T) + ": |Delta_T|/alpha = " + shown<M>(steps.back()) +
                        " (the supremum is 2.30); the paper's \"|Delta_t| <~ alpha\" is a typical size, not a bound");
}

Verdict unbounded_without_order(int T) {
  AdamOptions<M> o = defaults(M(0));
  o.lr = 1;
  o.beta1 = M(9) / 10;
  o.beta2 = M(1) / 2;  // β₁² = 0.81 > β₂
  const auto steps = fed_steps(o, growing(o, T));
  return compare<M>("adam_step_bound",
                    "with beta1^2 >= beta2 the steps stay bounded: |Delta_T| <= 100 alpha",
                    Expect::counterexample("beta_order"), steps.back(), Relation::le, M(100), M(100),
                    "beta = (0.9, 0.5), gradients (beta2/beta1)^s (shrinking), T = " + std::to_string(T) +
                        ": |Delta_T|/alpha = " + shown<M>(steps.back()) + "; the Cauchy-Schwarz bound grows like "
                        "q^(T/2), q = beta1^2/beta2 = 1.62, so no constant bounds Adam's step");
}

// ---- adamw_decoupled ----

Verdict sgd_decay_is_l2(int steps) {
  Mat<Q> A(2, 2);
  A << Q(3), Q(1), Q(1), Q(2);
  const Vec<Q> b = (Vec<Q>(2) << Q(1), Q(-2)).finished();
  const Quadratic<Q> f(A, b, Q(0));
  const Q alpha(1, 10), lambda(1, 50);
  const Quadratic<Q> f_l2(Mat<Q>(A + (lambda / alpha) * Mat<Q>::Identity(2, 2)), b, Q(0));  // f + (λ/(2α))‖x‖²
  GradientDescent<Q> gd(alpha);
  const Vec<Q> x0 = (Vec<Q>(2) << Q(2), Q(-1)).finished();
  const auto l2 = path<Q>(f_l2, gd, x0, steps);
  std::vector<Vec<Q>> decoupled{x0};
  for (int k = 0; k < steps; ++k) {
    const Vec<Q>& x = decoupled.back();
    decoupled.push_back(Vec<Q>(x - alpha * f.gradient(x) - lambda * x));  // SGDW (Loshchilov & Hutter, Alg. 1, no momentum)
  }
  Q misfit = 0;
  for (std::size_t k = 0; k < l2.size(); ++k) misfit += (l2[k] - decoupled[k]).squaredNorm();
  return compare<Q>("adamw_decoupled",
                    "SGD with decoupled decay, x <- x - alpha grad f(x) - lambda x, equals GD on f + (lambda/(2 alpha)) "
                    "||x||^2 (sum of squared differences)",
                    Kind::holds, misfit, Relation::eq, Q(0), Q(0),
                    "alpha = 1/10, lambda = 1/50, " + std::to_string(steps) + " steps on a 2-D quadratic: the L2 "
                    "gradient (lambda/alpha) x times alpha is lambda x (Loshchilov & Hutter, Prop. 1)");
}

Verdict adam_l2_is_not_adamw(int steps) {
  const Rosenbrock<M> f(2);
  AdamOptions<M> l2, w;
  l2.lr = w.lr = M(1) / 100;
  w.decay = WeightDecay::decoupled_paper;
  w.weight_decay = M(1) / 1000;
  l2.decay = WeightDecay::l2;
  l2.weight_decay = w.weight_decay / w.lr;  // the SGD-equivalent coefficient λ/α
  Adam<M> a(l2), b(w);
  const Vec<M> x0 = vec2(M(M(-6) / 5), M(1));
  const auto p = path<M>(f, a, x0, steps), q = path<M>(f, b, x0, steps);
  const auto [d, m] = difference<M>(p, q);
  return compare<M>("adamw_decoupled",
                    "Adam on f + (lambda/(2 alpha))||x||^2 (L2 in the gradient) equals AdamW with decay lambda",
                    Expect::counterexample("linear_step"), d, Relation::eq, M(0), m,
                    "Rosenbrock from (-1.2, 1), alpha = 1/100, lambda = 1/1000, " + std::to_string(steps) +
                        " steps: the iterates differ by up to " + shown<M>(d) + ". Adam divides the L2 term by sqrt(v) "
                        "with the gradient, so weights with large gradients are decayed less; AdamW decays all alike");
}

Verdict pytorch_adamw_is_paper(int steps) {
  const Rosenbrock<M> f(2);
  AdamOptions<M> o;
  o.lr = M(1) / 100;
  o.decay = WeightDecay::decoupled_pytorch;
  o.weight_decay = M(1) / 10;
  Adam<M> torch(o);
  const Vec<M> x0 = vec2(M(M(-6) / 5), M(1));
  const auto p = path<M>(f, torch, x0, steps);
  // Loshchilov & Hutter, Algorithm 2, line 12 with η_t = 1 and λ_paper = αλ, written out
  const M lambda_paper = o.lr * o.weight_decay;
  std::vector<Vec<M>> q{x0};
  Vec<M> m = Vec<M>::Zero(2), v = Vec<M>::Zero(2);
  for (int t = 1; t <= steps; ++t) {
    const Vec<M>& x = q.back();
    const Vec<M> g = f.gradient(x);
    Vec<M> next = x;
    for (int i = 0; i < 2; ++i) {
      m(i) = o.beta1 * m(i) + (1 - o.beta1) * g(i);
      v(i) = o.beta2 * v(i) + (1 - o.beta2) * g(i) * g(i);
      const M mhat = m(i) / (1 - power(o.beta1, t)), vhat = v(i) / (1 - power(o.beta2, t));
      next(i) = x(i) - (o.lr * mhat / (sqrt(vhat) + o.eps) + lambda_paper * x(i));
    }
    q.push_back(next);
  }
  const auto [d, mx] = difference<M>(p, q);
  return compare<M>("adamw_decoupled",
                    "PyTorch's AdamW (x <- x (1 - alpha lambda), then the Adam step) equals Loshchilov & Hutter's "
                    "Algorithm 2 with lambda_paper = alpha lambda (largest difference)",
                    Kind::holds, d, Relation::eq, M(0), mx,
                    "Rosenbrock from (-1.2, 1), alpha = 1/100, PyTorch's lambda = 1/10 (lambda_paper = 1/1000), " +
                        std::to_string(steps) + " steps: PyTorch's weight_decay is the paper's divided by the learning "
                        "rate, so its default 0.01 is a decay of 1e-5 per step at alpha = 1e-3");
}

Verdict forms_agree_under_schedule(int steps) {
  const Rosenbrock<M> f(2);
  AdamOptions<M> torch, paper;
  torch.lr = paper.lr = M(1) / 100;
  torch.decay = WeightDecay::decoupled_pytorch;
  torch.weight_decay = M(1) / 10;
  paper.decay = WeightDecay::decoupled_paper;
  paper.weight_decay = torch.lr * torch.weight_decay;
  Scheduled<M> a(std::make_unique<Adam<M>>(torch), Schedule<M>::inverse());
  const Vec<M> x0 = vec2(M(M(-6) / 5), M(1));
  const auto p = path<M>(f, a, x0, steps);
  // Loshchilov & Hutter, Algorithm 2, written out with the schedule multiplier eta_t = 1/t
  // (alpha_t = alpha_0 eta_t) and lambda_paper = alpha_0 lambda:
  //   x <- x - eta_t (alpha_0 m_hat/(sqrt(v_hat) + eps) + lambda_paper x)
  // and, for the wrong variant, PyTorch's decay with the initial rate, x (1 - alpha_0 lambda).
  const M lambda_paper = torch.lr * torch.weight_decay;
  auto written = [&](bool initial_lr_decay) {
    std::vector<Vec<M>> q{x0};
    Vec<M> m = Vec<M>::Zero(2), v = Vec<M>::Zero(2);
    for (int t = 1; t <= steps; ++t) {
      const Vec<M>& x = q.back();
      const Vec<M> g = f.gradient(x);
      const M eta_t = M(1) / t;
      Vec<M> next = x;
      for (int i = 0; i < 2; ++i) {
        m(i) = torch.beta1 * m(i) + (1 - torch.beta1) * g(i);
        v(i) = torch.beta2 * v(i) + (1 - torch.beta2) * g(i) * g(i);
        const M mhat = m(i) / (1 - power(torch.beta1, t)), vhat = v(i) / (1 - power(torch.beta2, t));
        const M decay = initial_lr_decay ? M(lambda_paper * x(i)) : M(eta_t * lambda_paper * x(i));
        next(i) = x(i) - (eta_t * torch.lr * mhat / (sqrt(vhat) + torch.eps) + decay);
      }
      q.push_back(next);
    }
    return q;
  };
  const auto [d, m] = difference<M>(p, written(false));
  const auto [d_wrong, m_wrong] = difference<M>(p, written(true));
  Verdict v = compare<M>("adamw_decoupled",
                         "under the schedule alpha_t = alpha_0/(t + 1) PyTorch's AdamW (the library, Scheduled) equals the "
                         "paper's Algorithm 2 written out with eta_t = alpha_t/alpha_0 and lambda_paper = alpha_0 lambda "
                         "(largest difference)",
                         Kind::holds, d, Relation::eq, M(0), m,
                         "Rosenbrock from (-1.2, 1), alpha_0 = 1/100, PyTorch's lambda = 1/10, " + std::to_string(steps) +
                             " steps: PyTorch's decay alpha_t lambda is the paper's eta_t lambda_paper; decaying with the "
                             "initial rate instead would differ by up to " + shown<M>(d_wrong, 4));
  return rule_out<M>(v, "decay_with_initial_lr", d_wrong, Relation::eq, M(0), m_wrong);
}

// ---- adam_forms ----

Verdict pytorch_is_algorithm1(int steps) {
  const Rosenbrock<M> f(2);
  AdamOptions<M> o;
  o.lr = M(1) / 50;
  Adam<M> opt(o);
  const Vec<M> x0 = vec2(M(M(-6) / 5), M(1));
  const auto p = path<M>(f, opt, x0, steps);
  const auto q = algorithm1(f, x0, steps, o.lr, o.beta1, o.beta2, [&](int) { return o.eps; });
  const auto [d, m] = difference<M>(p, q);
  return compare<M>("adam_forms",
                    "the library's Adam in PyTorch's order, alpha/(1 - beta1^t) m/(sqrt(v)/sqrt(1 - beta2^t) + eps), "
                    "against Algorithm 1 written out, alpha m_hat/(sqrt(v_hat) + eps) (largest difference)",
                    Kind::holds, d, Relation::eq, M(0), m,
                    "Rosenbrock from (-1.2, 1), alpha = 1/50, " + std::to_string(steps) + " steps; last iterate " +
                        vec_text<M>(p.back()));
}

Verdict eps_hat_equivalence(int steps) {
  const Rosenbrock<M> f(2);
  AdamOptions<M> o;
  o.lr = M(1) / 50;
  o.eps = M(1) / 10;  // large enough to matter
  o.eps_hat = true;
  Adam<M> opt(o);
  const Vec<M> x0 = vec2(M(M(-6) / 5), M(1));
  const auto p = path<M>(f, opt, x0, steps);
  const auto q =
      algorithm1(f, x0, steps, o.lr, o.beta1, o.beta2, [&](int t) { return M(o.eps / sqrt(M(1 - power(o.beta2, t)))); });
  const auto [d, m] = difference<M>(p, q);
  return compare<M>("adam_forms",
                    "Kingma & Ba's eps-hat form, alpha_t m/(sqrt(v) + eps_hat) with alpha_t = alpha sqrt(1 - beta2^t)/(1 - "
                    "beta1^t), equals Algorithm 1 with eps_t = eps_hat/sqrt(1 - beta2^t)",
                    Kind::holds, d, Relation::eq, M(0), m,
                    "eps_hat = 1/10, alpha = 1/50, " + std::to_string(steps) + " steps on Rosenbrock");
}

Verdict eps_hat_differs(int steps) {
  const Rosenbrock<M> f(2);
  AdamOptions<M> o;
  o.lr = M(1) / 50;
  o.eps = M(1) / 10;
  o.eps_hat = true;
  Adam<M> opt(o);
  const Vec<M> x0 = vec2(M(M(-6) / 5), M(1));
  const auto p = path<M>(f, opt, x0, steps);
  const auto q = algorithm1(f, x0, steps, o.lr, o.beta1, o.beta2, [&](int) { return o.eps; });
  const auto [d, m] = difference<M>(p, q);
  Verdict v = compare<M>("adam_forms",
                         "the eps-hat form with eps_hat = eps equals Algorithm 1 with eps",
                         Expect::counterexample("eps_matched"), d, Relation::eq, M(0), m,
                         "eps = eps_hat = 1/10: the iterates differ by up to " + shown<M>(d) +
                             "; eps_hat acts on the uncorrected root, 1/sqrt(1 - beta2^t) (31.6 at t = 1) times less");
  return rule_out<M>(v, "eps_hat_unscaled", d, Relation::eq, M(0), m);
}

namespace {
// max over steps and coordinates of the increase of |Δx_i|/|m_i| from one step to the next
struct Increase {
  M worst;   // the largest increase
  int at;    // at which step
  M largest; // the largest scale times (|x| + |next|)/|step|: what the rounding of a scale is relative to
};
Increase scale_increase(AdamOptions<M> o, int steps) {
  const auto f = [] {
    Mat<M> A(2, 2);
    A << M(4), M(0), M(0), M(M(1) / 4);
    return Quadratic<M>(A, Vec<M>::Zero(2), M(0));
  }();
  Adam<M> opt(o);
  opt.reset(2);
  Vec<M> x = vec2(M(1), M(-2));
  Vec<M> last = Vec<M>::Constant(2, M(-1));
  M worst = -1, largest = 0;
  int at = -1;
  for (int t = 1; t <= steps; ++t) {
    const Vec<M> next = opt.step(f, x, f.gradient(x));
    for (int i = 0; i < 2; ++i) {
      const M step = abs_value<M>(M(next(i) - x(i)));
      const M scale = step / abs_value<M>(opt.first_moment()(i));
      // the step is read off as a difference of iterates: its rounding is relative to |x| + |next|
      largest = std::max<M>(largest, M(scale * (abs_value<M>(x(i)) + abs_value<M>(next(i))) / step));
      if (last(i) >= 0 && scale - last(i) > worst) {
        worst = scale - last(i);
        at = t;
      }
      last(i) = scale;
    }
    x = next;
  }
  return {worst, at, largest};
}
AdamOptions<M> reddi(bool amsgrad) {
  AdamOptions<M> o;
  o.lr = M(1) / 20;
  o.bias_correction = false;
  o.amsgrad = amsgrad;
  return o;
}
}  // namespace

Verdict amsgrad_scale_monotone(int steps) {
  const auto [worst, at, largest] = scale_increase(reddi(true), steps);
  return compare<M>("adam_forms",
                    "AMSGrad in Reddi et al.'s form (no bias correction): the scale |Delta x_i|/|m_i| = alpha/(sqrt(v_hat_i) "
                    "+ eps) never increases (lhs the largest increase from one step to the next)",
                    Kind::holds, worst, Relation::le, M(0), largest,
                    "(4x^2 + y^2/4)/2 from (1, -2), alpha = 1/20, " + std::to_string(steps) +
                        " steps of the library's AMSGrad (paper form): the scale is read off the step and the first "
                        "moment; v_hat = max(v_hat, v) makes it monotone");
}

Verdict adam_scale_increases(int steps) {
  const auto [worst, at, largest] = scale_increase(reddi(false), steps);
  return compare<M>("adam_forms",
                    "Adam without the max (and, like the AMSGrad run, without bias correction): the scale alpha/(sqrt(v_i) "
                    "+ eps) never increases",
                    Expect::counterexample("max"), worst, Relation::le, M(0), largest,
                    "the same run with v in place of v_hat: the scale grows by " + shown<M>(worst) + " at step " +
                        std::to_string(at) + " as the gradients shrink and v decays (Reddi et al.'s point: Adam's "
                        "effective step can grow, AMSGrad's cannot)");
}

// ---- plots ----

std::vector<std::vector<double>> first_steps(int T) {
  AdamOptions<M> with = defaults(M(0)), without = with;
  without.bias_correction = false;
  const std::vector<M> grads(static_cast<std::size_t>(T), M(1));
  const auto a = fed_steps(with, grads), b = fed_steps(without, grads);
  std::vector<std::vector<double>> rows;
  for (int t = 0; t < T; ++t)
    rows.push_back({double(t + 1), static_cast<double>(a[static_cast<std::size_t>(t)] / with.lr),
                    static_cast<double>(b[static_cast<std::size_t>(t)] / with.lr)});
  return rows;
}

std::vector<std::vector<double>> bound_curve(int T) {
  AdamOptions<M> o = defaults(M(0));
  o.lr = 1;
  const auto steps = fed_steps(o, growing(o, T));
  const double kingma = static_cast<double>((1 - o.beta1) / sqrt(M(1 - o.beta2)));
  std::vector<std::vector<double>> rows;
  for (int t = 1; t <= T; t += (t < 100 ? 1 : 10))
    rows.push_back({double(t), static_cast<double>(steps[static_cast<std::size_t>(t - 1)]),
                    static_cast<double>(step_bound(o.beta1, o.beta2, t)), kingma});
  return rows;
}

std::vector<std::pair<std::string, std::vector<std::vector<double>>>> rosenbrock_paths(int steps) {
  const Rosenbrock<double> f(2);
  Vec<double> x0(2);
  x0 << -1.2, 1.0;
  std::vector<std::pair<std::string, std::unique_ptr<Optimizer<double>>>> opts;
  AdamOptions<double> adam;
  adam.lr = 0.02;
  opts.emplace_back("Adam, alpha = 0.02", std::make_unique<Adam<double>>(adam));
  AdamOptions<double> w = adam;
  w.decay = WeightDecay::decoupled_pytorch;
  w.weight_decay = 0.5;
  opts.emplace_back("AdamW (PyTorch), alpha = 0.02, lambda = 0.5", std::make_unique<Adam<double>>(w));
  AdamOptions<double> ams = adam;
  ams.amsgrad = true;
  opts.emplace_back("AMSGrad, alpha = 0.02", std::make_unique<Adam<double>>(ams));
  opts.emplace_back("RMSProp, eta = 0.002", std::make_unique<RMSProp<double>>(0.002, 0.99, 1e-8));
  opts.emplace_back("AdaGrad, eta = 0.1", std::make_unique<AdaGrad<double>>(0.1, 1e-10));
  opts.emplace_back("GD, eta = 0.001", std::make_unique<GradientDescent<double>>(0.001));
  std::vector<std::pair<std::string, std::vector<std::vector<double>>>> out;
  for (auto& [name, opt] : opts) {
    const auto xs = path<double>(f, *opt, x0, steps);
    std::vector<std::vector<double>> rows;
    for (const auto& x : xs) rows.push_back({x(0), x(1)});
    out.emplace_back(name, std::move(rows));
  }
  return out;
}

}  // namespace descent::claims::adam

// ---- the claims of lesson 12_adam that this file checks: their entries in the claim index
// (claim.hpp), registered here beside their checks (registry.cpp collects every file's)
namespace descent::claims {
std::vector<ClaimInfo> claims_of_adam_checks() {
  return {
      {"adam_first_step", "12_adam",
       R"(\hat m_1=g,\ \hat v_1=g^2:\ |\Delta x_{1,i}|=\frac{\alpha|g_i|}{|g_i|+\varepsilon} \ (=\alpha \text{ for } \varepsilon=0);\ \text{without bias correction } \frac{1-\beta_1}{\sqrt{1-\beta_2}}\,\alpha \text{ for } \varepsilon=0)",
       {{"bias_correction", R"(m_t,\ v_t \text{ divided by } 1-\beta_1^t,\ 1-\beta_2^t)"}},
       "Kingma & Ba (2015), Algorithm 1 and sec. 3; seed 003 (Adam); erratum: seed 003's Adam has no bias correction",
       {{"corrected_first_moment_only", R"(\text{correcting } m_t \text{ alone: } |\Delta x_{1}|=\alpha \text{ for } \varepsilon=0)"}}},
      {"adam_step_bound", "12_adam",
       R"(\varepsilon=0,\ q=\beta_1^2/\beta_2<1:\ \frac{|\Delta_t|}{\alpha}\le\frac{1-\beta_1}{1-\beta_1^t}\sqrt{(1-\beta_2^t)(1-q^t)\,/\,\big((1-\beta_2)(1-q)\big)},\ \text{equality for } g_{t-j}\propto(\beta_1/\beta_2)^j;\ \text{sparse gradients: } |\Delta_t|\le\alpha\max\big(1,\tfrac{1-\beta_1}{\sqrt{1-\beta_2}}\big) \text{ (Kingma \& Ba's two bounds, which the paper states for any gradients)};\ \text{AdaMax: } \frac{|\Delta_t|}{\alpha}\le\frac{(1-\beta_1)(1-(\beta_1/\beta_2)^t)}{(1-\beta_1^t)(1-\beta_1/\beta_2)},\ \text{equality for } g_s\propto\beta_2^s)",
       {{"sparse", R"(g_s=0 \text{ for } s<t \text{ (Kingma \& Ba's most severe sparsity)})"},
        {"beta_order", R"(\beta_1^2<\beta_2)"}},
       "Kingma & Ba (2015), sec. 2.1 (the effective step size and its two upper bounds) and sec. 7.1 (AdaMax); disputed "
       "before: math.stackexchange question 3325577 (2019)",
       {{"adamax_alpha", R"(\text{AdaMax: } |\Delta_t|\le\alpha \text{ (Kingma \& Ba, sec. 7.1)})"},
        {"bound_sqrt_q_dropped", R"(\frac{|\Delta_t|}{\alpha}\le\frac{1-\beta_1}{1-\beta_1^t}\sqrt{\frac{1-\beta_2^t}{1-\beta_2}})"}}},
      {"adamw_decoupled", "12_adam",
       R"(\text{SGD: } x-\alpha\nabla f-\lambda x = \text{GD on } f+\tfrac{\lambda}{2\alpha}\|x\|^2;\ \text{Adam: decoupled decay is not L2};\ \text{PyTorch's AdamW } x(1-\alpha\lambda)-\alpha\,\hat m/(\sqrt{\hat v}+\varepsilon) \text{ is Algorithm 2 with } \lambda_{paper}=\alpha\lambda)",
       {{"linear_step", R"(\text{the step is linear in the gradient (SGD)})"}},
       "Loshchilov & Hutter (2019), Algorithm 2 and Prop. 1; torch.optim.AdamW; seed 003 (Adam W)",
       {{"decay_with_initial_lr", R"(\text{under a schedule PyTorch's AdamW decays by } x(1-\alpha_0\lambda) \text{ (the initial rate)})"}}},
      {"adam_forms", "12_adam",
       R"(\text{PyTorch's order} = \text{Algorithm 1};\ \alpha_t\frac{m_t}{\sqrt{v_t}+\hat\varepsilon},\ \alpha_t=\alpha\frac{\sqrt{1-\beta_2^t}}{1-\beta_1^t} = \text{Algorithm 1 with } \varepsilon_t=\frac{\hat\varepsilon}{\sqrt{1-\beta_2^t}};\ \text{AMSGrad's } \alpha/(\sqrt{\hat v_t}+\varepsilon) \text{ never increases})",
       {{"eps_matched", R"(\hat\varepsilon=\varepsilon_t\sqrt{1-\beta_2^t})"}, {"max", R"(\hat v_t=\max(\hat v_{t-1},v_t))"}},
       "Kingma & Ba (2015), end of sec. 2; Reddi, Kale & Kumar (2018), Algorithm 2; torch.optim.Adam",
       {{"eps_hat_unscaled", R"(\alpha_t\frac{m_t}{\sqrt{v_t}+\hat\varepsilon} = \text{Algorithm 1 with } \varepsilon_t=\hat\varepsilon)"}},
       "the only inequality is AMSGrad's monotonicity, a sign (the scale alpha/(sqrt(v_hat) + eps) never increases: its "
       "largest change from one step to the next is <= 0, equal to 0 on every step where v_hat is unchanged); the other "
       "statements are identities between forms, checked as equalities"},
  };
}
}  // namespace descent::claims
