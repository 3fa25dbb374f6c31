/// \file backprop_checks.hpp
/// \brief Claims of lesson 15 (computing gradients, seeds 002 and 004): seed 002's vector-derivative
/// recap and poll 0, its training loop, the three ways to a gradient (the hand-written backward pass
/// of Mlp, reverse-mode and forward-mode AD) against each other and against exact and certified
/// finite differences, every hand-written gradient and Hessian of the library against its AD twin,
/// seed 004's MSE gradient as an adjoint, and forward against reverse mode.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "claim.hpp"

namespace descent::claims::backprop {

// ---- backprop_recap ----

/// backprop_recap, holds (exact): ∇_{W_k}Div = y_{k−1}∇_{z_k}Div (seed 002 line 66, an n_{k−1}×n_k
/// matrix) equals reverse-mode AD's ∂Div/∂(W_k)ᵢⱼ placed at (j, i), every layer of a 3-2-2-1 network.
Verdict weight_gradient();
/// backprop_recap, holds (exact): ∇_{b_k}Div = ∇_{z_k}Div equals AD's ∂Div/∂b_k.
Verdict bias_gradient();
/// backprop_recap, holds (exact): lines 62 and 64 chained, (∇_{z_k}Div W_k) ⊙ f′(z_{k−1}) equals AD's
/// ∂Div/∂b_{k−1}, k = 2, 3.
Verdict chain_to_previous_layer();

// ---- backprop_poll0 ----

/// backprop_poll0, holds (exact): with the notes' update W_k − η(∇_{W_k}Loss)ᵀ (line 82), option 1
/// (y_{k−1}·∇_{z_k}Div, summed over the examples) gives the GD step on every weight.
Verdict option1_notes_convention(const Rational& eta);
/// backprop_poll0, holds (exact): in the column convention (∇ the shape of W_k) the gradient is
/// option 4, ∇_{z_k}Div·y_{k−1}ᵀ.
Verdict option4_column_convention();
/// backprop_poll0, counterexample dropping transpose (exact): option 1 used as a gradient of W_k's
/// shape (no transpose) on a square layer is not the GD step.
Verdict option1_without_transpose(const Rational& eta);

// ---- training_loop ----

/// training_loop, holds (exact): seed 002's loop (accumulate ∇Div over the examples, update with η/T)
/// run three times by hand equals three steps of the library's GD on the mean loss.
Verdict notes_loop_is_gd(const Rational& eta);
/// training_loop, refutes seed 002 line 83 (exact): Loss is set to 0 and never accumulated, so "until Loss has
/// converged" stops the loop after one pass, while the true loss changed by far more than ε.
Verdict loop_stops_at_once(const Rational& eta);

// ---- autodiff_modes ----

/// autodiff_modes, holds (exact): the hand-written backward pass equals reverse-mode AD.
Verdict backprop_equals_reverse();
/// autodiff_modes, holds (exact): forward mode, P passes, equals reverse mode.
Verdict forward_equals_reverse();
/// autodiff_modes, holds (exact): an 11-point central stencil (exact for polynomials of degree ≤ 10)
/// equals reverse mode on the degree-8 network.
Verdict exact_finite_differences();
/// autodiff_modes, holds (exact): every hand-written gradient and Hessian of the library's polynomial
/// and piecewise-polynomial problems equals its AD twin at seeded rational points.
Verdict library_exact();
/// autodiff_modes, holds (mpfr): the same for the problems with exp and log and for sigmoid/tanh
/// networks with cross-entropy.
Verdict library_transcendental();
/// autodiff_modes, counterexample dropping differentiable (exact): at a ReLU kink AD's relu′(0) = 0
/// is not the central difference quotient.
Verdict relu_kink();

// ---- fd_certified ----

/// fd_certified, holds (interval): on a sigmoid network, |central difference − ∂ⱼf| ≤ h²M/6 with M an
/// enclosure of max|∂ⱼ³f| on the segment, certified for every j.
Verdict certified_bound(const Rational& h);
/// fd_certified, holds (interval, at max(100, digits) digits): central differences with h = 10^−(digits/5)
/// agree with reverse mode within the same bound, certified.
Verdict hundred_digits();
/// fd_certified, tight (exact): the bound is attained by a cubic: on seed 000's f = x²y³ along y the
/// central difference is off by exactly h²·f_yyy/6 = h²x².
Verdict bound_attained_cubic();
/// fd_certified, counterexample dropping smooth3 (exact): a kink inside [θ − h, θ + h] puts the
/// central difference 1/2 away from the derivative, where the pieces have f‴ = 0.
Verdict kink_in_segment();

// ---- mse_adjoint ----

/// mse_adjoint, holds (exact): −∇L = (2/K)Σ ε_kᵀ∇_θ f_θ(y_k) with the N_x×P Jacobian from forward mode
/// equals reverse mode's gradient.
Verdict adjoint_formula();
/// mse_adjoint, holds (exact): dᵗ = (2/K)Σ[∇_θ f]ᵀε_k (P×1, line 327) is the transpose of the row.
Verdict adjoint_transposed();

// ---- forward_reverse ----

/// forward_reverse, holds (exact): the Jacobian by P forward passes equals the one by N_x reverse passes.
Verdict jacobians_agree();
/// forward_reverse, holds (exact count): one evaluation of an MLP's loss records at most 4 tape nodes
/// per multiply-add of its forward pass, for widths 2 … 32: the reverse pass costs a fixed multiple
/// of an evaluation, whatever P.
Verdict tape_linear();

/// Plot data: per-layer gradient norms ‖∇_{W_k}Loss‖ of a 2-8-8-8-1 sigmoid network on two-class data
/// during 200 GD steps: rows "step norm1 norm2 norm3 norm4".
std::vector<std::vector<double>> layer_norms(int steps);
/// Plot data: tape nodes of one loss evaluation and forward-mode passes × nodes, against P.
std::vector<std::vector<double>> mode_costs();

}  // namespace descent::claims::backprop
