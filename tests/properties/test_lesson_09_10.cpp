// RapidCheck properties of lessons 09 (what smoothness and convexity buy) and 10 (learning-rate
// schedules): every claim over random instances. Exact rational arithmetic wherever the
// mathematics is rational (Huber witnesses, random rotated Huber sums and singular PSD
// quadratics built from exactly orthogonal rotations, least squares with orthogonal
// columns, the harmonic and inverse-square schedules, the enumerated noise), mpfr at 30
// digits for the non-convex function, the sine and the silver steps, double only for the
// seeded noise. Each property asserts the verdict of the check the lesson runs, on random
// instances where it can; counterexample and refutation properties draw instances where the
// hypothesis is dropped (or the notes' rule applies) and assert that the check fails as
// predicted. Independent assertions recompute the two sides in the test by other formulas:
// spectral closed forms of GD on quadratics, the Huber witnesses' trajectories, products of
// the schedules' factors, a breadth-first enumeration of the noise, the stationary second
// moment solved exactly, a Pythagorean family of exact steps onto the minimizer of √(1 + x²).
#include <catch2/catch.hpp>
#include <rapidcheck/catch.h>

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "convex_rates.hpp"
#include "descent/optimizers/schedules.hpp"
#include "descent/problems/test_functions.hpp"
#include "generators.hpp"
#include "schedule_checks.hpp"
#include "verdict_asserts.hpp"

using namespace descent;
using namespace descent::claims;
using namespace descent::testing;

namespace {
constexpr int mpfr_digits = 30;


template <class S>
std::vector<Vec<S>> gd_iterates(const Problem<S>& f, const S& eta, const Vec<S>& x0, int steps) {
  GradientDescent<S> gd(eta);
  return stepped<S>(f, gd, x0, steps);
}
template <class S>
std::vector<Vec<S>> scheduled_iterates(const Problem<S>& f, const S& eta, Schedule<S> schedule, const Vec<S>& x0,
                                       int steps) {
  Scheduled<S> opt(std::make_unique<GradientDescent<S>>(eta), std::move(schedule));
  return stepped<S>(f, opt, x0, steps);
}
template <class S>
Quadratic<S> half_square(const S& a) {
  return Quadratic<S>(Mat<S>::Constant(1, 1, a), Vec<S>::Zero(1), S(0));
}

// The course's tolerance for a floating relation a <= b: 64 eps (|a| + |b|).
bool le_within_tolerance(const Mpfr& a, const Mpfr& b) {
  using std::abs;
  return a <= b + 64 * epsilon<Mpfr>() * (abs(a) + abs(b));
}
bool eq_within_tolerance(const Mpfr& a, const Mpfr& b) { return le_within_tolerance(a, b) && le_within_tolerance(b, a); }

// A random smooth convex instance Σ L_i h_{δ_i}(q_iᵀx): Q exactly orthogonal, δ_i in (0, 2],
// L_i in (0, 5/2]; L = max L_i; x* = 0, f* = 0.
struct RandomHuber {
  Mat<Q> rot;
  std::vector<Q> delta, curvature;
  Q L;
};
RandomHuber draw_rotated_huber(int n) {
  RandomHuber h{draw_rotation(n), {}, {}, Q(0)};
  for (int i = 0; i < n; ++i) {
    h.delta.push_back(draw_q("delta_" + std::to_string(i), 1, 21, 10));
    h.curvature.push_back(draw_q("L_" + std::to_string(i), 1, 11, 4));
  }
  h.L = max_of(h.curvature);
  return h;
}
// A random PSD quadratic ½xᵀAx, A = Q diag(λ) Qᵀ, λ_i in [0, 2] with at least one zero
// (singular) and at least one positive; L = max λ_i plus a random slack in [0, 1].
struct RandomPsd {
  Mat<Q> rot;
  std::vector<Q> lambda;
  Q L;
};
RandomPsd draw_singular_psd(int n) {
  RandomPsd p{draw_rotation(n), draw_spectrum(n, 0, 8, 4), Q(0)};
  p.lambda[static_cast<std::size_t>(*rc::gen::inRange(0, n).as("index of the zero eigenvalue"))] = 0;
  if (max_of(p.lambda) == 0) p.lambda[0] = 1;
  p.L = max_of(p.lambda) + draw_q("L - lambda_max", 0, 5, 4);
  return p;
}
// The minimizer of ½xᵀAx nearest to x0: the projection of x0 on null(A) = span{q_i : λ_i = 0}.
Vec<Q> nearest_minimizer(const RandomPsd& p, const Vec<Q>& x0) {
  Vec<Q> x = Vec<Q>::Zero(x0.size());
  for (int i = 0; i < x0.size(); ++i)
    if (p.lambda[static_cast<std::size_t>(i)] == 0) x += p.rot.col(i) * Q(p.rot.col(i).dot(x0));
  return x;
}
// f(x_k) − f* of GD with η = h/L on ½xᵀAx from x0, by the spectral closed form
// Σ_i (λ_i/2)(1 − hλ_i/L)^{2k} (q_iᵀx0)² (no iteration).
Q psd_gap_closed_form(const RandomPsd& p, const Q& h, const Vec<Q>& x0, int k) {
  Q gap = 0;
  for (int i = 0; i < x0.size(); ++i) {
    const Q& l = p.lambda[static_cast<std::size_t>(i)];
    const Q c = p.rot.col(i).dot(x0);
    gap += l / 2 * power<Q>(Q((1 - h * l / p.L) * (1 - h * l / p.L)), k) * c * c;
  }
  return gap;
}
Vec<Q> draw_nonzero_vec(const std::string& name, int n, int lo, int hi, int den) {
  Vec<Q> v = draw_vec(name, n, lo, hi, den);
  if (v.squaredNorm() == 0) v(0) = 1;
  return v;
}
// A start x0 with x0 − x* ≠ 0 for the PSD quadratic (a component outside null(A)).
Vec<Q> draw_psd_start(const RandomPsd& p) {
  Vec<Q> x0 = draw_vec("x0", static_cast<int>(p.lambda.size()), -8, 9, 2);
  for (int i = 0; i < x0.size(); ++i)
    if (p.lambda[static_cast<std::size_t>(i)] != 0 && p.rot.col(i).dot(x0) == 0) x0 += p.rot.col(i);
  return x0;
}

// u × v in ℝ³, written out (orthogonal to u and to v).
Vec<Q> cross(const Vec<Q>& u, const Vec<Q>& v) {
  return (Vec<Q>(3) << u(1) * v(2) - u(2) * v(1), u(2) * v(0) - u(0) * v(2), u(0) * v(1) - u(1) * v(0)).finished();
}

// f(x) = √(1 + x²), with exact square roots (throws if one is irrational): f′ = x/√(1 + x²),
// f″ = (1 + x²)^{−3/2}, so η_opt = 1/f″(0) = 1.
class SqrtOnePlusSquare final : public Problem<Q> {
 public:
  int dimension() const override { return 1; }
  Q value(const Vec<Q>& x) const override { return root(Q(1 + x(0) * x(0))); }
  Vec<Q> gradient(const Vec<Q>& x) const override { return scalar_vec(Q(x(0) / root(Q(1 + x(0) * x(0))))); }
  Mat<Q> hessian(const Vec<Q>& x) const override {
    const Q s = root(Q(1 + x(0) * x(0)));
    return Mat<Q>::Constant(1, 1, Q(1 / (s * s * s)));
  }
  std::string name() const override { return "sqrt(1 + x^2)"; }

 private:
  static Q root(const Q& q) {
    const auto r = exact_sqrt(q);
    if (!r) throw std::logic_error("SqrtOnePlusSquare: an irrational square root");
    return *r;
  }
};

// f(x, y) = ½(x² + y²) + x²y², seed 003's example, written out.
Q seed_three(const Q& x, const Q& y) { return (x * x + y * y) / 2 + x * x * y * y; }
}  // namespace

// =====================================================================================
// Lesson 09
// =====================================================================================

// ---- smoothness_definitions ----
TEST_CASE("The Huber function lies below its bowl of curvature L and touches it where both points are in |x| <= delta",
          "[smoothness_definitions]") {
  CHECK_VERDICT(rates::huber_upper_bowl(Q(1), Kind::tight));
  rc::prop("dropping smooth: a bowl of curvature c < L = 1 is not above the Huber function (random c in [0, 1))", [] {
    RC_ASSERT_VERDICT(rates::huber_upper_bowl(draw_q("c", 0, 20, 20), Expect::counterexample("smooth")));
  });
  rc::prop("independently, exactly, for random delta, L, x, y: the upper bowl of L holds, the tangent lies below "
           "(convexity), and the bowl is attained inside [-delta, delta]",
           [] {
             const Q delta = draw_q("delta", 1, 21, 4), L = draw_q("L", 1, 21, 4);
             const Huber<Q> f(1, delta, L);
             const Q x = draw_q("x", -40, 41, 4), y = draw_q("y", -40, 41, 4);
             const Q fx = f.value(scalar_vec(x)), fy = f.value(scalar_vec(y)), gx = f.gradient(scalar_vec(x))(0);
             RC_ASSERT(fy <= fx + gx * (y - x) + L / 2 * (y - x) * (y - x));
             RC_ASSERT(fy >= fx + gx * (y - x));
             // inside the quadratic part the bowl is f itself: equality, so L cannot be lowered
             const Q u = delta * draw_q("u / delta", -10, 11, 10), v = delta * draw_q("v / delta", -10, 11, 10);
             RC_ASSERT(f.value(scalar_vec(v)) ==
                       f.value(scalar_vec(u)) + f.gradient(scalar_vec(u))(0) * (v - u) + L / 2 * (v - u) * (v - u));
           });
  rc::prop("independently, exactly: a random rotated Huber sum is L-smooth and convex at random pairs of points, and "
           "equals the sum of its one-dimensional Huber terms",
           [] {
             const int n = *rc::gen::inRange(2, 4).as("n");
             const RandomHuber h = draw_rotated_huber(n);
             const rates::RotatedHuber<Q> f(h.rot, h.delta, h.curvature);
             const Vec<Q> x = draw_vec("x", n, -12, 13, 4), y = draw_vec("y", n, -12, 13, 4);
             const Q fx = f.value(x), fy = f.value(y), lin = f.gradient(x).dot(y - x);
             RC_ASSERT(fy <= fx + lin + h.L / 2 * (y - x).squaredNorm());
             RC_ASSERT(fy >= fx + lin);
             RC_ASSERT(f.smoothness() == h.L);
             Q sum = 0;
             for (int i = 0; i < n; ++i) {
               const Huber<Q> term(1, h.delta[static_cast<std::size_t>(i)], h.curvature[static_cast<std::size_t>(i)]);
               sum += term.value(scalar_vec(Q(h.rot.col(i).dot(x))));
             }
             RC_ASSERT(fx == sum);
           });
}

TEST_CASE("The Lessard function lies above its bowl of curvature mu and below its bowl of curvature L",
          "[smoothness_definitions]") {
  CHECK_VERDICT(rates::lessard_lower_bowl());
  rc::prop("independently, exactly, for random 0 < mu <= L and points x, y across the breakpoints", [] {
    const Q mu = draw_q("mu", 1, 21, 4);
    const Q L = mu + draw_q("L - mu", 0, 101, 4);
    const Lessard<Q> f(mu, L);
    const Q x = draw_q("x", -40, 41, 8), y = draw_q("y", -40, 41, 8);
    const Q fx = f.value(scalar_vec(x)), fy = f.value(scalar_vec(y)), gx = f.gradient(scalar_vec(x))(0);
    const Q d2 = (y - x) * (y - x);
    RC_ASSERT(fy >= fx + gx * (y - x) + mu / 2 * d2);
    RC_ASSERT(fy <= fx + gx * (y - x) + L / 2 * d2);
  });
}

TEST_CASE("x^2 is 2-smooth but no constant M makes it M-Lipschitz", "[smoothness_definitions]") {
  rc::prop("dropping bounded_slope: |f(M + 1) - f(0)| <= M (M + 1) fails for random M > 0", [] {
    RC_ASSERT_VERDICT(rates::square_not_lipschitz(draw_q("M", 1, 4001, 4)));
  });
}

TEST_CASE("Seed 003's x^T grad^2 f(x) x >= M ||x||^2 is not strong convexity", "[smoothness_definitions]") {
  CHECK_VERDICT(rates::seed_strong_convexity_definition());
  rc::prop("independently, exactly: f = (x^2 + y^2)/2 + x^2 y^2 meets the seed's condition with M = 1 at random points "
           "(d^2/dt^2 f(t p) at t = 1 by the five-point formula, exact for quartics)",
           [] {
             const Q px = draw_q("p_x", -20, 21, 4), py = draw_q("p_y", -20, 21, 4);
             auto phi = [&](const Q& t) { return seed_three(t * px, t * py); };
             const Q s(1, 2);  // any step: the formula is exact for polynomials of degree <= 5
             const Q second = (-phi(1 + 2 * s) + 16 * phi(1 + s) - 30 * phi(Q(1)) + 16 * phi(1 - s) - phi(1 - 2 * s)) /
                              (12 * s * s);
             RC_ASSERT(second >= px * px + py * py);
           });
  rc::prop("and yet, on the line (m + s, m - s) with m^2 > 1/2, the midpoint lies above the chord for 0 < d^2 < 2m^2 - 1",
           [] {
             const Q m = draw_nonzero_q("m", -40, 41, 10);
             RC_PRE(2 * m * m > 1);
             // d = t (2m^2 - 1)/(2m^2), t in (0, 1): d^2 < 2m^2 - 1 since 2m^2 - 1 < 4m^4
             const Q d = draw_q("t", 1, 20, 20) * (2 * m * m - 1) / (2 * m * m);
             RC_ASSERT(d * d < 2 * m * m - 1);
             const Q mid = seed_three(m, m), chord = (seed_three(m + d, m - d) + seed_three(m - d, m + d)) / 2;
             RC_ASSERT(mid > chord);
           });
}

TEST_CASE("Strong convexity alone does not make GD as good as on the enclosing quadratic", "[smoothness_definitions]") {
  rc::prop("refutes seed 002 line 770 for every K in 1..5 (x_{k+1} = -x_k^3 from 2)", [] {
    RC_ASSERT_VERDICT(rates::seed_enclosing_quadratic(*rc::gen::inRange(1, 6).as("K")));
  });
}

// ---- gd_smooth_convex_rate ----
TEST_CASE("The Huber witness attains L ||x_0 - x*||^2/(4k + 2) after k steps of 1/L", "[gd_smooth_convex_rate]") {
  rc::prop("tight, exactly, for random k in 1..12 and R", [] {
    RC_ASSERT_VERDICT(rates::huber_witness_rate(*rc::gen::inRange(1, 13).as("k"), draw_q("R", 1, 41, 8)));
  });
  rc::prop("independently, for random L too: x_j = R - j delta on the linear part, f(x_k) = L R^2/(4k + 2)", [] {
    const int k = *rc::gen::inRange(1, 13).as("k");
    const Q R = draw_q("R", 1, 41, 8), L = draw_q("L", 1, 41, 4);
    const Q delta = R / (2 * k + 1);
    const Huber<Q> f(1, delta, L);
    const auto x = gd_iterates<Q>(f, Q(1 / L), scalar_vec(R), k);
    for (int j = 0; j <= k; ++j) RC_ASSERT(x[static_cast<std::size_t>(j)](0) == R - j * delta);
    RC_ASSERT(x.back()(0) == R * (k + 1) / (2 * k + 1));
    RC_ASSERT(f.value(x.back()) == L * R * R / (4 * k + 2));
  });
}

TEST_CASE("GD with eta = 1/L on smooth convex functions: f(x_k) - f* <= L R^2/(4k + 2) <= L R^2/(2k)",
          "[gd_smooth_convex_rate]") {
  rc::prop("exactly, on random rotated Huber sums (x* = 0)", [] {
    const int n = *rc::gen::inRange(2, 4).as("n");
    const RandomHuber h = draw_rotated_huber(n);
    const rates::RotatedHuber<Q> f(h.rot, h.delta, h.curvature);
    const Vec<Q> x0 = draw_nonzero_vec("x0", n, -12, 13, 2);
    const int steps = *rc::gen::inRange(1, 11).as("steps");
    const bool tight = *rc::gen::arbitrary<bool>().as("tight constant");
    RC_ASSERT_VERDICT(rates::gd_rate(f, "random rotated Huber sum", h.L, Vec<Q>::Zero(n), x0, steps, tight));
    // independently: the bound by hand on a trajectory stepped without the runner
    const auto x = gd_iterates<Q>(f, Q(1 / h.L), x0, steps);
    for (int k = 1; k <= steps; ++k)
      RC_ASSERT(f.value(x[static_cast<std::size_t>(k)]) * (4 * k + 2) <= h.L * x0.squaredNorm());
  });
  rc::prop("exactly, on random singular PSD quadratics, x* the projection of x_0 on the null space; the trajectory's "
           "values equal the spectral closed form",
           [] {
             const int n = *rc::gen::inRange(2, 4).as("n");
             const RandomPsd p = draw_singular_psd(n);
             const Quadratic<Q> f(with_spectrum<Q>(p.rot, p.lambda), Vec<Q>::Zero(n), Q(0));
             const Vec<Q> x0 = draw_psd_start(p), x_star = nearest_minimizer(p, x0);
             RC_ASSERT(f.value(x_star) == 0);
             RC_ASSERT(f.gradient(x_star).squaredNorm() == 0);
             const int steps = *rc::gen::inRange(1, 11).as("steps");
             RC_ASSERT_VERDICT(rates::gd_rate(f, "random singular quadratic", p.L, x_star, x0, steps, true));
             RC_ASSERT_VERDICT(rates::gd_rate(f, "random singular quadratic", p.L, x_star, x0, steps, false));
             const auto x = gd_iterates<Q>(f, Q(1 / p.L), x0, steps);
             const Q R2 = (x0 - x_star).squaredNorm();
             for (int k = 1; k <= steps; ++k) {
               const Q gap = f.value(x[static_cast<std::size_t>(k)]);
               RC_ASSERT(gap == psd_gap_closed_form(p, Q(1), x0, k));
               RC_ASSERT(gap * (4 * k + 2) <= p.L * R2);
             }
           });
}

TEST_CASE("The 1/k rate is scaled by the starting distance, not by the starting gap", "[gd_smooth_convex_rate]") {
  rc::prop("refutes seed 002 line 855: for random c and k > 2c, k (f(w_k) - f*)/(f(w_0) - f*) <= c fails", [] {
    const int c = *rc::gen::inRange(1, 451).as("c");
    const int k = std::max(1000, 100 * ((2 * c + 100) / 100)) + 100 * *rc::gen::inRange(0, 5).as("extra hundreds");
    RC_ASSERT_VERDICT(rates::seed_relative_rate(k, Q(c)));
  });
}

TEST_CASE("Without convexity GD with 1/L can stall above f*", "[gd_smooth_convex_rate]") {
  rc::prop("dropping convex: on the poor-local-minimum function the rate fails for random K in 100..400 (mpfr)", [] {
    const descent::ScopedDigits scoped_digits(mpfr_digits);
    RC_ASSERT_VERDICT(rates::nonconvex_rate_fails(*rc::gen::inRange(100, 401).as("K")));
  });
}

// ---- gd_constant_step_worst_case ----
TEST_CASE("The two witnesses of GD's worst case with a constant step h/L", "[gd_constant_step_worst_case]") {
  rc::prop("exactly, for random N in 1..8, h in (0, 2), L, R: the Huber witness gives L R^2/(2(2Nh + 1)), the "
           "quadratic (L R^2/2)(1 - h)^{2N}",
           [] {
             const int N = *rc::gen::inRange(1, 9).as("N");
             const Q h = draw_q("h", 1, 40, 20), L = draw_q("L", 1, 21, 4), R = draw_q("R", 1, 21, 4);
             const Q delta = R / (2 * N * h + 1);
             const Huber<Q> huber(1, delta, L);
             const auto x = gd_iterates<Q>(huber, Q(h / L), scalar_vec(R), N);
             for (int k = 0; k <= N; ++k) RC_ASSERT(x[static_cast<std::size_t>(k)](0) == R - k * h * delta);
             RC_ASSERT(huber.value(x.back()) == L * R * R / (2 * (2 * N * h + 1)));
             const auto quad = half_square<Q>(L);
             const auto y = gd_iterates<Q>(quad, Q(h / L), scalar_vec(R), N);
             RC_ASSERT(quad.value(y.back()) == L * R * R / 2 * power<Q>(Q(1 - h), 2 * N));
             // the lesson's checks: the Huber witness where its term is the larger (h <= h(N)), the quadratic always
             const Q huber_term = Q(1) / (2 * N * h + 1), quad_term = power<Q>(Q((1 - h) * (1 - h)), N);
             if (quad_term <= huber_term) RC_ASSERT_VERDICT(rates::dt_huber_witness(N, h, L, R));
             else RC_ASSERT_THROWS_AS(rates::dt_huber_witness(N, h, L, R), std::invalid_argument);
             RC_ASSERT_VERDICT(rates::dt_quadratic_witness(N, h, L, R));
           });
}

TEST_CASE("GD with a constant step h/L: f(x_N) - f* <= (L R^2/2) max{1/(2Nh + 1), (1 - h)^{2N}}",
          "[gd_constant_step_worst_case]") {
  rc::prop("exactly, on random rotated Huber sums for random N in 1..8 and h in (0, 2)", [] {
    const int n = *rc::gen::inRange(2, 4).as("n");
    const RandomHuber hb = draw_rotated_huber(n);
    const rates::RotatedHuber<Q> f(hb.rot, hb.delta, hb.curvature);
    const int N = *rc::gen::inRange(1, 9).as("N");
    const Q h = draw_q("h", 1, 40, 20);
    const Vec<Q> x0 = draw_nonzero_vec("x0", n, -12, 13, 2);
    const auto x = gd_iterates<Q>(f, Q(h / hb.L), x0, N);
    const Q bound = hb.L * x0.squaredNorm() / 2 *
                    std::max(Q(Q(1) / (2 * N * h + 1)), power<Q>(Q((1 - h) * (1 - h)), N));
    RC_LOG() << "f(x_N) = " << f.value(x.back()) << ", bound " << bound << "\n";
    RC_ASSERT(f.value(x.back()) <= bound);
  });
  rc::prop("exactly, on random singular PSD quadratics (x* the nearest minimizer); f(x_N) by the spectral closed form",
           [] {
             const int n = *rc::gen::inRange(2, 4).as("n");
             const RandomPsd p = draw_singular_psd(n);
             const Quadratic<Q> f(with_spectrum<Q>(p.rot, p.lambda), Vec<Q>::Zero(n), Q(0));
             const int N = *rc::gen::inRange(1, 9).as("N");
             const Q h = draw_q("h", 1, 40, 20);
             const Vec<Q> x0 = draw_psd_start(p), x_star = nearest_minimizer(p, x0);
             const auto x = gd_iterates<Q>(f, Q(h / p.L), x0, N);
             const Q gap = f.value(x.back());
             RC_ASSERT(gap == psd_gap_closed_form(p, h, x0, N));
             const Q bound = p.L * (x0 - x_star).squaredNorm() / 2 *
                             std::max(Q(Q(1) / (2 * N * h + 1)), power<Q>(Q((1 - h) * (1 - h)), N));
             RC_LOG() << "f(x_N) - f* = " << gap << ", bound " << bound << "\n";
             RC_ASSERT(gap <= bound);
           });
  rc::prop("the lesson's check on its two instances for random N in 1..6 and one to three random h", [] {
    const int N = *rc::gen::inRange(1, 7).as("N");
    std::vector<Q> hs;
    const int m = *rc::gen::inRange(1, 4).as("number of h");
    for (int i = 0; i < m; ++i) hs.push_back(draw_q("h", 1, 40, 20));
    RC_ASSERT_VERDICT(rates::dt_bound_instances(N, hs));
  });
}

TEST_CASE("At the minimax step h(N) the two witnesses balance", "[gd_constant_step_worst_case]") {
  const descent::ScopedDigits scoped_digits(mpfr_digits);
  for (int N : {1, 2, 3, 5, 10}) {
    CHECK_VERDICT(rates::dt_minimax(N));
    // independently: h(N) > 1 solves 1/(2Nh + 1) = (h - 1)^{2N}
    const Mpfr h = rates::minimax_step(N);
    CHECK(h > 1);
    CHECK(eq_within_tolerance(Mpfr(1 / (2 * N * h + 1)), power<Mpfr>(Mpfr(h - 1), 2 * N)));
  }
}

TEST_CASE("Without convexity the constant-step bound fails", "[gd_constant_step_worst_case]") {
  rc::prop("dropping convex: on the poor-local-minimum function for random N in 100..300, h in [1/2, 3/2] (mpfr)", [] {
    const descent::ScopedDigits scoped_digits(mpfr_digits);
    RC_ASSERT_VERDICT(rates::dt_nonconvex(*rc::gen::inRange(100, 301).as("N"), draw_q("h", 10, 31, 20)));
  });
}

// ---- pl_linear_rate ----
TEST_CASE("Overparameterized least squares with orthogonal columns is PL, converges linearly from 0 and never "
          "leaves range(Phi)",
          "[pl_linear_rate]") {
  rc::prop("exactly, for random Phi = [a u, b v] in R^{3x2} (u ⊥ v), random y, eta = 1/l, l = lambda_max(2 Phi^T Phi)",
           [] {
             const Vec<Q> u = draw_nonzero_vec("u", 3, -3, 4, 1);
             Vec<Q> w = draw_vec("w", 3, -3, 4, 1);
             Vec<Q> v = cross(u, w);
             if (v.squaredNorm() == 0) {  // w parallel to u: take any vector orthogonal to u
               v = u(0) != 0 || u(1) != 0 ? Vec<Q>((Vec<Q>(3) << -u(1), u(0), 0).finished())
                                          : Vec<Q>((Vec<Q>(3) << 1, 0, 0).finished());
             }
             const Vec<Q> null = cross(u, v);  // spans null(Phi^T)
             const Q a = draw_nonzero_q("a", -8, 9, 4), b = draw_nonzero_q("b", -8, 9, 4);
             Mat<Q> Phi(3, 2);
             Phi.col(0) = a * u;
             Phi.col(1) = b * v;
             const Vec<Q> y = draw_nonzero_vec("y", 2, -8, 9, 2);
             const Q d0 = a * a * u.squaredNorm(), d1 = b * b * v.squaredNorm();  // Phi^T Phi = diag(d0, d1)
             RC_ASSERT(Q(Phi.col(0).dot(Phi.col(1))) == 0);
             RC_ASSERT(Q(null.dot(Phi.col(0))) == 0);
             RC_ASSERT(Q(null.dot(Phi.col(1))) == 0);
             const Q ell = 2 * std::max(d0, d1), mu = 2 * std::min(d0, d1);
             const LeastSquares<Q> f(Phi, y);
             const int steps = *rc::gen::inRange(1, 13).as("steps");
             const auto wk = gd_iterates<Q>(f, Q(1 / ell), Vec<Q>::Zero(3), steps);
             const Q loss0 = f.value(wk[0]);
             RC_ASSERT(loss0 == y.squaredNorm());
             for (int k = 0; k <= steps; ++k) {
               const Vec<Q>& wkk = wk[static_cast<std::size_t>(k)];
               RC_ASSERT(Q(null.dot(wkk)) == 0);
               // the residual r_k = Phi^T w_k - y contracts along each example by (1 - 2 d_i/l)
               const Q c0 = 1 - 2 * d0 / ell, c1 = 1 - 2 * d1 / ell;
               const Q closed = power<Q>(Q(c0 * c0), k) * y(0) * y(0) + power<Q>(Q(c1 * c1), k) * y(1) * y(1);
               RC_ASSERT(f.value(wkk) == closed);
               RC_ASSERT(f.value(wkk) <= power<Q>(Q(1 - mu / ell), k) * loss0);
             }
           });
}

TEST_CASE("The lesson's overparameterized instance: linear rate, minimum-norm limit, and its failure off range(Phi)",
          "[pl_linear_rate]") {
  rc::prop("for random K: the rate (K in 1..40), the minimum-norm limit (K in 30..50), the offset start (dropping "
           "zero_start, K in 1..50)",
           [] {
             RC_ASSERT_VERDICT(rates::overparameterized_rate(*rc::gen::inRange(1, 41).as("K for the rate")));
             RC_ASSERT_VERDICT(rates::overparameterized_min_norm(*rc::gen::inRange(30, 51).as("K for the limit")));
             RC_ASSERT_VERDICT(rates::overparameterized_offset_start(*rc::gen::inRange(1, 51).as("K off range")));
           });
}

TEST_CASE("x^2 + 3 sin^2 x is PL with mu = 1/32 though not convex, and GD with 1/8 converges linearly",
          "[pl_linear_rate]") {
  const descent::ScopedDigits scoped_digits(mpfr_digits);
  CHECK_VERDICT(rates::pl_inequality_sin());
  rc::prop("for random x_0 in [-10, 10] and K in 1..100 (mpfr)", [] {
    const descent::ScopedDigits scoped_digits(mpfr_digits);
    RC_ASSERT_VERDICT(rates::pl_rate_sin(draw_nonzero_q("x0", -40, 41, 4), *rc::gen::inRange(1, 101).as("K")));
  });
}

TEST_CASE("Without PL, a stationary point above f* stops the linear rate", "[pl_linear_rate]") {
  const descent::ScopedDigits scoped_digits(mpfr_digits);
  for (int K : {3000, 6000}) CHECK_VERDICT(rates::pl_fails_with_poor_minimum(K));
}

// =====================================================================================
// Lesson 10
// =====================================================================================

// ---- decaying_schedules ----
TEST_CASE("Scheduled GD on a w^2/2 multiplies w by 1 - a eta_k at each step", "[decaying_schedules]") {
  rc::prop("exactly, for random a, eta_0, w_0, K <= 12: inverse, inverse_square and constant against products written "
           "in the test",
           [] {
             const Q a = draw_q("a", 1, 21, 4), eta0 = draw_q("eta0", 1, 41, 20), w0 = draw_nonzero_q("w0", -20, 21, 4);
             const int K = *rc::gen::inRange(1, 13).as("K");
             const auto f = half_square<Q>(a);
             const auto inv = scheduled_iterates<Q>(f, eta0, Schedule<Q>::inverse(), scalar_vec(w0), K);
             const auto sq = scheduled_iterates<Q>(f, eta0, Schedule<Q>::inverse_square(), scalar_vec(w0), K);
             const auto cst = scheduled_iterates<Q>(f, eta0, Schedule<Q>::constant(), scalar_vec(w0), K);
             Q p_inv = w0, p_sq = w0;
             for (int k = 0; k < K; ++k) {
               p_inv *= 1 - a * eta0 / (k + 1);
               p_sq *= 1 - a * eta0 / ((k + 1) * (k + 1));
               RC_ASSERT(inv[static_cast<std::size_t>(k + 1)](0) == p_inv);
               RC_ASSERT(sq[static_cast<std::size_t>(k + 1)](0) == p_sq);
             }
             RC_ASSERT(cst.back()(0) == w0 * power<Q>(Q(1 - a * eta0), K));
           });
}

TEST_CASE("Harmonic steps converge like C(2k, k)/4^k; summable steps stop short", "[decaying_schedules]") {
  rc::prop("the closed form of eta_k = 1/(2(k + 1)) for random K in 1..30", [] {
    RC_ASSERT_VERDICT(schedules::inverse_closed_form(*rc::gen::inRange(1, 31).as("K")));
  });
  rc::prop("dropping sum_infinite: eta_k = 1/(4(k + 1)^2) leaves w_K > 3/5 > w_0/10 for random K in 1..60", [] {
    const int K = *rc::gen::inRange(1, 61).as("K");
    RC_ASSERT_VERDICT(schedules::inverse_square_stops(K));
    // independently: w_K = prod_{j <= K} (1 - 1/(4 j^2)) decreases to 2/pi > 3/5
    Q w = 1;
    for (int j = 1; j <= K; ++j) w *= 1 - Q(1, 4 * j * j);
    RC_ASSERT(w > Q(3, 5));
  });
  rc::prop("tight in the limit: inverse_square for random eta_0 in (0, 1), K in 20..400 (mpfr)", [] {
    const descent::ScopedDigits scoped_digits(mpfr_digits);
    RC_ASSERT_VERDICT(schedules::inverse_square_limit(draw_q("eta0", 1, 40, 40), *rc::gen::inRange(20, 401).as("K")));
  });
  rc::prop("tight in the limit: exponential decay by ln 2 for random K in 2..60 (mpfr)", [] {
    const descent::ScopedDigits scoped_digits(mpfr_digits);
    RC_ASSERT_VERDICT(schedules::exponential_limit(*rc::gen::inRange(2, 61).as("K")));
  });
}

TEST_CASE("eta/sqrt(t + 1) is not a 1/t decay", "[decaying_schedules]") {
  const descent::ScopedDigits scoped_digits(mpfr_digits);
  CHECK_VERDICT(schedules::seed_one_over_t());
  // independently: the inv_sqrt factor is 1/sqrt(k + 1), so (k + 1) m_k = sqrt(k + 1) grows
  Schedule<Mpfr> s = Schedule<Mpfr>::inv_sqrt();
  for (int k : {0, 3, 8, 99}) {
    using std::sqrt;
    const Mpfr m = s.factor(k, Mpfr(0));
    CHECK(eq_within_tolerance(Mpfr((k + 1) * m), sqrt(Mpfr(k + 1))));
  }
}

// ---- noise_floor ----
TEST_CASE("With sign noise the mean of e_K^2 over all 2^K sequences equals its closed form", "[noise_floor]") {
  rc::prop("tight, exactly, for random a, eta with 0 < eta a < 2, sigma, e_0 and K in 1..8; independently, by a "
           "breadth-first enumeration, E[e_K^2] - F = (1 - eta a)^{2K} (e_0^2 - F) with F the exact fixed point",
           [] {
             const Q a = draw_q("a", 1, 41, 4);
             const Q eta = draw_q("eta a", 1, 40, 20) / a;  // eta a in (0, 2)
             const Q sigma = draw_q("sigma", 1, 21, 4), e0 = draw_q("e0", -20, 21, 4);
             const int K = *rc::gen::inRange(1, 9).as("K");
             RC_ASSERT_VERDICT(schedules::enumerated_second_moment(a, eta, sigma, e0, K));
             const Q c = 1 - eta * a;
             // the stationary second moment: m = c^2 m + eta^2 sigma^2, solved exactly
             const Q F = eta * eta * sigma * sigma / (1 - c * c);
             RC_ASSERT(c * c * F + eta * eta * sigma * sigma == F);
             RC_ASSERT(F == eta * sigma * sigma / (a * (2 - eta * a)));  // the claim's floor
             std::vector<Q> errors{e0};
             for (int k = 0; k < K; ++k) {
               std::vector<Q> next;
               for (const auto& e : errors) {
                 next.push_back(c * e - eta * sigma);
                 next.push_back(c * e + eta * sigma);
               }
               errors = std::move(next);
             }
             Q mean = 0;
             for (const auto& e : errors) mean += e * e;
             mean /= Q(static_cast<long>(errors.size()));
             RC_ASSERT(mean - F == power<Q>(Q(c * c), K) * (e0 * e0 - F));
           });
}

TEST_CASE("From e_0 = 0 a constant step approaches its noise floor", "[noise_floor]") {
  rc::prop("tight in the limit, exactly, for random a, sigma and eta a in [1/10, 19/10]", [] {
    const Q a = draw_q("a", 1, 41, 4);
    const Q eta = draw_q("eta a", 2, 39, 20) / a;
    RC_ASSERT_VERDICT(schedules::floor_limit(a, eta, draw_q("sigma", 1, 21, 4)));
  });
}

TEST_CASE("Harmonic steps beat the floor, a constant or summable steps do not", "[noise_floor]") {
  rc::prop("independently: the recursion m_{k+1} = (1 - eta_k a)^2 m_k + eta_k^2 sigma^2 under eta_k = eta_0/(k + 1) "
           "equals the mean over all sign sequences (K in 1..8)",
           [] {
             const Q a = draw_q("a", 1, 21, 4), eta0 = draw_q("eta0", 1, 41, 20), sigma = draw_q("sigma", 1, 21, 4);
             const Q e0 = draw_q("e0", -20, 21, 4);
             const int K = *rc::gen::inRange(1, 9).as("K");
             Q m = e0 * e0;
             std::vector<Q> errors{e0};
             for (int k = 0; k < K; ++k) {
               const Q eta = eta0 / (k + 1), c = 1 - eta * a;
               m = c * c * m + eta * eta * sigma * sigma;
               std::vector<Q> next;
               for (const auto& e : errors) {
                 next.push_back(c * e - eta * sigma);
                 next.push_back(c * e + eta * sigma);
               }
               errors = std::move(next);
             }
             Q mean = 0;
             for (const auto& e : errors) mean += e * e;
             RC_ASSERT(mean / Q(static_cast<long>(errors.size())) == m);
           });
  rc::prop("tight, exactly: eta_k = eta_0/(k + 1) with eta_0 a = 1 gives E[e_K^2] = sigma^2/(a^2 K)", [] {
    const Q a = draw_q("a", 1, 17, 4);
    RC_ASSERT_VERDICT(schedules::decaying_second_moment(a, Q(1 / a), draw_q("sigma", 1, 9, 4),
                                                        *rc::gen::inRange(1, 201).as("K")));
  });
  rc::prop("dropping sum_squares_finite or sum_infinite: E[e_K^2] stays above a tenth of the floor (a constant eta "
           "with 0 < eta a < 2; eta_0/(k + 1)^2 with eta_0 a <= 1/2, sigma <= 1, a >= 1)",
           [] {
             const int K = *rc::gen::inRange(10, 101).as("K");
             if (*rc::gen::arbitrary<bool>().as("drop sum_squares_finite")) {
               const Q a = draw_q("a", 1, 41, 4);
               RC_ASSERT_VERDICT(schedules::second_moment_fails(a, draw_q("eta a", 1, 40, 20) / a,
                                                                draw_q("sigma", 1, 21, 4), K, "sum_squares_finite"));
             } else {
               const Q a = draw_q("a", 4, 41, 4);
               RC_ASSERT_VERDICT(schedules::second_moment_fails(a, draw_q("eta0 a", 1, 11, 20) / a,
                                                                draw_q("sigma", 1, 5, 4), K, "sum_infinite"));
             }
           });
}

TEST_CASE("The library's noisy quadratic (seed 42) shows the floor and its removal", "[noise_floor]") {
  CHECK_VERDICT(schedules::seeded_floor(1.0, 0.1, 1.0));
  CHECK_VERDICT(schedules::seeded_decay(1.0, 2000));
  CHECK_VERDICT(schedules::plateau_second_moment(Q(1, 10), 20000));
}

// ---- escape_then_decay ----
TEST_CASE("A step above 2 eta_opt can land on the minimizer", "[escape_then_decay]") {
  rc::prop("landings exist (the measure-zero starts the claim excepts): in the Pythagorean family x_0 = (p^2 - "
           "q^2)/(2pq), eta = sqrt(1 + x_0^2) > 2 gives x_1 = 0 exactly, and GD stays there",
           [] {
             const int q = *rc::gen::inRange(1, 8).as("q");
             const int p = 4 * q + *rc::gen::inRange(0, 21).as("p - 4q");  // p/q >= 4: x_0 >= 15/8, eta >= 17/8
             const Q x0(p * p - q * q, 2 * p * q), s(p * p + q * q, 2 * p * q);
             RC_ASSERT(s > 2);  // eta > 2 eta_opt = 2/f''(0) = 2
             RC_ASSERT(s * s == 1 + x0 * x0);
             const SqrtOnePlusSquare f;
             const auto x = gd_iterates<Q>(f, s, scalar_vec(x0), 3);
             for (std::size_t k = 1; k < x.size(); ++k) RC_ASSERT(x[k](0) == 0);
             RC_ASSERT(f.value(x[1]) == 1);  // f* = f(0) = 1
             RC_ASSERT(f.hessian(x[1])(0, 0) == 1);
           });
}

TEST_CASE("On the poor-local-minimum function a large step escapes the dip and a decay then settles (mpfr)",
          "[escape_then_decay]") {
  const descent::ScopedDigits scoped_digits(mpfr_digits);
  const auto m = rates::poor_minima();
  // 2/f''(x_loc) ≈ 0.0977 < eta < 2/f''(x*) ≈ 2.047: a constant step cannot settle at x_loc
  for (const Q& eta : {Q(1, 10), Q(3, 25), Q(1, 5), Q(1, 2), Q(1), Q(3, 2), Q(2)}) {
    INFO("constant eta = " << eta);
    REQUIRE(from_rational<Mpfr>(eta) > 2 / m.curvature_local);
    REQUIRE(from_rational<Mpfr>(eta) < 2 / m.curvature_global);
    CHECK_VERDICT(schedules::constant_large_step_escapes(eta, 200));
    // independently, the claim as stated: GD does not converge to x_loc (stepped here, by hand)
    const PoorLocalMinimum<Mpfr> f;
    const auto x = gd_iterates<Mpfr>(f, from_rational<Mpfr>(eta), scalar_vec(Mpfr(Mpfr(9) / 4)), 200);
    CHECK(abs(Mpfr(x.back()(0) - m.x_local)) > Mpfr(1) / 1000000);
  }
  for (const Q& eta0 : {Q(2), Q(5, 2), Q(3), Q(4)}) {
    INFO("inverse schedule, eta_0 = " << eta0);
    CHECK_VERDICT(schedules::escape_with_decay(eta0, 1000));
  }
  for (const Q& eta0 : {Q(1, 50), Q(1, 20), Q(9, 100)}) {
    INFO("dropping large_step, eta_0 = " << eta0);
    REQUIRE(from_rational<Mpfr>(eta0) < 2 / m.curvature_local);
    CHECK_VERDICT(schedules::small_start_stuck(eta0, 1000));
  }
  for (const Q& eta : {Q(21, 10), Q(5, 2), Q(3)}) {
    INFO("dropping decay, constant eta = " << eta);
    REQUIRE(from_rational<Mpfr>(eta) > 2 / m.curvature_global);
    CHECK_VERDICT(schedules::no_decay_no_solution(eta, 200));
  }
}

// ---- silver_schedule_rate ----
TEST_CASE("The silver steps are 1 + rho^{nu(i) - 1}", "[silver_schedule_rate]") {
  const descent::ScopedDigits scoped_digits(mpfr_digits);
  using std::sqrt;
  const Mpfr rho = 1 + sqrt(Mpfr(2));
  Schedule<Mpfr> s = Schedule<Mpfr>::silver();
  for (int k = 0; k < 64; ++k) {
    int nu = 0;
    for (int i = k + 1; i % 2 == 0; i /= 2) ++nu;
    const Mpfr h = 1 + pow(rho, Mpfr(nu - 1));
    INFO("step " << k + 1);
    CHECK(eq_within_tolerance(s.factor(k, Mpfr(0)), h));
  }
}

TEST_CASE("n = 2^k - 1 silver steps: f(x_n) - f* <= L R^2/(1 + sqrt(4 rho^{2k} - 3))", "[silver_schedule_rate]") {
  const descent::ScopedDigits scoped_digits(mpfr_digits);
  for (int k = 1; k <= 5; ++k) CHECK_VERDICT(schedules::silver_instances(k));
  rc::prop("on random rotated Huber sums in dimension 2 to 3 for k in 1..4, at 30 digits, r_k computed here", [] {
    const descent::ScopedDigits scoped_digits(mpfr_digits);
    using std::sqrt;
    const int n = *rc::gen::inRange(2, 4).as("n");
    const int k = *rc::gen::inRange(1, 5).as("k");
    const RandomHuber hb = draw_rotated_huber(n);
    std::vector<Mpfr> delta, curvature;
    for (int i = 0; i < n; ++i) {
      delta.push_back(from_rational<Mpfr>(hb.delta[static_cast<std::size_t>(i)]));
      curvature.push_back(from_rational<Mpfr>(hb.curvature[static_cast<std::size_t>(i)]));
    }
    const rates::RotatedHuber<Mpfr> f(convert<Mpfr>(hb.rot), delta, curvature);
    const Mpfr L = from_rational<Mpfr>(hb.L);
    const Vec<Mpfr> x0 = convert<Mpfr>(draw_nonzero_vec("x0", n, -12, 13, 2));
    const int steps = (1 << k) - 1;
    const auto x = scheduled_iterates<Mpfr>(f, Mpfr(1 / L), Schedule<Mpfr>::silver(), x0, steps);
    const Mpfr rho = 1 + sqrt(Mpfr(2));
    const Mpfr r = 1 / (1 + sqrt(Mpfr(4 * pow(rho, Mpfr(2 * k)) - 3)));
    RC_ASSERT(eq_within_tolerance(r, schedules::silver_rate(k)));
    const Mpfr gap = f.value(x.back()), bound = r * L * x0.squaredNorm();
    RC_LOG() << "f(x_n) = " << gap << ", bound " << bound << "\n";
    RC_ASSERT(le_within_tolerance(gap, bound));
  });
}

TEST_CASE("Silver steps above 2/L raise f, and the bound needs the horizon n = 2^k - 1", "[silver_schedule_rate]") {
  const descent::ScopedDigits scoped_digits(mpfr_digits);
  CHECK_VERDICT(schedules::silver_step_increase());
  using std::sqrt;
  const Mpfr rho = 1 + sqrt(Mpfr(2));
  for (int j = 2; j <= 6; ++j) {
    INFO("j = " << j);
    CHECK_VERDICT(schedules::silver_needs_horizon(j));
    // independently: on x^2/2 from 1, prod_{i <= 2^j} (1 - h_i)^2 = rho^{-2}, so f(x_{2^j}) = rho^{-2}/2
    const auto x = scheduled_iterates<Mpfr>(half_square<Mpfr>(Mpfr(1)), Mpfr(1), Schedule<Mpfr>::silver(),
                                            scalar_vec(Mpfr(1)), 1 << j);
    const Mpfr fn = x.back()(0) * x.back()(0) / 2;
    CHECK(eq_within_tolerance(fn, Mpfr(1 / (2 * rho * rho))));
    CHECK(fn > schedules::silver_rate(j));
  }
  for (int k = 8; k <= 10; ++k) CHECK_VERDICT(schedules::silver_beats_constant(k));
}
