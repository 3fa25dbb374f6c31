// Line searches and the optimizers built on them (lesson 05).
#include "descent/optimizers/line_search.hpp"
#include "families.hpp"

#include <stdexcept>
#include <type_traits>

namespace descent {

template <class S>
S exact_step_quadratic(const Quadratic<S>& f, const Vec<S>& g, const Vec<S>& d) {
  const S curvature = d.dot(f.A() * d);
  if (!(curvature > 0)) throw std::domain_error("exact_step_quadratic: d^T A d <= 0, the line has no minimum");
  return S(-g.dot(d)) / curvature;
}

namespace {
template <class S>
LineSearchPoint<S> evaluate(const Problem<S>& f, const Vec<S>& x, const Vec<S>& d, const S& t) {
  LineSearchPoint<S> p{t, S(0), Vec<S>(), 1};
  if constexpr (std::is_same_v<S, double>) {
    thread_local Vec<double> trial;  // x + t d, reused across trials (one allocation per size)
    trial = x + t * d;
    p.f = f.value_and_gradient(trial, p.g);
  } else {
    // multiprecision: a fresh vector, so that every entry has the current working precision
    p.f = f.value_and_gradient(Vec<S>(x + t * d), p.g);
  }
  return p;
}
}  // namespace

template <class S>
LineSearchPoint<S> golden_section_search(const Problem<S>& f, const Vec<S>& x, const S& fx, const Vec<S>& d,
                                         const S& t0) {
  if constexpr (ScalarTraits<S>::exact) {
    throw InputError("steepest: exact line search on a non-quadratic needs --digits (golden section is irrational)");
  } else {
    using std::sqrt;
    if (!(t0 > 0)) throw std::invalid_argument("golden_section_search: t0 must be > 0");
    int evals = 0;
    auto phi = [&](const S& t) {
      ++evals;
      return f.value(Vec<S>(x + t * d));
    };
    // Bracket: a < b < c with φ(b) < φ(a), φ(b) ≤ φ(c).
    S a = 0, b = t0, fb = phi(b);
    int halvings = 0;
    while (!(fb < fx)) {
      if (++halvings > 200) {
        LineSearchPoint<S> none{S(0), fx, f.gradient(x), evals + 1};
        return none;
      }
      b /= 2;
      fb = phi(b);
    }
    S c = 2 * b, fc = phi(c);
    if (halvings > 0) {
      c = 2 * b;  // φ(2b) ≥ φ(0) > φ(b) was seen one halving before
    } else {
      for (int i = 0; i < 2000 && fc < fb; ++i) {
        a = b;
        b = c;
        fb = fc;
        c = 2 * c;
        fc = phi(c);
      }
    }
    // Golden section on [a, c] (Kiefer 1953): keep the interior point with the lower φ.
    const S r = (3 - sqrt(S(5))) / 2;  // 1 − 1/golden ratio
    const S tol = sqrt(epsilon<S>());
    S u = a + r * (c - a), v = c - r * (c - a);
    S fu = phi(u), fv = phi(v);
    while (c - a > tol * (1 + (b < 0 ? S(-b) : b))) {
      if (fu < fv) {
        c = v;
        v = u;
        fv = fu;
        u = a + r * (c - a);
        fu = phi(u);
        b = v;
      } else {
        a = u;
        u = v;
        fu = fv;
        v = c - r * (c - a);
        fv = phi(v);
        b = u;
      }
    }
    const S t = fu < fv ? u : v;
    LineSearchPoint<S> p = evaluate<S>(f, x, d, t);
    p.evaluations += evals;
    if (!(p.f <= fx)) return LineSearchPoint<S>{S(0), fx, f.gradient(x), p.evaluations + 1};
    return p;
  }
}

template <class S>
LineSearchPoint<S> backtracking_search(const Problem<S>& f, const Vec<S>& x, const S& fx, const Vec<S>& g,
                                       const Vec<S>& d, const S& t0, const S& c, const S& rho) {
  if (!(t0 > 0)) throw InputError("eta: the initial step must be > 0, got " + to_string<S>(t0));
  if (!(c > 0 && c < 1)) throw InputError("c: must be in (0, 1), got " + to_string<S>(c));
  if (!(rho > 0 && rho < 1)) throw InputError("rho: must be in (0, 1), got " + to_string<S>(rho));
  const S slope = g.dot(d);
  if (!(slope < 0)) throw std::invalid_argument("backtracking_search: d is not a descent direction");
  S t = t0;
  for (int j = 0; j <= 200; ++j) {
    LineSearchPoint<S> p = evaluate<S>(f, x, d, t);
    p.evaluations = j + 1;
    if (p.f <= fx + c * t * slope) return p;
    t *= rho;
  }
  return LineSearchPoint<S>{S(0), fx, g, 201};
}

template <class S>
LineSearchPoint<S> wolfe_search(const Problem<S>& f, const Vec<S>& x, const S& fx, const Vec<S>& g, const Vec<S>& d,
                                const S& t0, const S& c1, const S& c2) {
  if (!(c1 > 0 && c1 < c2 && c2 < 1)) throw std::invalid_argument("wolfe_search: needs 0 < c1 < c2 < 1");
  const S slope0 = g.dot(d);
  if (!(slope0 < 0)) throw std::invalid_argument("wolfe_search: d is not a descent direction");
  const S dec = S(1) / 2, inc = S(21) / 10;
  S t = t0;
  LineSearchPoint<S> armijo{S(0), fx, g, 0};
  int evals = 0;
  for (int i = 0; i < 20; ++i) {
    LineSearchPoint<S> p = evaluate<S>(f, x, d, t);
    ++evals;
    if (!is_finite<S>(p.f) || p.f > fx + c1 * t * slope0) {
      t *= dec;
      continue;
    }
    const S slope = p.g.dot(d);
    if (slope < c2 * slope0) {
      armijo = std::move(p);
      t *= inc;  // still steep: go further
    } else if (slope > -c2 * slope0) {
      armijo = std::move(p);
      t *= dec;  // overshot the minimum along d
    } else {
      p.evaluations = evals;
      return p;  // strong Wolfe conditions met
    }
  }
  armijo.evaluations = evals;
  return armijo;
}

template <class S>
Vec<S> SteepestDescent<S>::step(const Problem<S>& f, const Vec<S>& x, const Vec<S>& g) {
  if (f.is_quadratic()) return step_from(f, x, S(0), g);  // the closed form needs no f(x)
  return step_from(f, x, this->value_here(f, x), g);
}

template <class S>
Vec<S> SteepestDescent<S>::step_from(const Problem<S>& f, const Vec<S>& x, const S& fx, const Vec<S>& g) {
  this->have_ = false;
  if (g.isZero(0)) return x;
  const Vec<S> d = -g;
  if (f.is_quadratic()) {
    const S curvature = g.dot(f.hessian(x) * g);
    if (!(curvature > 0)) throw InputError("steepest: g^T H g <= 0, f has no minimum along -g (not convex)");
    last_t_ = S(g.squaredNorm()) / curvature;
    return x + last_t_ * d;
  }
  if constexpr (ScalarTraits<S>::exact) {
    throw InputError("steepest: exact line search on a non-quadratic problem needs --digits");
  } else {
    using std::sqrt;
    const S t0 = last_t_ > 0 ? last_t_ : S(1 / sqrt(S(g.squaredNorm())));
    LineSearchPoint<S> p = golden_section_search<S>(f, x, fx, d, t0);
    last_t_ = p.t;
    this->remember(p.f, std::move(p.g));
    return x + p.t * d;
  }
}

template <class S>
Backtracking<S>::Backtracking(S eta, S c, S rho) : eta_(std::move(eta)), c_(std::move(c)), rho_(std::move(rho)) {
  if (!(eta_ > 0)) throw InputError("eta: must be > 0, got " + to_string<S>(eta_));
  if (!(c_ > 0 && c_ < 1)) throw InputError("c: must be in (0, 1), got " + to_string<S>(c_));
  if (!(rho_ > 0 && rho_ < 1)) throw InputError("rho: must be in (0, 1), got " + to_string<S>(rho_));
}

template <class S>
Vec<S> Backtracking<S>::step(const Problem<S>& f, const Vec<S>& x, const Vec<S>& g) {
  return step_from(f, x, this->value_here(f, x), g);  // the last search's value at this point
}

template <class S>
Vec<S> Backtracking<S>::step_from(const Problem<S>& f, const Vec<S>& x, const S& fx, const Vec<S>& g) {
  this->have_ = false;
  if (g.isZero(0)) return x;
  LineSearchPoint<S> p = backtracking_search<S>(f, x, fx, g, Vec<S>(-g), eta_, c_, rho_);
  last_t_ = p.t;
  this->remember(p.f, std::move(p.g));
  return x - p.t * g;
}

template <class S>
CoordinateDescent<S>::CoordinateDescent(S eta) : eta_(std::move(eta)) {
  if (eta_ < 0) throw InputError("eta: must be >= 0 (0: exact coordinate minimization), got " + to_string<S>(eta_));
}

template <class S>
Vec<S> CoordinateDescent<S>::step(const Problem<S>& f, const Vec<S>& x, const Vec<S>& g) {
  const int n = static_cast<int>(x.size());
  const int i = static_cast<int>(k_ % n);
  ++k_;
  Vec<S> next = x;
  if (eta_ > 0) {
    next(i) -= eta_ * g(i);
    return next;
  }
  if (!f.is_quadratic())
    throw InputError("coordinate: exact coordinate minimization needs a quadratic; give --eta for gradient steps");
  const S aii = f.hessian(x)(i, i);
  if (!(aii > 0))
    throw InputError("coordinate: a_" + std::to_string(i + 1) + std::to_string(i + 1) +
                     " <= 0, so f has no minimum along coordinate " + std::to_string(i + 1));
  next(i) -= g(i) / aii;
  return next;
}

#define DESCENT_LS(S)                                                                                          \
  template S exact_step_quadratic<S>(const Quadratic<S>&, const Vec<S>&, const Vec<S>&);                      \
  template LineSearchPoint<S> golden_section_search<S>(const Problem<S>&, const Vec<S>&, const S&, const Vec<S>&, \
                                                       const S&);                                            \
  template LineSearchPoint<S> backtracking_search<S>(const Problem<S>&, const Vec<S>&, const S&, const Vec<S>&,  \
                                                     const Vec<S>&, const S&, const S&, const S&);            \
  template LineSearchPoint<S> wolfe_search<S>(const Problem<S>&, const Vec<S>&, const S&, const Vec<S>&,         \
                                              const Vec<S>&, const S&, const S&, const S&);                   \
  template class SteepestDescent<S>;                                                                          \
  template class Backtracking<S>;                                                                             \
  template class CoordinateDescent<S>;
DESCENT_LS(double)
DESCENT_LS(Mpfr)
DESCENT_LS(Rational)
#undef DESCENT_LS

// ---- the registry's entries (methods.hpp): this family's description, written once

namespace {
template <class S>
std::unique_ptr<Optimizer<S>> build_steepest(const MethodArgs&) {
  return std::make_unique<SteepestDescent<S>>();
}
template <class S>
std::unique_ptr<Optimizer<S>> build_backtracking(const MethodArgs& a) {
  const S eta = a.number<S>("eta"), c = a.number<S>("c"), rho = a.number<S>("rho");
  return std::make_unique<Backtracking<S>>(eta, c, rho);
}
template <class S>
std::unique_ptr<Optimizer<S>> build_coordinate(const MethodArgs& a) {
  return std::make_unique<CoordinateDescent<S>>(a.number<S>("eta"));
}
}  // namespace

std::vector<MethodInfo> families::line_search() {
  return {
      {.name = "steepest",
       .summary = "x <- x - t g with t minimizing f(x - t g): g^T g / g^T H g on a quadratic, golden section to "
                  "sqrt(eps)(1 + t) otherwise",
       .exact = "on quadratics",
       .exactness = Exactness::conditional,
       .forms = {
{"steepest", "paper", "Cauchy (1847); seed 004", "x <- x - t g, t = argmin f(x - t g)",
       "one form (exact step on quadratics, golden section otherwise)", "--method steepest",
       {"exact_line_search", "steepest_descent_kantorovich"}}
},
       .evaluations_per_step = 60,
       .make_double = build_steepest<double>,
       .make_mpfr = build_steepest<Mpfr>,
       .make_exact = build_steepest<Rational>},
      {.name = "backtracking",
       .summary = "x <- x - t g, t = eta rho^j the first with f(x - t g) <= f(x) - c t g^T g (Armijo)",
       .parameters = {families::positive("eta", "1", "initial trial step eta"),
                      families::unit_open("c", "1e-4", "sufficient-decrease constant c"),
                      families::unit_open("rho", "1/2", "reduction factor rho")},
       .exact = "yes",
       .forms = {
{"backtracking", "paper", "Armijo (1966)", "x <- x - t g, t = eta rho^j the first with sufficient decrease",
       "one form", "--method backtracking", {"armijo_backtracking"}}
},
       .evaluations_per_step = 4,
       .make_double = build_backtracking<double>,
       .make_mpfr = build_backtracking<Mpfr>,
       .make_exact = build_backtracking<Rational>},
      {.name = "coordinate",
       .summary = "step k changes coordinate i = k mod n: x_i <- x_i - g_i / h_ii (exact, on quadratics; h_ii = a_ii) or "
                  "x_i - eta g_i",
       .parameters = {families::nonnegative("eta", "0",
                                            "coordinate step eta; 0 = exact minimization along the coordinate (quadratics)")},
       .exact = "yes",
       .schedulable = true,
       .forms = {
{"coordinate", "paper", "seed 004", "one coordinate per step, exact or with a step eta", "one form",
       "--method coordinate", {"coordinate_descent"}}
},
       .make_double = build_coordinate<double>,
       .make_mpfr = build_coordinate<Mpfr>,
       .make_exact = build_coordinate<Rational>},
  };
}

}  // namespace descent
