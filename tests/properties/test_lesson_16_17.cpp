// Properties of lessons 16 (backprop fails where the perceptron succeeds) and 17 (the loss surface): random ε, t,
// separable point sets, saddles and linear networks. Expected values are written out here from the mathematics
// (the closed forms of the Hessians and curvatures, Novikoff's bound from an explicit separator), not taken from the
// lessons' code; the certified checks are re-run at several precisions.
#include <catch2/catch.hpp>
#include <rapidcheck/catch.h>

#include <set>
#include <string>

#include "brady_checks.hpp"
#include "descent/autodiff/gradient.hpp"
#include "descent/certify.hpp"
#include "descent/optimizers/perceptron.hpp"
#include "descent/problems/mlp.hpp"
#include "generators.hpp"
#include "instance_text.hpp"
#include "surface_checks.hpp"
#include "verdict_asserts.hpp"

using namespace descent;
using namespace descent::claims;
using namespace descent::testing;
using I = Interval;
using M = Mpfr;

namespace {
Q draw_eps() { return Q(*rc::gen::inRange(1, 49).as("epsilon * 100"), 100); }
I u_of(const Q& eps) {
  using std::log;
  return I(log(I(from_rational<I>(Q(1 - eps)) / from_rational<I>(eps))));
}
}  // namespace

// ---- lesson 16 ----

TEST_CASE("brady_three_points: lesson", "[brady_three_points]") {
  CHECK_VERDICT(brady::three_equations());
  CHECK_VERDICT(brady::three_equations_unique());
  CHECK_VERDICT(brady::three_point_hessian());
  CHECK_VERDICT(brady::dependent_points());
}

TEST_CASE("brady_three_points: random", "[brady_three_points]") {
  const descent::ScopedDigits guard(40);
  rc::prop("for random eps, the three-point loss's Hessian at (u, u, 0) encloses (2/3)(eps(1 - eps))^2 sum a a^T", [] {
    const Q eps = draw_eps();
    const I u = u_of(eps);
    Vec<I> w(3);
    w << u, u, I(0);
    const Mat<I> H = brady_network<I>(Q(3), eps, {1, 2, 3}).hessian(w);
    const Q c = Q(2, 3) * (eps * (1 - eps)) * (eps * (1 - eps));
    const Q S[3][3] = {{2, 0, 0}, {0, 1, 1}, {0, 1, 3}};
    for (int i = 0; i < 3; ++i)
      for (int j = 0; j < 3; ++j) {
        const I d = H(i, j) - from_rational<I>(Q(c * S[i][j]));
        RC_ASSERT(boost::multiprecision::upper(abs(d)) < 1e-30);
      }
  });
}

TEST_CASE("brady_fourth_point: lesson", "[brady_fourth_point]") {
  CHECK_VERDICT(brady::first_display());
  CHECK_VERDICT(brady::second_display_refuted());
  CHECK_VERDICT(brady::limit_value());
  for (int t : {10, 100, 1000}) CHECK_VERDICT(brady::contribution_bound(t));
  CHECK_VERDICT(brady::contribution_rate());
  CHECK_VERDICT(brady::wy_zero());
}

TEST_CASE("brady_fourth_point: random", "[brady_fourth_point]") {
  const descent::ScopedDigits guard(50);
  rc::prop("at (u, u, 0), 0 < d div4/dw_y <= 2 t (eps/(1 - eps))^t and d div4/db = -(d div4/dw_y)/t, certified", [] {
    const Q eps = draw_eps();
    const int t = *rc::gen::inRange(2, 300).as("t");
    const I u = u_of(eps);
    Vec<I> w(3);
    w << u, u, I(0);
    const Vec<I> g = brady_network<I>(Q(t), eps, {4}).gradient(w);
    const I bound = from_rational<I>(Q(2 * t * descent::power<Q>(Q(eps / (1 - eps)), t)));
    RC_ASSERT(boost::multiprecision::lower(g(1)) > 0);
    RC_ASSERT(boost::multiprecision::upper(g(1)) <= boost::multiprecision::lower(bound));
    // db = -(dw_y)/t: a relation of the first display, certified to the working precision
    const I rel = I(g(2) * I(t) + g(1));
    RC_ASSERT(boost::multiprecision::upper(abs(rel)) <= boost::multiprecision::upper(abs(g(1))) * 1e-40);
  });
}

TEST_CASE("brady_local_minimum: lesson", "[brady_local_minimum]") {
  CHECK_VERDICT(brady::separable());
  for (int t : {10, 40}) {
    CHECK_VERDICT(brady::wstar_not_critical(t));
    CHECK_VERDICT(brady::unique_critical_point(t));
    CHECK_VERDICT(brady::hessian_positive_definite(t));
    CHECK_VERDICT(brady::box_misclassifies(t));
    CHECK_VERDICT(brady::local_not_global(t));
  }
}

TEST_CASE("brady_local_minimum: certified at several precisions", "[brady_local_minimum]") {
  for (int digits : {30, 50, 120}) {
    const descent::ScopedDigits guard(digits);
    INFO("digits " << digits);
    CHECK_VERDICT(brady::unique_critical_point(10));
    CHECK_VERDICT(brady::hessian_positive_definite(10));
    CHECK_VERDICT(brady::contribution_bound(100));
  }
}

TEST_CASE("brady_local_minimum: random t", "[brady_local_minimum]") {
  rc::prop("for t = 5 ... 60 Krawczyk's test certifies a minimum within 1e-10 of w* that misclassifies (0, -t)", [] {
    const int t = *rc::gen::inRange(5, 61).as("t");
    RC_ASSERT_VERDICT(brady::unique_critical_point(t));
    RC_ASSERT_VERDICT(brady::hessian_positive_definite(t));
    RC_ASSERT_VERDICT(brady::box_misclassifies(t));
  });
}

TEST_CASE("perceptron_separates: lesson", "[perceptron_separates]") {
  CHECK_VERDICT(brady::perceptron_within_bound());
  CHECK_VERDICT(brady::novikoff_attained());
  CHECK_VERDICT(brady::margin_optimal(10));
  CHECK_VERDICT(brady::perceptron_cycles());
}

TEST_CASE("perceptron_separates: random", "[perceptron_separates]") {
  rc::prop("on points labelled by a random separator w with margin, the rule stops within (R ||w|| / min d w.a)^2 updates", [] {
    const int n = *rc::gen::inRange(2, 4).as("inputs");
    const int K = *rc::gen::inRange(2, 12).as("K");
    Vec<Q> w = draw_vec("w", n + 1, -5, 6, 1);
    RC_PRE(w.head(n).squaredNorm() > 0);
    LabelledPoints<Q> p;
    p.A = Mat<Q>(K, n + 1);
    Q R2 = 0, least = -1;
    for (int t = 0; t < K; ++t) {
      Vec<Q> a = draw_vec("x", n + 1, -8, 9, 2);
      a(n) = 1;
      const Q m = a.dot(w);
      RC_PRE(m != 0);
      p.A.row(t) = a.transpose();
      p.labels.push_back(m > 0 ? 1 : -1);
      R2 = std::max<Q>(R2, a.squaredNorm());
      const Q margin = m > 0 ? m : Q(-m);
      if (least < 0 || margin < least) least = margin;
    }
    const PerceptronRun<Q> r = perceptron_run<Q>(p, Vec<Q>::Zero(n + 1), 1000000);
    RC_ASSERT(r.separated);
    RC_ASSERT(Q(r.updates) * least * least <= R2 * w.squaredNorm());
    for (int t = 0; t < K; ++t) RC_ASSERT(p.labels[std::size_t(t)] * Q(p.A.row(t).dot(r.w)) > 0);
  });
  rc::prop("Brady's points: t + 4 updates in order 1, 2, 3, 4 (t + 3 when 3 divides t), far within 5(t^2 + 1)", [] {
    const int t = *rc::gen::inRange(3, 2000).as("t");
    const ExactData<Q> d = brady_data<Q>(Q(t), Q(1, 100));
    const PerceptronRun<Q> r = perceptron_run<Q>(labelled_points<Q>(d.X, d.D, true), Vec<Q>::Zero(3), 1000000);
    RC_ASSERT(r.separated);
    RC_ASSERT(r.updates <= 5LL * (1LL * t * t + 1));
    RC_ASSERT(r.updates == t + 4 - (t % 3 == 0 ? 1 : 0));
  });
}

TEST_CASE("gd_stays_unseparated: lesson", "[gd_stays_unseparated]") {
  CHECK_VERDICT(brady::gd_from_wstar());
  CHECK_VERDICT(brady::random_starts(20000));
  CHECK_VERDICT(brady::gd_from_zero(20000));
  CHECK_VERDICT(brady::small_t());
}

TEST_CASE("spoilers: lesson", "[spoilers]") {
  CHECK_VERDICT(brady::gd_separates_without_spoiler());
  CHECK_VERDICT(brady::gd_fails_with_spoiler());
  CHECK_VERDICT(brady::spoiler_local_minimum());
  CHECK_VERDICT(brady::perceptron_with_spoiler());
}

TEST_CASE("loss_not_error: lesson", "[loss_not_error]") {
  CHECK_VERDICT(brady::ce_global_minimizer());
  CHECK_VERDICT(brady::minimizer_errors());
}

TEST_CASE("loss_not_error: random", "[loss_not_error]") {
  const descent::ScopedDigits guard(30);
  rc::prop("the cross-entropy loss of a logistic neuron is convex: its Hessian at a random point is sum sigma' a a^T / K", [] {
    const int K = *rc::gen::inRange(2, 8).as("K");
    MlpShape s;
    s.sizes = {1, 1};
    s.output = Activation::sigmoid;
    s.divergence = Divergence::cross_entropy;
    Mat<M> X(K, 1), D(K, 1);
    for (int t = 0; t < K; ++t) {
      X(t, 0) = from_rational<M>(draw_q("x", -16, 17, 4));
      D(t, 0) = *rc::gen::inRange(0, 2).as("label");
    }
    const Mlp<M> f(s, X, D);
    Vec<M> th(2);
    th << from_rational<M>(draw_q("w", -12, 13, 4)), from_rational<M>(draw_q("b", -12, 13, 4));
    const Mat<M> H = f.hessian(th);
    Mat<M> expected = Mat<M>::Zero(2, 2);
    for (int t = 0; t < K; ++t) {
      using std::exp;
      const M z = th(0) * X(t, 0) + th(1);
      const M sg = M(1) / (1 + exp(M(-z)));
      Vec<M> a(2);
      a << X(t, 0), M(1);
      expected += sg * (1 - sg) * a * a.transpose() / M(K);
    }
    for (int i = 0; i < 2; ++i)
      for (int j = 0; j < 2; ++j) RC_ASSERT(close30(H(i, j), expected(i, j), M(1)));
    RC_ASSERT(expected(0, 0) >= 0);
    RC_ASSERT(expected(0, 0) * expected(1, 1) - expected(0, 1) * expected(1, 0) >= -M(1e-25));
  });
}

TEST_CASE("bias_variance: lesson", "[bias_variance]") {
  CHECK_VERDICT(brady::direction_spread(5000));
}

// ---- lesson 17 ----

TEST_CASE("second_order_test: lesson", "[second_order_test]") {
  CHECK_VERDICT(surface::saddle_exact());
  CHECK_VERDICT(surface::saddle_certified());
  CHECK_VERDICT(surface::degenerate_critical_point());
}

TEST_CASE("second_order_test: random", "[second_order_test]") {
  rc::prop("f = a x^2 - b y^2 + c y^4 (a, b, c > 0): H(0) = diag(2a, -2b) by AD, f falls along y; x^2 + c y^3 falls too", [] {
    const Q a = draw_q("a", 1, 20, 4), b = draw_q("b", 1, 20, 4), c = draw_q("c", 1, 20, 4);
    auto f = [&](const auto& v) { return a * v[0] * v[0] - b * v[1] * v[1] + c * v[1] * v[1] * v[1] * v[1]; };
    const Mat<Q> H = autodiff::hessian<Q>(f, Vec<Q>(Vec<Q>::Zero(2)));
    RC_ASSERT(H(0, 0) == 2 * a);
    RC_ASSERT(H(1, 1) == -2 * b);
    RC_ASSERT(H(0, 1) == 0);
    const Q h = Q(1, 1000);
    RC_ASSERT(f(std::vector<Q>{Q(0), h}) < 0);
    RC_ASSERT(f(std::vector<Q>{h, Q(0)}) > 0);
    const Q e = draw_nonzero_q("e", -20, 21, 4);
    auto g = [&](const auto& v) { return v[0] * v[0] + e * v[1] * v[1] * v[1]; };
    const Mat<Q> G = autodiff::hessian<Q>(g, Vec<Q>(Vec<Q>::Zero(2)));
    RC_ASSERT(G(1, 1) == 0);
    RC_ASSERT(g(std::vector<Q>{Q(0), e > 0 ? Q(-h) : h}) < 0);
  });
}

TEST_CASE("saddle_escape: lesson", "[saddle_escape]") {
  for (const Q& eta : {Q(1, 10), Q(1, 100), Q(1, 2)}) {
    CHECK_VERDICT(surface::escape_per_decade(eta));
    CHECK_VERDICT(surface::escape_rate(eta));
    CHECK_VERDICT(surface::on_stable_manifold(eta));
  }
}

TEST_CASE("saddle_escape: random", "[saddle_escape]") {
  rc::prop("for eta in [1/100, 1/2], escape time per decade is ln 10/ln(1 + eta) within 1 and the rate is attained", [] {
    const Q eta(*rc::gen::inRange(1, 51).as("eta * 100"), 100);
    RC_ASSERT_VERDICT(surface::escape_per_decade(eta));
    RC_ASSERT_VERDICT(surface::escape_rate(eta));
    RC_ASSERT_VERDICT(surface::on_stable_manifold(eta));
  });
}

TEST_CASE("basins: lesson", "[basins]") {
  CHECK_VERDICT(surface::basin_counts());
}

TEST_CASE("bad_local_minimum: lesson, at several precisions", "[bad_local_minimum]") {
  for (int digits : {30, 50, 120}) {
    const descent::ScopedDigits guard(digits);
    INFO("digits " << digits);
    CHECK_VERDICT(surface::network_critical_point());
    CHECK_VERDICT(surface::network_hessian());
    CHECK_VERDICT(surface::network_not_global());
  }
}

TEST_CASE("baldi_hornik: lesson", "[baldi_hornik]") {
  CHECK_VERDICT(surface::linear_global_minimum());
  CHECK_VERDICT(surface::linear_saddle());
  CHECK_VERDICT(surface::linear_origin());
  CHECK_VERDICT(surface::sigmoid_network());
  CHECK_VERDICT(surface::notes_attribution_refuted());
}

TEST_CASE("baldi_hornik: random", "[baldi_hornik]") {
  rc::prop("a linear 2-1-2 network at W = 0: grad = 0 and d^T H d = -(4/K)||b^T Sigma_YX||^2 for d = (b^T Sigma_YX, b)", [] {
    const int K = *rc::gen::inRange(2, 6).as("K");
    MlpShape s;
    s.sizes = {2, 1, 2};
    s.hidden = Activation::identity;
    s.output = Activation::identity;
    s.bias = false;
    Mat<Q> X(K, 2), D(K, 2);
    for (int t = 0; t < K; ++t) {
      X.row(t) = draw_vec("x", 2, -6, 7, 2).transpose();
      D.row(t) = draw_vec("y", 2, -6, 7, 2).transpose();
    }
    const Mlp<Q> f(s, X, D);
    const Vec<Q> zero = Vec<Q>::Zero(4);
    RC_ASSERT(f.gradient(zero).squaredNorm() == 0);
    const Mat<Q> Syx = D.transpose() * X;  // sum_k y_k x_k^T
    const Vec<Q> b = draw_vec("b", 2, -4, 5, 1);
    const Vec<Q> a = (b.transpose() * Syx).transpose();
    Vec<Q> d(4);
    d << a(0), a(1), b(0), b(1);  // theta = (W1 (1x2), W2 (2x1))
    const Mat<Q> H = f.hessian(zero);
    RC_ASSERT(Q(d.dot(H * d)) == Q(-4 * a.squaredNorm() / K));
  });
}
