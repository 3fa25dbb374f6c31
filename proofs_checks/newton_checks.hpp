/// \file newton_checks.hpp
/// \brief Claims of lesson 07 (Newton's method and its remedies): one step on a quadratic,
/// quadratic convergence and its hypotheses, indefinite Hessians and diagonal loading,
/// seed 001's best step in 1-D, and quasi-Newton methods on Rosenbrock.
#pragma once

#include <vector>

#include "claim.hpp"
#include "descent/optimizers.hpp"

namespace descent::claims::newton {

// ---- newton_one_step_quadratic (exact) ----

/// Exact Newton iterates x_k − x* (k = 0 … steps) with step η on ½(x − x*)ᵀA(x − x*),
/// written as the Quadratic ½xᵀAx − (Ax*)ᵀx; λ = 0 (no damping).
std::vector<Vec<Rational>> quadratic_errors(const Mat<Rational>& A, const Vec<Rational>& x_star, const Vec<Rational>& x0,
                                            const Rational& eta, int steps);
/// newton_one_step_quadratic, tight: with η = 1 and A positive definite, ‖x_1 − x*‖² == 0,
/// x* the point the quadratic was built around (not computed by a solve).
Verdict one_step(const Mat<Rational>& A, const Vec<Rational>& x_star, const Vec<Rational>& x0);
/// newton_one_step_quadratic: e_k == (1 − η)^k e_0 for every k ≤ steps (holds; tight when
/// η = 1, where the factor is 0). lhs: Σ_k ‖e_k − (1 − η)^k e_0‖², zero iff every k
/// agrees; rhs 0.
Verdict error_factor(const Mat<Rational>& A, const Vec<Rational>& x_star, const Vec<Rational>& x0, const Rational& eta,
                     int steps);
/// newton_one_step_quadratic, counterexample dropping step_below_2: at η = 2 the
/// conclusion "converges", ‖e_K‖² < ‖e_0‖², fails (e_k = (−1)^k e_0).
Verdict no_convergence_at_two(const Mat<Rational>& A, const Vec<Rational>& x_star, const Vec<Rational>& x0, int steps);
/// newton_one_step_quadratic, tight: the end η = 2 of the range is attained, ‖e_K‖² = ‖e_0‖².
Verdict constant_amplitude_at_two(const Mat<Rational>& A, const Vec<Rational>& x_star, const Vec<Rational>& x0, int steps);
/// newton_one_step_quadratic, holds: for η > 2 theory predicts divergence, ‖e_K‖² > ‖e_0‖².
Verdict diverges_above_two(const Mat<Rational>& A, const Vec<Rational>& x_star, const Vec<Rational>& x0,
                           const Rational& eta, int steps);
/// newton_one_step_quadratic, counterexample dropping spd: A = QΛQᵀ with a negative
/// eigenvalue; one Newton step lands on the stationary point x* (∇f = 0), which is a
/// saddle: f(x_1 + v) ≥ f(x_1) fails for v the eigenvector of the negative eigenvalue.
Verdict saddle(const Mat<Rational>& Q, const std::vector<Rational>& lambda, const Vec<Rational>& x_star,
               const Vec<Rational>& x0);

// ---- newton_quadratic_convergence (mpfr, at least 200 digits) ----

/// The working precision of the convergence checks: the requested digits clamped to
/// [200, max_digits − 40], so that the bisected x* always has 40 more digits.
int convergence_digits(int requested);
/// x* of f = eˣ + ½x² − 2x, the root of eˣ + x − 2 on [0, 1], by bisection at `digits`
/// decimal digits (never by Newton), as full-precision decimal text.
std::string exp_quadratic_minimizer_text(int digits);
/// Errors x_k − x* of Newton with step η on ExpQuadratic1D from x0, at `digits` digits,
/// with x* from bisection at digits + 40; as doubles (for plots and notes).
std::vector<double> exp_quadratic_errors(int digits, const Rational& x0, const Rational& eta, int steps);
/// newton_quadratic_convergence, tight (limit): C / (e_{k+1}/e_k²) ∈ [1 − δ, 1] with
/// C = (2 − x*)/(2(3 − x*)) computed from the bisected x*, at the last k with
/// e_{k+1} ≥ 10^(−3D/5) (D the working digits, so e_{k+1} keeps 2D/5 correct digits) and
/// δ = 10^(−⌊D/10⌋); from the second step on the iterates lie right of x* and the ratio
/// approaches C from above.
Verdict ratio_limit(int digits, const Rational& x0);
/// newton_quadratic_convergence: digits double, d_{k+1} ≥ 2d_k − 1 with d_k = −log10 e_k,
/// for every k with e_k ≥ 10^(−2D/5). Kind holds at η = 1; with
/// Expect::counterexample("eta_one") and η ≠ 1 it fails (linear convergence).
Verdict digits_double(int digits, const Rational& x0, const Rational& eta, int steps, const Expect& kind);
/// newton_quadratic_convergence, holds: from x0 the error falls below ε = 10^(−2D/5) within
/// K = ⌈log₂ log₁₀(1/ε)⌉ + 1 steps (the log log(1/ε) count).
Verdict steps_to_tolerance(int digits, const Rational& x0);
/// newton_quadratic_convergence, counterexample dropping near_minimizer: on √(1 + x²)
/// (x* = 0, f″(0) = 1) Newton's map is x ↦ −x³; from x0 = 1 it cycles between ±1 and
/// |x_K| ≤ ε = 10^(−2D/5) fails after `steps` steps.
Verdict far_start_cycles(int digits, const Rational& x0, int steps);
/// newton_quadratic_convergence, refutes seed 003 line 128 ("Theorem: O(log log(1/ε))",
/// no hypotheses): on √(1 + x²) from x0 = 2 with η = 1 the iterates are 2, −8, 512, …;
/// the conclusion |x_K| ≤ |x_0| fails.
Verdict seed_loglog_theorem(int digits, const Rational& x0, int steps);

// ---- newton_indefinite_hessian (exact) ----

/// newton_indefinite_hessian on f = x⁴/4 − x²/2 at x: the loaded step
/// s = −(f″(x) + λ)⁻¹f′(x) is a descent direction, f′(x)·s < 0. Kind holds needs
/// λ > −f″(x); Expect::counterexample("load_large") with λ < −f″(x) shows it uphill (for
/// λ = 0 and 0 < |x| < 1/√3: towards the maximum at 0). The detail reports f(x), f(x + s).
Verdict quartic_step(const Rational& x, const Rational& load, const Expect& kind);
/// newton_indefinite_hessian on H = QΛQᵀ loaded by λ: −(H + λI)⁻¹g is a descent direction
/// for every g ≠ 0, i.e. (H + λI)⁻¹ ≻ 0: every leading principal minor of the exact inverse
/// is > 0 (holds, λ > −λ_min). With Expect::counterexample("load_large") and λ < −λ_min,
/// gᵀ(H + λI)⁻¹g > 0 fails for g the eigenvector of λ_min.
Verdict loaded_direction(const Mat<Rational>& Q, const std::vector<Rational>& lambda, const Rational& load,
                         const Expect& kind);
/// newton_indefinite_hessian, tight: for g the eigenvector of λ_min,
/// gᵀ(H + λI)⁻¹g (exact LU solve) == ‖g‖²/(λ_min + λ) (eigenvalue formula).
Verdict loaded_direction_attained(const Mat<Rational>& Q, const std::vector<Rational>& lambda, const Rational& load);

// ---- best_step_1d (exact) ----

/// best_step_1d, tight: on y = ax² + bx, a > 0, the distance to the minimizer
/// |x0 + b/(2a)| == |y′(x0)|/y″(x0), derivatives by exact central differences.
Verdict best_step(const Rational& a, const Rational& b, const Rational& x0);
/// best_step_1d, counterexample dropping convex (a < 0): stepping x0 − y′/y″ to the
/// stationary point −b/(2a), a maximum: y(x_1) ≤ y(x0) fails.
Verdict best_step_concave(const Rational& a, const Rational& b, const Rational& x0);
/// best_step_1d, refutes seed 001 line 182 (the signed y′/y″ = |2ax0 + b|/(2a)) at an
/// instance with a > 0 and 2ax0 + b < 0. Throws std::invalid_argument otherwise.
Verdict seed_signed_best_step(const Rational& a, const Rational& b, const Rational& x0);

// ---- quasi_newton (mpfr, at least 50 digits) ----

/// The quasi-Newton methods checked.
enum class QuasiNewton { bfgs, lbfgs };
/// The classic start (−1.2, 1) on Rosenbrock.
Vec<Rational> rosenbrock_classic_start();
/// quasi_newton, holds: on 2-D Rosenbrock from x0 the method (L-BFGS with m = 5)
/// reaches ‖∇f‖² ≤ 10⁻⁴⁰ within `budget` steps (max(50, digits) digits).
Verdict rosenbrock_converges(QuasiNewton method, int digits, int budget, const Vec<Rational>& x0);
/// quasi_newton, holds: every BFGS step from x0 that meets the strong Wolfe conditions
/// (checked afresh from f and ∇f, c₁ = 10⁻⁴, c₂ = 0.9) keeps s_kᵀy_k/(‖s_k‖‖y_k‖) > 0, y_k
/// from the problem's gradients. The library's search returns an Armijo-only point when its
/// 20 trials run out; such steps are counted in the detail (BFGS skips them if sᵀy ≤ 0).
Verdict bfgs_curvature(int digits, int budget, const Vec<Rational>& x0);
/// quasi_newton, holds: GD with the fixed step η on the same start, after as many steps as
/// the slower of BFGS and L-BFGS needed, still has ‖∇f‖² > 10⁻⁴⁰.
Verdict gd_behind(int digits, const Rational& eta, int budget);

}  // namespace descent::claims::newton
