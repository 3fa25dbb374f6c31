// Optimizers and the runner.
#include "descent/optimizers.hpp"
#include "optimizers/families.hpp"

#include "descent/kernels.hpp"

#include <algorithm>
#include <type_traits>

namespace descent {

namespace {

/// Bits of the numerator and denominator of an exact rational.
double bits_of(const Rational& q) {
  return static_cast<double>(mpz_sizeinbase(mpq_numref(q.backend().data()), 2) +
                             mpz_sizeinbase(mpq_denref(q.backend().data()), 2));
}

}  // namespace

template <class S>
GradientDescent<S>::GradientDescent(S eta) : eta_(std::move(eta)) {
  if (!(eta_ > 0)) throw InputError("eta: must be > 0, got " + to_string<S>(eta_));
}

template <class S>
Vec<S> GradientDescent<S>::step(const Problem<S>&, const Vec<S>& x, const Vec<S>& g) {
  if constexpr (std::is_same_v<S, double>) {
    return x - eta_ * g;
  } else {
    Vec<S> next = x;  // x − ηg without a temporary per entry (one rounding each for Mpfr)
    kernels::axpy<S>(S(-eta_), g, next);
    return next;
  }
}

template <class S>
HeavyBall<S>::HeavyBall(S eta, S beta) : eta_(std::move(eta)), beta_(std::move(beta)) {
  if (!(eta_ > 0)) throw InputError("eta: must be > 0, got " + to_string<S>(eta_));
  if (!(beta_ >= 0 && beta_ < 1)) throw InputError("beta: must be in [0, 1), got " + to_string<S>(beta_));
}

template <class S>
Vec<S> HeavyBall<S>::step(const Problem<S>&, const Vec<S>& x, const Vec<S>& g) {
  if (v_.size() != x.size()) v_ = Vec<S>::Zero(x.size());
  v_ = beta_ * v_ - g;
  return x + eta_ * v_;
}

std::string_view to_string(Status s) {
  switch (s) {
    case Status::max_steps: return "max_steps";
    case Status::converged: return "converged";
    case Status::diverged: return "diverged";
  }
  return "unknown";
}

template <class S>
Trace<S> run(const Problem<S>& problem, Optimizer<S>& opt, const Vec<S>& x0, const StopRule<S>& stop) {
  if (x0.size() != problem.dimension())
    throw InputError("x0: has " + std::to_string(x0.size()) + " entries, the problem has dimension " +
                     std::to_string(problem.dimension()));
  if (stop.max_steps < 0) throw InputError("steps: must be >= 0");
  const S bound = stop.divergence_bound > 0 ? stop.divergence_bound : from_rational<S>(Rational(boost::multiprecision::pow(boost::multiprecision::mpz_int(10), 100)));
  auto out_of_bounds = [&](const Vec<S>& x, const S& f, const S& g2) {
    if (!is_finite<S>(f) || !is_finite<S>(g2) || abs_value<S>(f) > bound) return true;
    if constexpr (std::is_same_v<S, double>) {
      // one vectorized pass: a NaN makes the comparison false, an infinity exceeds the bound
      return x.size() > 0 && !(x.cwiseAbs().maxCoeff() <= bound);
    } else {
      for (int i = 0; i < x.size(); ++i)
        if (!is_finite<S>(x(i)) || abs_value<S>(x(i)) > bound) return true;
      return false;
    }
  };
  Trace<S> trace;
  opt.reset(problem.dimension());
  Vec<S> x = x0;
  Vec<S> g, gn;
  S f = problem.value_and_gradient(x, g);
  S g2 = kernels::squared_norm<S>(g);
  if (out_of_bounds(x, f, g2)) {
    trace.status = Status::diverged;
    trace.message = "the starting point is outside the divergence bound";
    return trace;
  }
  double stored_bits = 0;
  for (int k = 0;; ++k) {
    // without keep_iterates only x_0 is stored here; the last iterate is added on return
    if (stop.keep_iterates || trace.x.empty()) trace.x.push_back(x);
    auto finish = [&]() -> Trace<S> {
      if (!stop.keep_iterates && k > 0) trace.x.push_back(x);
      return std::move(trace);
    };
    trace.f.push_back(f);
    trace.grad_norm2.push_back(g2);
    if constexpr (ScalarTraits<S>::exact) {
      if (stop.max_exact_bits > 0) {
        stored_bits += bits_of(f) + bits_of(g2);
        for (int i = 0; i < x.size(); ++i) stored_bits += bits_of(x(i));
        if (stored_bits * static_cast<double>(x.size()) > stop.max_exact_bits)
          throw InputError("--steps: the exact trajectory outgrew its budget by step " + std::to_string(k) + " (" +
                           std::to_string(static_cast<long long>(stored_bits / 8e6)) +
                           " MB of digits in dimension " + std::to_string(x.size()) +
                           "; exact rationals gain digits with every step); use fewer steps, simpler data or --digits D");
      }
    }
    if (stop.grad_norm2_tol > 0 && g2 <= stop.grad_norm2_tol) {
      trace.status = Status::converged;
      trace.message = "squared gradient norm reached the tolerance after " + std::to_string(k) + " steps";
      return finish();
    }
    if (k > 0 && opt.finished()) {
      trace.status = Status::converged;
      trace.message = opt.finished_reason() + ", after " + std::to_string(k) + " steps";
      return finish();
    }
    if (k == stop.max_steps) {
      trace.status = Status::max_steps;
      trace.message = "ran " + std::to_string(k) + " steps";
      return finish();
    }
    Vec<S> next = opt.step_from(problem, x, f, g);
    S fn;
    // gn reuses the storage of the gradient before last (its numbers already allocated)
    if (!opt.take_evaluation(fn, gn)) fn = problem.value_and_gradient(next, gn);
    S g2n = kernels::squared_norm<S>(gn);
    if (out_of_bounds(next, fn, g2n)) {
      trace.status = Status::diverged;
      trace.message = "diverged at step " + std::to_string(k + 1) + ": |f| or |x_i| exceeded " +
                      to_string<double>(to_double<S>(bound), 6) + " or became non-finite";
      return finish();
    }
    x = std::move(next);
    f = std::move(fn);
    std::swap(g, gn);
    g2 = std::move(g2n);
  }
}

#define DESCENT_OPT(S)                                                                              \
  template class GradientDescent<S>;                                                                \
  template class HeavyBall<S>;                                                                      \
  template struct StopRule<S>;                                                                      \
  template Trace<S> run<S>(const Problem<S>&, Optimizer<S>&, const Vec<S>&, const StopRule<S>&);

DESCENT_OPT(double)
DESCENT_OPT(Mpfr)
DESCENT_OPT(Rational)
#undef DESCENT_OPT

// ---- the registry's entries (methods.hpp): this family's description, written once

namespace {
template <class S>
std::unique_ptr<Optimizer<S>> build_gd(const MethodArgs& a) {
  return std::make_unique<GradientDescent<S>>(a.number<S>("eta"));
}
}  // namespace

std::vector<MethodInfo> families::gradient_descent() {
  return {{.name = "gd",
           .summary = "x <- x - eta grad f(x)",
           .parameters = {families::positive("eta", "", "step size eta")},
           .exact = "yes",
           .schedulable = true,
           .torch = "torch.optim.SGD",
           .forms = {
{"gd", "paper", "Cauchy (1847); seeds 000-004; torch.optim.SGD (momentum 0)", "x <- x - eta grad f(x)",
       "one form everywhere (PyTorch's SGD with momentum = 0, weight_decay = 0 is the same update)", "--method gd --eta E",
       {"gd_descent_lemma", "gd_stable_iff_below_2_over_L"}}
},
           .make_double = build_gd<double>,
           .make_mpfr = build_gd<Mpfr>,
           .make_exact = build_gd<Rational>}};
}

}  // namespace descent
