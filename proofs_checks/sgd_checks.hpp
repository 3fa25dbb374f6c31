/// \file sgd_checks.hpp
/// \brief Claims of lesson 14 (stochastic gradients, seed 001): the per-example gradient as an
/// unbiased estimate, epochs, "20 times faster" measured per gradient evaluation, the noise floor
/// of a constant step with its exact stationary variance, Robbins–Monro steps, and minibatch
/// variance. Every run is the library's Sgd (optimizers/sgd.hpp) on its Mlp or LeastSquares
/// (problems/mlp.hpp, problems.hpp); exact gradients to compare with come from reverse-mode AD of
/// the loss written independently (autodiff/twin.hpp).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "claim.hpp"

namespace descent::claims::sgd {

// ---- sgd_unbiased ----

/// sgd_unbiased, holds (exact): on a polynomial 2-3-1 network with K = 5 examples the mean of the
/// hand-written per-example gradients equals the reverse-mode AD gradient of the mean loss.
Verdict per_example_unbiased();
/// sgd_unbiased, holds (exact): the mean of the minibatch estimate over all C(5, 2) batches equals
/// the same AD gradient.
Verdict minibatch_unbiased();
/// sgd_unbiased, tight (exact): the mean over the K examples of one SGD step equals the GD step
/// with the same η.
Verdict expected_step_is_gd_step();
/// sgd_unbiased, counterexample dropping mean_loss (exact): with seed 001's sum L = Σₙ Lⁿ, the mean
/// of ∇Lⁿ is ∇L/K, not ∇L.
Verdict sum_loss_biased();

// ---- sgd_epoch ----

/// sgd_epoch, holds (exact): one epoch of the library's SGD (shuffle, B = 1) on K = 20 examples makes
/// 20 updates, uses each example once, and evaluates 20 example gradients (one full gradient's worth).
Verdict epoch_single();
/// sgd_epoch, holds (exact): with B = 3, one epoch is ⌈20/3⌉ = 7 updates, the last of 2 examples.
Verdict epoch_batches();
/// sgd_epoch, counterexample dropping shuffle: drawing with replacement, 20 draws miss examples.
Verdict replacement_misses();

// ---- sgd_twenty_times ----

/// sgd_twenty_times, holds (double): on K = 20 examples SGD reaches a loose accuracy (a tenth of the
/// initial gap) with fewer gradient evaluations than GD, measured.
Verdict early_progress();
/// sgd_twenty_times, counterexample dropping above_floor: to stay within 10⁻⁶ of the initial gap
/// (below the noise floor) SGD would need at most 1/20 of GD's evaluations; with a constant step it
/// never stays there. (Seed 001 line 306 is about updates per pass, which is true: not refuted.)
Verdict twenty_times_refuted();
/// sgd_twenty_times, holds: with seed 001's sum loss and the SGD step eta = 1/20, GD's step is eta K = 1
/// on the mean loss, beyond 2/lambda_max: it diverges on the race's instance (K steps).
Verdict sum_loss_gd_diverges(int steps);

// ---- sgd_noise_floor ----

/// sgd_noise_floor, holds (exact): E[(w_t − w*)²] of SGD with replacement on a 1-D least squares,
/// by enumerating all K^t index sequences of the library's steps, equals the closed-form moment
/// recursion, t = 1 … 5.
Verdict moments_match_recursion(const Rational& eta);
/// sgd_noise_floor, tight in the limit (exact): from w₀ = w* the second moment rises to the floor
/// v(η) = ηC/(m₂ − ηm₄): the ratio after T steps lies in [1 − δ, 1].
Verdict floor_approached(const Rational& eta);
/// sgd_noise_floor, holds (double): the time average of (w_t − w*)² over a long seeded run of the
/// library's SGD lies within 4 standard errors (batch means) of v(η).
Verdict floor_measured(const Rational& eta, int T);

/// sgd_noise_floor, counterexample dropping replacement (double): with shuffled epochs (each example once
/// per epoch) the measured floor is not v(η): far below it (random reshuffling's floor is of order η²).
Verdict floor_shuffled(const Rational& eta, int T);
/// sgd_noise_floor, holds: the shuffled floor is O(eta^2): log2 of the floors' ratio at eta = 1/50 and
/// 1/100 within 1/2 of 2 (T steps each); rejects an O(eta) shuffled floor.
Verdict shuffled_floor_order(int T);

// ---- sgd_decaying ----

/// sgd_decaying, holds (mpfr): with ηₜ = (1/5)/(t + 10) the expected squared error after T steps is
/// below a tenth of the constant step's floor v(1/50) (η₀ = 1/50 for both).
Verdict decaying_converges(int T);
/// sgd_decaying, tight in the limit: T E[(w_T - w*)^2] -> 4 c^2 C/(4 c m_2 - 1) for eta_t = (1/5)/(t + 10) (Chung)
/// within 1/100 at T; rejects a 1/T^2 rate.
Verdict decaying_rate_limit(int T);
/// sgd_decaying, holds (double): the same schedule run by the library's SGD, R seeded runs: the mean
/// of (w_T − w*)² lies within 4 standard errors of the exact expectation.
Verdict decaying_measured(int runs, int T);
/// sgd_decaying, counterexample dropping sum_squares_finite (mpfr): a constant step stays at the floor.
Verdict constant_step_stalls(int T);
/// sgd_decaying, counterexample dropping sum_infinite (mpfr): ηₜ = (1/50)/(t + 1)² stops short.
Verdict summable_steps_stop(int T);

// ---- sgd_minibatch_variance ----

/// sgd_minibatch_variance, holds (exact): over all K^B ordered draws with replacement the minibatch
/// mean gradient has E‖ĝ − ∇f‖² = σ²/B (K = 6, B = 3).
Verdict variance_with_replacement();
/// sgd_minibatch_variance, counterexample dropping with_replacement (exact): over the C(K, B) batches
/// without replacement it is not σ²/B.
Verdict variance_without_replacement();
/// sgd_minibatch_variance, holds (exact): without replacement it is σ²(K − B)/(B(K − 1)) for every
/// B = 1 … K (zero at B = K: the full gradient).
Verdict finite_population();

/// Plot data: f − f* against gradient evaluations for GD and SGD (K = 20): rows "evaluations gd sgd".
std::vector<std::vector<double>> gd_vs_sgd(int epochs);
/// Plot data: E[(w_t − w*)²] (exact recursion) for the constant steps 1/200, 1/100, 1/50 and the
/// decaying ηₜ = (1/5)/(t + 10), and one measured run at 1/50: rows "t c1 c2 c3 decaying run".
std::vector<std::vector<double>> noise_floors(int T);
/// Plot data: minibatch variance against B on K = 20 examples: rows "B formula_with
/// formula_without measured_shuffle", the measured from the library's batches.
std::vector<std::vector<double>> minibatch_variance(int draws);

}  // namespace descent::claims::sgd
