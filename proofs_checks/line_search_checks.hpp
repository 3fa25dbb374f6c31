/// \file line_search_checks.hpp
/// \brief Claims of lesson 05 (choosing the step each time: exact line search, Armijo
/// backtracking, coordinate descent).
#pragma once

#include "claim.hpp"
#include "descent/optimizers/line_search.hpp"

namespace descent::claims::line_search_checks {

/// steepest_descent_kantorovich (exact): steepest descent on ½(x − x*)ᵀA(x − x*) with
/// A = Q diag(λ) Qᵀ, the worst per-step ratio (f(x_{k+1}) − f*)/(f(x_k) − f*) over `steps`
/// steps against ((κ − 1)/(κ + 1))². holds: ≤ (the library's SteepestDescent); tight:
/// == at every step (reported at the step farthest from equality), for A diagonal and
/// e₀ = (1/μ, 1/L); counterexample("exact_step"): the step doubled, t_k = 2t*_k.
Verdict kantorovich(const Mat<Rational>& Q, const std::vector<Rational>& lambda, const Vec<Rational>& e0, int steps,
                    const Expect& kind);

/// exact_line_search (exact): along steepest descent on a quadratic, successive gradients
/// are orthogonal: max_k |∇f(x_{k+1})ᵀ∇f(x_k)| == 0.
Verdict successive_gradients_orthogonal(const Quadratic<Rational>& f, const Vec<Rational>& x0, int steps);
/// exact_line_search (mpfr): seed 004's α* = argmin_α L(θ + αd), d = −∇L, on its loss
/// L = θᵀBθ (no ½): golden section against the closed form α* = ‖d‖²/(2dᵀBd), within the
/// stated tolerance 2√ε(1 + α*).
Verdict golden_matches_closed_form(const Mat<Mpfr>& B, const Vec<Mpfr>& theta);
/// exact_line_search, counterexample dropping unimodal (mpfr): on a double well
/// φ(t) = f(x − t g) has two minima; golden section's point is not within the tolerance of
/// the global minimum of φ found by a fine scan.
Verdict golden_not_unimodal();
/// exact_line_search: golden section on φ(t) = offset + curvature·((2/3)t − 1/3)² (t* = 1/2)
/// finds t* to 2√ε(1 + t*) + 4√(ε|φ(t*)|/φ''(t*)) (holds); with kind counterexample
/// ("well_scaled" dropped) the accuracy 2√ε(1 + t*) alone is tested and fails.
Verdict golden_accuracy(const Mpfr& offset, const Mpfr& curvature, const Expect& kind);
/// steepest_descent_kantorovich: at every step of exact line search,
/// f(x_{k+1}) − f* = [1 − (gᵀg)²/((gᵀAg)(gᵀA⁻¹g))](f(x_k) − f*) (exact).
Verdict kantorovich_step_identity(const Mat<Rational>& Q, const std::vector<Rational>& lambda, const Vec<Rational>& e0,
                                  int steps);
/// steepest_descent_kantorovich: Kantorovich's inequality (gᵀg)²/((gᵀAg)(gᵀA⁻¹g)) ≥ 4μL/(μ+L)² at
/// the gradients of the run (holds: the smallest; tight: equality at every step, rejecting 8μL/(μ+L)²).
Verdict kantorovich_inequality(const Mat<Rational>& Q, const std::vector<Rational>& lambda, const Vec<Rational>& e0,
                               int steps, const Expect& kind);

/// armijo_backtracking, tight (exact): on ½Lx², at t = 2(1 − c)/L the sufficient
/// decrease condition holds with equality.
Verdict armijo_boundary(const Rational& L, const Rational& c, const Rational& x0);
/// armijo_backtracking (exact): on A = Q diag(λ) Qᵀ every t in a grid of (0, 2(1 − c)/L]
/// satisfies f(x − tg) ≤ f(x) − ct‖g‖² (worst margin reported). With L_used below λmax
/// (Expect::counterexample("smooth")), t = 2(1 − c)/L_used breaks it from the top eigenvector.
Verdict armijo_region(const Mat<Rational>& Q, const std::vector<Rational>& lambda, const Vec<Rational>& x0,
                      const Rational& c, const Rational& L_used, const Expect& kind);
/// armijo_backtracking (exact): along `steps` steps of the library's Backtracking(t0, c, ρ),
/// the smallest accepted step ≥ min(t0, ρ·2(1 − c)/L).
Verdict backtracking_step_floor(const Mat<Rational>& Q, const std::vector<Rational>& lambda, const Vec<Rational>& x0,
                                const Rational& t0, const Rational& c, const Rational& rho, int steps);
/// armijo_backtracking, tight in the limit (exact): on ½Lx² with t0 = (1 + δ)·2(1 − c)/(Lρ),
/// the first two trials are rejected and the third, t = ρ(1 + δ)·2(1 − c)/L, is accepted:
/// the floor ρ·2(1 − c)/L over the accepted step is 1/(1 + δ) → 1.
Verdict backtracking_floor_attained(const Rational& L, const Rational& c, const Rational& rho, const Rational& delta);
/// armijo_backtracking, counterexample dropping descent_direction (exact): with d = +∇f no
/// step t = t0ρʲ, j ≤ 60, gives f(x + td) ≤ f(x) + ct∇fᵀd (the smallest is reported).
Verdict armijo_ascent_direction(const Mat<Rational>& A, const Vec<Rational>& x0, const Rational& c, const Rational& rho);

/// coordinate_descent (exact): cyclic exact coordinate minimization on ½xᵀAx − bᵀx, A SPD:
/// no update raises f (max_k f(x_{k+1}) − f(x_k) ≤ 0).
Verdict coordinate_monotone(const Mat<Rational>& A, const Vec<Rational>& b, const Vec<Rational>& x0, int sweeps);
/// coordinate_descent (exact): after `sweeps` sweeps f(x_K) − f* ≤ 10⁻⁶(f(x₀) − f*) (holds, A
/// SPD; for a diagonal A, one sweep, f(x_n) == f*, an identity); counterexample("spd"): A
/// indefinite with a_ii > 0, f(x_K) falls below the stationary value f(A⁻¹b) (no minimum to
/// converge to).
Verdict coordinate_converges(const Mat<Rational>& A, const Vec<Rational>& b, const Vec<Rational>& x0, int sweeps,
                             const Expect& kind);
/// coordinate_descent, n = 2 (tight): f − f* falls by exactly ρ², ρ = a₁₂²/(a₁₁a₂₂), per sweep
/// after the first update; rejects ρ per sweep.
Verdict coordinate_rate(const Mat<Rational>& A, const Vec<Rational>& b, const Vec<Rational>& x0, int sweeps);

}  // namespace descent::claims::line_search_checks
