/// \file brady_checks.hpp
/// \brief Claims of lesson 16 (seed 002, "Backprop fails to separate where perceptron succeeds",
/// after Brady, Raghavan & Slawny 1989): the three points and their exact fit, the fourth point's
/// e^{−ut}-small gradient, the certified local minimum that does not separate, the perceptron that
/// does, spoilers, and minimizing a loss against minimizing errors.
///
/// Instance (seed 002): a logistic neuron y = σ(w_x x + w_y y + b) with the L2 divergence
/// (y − d)², the loss the mean over the points; the points (1, 0), (0, 1) with target 1 − ε,
/// (−1, 0) with target ε, and (0, −t) with target 1 − ε; ε = 1/100 (the notes' 0.99), u = σ⁻¹(1 − ε)
/// = ln((1 − ε)/ε) = ln 99, w* = (u, u, 0). Floating checks run at the working precision; the
/// interval checks are certified.
#pragma once

#include <vector>

#include "claim.hpp"

namespace descent::claims::brady {

// ---- brady_three_points ----

/// brady_three_points, holds (exact): the three equations (seed 002 line 192) hold at (u, u, 0) for every
/// u: A(1, 1, 0)ᵀ = (1, 1, −1)ᵀ, and det A = 2 ≠ 0 makes it the only solution.
Verdict three_equations();
/// brady_three_points, holds (exact): det A = 2 ≠ 0 for the rows (x, y, 1) of the three points: one solution.
Verdict three_equations_unique();
/// brady_three_points, holds (interval): the three-point loss's Hessian at w* equals
/// (2/3)(ε(1 − ε))²·Σ a aᵀ, a positive definite matrix (eigenvalues (2/3)(ε(1 − ε))²·{2 − √2, 2, 2 + √2}):
/// w* is the unique minimizer (the loss is a sum of squares, zero only where the equations hold).
Verdict three_point_hessian();
/// brady_three_points, counterexample dropping independent (exact): with (1/2, 1/2) in place of (−1, 0)
/// (dependent augmented points, all targets 1 − ε) the equations have the two solutions (u, u, 0) and (0, 0, u).
Verdict dependent_points();

// ---- brady_fourth_point ----

/// brady_fourth_point, holds (mpfr): the first display's d div₄/dw_y and d div₄/db (line 224) equal
/// reverse-mode AD of div₄ at a generic point (t = 2).
Verdict first_display();
/// brady_fourth_point, refutes seed 002 line 242: the second display of d div₄/db, 2(1 − σ)σ′t, is not
/// −2(1 − ε − σ)σ′.
Verdict second_display_refuted();
/// brady_fourth_point, holds (interval): line 245's factor 1 − ε − σ(−ut) at w* is within σ(−ut) ≤ 99^−t of 1 − ε
/// (the rate: σ(−ut) = 1/(1 + 99^t)); rejects the literal limit 1 (t = 10).
Verdict limit_value();
/// brady_fourth_point, holds (interval): at w*, |d div₄/dw_y| ≤ 2t(ε/(1 − ε))^t, certified; t given.
Verdict contribution_bound(int t);
/// brady_fourth_point, tight (interval): at t = 10 the ratio of |d div₄/dw_y| to that bound lies in
/// [1 − 4q, 1], q = (ε/(1 − ε))^t: the bound is the contribution's exact rate.
Verdict contribution_rate();
/// brady_fourth_point, counterexample dropping wy_nonzero (interval): at w = (u, 0, 0), d div₄/dw_y =
/// (1 − 2ε)t/4 grows with t (t = 10 against t = 1000).
Verdict wy_zero();

// ---- brady_local_minimum ----

/// brady_local_minimum, holds (exact): the four points are linearly separable: w = (2, 0, 1) gives every
/// point the margin d·wᵀa ≥ 1.
Verdict separable();
/// brady_local_minimum, holds (interval): w* misclassifies (0, −t) (z₄ = −ut < 0) and is not a critical
/// point of the four-point loss: |∂L₄/∂w_y(w*)| > 0, certified.
Verdict wstar_not_critical(int t);
/// brady_local_minimum, holds (interval): Krawczyk's test: the box c + [−r, r]³, r = 10⁻¹⁰, c from Newton's
/// iteration started at w*, holds exactly one critical point w̃ of the four-point loss (within 2·10⁻¹⁵ of w* at t = 10).
Verdict unique_critical_point(int t);
/// brady_local_minimum, holds (interval): the Hessian of the four-point loss is positive definite on the
/// whole box, with every eigenvalue in [a, b] (certified): w̃ is a strict — and broad — local minimum.
Verdict hessian_positive_definite(int t);
/// brady_local_minimum, holds (interval): every point of the box misclassifies (0, −t): sup z₄ < 0.
Verdict box_misclassifies(int t);
/// brady_local_minimum, holds (interval): the loss over the whole box exceeds the loss at 3·(2, 0, 1), a separator: w̃ is a local, not a global, minimum.
Verdict local_not_global(int t);

// ---- perceptron_separates ----

/// perceptron_separates, holds (exact): the perceptron rule from w = 0 (points in order) separates the
/// four points for t = 9, 10, 100, 1000, within (R/γ)² = 5(t² + 1) updates.
Verdict perceptron_within_bound();
/// perceptron_separates, tight (exact): on the unit vectors e₁ … e₄ (label +1, no bias) the rule makes exactly
/// (R/γ)² = 4 updates; rejects the unsquared R/γ.
Verdict novikoff_attained();
/// perceptron_separates, holds (exact): γ = 1/√5 is the best margin: the separator (2, 0, 1) (½‖w‖² = 5/2)
/// and the dual multipliers α = (0, 3t/(t + 1), 2, 3/(t + 1)) (Σα − ½‖Σαdₐa‖² = 5/2) give equal values.
Verdict margin_optimal(int t);
/// perceptron_separates, counterexample dropping separable (exact): on four XOR points the rule returns to the
/// same weights after a pass, so it never stops.
Verdict perceptron_cycles();

/// Plot data for lesson 16: rows "x y label" of the four points (t given).
std::vector<std::vector<double>> points(int t);

}  // namespace descent::claims::brady

namespace descent::claims::brady {

// ---- gd_stays_unseparated ----

/// gd_stays_unseparated, holds (double): GD (η = 50, 20000 steps) started at w* + (1/2, −1/2, 1/2) (t = 10) returns
/// to within 10⁻⁹ of the certified local minimum, misclassifying (0, −t).
Verdict gd_from_wstar();
/// gd_stays_unseparated, holds (double): from 60 seeded starts uniform on [−4, 4]³, GD (η = 10, `steps` steps): the
/// runs classified in w̃'s basin (only (0, −t) misclassified, loss within 10⁻⁴ of L(w̃)) all reach w̃ (within 10⁻⁶)
/// when run 50000 steps longer (t = 10); rejects "only a tenth of the runs".
Verdict random_starts(int steps);
/// gd_stays_unseparated, holds (double): GD (η = 10, `steps` steps) from 0 separates the four points (t = 10).
Verdict gd_from_zero(int steps);
/// gd_stays_unseparated, counterexample dropping t_large (double): at t = 2, GD from w* separates the four points
/// (the Hessian at w* has a negative eigenvalue, certified in the detail: no minimum there to trap GD).
Verdict small_t();

// ---- spoilers ----

/// spoilers, holds (double): on 12 separable points GD from 0 (η = 1, 20000 steps) separates them.
Verdict gd_separates_without_spoiler();
/// spoilers, holds (double): with the spoiler (0, −6) added (still separable), GD from 0 ends misclassifying it.
Verdict gd_fails_with_spoiler();
/// spoilers, holds (interval): near that end point the 13-point loss has a certified strict local minimum, and
/// every point of its box misclassifies the spoiler.
Verdict spoiler_local_minimum();
/// spoilers, holds (exact): the perceptron rule separates the 13 points.
Verdict perceptron_with_spoiler();

// ---- loss_not_error ----

/// loss_not_error, holds (interval): the cross-entropy loss of a logistic neuron on x = 1, 2, 3 (label 1) and
/// −1, −2, 5 (label 0) is convex, and Krawczyk's test finds its one critical point, the global minimizer.
Verdict ce_global_minimizer();
/// loss_not_error, holds (interval and exact): that minimizer misclassifies 2 points (signs certified on the box);
/// w = 1, b = 0 misclassifies 1.
Verdict minimizer_errors();

// ---- bias_variance ----

/// bias_variance, holds (double), measured: over 30 resampled data sets (10 points of each class drawn around
/// (±3, 0), seeded), the standard deviation of the angle of the perceptron's separator exceeds that of GD's on the
/// L2 loss (η = 1, `steps` steps from 0). A measurement on one seed, not a theorem.
Verdict direction_spread(int steps);

/// Plot data: GD's end points from the random starts of random_starts: rows "w_y b outcome" (1 separates, 0 in
/// w̃'s basin, −1 elsewhere).
std::vector<std::vector<double>> start_outcomes(int steps);
/// Plot data: the four-point loss along the segment from the non-separating minimum (s = 0) to the separator
/// 3(2, 0, 1) (s = 1): rows "s loss".
std::vector<std::vector<double>> segment(int t);

}  // namespace descent::claims::brady
