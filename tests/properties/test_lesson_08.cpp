// RapidCheck properties of lesson 08 (momentum): every claim over random instances, in
// exact rational arithmetic (random rational η, β, exactly orthogonal rotations, κ a
// rational square), in mpfr for the irrational √κ and in double for iteration counts. Each
// property asserts the verdict of the same check the lesson runs; counterexample and
// refutation properties draw instances where the hypothesis is dropped (or the notes' rule
// applies) and assert that the check fails as predicted. Independent assertions recompute
// the methods by hand-written loops (heavy ball in the notes' form, PyTorch's Nesterov, the
// Beck–Teboulle t_k scheme) and compare them with descent::Momentum.
#include <catch2/catch.hpp>
#include <rapidcheck/catch.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "descent/optimizers/momentum.hpp"
#include "descent/optimizers/schedules.hpp"
#include "descent/problems/test_functions.hpp"
#include "generators.hpp"
#include "momentum_checks.hpp"
#include "verdict_asserts.hpp"

using namespace descent;
using namespace descent::claims;
using namespace descent::testing;

namespace {
// ½(x − x*)ᵀA(x − x*) as ½xᵀAx − bᵀx + c, b = Ax*, with A = R diag(λ) Rᵀ, R a random
// exactly orthogonal matrix: minimizer x*, f* = 0.
Quadratic<Q> centred_quadratic(const std::vector<Q>& lambda, const Vec<Q>& x_star) {
  const int n = static_cast<int>(lambda.size());
  const Mat<Q> A = with_spectrum<Q>(draw_rotation(n), lambda);
  const Vec<Q> b = A * x_star;
  return Quadratic<Q>(A, b, Q(x_star.dot(b) / 2));
}
// A start x0 = x* + e with e ≠ 0 (so that ∇f(x0) ≠ 0 on a positive definite quadratic).
Vec<Q> draw_momentum_start(const Vec<Q>& x_star) {
  Vec<Q> e = draw_vec("e", static_cast<int>(x_star.size()), -20, 21, 4);
  if (e.squaredNorm() == 0) e(0) = 1;
  return x_star + e;
}
}  // namespace

// ---- heavy_ball_forms ----
TEST_CASE("The heavy-ball forms (notes, seed 003, PyTorch) agree on random quadratics and on the Lessard function",
          "[heavy_ball_forms]") {
  rc::prop("exactly, on random rotated positive definite quadratics in dimension 1 to 3", [] {
    const int n = *rc::gen::inRange(1, 4).as("n");
    const Vec<Q> x_star = draw_vec("x*", n, -10, 11, 2);
    const auto f = centred_quadratic(draw_spectrum(n, 1, 40, 4), x_star);
    const Q eta = draw_q("eta", 1, 21, 40), beta = draw_q("beta", 0, 20, 20);
    RC_ASSERT_VERDICT(momentum::heavy_ball_forms_agree(f, draw_momentum_start(x_star), eta, beta, *rc::gen::inRange(1, 9).as("steps")));
  });
  rc::prop("exactly, on the Lessard function (mu = 1, L = 25) from random x_0", [] {
    const Lessard<Q> f(Q(1), Q(25));
    const Q eta = draw_q("eta", 1, 11, 100), beta = draw_q("beta", 0, 20, 20);
    RC_ASSERT_VERDICT(momentum::heavy_ball_forms_agree(f, scalar_vec(draw_q("x0", -40, 41, 10)), eta, beta,
                                                       *rc::gen::inRange(1, 11).as("steps")));
  });
}

TEST_CASE("Under eta_k = eta/(k + 1) the notes' and PyTorch's heavy ball part at step 2", "[heavy_ball_forms]") {
  rc::prop("dropping constant_eta: for beta > 0 and grad f(x_0) != 0 the difference is -beta (eta_0 - eta_1) grad f(x_0)",
           [] {
             const int n = *rc::gen::inRange(1, 4).as("n");
             const Vec<Q> x_star = draw_vec("x*", n, -10, 11, 2);
             const auto f = centred_quadratic(draw_spectrum(n, 1, 40, 4), x_star);
             const Vec<Q> x0 = draw_momentum_start(x_star);
             const Q eta = draw_q("eta", 1, 21, 40), beta = draw_q("beta", 1, 20, 20);
             RC_ASSERT_VERDICT(momentum::heavy_ball_forms_under_schedule(f, x0, eta, beta));
             // independently: the two forms under the schedule, stepped by hand (no runner)
             Scheduled<Q> notes(std::make_unique<Momentum<Q>>(eta, beta, MomentumForm::notes, false),
                                Schedule<Q>::inverse());
             Scheduled<Q> torch(std::make_unique<Momentum<Q>>(eta, beta, MomentumForm::pytorch, false),
                                Schedule<Q>::inverse());
             const auto a = stepped<Q>(f, notes, x0, 2), b = stepped<Q>(f, torch, x0, 2);
             RC_ASSERT(a[1] == b[1]);
             RC_ASSERT(Vec<Q>(a[2] - b[2]) == Vec<Q>(-beta * (eta - eta / 2) * f.gradient(x0)));
             RC_ASSERT_VERDICT(momentum::heavy_ball_schedule_difference(f, x0, eta, beta));
           });
}

TEST_CASE("Under eta_k = eta/(k + 1) PyTorch's Nesterov iterate is no longer the notes' look-ahead point",
          "[nesterov_forms]") {
  rc::prop("dropping constant_eta: for beta > 0, grad f(x_0) != 0 and at least 2 steps the forms part", [] {
    const int n = *rc::gen::inRange(1, 4).as("n");
    const Vec<Q> x_star = draw_vec("x*", n, -10, 11, 2);
    const auto f = centred_quadratic(draw_spectrum(n, 1, 40, 4), x_star);
    RC_ASSERT_VERDICT(momentum::nesterov_forms_under_schedule(f, draw_momentum_start(x_star), draw_q("eta", 1, 21, 40),
                                                              draw_q("beta", 1, 20, 20), *rc::gen::inRange(2, 6).as("steps")));
  });
}

TEST_CASE("Gradient descent's iteration matrix is normal: ||x_t|| <= rho^t ||x_0|| holds", "[heavy_ball_quadratic_rate]") {
  CHECK_VERDICT(momentum::gd_naive_bound(40));
}

TEST_CASE("From 33/10 the exact heavy-ball trajectory is drawn into the Lessard 3-cycle", "[heavy_ball_not_global]") {
  CHECK_VERDICT(momentum::lessard_distance_to_cycle(200));
}

TEST_CASE("Momentum in the notes' form is x_{k+1} = x_k - eta grad f(x_k) + beta (x_k - x_{k-1}), in both forms",
          "[heavy_ball_forms]") {
  rc::prop("a hand-written loop on a random 2x2 quadratic, from a random x_{-1}, equals descent::Momentum exactly", [] {
    Mat<Q> A(2, 2);
    const Q a11 = draw_q("a11", 1, 41, 4), a22 = draw_q("a22", 1, 41, 4), a12 = draw_q("a12", -20, 21, 4);
    A << a11, a12, a12, a22;  // any symmetric matrix: the identity needs no convexity
    const Quadratic<Q> f(A, draw_vec("b", 2, -20, 21, 4), Q(0));
    const Vec<Q> x0 = draw_vec("x0", 2, -20, 21, 4);
    const bool with_v0 = *rc::gen::arbitrary<bool>().as("x_{-1} != x_0");
    const Vec<Q> x_prev0 = with_v0 ? draw_vec("x_{-1}", 2, -20, 21, 4) : x0;
    const Q eta = draw_q("eta", 1, 21, 40), beta = draw_q("beta", 0, 20, 20);
    const int steps = *rc::gen::inRange(1, 9).as("steps");
    std::vector<Vec<Q>> hand{x0};
    Vec<Q> x = x0, x_prev = x_prev0;
    for (int k = 0; k < steps; ++k) {
      const Vec<Q> g = A * x - f.b();  // the gradient written out, not f.gradient
      const Vec<Q> next = x - eta * g + beta * (x - x_prev);
      x_prev = x;
      x = next;
      hand.push_back(x);
    }
    for (const MomentumForm form : {MomentumForm::notes, MomentumForm::pytorch}) {
      Momentum<Q> m(eta, beta, form, false);
      if (with_v0) m.set_initial_step(Vec<Q>(x0 - x_prev0));
      const auto lib = stepped<Q>(f, m, x0, steps);
      for (int k = 0; k <= steps; ++k) RC_ASSERT(lib[static_cast<std::size_t>(k)] == hand[static_cast<std::size_t>(k)]);
    }
  });
}

// ---- nesterov_forms ----
TEST_CASE("PyTorch's Nesterov iterate is the notes' look-ahead point and seed 002's pseudo-code gives the notes' x_k",
          "[nesterov_forms]") {
  rc::prop("exactly, on random rotated positive definite quadratics", [] {
    const int n = *rc::gen::inRange(1, 4).as("n");
    const Vec<Q> x_star = draw_vec("x*", n, -10, 11, 2);
    const auto f = centred_quadratic(draw_spectrum(n, 1, 40, 4), x_star);
    const Q eta = draw_q("eta", 1, 21, 40), beta = draw_q("beta", 0, 20, 20);
    RC_ASSERT_VERDICT(momentum::nesterov_forms_agree(f, draw_momentum_start(x_star), eta, beta, *rc::gen::inRange(1, 8).as("steps")));
  });
  rc::prop("exactly, on the Lessard function from random x_0", [] {
    const Lessard<Q> f(Q(1), Q(25));
    RC_ASSERT_VERDICT(momentum::nesterov_forms_agree(f, scalar_vec(draw_q("x0", -40, 41, 10)), draw_q("eta", 1, 11, 100),
                                                     draw_q("beta", 0, 20, 20), *rc::gen::inRange(1, 9).as("steps")));
  });
}

TEST_CASE("Seed 003's look-ahead x + beta v with x <- x + eta v is not Nesterov's method for eta != 1", "[nesterov_forms]") {
  rc::prop("refutes seed 003 line 94 on a x^2/2 for random a > 0, eta != 1, beta > 0, x_0 != 0, from step 2", [] {
    Q eta = draw_q("eta", 1, 40, 20);
    if (eta == 1) eta = Q(1, 2);
    const Q x0 = draw_nonzero_q("x0", -20, 21, 4);
    const Quadratic<Q> f(Mat<Q>::Constant(1, 1, draw_q("a", 1, 41, 4)), Vec<Q>::Zero(1), Q(0));
    RC_ASSERT_VERDICT(momentum::seed_lookahead(f, scalar_vec(x0), eta, draw_q("beta", 1, 20, 20),
                                               *rc::gen::inRange(2, 8).as("steps")));
  });
}

TEST_CASE("Seed 002's pseudo-code with Delta W = 0 inside the loop is gradient descent, not Nesterov",
          "[nesterov_forms]") {
  rc::prop("refutes seed 002 line 1813 on random quadratics with eta lambda < 1, beta > 0, x_0 != x*", [] {
    const int n = *rc::gen::inRange(1, 4).as("n");
    const Vec<Q> x_star = draw_vec("x*", n, -10, 11, 2);
    const auto f = centred_quadratic(draw_spectrum(n, 1, 100, 10), x_star);  // λ in [1/10, 10]
    const Q eta = draw_q("eta", 1, 10, 100);                                   // η ≤ 9/100: ηλ < 1
    RC_ASSERT_VERDICT(momentum::seed_pseudocode_reinitialized(f, draw_momentum_start(x_star), eta, draw_q("beta", 1, 20, 20),
                                                              *rc::gen::inRange(2, 7).as("steps")));
  });
}

TEST_CASE("PyTorch's nesterov=True is b <- beta b + g, p <- p - eta (g + beta b)", "[nesterov_forms]") {
  rc::prop("a hand-written loop on a random 2x2 quadratic equals descent::Momentum (pytorch, nesterov) exactly", [] {
    Mat<Q> A(2, 2);
    const Q a12 = draw_q("a12", -20, 21, 4);
    A << draw_q("a11", 1, 41, 4), a12, a12, draw_q("a22", 1, 41, 4);
    const Vec<Q> bvec = draw_vec("b", 2, -20, 21, 4);
    const Quadratic<Q> f(A, bvec, Q(0));
    const Vec<Q> x0 = draw_vec("x0", 2, -20, 21, 4);
    const Q eta = draw_q("eta", 1, 21, 40), beta = draw_q("beta", 0, 20, 20);
    const int steps = *rc::gen::inRange(1, 9).as("steps");
    Momentum<Q> m(eta, beta, MomentumForm::pytorch, true);
    const auto lib = stepped<Q>(f, m, x0, steps);
    Vec<Q> p = x0, buf = Vec<Q>::Zero(2);
    for (int k = 1; k <= steps; ++k) {
      const Vec<Q> g = A * p - bvec;
      buf = beta * buf + g;
      p = p - eta * (g + beta * buf);
      RC_ASSERT(lib[static_cast<std::size_t>(k)] == p);
    }
  });
}

// ---- heavy_ball_quadratic_rate ----
TEST_CASE("Polyak's tuning gives every eigenvalue in [mu, L] the spectral radius (sqrt(kappa) - 1)/(sqrt(kappa) + 1)",
          "[heavy_ball_quadratic_rate]") {
  rc::prop("tight, exactly, for random rational sqrt(kappa) = s in (1, 20] and eigenvalues spread over [1, s^2]", [] {
    const Q s = draw_q("s", 11, 201, 10);
    const int m = *rc::gen::inRange(1, 7).as("number of eigenvalues");
    std::vector<Q> lambdas{Q(1), Q(s * s)};  // the discriminant vanishes at the ends of [mu, L]
    for (int i = 0; i < m; ++i) lambdas.push_back(1 + (s * s - 1) * draw_q("position in [1, s^2]", 0, 21, 20));
    RC_ASSERT_VERDICT(momentum::polyak_radius_exact(s, lambdas));
  });
  rc::prop("tight, at 50 digits, for random non-square integer kappa in [2, 10^5]", [] {
    const descent::ScopedDigits scoped_digits(50);
    const int kappa = *rc::gen::suchThat(rc::gen::inRange(2, 100001), [](int k) {
                         const int r = static_cast<int>(std::lround(std::sqrt(double(k))));
                         return r * r != k;
                       }).as("kappa");
    RC_ASSERT_VERDICT(momentum::polyak_radius_mpfr(Q(kappa)));
  });
}

TEST_CASE("Heavy ball on one eigenvalue: rho < 1 iff 0 < eta lambda < 2 + 2 beta", "[heavy_ball_quadratic_rate]") {
  rc::prop("for random beta in [0, 1) and h = eta lambda below, at and above 2 + 2 beta", [] {
    const Q beta = draw_q("beta", 0, 20, 20), edge = 2 + 2 * beta;
    RC_ASSERT_VERDICT(momentum::stability(beta, edge * draw_q("h / (2 + 2 beta) below 1", 1, 20, 20)));
    RC_ASSERT_VERDICT(momentum::stability(beta, edge));
    RC_ASSERT_VERDICT(momentum::stability(beta, edge * (1 + draw_q("h / (2 + 2 beta) - 1", 1, 21, 20))));
  });
  rc::prop("at the edge h = 2 + 2 beta heavy ball keeps x_k = (-1)^k forever from (x_{-1}, x_0) = (-1, 1)", [] {
    const Q beta = draw_q("beta", 0, 20, 20), lambda = draw_q("lambda", 1, 41, 4);
    const Quadratic<Q> f(Mat<Q>::Constant(1, 1, lambda), Vec<Q>::Zero(1), Q(0));
    Momentum<Q> hb((2 + 2 * beta) / lambda, beta, MomentumForm::notes, false);
    hb.set_initial_step(scalar_vec(Q(2)));
    const auto x = stepped<Q>(f, hb, scalar_vec(Q(1)), *rc::gen::inRange(1, 11).as("steps"));
    for (std::size_t k = 0; k < x.size(); ++k) RC_ASSERT(x[k](0) == (k % 2 ? -1 : 1));
  });
}

TEST_CASE("At the critical beta = (1 - sqrt(h))^2 the root is double and rho = 1 - sqrt(h)",
          "[heavy_ball_quadratic_rate]") {
  rc::prop("tight, exactly, for random rational sqrt(h) in (0, 1)", [] {
    RC_ASSERT_VERDICT(momentum::critical_beta(draw_q("sqrt(h)", 1, 40, 40)));
  });
}

TEST_CASE("On the Jordan block at lambda = mu the naive ||x_t|| <= rho^t ||x_0|| fails", "[heavy_ball_quadratic_rate]") {
  rc::prop("dropping normal: x_1 > rho for every rational sqrt(kappa) = s > 1", [] {
    RC_ASSERT_VERDICT(momentum::transient_growth(draw_q("s", 11, 201, 10), *rc::gen::inRange(1, 11).as("steps")));
  });
}

TEST_CASE("Tuned heavy ball reaches ||x_t|| <= eps ||x_0|| within sqrt(kappa) ln(1/eps) steps",
          "[heavy_ball_quadratic_rate]") {
  rc::prop("in double, for random kappa in [4, 1000] and eps = 10^-3 ... 10^-10", [] {
    const double kappa = *rc::gen::inRange(4, 1001).as("kappa");
    const double eps = std::pow(10.0, -*rc::gen::inRange(3, 11).as("-log10 eps"));
    RC_ASSERT_VERDICT(momentum::iterations_to_tolerance(kappa, eps));
  });
}

// ---- heavy_ball_not_global ----
TEST_CASE("The Lessard function is mu-strongly convex and L-smooth", "[heavy_ball_not_global]") {
  CHECK_VERDICT(momentum::lessard_smooth_strongly_convex());
  rc::prop("independently: every difference quotient of f' lies in [mu, L], for random 0 < mu <= L and x != y", [] {
    const Q mu = draw_q("mu", 1, 21, 4);
    const Q L = mu + draw_q("L - mu", 0, 101, 4);
    const Lessard<Q> f(mu, L);
    const Q x = draw_q("x", -40, 41, 8);
    Q y = draw_q("y", -40, 41, 8);
    if (y == x) y += Q(1, 3);
    const Q r = (f.gradient(scalar_vec(x))(0) - f.gradient(scalar_vec(y))(0)) / (x - y);
    RC_LOG() << "difference quotient " << r << "\n";
    RC_ASSERT(mu <= r);
    RC_ASSERT(r <= L);
  });
}

TEST_CASE("Heavy ball tuned for mu = 1, L = 25 cycles on the Lessard function", "[heavy_ball_not_global]") {
  rc::prop("dropping quadratic: from the 3-cycle |x_K| <= |x_0|/1000 fails for every K >= 3 (one full turn)", [] {
    RC_ASSERT_VERDICT(momentum::lessard_cycle(*rc::gen::inRange(3, 31).as("K")));
  });
  rc::prop("dropping quadratic: from x_0 = 33/10, f(x_K) <= f(x_0)/1000 fails for every K", [] {
    RC_ASSERT_VERDICT(momentum::lessard_attracted(*rc::gen::inRange(1, 81).as("K")));
  });
  rc::prop("while gradient descent with eta = 1/L converges at (1 - mu/L)^K", [] {
    RC_ASSERT_VERDICT(momentum::lessard_gd_converges(*rc::gen::inRange(1, 41).as("K")));
  });
  // independently: the cycle by hand, x_{k+1} = x_k - f'(x_k)/9 + 4/9 (x_k - x_{k-1}), f' written out
  auto fprime = [](const Q& x) { return x < 1 ? Q(25 * x) : x < 2 ? Q(x + 24) : Q(25 * x - 24); };
  const Lessard<Q> lessard(Q(1), Q(25));
  Q prev(792, 1225), x(-2208, 1225);
  const std::vector<Q> expected = {Q(2592, 1225), Q(792, 1225), Q(-2208, 1225)};
  for (int k = 0; k < 9; ++k) {
    CHECK(lessard.gradient(scalar_vec(x))(0) == fprime(x));
    const Q next = x - fprime(x) / 9 + Q(4, 9) * (x - prev);
    prev = x;
    x = next;
    CHECK(x == expected[static_cast<std::size_t>(k % 3)]);
  }
}

// ---- nesterov_strongly_convex_rate ----
TEST_CASE("Nesterov's scheme: f(x_k) - f* <= (1 - 1/sqrt(kappa))^k (f(x_0) - f* + mu/2 ||x_0 - x*||^2)",
          "[nesterov_strongly_convex_rate]") {
  rc::prop("exactly, on random rotated quadratics with spectrum in [mu, L], L/mu a rational square", [] {
    const int n = *rc::gen::inRange(1, 4).as("n");
    const Q mu = draw_q("mu", 1, 9, 4), s = draw_q("sqrt(kappa)", 3, 13, 2), L = mu * s * s;
    std::vector<Q> lambda;
    for (int i = 0; i < n; ++i) lambda.push_back(mu + (L - mu) * draw_q("position in [mu, L]", 0, 11, 10));
    const Vec<Q> x_star = draw_vec("x*", n, -10, 11, 2);
    const auto f = centred_quadratic(lambda, x_star);
    RC_ASSERT_VERDICT(momentum::nesterov_bound(f, "random quadratic", mu, L, x_star, draw_momentum_start(x_star),
                                               *rc::gen::inRange(1, 9).as("steps")));
  });
  rc::prop("exactly, on the Lessard function with random mu and L = mu s^2, from random x_0", [] {
    const Q mu = draw_q("mu", 1, 9, 4), s = draw_q("sqrt(kappa)", 3, 13, 2), L = mu * s * s;
    const Lessard<Q> f(mu, L);
    RC_ASSERT_VERDICT(momentum::nesterov_bound(f, "Lessard function", mu, L, Vec<Q>::Zero(1),
                                               scalar_vec(draw_nonzero_q("x0", -40, 41, 8)),
                                               *rc::gen::inRange(1, 11).as("steps")));
  });
}

TEST_CASE("Nesterov's iteration at lambda = mu has the double root 1 - 1/sqrt(kappa)", "[nesterov_strongly_convex_rate]") {
  rc::prop("tight, exactly, for random rational sqrt(kappa) in (1, 20]", [] {
    RC_ASSERT_VERDICT(momentum::nesterov_radius(draw_q("s", 11, 201, 10)));
  });
}

TEST_CASE("Nesterov's scheme built for a too small L breaks its bound", "[nesterov_strongly_convex_rate]") {
  rc::prop("dropping smooth_L: on a x^2/2 with a/L in [3, 6] the bound fails at every K", [] {
    const Q s = draw_q("sqrt(L)", 4, 13, 2), L = s * s;
    RC_ASSERT_VERDICT(momentum::nesterov_wrong_L(L * draw_q("a/L", 6, 13, 2), L, *rc::gen::inRange(1, 11).as("K")));
  });
}

TEST_CASE("With mu = 0 Momentum::accelerated is Beck and Teboulle's t_k scheme", "[nesterov_strongly_convex_rate]") {
  rc::prop("a hand-written FISTA loop in double equals Momentum<double>::accelerated(L, 0) within 64 K^2 eps scale", [] {
    const std::vector<Q> lambda = draw_spectrum(2, 0, 40, 4);  // convex: λ ≥ 0
    const Mat<Q> Aq = with_spectrum<Q>(draw_rotation(2), lambda);
    const Mat<double> A = convert<double>(Aq);
    const Vec<double> b = convert<double>(draw_vec("b", 2, -20, 21, 4));
    const Quadratic<double> f(A, b, 0.0);
    const double L = to_double<Q>(max_of(lambda)) + to_double<Q>(draw_q("L - lambda_max", 1, 9, 4));
    const Vec<double> x0 = convert<double>(draw_vec("x0", 2, -20, 21, 4));
    const int K = *rc::gen::inRange(1, 31).as("K");
    auto nesterov = Momentum<double>::accelerated(L, 0.0);
    const auto lib = stepped<double>(f, nesterov, x0, K);
    // Beck & Teboulle (2009): t_1 = 1, y_1 = x_0; x_k = y_k - grad f(y_k)/L;
    // t_{k+1} = (1 + sqrt(1 + 4 t_k^2))/2; y_{k+1} = x_k + ((t_k - 1)/t_{k+1}) (x_k - x_{k-1})
    double t = 1;
    Vec<double> y = x0, x_prev = x0;
    double scale = x0.cwiseAbs().maxCoeff(), worst = 0;
    std::vector<Vec<double>> hand{x0};
    for (int k = 1; k <= K; ++k) {
      const Vec<double> x = y - (A * y - b) / L;
      const double t_next = (1 + std::sqrt(1 + 4 * t * t)) / 2;
      y = x + ((t - 1) / t_next) * (x - x_prev);
      x_prev = x;
      t = t_next;
      hand.push_back(x);
      scale = std::max({scale, x.cwiseAbs().maxCoeff(), y.cwiseAbs().maxCoeff()});
    }
    for (int k = 0; k <= K; ++k)
      worst = std::max(worst, (lib[static_cast<std::size_t>(k)] - hand[static_cast<std::size_t>(k)]).cwiseAbs().maxCoeff());
    // Each step rounds a few times relative to the iterates' size; the error of a momentum
    // iteration can grow linearly in k (a Jordan block at lambda -> 0), so K steps add at
    // most K^2 such roundings: 64 eps (the course's k = 64) x K^2 x the largest |coordinate|.
    const double tol = 64 * std::numeric_limits<double>::epsilon() * K * K * scale;
    RC_LOG() << "largest difference " << worst << ", tolerance " << tol << "\n";
    RC_ASSERT(worst <= tol);
  });
}

// ---- momentum_constant_slope ----
TEST_CASE("On a plane every heavy-ball step is -eta (1 - beta^{k+1})/(1 - beta) g", "[momentum_constant_slope]") {
  rc::prop("exactly, for random g != 0 in dimension 1 to 4, eta, beta", [] {
    const int n = *rc::gen::inRange(1, 5).as("n");
    Vec<Q> g = draw_vec("g", n, -20, 21, 4);
    if (g.squaredNorm() == 0) g(0) = 1;
    RC_ASSERT_VERDICT(momentum::slope_steps(g, draw_q("eta", 1, 41, 20), draw_q("beta", 0, 20, 20),
                                            *rc::gen::inRange(1, 11).as("steps")));
  });
  rc::prop("and the step length tends to eta ||g||/(1 - beta): in [1 - 10^-6, 1] at the stated K", [] {
    const int n = *rc::gen::inRange(1, 4).as("n");
    Vec<Q> g = draw_vec("g", n, -20, 21, 4);
    if (g.squaredNorm() == 0) g(n - 1) = -1;
    RC_ASSERT_VERDICT(momentum::slope_step_limit(g, draw_q("eta", 1, 41, 20), draw_q("beta", 1, 10, 10)));
  });
}

TEST_CASE("Without a constant gradient the steps do not grow like the plane's", "[momentum_constant_slope]") {
  rc::prop("dropping constant_gradient: on x^2/2 from K = 2 on, for eta in (0, 1], beta in [0, 9/10]", [] {
    RC_ASSERT_VERDICT(momentum::slope_needs_plane(draw_q("eta", 1, 21, 20), draw_q("beta", 0, 10, 10),
                                                  *rc::gen::inRange(2, 11).as("K")));
  });
}
