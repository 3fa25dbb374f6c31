// Preconditioned gradient descent and Newton's method (lessons 06–07).
#include "descent/optimizers/newton.hpp"
#include "families.hpp"

#include <stdexcept>

namespace descent {

template <class S>
Mat<S> diagonal_preconditioner(const Mat<S>& H) {
  Mat<S> P = Mat<S>::Zero(H.rows(), H.cols());
  for (int i = 0; i < H.rows(); ++i) {
    if (!(H(i, i) > 0))
      throw InputError("preconditioner: diag needs every diagonal Hessian entry > 0; entry " + std::to_string(i + 1) +
                       " is " + to_string<S>(H(i, i), 6));
    P(i, i) = 1 / H(i, i);
  }
  return P;
}

template <class S>
Mat<S> whitening_preconditioner(const Mat<S>& H) {
  if constexpr (ScalarTraits<S>::exact) {
    throw InputError("preconditioner: whiten takes square roots (A^(-1/2)) and cannot run with --exact; use --digits");
  } else {
    const Mat<S> W = spd_sqrt<S>(H, -1);
    return W * W;
  }
}

template <class S>
PreconditionedGD<S>::PreconditionedGD(S eta, PreconditionerKind kind) : eta_(std::move(eta)), kind_(kind) {
  if (!(eta_ > 0)) throw InputError("eta: must be > 0, got " + to_string<S>(eta_));
}

template <class S>
PreconditionedGD<S>::PreconditionedGD(S eta, Mat<S> P) : eta_(std::move(eta)), fixed_(true), P_(std::move(P)) {
  if (!(eta_ > 0)) throw InputError("eta: must be > 0, got " + to_string<S>(eta_));
  if (P_.rows() != P_.cols()) throw InputError("P: must be square");
}

template <class S>
void PreconditionedGD<S>::reset(int) {
  if (!fixed_) P_.resize(0, 0);
}

template <class S>
Vec<S> PreconditionedGD<S>::step(const Problem<S>& f, const Vec<S>& x, const Vec<S>& g) {
  if (P_.size() == 0) {
    const Mat<S> H = f.hessian(x);
    P_ = kind_ == PreconditionerKind::diagonal ? diagonal_preconditioner<S>(H) : whitening_preconditioner<S>(H);
  }
  if (P_.rows() != x.size()) throw InputError("P: is " + std::to_string(P_.rows()) + "x" + std::to_string(P_.cols()) +
                                              ", the problem has dimension " + std::to_string(x.size()));
  return x - eta_ * (P_ * g);
}

template <class S>
Newton<S>::Newton(S eta, S damping) : eta_(std::move(eta)), damping_(std::move(damping)) {
  if (!(eta_ > 0)) throw InputError("eta: must be > 0, got " + to_string<S>(eta_));
  if (damping_ < 0) throw InputError("damping: must be >= 0, got " + to_string<S>(damping_));
}

template <class S>
Vec<S> Newton<S>::step(const Problem<S>& f, const Vec<S>& x, const Vec<S>& g) {
  Mat<S> H = f.hessian(x);
  if (damping_ > 0) H += damping_ * Mat<S>::Identity(H.rows(), H.cols());
  ++k_;
  try {
    return x - eta_ * solve<S>(H, g);
  } catch (const std::domain_error&) {
    throw InputError("newton: the Hessian" + std::string(damping_ > 0 ? " plus damping" : "") + " is singular at step " +
                     std::to_string(k_ - 1) + "; use --damping > 0");
  }
}

#define DESCENT_NEWTON(S)                                            \
  template Mat<S> diagonal_preconditioner<S>(const Mat<S>&);         \
  template Mat<S> whitening_preconditioner<S>(const Mat<S>&);        \
  template class PreconditionedGD<S>;                                \
  template class Newton<S>;
DESCENT_NEWTON(double)
DESCENT_NEWTON(Mpfr)
DESCENT_NEWTON(Rational)
#undef DESCENT_NEWTON

// ---- the registry's entries (methods.hpp): this family's description, written once

namespace {
template <class S>
std::unique_ptr<Optimizer<S>> build_preconditioned(const MethodArgs& a) {
  const S eta = a.number<S>("eta");
  const std::string kind = a.word("preconditioner");
  if (ScalarTraits<S>::exact && kind == "whiten")
    throw InputError("--preconditioner: whiten takes square roots (A^(-1/2)) and cannot run with --exact; use --digits D");
  return std::make_unique<PreconditionedGD<S>>(eta, kind == "diag" ? PreconditionerKind::diagonal
                                                                   : PreconditionerKind::whitening);
}
template <class S>
std::unique_ptr<Optimizer<S>> build_newton(const MethodArgs& a) {
  const S eta = a.number<S>("eta"), damping = a.number<S>("damping");
  return std::make_unique<Newton<S>>(eta, damping);
}
}  // namespace

std::vector<MethodInfo> families::newton() {
  return {
      {.name = "preconditioned",
       .summary = "x <- x - eta P grad f(x), P from the Hessian H0 at x0: diag(1/h_ii) or H0^(-1/2) H0^(-1/2)",
       .parameters = {families::positive("eta", "", "step size eta"),
                      families::word("preconditioner", "diag", {"diag", "whiten"},
                                     "diag: P = diag(1/h_ii); whiten: P = A^(-1) by A^(-1/2) from the eigendecomposition")},
       .exact = "with diag",
       .exactness = Exactness::conditional,
       .schedulable = true,
       .forms = {
{"preconditioned", "paper", "seeds 001, 002", "x <- x - eta P grad f(x), P = diag(1/h_ii) or A^(-1)",
       "one form", "--method preconditioned", {"diagonal_vs_full_preconditioning", "whitening"}}
},
       .make_double = build_preconditioned<double>,
       .make_mpfr = build_preconditioned<Mpfr>,
       .make_exact = build_preconditioned<Rational>},
      {.name = "newton",
       .summary = "x <- x - eta (H + damping I)^(-1) grad f(x)",
       .parameters = {families::positive("eta", "1", "step size eta (1: the full Newton step)"),
                      families::nonnegative("damping", "0", "Levenberg-Marquardt damping lambda added to the Hessian")},
       .exact = "yes",
       .schedulable = true,
       .forms = {
{"newton", "paper", "seeds 001-003", "x <- x - eta (H + damping I)^(-1) grad f(x)", "one form", "--method newton",
       {"newton_one_step_quadratic", "newton_quadratic_convergence"}}
},
       .uses_hessian = true,
       .make_double = build_newton<double>,
       .make_mpfr = build_newton<Mpfr>,
       .make_exact = build_newton<Rational>},
  };
}

}  // namespace descent
