// RapidCheck properties of lesson 11 (AdaGrad, RMSProp, AdaDelta): every claim over random
// instances, at 30 digits (the methods take square roots) or in exact rationals (GD's and
// Newton's units, the parabola's best step). Each property recomputes what the claim says by
// formulas written here — AdaGrad, RMSProp and AdaDelta as loops over coordinates, the unrolled
// sum, the rescaled problem — and compares with the library's optimizers; the lesson's own
// checks are asserted too, and the counterexamples and refutations on instances where the
// hypothesis is dropped.
#include <catch2/catch.hpp>
#include <rapidcheck/catch.h>

#include <algorithm>
#include <string>
#include <vector>

#include "adaptive_checks.hpp"
#include "descent/optimizers/adaptive.hpp"
#include "descent/optimizers/newton.hpp"
#include "generators.hpp"
#include "verdict_asserts.hpp"

using namespace descent;
using namespace descent::claims;
using namespace descent::testing;

namespace {
constexpr int mpfr_digits = 30;
using M = Mpfr;

// A random positive definite 2×2 (or n×n) quadratic ½xᵀAx − bᵀx in mpfr.
Quadratic<M> random_quadratic(int n, bool diagonal) {
  const auto spectrum = draw_spectrum(n, 1, 400, 4);
  Mat<Q> A = Mat<Q>::Zero(n, n);
  if (diagonal) {
    for (int i = 0; i < n; ++i) A(i, i) = spectrum[static_cast<std::size_t>(i)];
  } else {
    const Mat<Q> R = draw_rotation(n);
    Mat<Q> D = Mat<Q>::Zero(n, n);
    for (int i = 0; i < n; ++i) D(i, i) = spectrum[static_cast<std::size_t>(i)];
    A = R * D * R.transpose();
  }
  const Vec<Q> b = diagonal ? Vec<Q>(Vec<Q>::Zero(n)) : draw_vec("b", n, -10, 11, 4);
  return Quadratic<M>(convert<M>(A), convert<M>(b), M(0));
}
}  // namespace

TEST_CASE("adagrad_forms: lesson", "[adagrad_forms]") {
  const descent::ScopedDigits scoped_digits(mpfr_digits);
  CHECK_VERDICT(adaptive::notes_form_simplifies(30));
  CHECK_VERDICT(adaptive::contrast());
  CHECK_VERDICT(adaptive::seed003_accumulator());
}

TEST_CASE("adagrad_forms: random", "[adagrad_forms]") {
  rc::prop("seed 001's form, Duchi's form with eps = 0 and a loop over the notes' sigma^t agree (100 digits)", [] {
    const auto scoped_digits = compute_for(100);  // a convention equivalence: compared at 100 digits
    const int n = *rc::gen::inRange(1, 4).as("n");
    const auto f = random_quadratic(n, false);
    const M eta = from_rational<M>(draw_q("eta", 1, 40, 40));
    const Vec<M> x0 = convert<M>(draw_vec("x0", n, -20, 21, 4));
    const int steps = *rc::gen::inRange(1, 30).as("steps");
    AdaGrad<M> notes(eta, M(0), AdaGradForm::notes), duchi(eta, M(0), AdaGradForm::paper);
    const auto a = stepped<M>(f, notes, x0, steps), b = stepped<M>(f, duchi, x0, steps);
    // the notes' formulas, written out: η^t = η/√(t+1), σ^t = √(Σ_{i≤t}(g^i)²/(t+1))
    std::vector<Vec<M>> c{x0};
    Vec<M> sum = Vec<M>::Zero(n);
    for (int t = 0; t < steps; ++t) {
      const Vec<M> g = f.gradient(c.back());
      Vec<M> next = c.back();
      for (int i = 0; i < n; ++i) {
        sum(i) += g(i) * g(i);
        const M sigma = sqrt(M(sum(i) / (t + 1))), eta_t = eta / sqrt(M(t + 1));
        if (sigma != 0) next(i) -= eta_t / sigma * g(i);
      }
      c.push_back(next);
    }
    const M scale = max_abs(c);
    RC_ASSERT(close_at(max_diff(a, c), M(0), scale, 100));
    RC_ASSERT(close_at(max_diff(b, c), M(0), scale, 100));
  });
}

TEST_CASE("gradient_distance: lesson", "[gradient_distance]") {
  CHECK_VERDICT(adaptive::best_step());
  CHECK_VERDICT(adaptive::across_parameters());
}

TEST_CASE("gradient_distance: random", "[gradient_distance]") {
  rc::prop("|x0 + b/(2a)| = |y'(x0)|/y'' on random parabolas (exact)", [] {
    const Q a = draw_q("a", 1, 100, 7), b = draw_q("b", -50, 51, 3), c = draw_q("c", -9, 10, 2);
    const Q x0 = draw_q("x0", -100, 101, 5);
    const auto f = quadratic_1d<Q>(2 * a, b, c);  // a w² + b w + c
    const Q d1 = 2 * a * x0 + b, d2 = 2 * a;      // written out here
    RC_ASSERT(f.gradient(scalar_vec<Q>(x0))(0) == d1);
    const Q distance = x0 + b / (2 * a);
    RC_ASSERT((distance < 0 ? Q(-distance) : distance) == (d1 < 0 ? Q(-d1) : d1) / d2);
  });
  rc::prop("across two parameters with different curvatures, a larger derivative can be nearer (exact)", [] {
    const Q a1 = draw_q("a1", 2, 200, 1), a2 = draw_q("a2", 1, 2, 1);  // a1 > a2 = 1
    // x nearer than y: |x| = |y|/k with 1 < k < a1 keeps |a1 x| > |a2 y|
    const Q y = draw_nonzero_q("y", -20, 21, 2);
    const Q k = (1 + a1) / 2;
    const Q x = y / k;
    RC_ASSERT(a1 * (x < 0 ? Q(-x) : x) > a2 * (y < 0 ? Q(-y) : y));
    RC_ASSERT((x < 0 ? Q(-x) : x) < (y < 0 ? Q(-y) : y));
  });
}

TEST_CASE("adagrad_axis_aligned: lesson", "[adagrad_axis_aligned]") {
  const descent::ScopedDigits scoped_digits(mpfr_digits);
  CHECK_VERDICT(adaptive::accumulator_estimates_curvature(30));
  CHECK_VERDICT(adaptive::curvature_free(30));
  CHECK_VERDICT(adaptive::rotated_depends(30));
}

TEST_CASE("adagrad_axis_aligned: random", "[adagrad_axis_aligned]") {
  rc::prop("on a diagonal quadratic AdaGrad's iterates do not depend on the curvatures; G = a^2 sum x^2", [] {
    const auto scoped_digits = compute_for(mpfr_digits);
    const int n = *rc::gen::inRange(1, 4).as("n");
    const auto f = random_quadratic(n, true);
    const Quadratic<M> unit(Mat<M>::Identity(n, n), Vec<M>::Zero(n), M(0));
    const M eta = from_rational<M>(draw_q("eta", 1, 40, 40));
    const Vec<M> x0 = convert<M>(draw_vec("x0", n, -20, 21, 4));
    const int steps = *rc::gen::inRange(1, 30).as("steps");
    AdaGrad<M> a(eta, M(0)), b(eta, M(0));
    const auto p = stepped<M>(f, a, x0, steps), q = stepped<M>(unit, b, x0, steps);
    RC_ASSERT(close30(max_diff(p, q), M(0), max_abs(p)));
    for (int i = 0; i < n; ++i) {
      M sx = 0;
      for (int k = 0; k < steps; ++k) sx += p[static_cast<std::size_t>(k)](i) * p[static_cast<std::size_t>(k)](i);
      const M ai = f.A()(i, i);
      RC_ASSERT(close30(a.accumulator()(i), M(ai * ai * sx), M(0)));
    }
  });
  rc::prop("rotated curvatures 100 apart: the iterates depend on them", [] {
    const auto scoped_digits = compute_for(mpfr_digits);
    const Q angle = draw_q("t", 1, 10, 10);  // rotation by (1 − t²)/(1 + t²), 2t/(1 + t²): never the identity
    const Q cs = (1 - angle * angle) / (1 + angle * angle), sn = 2 * angle / (1 + angle * angle);
    Mat<Q> R(2, 2);
    R << cs, -sn, sn, cs;
    Mat<Q> D = Mat<Q>::Zero(2, 2);
    D(0, 0) = 100;
    D(1, 1) = 1;
    const Quadratic<M> f(convert<M>(Mat<Q>(R * D * R.transpose())), Vec<M>::Zero(2), M(0));
    const Quadratic<M> unit(Mat<M>::Identity(2, 2), Vec<M>::Zero(2), M(0));
    Vec<M> x0(2);
    x0 << M(-1), M(1);
    AdaGrad<M> a(M(M(1) / 4), M(0)), b(M(M(1) / 4), M(0));
    const auto p = stepped<M>(f, a, x0, 10), q = stepped<M>(unit, b, x0, 10);
    RC_ASSERT(max_diff(p, q) > M(M(1) / 1000));
  });
}

TEST_CASE("rmsprop_average: lesson", "[rmsprop_average]") {
  const descent::ScopedDigits scoped_digits(mpfr_digits);
  for (const auto& v : {adaptive::unrolled_sum(30), adaptive::seed003_unrolled(30), adaptive::step_bound(30),
                        adaptive::step_bound_first(), adaptive::seed003_power(), adaptive::seed003_same_index()})
    CHECK_VERDICT(v);
}

TEST_CASE("rmsprop_average: random", "[rmsprop_average]") {
  rc::prop("the accumulator is (1 - beta) sum beta^(T-t) g_t^2; |step| <= eta/sqrt(1 - beta), = at step 1", [] {
    const auto scoped_digits = compute_for(mpfr_digits);
    const int n = *rc::gen::inRange(1, 4).as("n");
    const auto f = random_quadratic(n, false);
    const M beta = from_rational<M>(draw_q("beta", 1, 100, 100)), eta = from_rational<M>(draw_q("eta", 1, 40, 200));
    const Vec<M> x0 = convert<M>(draw_vec("x0", n, -20, 21, 4));
    const int steps = *rc::gen::inRange(1, 30).as("steps");
    RMSProp<M> opt(eta, beta, M(0), EpsPlacement::inside);
    const auto xs = stepped<M>(f, opt, x0, steps);
    const M bound = eta / sqrt(M(1 - beta));
    for (int i = 0; i < n; ++i) {
      M s = 0;
      for (int t = 0; t < steps; ++t) {
        const M g = f.gradient(xs[static_cast<std::size_t>(t)])(i);
        s = beta * s + (1 - beta) * g * g;  // the recursion, and below its unrolled form
      }
      M unrolled = 0, p = 1;
      for (int t = steps - 1; t >= 0; --t) {
        const M g = f.gradient(xs[static_cast<std::size_t>(t)])(i);
        unrolled += p * g * g;
        p *= beta;
      }
      RC_ASSERT(close30(opt.square_average()(i), s, M(0)));
      RC_ASSERT(close30(opt.square_average()(i), M((1 - beta) * unrolled), M(0)));
      for (int t = 0; t < steps; ++t) {
        const M step = abs(M(xs[static_cast<std::size_t>(t) + 1](i) - xs[static_cast<std::size_t>(t)](i)));
        RC_ASSERT(step <= bound + M(64) * pow(M(10), -29) * bound);
      }
      if (f.gradient(x0)(i) != 0) RC_ASSERT(close30(abs(M(xs[1](i) - x0(i))), bound, M(0)));
    }
  });
}

TEST_CASE("adadelta_units: lesson", "[adadelta_units]") {
  const descent::ScopedDigits scoped_digits(mpfr_digits);
  for (const auto& v : {adaptive::adadelta_maps(30), adaptive::adadelta_fixed_eps(30), adaptive::gd_units(),
                        adaptive::unitless_first_step(), adaptive::newton_units(), adaptive::seed003_gd_units()})
    CHECK_VERDICT(v);
}

TEST_CASE("adadelta_units: random", "[adadelta_units]") {
  rc::prop("AdaDelta maps under y = c x with eps_g/c^2, c^2 eps_Delta; GD's step scales 1/c, Newton's c", [] {
    const auto scoped_digits = compute_for(mpfr_digits);
    const int n = *rc::gen::inRange(1, 4).as("n");
    const auto spectrum = draw_spectrum(n, 1, 40, 4);
    const Mat<Q> R = draw_rotation(n);
    Mat<Q> D = Mat<Q>::Zero(n, n);
    for (int i = 0; i < n; ++i) D(i, i) = spectrum[static_cast<std::size_t>(i)];
    const Mat<Q> A = R * D * R.transpose();
    const Vec<Q> b = draw_vec("b", n, -10, 11, 4), x0 = draw_vec("x0", n, -10, 11, 2);
    const Q c = draw_q("c", 1, 1000, 10);
    // exact: GD and Newton, on f and on f_c(y) = f(y/c) = ½yᵀ(A/c²)y − (b/c)ᵀy
    const Quadratic<Q> f(A, b, Q(0)), fc(Mat<Q>(A / (c * c)), Vec<Q>(b / c), Q(0));
    const Q eta = draw_q("eta", 1, 20, 20);
    GradientDescent<Q> g1(eta), g2(eta);
    const Vec<Q> dx = g1.step(f, x0, f.gradient(x0)) - x0, dy = g2.step(fc, Vec<Q>(c * x0), fc.gradient(Vec<Q>(c * x0))) - c * x0;
    RC_ASSERT(Vec<Q>(dx) == Vec<Q>(c * dy));
    Newton<Q> n1(Q(1), Q(0)), n2(Q(1), Q(0));
    const Vec<Q> nx = n1.step(f, x0, f.gradient(x0)) - x0, ny = n2.step(fc, Vec<Q>(c * x0), fc.gradient(Vec<Q>(c * x0))) - c * x0;
    RC_ASSERT(Vec<Q>(c * nx) == ny);
    // mpfr: AdaDelta's whole trajectory
    const M cm = from_rational<M>(c), eps = from_rational<M>(draw_q("eps", 1, 100, 1000000));
    const M rho = from_rational<M>(draw_q("rho", 0, 100, 100));
    AdaDelta<M> a(M(1), rho, eps, eps), ac(M(1), rho, M(eps / (cm * cm)), M(eps * cm * cm));
    const Quadratic<M> fm(convert<M>(A), convert<M>(b), M(0)), fcm(convert<M>(Mat<Q>(A / (c * c))), convert<M>(Vec<Q>(b / c)), M(0));
    const int steps = *rc::gen::inRange(1, 30).as("steps");
    const auto p = stepped<M>(fm, a, convert<M>(x0), steps), q = stepped<M>(fcm, ac, convert<M>(Vec<Q>(c * x0)), steps);
    for (std::size_t k = 0; k < p.size(); ++k) RC_ASSERT(close30((q[k] / cm - p[k]).cwiseAbs().maxCoeff(), M(0), max_abs(p)));
  });
}

TEST_CASE("adadelta_per_coordinate: lesson", "[adadelta_per_coordinate]") {
  const descent::ScopedDigits scoped_digits(mpfr_digits);
  for (const auto& v : {adaptive::zeiler_separable(30), adaptive::seed003_scalar_u(30),
                        adaptive::divide_first_is_gd(Q(9, 10), Q(1, 1000000), 30), adaptive::update_first_not_gd(30),
                        adaptive::two_eps_not_gd(30)})
    CHECK_VERDICT(v);
}

TEST_CASE("adadelta_per_coordinate: random", "[adadelta_per_coordinate]") {
  rc::prop("the divide-first AdaDelta is GD for every rho, eps (the lesson's check and a random quadratic)", [] {
    const auto scoped_digits = compute_for(mpfr_digits);
    const Q rho = draw_q("rho", 0, 100, 100), eps = draw_q("eps", 1, 1000, 100000);
    RC_ASSERT_VERDICT(adaptive::divide_first_is_gd(rho, eps, 20));
    const int n = *rc::gen::inRange(1, 4).as("n");
    const auto f = random_quadratic(n, false);
    const M eta = from_rational<M>(draw_q("eta", 1, 20, 400));
    const Vec<M> x0 = convert<M>(draw_vec("x0", n, -20, 21, 4));
    AdaDelta<M> slip(eta, from_rational<M>(rho), from_rational<M>(eps), from_rational<M>(eps), AdaDeltaForm::stale);
    GradientDescent<M> gd(eta);
    const auto p = stepped<M>(f, slip, x0, 20), q = stepped<M>(f, gd, x0, 20);
    RC_ASSERT(close30(max_diff(p, q), M(0), max_abs(q)));
  });
  rc::prop("Zeiler's AdaDelta: each coordinate's path depends on its own start only (written out here)", [] {
    const auto scoped_digits = compute_for(mpfr_digits);
    const auto f = random_quadratic(2, true);
    const M rho = from_rational<M>(draw_q("rho", 0, 100, 100)), eps = from_rational<M>(draw_q("eps", 1, 100, 1000000));
    Vec<M> x0 = convert<M>(draw_vec("x0", 2, -20, 21, 4)), x1 = x0;
    x1(1) = from_rational<M>(draw_q("y0'", -20, 21, 4));
    AdaDelta<M> a(M(1), rho, eps, eps), b(M(1), rho, eps, eps);
    const auto p = stepped<M>(f, a, x0, 20), q = stepped<M>(f, b, x1, 20);
    // Algorithm 1 for coordinate 0 alone
    M Eg = 0, Ed = 0, x = x0(0);
    for (std::size_t k = 0; k < p.size(); ++k) {
      RC_ASSERT(close30(p[k](0), q[k](0), M(1)));
      RC_ASSERT(close30(p[k](0), x, M(1)));
      const M g = f.A()(0, 0) * x;
      Eg = rho * Eg + (1 - rho) * g * g;
      const M d = sqrt(M(Ed + eps)) / sqrt(M(Eg + eps)) * g;
      Ed = rho * Ed + (1 - rho) * d * d;
      x -= d;
    }
  });
}
