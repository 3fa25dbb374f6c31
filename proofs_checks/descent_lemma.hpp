/// \file descent_lemma.hpp
/// \brief Claims of lesson 02 (one step of gradient descent, to second order).
#pragma once

#include "claim.hpp"
#include "descent/optimizers.hpp"

namespace descent::claims::descent_lemma {

/// gd_step_second_order: L(w − εg) == L(w) − εgᵀg + ½ε²gᵀHg exactly for a quadratic
/// (kind holds); for a non-quadratic polynomial such as seed 000's g the identity fails
/// (kind counterexample). With `seed_form`, the right side is seed 000's
/// L(w) − εgᵀg − ½ε²gᵀHεg (kind refutes).
Verdict step_expansion_exact(const Problem<Rational>& f, const Vec<Rational>& w, const Rational& eps, bool seed_form,
                             const Expect& kind);
/// gd_step_second_order (mpfr): on the Lorentzian, |L(w − εg) − model(ε)| ≤ ¼ Σ aᵢ|gᵢ|³ ε³
/// (|fᵢ'''| ≤ 3aᵢ/2, Taylor's theorem along the line).
Verdict step_expansion_cubic_error(const Lorentzian<Mpfr>& f, const Vec<Mpfr>& a, const Vec<Mpfr>& w, const Mpfr& eps);
/// gd_step_second_order: the constant of that bound is not attained (3/2 rounds up
/// sup|f‴|/a = 1.4571…); at w = 1 − √2 on the 1-D Lorentzian, ε = 2^-k, the ratio
/// error/bound is within ε = 2^-k of sup|f‴|/(3/2) (mpfr).
Verdict step_expansion_cubic_gap(int k);

/// ε* = 2gᵀg / gᵀHg for a quadratic at w (requires gᵀHg > 0).
Rational critical_step(const Quadratic<Rational>& f, const Vec<Rational>& w);
/// gd_step_bound_along_gradient: with ε = factor·ε*: factor = 1 → f(w − εg) == f(w)
/// (tight); factor < 1 → f decreases (holds); factor > 1 → kind counterexample.
Verdict step_bound_along_gradient(const Quadratic<Rational>& f, const Vec<Rational>& w, const Rational& factor,
                                  const Expect& kind);
/// gd_step_bound_along_gradient, concave direction: gᵀHg ≤ 0 ⇒ f(w − εg) < f(w) for ε.
Verdict concave_direction_decreases(const Quadratic<Rational>& f, const Vec<Rational>& w, const Rational& eps);
/// gd_step_bound_along_gradient, L concave everywhere (what seed 000 line 158 says):
/// L(w − εg) ≤ L(w) − εg² for L = −w⁴ − w² (holds), with equality for L = 3w + 1 (tight).
Verdict concave_everywhere_decreases(const Rational& w, const Rational& eps, bool linear);
/// gd_step_bound_along_gradient, refutes seed 000 line 150 ("ε gᵀg/2 ≤ gᵀg", H lost): at
/// an ε with ε ≤ 2 the notes' condition holds while −εgᵀg + ½ε²gᵀHg ≤ 0 fails.
Verdict seed_lost_H(const Quadratic<Rational>& f, const Vec<Rational>& w, const Rational& eps);

/// gd_descent_lemma on one step: f(x − ηg) ≤ f(x) − η(1 − βη/2)‖g‖². Generic (exact or
/// floating). `beta` is the smoothness constant used; kind counterexample when beta is
/// below sup‖∇²f‖.
template <class S>
Verdict descent_lemma_step(const Problem<S>& f, const Vec<S>& x, const S& beta, const S& eta, const Expect& kind,
                           std::string detail = {});
/// gd_descent_lemma along a GD trajectory (η = c/β, K steps): the worst step's verdict.
Verdict descent_lemma_trajectory(const Lorentzian<Mpfr>& f, const Vec<Mpfr>& x0, const Rational& c, int steps);
/// gd_descent_lemma, refutes: seed 000 line 182, L(w − εg) ≤ L(w) − ε‖g‖² + ½ε²‖g‖² (L
/// dropped), on a quadratic with L > 1 and g on its top eigenvector.
Verdict seed_drops_L(const Quadratic<Rational>& f, const Vec<Rational>& w, const Rational& eps);
/// gd_descent_lemma, refutes: seed 000 line 190, (½·1/L² − 1/L) = −1/(2L), true only at L = 1.
Verdict seed_only_L_one(const Rational& L);

/// gd_min_grad_norm_rate: along GD with step η from x0, for every T ≤ steps,
/// min_{t<T} ‖∇f(x_t)‖² ≤ 2(f(x0) − f*)/(η(2 − βη)T) when 0 < βη < 2 (= 2β(f(x0) − f*)/T
/// at η = 1/β); the tightest T is reported. With βη ≥ 2 (kind counterexample) the rate
/// 2β(f(x0) − f*)/T of η = 1/β is tested and fails.
template <class S>
Verdict min_grad_norm_rate(const Problem<S>& f, const Vec<S>& x0, const S& beta, const S& f_star, const S& eta,
                           int steps, const Expect& kind);
/// gd_min_grad_norm_rate, tight: on ½βx² with η = 1/β, at T = 1,
/// ‖∇f(x_0)‖² == 2β(f(x_0) − f*) (exact).
Verdict min_grad_norm_rate_attained(const Rational& beta, const Rational& x0);
/// gd_min_grad_norm_rate, refutes seed 000 line 222 (‖∇L‖ read as O(1/t)): on the C^∞
/// pseudo-Huber function with δ = 1/√T from x0 = Tδ (η = 1, β = 1), min_{t<T}‖∇L(w_t)‖
/// exceeds 2β(L(w_0) − L*)/T, and T·min‖∇L‖ grows like √T between T/100 and T (mpfr;
/// T ≥ 10000, a multiple of 100).
Verdict seed_norm_rate(int T);
/// gd_min_grad_norm_rate, refutes seed 003 line 27 (no lower bound on f): f = −x keeps
/// ‖∇f‖ = 1 for T steps, never ≤ ε = 1/2 (exact).
Verdict seed_stationarity_unbounded(int T);

/// gd_min_grad_norm_rate: GD with η = 1/β on f (f* = 0) reaches ‖∇f‖² ≤ δ within
/// 2β(f(x0) − f*)/δ steps; rules out a count of √(that budget) (an O(1/√δ) law).
Verdict steps_to_gradient_tolerance(const Problem<Mpfr>& f, const Vec<Mpfr>& x0, const Mpfr& beta, const Rational& delta);
/// gd_min_grad_norm_rate with βη ≠ 1 at T = 1 on ½βx² from x0 (holds, ratio βη(2 − βη));
/// rules out the bound without its factor (2 − βη).
Verdict min_grad_norm_rate_step_factor(const Rational& beta, const Rational& x0, const Rational& eta);
/// gd_step_bound_along_gradient, refutes seed 000 line 154 for a convex, bounded-below,
/// non-quadratic L: ε = 9/10 ε* raises L = w²/2 + (w+1)⁴/20 at w = −29/20 (exact).
Verdict seed_step_bound_non_quadratic();
/// gd_min_grad_norm_rate, refutes: seed 000's t·min_{j∈1..t}‖g_j‖² ≤ Σ_{k=0}^{t−1}‖g_k‖² at
/// t = 1, on a start where the first step raises the gradient norm.
Verdict seed_index_mismatch(const Lorentzian<Mpfr>& f, const Vec<Mpfr>& x0, const Mpfr& eta);
/// gd_step_bound_along_gradient, refutes: seed 000's "gᵀHg ≤ 0 ⇒ L decreases regardless of
/// ε" fails beyond second order: L = w⁴/4 − w²/2 at w with gHg ≤ 0 and a long step.
Verdict concave_not_enough_beyond_second_order(const Rational& w, const Rational& eps);

/// least_squares_gradient: ∇L = 2(ΦΦᵀw − Φy) equals exact central differences of L (exact
/// for quadratics); `seed_form` compares seed 000's ΦΦᵀw − Φy instead (kind refutes).
Verdict least_squares_gradient(const LeastSquares<Rational>& f, const Vec<Rational>& w, bool seed_form);
/// least_squares_gradient: ∇²L = 2ΦΦᵀ equals exact second differences of L.
Verdict least_squares_hessian(const LeastSquares<Rational>& f, const Vec<Rational>& w);
/// Central-difference gradient with step t (exact for quadratics).
template <class S>
Vec<S> central_difference_gradient(const Problem<S>& f, const Vec<S>& w, const S& t);

}  // namespace descent::claims::descent_lemma
