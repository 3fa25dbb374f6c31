/// \file surface_checks.hpp
/// \brief Claims of lesson 17 (the loss surface, seeds 000 and 002): the second-order test at a critical point
/// and its degenerate case, saddles certified on a network, how long gradient descent lingers near a saddle, basins
/// of attraction, a certified bad local minimum of a one-hidden-layer sigmoid network, and Baldi & Hornik's theorem
/// on an exact linear network — with what the notes say about it.
#pragma once

#include <string>
#include <vector>

#include "claim.hpp"

namespace descent::claims::surface {

// ---- second_order_test ----

/// second_order_test, holds (exact): f = (x² − y²)/2 + y⁴/4 has ∇f(0) = 0 and, by forward-over-forward AD, H(0) =
/// diag(1, −1); along the eigenvector of −1, f falls below f(0): a saddle.
Verdict saddle_exact();
/// second_order_test, holds (interval): the four-point loss of lesson 16 (t = 10) has a critical point near
/// (7.28, 1.90, 2.69), unique in its box (Krawczyk), where dᵀHd < 0 < eᵀHe for two directions and det H < 0, on the
/// whole box: a saddle of index 1.
Verdict saddle_certified();
/// second_order_test, counterexample dropping nonsingular (exact): f = x² + y³ has H(0) = diag(2, 0) ⪰ 0, yet
/// f(0, −1/10) < f(0).
Verdict degenerate_critical_point();

// ---- saddle_escape ----

/// saddle_escape, holds (mpfr): GD with step η on the quartic saddle from (1, δ), δ = 10⁻ᵏ (k = 1 … 40): the steps
/// N(δ) to reach |y| ≥ 1/2 grow by ln 10/ln(1 + η) per decade: the mean increment over 39 decades is within 1/39 of
/// it; rejects ln 10/η.
Verdict escape_per_decade(const Rational& eta);
/// saddle_escape, tight (mpfr): ln(1/(2δ))/ln(1 + η) ≤ N(δ), and at δ = 10⁻⁴⁰ the ratio lies in [1 − 1/100, 1]:
/// the linearized rate is the escape time's rate.
Verdict escape_rate(const Rational& eta);
/// saddle_escape, counterexample dropping off_manifold (exact): from (1, 0), on the stable manifold, GD converges
/// to the saddle: y stays 0 for 200 steps while x = (1 − η)ᵏ.
Verdict on_stable_manifold(const Rational& eta);

// ---- basins ----

/// basins, holds (double): on f = (x² − 1)² + (y² − 1)² + xy/2 + x/4, GD (η = 1/20, 2000 steps) from a 41×41 grid
/// on [−2, 2]² ends at one of the four minima from every start, and reaches all four: the limit depends on the start.
Verdict basin_counts();

// ---- bad_local_minimum ----

/// bad_local_minimum, holds (interval): Krawczyk's test: a 1-1-1 sigmoid network's loss has one critical point in a
/// box of radius 10⁻¹⁰ around θ_bad.
Verdict network_critical_point();
/// bad_local_minimum, holds (interval): its Hessian is positive definite on the whole box.
Verdict network_hessian();
/// bad_local_minimum, holds (interval): the other minimum near θ_good, certified the same way, has a lower loss
/// (over its box) than θ_bad's box.
Verdict network_not_global();

// ---- baldi_hornik ----

/// baldi_hornik, tight (exact): a linear 2-1-2 network at its global minimizer: ∇L = 0 and L equals
/// (tr Σ_YY − λ₁)/K, λ₁ the largest eigenvalue of Σ_YXΣ_XX⁻¹Σ_XY.
Verdict linear_global_minimum();
/// baldi_hornik, holds (exact): at the critical point on the other eigenvector, ∇L = 0 and dᵀ∇²L d < 0: a saddle.
Verdict linear_saddle();
/// baldi_hornik, holds (exact): at W = 0, ∇L = 0 and dᵀ∇²L d < 0: a saddle.
Verdict linear_origin();
/// baldi_hornik, counterexample dropping linear (interval): with a sigmoid hidden unit, the certified local minimum
/// θ_bad is not global.
Verdict sigmoid_network();
/// baldi_hornik, refutes seed 002 line 428: "An MLP with a single hidden layer has only saddle points and no local
/// Minima" — the sigmoid 1-1-1 network has a local minimum (certified) whose loss is above θ_good's.
Verdict notes_attribution_refuted();

/// Plot data: the critical points of the basins function: rows "x y kind" (0 minimum, 1 saddle, 2 maximum).
std::vector<std::vector<double>> basin_critical_points();
/// Plot data: GD paths on the basins function from several starts: rows "path x y" (a blank path index change).
std::vector<std::vector<double>> basin_paths();
/// Plot data: escape steps N(δ) and the linear prediction against k, δ = 10⁻ᵏ: rows "k N prediction".
std::vector<std::vector<double>> escape_table(const Rational& eta);

}  // namespace descent::claims::surface
