/// \file preconditioning.hpp
/// \brief Claims of lesson 06 (change the geometry: feature scaling, whitening, diagonal
/// and full preconditioning).
#pragma once

#include "claim.hpp"
#include "descent/optimizers/newton.hpp"
#include "descent/problems/logistic.hpp"

namespace descent::claims::preconditioning {

/// feature_scaling_conditioning (mpfr): after standardization of the seeded data set
/// (descent::scaled_classification_data), max_j |mean_j| + max_j |var_j − 1| ≤ 0 within
/// the tolerance (seed 001 line 350).
Verdict standardized_moments(std::uint64_t seed, int m, const std::vector<double>& scales);
/// feature_scaling_conditioning (mpfr): κ of the least-squares Hessian XᵀX/m after
/// standardization < κ before, on the seeded data set with disparate scales.
Verdict scaling_lowers_kappa(std::uint64_t seed, int m, const std::vector<double>& scales);
/// feature_scaling_conditioning (mpfr): GD steps (η = 1/L) to reduce the least-squares error
/// by 10⁻⁶ after standardization < before.
Verdict scaling_lowers_iterations(std::uint64_t seed, int m, const std::vector<double>& scales);
/// feature_scaling_conditioning (mpfr): κ of the logistic-regression Hessian at w = 0 drops
/// after standardization.
Verdict scaling_lowers_logistic_kappa(std::uint64_t seed, int m, const std::vector<double>& scales, const Mpfr& lambda);
/// feature_scaling_conditioning, counterexample dropping disparate_scales (mpfr): for the
/// covariance C = [[2, −2, −1], [−2, 4, 2], [−1, 2, 2]] of features of similar scale,
/// standardization (C ↦ D^{-1/2}CD^{-1/2}) raises κ.
Verdict scaling_can_raise_kappa();

/// whitening (exact): with A = E diag(λ) Eᵀ for square rational λ, A^{±0.5} = E diag(λ^{±1/2}) Eᵀ
/// are rational; ‖(A^{0.5})ᵀA^{0.5} − A‖² + ‖(A^{-0.5})ᵀA^{-0.5}A − I‖² == 0 (seed 002 lines 982, 986).
/// feature_scaling_conditioning, the predicted size of the gain: κ(XᵀX/m) ≥ max_i H_ii/min_i H_ii
/// on the raw data (each H_ii is a Rayleigh quotient).
Verdict kappa_diagonal_floor(std::uint64_t seed, int m, const std::vector<double>& scales);
/// feature_scaling_conditioning (tight): on a 2^n factorial design with levels ±s_i
/// (centered, uncorrelated) κ(XᵀX/m) = max_i H_ii/min_i H_ii.
Verdict kappa_diagonal_floor_attained(const std::vector<double>& scales);
/// whitening: one GD step with η = 1 in ŵ (identity Hessian) lands on w* (an identity, holds).
Verdict whitened_one_step(const Mat<Rational>& E, const std::vector<Rational>& roots, const Vec<Rational>& b,
                          const Vec<Rational>& w0);
/// whitening, holds (exact): the root S = A^0.5, computed from A alone by Cayley–Hamilton, has SᵀS = A, its inverse
/// (exact elimination) gives (A^−0.5)ᵀA^−0.5 = A^−1, and S equals V Λ^0.5 Vᵀ; A = E diag(roots²) Eᵀ.
Verdict square_roots(const Mat<Rational>& E, const std::vector<Rational>& roots);
/// whitening (exact): E(w) = ½wᵀAw + bᵀw + c (the notes' sign) == ½ŵᵀŵ + b̂ᵀŵ + c with ŵ = A^{0.5}w,
/// b̂ = A^{-0.5}b (seed 002 line 953). With seed_sign, b̂ solves line 937's b̂ᵀS = −bᵀ (refutes).
Verdict whitened_energy(const Mat<Rational>& E, const std::vector<Rational>& roots, const Vec<Rational>& b,
                        const Vec<Rational>& w, bool seed_sign);
/// whitening (exact): ∇_ŵE = ŵ + b̂ equals A^{-0.5}∇_wE(w)ᵀ = A^{-0.5}(Aw + b) (seed 002 lines 997, 1012).
Verdict whitened_gradient(const Mat<Rational>& E, const std::vector<Rational>& roots, const Vec<Rational>& b,
                          const Vec<Rational>& w);
/// whitening (exact): `steps` steps of GD in ŵ mapped back by A^{-0.5} equal the library's
/// PreconditionedGD with P = A⁻¹ in w (seed 002 line 1015): max_k ‖w_k − A^{-0.5}ŵ_k‖² == 0.
/// With η = 1 and kind tight: one step lands on w* = −A⁻¹b.
Verdict whitened_gd(const Mat<Rational>& E, const std::vector<Rational>& roots, const Vec<Rational>& b,
                    const Vec<Rational>& w0, const Rational& eta, int steps, const Expect& kind);
/// whitening, refutes seed 002 line 1062 (w ← w − ηA⁻¹b): from w* the step moves away.
Verdict seed_constant_step(const Mat<Rational>& E, const std::vector<Rational>& roots, const Vec<Rational>& b,
                           const Rational& eta);
/// whitening, counterexample dropping spd (exact): for an indefinite A no real S with SᵀS = A
/// exists, since ½wᵀAw = ½‖Sw‖² ≥ 0 would follow; w on a negative eigenvector breaks it.
Verdict indefinite_has_no_root(const Mat<Rational>& A, const Vec<Rational>& w);
/// whitening (mpfr): A^{1/2} from the eigendecomposition at the working precision:
/// max |(A^{1/2}A^{1/2} − A)_ij| ≤ 0 within the tolerance.
Verdict mpfr_square_root(const Mat<Mpfr>& A);

/// diagonal_vs_full_preconditioning (exact): PreconditionedGD with P = diag(1/a_ii), η = 1:
/// on a diagonal A one step reaches x* (tight, ‖x₁ − x*‖² == 0); on a rotated A
/// (Expect::counterexample("axis_aligned")) it does not.
Verdict diagonal_one_step(const Mat<Rational>& A, const Vec<Rational>& b, const Vec<Rational>& x0, const Expect& kind);
/// diagonal_vs_full_preconditioning (mpfr): whitening P = A^{-1/2}A^{-1/2}, η = 1, one step
/// on a rotated A reaches x* within the tolerance.
Verdict whitening_one_step(const Mat<Mpfr>& A, const Vec<Mpfr>& b, const Vec<Mpfr>& x0);

}  // namespace descent::claims::preconditioning
