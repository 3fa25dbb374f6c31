/// \file newton.hpp
/// \brief Second-order and preconditioned methods (lessons 06–07): preconditioned
/// gradient descent (diagonal, or whitening by A^{-1/2}), Newton's method with a step η
/// and Levenberg–Marquardt damping.
#pragma once

#include "descent/optimizers.hpp"

namespace descent {

/// Which preconditioner P a PreconditionedGD builds from the Hessian H₀ at the start.
enum class PreconditionerKind {
  diagonal,  ///< P = diag(1/h_ii): rescales each axis (needs h_ii > 0; exact in rationals)
  whitening  ///< P = A^{-1/2}A^{-1/2} = A^{-1} with A^{-1/2} = EΛ^{-1/2}Eᵀ (seed 002's whitening)
};

/// P = diag(1/h_ii). Throws InputError unless every h_ii > 0.
template <class S>
Mat<S> diagonal_preconditioner(const Mat<S>& H);
/// P = W·W with W = H^{-1/2} from the eigendecomposition at the working precision
/// (double and Mpfr). Throws InputError unless H is positive definite.
template <class S>
Mat<S> whitening_preconditioner(const Mat<S>& H);

/// Preconditioned gradient descent x_{k+1} = x_k − η P ∇f(x_k), with P fixed from the
/// Hessian at x₀ (A itself on a quadratic). Gradient descent in the coordinates
/// ŵ = P^{-1/2}w (seed 002: ŵ = A^{1/2}w for P = A^{-1}). \f$ \eta > 0 \f$ (enforced).
template <class S>
class PreconditionedGD final : public Optimizer<S> {
 public:
  /// Throws InputError unless eta > 0.
  PreconditionedGD(S eta, PreconditionerKind kind);
  /// With a given P (n×n), used as is.
  PreconditionedGD(S eta, Mat<S> P);
  void reset(int) override;
  Vec<S> step(const Problem<S>& f, const Vec<S>& x, const Vec<S>& g) override;
  std::string name() const override { return "preconditioned"; }
  S* step_size() override { return &eta_; }
  /// The preconditioner in use (empty before the first step when built from a kind).
  const Mat<S>& P() const { return P_; }

 private:
  S eta_;
  PreconditionerKind kind_ = PreconditionerKind::diagonal;
  bool fixed_ = false;
  Mat<S> P_;
};

/// Newton's method with step η and Levenberg–Marquardt damping λ (Levenberg 1944,
/// Marquardt 1963): x_{k+1} = x_k − η (∇²f(x_k) + λI)^{-1} ∇f(x_k). η = 1, λ = 0 is the
/// pure Newton step, which reaches the minimizer of a strictly convex quadratic in one
/// step. \f$ \eta > 0,\ \lambda \ge 0 \f$ (enforced). A singular ∇²f + λI throws
/// InputError naming --damping. Exact in rationals on polynomial problems.
template <class S>
class Newton final : public Optimizer<S> {
 public:
  /// Throws InputError unless eta > 0 and damping >= 0.
  Newton(S eta, S damping);
  void reset(int) override { k_ = 0; }
  Vec<S> step(const Problem<S>& f, const Vec<S>& x, const Vec<S>& g) override;
  std::string name() const override { return "newton"; }
  S* step_size() override { return &eta_; }

 private:
  S eta_, damping_;
  long long k_ = 0;
};

}  // namespace descent
