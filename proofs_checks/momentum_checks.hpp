/// \file momentum_checks.hpp
/// \brief Claims of lesson 08 (momentum): the heavy-ball and Nesterov forms and their
/// equivalences, heavy ball's rate on quadratics from the iteration matrix, the Lessard,
/// Recht & Packard cycle, Nesterov's strongly convex rate, and momentum on a plane.
#pragma once

#include <vector>

#include "claim.hpp"
#include "descent/optimizers.hpp"

namespace descent::claims::momentum {

// ---- heavy_ball_forms, nesterov_forms (exact) ----

/// heavy_ball_forms, holds: the notes' form, seed 003's HeavyBall and PyTorch's form give
/// the same iterates for `steps` steps from x0 (v = 0). lhs: Σ_k ‖x_k(notes) − x_k(003)‖² +
/// ‖x_k(notes) − x_k(pytorch)‖², rhs 0, ==.
Verdict heavy_ball_forms_agree(const Problem<Rational>& f, const Vec<Rational>& x0, const Rational& eta,
                               const Rational& beta, int steps);
/// heavy_ball_forms, counterexample dropping constant_eta: under η_k = η/(k + 1) the notes'
/// and PyTorch's forms part at step 2, by exactly β(η₀ − η₁)∇f(x₀) on a quadratic with
/// x₁ = x₀ − η₀∇f(x₀) (reported). lhs: ‖x₂(notes) − x₂(pytorch)‖², == 0 fails.
Verdict heavy_ball_forms_under_schedule(const Problem<Rational>& f, const Vec<Rational>& x0, const Rational& eta,
                                        const Rational& beta);
/// heavy_ball_forms, holds: under η_k = η/(k + 1) the step-2 difference of the two forms is
/// exactly −β(η₀ − η₁)∇f(x₀) (the prediction derived by hand); lhs its squared misfit, == 0.
Verdict heavy_ball_schedule_difference(const Problem<Rational>& f, const Vec<Rational>& x0, const Rational& eta,
                                       const Rational& beta);
/// nesterov_forms, counterexample dropping constant_eta: under η_k = η/(k + 1) PyTorch's
/// nesterov=True iterate is no longer the notes' look-ahead point; lhs Σ_k of the squared
/// misfits, == 0 fails.
Verdict nesterov_forms_under_schedule(const Problem<Rational>& f, const Vec<Rational>& x0, const Rational& eta,
                                      const Rational& beta, int steps);
/// nesterov_forms, holds: PyTorch's iterate p_k equals the notes' look-ahead point
/// x_k + βv_k, and seed 002's "Training with Nestorov" pseudo-code, run line by line with
/// ΔW initialized once before the loop, gives the notes' x_k. lhs: the sum of both squared
/// misfits over `steps` steps, == 0.
Verdict nesterov_forms_agree(const Problem<Rational>& f, const Vec<Rational>& x0, const Rational& eta,
                             const Rational& beta, int steps);
/// nesterov_forms, refutes seed 003 line 94: v ← −∇f(x + βv) + βv with x ← x + ηv (line 96)
/// is not Nesterov's method unless η = 1 (the look-ahead must be x + ηβv). On `f` from x0:
/// lhs Σ_k ‖x_k(seed) − x_k(Nesterov)‖², == 0 fails.
Verdict seed_lookahead(const Problem<Rational>& f, const Vec<Rational>& x0, const Rational& eta, const Rational& beta,
                       int steps);
/// nesterov_forms, refutes seed 002 line 1813: with ΔW_k = 0 re-initialized inside the loop
/// the pseudo-code is plain gradient descent; lhs Σ_k ‖x_k(as written) − x_k(Nesterov)‖²,
/// == 0 fails (the detail shows it equals gradient descent exactly).
Verdict seed_pseudocode_reinitialized(const Problem<Rational>& f, const Vec<Rational>& x0, const Rational& eta,
                                      const Rational& beta, int steps);

// ---- heavy_ball_quadratic_rate ----

/// heavy_ball_quadratic_rate, tight (exact): with Polyak's tuning for μ = 1, L = s², the
/// largest discriminant of z² − (1 + β − ηλ)z + β over `lambdas` ⊂ [1, s²] (which must contain
/// 1 and s²) is 0: every root pair is complex or double, so |z|² = det T = β and
/// ρ = √β = (s − 1)/(s + 1).
Verdict polyak_radius_exact(const Rational& s, const std::vector<Rational>& lambdas);
/// heavy_ball_quadratic_rate, tight (mpfr): for κ (√κ irrational) the spectral radius of the
/// 2×2 iteration matrices, from their eigenvalues, maximized over 101 eigenvalues spread over
/// [1, κ], equals (√κ − 1)/(√κ + 1).
Verdict polyak_radius_mpfr(const Rational& kappa);
/// heavy_ball_quadratic_rate: stability of one eigenvalue with h = ηλ, in exact arithmetic
/// (p(z) = z² − (1 + β − h)z + β, 0 ≤ β < 1), from the roots: holds with h < 2 + 2β (ρ² < 1,
/// ρ² exact for complex roots, an upper bound otherwise); tight at h = 2 + 2β (ρ² == 1: the
/// roots −1 and −β); holds with h > 2 + 2β (a lower bound of the larger |root| > 1).
Verdict stability(const Rational& beta, const Rational& h);
/// heavy_ball_quadratic_rate, tight (exact): at the critical β = (1 − √h)² (h a rational
/// square) the root is double, z = (1 + β − h)/2, and ρ = |1 − √h|; lhs the discriminant's
/// complement check ρ == 1 − √h.
Verdict critical_beta(const Rational& root_h);
/// heavy_ball_quadratic_rate, holds: for GD (normal iteration matrix I − ηA) on a rotated
/// quadratic with spectrum 1, 4, 25 and η = 1/25, ‖x_t‖² ≤ ρ^{2t}‖x₀‖² at every t ≤ steps.
Verdict gd_naive_bound(int steps);
/// heavy_ball_quadratic_rate, counterexample dropping normal: with Polyak's tuning for
/// √κ = s and the eigenvalue λ = 1 = μ (a double root, a Jordan block), x_1 > ρ x_0 from
/// x_0 = 1, v = 0: the naive ‖x_t‖ ≤ ρ^t‖x_0‖ fails. The detail reports max_t |x_t|/ρ^t.
Verdict transient_growth(const Rational& s, int steps);
/// heavy_ball_quadratic_rate, holds (double): on diag(1, κ) from (1, 1) the tuned heavy ball
/// reaches ‖x_t‖ ≤ ε‖x_0‖ within √κ ln(1/ε) steps; gradient descent with its best step
/// 2/(L + μ) needs about (κ/2) ln(1/ε) (reported).
Verdict iterations_to_tolerance(double kappa, double eps);
/// Iterations to ‖x_t‖ ≤ ε‖x_0‖ on diag(1, κ) from (1, 1), in double: {GD with η = 2/(L + μ),
/// tuned heavy ball, Nesterov's scheme}. For the lesson's plot.
std::vector<long> iteration_counts(double kappa, double eps);
/// ‖x_t‖ on diag(1, κ) … diag spread over [1, κ] (10 eigenvalues) from x_0 = (1, …, 1), for
/// GD (η = 2/(L + μ)), tuned heavy ball and Nesterov's scheme, `steps` steps (double).
std::vector<std::vector<double>> error_curves(double kappa, int steps);

// ---- heavy_ball_not_global (exact, on the Lessard–Recht–Packard function) ----

/// heavy_ball_not_global, holds: the Lessard function with μ = 1, L = 25 is 1-strongly
/// convex and 25-smooth: over every pair of a grid of points straddling the breakpoints,
/// μ ≤ (f′(x) − f′(y))/(x − y) ≤ L. lhs the largest ratio (≤ L), detail the smallest.
Verdict lessard_smooth_strongly_convex();
/// heavy_ball_not_global, counterexample dropping quadratic: heavy ball with η = 1/9,
/// β = 4/9 started on the 3-cycle (x_{−1}, x_0) = (792/1225, −2208/1225) returns to it exactly
/// every 3 steps: |x_K − x*| ≤ |x_0 − x*|/1000 fails at K = steps.
Verdict lessard_cycle(int steps);
/// heavy_ball_not_global, counterexample dropping quadratic: from x_{−1} = x_0 = 33/10 the
/// exact trajectory approaches the cycle (distance ≤ 10⁻³⁰ after 200 steps, reported) and
/// f(x_K) − f* ≤ (f(x_0) − f*)/1000 fails.
Verdict lessard_attracted(int steps);
/// heavy_ball_not_global, holds: from x_{−1} = x₀ = 33/10 the last three of `steps` exact
/// iterates lie within 10⁻³⁰ of the cycle's points, in order.
Verdict lessard_distance_to_cycle(int steps);
/// heavy_ball_not_global, refutes seed 002 line 1851 ("demonstrably superior"): on Lessard's function
/// tuned heavy ball ends above gradient descent (eta = 1/L) after K steps from 33/10.
Verdict seed_momentum_superior(int steps);
/// heavy_ball_not_global, holds: gradient descent with η = 1/L (and Nesterov's scheme) on
/// the same function converges: |x_K| ≤ (1 − μ/L)^K |x_0| … lhs |x_K|, from x_0 = 33/10.
Verdict lessard_gd_converges(int steps);
/// Heavy ball's exact trajectory on the Lessard function from x_{−1} = x_0 (as doubles).
std::vector<double> lessard_trajectory(const Rational& x0, int steps);

// ---- nesterov_strongly_convex_rate ----

/// nesterov_strongly_convex_rate, holds (exact): on `f` with the given μ, L (√(L/μ) rational)
/// and minimizer x* (f* = f(x*)), for every 1 ≤ k ≤ steps: f(x_k) − f* ≤ (1 − 1/√κ)^k V₀,
/// V₀ = f(x₀) − f* + μ‖x₀ − x*‖²/2. lhs: the largest ratio (f(x_k) − f*)/((1 − 1/√κ)^k V₀).
Verdict nesterov_bound(const Problem<Rational>& f, const std::string& what, const Rational& mu, const Rational& L,
                       const Vec<Rational>& x_star, const Vec<Rational>& x0, int steps);
/// nesterov_strongly_convex_rate, tight (exact): on a quadratic with λ = μ the characteristic
/// polynomial of Nesterov's iteration z² − (1 + β)(1 − λ/L)z + β(1 − λ/L) has a double root
/// 1 − 1/√κ (discriminant 0); lhs that root, rhs 1 − 1/s.
Verdict nesterov_radius(const Rational& s);
/// nesterov_strongly_convex_rate, counterexample dropping smooth_L: the scheme built for L
/// on f = ax²/2 with a > L (the step 1/L too long): the bound fails at k = steps.
Verdict nesterov_wrong_L(const Rational& a, const Rational& L, int steps);

// ---- momentum_constant_slope (exact) ----

/// momentum_constant_slope, holds: on f = gᵀx the heavy-ball step x_{k+1} − x_k equals
/// −η(1 − β^{k+1})/(1 − β) g for every k ≤ steps. lhs Σ_k of the squared misfits, == 0.
Verdict slope_steps(const Vec<Rational>& g, const Rational& eta, const Rational& beta, int steps);
/// momentum_constant_slope, tight (limit): ‖x_{K+1} − x_K‖ / (η‖g‖/(1 − β)) = 1 − β^{K+1}
/// lies in [1 − δ, 1] with δ = 10⁻⁶ at the stated K = ⌈6 ln 10 / ln(1/β)⌉.
Verdict slope_step_limit(const Vec<Rational>& g, const Rational& eta, const Rational& beta);
/// momentum_constant_slope, counterexample dropping constant_gradient: on ½‖x‖² the step
/// does not grow to η‖∇f(x_0)‖/(1 − β); lhs the last step length, >= rhs fails.
Verdict slope_needs_plane(const Rational& eta, const Rational& beta, int steps);

}  // namespace descent::claims::momentum
