/// \file schedule_checks.hpp
/// \brief Claims of lesson 10 (learning-rate schedules): what decaying steps guarantee and
/// where they stop short, the noise floor of a constant step, escaping a poor local minimum
/// with a large step that then decays, and the silver step-size schedule.
#pragma once

#include <vector>

#include "claim.hpp"
#include "descent/optimizers.hpp"

namespace descent::claims::schedules {

// ---- decaying_schedules ----

/// decaying_schedules, holds (exact): GD with η_k = η₀/(k + 1), η₀ = ½, on E = w²/2 from
/// w₀ = 1 (the library's Scheduled GD) has w_k = C(2k, k)/4^k for every k ≤ K (lhs the sum of
/// squared misfits, == 0): w_k → 0 like 1/√(πk).
Verdict inverse_closed_form(int K);
/// decaying_schedules, counterexample dropping sum_infinite (exact): η_k = η₀/(k + 1)²,
/// η₀ = ¼: w_K ≤ w₀/10 fails at K (w_K stays above 2/π).
Verdict inverse_square_stops(int K);
/// decaying_schedules, tight (limit, mpfr): with η_k = η₀/(k + 1)² the iterate tends to
/// w₀ sin(π√η₀)/(π√η₀) (Euler's product); the ratio limit/w_K lies in [1 − 1/K, 1].
Verdict inverse_square_limit(const Rational& eta0, int K);
/// decaying_schedules, tight (limit, mpfr): with η_k = ½e^{−k ln 2} the iterate tends to
/// w₀ (½; ½)_∞ = w₀ Π_{j≥1}(1 − 2^{−j}), computed independently by Euler's pentagonal number
/// theorem; the ratio limit/w_K lies in [1 − 2^{1−K}, 1].
Verdict exponential_limit(int K);
/// decaying_schedules, refutes seed 001 line 66: η^t = η/√(t + 1) called "1/t decay": a 1/t
/// decay has (t + 1)η^t constant, but (t + 1)η^t/η = √(t + 1) = 10 at t = 99 (the library's
/// inv_sqrt schedule at mpfr), not 1 as at t = 0.
Verdict seed_one_over_t();

// ---- noise_floor ----

/// noise_floor, holds (exact): on a x²/2 with gradient noise ±σ (each sign with probability
/// ½), the mean over all 2^K sign sequences of e_K² equals the closed form
/// (1 − ηa)^{2K}e₀² + η²σ²(1 − (1 − ηa)^{2K})/(1 − (1 − ηa)²).
Verdict enumerated_second_moment(const Rational& a, const Rational& eta, const Rational& sigma, const Rational& e0,
                                 int K);
/// noise_floor, tight (limit, exact): from e₀ = 0 the second moment m_K over the floor
/// ησ²/(a(2 − ηa)) is 1 − (1 − ηa)^{2K} ∈ [1 − δ, 1], δ = 10⁻⁶ at the stated K.
Verdict floor_limit(const Rational& a, const Rational& eta, const Rational& sigma);
/// noise_floor, holds (double): the library's NoisyQuadratic (seed 42) with GD at a constant
/// η: the mean of e_k² over k ∈ [1000, 201000) lies within 10% of the floor (about 7 standard
/// errors of that mean at ηa = 1/10).
Verdict seeded_floor(double a, double eta, double sigma);
/// noise_floor, holds (double): the library's seeded NoisyQuadratic (a = 1, σ = 1) under the
/// library's Scheduled GD with η_k = η₀/(k + 1), η₀ = 1: the mean of e_k² over the last 1000
/// of `steps` steps is at most 10σ²/(a²K) (K e_K² is about χ²₁, above 10 with probability
/// 0.16%).
Verdict seeded_decay(double eta0, int steps);
/// noise_floor, counterexample dropping sum_infinite (mpfr): PyTorch's plateau rule (the
/// library's, factor ½, patience 100) from x₀ = x*, where no f_k beats f₀ and the halvings run
/// on a fixed timetable, so E[e_K²] follows an exact recursion: E[e_K²] ≤ floor/100 fails.
Verdict plateau_second_moment(const Rational& eta0, int K);
/// noise_floor, tight (exact): under η_k = η₀/(k + 1) with η₀a = 1 the second moment, by
/// its exact recursion m_{k+1} = (1 − η_k a)² m_k + η_k²σ² from e₀ = 1, is σ²/(a²K) at K.
Verdict decaying_second_moment(const Rational& a, const Rational& eta0, const Rational& sigma, int K);
/// noise_floor, counterexamples by the same recursion: drop sum_squares_finite (a constant η:
/// m_K stays at the floor) or sum_infinite (η_k = η₀/(k + 1)²: the initial error is never
/// removed); m_K ≤ floor/10 fails at K.
Verdict second_moment_fails(const Rational& a, const Rational& eta0, const Rational& sigma, int K,
                            const std::string& dropped);

// ---- escape_then_decay (mpfr, PoorLocalMinimum from x0 = 9/4) ----

/// escape_then_decay, holds: GD with η_k = η₀/(k + 1), η₀ = 5/2 > 2/f″(x_loc), leaves the
/// dip and converges to the global minimum: f(x_K) − f* ≤ 10⁻¹⁰.
Verdict escape_with_decay(const Rational& eta0, int K);
/// escape_then_decay, holds: a constant η > 2/f″(x_loc) does not converge to the poor minimum
/// (the first half of the claim): |x_K − x_loc| > 10⁻⁶ (it leaves the dip, or, just above the
/// threshold, cycles around x_loc).
Verdict constant_large_step_escapes(const Rational& eta, int K);
/// escape_then_decay, counterexample dropping large_step: η_k = η₀/(k + 1) with η₀ = 1/20 <
/// 2/f″(x_loc): f(x_K) − f* ≤ 10⁻¹⁰ fails (it stays in the dip).
Verdict small_start_stuck(const Rational& eta0, int K);
/// escape_then_decay, counterexample dropping decay: the constant η₀ = 5/2 > 2/f″(x_glob)
/// escapes but never settles: f(x_K) − f* ≤ 10⁻¹⁰ fails (it diverges).
Verdict no_decay_no_solution(const Rational& eta, int K);
/// escape_then_decay, holds: a constant step factor·2/f''(x_loc) from x_loc + 1/1000 stays at
/// the poor minimum for factor < 1 (rejecting "any eta > 1/f'' escapes") and leaves it for factor > 1.
Verdict escape_threshold(const Rational& factor, int K);
/// x_k of GD on PoorLocalMinimum from 9/4 with step η_k = η₀ m_k (double), `schedule`
/// "constant" or "inverse", for plots.
std::vector<double> nonconvex_path(const std::string& schedule, double eta0, int steps);
/// e_k² of GD on the noisy quadratic (a = 1, σ = 1, seed 42) under `schedule` ("constant",
/// "inverse", "plateau") with base step eta0, for plots.
std::vector<double> noisy_squares(const std::string& schedule, double eta0, int steps);

// ---- silver_schedule_rate (mpfr) ----

/// r_k = 1/(1 + √(4ρ^{2k} − 3)), ρ = 1 + √2, at the current precision.
Mpfr silver_rate(int k);
/// silver_schedule_rate, holds: GD with the silver steps (the library's Scheduled GD with
/// η = 1/L) for n = 2^k − 1 steps on smooth convex instances (a rotated Huber sum, Huber
/// functions of several widths, L x²/2): f(x_n) − f* ≤ r_k L‖x₀ − x*‖²; lhs the largest
/// ratio.
Verdict silver_instances(int k);
/// silver_schedule_rate, holds: at n = 2^k − 1 the silver guarantee r_k L R² lies below the
/// exact worst case of the best constant step ½(h(n) − 1)^{2n} L R² (lesson 09's minimax).
Verdict silver_beats_constant(int k);
/// silver_schedule_rate, holds (mpfr, an identity): on L x²/2 the 4th silver step (h₄ = 2 + √2 > 2)
/// multiplies f by exactly ρ²: f rises; no descent-lemma argument (which needs η < 2/L for a
/// decrease) explains the rate.
Verdict silver_step_increase();
/// silver_schedule_rate, counterexample dropping horizon: on L x²/2 at n = 2^j (between
/// horizons), f(x_n) − f* = ρ^{−2} L R²/2 exceeds r_j L R², the bound of the horizon 2^j − 1.
Verdict silver_needs_horizon(int j);
/// {n, r_k} for k = 1…kmax, and the best constant step's exact worst case at the same n, and
/// f(x_n) of the silver steps on x²/2, for the lesson's plot (double).
std::vector<std::vector<double>> silver_table(int kmax);

}  // namespace descent::claims::schedules
