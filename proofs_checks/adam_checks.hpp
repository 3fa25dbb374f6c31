/// \file adam_checks.hpp
/// \brief Claims of lesson 12 (Adam and AdamW): the first step with and without bias
/// correction, the exact bound on Adam's step (and where Kingma & Ba's stated bounds fail),
/// decoupled weight decay against L2 regularization, and the forms of Adam (Algorithm 1,
/// PyTorch's order, the ε̂ form, AMSGrad). Every run is the library's Adam
/// (lib/descent/optimizers/adam.hpp); the papers' formulas are written out here where a
/// check compares the library with them.
#pragma once

#include <vector>

#include "claim.hpp"

namespace descent::claims::adam {

// ---- adam_first_step ----

/// adam_first_step, holds (mpfr): Kingma & Ba's defaults, gradient g with coordinates of
/// sizes 10² … 10⁻⁹: |Δx_i| = α|g_i|/(|g_i| + ε) (lhs the largest relative difference).
Verdict first_step_size();
/// adam_first_step, tight (mpfr): ε = 0: |Δx_i| = α in every coordinate, whatever g.
Verdict first_step_is_lr();
/// adam_first_step, counterexample dropping bias_correction (mpfr): without it, |Δx_i| = α fails.
Verdict uncorrected_not_lr();
/// adam_first_step, holds (mpfr): without bias correction (ε = 0) |Δx_i| = α(1 − β₁)/√(1 − β₂).
Verdict uncorrected_ratio();
/// adam_first_step, holds (mpfr): without bias correction and a constant gradient the steps are
/// α(1 − β₁ᵗ)/√(1 − β₂ᵗ) for t ≤ T: they grow to 6.57α at t = 12 before settling.
Verdict uncorrected_constant_gradient(int T);
/// adam_first_step, refutes seed 003 line 204: the slide's Adam (no bias correction, ε inside
/// the root) takes Algorithm 1's first step: its first step is 3.16α, Algorithm 1's α.
Verdict seed003_adam();
/// adam_first_step, tight (mpfr): NAdam (Dozat 2016, torch.optim.NAdam's form and defaults, ε = 0)
/// does not take Adam's first step α: it moves γ(1 + μ₂(1 − β₁)/(1 − μ₁μ₂)) in every coordinate,
/// μ_t = β₁(1 − ½·0.96^(tψ)) — about 1.056γ at the defaults (the library's NAdam against the
/// formula).
Verdict nadam_first_step();

// ---- adam_step_bound ----

/// The exact bound of Adam's step (ε = 0) at step t over all gradient histories:
/// α(1 − β₁)/(1 − β₁ᵗ)·√((1 − β₂ᵗ)(1 − qᵗ)/((1 − β₂)(1 − q))), q = β₁²/β₂ < 1.
Mpfr step_bound(const Mpfr& beta1, const Mpfr& beta2, int t);
/// adam_step_bound, tight (mpfr): gradients g_s = (β₂/β₁)^s attain it at step T (the library's
/// Adam fed the gradients).
Verdict growing_gradients_attain(const Rational& beta1, const Rational& beta2, int T);
/// adam_step_bound, holds (mpfr): seeded random gradients (normal, scales 10^±3): every step
/// stays below the bound (lhs the largest ratio |Δ_t|/bound_t).
Verdict random_gradients_below(int T);
/// adam_step_bound, tight (limit, mpfr): one non-zero gradient after t − 1 zero ones: |Δ_t|
/// tends to Kingma & Ba's α(1 − β₁)/√(1 − β₂) (ratio in [1 − δ, 1] at t = T).
Verdict sparse_approaches(int T);
/// adam_step_bound, counterexample dropping sparse (mpfr): growing gradients exceed Kingma &
/// Ba's α(1 − β₁)/√(1 − β₂) (β₁ = 0.9, β₂ = 0.999, T = 1000).
Verdict kingma_bound_exceeded(int T);
/// adam_step_bound, counterexample dropping sparse (mpfr): with (1 − β₁) ≤ √(1 − β₂) (β₁ = 0.99,
/// β₂ = 0.999) Kingma & Ba's |Δ_t| ≤ α fails for growing gradients (T = 1000).
Verdict kingma_alpha_exceeded(int T);

/// adam_step_bound, counterexample dropping beta_order (mpfr): β = (0.9, 0.5), β₁² > β₂: the step
/// exceeds 100α at T (the bound grows like q^{T/2}).
Verdict unbounded_without_order(int T);
/// adam_step_bound, tight: AdaMax (written out from the paper) fed g_s = beta2^s attains its bound
/// (1 - b1)(1 - (b1/b2)^T)/((1 - b1^T)(1 - b1/b2)) alpha; rejects the paper's "|Delta_t| <= alpha".
Verdict adamax_attains(int T);
/// adam_step_bound, counterexample ("sparse"): at beta = (0.9, 0.99), where (1 - beta1) = sqrt(1 - beta2), growing
/// gradients exceed the paper's "|Delta_t| < alpha".
Verdict kingma_equality_case_exceeded(int T);
/// adam_step_bound, counterexample ("sparse"): two non-zero gradients exceed the most sparse case's bound.
Verdict two_gradients_exceed();

// ---- adamw_decoupled ----

/// adamw_decoupled, holds (exact): SGD with decoupled decay λ (x ← x − α∇f − λx, written
/// here) equals the library's GD on f + (λ/(2α))‖x‖² over `steps` steps.
Verdict sgd_decay_is_l2(int steps);
/// adamw_decoupled, counterexample dropping linear_step (mpfr): Adam on f + (λ/(2α))‖x‖²
/// (the library's L2 weight decay) is not AdamW with λ (the library's paper form).
Verdict adam_l2_is_not_adamw(int steps);
/// adamw_decoupled, holds (mpfr): the library's PyTorch AdamW with λ equals Loshchilov &
/// Hutter's Algorithm 2 written out here with λ_paper = αλ.
Verdict pytorch_adamw_is_paper(int steps);
/// adamw_decoupled, holds (mpfr): under a schedule α_t = α₀/(t + 1) the two forms still
/// agree (the paper's η_t = α_t/α₀ scales the decay as PyTorch's α_t does).
Verdict forms_agree_under_schedule(int steps);

// ---- adam_forms ----

/// adam_forms, holds (mpfr): the library's Adam (PyTorch's order: α/(1 − β₁ᵗ)·m/(√v/√(1 − β₂ᵗ)
/// + ε)) equals Algorithm 1 written out (m̂, v̂, α m̂/(√v̂ + ε)) on Rosenbrock.
Verdict pytorch_is_algorithm1(int steps);
/// adam_forms, holds (mpfr): the ε̂ form equals Algorithm 1 with ε_t = ε̂/√(1 − β₂ᵗ).
Verdict eps_hat_equivalence(int steps);
/// adam_forms, counterexample dropping eps_matched (mpfr): with ε = ε̂ they differ.
Verdict eps_hat_differs(int steps);
/// adam_forms, holds (mpfr): AMSGrad's per-coordinate scale |Δx_i|/|m_i| = α/(√v̂_i + ε) never
/// increases along a run (the library's AMSGrad, the paper's form).
Verdict amsgrad_scale_monotone(int steps);
/// adam_forms, counterexample dropping max (mpfr): Adam's α/(√v_i + ε) (no bias correction,
/// same run setup) increases at some step.
Verdict adam_scale_increases(int steps);

/// Plot data: |Δ_t|/α of Adam with and without bias correction (ε = 0) for a constant
/// gradient, t = 1 … T, rows "t with without".
std::vector<std::vector<double>> first_steps(int T);
/// Plot data: |Δ_t|/α for the growing gradients, the exact bound, Kingma & Ba's, rows
/// "t ratio bound kingma".
std::vector<std::vector<double>> bound_curve(int T);
/// Plot data: paths on Rosenbrock from (−1.2, 1): per method its name and rows (x, y).
std::vector<std::pair<std::string, std::vector<std::vector<double>>>> rosenbrock_paths(int steps);

}  // namespace descent::claims::adam
