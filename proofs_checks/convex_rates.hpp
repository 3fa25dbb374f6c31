/// \file convex_rates.hpp
/// \brief Claims of lesson 09 (what smoothness and convexity buy): the bowls of smoothness
/// and strong convexity, GD's O(1/k) rate on smooth convex functions and its exact worst
/// case for every constant step, the PL inequality and overparameterized least squares.
/// Also the instances lesson 10 shares: rotated sums of Huber functions (smooth, convex,
/// exact) and the minima of the poor-local-minimum function.
#pragma once

#include <string>
#include <vector>

#include "claim.hpp"
#include "descent/optimizers.hpp"

namespace descent::claims::rates {

/// f(x) = Σᵢ Lᵢ h_{δᵢ}(qᵢᵀx) with h_δ the Huber function and qᵢ the columns of an orthogonal
/// Q: convex, L-smooth with L = max Lᵢ, minimum 0 at 0; a random smooth convex instance
/// that stays exact in rationals.
template <class S>
class RotatedHuber final : public Problem<S> {
 public:
  /// Throws std::invalid_argument unless Q is square, with as many δᵢ > 0 and Lᵢ > 0.
  RotatedHuber(Mat<S> Q, std::vector<S> delta, std::vector<S> L);
  int dimension() const override { return static_cast<int>(Q_.rows()); }
  S value(const Vec<S>& x) const override;
  Vec<S> gradient(const Vec<S>& x) const override;
  Mat<S> hessian(const Vec<S>& x) const override;
  std::string name() const override { return "rotated Huber sum"; }
  /// max Lᵢ.
  S smoothness() const;

 private:
  Mat<S> Q_;
  std::vector<S> delta_, L_;
};

/// The stationary points of PoorLocalMinimum (a = 1, c = 2, s = 1/4) at the working
/// precision, by bisection on f′ (never by a method under test).
struct PoorMinima {
  Mpfr x_global;            ///< the global minimizer, near 0.0155
  Mpfr f_global;            ///< f there, about −0.0155
  Mpfr x_local;             ///< the poor local minimizer, near 1.930
  Mpfr f_local;             ///< f there, about 0.935
  Mpfr curvature_local;     ///< f″ at the poor local minimum, about 20.46
  Mpfr curvature_global;    ///< f″ at the global minimum, about 0.977
};
/// PoorMinima at the current precision.
PoorMinima poor_minima();

// ---- smoothness_definitions (exact) ----

/// smoothness_definitions on the Huber function (δ = 1, L = 1): the largest gap
/// f(y) − [f(x) + f′(x)(y − x) + (c/2)(y − x)²] over a grid of pairs. Kind tight with c = L:
/// the gap is ≤ 0 and attained (== 0, pairs inside |x| ≤ δ); with
/// Expect::counterexample("smooth") and c < L: positive (the bowl of curvature c is not
/// above f).
Verdict huber_upper_bowl(const Rational& c, const Expect& kind);
/// smoothness_definitions, holds: on the Lessard function (μ = 1) the lower bowl
/// f(y) ≥ f(x) + f′(x)(y − x) + (μ/2)(y − x)² on a grid of pairs; lhs the largest violation.
Verdict lessard_lower_bowl();
/// smoothness_definitions, counterexample dropping bounded_slope: x² is 2-smooth, but not
/// M-Lipschitz for M = 100: |f(M + 1) − f(0)| ≤ M(M + 1) fails.
Verdict square_not_lipschitz(const Rational& M);
/// smoothness_definitions, refutes seed 003 line 81: f = ½(x² + y²) + x²y² satisfies
/// xᵀ∇²f(x)x ≥ ‖x‖² at every x (reported on a grid) and yet is not convex: the midpoint of
/// (3/2, 1/2) and (1/2, 3/2) lies above the chord.
Verdict seed_strong_convexity_definition();
/// smoothness_definitions, refutes seed 002 line 770: f = x²/2 + x⁴/4 is 1-strongly convex;
/// GD with η = 1/2 contracts its enclosing quadratic x²/2 by 1/2 per step (x_K = 2^{1−K} from
/// 2), but on f from x₀ = 2 it diverges: |x_K| on f ≤ |x_K| on the bowl fails.
Verdict seed_enclosing_quadratic(int steps);

// ---- gd_smooth_convex_rate (exact) ----

/// gd_smooth_convex_rate, holds: GD with η = 1/L on `f` (convex, L-smooth, minimizer x*)
/// from x0: max_k k(f(x_k) − f*)/(L‖x₀ − x*‖²/2) ≤ 1 (tight = false) or, for the tight
/// constant, max_k (4k + 2)(f(x_k) − f*)/(L‖x₀ − x*‖²) ≤ 1 (tight = true).
Verdict gd_rate(const Problem<Rational>& f, const std::string& what, const Rational& L, const Vec<Rational>& x_star,
                const Vec<Rational>& x0, int steps, bool tight);
/// gd_smooth_convex_rate, tight: the Huber witness (δ = R/(2k + 1), L = 1, x₀ = R) after k
/// steps of η = 1/L: f(x_k) − f* == LR²/(4k + 2).
Verdict huber_witness_rate(int k, const Rational& R);
/// gd_smooth_convex_rate, the proof's step: f(x_{k+1}) − f* ≤ (L/2)(‖x_k − x*‖² − ‖x_{k+1} − x*‖²)
/// at every step of GD with η = 1/L (largest ratio ≤ 1), exact.
Verdict gd_rate_key_step(const Problem<Rational>& f, const std::string& what, const Rational& L, const Vec<Rational>& x_star,
                         const Vec<Rational>& x0, int steps);
/// gd_smooth_convex_rate, refutes seed 002 line 855: f(w_k) − f* ∝ (1/k)(f(w₀) − f*) for a
/// constant c = 100: on the Huber function with δ = 1/(2k + 1), η = 1, w₀ = 1, k = 1000,
/// k(f(w_k) − f*)/(f(w₀) − f*) ≤ 100 fails (it grows like k/2).
Verdict seed_relative_rate(int k, const Rational& c);
/// gd_smooth_convex_rate, counterexample dropping convex: on PoorLocalMinimum (|f″| ≤ 33 = L)
/// GD with η = 1/L from x₀ = 9/4 settles in the poor local minimum: f(x_K) − f* ≤
/// L‖x₀ − x*‖²/(2K) fails (mpfr).
Verdict nonconvex_rate_fails(int steps);

// ---- gd_constant_step_worst_case ----

/// gd_constant_step_worst_case, tight (exact): GD with η = h/L, N steps, on the Huber witness
/// (δ = R/(2Nh + 1)) attains LR²/(2(2Nh + 1)); needs h ≤ h(N) (the Huber term the larger).
Verdict dt_huber_witness(int N, const Rational& h, const Rational& L, const Rational& R);
/// gd_constant_step_worst_case, tight (exact): on f = Lx²/2 from R, f(x_N) == (LR²/2)(1 − h)^{2N}.
Verdict dt_quadratic_witness(int N, const Rational& h, const Rational& L, const Rational& R);
/// gd_constant_step_worst_case, holds (exact): on a rotated Huber sum in 3-D (random-looking
/// δᵢ, Lᵢ) and a singular PSD quadratic, f(x_N) − f* ≤ the bound for every h in `hs`; lhs
/// the largest ratio over instances and h.
Verdict dt_bound_instances(int N, const std::vector<Rational>& hs);
/// h(N) > 1 solving 1/(2Nh + 1) = (h − 1)^{2N}, by bisection on [1, 2] at the current precision.
Mpfr minimax_step(int N);
/// gd_constant_step_worst_case, tight (mpfr): at h = h(N) the two witnesses, run as GD
/// trajectories, give the same f(x_N) − f* (the minimax constant step balances them).
Verdict dt_minimax(int N);
/// gd_constant_step_worst_case, counterexample dropping convex: on PoorLocalMinimum with
/// η = h/L (L = 33) from x₀ = 9/4, the bound fails after N steps (mpfr).
Verdict dt_nonconvex(int N, const Rational& h);
/// (LR²/2)·max{1/(2Nh + 1), (1 − h)^{2N}} with L = R = 1 (for plots).
double dt_bound(int N, double h);

// ---- pl_linear_rate ----

/// pl_linear_rate, holds (mpfr): f = x² + 3 sin²x satisfies ½f′² ≥ μ f with μ = 1/32 on a grid
/// of [−10, 10] (lhs the smallest ½f′² − μf), though f″(π/2) = −4 < 0.
Verdict pl_inequality_sin();
/// pl_linear_rate, holds (mpfr): GD with η = 1/L, L = 8, on x² + 3 sin²x from x₀:
/// max_k (f(x_k) − f*)/((1 − μ/L)^k (f(x₀) − f*)) ≤ 1.
Verdict pl_rate_sin(const Rational& x0, int steps);
/// pl_linear_rate, holds (exact): overparameterized least squares ‖Φᵀw − y‖² (3 parameters,
/// 2 examples, ΦᵀΦ = diag(9, 5)), GD with η = 1/ℓ (ℓ = 18) from 0: L(w_k) ≤ (1 − μ/ℓ)^k L(w₀)
/// with μ = 2λ_min(ΦᵀΦ) = 10; lhs the largest ratio.
Verdict overparameterized_rate(int steps);
/// pl_linear_rate, holds (exact): from w₀ = 0 every iterate lies in range(Φ): lhs Σ_k (nᵀw_k)²,
/// n spanning null(Φᵀ), == 0.
Verdict overparameterized_min_norm(int steps);
/// pl_linear_rate, tight (exact): ‖w_K − w*‖² == (4/5)(4/9)^{2K} for the minimum-norm
/// interpolant w* = Φ(ΦᵀΦ)⁻¹y (K ≥ 1): the residual r_k = Φᵀw_k − y obeys
/// r_{k+1} = (I − ΦᵀΦ/9) r_k = diag(0, 4/9) r_k from r₀ = −y = (−1, −2), and w_k − w* =
/// Φ(ΦᵀΦ)⁻¹r_k has squared norm r_kᵀ(ΦᵀΦ)⁻¹r_k = (4/5)(4/9)^{2k}.
Verdict overparameterized_limit(int steps);
/// pl_linear_rate, counterexample dropping zero_start: from w₀ = n (null(Φᵀ)) GD converges to
/// w* + n: ‖w_K − w*‖² ≤ 10⁻²⁰ fails.
Verdict overparameterized_offset_start(int steps);
/// pl_linear_rate, counterexample dropping pl: PoorLocalMinimum (a stationary point above
/// f*) with η = 1/L: f(x_K) − f* ≤ (1 − μ/L)^K (f(x₀) − f*) fails for μ = 1/100 (mpfr).
Verdict pl_fails_with_poor_minimum(int steps);

}  // namespace descent::claims::rates
