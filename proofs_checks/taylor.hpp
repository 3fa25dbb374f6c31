/// \file taylor.hpp
/// \brief Claims of lesson 01 (Taylor series and Hessians). Each function checks one
/// claim on one instance and returns its verdict; the lessons narrate and record them,
/// the property tests call them on random instances.
#pragma once

#include "claim.hpp"
#include "descent/problems.hpp"

namespace descent::claims::taylor {

/// |sin(π/4 + h) − T_n(h)|, enclosed in interval arithmetic.
Interval sin_taylor_error(int n, const Rational& h);

/// taylor_sin_pi4: seed 001's coefficients of the series of sin around π/4
/// (1/√2 · (+1, +1, −1/2!, −1/3!, +1/4!, …, −1/10!)) equal sin⁽ᵏ⁾(π/4)/k!, exactly
/// (sin⁽ᵏ⁾(π/4) = s_k/√2 with s_k from the cycle sin → cos → −sin → −cos).
Verdict sin_series_coefficients();
/// taylor_sin_pi4: |sin(π/4 + h) − T_n(h)| ≤ M|h|^{n+1}/(n+1)! with M = 1, certified
/// in interval arithmetic. With `M` below sup|sin^{(n+1)}| near π/4 and
/// Expect::counterexample("M_bounds"), the bound is shown to fail.
Verdict sin_remainder_bound(int n, const Rational& h, const Rational& M, const Expect& kind);
/// taylor_sin_pi4, tight in the limit: with M_h = max|sin^{(n+1)}| on [π/4, π/4 + h], the
/// ratio error/(M_h h^{n+1}/(n+1)!) lies in [1 − 2h, 1] for h = 2^-k, k = 2 … k_max.
Verdict sin_remainder_limit(int n, int k_max);
/// taylor_sin_pi4: the error falls strictly as the degree rises, n = 0 … n_max − 1
/// (certified: max over n of err_{n+1}/err_n < 1). True for |h| ≤ 1/2; for h > 0.826…
/// the degree-1 error exceeds the degree-0 one (Expect::counterexample("h_small")).
/// n_max ≥ 1.
Verdict sin_errors_fall(const Rational& h, int n_max, const Expect& kind = Kind::holds);

/// taylor_sin_pi4, refutes: seed 001's "any infinitely differentiable h equals its Taylor
/// series": φ(x) = exp(−1/x²), φ(0) = 0, has |φ⁽ᵏ⁾(0)| below a certified 10^-4000 for
/// k ≤ 10 (0 in fact), so its Taylor polynomial at 0 is that close to 0, yet φ(x) > 0.
Verdict flat_function_not_its_series(const Rational& x);

/// m₂(h) = f(x) + ∇f(x)ᵀh + ½hᵀ∇²f(x)h.
template <class S>
S second_order_model(const Problem<S>& f, const Vec<S>& x, const Vec<S>& h);
/// m₃(h) = m₂(h) + (1/6)∑ ∂³f(x) h_i h_j h_k (third derivatives of SeedF, exact).
Rational seed_f_third_order_model(const Vec<Rational>& x, const Vec<Rational>& h);

/// taylor_quadratic_exact: f(x+h) == m₂(h) exactly (holds for a quadratic; with a
/// non-quadratic f and kind = counterexample, shown to fail).
Verdict quadratic_model_exact(const Problem<Rational>& f, const Vec<Rational>& x, const Vec<Rational>& h, const Expect& kind);

/// taylor_second_order_error: for f = x²y³, |f(x+h) − m₂(h)| ≤ (M₃/6)‖h‖₁³ where M₃ bounds
/// the third partials on the box x ± ‖h‖∞ (computed from the formulas 6y², 12xy, 6x²),
/// exactly in rational arithmetic. order = 3 checks m₃ against (M₄/24)‖h‖₁⁴ instead.
Verdict seed_f_model_error(const Vec<Rational>& x, const Vec<Rational>& h, int order);
/// taylor_second_order_error, tight in the limit: at x = (1, 0), h = (0, 2^-k), the ratio
/// error/bound of the second-order box bound is 1/(1 + 2^-k)² ∈ [1 − 2^{1−k}, 1].
Verdict seed_f_model_error_limit(int k);
/// taylor_second_order_error, counterexample: f(x) = |x|^{5/2} is C² but not C³ at 0; its
/// model error at 0 is |h|^{5/2}, so the slope log₂(e(h)/e(h/2)) ≥ 3 that every C³
/// function approaches fails: it is 5/2 (certified in interval arithmetic).
Verdict non_c3_model_error(const Rational& h);
/// taylor_second_order_error: the measured slope log₂(e(h)/e(h/2)) of the order-`order`
/// model of x²y³ at h = 2^-k·direction is within 1/256 of order + 1 (mpfr; k ≥ 12).
Verdict seed_f_error_slope_check(const Vec<Rational>& x, const Vec<Rational>& direction, int k, int order);
/// Measured slope log₂(e(h)/e(h/2)) of the order-`order` model error of f = x²y³ (mpfr).
Mpfr seed_f_error_slope(const Vec<Rational>& x, const Vec<Rational>& direction, int k, int order);

/// Hessian by central differences of values with one Richardson step (h, h/2), exact for
/// polynomials of degree ≤ 5, independent of the analytic Hessian.
Mat<Rational> finite_difference_hessian(const Problem<Rational>& f, const Vec<Rational>& x, const Rational& h);
/// hessian_examples: the analytic Hessian of `f` equals the finite-difference Hessian.
Verdict hessian_matches_differences(const Problem<Rational>& f, const Vec<Rational>& x);
/// hessian_examples, refutes: seed 000's first display H_g = [[2x, 6y], [6y, 4y + 6x]]
/// differs from the finite-difference Hessian at (x, y).
Verdict seed_g_first_display(const Vec<Rational>& x);
/// hessian_symmetric: ∂x(∂f/∂y) == ∂y(∂f/∂x), both by differences of the analytic
/// gradient (exact for polynomials). Counterexample: f = xy(x² − y²)/(x² + y²) at 0,
/// where ∂y∂x f = −1 and ∂x∂y f = +1.
Verdict mixed_partials_agree(const Problem<Rational>& f, const Vec<Rational>& x);
/// hessian_symmetric, counterexample: for f = xy(x² − y²)/(x² + y²), f(0, 0) = 0 (not C²
/// at the origin), the two mixed partials at 0, computed as for mixed_partials_agree, differ.
Verdict mixed_partials_counterexample();

/// linear_model_on_ball (exact): for g with rational norm, s* = −r g/‖g‖ minimizes the
/// linear model gᵀs over the samples on the circle ‖s‖ = r given by Pythagorean triples.
Verdict linear_model_minimizer(const Vec<Rational>& g, const Rational& r);
/// linear_model_on_ball (mpfr): the minimizer s(r) of the quadratic ½xᵀAx on the ball
/// ‖s‖ ≤ r around x satisfies ‖s(r)/r + g/‖g‖‖ ≤ asin(r‖A‖₂/‖g‖) while the ball constraint
/// is active (r‖A‖ ≤ ‖g‖), so it approaches the linear model's step as r → 0.
Verdict ball_minimizer_direction(const Mat<Mpfr>& A, const Vec<Mpfr>& x, const Mpfr& r);
/// The minimizer s(r) of ½(x + s)ᵀA(x + s) over ‖s‖ ≤ r (A positive semidefinite, the
/// constraint active): (A + λI)s = −Ax with ‖s‖ = r, λ by bisection to the working precision.
Vec<Mpfr> ball_minimizer(const Mat<Mpfr>& A, const Vec<Mpfr>& x, const Mpfr& r);
/// linear_model_on_ball, counterexample: with a large radius the linear model's step
/// increases f: f(x − r g/‖g‖) ≤ f(x) fails (exact, f = ½‖x‖², x = (3, 4), r = 15).
Verdict linear_model_large_radius();
/// linear_model_on_ball, limit form: d(r)‖g‖/(r‖(I − ĝĝᵀ)Aĝ‖) → 1 at r = 2^-k (δ = 2^(1−k)),
/// for f = ½xᵀAx; rules out "the ball minimizer is the linear step" (d = 0).
Verdict ball_minimizer_limit(const Mat<Mpfr>& A, const Vec<Mpfr>& x, int k);
/// linear_model_on_ball, "for small r the step decreases f": on ½‖x‖² at x = (3, 4),
/// r < 10 = 2‖g‖/β decreases f (holds), r = 10 returns to the same level (tight).
Verdict linear_step_decreases(const Rational& r);
/// taylor_second_order_error, tight: f = (x+y)^(order+1) at x with h ≥ 0 attains the
/// bound M‖h‖₁^(order+1)/(order+1)! of the model of degree `order` (2 or 3); rules out
/// the constant halved (order 2) and 1/5! (order 3).
Verdict model_error_attained(int order, const Vec<Rational>& x, const Vec<Rational>& h);
/// M‖h‖₁^(order+1)/(order+1)!: the bound on the error of the model of degree `order`.
Rational model_error_bound(int order, const Rational& M, const Rational& h1);
/// hessian_examples for seed 000's g at v, rejecting the notes' first display of H_g.
Verdict seed_g_hessian_matches_differences(const Vec<Rational>& v);

}  // namespace descent::claims::taylor
