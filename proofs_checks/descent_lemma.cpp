// Claims of lesson 02: the second-order expansion of a GD step, the step bound along the
// gradient, the descent lemma, the O(1/T) rate of the smallest gradient, and the
// least-squares gradient.
#include "descent_lemma.hpp"

#include "taylor.hpp"

namespace descent::claims::descent_lemma {

namespace {
using Q = Rational;
template <class S>
S abs_s(const S& x) { return x < 0 ? S(-x) : x; }
}  // namespace

Verdict step_expansion_exact(const Problem<Rational>& f, const Vec<Rational>& w, const Rational& eps, bool seed_form,
                             Kind kind) {
  const Vec<Q> g = f.gradient(w);
  const Q gg = g.squaredNorm(), gHg = g.dot(f.hessian(w) * g);
  const Q lhs = f.value(w - eps * g);
  const Q rhs = seed_form ? f.value(w) - eps * gg - eps * eps * (eps * gHg) / 2 : f.value(w) - eps * gg + eps * eps * gHg / 2;
  return compare<Q>("gd_step_second_order",
                    seed_form ? "seed 000's line: L(w - eps g) = L(w) - eps g^T g - 1/2 eps^2 g^T H eps g"
                              : "L(w - eps g) = L(w) - eps g^T g + 1/2 eps^2 g^T H g exactly, for " + f.name(),
                    kind, lhs, Relation::eq, rhs, Q(0),
                    seed_form ? "corrected: + 1/2 eps^2 g^T H g" : "eps = " + eps.str());
}

Verdict step_expansion_cubic_error(const Lorentzian<Mpfr>& f, const Vec<Mpfr>& a, const Vec<Mpfr>& w, const Mpfr& eps) {
  const Vec<Mpfr> g = f.gradient(w);
  const Mpfr fw = f.value(w), gg = g.squaredNorm(), gHg = g.dot(f.hessian(w) * g);
  const Mpfr model = fw - eps * gg + eps * eps * gHg / 2;
  const Mpfr err = abs_s<Mpfr>(f.value(w - eps * g) - model);
  Mpfr c = 0;
  for (int i = 0; i < g.size(); ++i) c += a(i) * abs_s<Mpfr>(g(i) * g(i) * g(i));
  const Mpfr bound = c * eps * eps * eps / 4;
  return compare<Mpfr>("gd_step_second_order",
                       "non-quadratic (Lorentzian): |L(w - eps g) - model| <= 1/4 sum a_i |g_i|^3 eps^3",
                       Kind::holds, err, Relation::le, bound, Mpfr(abs_s<Mpfr>(fw) + eps * gg + eps * eps * abs_s<Mpfr>(gHg)),
                       "eps = " + descent::to_string<Mpfr>(eps, 6));
}

Rational critical_step(const Quadratic<Rational>& f, const Vec<Rational>& w) {
  const Vec<Q> g = f.gradient(w);
  const Q gHg = g.dot(f.A() * g);
  if (!(gHg > 0)) throw std::invalid_argument("critical_step: needs g^T H g > 0");
  return 2 * g.squaredNorm() / gHg;
}

Verdict step_bound_along_gradient(const Quadratic<Rational>& f, const Vec<Rational>& w, const Rational& factor,
                                  Kind kind) {
  const Q eps_star = critical_step(f, w);
  const Q eps = factor * eps_star;
  const Vec<Q> g = f.gradient(w);
  const Q lhs = f.value(w - eps * g), rhs = f.value(w);
  std::string step;
  Relation rel = Relation::le;
  if (factor == 1) {
    step = "at eps = 2 g^T g / g^T H g the step returns to the same level: L(w - eps g) = L(w)";
    rel = Relation::eq;
  } else if (factor < 1) {
    step = "eps < 2 g^T g / g^T H g: L(w - eps g) < L(w)";
    rel = Relation::lt;
  } else {
    step = "eps > 2 g^T g / g^T H g: L(w - eps g) <= L(w)";
  }
  return compare<Q>("gd_step_bound_along_gradient", step, kind, lhs, rel, rhs, Q(0),
                    "eps = " + factor.str() + " * eps*, eps* = " + eps_star.str());
}

Verdict concave_direction_decreases(const Quadratic<Rational>& f, const Vec<Rational>& w, const Rational& eps) {
  const Vec<Q> g = f.gradient(w);
  const Q gHg = g.dot(f.A() * g);
  if (gHg > 0) throw std::invalid_argument("concave_direction_decreases: needs g^T H g <= 0");
  return compare<Q>("gd_step_bound_along_gradient", "g^T H g <= 0: every eps > 0 decreases L", Kind::holds,
                    f.value(w - eps * g), Relation::lt, f.value(w), Q(0),
                    "g^T H g = " + gHg.str() + ", eps = " + eps.str());
}

template <class S>
Verdict descent_lemma_step(const Problem<S>& f, const Vec<S>& x, const S& beta, const S& eta, Kind kind,
                           std::string detail) {
  const Vec<S> g = f.gradient(x);
  const S fx = f.value(x), gg = g.squaredNorm();
  const S lhs = f.value(x - eta * g);
  const S rhs = fx - eta * (1 - beta * eta / 2) * gg;
  const S scale = abs_s<S>(fx) + abs_s<S>(lhs) + eta * gg * (1 + beta * eta);
  return compare<S>("gd_descent_lemma", "f(x - eta g) <= f(x) - eta (1 - beta eta / 2) ||g||^2", kind, lhs,
                    Relation::le, rhs, scale, std::move(detail));
}
template Verdict descent_lemma_step<Q>(const Problem<Q>&, const Vec<Q>&, const Q&, const Q&, Kind, std::string);
template Verdict descent_lemma_step<Mpfr>(const Problem<Mpfr>&, const Vec<Mpfr>&, const Mpfr&, const Mpfr&, Kind, std::string);
template Verdict descent_lemma_step<double>(const Problem<double>&, const Vec<double>&, const double&, const double&, Kind, std::string);

Verdict descent_lemma_trajectory(const Lorentzian<Mpfr>& f, const Vec<Mpfr>& x0, const Rational& c, int steps) {
  const Mpfr beta = f.smoothness();
  const Mpfr eta = from_rational<Mpfr>(c) / beta;
  GradientDescent<Mpfr> gd(eta);
  StopRule<Mpfr> stop;
  stop.max_steps = steps;
  const Trace<Mpfr> tr = run<Mpfr>(f, gd, x0, stop);
  Verdict worst;
  Mpfr worst_slack;
  for (int t = 0; t < tr.steps(); ++t) {
    Verdict v = descent_lemma_step<Mpfr>(f, tr.x[t], beta, eta, Kind::holds,
                                         "Lorentzian, eta = " + c.str() + "/beta, worst of " +
                                             std::to_string(tr.steps()) + " steps: step " + std::to_string(t));
    const Mpfr slack = Mpfr(v.margin);
    if (t == 0 || !v.pass || (worst.pass && slack < worst_slack)) {
      worst = v;
      worst_slack = slack;
    }
  }
  return worst;
}

Verdict seed_drops_L(const Quadratic<Rational>& f, const Vec<Rational>& w, const Rational& eps) {
  const Vec<Q> g = f.gradient(w);
  return compare<Q>("gd_descent_lemma", "seed 000's bound 1/2 eps^2 g^T H g <= 1/2 eps^2 ||g||^2", Kind::refutes,
                    eps * eps * g.dot(f.A() * g) / 2, Relation::le, eps * eps * g.squaredNorm() / 2, Q(0),
                    "corrected: <= 1/2 eps^2 L ||g||^2");
}

template <class S>
Verdict min_grad_norm_rate(const Problem<S>& f, const Vec<S>& x0, const S& beta, const S& f_star, const S& eta,
                           int steps, Kind kind) {
  GradientDescent<S> gd(eta);
  StopRule<S> stop;
  stop.max_steps = steps;
  const Trace<S> tr = run<S>(f, gd, x0, stop);
  const S gap = tr.f[0] - f_star;
  // Telescoping the descent lemma: (η(2 − βη)/2) Σ_{t<T} ‖g_t‖² ≤ f(x_0) − f*, valid for
  // 0 < βη < 2. Outside that range (a counterexample run) the rate promised at η = 1/β,
  // 2β(f(x_0) − f*)/T, is what is tested.
  const bool admissible = beta * eta > 0 && beta * eta < 2;
  const S numerator = admissible ? S(2 * gap / (eta * (2 - beta * eta))) : S(2 * beta * gap);
  S running_min = tr.grad_norm2[0];
  int worst_T = 1;
  S worst_lhs = running_min, worst_rhs = numerator;
  S worst_slack = worst_rhs - worst_lhs;
  for (int T = 1; T <= tr.steps(); ++T) {
    if (tr.grad_norm2[T - 1] < running_min) running_min = tr.grad_norm2[T - 1];
    const S rhs = numerator / T;
    const S slack = rhs - running_min;
    if (slack < worst_slack) {
      worst_slack = slack;
      worst_T = T;
      worst_lhs = running_min;
      worst_rhs = rhs;
    }
  }
  return compare<S>("gd_min_grad_norm_rate",
                    admissible ? "min_{t<T} ||grad f(x_t)||^2 <= 2 (f(x_0) - f*) / (eta (2 - beta eta) T)"
                               : "min_{t<T} ||grad f(x_t)||^2 <= 2 beta (f(x_0) - f*) / T",
                    kind, worst_lhs, Relation::le, worst_rhs, S(abs_s<S>(worst_lhs) + abs_s<S>(worst_rhs)),
                    "tightest T = " + std::to_string(worst_T) + " of T = 1.." + std::to_string(tr.steps()) +
                        ", eta*beta = " + descent::to_string<S>(S(eta * beta), 6) + ", run " +
                        std::string(descent::to_string(tr.status)));
}
template Verdict min_grad_norm_rate<Q>(const Problem<Q>&, const Vec<Q>&, const Q&, const Q&, const Q&, int, Kind);
template Verdict min_grad_norm_rate<Mpfr>(const Problem<Mpfr>&, const Vec<Mpfr>&, const Mpfr&, const Mpfr&, const Mpfr&, int, Kind);
template Verdict min_grad_norm_rate<double>(const Problem<double>&, const Vec<double>&, const double&, const double&, const double&, int, Kind);

template <class S>
Vec<S> central_difference_gradient(const Problem<S>& f, const Vec<S>& w, const S& t) {
  Vec<S> g(w.size());
  for (int i = 0; i < w.size(); ++i) {
    Vec<S> e = Vec<S>::Zero(w.size());
    e(i) = t;
    g(i) = (f.value(w + e) - f.value(w - e)) / (2 * t);
  }
  return g;
}
template Vec<Q> central_difference_gradient<Q>(const Problem<Q>&, const Vec<Q>&, const Q&);
template Vec<Mpfr> central_difference_gradient<Mpfr>(const Problem<Mpfr>&, const Vec<Mpfr>&, const Mpfr&);

Verdict least_squares_gradient(const LeastSquares<Rational>& f, const Vec<Rational>& w, bool seed_form) {
  const Vec<Q> fd = central_difference_gradient<Q>(f, w, Q(1, 3));
  const Vec<Q> formula = seed_form ? Vec<Q>(f.Phi() * f.Phi().transpose() * w - f.Phi() * f.y()) : f.gradient(w);
  Q worst = 0;
  for (int i = 0; i < w.size(); ++i) worst = std::max(worst, abs_s<Q>(formula(i) - fd(i)));
  return compare<Q>("least_squares_gradient",
                    seed_form ? "seed 000's gradient Phi Phi^T w - Phi y = central differences of ||Phi^T w - y||^2"
                              : "2(Phi Phi^T w - Phi y) = central differences of ||Phi^T w - y||^2",
                    seed_form ? Kind::refutes : Kind::holds, worst, Relation::eq, Q(0), Q(0),
                    seed_form ? "max entry difference; corrected: 2(Phi Phi^T w - Phi y), the gradient of the sum "
                                "of squares (the notes' form is the gradient of half of it)"
                              : "max entry difference (central differences are exact for quadratics)");
}

Verdict least_squares_hessian(const LeastSquares<Rational>& f, const Vec<Rational>& w) {
  const Mat<Q> fd = taylor::finite_difference_hessian(f, w, Q(1, 2));
  const Mat<Q> formula = 2 * f.Phi() * f.Phi().transpose();
  Q worst = 0;
  for (int i = 0; i < fd.rows(); ++i)
    for (int j = 0; j < fd.cols(); ++j) worst = std::max(worst, abs_s<Q>(formula(i, j) - fd(i, j)));
  return compare<Q>("least_squares_gradient", "Hessian 2 Phi Phi^T = second differences of ||Phi^T w - y||^2",
                    Kind::holds, worst, Relation::eq, Q(0), Q(0), "max entry difference");
}


Verdict steps_to_gradient_tolerance(const Lorentzian<Mpfr>& f, const Vec<Mpfr>& x0, const Rational& delta) {
  const Mpfr beta = f.smoothness();
  GradientDescent<Mpfr> gd(1 / beta);
  const Mpfr d = from_rational<Mpfr>(delta);
  const Mpfr budget = 2 * beta * f.value(x0) / d;  // f* = 0
  StopRule<Mpfr> stop;
  stop.max_steps = static_cast<int>(std::min(Mpfr(1000000), Mpfr(ceil(budget)))) + 1;
  stop.grad_norm2_tol = d;
  const Trace<Mpfr> tr = run<Mpfr>(f, gd, x0, stop);
  // The first T with ‖g_T‖² ≤ δ: the telescoped lemma gives T ≤ 2β(f(x_0) − f*)/δ.
  const bool reached = tr.status == Status::converged;
  Verdict v = compare<Mpfr>("gd_min_grad_norm_rate", "||grad f||^2 <= delta within 2 beta (f(x_0) - f*) / delta steps (eta = 1/beta)",
                            Kind::holds, Mpfr(tr.steps()), Relation::le, budget, Mpfr(0),
                            "Lorentzian, delta = " + delta.str() + (reached ? "" : "; tolerance NOT reached"));
  v.pass = v.pass && reached;
  return v;
}

Verdict seed_index_mismatch(const Lorentzian<Mpfr>& f, const Vec<Mpfr>& x0, const Mpfr& eta) {
  // seed 000: t·g_m ≤ Σ_{k=0}^{t−1}‖g_k‖² with g_m = min_{j∈{1..t}}‖g_j‖². At t = 1 this
  // reads ‖g_1‖² ≤ ‖g_0‖², false whenever the first step raises the gradient norm.
  GradientDescent<Mpfr> gd(eta);
  StopRule<Mpfr> stop;
  stop.max_steps = 1;
  const Trace<Mpfr> tr = run<Mpfr>(f, gd, x0, stop);
  return compare<Mpfr>("gd_min_grad_norm_rate",
                       "seed 000 at t = 1: min_{j in 1..t} ||g_j||^2 * t <= sum_{k=0}^{t-1} ||g_k||^2", Kind::refutes,
                       tr.grad_norm2[1], Relation::le, tr.grad_norm2[0], Mpfr(tr.grad_norm2[0] + tr.grad_norm2[1]),
                       "corrected: the minimum runs over the same steps as the sum, j in 0..t-1");
}

Verdict concave_not_enough_beyond_second_order(const Rational& x, const Rational& eps) {
  // f(x) = x⁴/4 − x²/2 at |x| < 1/√3: f'' = 3x² − 1 < 0, yet a long step overshoots
  // into the region where the quartic term dominates.
  auto f = [](const Q& v) { return v * v * v * v / 4 - v * v / 2; };
  const Q g = x * x * x - x, H = 3 * x * x - 1;
  if (!(g * H * g <= 0)) throw std::invalid_argument("concave_not_enough_beyond_second_order: needs g H g <= 0");
  return compare<Q>("gd_step_bound_along_gradient",
                    "seed 000: g^T H g <= 0 => L(w - eps g) <= L(w) regardless of eps (non-quadratic L)", Kind::refutes,
                    f(x - eps * g), Relation::le, f(x), Q(0),
                    "L = w^4/4 - w^2/2, w = " + x.str() + ", eps = " + eps.str() +
                        "; corrected: only the second-order model is guaranteed to decrease");
}

}  // namespace descent::claims::descent_lemma
