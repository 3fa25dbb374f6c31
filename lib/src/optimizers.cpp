// Optimizers and the runner.
#include "descent/optimizers.hpp"
#include "optimizers/families.hpp"

#include "descent/kernels.hpp"

#include <algorithm>
#include <stdexcept>
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
    case Status::domain_error: return "domain_error";
    case Status::interrupted: return "interrupted";
    case Status::too_many_digits: return "too_many_digits";
  }
  return "unknown";
}

namespace {
/// Decimal digits of the larger of q's numerator and denominator (mpz_sizeinbase may exceed by 1).
long long digits_of(const Rational& q) {
  return static_cast<long long>(std::max(mpz_sizeinbase(mpq_numref(q.backend().data()), 10),
                                         mpz_sizeinbase(mpq_denref(q.backend().data()), 10)));
}
}  // namespace

template <class S>
RunEnd run_rows(const Problem<S>& problem, Optimizer<S>& opt, const Vec<S>& x0, const StopRule<S>& stop,
                const RowObserver<S>& on_row) {
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
  RunEnd end;
  opt.reset(problem.dimension());
  Vec<S> x = x0;
  Vec<S> g, gn;
  S f, g2;
  try {
    f = problem.value_and_gradient(x, g);
  } catch (const std::domain_error& e) {
    end.status = Status::domain_error;
    end.message = std::string("f or its gradient is not defined at x0: ") + e.what();
    return end;
  }
  g2 = kernels::squared_norm<S>(g);
  if (out_of_bounds(x, f, g2)) {
    end.status = Status::diverged;
    end.message = "the starting point is outside the divergence bound";
    return end;
  }
  for (int k = 0;; ++k) {
    ++end.rows;
    if (!on_row(k, x, f, g2)) {
      end.status = Status::interrupted;
      end.message = "interrupted after " + std::to_string(k) + " steps";
      return end;
    }
    if constexpr (ScalarTraits<S>::exact) {
      if (stop.max_exact_digits > 0) {
        long long most = std::max(digits_of(f), digits_of(g2));
        for (int i = 0; i < x.size(); ++i) most = std::max(most, digits_of(x(i)));
        if (most > stop.max_exact_digits) {
          end.status = Status::too_many_digits;
          end.message = "stopped after " + std::to_string(k) + " steps: a number of the iterate has " +
                        std::to_string(most) + " digits, more than the " + std::to_string(stop.max_exact_digits) +
                        " allowed (exact rationals gain digits with every step)";
          return end;
        }
      }
    }
    if (stop.grad_norm2_tol > 0 && g2 <= stop.grad_norm2_tol) {
      end.status = Status::converged;
      end.message = "squared gradient norm reached the tolerance after " + std::to_string(k) + " steps";
      return end;
    }
    if (k > 0 && opt.finished()) {
      end.status = Status::converged;
      end.message = opt.finished_reason() + ", after " + std::to_string(k) + " steps";
      return end;
    }
    if (k == stop.max_steps) {
      end.status = Status::max_steps;
      end.message = "ran " + std::to_string(k) + " steps";
      return end;
    }
    Vec<S> next;
    S fn, g2n;
    try {
      next = opt.step_from(problem, x, f, g);
      // gn reuses the storage of the gradient before last (its numbers already allocated)
      if (!opt.take_evaluation(fn, gn)) fn = problem.value_and_gradient(next, gn);
    } catch (const std::domain_error& e) {
      end.status = Status::domain_error;
      end.message = "step " + std::to_string(k + 1) + ": " + e.what();
      return end;
    }
    g2n = kernels::squared_norm<S>(gn);
    if (out_of_bounds(next, fn, g2n)) {
      end.status = Status::diverged;
      end.message = "diverged at step " + std::to_string(k + 1) + ": |f| or |x_i| exceeded " +
                    to_string<double>(to_double<S>(bound), 6) + " or became non-finite";
      return end;
    }
    x = std::move(next);
    f = std::move(fn);
    std::swap(g, gn);
    g2 = std::move(g2n);
  }
}

template <class S>
Trace<S> run(const Problem<S>& problem, Optimizer<S>& opt, const Vec<S>& x0, const StopRule<S>& stop) {
  Trace<S> trace;
  Vec<S> last;
  double stored_bits = 0;
  const RunEnd end = run_rows<S>(problem, opt, x0, stop, [&](int k, const Vec<S>& x, const S& f, const S& g2) {
    // without keep_iterates only x_0 is stored; the last iterate is added at the end
    if (stop.keep_iterates || trace.x.empty()) trace.x.push_back(x);
    else last = x;
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
    return true;
  });
  if (!stop.keep_iterates && end.rows > 1) trace.x.push_back(std::move(last));
  trace.status = end.status;
  trace.message = end.message;
  return trace;
}

#define DESCENT_OPT(S)                                                                              \
  template class GradientDescent<S>;                                                                \
  template class HeavyBall<S>;                                                                      \
  template struct StopRule<S>;                                                                      \
  template Trace<S> run<S>(const Problem<S>&, Optimizer<S>&, const Vec<S>&, const StopRule<S>&);            \
  template RunEnd run_rows<S>(const Problem<S>&, Optimizer<S>&, const Vec<S>&, const StopRule<S>&,        \
                              const RowObserver<S>&);

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
