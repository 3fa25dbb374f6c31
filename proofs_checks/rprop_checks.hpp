/// \file rprop_checks.hpp
/// \brief Claims of lesson 13 (derivative-inspired methods): seed 002's Rprop pseudo-code run as
/// written and as its prose describes it, poll 3, the Rprop variants and PyTorch's, and
/// QuickProp's secant step, its two displays in seed 002 and Fahlman's growth cap. Every run is
/// the library's Rprop or QuickProp (lib/descent/optimizers/sign_based.hpp, quickprop.hpp), in
/// exact arithmetic unless stated.
#pragma once

#include <string>
#include <vector>

#include "claim.hpp"

namespace descent::claims::rprop {

// ---- rprop_notes_pseudocode ----

/// rprop_notes_pseudocode, refutes seed 002 line 1473: the first “Rprop (simplified)” run as
/// written (Δw signed, then max(βΔw, Δmin)) on (w − 3)²/2 from w₀ = 0 runs away from the
/// minimizer (exact).
Verdict literal_runs_away(int steps);
/// rprop_notes_pseudocode, holds (exact): with the ceiling and floor on the length |Δw| (the
/// prose: shrink the step, take the smaller step forward) the run ends within Δmin of 3.
/// `with_variants`: also reject ending within Delta_min/10 (for the lesson's default instance).
Verdict magnitude_converges(const Rational& alpha, const Rational& beta, int steps, bool with_variants = false);
/// rprop_notes_pseudocode, holds (exact): the second display (no Δmin, Δmax) converges: |w_K − 3|
/// ≤ 10⁻⁶ after K steps.
Verdict uncapped_converges(const Rational& alpha, const Rational& beta, int steps);
/// rprop_notes_pseudocode, counterexample dropping one_weight (exact): the prose's reading on a
/// coupled 2-D quadratic stalls away from the minimizer (each Δw keeps the sign it got first).
Verdict notes_stall_coupled(int steps);
/// rprop_notes_pseudocode, counterexample dropping length (exact): the pseudo-code as written,
/// min(αΔw, Δmax) on a negative Δw, lets the step grow past Δmax.
Verdict literal_ceiling_fails(int steps);

// ---- rprop_poll3 ----

/// rprop_poll3, holds (exact): after a sign change the notes' Rprop returns to the earlier
/// estimate and takes the step β|Δw| in the same direction: w_{k+1} = w_{k−1} − βΔw_{k−1}.
Verdict reverts_and_shrinks(const Rational& alpha, const Rational& beta);
/// rprop_poll3, holds (exact): the poll's second option is false for the notes' Rprop: the step
/// after the sign change points the way of the step before it.
Verdict keeps_direction(const Rational& alpha, const Rational& beta);
/// rprop_poll3, counterexample dropping backtracking (exact): PyTorch's Rprop (iRprop⁻) does not
/// return to the earlier estimate and step β times shorter: it stays, then steps the other way.
Verdict irprop_minus_does_not_revert();
/// rprop_poll3, holds: Riedmiller & Braun's Rprop+ takes the poll's move in two iterations,
/// w_(k+1) = w_(k-1), then w_(k+2) = w_(k-1) + beta (w_k - w_(k-1)) (exact).
Verdict rprop_plus_two_moves(const Rational& beta);

// ---- rprop_variants ----

/// rprop_variants, holds (exact): the library's irprop_minus equals torch.optim.Rprop's update,
/// transcribed here (sign of g·prev, clamp, zeroed gradient), on a 3-D quadratic.
Verdict pytorch_is_irprop_minus(int steps);
/// rprop_variants, holds (exact): every variant gives the same iterates on f and on c·f, c > 0
/// (only signs of derivatives enter).
Verdict scale_invariant(int steps);
/// rprop_variants, counterexample dropping positive_scale (exact): with c < 0 they differ.
Verdict negative_scale(int steps);
/// rprop_variants, holds (exact): on the same instance the four variants of Igel & Hüsken give
/// four different trajectories, and Rprop⁺ and iRprop⁺ part exactly where f fell across a flip.
Verdict variants_differ(int steps);
/// rprop_variants, holds: the library's four variants equal Igel & Huesken's (2000) pseudo-code written
/// out (exact); rejects "torch.optim.Rprop is Rprop-".
Verdict variants_match_igel_huesken(int steps);

// ---- quickprop_secant ----

/// quickprop_secant, holds (exact): on a(w − w*)²/2 the notes' QuickProp (the parabola
/// through two slopes) lands on w* at its second step, for several a, w*, w₀.
Verdict one_secant_step();
/// quickprop_secant, holds (exact): the same on a separable 3-D quadratic, every coordinate.
Verdict separable_secant();
/// quickprop_secant, counterexample dropping separable (exact): on a rotated 2-D quadratic
/// x₂ ≠ x*.
Verdict rotated_secant();
/// quickprop_secant, counterexample dropping quadratic (mpfr): on eˣ + x²/2 − 2x, f′(x₂) ≠ 0.
Verdict nonquadratic_secant();
/// quickprop_secant, counterexample dropping separable (exact): seed 002's modification 1 with
/// the true second derivatives (per-coordinate Newton, all at once: Jacobi's iteration) on a
/// positive definite 3×3 A with off-diagonals 3/5: x₁ ≠ x*, and the error grows like (6/5)ᵏ.
Verdict jacobi_diverges(int steps);
/// quickprop_secant, refutes seed 002 line 1574: with w^{(k+1)} = w^{(k)} − Δw^{(k)}, the display
/// Δw^{(k)} = Δw^{(k−1)}Err′(w^{(k)})/(Err′(w^{(k)}) − Err′(w^{(k−1)})) lands on 2w^{(1)} − w*, not w*.
Verdict seed002_sign();
/// quickprop_secant, refutes seed 002 line 1589: the second display (no factor Err′(w^{(k)})) does
/// not land on w*.
Verdict seed002_missing_factor();
/// quickprop_secant, tight (exact): the cap attained: on (w − 3)²/2 with ε = 1/10, μ = 7/4,
/// |Δ₁| = μ|Δ₀| + ε|S₁| exactly.
Verdict cap_attained();
/// quickprop_secant, holds (mpfr): Fahlman's QuickProp on Rosenbrock: after a step that went
/// downhill in a coordinate (Δ_{k−1}S_{k−1} < 0) the next is at most μ times it plus ε|S_k|.
Verdict growth_capped(int steps);
/// quickprop_secant, counterexample dropping growth_cap (mpfr): the notes' bare secant step on the
/// same run grows by more than μ.
Verdict uncapped_growth(int steps);

/// Plot data: w_k of seed 002's first pseudo-code as written and with the length capped, and of
/// the second display, on (w − 3)²/2 from 0: rows "k literal magnitude uncapped".
std::vector<std::vector<double>> notes_runs(int steps);
/// Plot data: paths on ½(x² + 100y²) from (−1, 1) of the Rprop variants, QuickProp and GD.
std::vector<std::pair<std::string, std::vector<std::vector<double>>>> quadratic_paths(int steps);

}  // namespace descent::claims::rprop
