// RapidCheck properties of lesson 13 (Rprop and QuickProp), all in exact rational arithmetic:
// random parabolas, growth and shrink factors, limits and starts for seed 002's pseudo-code,
// random quadratics for the Rprop family (with torch.optim.Rprop transcribed here) and for
// QuickProp's secant step and Fahlman's cap (the rules written out here).
#include <catch2/catch.hpp>
#include <rapidcheck/catch.h>

#include <algorithm>
#include <vector>

#include "descent/optimizers/quickprop.hpp"
#include "descent/optimizers/sign_based.hpp"
#include "generators.hpp"
#include "rprop_checks.hpp"
#include "verdict_asserts.hpp"

using namespace descent;
using namespace descent::claims;
using namespace descent::testing;

namespace {
Quadratic<Q> parabola(const Q& a, const Q& c) { return quadratic_1d<Q>(a, Q(-a * c), Q(0)); }
RpropOptions<Q> options(const Q& alpha, const Q& beta, const Q& d0, const Q& dmin, const Q& dmax) {
  RpropOptions<Q> o;
  o.eta_plus = alpha;
  o.eta_minus = beta;
  o.delta0 = d0;
  o.delta_min = dmin;
  o.delta_max = dmax;
  return o;
}
Quadratic<Q> random_quadratic(int n, const Q& scale) {
  const auto spectrum = draw_spectrum(n, 1, 40, 4);
  const Mat<Q> R = draw_rotation(n);
  Mat<Q> D = Mat<Q>::Zero(n, n);
  for (int i = 0; i < n; ++i) D(i, i) = spectrum[static_cast<std::size_t>(i)];
  return Quadratic<Q>(Mat<Q>(scale * (R * D * R.transpose())), Vec<Q>(scale * draw_vec("b", n, -10, 11, 4)), Q(0));
}
}  // namespace

TEST_CASE("rprop_notes_pseudocode: lesson", "[rprop_notes_pseudocode]") {
  for (const auto& v : {rprop::literal_runs_away(200), rprop::magnitude_converges(Q(6, 5), Q(1, 2), 200),
                        rprop::uncapped_converges(Q(6, 5), Q(1, 2), 2000), rprop::literal_ceiling_fails(30),
                        rprop::notes_stall_coupled(500)})
    CHECK_VERDICT(v);
}

TEST_CASE("rprop_notes_pseudocode: random", "[rprop_notes_pseudocode]") {
  rc::prop("the length reading ends within D_min; as written it equals it from above and runs away from below", [] {
    const Q alpha = draw_q("alpha", 11, 21, 10), beta = draw_q("beta", 1, 10, 10);
    const Q c = draw_q("w*", -20, 21, 4), d = draw_nonzero_q("w0 - w*", -20, 21, 2);
    const Q dmin(1, 1000), dmax(1);
    const auto f = parabola(draw_q("a", 1, 20, 4), c);
    const auto o = options(alpha, beta, Q(1, 10), dmin, dmax);
    Rprop<Q> mag(RpropVariant::notes_magnitude, o), lit(RpropVariant::notes_literal, o);
    const auto p = stepped<Q>(f, mag, scalar_vec<Q>(Q(c + d)), 400);
    for (std::size_t k = p.size() - 5; k < p.size(); ++k) RC_ASSERT(abs_value(Q(p[k](0) - c)) <= dmin);
    const auto q = stepped<Q>(f, lit, scalar_vec<Q>(Q(c + d)), 400);
    if (d > 0) {
      for (std::size_t k = 0; k < p.size(); ++k) RC_ASSERT(p[k](0) == q[k](0));  // Δw > 0: min and max act on the length
    } else {
      RC_ASSERT(abs_value(Q(q.back()(0) - c)) > Q(1));
    }
  });
  rc::prop("the second display (no limits) converges to the minimizer from one side", [] {
    const Q alpha = draw_q("alpha", 11, 21, 10), beta = draw_q("beta", 1, 10, 10);
    const Q c = draw_q("w*", -20, 21, 4), d = draw_nonzero_q("w0 - w*", -20, 21, 2);
    Rprop<Q> opt(RpropVariant::notes_uncapped, options(alpha, beta, Q(1, 10), Q(0), Q(1000000)));
    const auto p = stepped<Q>(parabola(Q(1), c), opt, scalar_vec<Q>(Q(c + d)), 600);
    RC_ASSERT(abs_value(Q(p.back()(0) - c)) <= Q(1, 1000));
  });
}

TEST_CASE("rprop_poll3: lesson", "[rprop_poll3]") {
  for (const auto& v : {rprop::reverts_and_shrinks(Q(6, 5), Q(1, 2)), rprop::keeps_direction(Q(6, 5), Q(1, 2)),
                        rprop::irprop_minus_does_not_revert()})
    CHECK_VERDICT(v);
}

TEST_CASE("rprop_poll3: random", "[rprop_poll3]") {
  rc::prop("the lesson's checks for random alpha, beta; Rprop+ also returns to the earlier estimate", [] {
    const Q alpha = draw_q("alpha", 11, 31, 10), beta = draw_q("beta", 1, 10, 10);
    RC_ASSERT_VERDICT(rprop::reverts_and_shrinks(alpha, beta));
    RC_ASSERT_VERDICT(rprop::keeps_direction(alpha, beta));
    const Q c = draw_q("w*", -20, 21, 4), d = draw_nonzero_q("w0 - w*", -20, 21, 2);
    const auto f = parabola(Q(1), c);
    Rprop<Q> opt(RpropVariant::rprop_plus, options(alpha, beta, Q(1, 2), Q(0), Q(1000)));
    const auto p = stepped<Q>(f, opt, scalar_vec<Q>(Q(c + d)), 200);
    for (std::size_t k = 1; k + 1 < p.size(); ++k)
      if (sign_of(f.gradient(p[k])(0)) * sign_of(f.gradient(p[k - 1])(0)) < 0) {
        RC_ASSERT(p[k + 1](0) == p[k - 1](0));  // Rprop+ backtracks: the earlier estimate
        return;
      }
  });
}

TEST_CASE("rprop_variants: lesson", "[rprop_variants]") {
  for (const auto& v : {rprop::pytorch_is_irprop_minus(40), rprop::scale_invariant(30), rprop::negative_scale(30),
                        rprop::variants_differ(30)})
    CHECK_VERDICT(v);
}

TEST_CASE("rprop_variants: random", "[rprop_variants]") {
  rc::prop("torch.optim.Rprop transcribed = the library's iRprop-; every variant the same on f and c f, c > 0", [] {
    const int n = *rc::gen::inRange(1, 4).as("n");
    const Q c = draw_q("c", 1, 50, 7);
    const auto f = random_quadratic(n, Q(1));
    const Quadratic<Q> scaled(Mat<Q>(c * f.A()), Vec<Q>(c * f.b()), Q(0));
    RpropOptions<Q> o;
    o.eta_minus = draw_q("eta_minus", 1, 10, 10);
    o.eta_plus = draw_q("eta_plus", 11, 30, 10);
    o.delta_min = Q(1, 10000);
    o.delta_max = draw_q("D_max", 1, 20, 4);
    o.delta0 = std::min<Q>(draw_q("D_0", 1, 20, 20), o.delta_max);
    const Vec<Q> x0 = draw_vec("x0", n, -10, 11, 2);
    const int steps = *rc::gen::inRange(1, 25).as("steps");
    Rprop<Q> lib(RpropVariant::irprop_minus, o);
    const auto p = stepped<Q>(f, lib, x0, steps);
    Vec<Q> x = x0, prev = Vec<Q>::Zero(n), step = Vec<Q>::Constant(n, o.delta0);
    for (int k = 1; k <= steps; ++k) {
      Vec<Q> g = f.gradient(x);
      for (int i = 0; i < n; ++i) {
        const int s = sign_of(Q(g(i) * prev(i)));
        step(i) = std::min<Q>(std::max<Q>(Q(step(i) * (s > 0 ? o.eta_plus : s < 0 ? o.eta_minus : Q(1))), o.delta_min),
                              o.delta_max);
        if (s < 0) g(i) = 0;
        x(i) -= Q(sign_of(g(i))) * step(i);
        prev(i) = g(i);
      }
      RC_ASSERT(Vec<Q>(p[static_cast<std::size_t>(k)]) == x);
    }
    for (RpropVariant v : {RpropVariant::rprop_plus, RpropVariant::rprop_minus, RpropVariant::irprop_plus,
                           RpropVariant::irprop_minus, RpropVariant::notes_magnitude}) {
      Rprop<Q> a(v, o), b(v, o);
      const auto u = stepped<Q>(f, a, x0, steps), w = stepped<Q>(scaled, b, x0, steps);
      for (std::size_t k = 0; k < u.size(); ++k) RC_ASSERT(Vec<Q>(u[k]) == Vec<Q>(w[k]));
    }
  });
}

TEST_CASE("quickprop_secant: lesson", "[quickprop_secant]") {
  for (const auto& v : {rprop::one_secant_step(), rprop::separable_secant(), rprop::rotated_secant(),
                        rprop::seed002_sign(), rprop::seed002_missing_factor(), rprop::cap_attained(),
                        rprop::jacobi_diverges(20)})
    CHECK_VERDICT(v);
  const descent::ScopedDigits scoped_digits(30);
  for (const auto& v : {rprop::nonquadratic_secant(), rprop::growth_capped(100), rprop::uncapped_growth(100)}) CHECK_VERDICT(v);
}

TEST_CASE("quickprop_secant: random", "[quickprop_secant]") {
  rc::prop("the notes' QuickProp lands on the minimizer of a separable quadratic at step 2 (exact)", [] {
    const int n = *rc::gen::inRange(1, 4).as("n");
    Mat<Q> A = Mat<Q>::Zero(n, n);
    for (int i = 0; i < n; ++i) A(i, i) = draw_q("a_" + std::to_string(i), 1, 100, 8);
    const Vec<Q> b = draw_vec("b", n, -10, 11, 3), x0 = draw_vec("x0", n, -10, 11, 2);
    const Quadratic<Q> f(A, b, Q(0));
    const Vec<Q> xstar = A.diagonal().cwiseInverse().cwiseProduct(b);
    const Q eps = draw_q("eps", 1, 50, 100);
    RC_PRE(((A * x0 - b).array() != Q(0)).all());  // a zero slope stays put at step 1: no secant yet
    RC_PRE(((A.diagonal() * eps).array() != Q(1)).all());  // ε a = 1: step 1 lands on x*, slopes equal
    QuickProp<Q> opt(eps, Q(7, 4), QuickPropVariant::notes);
    const auto p = stepped<Q>(f, opt, x0, 2);
    RC_ASSERT(Vec<Q>(p[2]) == xstar);
  });
  rc::prop("Fahlman's rule, written out here, equals the library's and never exceeds mu|Delta| + eps|S| (exact)", [] {
    const int n = *rc::gen::inRange(1, 3).as("n");
    const auto f = random_quadratic(n, Q(1));
    const Q eps = draw_q("eps", 1, 50, 100), mu = draw_q("mu", 11, 40, 10);
    const Vec<Q> x0 = draw_vec("x0", n, -10, 11, 2);
    QuickProp<Q> opt(eps, mu, QuickPropVariant::fahlman);
    const auto p = stepped<Q>(f, opt, x0, 6);
    Vec<Q> x = x0, last = Vec<Q>::Zero(n), slope = Vec<Q>::Zero(n);
    for (int k = 1; k <= 6; ++k) {
      const Vec<Q> s = f.gradient(x);
      for (int i = 0; i < n; ++i) {
        Q d;
        if (last(i) == 0) {
          d = -eps * s(i);
        } else {
          const Q dir(sign_of(last(i)));
          if (s(i) == slope(i) && dir * s(i) > 0) d = -eps * s(i);
          else if (dir * s(i) < mu / (1 + mu) * dir * slope(i)) d = mu * last(i);
          else d = last(i) * s(i) / (slope(i) - s(i));
          if (-s(i) * dir > 0) d -= eps * s(i);
          if (dir * slope(i) < 0)  // the last step went downhill: the cap binds
            RC_ASSERT(abs_value(d) <= mu * abs_value(last(i)) + eps * abs_value(s(i)));
        }
        x(i) += d;
        last(i) = d;
        slope(i) = s(i);
      }
      RC_ASSERT(Vec<Q>(p[static_cast<std::size_t>(k)]) == x);
    }
  });
}
