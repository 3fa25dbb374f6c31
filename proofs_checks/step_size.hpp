/// \file step_size.hpp
/// \brief Claims of lesson 03 (how large may the step be?).
#pragma once

#include "claim.hpp"
#include "descent/optimizers.hpp"

namespace descent::claims::step_size {

/// The five behaviours of GD on E = ½aw² + bw + c (seed 002), plus divergence on a
/// non-convex (a < 0) quadratic.
enum class Regime { monotone, one_step, oscillating, constant_amplitude, diverging };
/// The regime in words, e.g. "monotone convergence", "divergence".
std::string_view to_string(Regime r);

/// What theory predicts for a > 0 from η·a: < 1 monotone, = 1 one step, ∈ (1, 2)
/// oscillating, = 2 constant amplitude, > 2 diverging. For a ≤ 0: diverging (w0 ≠ w*).
Regime predicted_regime(const Rational& a, const Rational& eta);
/// What an exact trajectory shows, from the errors e_k = w_k − w* (w0 ≠ w*).
Regime observed_regime(const std::vector<Rational>& errors);
/// Exact GD iterates on E = ½aw² + bw + c (k = 0 … steps).
std::vector<Rational> quadratic_1d_iterates(const Rational& a, const Rational& b, const Rational& c,
                                            const Rational& w0, const Rational& eta, int steps);

/// quadratic_1d_regimes: the observed regime equals the predicted one (kind holds, or
/// tight for η = η_opt and η = 2η_opt). With a ≤ 0 and kind counterexample, the regime
/// predicted for |a| (convex) is not what happens.
Verdict regime(const Rational& a, const Rational& b, const Rational& w0, const Rational& eta, int steps, const Expect& kind);
/// quadratic_1d_regimes, refutes: seed 002 line 695, "will oscillate in all directions where
/// η_i,opt ≤ η < 2η_i,opt", on A = diag(a1, a2) at η = η_1,opt = 1/a1, where coordinate 1
/// reaches its minimum in one step (the check passes only if it does).
Verdict seed_oscillation_at_eta_opt(const Rational& a1, const Rational& a2, int steps);
/// gd_stable_iff_below_2_over_L, refutes: seed 002 line 693, "Otherwise [η ≥ 2 minᵢ η_i,opt],
/// the learning will diverge", at η = 2 minᵢ η_i,opt on A = diag(a1, a2): ‖e_K‖ > ‖e_0‖ fails.
/// (Line 580's "we can get divergence if η ≥ 2η_opt" is hedged and not refuted.)
Verdict seed_diverge_at_two_min_eta_opt(const Rational& a1, const Rational& a2, int steps);
/// gd_stable_iff_below_2_over_L: on ½Σ aᵢwᵢ² each coordinate shows the regime predicted
/// by η·aᵢ (seed 002's example η₁,opt = 1, η₂,opt = 0.91, η = 1.9η₂,opt: both oscillate).
Verdict diagonal_directions(const std::vector<Rational>& a, const Rational& eta, int steps);

/// gd_stable_iff_below_2_over_L on a quadratic ½(x − x*)ᵀA(x − x*) with A = QΛQᵀ:
/// for η < 2/λmax, ‖e_K‖² ≤ ρ^{2K}‖e_0‖² with ρ = maxᵢ|1 − ηλᵢ| < 1 (holds); for η > 2/λmax
/// and a start with a component on the top eigenvector, ‖e_K‖ > ‖e_0‖ (holds: divergence
/// predicted). With kind tight and e0 an eigenvector of the largest |1 − ηλᵢ|, equality.
/// With an indefinite A (Expect::counterexample("spd")) a tiny η diverges.
Verdict stability(const Mat<Rational>& Q, const std::vector<Rational>& lambda, const Vec<Rational>& e0,
                  const Rational& eta, int steps, const Expect& kind);

/// gd_monotone_decrease_not_guaranteed (mpfr): on the Lorentzian with η = c/β, c < 2,
/// every step lowers f: maxₖ (f(x_{k+1}) − f(x_k))/(η‖g_k‖²) ≤ −(1 − c/2) < 0.
Verdict monotone_on_smooth(const Lorentzian<Mpfr>& f, const Vec<Mpfr>& x0, const Rational& c, int steps);
/// gd_monotone_decrease_not_guaranteed, tight (exact): on ½λx² with η = c/λ the change is
/// exactly −(1 − c/2)η‖g‖².
Verdict monotone_attained(const Rational& lambda, const Rational& c, const Rational& x0);
/// gd_monotone_decrease_not_guaranteed, counterexample (exact): on ½λx² with η = c/λ,
/// c > 2, f(x_1) < f(x_0) fails.
Verdict monotone_fails_large_step(const Rational& lambda, const Rational& c, const Rational& x0);

/// convergence_rate_ratio (exact): on E = ½aw² + bw + c, R_k = (1 − ηa)² for every k, so
/// |E(w_K) − E*| == R^K |E(w_0) − E*| (tight).
Verdict rate_ratio_quadratic(const Rational& a, const Rational& b, const Rational& w0, const Rational& eta, int steps);
/// convergence_rate_ratio, counterexample (mpfr): on the 1-D Lorentzian R_k is not
/// constant, and |f(x_K) − f*| ≤ R_0^K |f(x_0) − f*| with the first ratio R_0 fails.
Verdict rate_ratio_not_constant(const Mpfr& x0, const Rational& c, int steps);
/// convergence_rate_ratio, refutes: seed 002's "R constant ⇒ linear convergence" at
/// η = 2η_opt, where R = 1 and |f(x_K) − f*| = |f(x_0) − f*|.
Verdict seed_ratio_one_no_convergence(const Rational& a, const Rational& b, const Rational& w0, int steps);
/// gd_stable_iff_below_2_over_L, counterexample (drops "A diagonal"): seed 002's rule
/// η < 2 minᵢ 1/a_ii, stated for a diagonal A, on a rotated A whose λmax exceeds maxᵢ a_ii:
/// GD diverges.
Verdict seed_diagonal_step_rule(const Mat<Rational>& A, const Rational& eta, const Vec<Rational>& x0, int steps);

}  // namespace descent::claims::step_size
