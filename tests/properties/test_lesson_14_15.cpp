// RapidCheck properties of lessons 14 (stochastic gradients) and 15 (computing gradients), in exact
// rational arithmetic: random data sets, networks, weights, batch sizes and steps. The expected values
// are written out here (means over examples, enumerations over draws, the moment recursion, the
// variance formulas, partial derivatives by reverse-mode AD of the generic loss), not taken from the
// lessons' code.
#include <catch2/catch.hpp>
#include <rapidcheck/catch.h>

#include <functional>
#include <set>
#include <vector>

#include "backprop_checks.hpp"
#include "descent/autodiff/gradient.hpp"
#include "descent/autodiff/twin.hpp"
#include "descent/optimizers/sgd.hpp"
#include "descent/problems/mlp.hpp"
#include "descent/problems/test_functions.hpp"
#include "generators.hpp"
#include "sgd_checks.hpp"
#include "verdict_asserts.hpp"

using namespace descent;
using namespace descent::claims;
using namespace descent::testing;

namespace {
Q vmax(const Vec<Q>& a, const Vec<Q>& b) {
  Q m = 0;
  for (int i = 0; i < a.size(); ++i) m = std::max<Q>(m, abs_value(Q(a(i) - b(i))));
  return m;
}
// A random line fit (one input and a bias, mean of squares) on K examples.
Mlp<Q> random_line_fit(int K) {
  MlpShape s;
  s.sizes = {1, 1};
  s.output = Activation::identity;
  return Mlp<Q>(s, Mat<Q>(draw_vec("x", K, -20, 21, 4)), Mat<Q>(draw_vec("d", K, -20, 21, 4)));
}
// A random polynomial network: 1 to 3 layers of 1 to 3 units, square or identity activations.
Mlp<Q> random_poly_net(int K) {
  MlpShape s;
  const int layers = *rc::gen::inRange(1, 4).as("layers");
  s.sizes.push_back(*rc::gen::inRange(1, 4).as("inputs"));
  for (int k = 0; k < layers; ++k) s.sizes.push_back(*rc::gen::inRange(1, 4).as("units"));
  s.hidden = *rc::gen::element(Activation::square, Activation::identity).as("hidden");
  s.output = *rc::gen::element(Activation::square, Activation::identity).as("output");
  s.bias = *rc::gen::arbitrary<bool>().as("bias");
  Mat<Q> X(K, s.sizes.front()), D(K, s.sizes.back());
  for (int t = 0; t < K; ++t) {
    X.row(t) = draw_vec("x", s.sizes.front(), -8, 9, 4).transpose();
    D.row(t) = draw_vec("d", s.sizes.back(), -8, 9, 4).transpose();
  }
  return Mlp<Q>(s, X, D);
}
}  // namespace

// ---- lesson 14 ----

TEST_CASE("sgd_unbiased: lesson", "[sgd_unbiased]") {
  for (const auto& v : {sgd::per_example_unbiased(), sgd::minibatch_unbiased(), sgd::expected_step_is_gd_step(),
                        sgd::sum_loss_biased()})
    CHECK_VERDICT(v);
}

TEST_CASE("sgd_unbiased: random", "[sgd_unbiased]") {
  rc::prop("mean of example gradients = AD gradient of the mean; of a sum: gradient/K", [] {
    const int K = *rc::gen::inRange(2, 7).as("K");
    const Mlp<Q> f = random_poly_net(K);
    const Vec<Q> theta = draw_vec("theta", f.dimension(), -8, 9, 4);
    Vec<Q> mean = Vec<Q>::Zero(theta.size());
    for (int t = 0; t < K; ++t) mean += f.example_gradient(t, theta) / Q(K);
    RC_ASSERT(vmax(mean, autodiff::ad_twin<Q>(f)->gradient(theta)) == 0);
    Mat<Q> Phi(2, K);
    Phi.row(0) = draw_vec("phi", K, -8, 9, 2).transpose();
    Phi.row(1) = Vec<Q>::Ones(K).transpose();
    const LeastSquares<Q> L(Phi, draw_vec("y", K, -8, 9, 2));
    const Vec<Q> w = draw_vec("w", 2, -8, 9, 2);
    Vec<Q> m2 = Vec<Q>::Zero(2);
    for (int t = 0; t < K; ++t) m2 += L.example_gradient(t, w) / Q(K);
    RC_ASSERT(vmax(Vec<Q>(Q(K) * m2), autodiff::ad_twin<Q>(L)->gradient(w)) == 0);
  });
}

TEST_CASE("sgd_epoch: lesson", "[sgd_epoch]") {
  for (const auto& v : {sgd::epoch_single(), sgd::epoch_batches(), sgd::replacement_misses()}) CHECK_VERDICT(v);
}

TEST_CASE("sgd_epoch: random", "[sgd_epoch]") {
  rc::prop("two shuffled epochs: ceil(K/B) updates each, every example once per epoch, K evaluations", [] {
    const int K = *rc::gen::inRange(1, 30).as("K");
    const int B = *rc::gen::inRange(1, K + 1).as("B");
    const Mlp<Q> f = random_line_fit(K);
    SgdOptions o;
    o.batch = B;
    o.seed = *rc::gen::inRange<std::uint64_t>(0, 1000000).as("seed");
    Sgd<Q> sgd(Q(1, 100), o);
    sgd.reset(2);
    Vec<Q> x = Vec<Q>::Zero(2);
    const long long u = (K + B - 1) / B;
    for (int epoch = 0; epoch < 2; ++epoch) {
      std::multiset<int> seen;
      for (long long k = 0; k < u; ++k) {
        x = sgd.step(f, x, x);
        const auto& b = sgd.last_batch();
        RC_ASSERT(static_cast<long long>(b.size()) == (k + 1 < u ? B : K - B * (u - 1)));
        seen.insert(b.begin(), b.end());
      }
      for (int i = 0; i < K; ++i) RC_ASSERT(seen.count(i) == 1u);
    }
    RC_ASSERT(sgd.evaluations() == 2LL * K);
  });
}

TEST_CASE("sgd_twenty_times: lesson", "[sgd_twenty_times]") {
  for (const auto& v : {sgd::early_progress(), sgd::twenty_times_refuted()}) CHECK_VERDICT(v);
}

TEST_CASE("sgd_noise_floor: lesson", "[sgd_noise_floor]") {
  for (const auto& v : {sgd::moments_match_recursion(Q(1, 50)), sgd::floor_approached(Q(1, 50)),
                        sgd::floor_measured(Q(1, 50), 100000), sgd::floor_shuffled(Q(1, 50), 100000)})
    CHECK_VERDICT(v);
}

TEST_CASE("sgd_noise_floor: random", "[sgd_noise_floor]") {
  rc::prop("the lesson's exact checks for random eta", [] {
    const Q eta = draw_q("eta", 1, 11, 100);
    RC_ASSERT_VERDICT(sgd::moments_match_recursion(eta));
    RC_ASSERT_VERDICT(sgd::floor_approached(eta));
  });
  rc::prop("random 1-D data: E[e_t^2] over all K^t sequences of the library's steps = the moment recursion", [] {
    const int K = *rc::gen::inRange(2, 4).as("K");
    MlpShape s;
    s.sizes = {1, 1};
    s.output = Activation::identity;
    s.bias = false;
    const Vec<Q> a = draw_vec("a", K, 1, 9, 2), y = draw_vec("y", K, -8, 9, 2);
    const Mlp<Q> f(s, Mat<Q>(a), Mat<Q>(y));
    const Q eta = draw_q("eta", 1, 5, 100);
    const Q wstar = a.dot(y) / a.squaredNorm();
    Q m2 = 0, m4 = 0, ar = 0, a3r = 0, C = 0;
    for (int i = 0; i < K; ++i) {
      const Q r = a(i) * wstar - y(i);
      m2 += a(i) * a(i) / K;
      m4 += a(i) * a(i) * a(i) * a(i) / K;
      ar += a(i) * r / K;
      a3r += a(i) * a(i) * a(i) * r / K;
      C += a(i) * a(i) * r * r / K;
    }
    const int T = 4;
    std::vector<Q> second(T + 1, Q(0));
    Q weight = 1;
    std::function<void(const Q&, int, const Q&)> walk = [&](const Q& w, int t, const Q& p) {
      second[std::size_t(t)] += p * (w - wstar) * (w - wstar);
      if (t == T) return;
      for (int i = 0; i < K; ++i) walk(Q(w - eta * f.batch_gradient({i}, scalar_vec<Q>(w))(0)), t + 1, Q(p / K));
    };
    walk(Q(0), 0, weight);
    Q mean = -wstar, sec = wstar * wstar;
    for (int t = 1; t <= T; ++t) {
      const Q A = 1 - 4 * eta * m2 + 4 * eta * eta * m4, B = ar - 2 * eta * a3r;
      const Q nm = (1 - 2 * eta * m2) * mean - 2 * eta * ar;
      sec = A * sec - 4 * eta * B * mean + 4 * eta * eta * C;
      mean = nm;
      RC_ASSERT(second[std::size_t(t)] == sec);
    }
  });
}

TEST_CASE("sgd_decaying: lesson", "[sgd_decaying]") {
  for (const auto& v : {sgd::decaying_converges(10000), sgd::decaying_measured(200, 2000), sgd::constant_step_stalls(10000),
                        sgd::summable_steps_stop(10000)})
    CHECK_VERDICT(v);
}

TEST_CASE("sgd_minibatch_variance: lesson", "[sgd_minibatch_variance]") {
  for (const auto& v : {sgd::variance_with_replacement(), sgd::variance_without_replacement(), sgd::finite_population()})
    CHECK_VERDICT(v);
}

TEST_CASE("sgd_minibatch_variance: random", "[sgd_minibatch_variance]") {
  rc::prop("with replacement sigma^2/B over all K^B draws; without, sigma^2 (K - B)/(B (K - 1)) over all subsets", [] {
    const int K = *rc::gen::inRange(2, 6).as("K");
    const int B = *rc::gen::inRange(1, std::min(K, 3) + 1).as("B");
    const Mlp<Q> f = random_line_fit(K);
    const Vec<Q> th = draw_vec("theta", 2, -8, 9, 4);
    Vec<Q> mean = Vec<Q>::Zero(2);
    for (int t = 0; t < K; ++t) mean += f.example_gradient(t, th) / Q(K);
    Q sigma2 = 0;
    for (int t = 0; t < K; ++t) sigma2 += Vec<Q>(f.example_gradient(t, th) - mean).squaredNorm() / Q(K);
    Q with = 0, without = 0;
    long n_with = 0, n_without = 0;
    std::vector<int> pick;
    std::function<void()> all = [&] {
      if (static_cast<int>(pick.size()) == B) {
        with += Vec<Q>(f.batch_gradient(pick, th) - mean).squaredNorm();
        ++n_with;
        if (std::set<int>(pick.begin(), pick.end()).size() == pick.size() && std::is_sorted(pick.begin(), pick.end())) {
          without += Vec<Q>(f.batch_gradient(pick, th) - mean).squaredNorm();
          ++n_without;
        }
        return;
      }
      for (int i = 0; i < K; ++i) {
        pick.push_back(i);
        all();
        pick.pop_back();
      }
    };
    all();
    RC_ASSERT(with / Q(n_with) == sigma2 / Q(B));
    RC_ASSERT(without / Q(n_without) == sigma2 * Q(K - B) / (Q(B) * Q(K - 1)));
  });
}

// ---- lesson 15 ----

TEST_CASE("backprop_recap: lesson", "[backprop_recap]") {
  for (const auto& v : {backprop::weight_gradient(), backprop::bias_gradient(), backprop::chain_to_previous_layer()})
    CHECK_VERDICT(v);
}

TEST_CASE("backprop_recap: random", "[backprop_recap]") {
  rc::prop("y_(k-1) grad_(z_k) Div at (j, i) and grad_(z_k) Div are AD's partials in W_k and b_k", [] {
    const Mlp<Q> f = random_poly_net(2);
    const Vec<Q> theta = draw_vec("theta", f.dimension(), -8, 9, 4);
    const int t = *rc::gen::inRange(0, 2).as("example");
    const LayerGradients<Q> r = f.backward(t, theta);
    const Vec<Q> g = autodiff::gradient<Q>(
                         [&](const auto& v) {
                           using T = std::decay_t<decltype(v[0])>;
                           return mlp_divergence<T, Q>(f.shape(), v, f.X(), f.D(), t);
                         },
                         theta)
                         .second;
    const auto& s = f.shape();
    for (int k = 1; k <= s.layers(); ++k) {
      const int rows = s.sizes[std::size_t(k)], cols = s.sizes[std::size_t(k - 1)];
      for (int i = 0; i < rows; ++i) {
        for (int j = 0; j < cols; ++j) RC_ASSERT(r.grad_W[std::size_t(k)](j, i) == g(s.weight_offset(k) + i * cols + j));
        if (s.bias) RC_ASSERT(r.grad_z[std::size_t(k)](i) == g(s.bias_offset(k) + i));
      }
    }
  });
}

TEST_CASE("backprop_poll0: lesson", "[backprop_poll0]") {
  rc::prop("the lesson's checks for random eta", [] {
    const Q eta = draw_q("eta", 1, 1000, 100);
    RC_ASSERT_VERDICT(backprop::option1_notes_convention(eta));
    RC_ASSERT_VERDICT(backprop::option4_column_convention());
    RC_ASSERT_VERDICT(backprop::option1_without_transpose(eta));
  });
}

TEST_CASE("training_loop: lesson", "[training_loop]") {
  rc::prop("seed 002's loop is GD for random eta, and as written stops after one pass", [] {
    const Q eta = draw_q("eta", 1, 1000, 100);
    RC_ASSERT_VERDICT(backprop::notes_loop_is_gd(eta));
    RC_ASSERT_VERDICT(backprop::loop_stops_at_once(eta));
  });
}

TEST_CASE("autodiff_modes: lesson", "[autodiff_modes]") {
  for (const auto& v : {backprop::backprop_equals_reverse(), backprop::forward_equals_reverse(),
                        backprop::exact_finite_differences(), backprop::library_exact(), backprop::library_transcendental(),
                        backprop::relu_kink()})
    CHECK_VERDICT(v);
}

TEST_CASE("autodiff_modes: random", "[autodiff_modes]") {
  rc::prop("random polynomial networks: backward pass = reverse mode = forward mode, exactly", [] {
    const Mlp<Q> f = random_poly_net(*rc::gen::inRange(1, 4).as("K"));
    const Vec<Q> theta = draw_vec("theta", f.dimension(), -8, 9, 4);
    const auto twin = autodiff::ad_twin<Q>(f);
    const Vec<Q> rev = twin->gradient(theta);
    RC_ASSERT(vmax(f.gradient(theta), rev) == 0);
    RC_ASSERT(vmax(twin->forward_gradient(theta), rev) == 0);
  });
  rc::prop("the library's rational problems: hand-written gradient and Hessian = the AD twin at random points", [] {
    const Vec<Q> x3 = draw_vec("x", 3, -20, 21, 4);
    std::vector<std::unique_ptr<Problem<Q>>> ps;
    ps.push_back(std::make_unique<Rosenbrock<Q>>(3));
    ps.push_back(std::make_unique<Huber<Q>>(3, draw_q("delta", 1, 20, 4), draw_q("L", 1, 20, 4)));
    for (const auto& p : ps) {
      const auto twin = autodiff::ad_twin<Q>(*p);
      RC_ASSERT(vmax(p->gradient(x3), twin->gradient(x3)) == 0);
      RC_ASSERT((p->hessian(x3) - twin->hessian(x3)).cwiseAbs().maxCoeff() == 0);
    }
    const Lessard<Q> l(draw_q("mu", 1, 10, 1), Q(25));
    const Vec<Q> x1 = draw_vec("x", 1, -20, 21, 4);
    const auto tw = autodiff::ad_twin<Q>(l);
    RC_ASSERT(l.gradient(x1)(0) == tw->gradient(x1)(0));
    RC_ASSERT(l.hessian(x1)(0, 0) == tw->hessian(x1)(0, 0));
  });
}

TEST_CASE("fd_certified: lesson", "[fd_certified]") {
  for (const auto& v : {backprop::certified_bound(Q(1, 10000000000LL)), backprop::hundred_digits(),
                        backprop::bound_attained_cubic(), backprop::kink_in_segment()})
    CHECK_VERDICT(v);
}

TEST_CASE("fd_certified: random", "[fd_certified]") {
  rc::prop("x^2 y^3: the central difference along y is off by exactly h^2 x^2 (the bound, attained)", [] {
    const SeedF<Q> f;
    const Vec<Q> p = draw_vec("p", 2, -20, 21, 4);
    const Q h = draw_nonzero_q("h", 1, 20, 7);
    Vec<Q> up = p, down = p;
    up(1) += h;
    down(1) -= h;
    RC_ASSERT(abs_value(Q((f.value(up) - f.value(down)) / (2 * h) - f.gradient(p)(1))) == h * h * p(0) * p(0));
  });
}

TEST_CASE("mse_adjoint: lesson", "[mse_adjoint]") {
  for (const auto& v : {backprop::adjoint_formula(), backprop::adjoint_transposed()})
    CHECK_VERDICT(v);
}

TEST_CASE("forward_reverse: lesson", "[forward_reverse]") {
  for (const auto& v : {backprop::jacobians_agree(), backprop::tape_linear()}) CHECK_VERDICT(v);
}
