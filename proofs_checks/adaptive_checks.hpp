/// \file adaptive_checks.hpp
/// \brief Claims of lesson 11 (per-parameter step sizes): seed 001's AdaGrad and its
/// simplification, the best step on a parabola, AdaGrad on axis-aligned quadratics, RMSProp's
/// average and its step bound, the units of AdaDelta, GD, Adam and Newton, and AdaDelta's
/// per-coordinate accumulator and its divide-first slip. Every run is the library's optimizer
/// (lib/descent/optimizers/adaptive.hpp, adam.hpp) at the working precision unless exact.
#pragma once

#include <vector>

#include "claim.hpp"

namespace descent::claims::adaptive {

// ---- adagrad_forms ----

/// adagrad_forms, holds (mpfr): the library's AdaGrad in seed 001's form (η/√(t + 1) over the
/// RMS σ^t) and in Duchi's form with ε = 0 (η g/√Σg²) give the same iterates on a 2-D
/// quadratic over `steps` steps (lhs the largest difference, == 0 within the tolerance).
Verdict notes_form_simplifies(int steps);
/// adagrad_forms, holds (exact): seed 001's two gradient sequences ending in g⁴ = 0.1: the
/// squared step (η g⁴)²/Σ(gⁱ)² after the small gradients exceeds 10⁴ times the one after the
/// large ones (“how surprise it is”).
Verdict contrast();
/// adagrad_forms, refutes seed 003 line 140: (G_t)_ii = √(Σ_{j=1}^{t−1} (∇f(x_t)_i)²), read as
/// written, is √(t − 1)|∇f(x_t)_i|, not the root of the past squared gradients (the library's
/// accumulator on the same run).
Verdict seed003_accumulator();
/// adagrad_forms, refutes seed 003 line 142: “G_t strictly increasing”: with a zero partial
/// derivative the accumulator's entry stays put (mpfr, the library's AdaGrad).
Verdict seed003_strictly_increasing();

// ---- gradient_distance ----

/// gradient_distance, holds (exact): on y = ax² + bx + c, a > 0, the distance to the minimizer
/// |x₀ + b/(2a)| equals |y′(x₀)|/y″ (seed 001's “best step”) at several x₀.
Verdict best_step();
/// gradient_distance, counterexample dropping one_parameter (exact): on ½(100x² + y²) at (1/10, 1)
/// |∂f/∂x| = 10 > |∂f/∂y| = 1, but x is 10 times closer to its minimizer.
Verdict across_parameters();

// ---- adagrad_axis_aligned ----

/// adagrad_axis_aligned, holds (mpfr): along the library's AdaGrad run on ½Σa_i x_i², the
/// accumulator G_i equals a_i² Σ_s x_{i,s}² (lhs the largest relative difference).
Verdict accumulator_estimates_curvature(int steps);
/// adagrad_axis_aligned, holds (mpfr): AdaGrad (ε = 0) on ½(100x² + y²) and on ½(x² + y²)
/// from the same point gives the same iterates: the curvatures drop out.
Verdict curvature_free(int steps);
/// adagrad_axis_aligned, counterexample dropping axis_aligned (mpfr): rotate the first
/// quadratic by (3/5, 4/5): the iterates now differ from those on ½‖x‖².
Verdict rotated_depends(int steps);

// ---- rmsprop_average ----

/// rmsprop_average, holds (mpfr): the library's RMSProp accumulator after `steps` steps equals
/// (1 − β)Σ_t β^{T−t} g_t² computed from the recorded gradients.
Verdict unrolled_sum(int steps);
/// rmsprop_average, refutes seed 003 line 162: “⇔ Σ β^{T−t}(∇f(x_t)_i)²” (no factor 1 − β)
/// is not the accumulator of the recursion on line 160.
Verdict seed003_unrolled(int steps);
/// rmsprop_average, holds (mpfr): with ε = 0 every RMSProp step satisfies |Δx_i| ≤ η/√(1 − β)
/// on the run (lhs the largest |Δx_i|).
Verdict step_bound(int steps);
/// rmsprop_average, tight (mpfr): the first step attains it: |Δx_i| = η/√(1 − β).
Verdict step_bound_first();
/// rmsprop_average, refutes seed 003 line 197: the Adam slide's RMSProp with the power −1:
/// its first step depends on |g| (0.1 for g = 10 where the root gives η/√(1 − β) = 0.316…).
Verdict seed003_power();
/// rmsprop_average, refutes seed 003 line 198: (G_t)_ii = β(G_t)_ii + (1 − β)(∇f(x_t)_i)², an
/// equation in G_t, forces G_t = g_t² (no average at all); the recursion needs G_{t+1} on the left.
Verdict seed003_same_index();

// ---- adadelta_units ----

/// adadelta_units, holds (mpfr): rescale y = cx (f_c(y) = f(y/c)), ε_g ← ε_g/c², ε_Δ ← c²ε_Δ:
/// AdaDelta's iterates map exactly, y_k = c x_k (lhs the largest relative difference).
Verdict adadelta_maps(int steps);
/// adadelta_units, counterexample dropping eps_scaled (mpfr): with the same ε in both runs
/// y_k/c = x_k fails; the measured relative deviation is reported.
Verdict adadelta_fixed_eps(int steps);
/// adadelta_units, holds (exact): GD's first step on f_c is Δy = Δx/c: c Δx = c² Δy.
Verdict gd_units();
/// adadelta_units, holds (mpfr): RMSProp (seed 003's “Δ : unitless”) and Adam with ε = 0
/// take the same first step on f and on f_c: Δy = Δx.
Verdict unitless_first_step();
/// adadelta_units, holds (exact): Newton's step has the units of x: Δy = c Δx.
Verdict newton_units();
/// adadelta_units, refutes seed 003 line 183: “GD: Δ ∝ ∂f/∂x ∝ unit of x”; GD's step scales
/// as 1/c, not c (exact).
Verdict seed003_gd_units();

// ---- adadelta_per_coordinate ----

/// adadelta_per_coordinate, holds (mpfr): Zeiler's AdaDelta (the library's) on ½(x² + 100y²):
/// the x-path is the same from y₀ = 1 and from y₀ = 5.
Verdict zeiler_separable(int steps);
/// adadelta_per_coordinate, refutes seed 003 line 179: the scalar u ← ρu + (1 − ρ)‖Δx‖² couples
/// the coordinates: the x-path changes with y₀.
Verdict seed003_scalar_u(int steps);
/// adadelta_per_coordinate, holds (mpfr): dividing by E[g²] before adding g_t², with zero
/// accumulators, is gradient descent with step η: the same iterates, for ρ and ε of the call.
Verdict divide_first_is_gd(const Rational& rho, const Rational& eps, int steps);
/// adadelta_per_coordinate, counterexample dropping divide_first: Zeiler's order is not GD.
Verdict update_first_not_gd(int steps);
/// adadelta_per_coordinate, counterexample dropping one_eps: ε_Δ = 4·10⁻⁶ in the step average
/// and ε_g = 10⁻⁶ in the gradient average: no longer GD.
Verdict two_eps_not_gd(int steps);

/// Data for the lesson's plots: per method, rows "k x1 x2" of its run on ½(x² + 100y²)
/// (double), and rows "k eta_1 eta_2" of its effective per-coordinate step |Δx_i/g_i|.
struct PathSet {
  std::vector<std::string> names;               ///< method labels
  std::vector<std::vector<std::vector<double>>> paths;  ///< per method, rows (x1, x2)
  std::vector<std::vector<std::vector<double>>> steps;  ///< per method, rows (eta_1, eta_2)
};
/// The runs behind the lesson's plots: GD, AdaGrad, RMSProp, AdaDelta from (−1, 1) on
/// ½(x² + 100y²) for `steps` steps.
PathSet badly_scaled_paths(int steps);

}  // namespace descent::claims::adaptive
