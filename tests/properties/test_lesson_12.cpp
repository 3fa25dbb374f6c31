// RapidCheck properties of lesson 12 (Adam and AdamW) over random instances at 30 digits
// (exact for SGD's weight decay). The papers' formulas are written out here — Algorithm 1 with
// m̂ and v̂, Loshchilov & Hutter's Algorithm 2, the Cauchy–Schwarz bound — and compared with the
// library's Adam; the lesson's own checks are asserted as well, including their counterexamples.
#include <catch2/catch.hpp>
#include <rapidcheck/catch.h>

#include <algorithm>
#include <vector>

#include "adam_checks.hpp"
#include "descent/optimizers/adam.hpp"
#include "generators.hpp"
#include "verdict_asserts.hpp"

using namespace descent;
using namespace descent::claims;
using namespace descent::testing;

namespace {
constexpr int adam_digits = 30;
using M = Mpfr;

Quadratic<M> random_quadratic(int n) {
  const auto spectrum = draw_spectrum(n, 1, 400, 4);
  const Mat<Q> R = draw_rotation(n);
  Mat<Q> D = Mat<Q>::Zero(n, n);
  for (int i = 0; i < n; ++i) D(i, i) = spectrum[static_cast<std::size_t>(i)];
  return Quadratic<M>(convert<M>(Mat<Q>(R * D * R.transpose())), convert<M>(draw_vec("b", n, -10, 11, 4)), M(0));
}
AdamOptions<M> random_options() {
  AdamOptions<M> o;
  o.lr = from_rational<M>(draw_q("alpha", 1, 100, 1000));
  o.beta1 = from_rational<M>(draw_q("beta1", 0, 100, 100));
  o.beta2 = from_rational<M>(draw_q("beta2", 1, 1000, 1000));
  o.eps = from_rational<M>(draw_q("eps", 0, 100, 10000));
  return o;
}
// Algorithm 1 (with an optional decoupled decay λ_paper), written out
std::vector<Vec<M>> algorithm1(const Problem<M>& f, const AdamOptions<M>& o, const Vec<M>& x0, int steps,
                               const M& lambda_paper = M(0)) {
  std::vector<Vec<M>> xs{x0};
  Vec<M> m = Vec<M>::Zero(x0.size()), v = Vec<M>::Zero(x0.size());
  for (int t = 1; t <= steps; ++t) {
    const Vec<M> x = xs.back(), g = f.gradient(x);
    Vec<M> next = x;
    for (int i = 0; i < x.size(); ++i) {
      m(i) = o.beta1 * m(i) + (1 - o.beta1) * g(i);
      v(i) = o.beta2 * v(i) + (1 - o.beta2) * g(i) * g(i);
      const M mh = m(i) / (1 - power(o.beta1, t)), vh = v(i) / (1 - power(o.beta2, t));
      next(i) = x(i) - o.lr * mh / (sqrt(vh) + o.eps) - lambda_paper * x(i);
    }
    xs.push_back(next);
  }
  return xs;
}
}  // namespace

TEST_CASE("adam_first_step: lesson", "[adam_first_step]") {
  const descent::ScopedDigits scoped_digits(adam_digits);
  for (const auto& v : {adam::first_step_size(), adam::first_step_is_lr(), adam::uncorrected_not_lr(),
                        adam::uncorrected_ratio(), adam::uncorrected_constant_gradient(100), adam::seed003_adam(),
                        adam::nadam_first_step()})
    CHECK_VERDICT(v);
}

TEST_CASE("adam_first_step: NAdam's first two steps follow Dozat's Algorithm 2", "[adam_first_step]") {
  rc::prop("random betas, psi, lr and gradients (eps = 0): step 1 is lr (1 + mu_2 (1 - b1)/(1 - mu_1 mu_2)) per coordinate, "
           "step 2 the algorithm's m_bar/sqrt(n_hat)",
           [] {
             const auto scoped_digits = compute_for(adam_digits);
             NAdamOptions<M> o;
             o.lr = from_rational<M>(draw_q("lr", 1, 101, 1000));
             o.beta1 = from_rational<M>(draw_q("beta1", 1, 99, 100));
             o.beta2 = from_rational<M>(draw_q("beta2", 1, 999, 1000));
             o.momentum_decay = from_rational<M>(draw_q("psi", 0, 101, 100));
             o.eps = 0;
             const int n = *rc::gen::inRange(1, 4).as("n");
             const Vec<M> g1 = convert<M>(draw_vec("g1", n, -1000, 1001, 97)), g2 = convert<M>(draw_vec("g2", n, -1000, 1001, 97));
             const Quadratic<M> dummy(Mat<M>::Identity(n, n), Vec<M>::Zero(n), M(0));
             NAdam<M> a(o);
             a.reset(n);
             const Vec<M> x0 = Vec<M>::Zero(n);
             const Vec<M> x1 = a.step(dummy, x0, g1), x2 = a.step(dummy, x1, g2);
             auto mu = [&](int t) { return M(o.beta1 * (1 - pow(M(96) / 100, t * o.momentum_decay) / 2)); };
             for (int i = 0; i < n; ++i) {
               if (g1(i) == 0) continue;
               RC_ASSERT(close30(abs(x1(i)), M(o.lr * (1 + mu(2) * (1 - o.beta1) / (1 - mu(1) * mu(2)))), o.lr));
               // step 2 from the paper: m_bar = (1 - mu_2) g_hat + mu_3 m_hat, g_hat = g/(1 - mu_1 mu_2),
               // m_hat = m/(1 - mu_1 mu_2 mu_3), n_hat = v/(1 - b2^2)
               const M m = o.beta1 * (1 - o.beta1) * g1(i) + (1 - o.beta1) * g2(i);
               const M v = o.beta2 * (1 - o.beta2) * g1(i) * g1(i) + (1 - o.beta2) * g2(i) * g2(i);
               const M m_bar = (1 - mu(2)) * g2(i) / (1 - mu(1) * mu(2)) + mu(3) * m / (1 - mu(1) * mu(2) * mu(3));
               const M expected = x1(i) - o.lr * m_bar / sqrt(M(v / (1 - o.beta2 * o.beta2)));
               RC_ASSERT(close30(x2(i), expected, M(o.lr * 4)));
             }
           });
}

TEST_CASE("adam_first_step: random", "[adam_first_step]") {
  rc::prop("the first step is alpha|g|/(|g| + eps); uncorrected (1 - b1)alpha|g|/(sqrt(1 - b2)|g| + eps)", [] {
    const auto scoped_digits = compute_for(adam_digits);
    AdamOptions<M> o = random_options();
    const int n = *rc::gen::inRange(1, 5).as("n");
    const Vec<M> g = convert<M>(draw_vec("g", n, -1000, 1001, 97));
    const Quadratic<M> dummy(Mat<M>::Identity(n, n), Vec<M>::Zero(n), M(0));
    Adam<M> a(o);
    a.reset(n);
    const Vec<M> x0 = Vec<M>::Zero(n);
    const Vec<M> da = a.step(dummy, x0, g);
    o.bias_correction = false;
    Adam<M> b(o);
    b.reset(n);
    const Vec<M> db = b.step(dummy, x0, g);
    for (int i = 0; i < n; ++i) {
      const M ag = abs(g(i));
      const M with = ag + o.eps == 0 ? M(0) : M(o.lr * ag / (ag + o.eps));
      const M denom = sqrt(M(1 - o.beta2)) * ag + o.eps;
      const M without = denom == 0 ? M(0) : M(o.lr * (1 - o.beta1) * ag / denom);
      RC_ASSERT(close30(abs(da(i)), with, o.lr));
      RC_ASSERT(close30(abs(db(i)), without, o.lr));
    }
  });
}

TEST_CASE("adam_step_bound: lesson", "[adam_step_bound]") {
  const descent::ScopedDigits scoped_digits(adam_digits);
  for (const auto& v : {adam::growing_gradients_attain(Q(9, 10), Q(999, 1000), 300), adam::random_gradients_below(200),
                        adam::sparse_approaches(10000), adam::kingma_bound_exceeded(1000), adam::kingma_alpha_exceeded(1000),
                        adam::unbounded_without_order(60)})
    CHECK_VERDICT(v);
}

TEST_CASE("adam_step_bound: random", "[adam_step_bound]") {
  rc::prop("growing gradients attain the bound for random beta1^2 < beta2", [] {
    const auto scoped_digits = compute_for(adam_digits);
    const Q b1 = draw_q("beta1", 1, 100, 100);
    const int b2 = *rc::gen::suchThat(rc::gen::inRange(1, 1000), [&](int k) { return b1 * b1 < Q(k, 1000); }).as("beta2 * 1000");
    const int T = *rc::gen::inRange(1, 200).as("T");
    RC_ASSERT_VERDICT(adam::growing_gradients_attain(b1, Q(b2, 1000), T));
  });
  rc::prop("random gradient sequences stay below the bound, recomputed here", [] {
    const auto scoped_digits = compute_for(adam_digits);
    AdamOptions<M> o;
    o.lr = 1;
    o.eps = 0;
    o.beta1 = from_rational<M>(draw_q("beta1", 0, 100, 100));
    o.beta2 = *rc::gen::suchThat(rc::gen::inRange(1, 1000), [&](int k) { return o.beta1 * o.beta1 < M(k) / 1000; })
                   .as("beta2 * 1000") /
              M(1000);
    const auto gs = *rc::gen::container<std::vector<int>>(rc::gen::inRange(-1000, 1001)).as("gradients");
    RC_PRE(!gs.empty());
    const Quadratic<M> dummy(Mat<M>::Identity(1, 1), Vec<M>::Zero(1), M(0));
    Adam<M> a(o);
    a.reset(1);
    Vec<M> x = Vec<M>::Zero(1);
    const M q = o.beta1 * o.beta1 / o.beta2;
    for (std::size_t t = 1; t <= gs.size(); ++t) {
      const Vec<M> next = a.step(dummy, x, Vec<M>::Constant(1, M(gs[t - 1])));
      const int ti = static_cast<int>(t);
      const M bound = (1 - o.beta1) / (1 - power(o.beta1, ti)) *
                      sqrt(M((1 - power(o.beta2, ti)) * (1 - power(q, ti)) / ((1 - o.beta2) * (1 - q))));
      RC_ASSERT(abs(M(next(0) - x(0))) <= bound * (1 + M(64) * pow(M(10), -29)) + M(64) * pow(M(10), -29) * abs(x(0)));
      x = next;
    }
  });
}

TEST_CASE("adamw_decoupled: lesson", "[adamw_decoupled]") {
  const descent::ScopedDigits scoped_digits(adam_digits);
  for (const auto& v : {adam::sgd_decay_is_l2(20), adam::adam_l2_is_not_adamw(100), adam::pytorch_adamw_is_paper(100),
                        adam::forms_agree_under_schedule(100)})
    CHECK_VERDICT(v);
}

TEST_CASE("adamw_decoupled: random", "[adamw_decoupled]") {
  rc::prop("PyTorch's AdamW = Algorithm 2 with lambda_paper = alpha lambda; both forms agree (100 digits)", [] {
    const auto scoped_digits = compute_for(100);  // a convention equivalence: compared at 100 digits
    const int n = *rc::gen::inRange(1, 4).as("n");
    const auto f = random_quadratic(n);
    AdamOptions<M> o = random_options();
    o.decay = WeightDecay::decoupled_pytorch;
    o.weight_decay = from_rational<M>(draw_q("lambda", 0, 100, 100));
    const Vec<M> x0 = convert<M>(draw_vec("x0", n, -20, 21, 4));
    const int steps = *rc::gen::inRange(1, 30).as("steps");
    Adam<M> torch(o);
    const auto p = stepped<M>(f, torch, x0, steps);
    const auto q = algorithm1(f, o, x0, steps, M(o.lr * o.weight_decay));
    RC_ASSERT(close_at(max_diff(p, q), M(0), max_abs(q), 100));
    AdamOptions<M> paper = o;
    paper.decay = WeightDecay::decoupled_paper;
    paper.weight_decay = o.lr * o.weight_decay;
    Adam<M> pp(paper);
    RC_ASSERT(close_at(max_diff(stepped<M>(f, pp, x0, steps), q), M(0), max_abs(q), 100));
  });
  rc::prop("SGD with decoupled decay is GD on f + lambda/(2 alpha)|x|^2 (exact)", [] {
    const int n = *rc::gen::inRange(1, 4).as("n");
    const auto spectrum = draw_spectrum(n, 1, 40, 4);
    const Mat<Q> R = draw_rotation(n);
    Mat<Q> D = Mat<Q>::Zero(n, n);
    for (int i = 0; i < n; ++i) D(i, i) = spectrum[static_cast<std::size_t>(i)];
    const Mat<Q> A = R * D * R.transpose();
    const Vec<Q> b = draw_vec("b", n, -10, 11, 4), x0 = draw_vec("x0", n, -10, 11, 2);
    const Q alpha = draw_q("alpha", 1, 20, 100), lambda = draw_q("lambda", 0, 20, 100);
    const Quadratic<Q> f(A, b, Q(0)), f_l2(Mat<Q>(A + (lambda / alpha) * Mat<Q>::Identity(n, n)), b, Q(0));
    GradientDescent<Q> gd(alpha);
    const auto l2 = stepped<Q>(f_l2, gd, x0, 8);
    Vec<Q> x = x0;
    for (int k = 1; k <= 8; ++k) {
      x = x - alpha * f.gradient(x) - lambda * x;
      RC_ASSERT(Vec<Q>(l2[static_cast<std::size_t>(k)]) == x);
    }
  });
}

TEST_CASE("adam_forms: lesson", "[adam_forms]") {
  const descent::ScopedDigits scoped_digits(adam_digits);
  for (const auto& v : {adam::pytorch_is_algorithm1(100), adam::eps_hat_equivalence(100), adam::eps_hat_differs(100),
                        adam::amsgrad_scale_monotone(100), adam::adam_scale_increases(100)})
    CHECK_VERDICT(v);
}

TEST_CASE("adam_forms: random", "[adam_forms]") {
  rc::prop("the library's Adam (PyTorch's order) equals Algorithm 1 written out (100 digits)", [] {
    const auto scoped_digits = compute_for(100);  // a convention equivalence: compared at 100 digits
    const int n = *rc::gen::inRange(1, 4).as("n");
    const auto f = random_quadratic(n);
    AdamOptions<M> o = random_options();
    const Vec<M> x0 = convert<M>(draw_vec("x0", n, -20, 21, 4));
    const int steps = *rc::gen::inRange(1, 30).as("steps");
    Adam<M> a(o);
    const auto p = stepped<M>(f, a, x0, steps), q = algorithm1(f, o, x0, steps);
    RC_ASSERT(close_at(max_diff(p, q), M(0), max_abs(q), 100));
  });
  rc::prop("AMSGrad's v_hat makes alpha/(sqrt(v_hat) + eps) non-increasing: |step| <= alpha |m|/(sqrt(max v) + eps)", [] {
    const auto scoped_digits = compute_for(adam_digits);
    const int n = *rc::gen::inRange(1, 4).as("n");
    const auto f = random_quadratic(n);
    AdamOptions<M> o = random_options();
    o.amsgrad = true;
    o.bias_correction = false;
    const Vec<M> x0 = convert<M>(draw_vec("x0", n, -20, 21, 4));
    Adam<M> a(o);
    a.reset(n);
    Vec<M> x = x0, vmax = Vec<M>::Zero(n);
    for (int t = 1; t <= 20; ++t) {
      const Vec<M> next = a.step(f, x, f.gradient(x));
      for (int i = 0; i < n; ++i) {
        vmax(i) = std::max<M>(vmax(i), a.second_moment()(i));
        const M expected = sqrt(vmax(i)) + o.eps == 0 ? M(0) : M(o.lr * a.first_moment()(i) / (sqrt(vmax(i)) + o.eps));
        RC_ASSERT(close30(M(x(i) - next(i)), expected, M(abs(x(i)) + abs(next(i)))));
      }
      x = next;
    }
  });
}
