/// \file conditioning.hpp
/// \brief Claims of lesson 04 (conditioning and rates of gradient descent on quadratics).
#pragma once

#include "claim.hpp"
#include "descent/optimizers.hpp"

namespace descent::claims::conditioning {

/// eigendecomposition_svd (mpfr): B = EΛEᵀ with EᵀE = I, from the eigen-solver at the
/// working precision; lhs = max |(B − EΛEᵀ)_ij| + max |(EᵀE − I)_ij|, ≤ 0 within the
/// tolerance (scale n²·max|b_ij|).
Verdict eigen_reconstruction(const Mat<Mpfr>& B);
/// eigendecomposition_svd (mpfr): κ from the singular values (σmax/σmin) equals κ from the
/// eigenvalues (λmax/λmin) for a symmetric positive definite B (holds); for a
/// non-symmetric B (Expect::counterexample("symmetric")) they differ.
Verdict svd_kappa_equals_eigen_kappa(const Mat<Mpfr>& B, const Expect& kind);
/// eigendecomposition_svd, refutes seed 004 line 142 ("U ∈ ℝ^{N×M} is unitary") on
/// B = [3; 4] = UΣVᵀ with U = [3/5; 4/5]: UᵀU = 1 but UUᵀ ≠ I (exact).
Verdict seed_thin_u_unitary();
/// eigendecomposition_svd, refutes seed 004 line 150 (Σ = diag(σ₀, …, σ_{M−1}) for an
/// N×N matrix) with N = 2, M = 1: no single term σ₀u₀u₀ᵀ reproduces B = diag(1, 2).
Verdict seed_eigen_m_terms();

/// gd_quadratic_contraction (exact): GD on ½xᵀAx with A = Q diag(λ) Qᵀ; at every step
/// t ≤ T, ‖x_t‖² ≤ (1 − ηλmin)^{2t}‖x₀‖². Reported at the step with the smallest margin
/// (holds, counterexample) or the largest |difference| (tight: x₀ an eigenvector of λmin).
Verdict contraction(const Mat<Rational>& Q, const std::vector<Rational>& lambda, const Vec<Rational>& x0,
                    const Rational& eta, int steps, const Expect& kind);

/// gd_optimal_fixed_step, tight (exact): with η = 2/(L + μ), a start on the eigenvector of
/// λ_i (λmin or λmax) gives ‖e_T‖² == ((κ − 1)/(κ + 1))^{2T}‖e₀‖².
Verdict optimal_step_attained(const Mat<Rational>& Q, const std::vector<Rational>& lambda, int index, int steps);
/// gd_optimal_fixed_step (exact): over `grid` steps η_j = j·(2/L)/(grid + 1), the worst
/// factor maxᵢ|1 − η_jλᵢ| is never below (κ − 1)/(κ + 1).
Verdict no_fixed_step_better(const std::vector<Rational>& lambda, int grid);
/// gd_optimal_fixed_step, counterexample dropping extreme_eigenvalues (exact): η = 2/(L′ + μ)
/// with L′ an eigenvalue below λmax; a start on the top eigenvector breaks
/// ‖e_T‖² ≤ ((κ′ − 1)/(κ′ + 1))^{2T}‖e₀‖².
Verdict optimal_step_wrong_L(const std::vector<Rational>& lambda, const Rational& L_used, int steps);

/// Steps GD with η = 1/λmax takes on ½xᵀAx, A = R diag(1, κ) Rᵀ, until ‖x_t‖ ≤ ε·‖x₀‖
/// (relative) or ‖x_t‖ ≤ ε (absolute), in mpfr. x₀ = scale·(u_min + u_max/10).
long long iterations_to_eps(const Rational& kappa, const Mpfr& eps, bool relative, const Mpfr& scale);
/// gd_iterations_condition_number (mpfr): the measured count ≤ ⌈κ ln(1/ε)⌉ (holds); with
/// Expect::counterexample("relative_eps"), ε absolute and ‖x₀‖ = `scale` > 1.
Verdict iterations_bound(const Rational& kappa, const Mpfr& eps, const Mpfr& scale, const Expect& kind);
/// gd_iterations_condition_number, tight in the limit (mpfr): count/(κ ln(1/ε)) ∈ [1 − δ, 1].
Verdict iterations_attained(const Rational& kappa, const Mpfr& eps, const Mpfr& delta);
/// gd_iterations_condition_number, refutes seed 002 line 870 ("The “condition” number is
/// small" when convergence is slow): the slower of κ = kappa_a, kappa_b has the larger κ.
Verdict seed_condition_number_small(const Rational& kappa_a, const Rational& kappa_b, const Mpfr& eps);

/// quadratic_contours (exact): on ½xᵀAx = ½ with A = diag(a1, a2) the points (1/√a1, 0)
/// and (0, 1/√a2) — rational for square a_i — give the diameter ratio d2/d1 = √(a1/a2);
/// holds compares it with √(a1/a2), the refutation (seed 002 line 1046) with a2/a1.
Verdict contour_diameters(const Rational& root_a1, const Rational& root_a2, bool seed_form);
/// quadratic_contours (exact): ½wᵀAw == ½Σ a_ii w_i² + Σ_{i<j} a_ij w_i w_j (holds); the
/// notes' Σ_{i≠j} (seed 002 line 1042) double-counts (refutes).
Verdict expansion_cross_terms(const Mat<Rational>& A, const Vec<Rational>& w, bool seed_form);
/// quadratic_contours (exact): GD on QΛQᵀ from Qx₀ and on Λ from x₀ have equal ‖x_T‖²
/// (holds); with a diagonal, non-orthogonal change of coordinates D
/// (Expect::counterexample("orthogonal")) they differ.
Verdict rotation_keeps_rates(const Mat<Rational>& Q, const std::vector<Rational>& lambda, const Vec<Rational>& x0,
                             const Rational& eta, int steps, const Expect& kind);

}  // namespace descent::claims::conditioning
