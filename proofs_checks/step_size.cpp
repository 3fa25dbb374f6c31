// Claims of lesson 03: the regimes of the step size on quadratics, stability below
// 2/λmax, monotone decrease, and the convergence-rate ratio.
#include "step_size.hpp"

namespace descent::claims::step_size {

namespace {
using Q = Rational;

constexpr std::string_view seed002 = "002_bafcec58fd3199bc.txt";
const Erratum seed002_will_diverge{seed002, 693, "- Otherwise, the learning will diverge",
                                   "diverges for eta > 2 min_i eta_i,opt; at eta = 2 min_i eta_i,opt the error keeps a constant "
                                   "amplitude in the direction of the largest a_ii and converges in the others"};
const Erratum seed002_oscillate{seed002, 695,
                                "And will oscillate in all directions where $\\eta_{i,opt} \\leq \\eta < 2\\eta_{i,opt}$",
                                "oscillates where eta_i,opt < eta < 2 eta_i,opt; where eta = eta_i,opt that coordinate reaches its "
                                "minimum in one step"};
const Erratum seed002_linear{seed002, 499, "If R is a constant (or upper bounded), the convergence is *linear*",
                             "linear convergence needs R < 1 (or R bounded by a constant below 1)"};

// Exact GD iterates on ½ Σ a_i w_i² (minimum at 0) from e0: the error in each coordinate.
std::vector<std::vector<Q>> diagonal_errors(const std::vector<Q>& a, const Vec<Q>& e0, const Q& eta, int steps) {
  const int n = static_cast<int>(a.size());
  Mat<Q> A = Mat<Q>::Zero(n, n);
  for (int i = 0; i < n; ++i) A(i, i) = a[static_cast<std::size_t>(i)];
  const Quadratic<Q> f(A, Vec<Q>::Zero(n), Q(0));
  GradientDescent<Q> gd(eta);
  StopRule<Q> stop;
  stop.max_steps = steps;
  stop.divergence_bound = Q(boost::multiprecision::pow(boost::multiprecision::mpz_int(10), 1000));
  const Trace<Q> tr = run<Q>(f, gd, e0, stop);
  std::vector<std::vector<Q>> e(static_cast<std::size_t>(n));
  for (const auto& x : tr.x)
    for (int i = 0; i < n; ++i) e[static_cast<std::size_t>(i)].push_back(x(i));
  return e;
}
}  // namespace

std::string_view to_string(Regime r) {
  switch (r) {
    case Regime::monotone: return "monotone convergence";
    case Regime::one_step: return "one step to the minimum";
    case Regime::oscillating: return "oscillating convergence";
    case Regime::constant_amplitude: return "oscillation of constant amplitude";
    case Regime::diverging: return "divergence";
  }
  return "?";
}

Regime predicted_regime(const Rational& a, const Rational& eta) {
  if (!(a > 0)) return Regime::diverging;
  const Q t = eta * a;  // η/η_opt
  if (t < 1) return Regime::monotone;
  if (t == 1) return Regime::one_step;
  if (t < 2) return Regime::oscillating;
  if (t == 2) return Regime::constant_amplitude;
  return Regime::diverging;
}

Regime observed_regime(const std::vector<Rational>& e) {
  if (e.size() < 3 || e[0] == 0) throw std::invalid_argument("observed_regime: needs w0 != w* and 2+ steps");
  if (e[1] == 0) {
    for (const auto& x : e)
      if (&x != &e[0] && x != 0) throw std::logic_error("left the minimum after reaching it");
    return Regime::one_step;
  }
  bool same_sign = true, alternating = true, shrinking = true, equal = true, growing = true;
  for (std::size_t k = 0; k + 1 < e.size(); ++k) {
    const int s0 = sign_of(e[k]), s1 = sign_of(e[k + 1]);
    same_sign = same_sign && s0 == s1;
    alternating = alternating && s0 == -s1;
    const Q m0 = abs_value(e[k]), m1 = abs_value(e[k + 1]);
    shrinking = shrinking && m1 < m0;
    equal = equal && m1 == m0;
    growing = growing && m1 > m0;
  }
  if (growing) return Regime::diverging;
  if (same_sign && shrinking) return Regime::monotone;
  if (alternating && shrinking) return Regime::oscillating;
  if (alternating && equal) return Regime::constant_amplitude;
  throw std::logic_error("trajectory fits no regime");
}

std::vector<Rational> quadratic_1d_iterates(const Rational& a, const Rational& b, const Rational& c,
                                            const Rational& w0, const Rational& eta, int steps) {
  const Quadratic<Q> E = quadratic_1d<Q>(a, b, c);
  GradientDescent<Q> gd(eta);
  StopRule<Q> stop;
  stop.max_steps = steps;
  stop.divergence_bound = Q(boost::multiprecision::pow(boost::multiprecision::mpz_int(10), 1000));
  const Trace<Q> tr = run<Q>(E, gd, (Vec<Q>(1) << w0).finished(), stop);
  std::vector<Q> w;
  for (const auto& x : tr.x) w.push_back(x(0));
  return w;
}

Verdict regime(const Rational& a, const Rational& b, const Rational& w0, const Rational& eta, int steps, const Expect& kind) {
  // For a > 0, w* = −b/a. For a ≤ 0 there is no minimizer; errors are measured from the
  // stationary point −b/a (a < 0), which GD leaves.
  if (a == 0) throw InputError("a: must be non-zero");
  const Q w_star = -b / a;
  const auto w = quadratic_1d_iterates(a, b, Q(0), w0, eta, steps);
  std::vector<Q> e;
  for (const auto& x : w) e.push_back(x - w_star);
  const Regime seen = observed_regime(e);
  const Regime predicted = predicted_regime(abs_value(a), eta);  // what the convex theory says for |a|
  // holds/tight: the trajectory shows the predicted regime. counterexample (a < 0): the
  // convex prediction fails *because* the iterates diverge.
  if (kind.kind == Kind::tight) {
    // The two boundary regimes are equalities: e_k = 0 for k >= 1 at eta = eta_opt, and
    // |e_K| = |e_0| (alternating) at eta = 2 eta_opt.
    const bool one_step = predicted == Regime::one_step;
    if (!one_step && predicted != Regime::constant_amplitude)
      throw ContractError("regime: a tight check is for eta = eta_opt or eta = 2 eta_opt");
    Q worst = 0;
    for (std::size_t k = 1; k < e.size(); ++k) worst = std::max(worst, abs_value(e[k]));
    Verdict v = compare<Q>("quadratic_1d_regimes",
                           one_step ? "eta = eta_opt: the minimum in one step, max_{k>=1} |e_k| = 0"
                                    : "eta = 2 eta_opt: constant amplitude, |e_K| = |e_0| with alternating signs",
                           kind, one_step ? worst : abs_value(e.back()), Relation::eq, one_step ? Q(0) : abs_value(e.front()), Q(0),
                           "E = 1/2 a w^2 + b w, a = " + a.str() + ", eta = " + eta.str() + ", observed: " +
                               std::string(to_string(seen)));
    v.pass = v.pass && seen == predicted;
    // The boundaries read one regime too far: oscillation already at eta_opt (the notes'
    // line 695), divergence already at 2 eta_opt.
    if (one_step)
      rule_out(v, "oscillate_at_eta_opt", seen != Regime::oscillating, "observed: " + std::string(to_string(seen)));
    else
      rule_out(v, "diverge_at_two_eta_opt", abs_value(e.back()) == abs_value(e.front()),
               "observed: |e_K| = " + shown<Q>(abs_value(e.back())) + " = |e_0|, not growing");
    return v;
  }
  const bool match = kind.kind == Kind::counterexample ? !(seen == Regime::diverging && predicted != Regime::diverging)
                                                       : seen == predicted;
  return observe("quadratic_1d_regimes",
                 (a > 0 ? "eta = " + (eta * a).str() + " eta_opt" : "eta = " + (eta * abs_value(a)).str() + " / |a|") +
                     " on E = 1/2 a w^2 + b w + c with a = " + a.str(),
                 kind, "exact", match, std::string(to_string(seen)), "==", std::string(to_string(predicted)),
                 "e_0 = " + shown<Q>(e.front()) + ", e_" + std::to_string(e.size() - 1) + " = " + shown<Q>(e.back()));
}

Verdict seed_oscillation_at_eta_opt(const Rational& a1, const Rational& a2, int steps) {
  // Diagonal A = diag(a1, a2) with a1 > a2/2, η = η_1,opt = 1/a1, so η_1,opt ≤ η < 2η_1,opt:
  // the notes say direction 1 oscillates; it reaches its minimum in one step.
  const Q eta = 1 / a1;
  const auto e = diagonal_errors({a1, a2}, (Vec<Q>(2) << 1, 1).finished(), eta, steps);
  const Regime seen = observed_regime(e[0]);
  return observe("quadratic_1d_regimes",
                 "seed 002: oscillation in every direction with eta_i,opt <= eta < 2 eta_i,opt; direction 1 at eta = eta_1,opt",
                 Expect::refutes(seed002_oscillate), "exact", seen != Regime::one_step, std::string(to_string(seen)), "==",
                 std::string(to_string(Regime::oscillating)),
                 "A = diag(" + a1.str() + ", " + a2.str() + "), eta = " + eta.str() + ", w_0 = (1, 1)");
}

Verdict seed_diverge_at_two_min_eta_opt(const Rational& a1, const Rational& a2, int steps) {
  // η = 2 min_i η_i,opt = 2/max(a1, a2): not η < 2 min η_i,opt, so the notes predict
  // divergence; the coordinate with the largest a_ii keeps |e| constant, the other shrinks.
  // Divergence needs the error to grow in some coordinate; the other one shrinks, so it
  // is the stiff coordinate that would have to grow. Its |e| stays exactly |e_0|: the
  // assertion fails at eta = 2 min eta_i,opt and holds for every larger eta, so the check
  // separates constant amplitude from slow divergence.
  const Q eta = 2 / std::max(a1, a2);
  const Vec<Q> e0 = (Vec<Q>(2) << 1, 1).finished();
  const auto e = diagonal_errors({a1, a2}, e0, eta, steps);
  const auto& stiff = e[a1 >= a2 ? 0 : 1];
  const auto& other = e[a1 >= a2 ? 1 : 0];
  Verdict v = compare<Q>("gd_stable_iff_below_2_over_L",
                         "seed 002: eta >= 2 min_i eta_i,opt makes the learning diverge; at equality the stiff coordinate "
                         "grows, |e_stiff,K| > |e_stiff,0|",
                         Expect::refutes(seed002_will_diverge), abs_value(stiff.back()), Relation::gt, abs_value(stiff.front()), Q(0),
                         "A = diag(" + a1.str() + ", " + a2.str() + "), eta = " + eta.str() + ", K = " + std::to_string(steps) +
                             ": |e| in the stiff coordinate (largest a_ii) stays exactly " + shown<Q>(abs_value(stiff.back())) +
                             ", in the other it falls to " + shown<Q>(abs_value(other.back())));
  if (a1 != a2) v.pass = v.pass && abs_value(other.back()) < abs_value(other.front());  // and the other converges
  return v;
}

Verdict diagonal_directions(const std::vector<Rational>& a, const Rational& eta, int steps) {
  const auto e = diagonal_errors(a, Vec<Q>::Ones(static_cast<int>(a.size())), eta, steps);
  std::string seen, predicted;
  bool match = true;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const Regime s_i = observed_regime(e[i]), p_i = predicted_regime(a[i], eta);
    match = match && s_i == p_i;
    seen += (i ? "; " : "") + std::string("direction ") + std::to_string(i + 1) + ": " + std::string(to_string(s_i));
    predicted += (i ? "; " : "") + std::string("direction ") + std::to_string(i + 1) + ": " + std::string(to_string(p_i));
  }
  std::string diag;
  std::size_t stiffest = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    diag += (i ? ", " : "") + a[i].str();
    if (a[i] > a[stiffest]) stiffest = i;
  }
  Verdict v = observe("gd_stable_iff_below_2_over_L", "each coordinate of a diagonal quadratic follows its own regime, 1 - eta a_ii",
                      Kind::holds, "exact", match, seen, "==", predicted,
                      "A = diag(" + diag + "), eta = " + eta.str() + ", w_0 = (1, ..., 1)");
  bool differ = false;
  for (std::size_t i = 0; i < a.size(); ++i) differ = differ || observed_regime(e[i]) != observed_regime(e[stiffest]);
  return rule_out(v, "stiffest_regime_for_all", differ,
                  "the stiffest coordinate: " + std::string(to_string(observed_regime(e[stiffest]))) + "; " + seen);
}

Verdict stability(const Mat<Rational>& Qm, const std::vector<Rational>& lambda, const Vec<Rational>& e0,
                  const Rational& eta, int steps, const Expect& kind) {
  const Mat<Q> A = with_spectrum<Q>(Qm, lambda);
  const Quadratic<Q> f(A, Vec<Q>::Zero(A.rows()), Q(0));  // x* = 0, so e = x
  GradientDescent<Q> gd(eta);
  StopRule<Q> stop;
  stop.max_steps = steps;
  stop.divergence_bound = Q(boost::multiprecision::pow(boost::multiprecision::mpz_int(10), 1000));
  const Trace<Q> tr = run<Q>(f, gd, e0, stop);
  const Q n0 = tr.x.front().squaredNorm(), nK = tr.x.back().squaredNorm();
  Q lmax = lambda[0];
  for (const auto& l : lambda) lmax = std::max(lmax, l);
  std::string spectrum;
  for (const auto& l : lambda) spectrum += (spectrum.empty() ? "" : ", ") + l.str();
  const std::string detail = "A = Q diag(" + spectrum + ") Q^T, eta = " + eta.str() + ", 2/lambda_max = " +
                             (2 / lmax).str() + ", K = " + std::to_string(tr.steps());
  const bool tight = kind.kind == Kind::tight;
  if ((eta * lmax < 2 && kind.kind == Kind::holds) || (eta * lmax <= 2 && tight)) {
    Q rho2 = 0;
    for (const auto& l : lambda) rho2 = std::max(rho2, (1 - eta * l) * (1 - eta * l));
    Q bound = n0, bound_top = n0;
    const Q top2 = (1 - eta * lmax) * (1 - eta * lmax);
    for (int k = 0; k < tr.steps(); ++k) {
      bound *= rho2;
      bound_top *= top2;
    }
    Verdict v = compare<Q>("gd_stable_iff_below_2_over_L",
                           tight ? (eta * lmax == 2 ? "eta = 2/lambda_max, start on the top eigenvector: ||x_K - x*||^2 = "
                                                      "||x_0 - x*||^2 (rho = 1: the boundary neither converges nor diverges)"
                                                    : "start on the eigenvector of max |1 - eta lambda_i|: ||x_K - x*||^2 = "
                                                      "rho^(2K) ||x_0 - x*||^2")
                                 : "eta < 2/lambda_max: ||x_K - x*||^2 <= rho^(2K) ||x_0 - x*||^2 -> 0, rho = max_i |1 - eta lambda_i|",
                           kind, nK, tight ? Relation::eq : Relation::le, bound, Q(0), detail);
    // Where lambda_min sets rho (eta < 2/(lambda_max + lambda_min)), the rate of lambda_max
    // alone is too fast.
    if (top2 < rho2) rule_out<Q>(v, "rho_lambda_max_only", nK, Relation::le, bound_top, Q(0));
    return v;
  }
  return compare<Q>("gd_stable_iff_below_2_over_L",
                    kind.kind == Kind::counterexample
                        ? "A not positive definite: a small eta still gives ||x_K - x*||^2 <= ||x_0 - x*||^2"
                        : "eta > 2/lambda_max, start on the top eigenvector: ||x_K - x*||^2 > ||x_0 - x*||^2 (diverges)",
                    kind, nK, kind.kind == Kind::counterexample ? Relation::le : Relation::gt, n0, Q(0), detail);
}

Verdict monotone_on_smooth(const Lorentzian<Mpfr>& f, const Vec<Mpfr>& x0, const Rational& c, int steps) {
  const Mpfr eta = from_rational<Mpfr>(c) / f.smoothness();
  GradientDescent<Mpfr> gd(eta);
  StopRule<Mpfr> stop;
  stop.max_steps = steps;
  const Trace<Mpfr> tr = run<Mpfr>(f, gd, x0, stop);
  // Each change f(x_{k+1}) − f(x_k) is compared relative to η‖g_k‖², so that the check
  // stays meaningful after the iterates have converged and the changes are tiny.
  Mpfr worst = 0, scale = 0;
  bool first = true;
  for (int k = 0; k < tr.steps(); ++k) {
    if (tr.grad_norm2[k] == 0) continue;  // a stationary point stays put
    const Mpfr unit = eta * tr.grad_norm2[k];
    const Mpfr r = (tr.f[k + 1] - tr.f[k]) / unit;
    if (first || r > worst) {
      worst = r;
      scale = (abs_value<Mpfr>(tr.f[k + 1]) + abs_value<Mpfr>(tr.f[k])) / unit;
      first = false;
    }
  }
  // The descent lemma bounds each ratio by −(1 − c/2) < 0.
  return compare<Mpfr>("gd_monotone_decrease_not_guaranteed",
                       "eta = c/L, c = " + c.str() + " < 2, on an L-smooth function: max_k (f(x_{k+1}) - f(x_k)) / (eta ||g_k||^2) <= -(1 - c/2) < 0",
                       Kind::holds, worst, Relation::le, from_rational<Mpfr>(c / 2 - 1), scale,
                       "Lorentzian, " + std::to_string(tr.steps()) + " steps");
}

Verdict monotone_attained(const Rational& lambda, const Rational& c, const Rational& x0) {
  // On ½λx² the curvature is λ along the whole step: the change is exactly −(1 − c/2)η g².
  const Quadratic<Q> f(Mat<Q>::Constant(1, 1, lambda), Vec<Q>::Zero(1), Q(0));
  const Vec<Q> x = Vec<Q>::Constant(1, x0);
  const Q eta = c / lambda, g2 = f.gradient(x).squaredNorm();
  const Q change = (f.value(x - eta * f.gradient(x)) - f.value(x)) / (eta * g2);
  Verdict v = compare<Q>("gd_monotone_decrease_not_guaranteed",
                         "the bound attained on 1/2 L x^2: (f(x_1) - f(x_0)) / (eta ||g_0||^2) = -(1 - c/2), eta = c/L, c = " + c.str(),
                         Kind::tight, change, Relation::eq, Q(c / 2 - 1), Q(0), "L = " + lambda.str() + ", x_0 = " + x0.str());
  return rule_out<Q>(v, "decrease_c_over_4", change, Relation::le, Q(c / 4 - 1), Q(0));
}

Verdict monotone_fails_large_step(const Rational& lambda, const Rational& c, const Rational& x0) {
  const Quadratic<Q> f(Mat<Q>::Constant(1, 1, lambda), Vec<Q>::Zero(1), Q(0));
  const Vec<Q> x = Vec<Q>::Constant(1, x0);
  const Vec<Q> x1 = x - (c / lambda) * f.gradient(x);
  return compare<Q>("gd_monotone_decrease_not_guaranteed", "eta = c/L, c = " + c.str() + " > 2: f(x_1) < f(x_0)",
                    Expect::counterexample("step_below"), f.value(x1), Relation::lt, f.value(x), Q(0),
                    "f = 1/2 L x^2, L = " + lambda.str());
}

Verdict rate_ratio_quadratic(const Rational& a, const Rational& b, const Rational& w0, const Rational& eta, int steps) {
  const Quadratic<Q> E = quadratic_1d<Q>(a, b, Q(0));
  const Q w_star = -b / a;
  const Q E_star = E.value(Vec<Q>::Constant(1, w_star));
  const auto w = quadratic_1d_iterates(a, b, Q(0), w0, eta, steps);
  const Q R = (1 - eta * a) * (1 - eta * a);
  std::vector<Q> gap;
  for (const auto& x : w) gap.push_back(abs_value<Q>(E.value(Vec<Q>::Constant(1, x)) - E_star));
  // every ratio equals R exactly?
  bool constant = true;
  for (std::size_t k = 0; k + 1 < gap.size(); ++k) constant = constant && gap[k + 1] == R * gap[k];
  Q RK = 1;
  for (std::size_t k = 0; k + 1 < gap.size(); ++k) RK *= R;
  Verdict v = compare<Q>("convergence_rate_ratio",
                         "eta = " + eta.str() + ": R_k = (1 - eta a)^2 for every k, so |E(w_K) - E*| = R^K |E(w_0) - E*|",
                         Kind::tight, gap.back(), Relation::eq, RK * gap.front(), Q(0),
                         "R = " + R.str() + (constant ? ", every ratio equal to R" : ", SOME RATIO DIFFERS FROM R"));
  v.pass = v.pass && constant;
  // the factor of the iterate, |1 - eta a|, in place of its square
  Q r1K = 1;
  for (std::size_t k = 0; k + 1 < gap.size(); ++k) r1K *= abs_value<Q>(1 - eta * a);
  return rule_out<Q>(v, "R_unsquared", gap.back(), Relation::eq, Q(r1K * gap.front()), Q(0));
}

Verdict rate_ratio_not_constant(const Mpfr& x0, const Rational& c, int steps) {
  // On the 1-D Lorentzian ½log(1 + x²) (f* = 0) the per-step ratio grows as x → 0 for a
  // long step (the contraction factor |1 − η/(1 + x²)| tends to |1 − η|), so the bound
  // |f(x_K) − f*| ≤ R_0^K |f(x_0) − f*| built from the first ratio fails.
  const Lorentzian<Mpfr> f((Vec<Mpfr>(1) << 1).finished());
  GradientDescent<Mpfr> gd(from_rational<Mpfr>(c));
  StopRule<Mpfr> stop;
  stop.max_steps = steps;
  const Trace<Mpfr> tr = run<Mpfr>(f, gd, Vec<Mpfr>::Constant(1, x0), stop);
  const Mpfr R0 = tr.f[1] / tr.f[0];
  const Mpfr bound = pow(R0, tr.steps()) * tr.f[0];
  return compare<Mpfr>("convergence_rate_ratio",
                       "non-quadratic (1-D Lorentzian): |f(x_K) - f*| <= R_0^K |f(x_0) - f*| with R_0 the first ratio",
                       Expect::counterexample("quadratic"), tr.f.back(), Relation::le, bound, Mpfr(tr.f.back() + bound),
                       "eta = " + c.str() + ", x_0 = " + descent::to_string<Mpfr>(x0, 6) + ", K = " +
                           std::to_string(tr.steps()) + ", R_0 = " + descent::to_string<Mpfr>(R0, 6));
}

Verdict seed_ratio_one_no_convergence(const Rational& a, const Rational& b, const Rational& w0, int steps) {
  const Quadratic<Q> E = quadratic_1d<Q>(a, b, Q(0));
  const Q E_star = E.value(Vec<Q>::Constant(1, -b / a));
  const auto w = quadratic_1d_iterates(a, b, Q(0), w0, 2 / a, steps);
  const Q first = abs_value<Q>(E.value(Vec<Q>::Constant(1, w.front())) - E_star);
  const Q last = abs_value<Q>(E.value(Vec<Q>::Constant(1, w.back())) - E_star);
  return compare<Q>("convergence_rate_ratio",
                    "seed 002: R constant => linear convergence; at eta = 2 eta_opt R = 1: |f(x_K) - f*| < |f(x_0) - f*|",
                    Expect::refutes(seed002_linear), last, Relation::lt, first, Q(0),
                    "E = 1/2 a w^2 + b w, a = " + a.str() + ", K = " + std::to_string(steps) + ": R = 1 at every step");
}

Verdict seed_diagonal_step_rule(const Mat<Rational>& A, const Rational& eta, const Vec<Rational>& x0, int steps) {
  // seed 002: "the learning rate must be lower than twice the smallest optimal learning
  // rate", with η_i,opt = 1/a_ii. For a rotated A the curvature that matters is λ_max.
  Q min_opt = 1 / A(0, 0);
  for (int i = 1; i < A.rows(); ++i) min_opt = std::min(min_opt, Q(1 / A(i, i)));
  if (!(eta < 2 * min_opt)) throw std::invalid_argument("seed_diagonal_step_rule: eta must satisfy the seed's rule");
  const Quadratic<Q> f(A, Vec<Q>::Zero(A.rows()), Q(0));
  GradientDescent<Q> gd(eta);
  StopRule<Q> stop;
  stop.max_steps = steps;
  stop.divergence_bound = Q(boost::multiprecision::pow(boost::multiprecision::mpz_int(10), 1000));
  const Trace<Q> tr = run<Q>(f, gd, x0, stop);
  return compare<Q>("gd_stable_iff_below_2_over_L",
                    "the rule eta < 2 min_i 1/a_ii without a diagonal A: ||x_K - x*||^2 <= ||x_0 - x*||^2",
                    Expect::counterexample("diagonal"), tr.x.back().squaredNorm(), Relation::le, x0.squaredNorm(), Q(0),
                    "eta = " + eta.str() + " < 2 min 1/a_ii = " + (2 * min_opt).str() +
                        " but eta > 2/lambda_max: for a rotated A the rule is eta < 2/lambda_max");
}

}  // namespace descent::claims::step_size

// ---- the claims of lesson 03_step_size_regimes that this file checks: their entries in the claim index
// (claim.hpp), registered here beside their checks (registry.cpp collects every file's)
namespace descent::claims {
std::vector<ClaimInfo> claims_of_step_size() {
  return {
      {"quadratic_1d_regimes", "03_step_size_regimes",
       R"(E=\tfrac12aw^2+bw+c,\ \eta_{opt}=1/a:\ \eta<\eta_{opt}\text{ monotone};\ =\eta_{opt}\text{ one step};\ (\eta_{opt},2\eta_{opt})\text{ oscillating};\ =2\eta_{opt}\text{ constant amplitude};\ >2\eta_{opt}\text{ divergence})",
       {{"convex", R"(a>0)"}}, "seed 002 (convergence for quadratic surfaces); erratum: line 695's \"oscillate in all directions where eta_i,opt <= eta\"",
       {{"oscillate_at_eta_opt", R"(\eta=\eta_{opt}:\ \text{oscillating convergence})"},
        {"diverge_at_two_eta_opt", R"(\eta=2\eta_{opt}:\ \text{divergence})"}}},
      {"gd_stable_iff_below_2_over_L", "03_step_size_regimes",
       R"(\text{GD on a quadratic converges from every start} \iff 0<\eta<2/\lambda_{\max}=2\min_i 1/\lambda_i)",
       {{"spd", R"(A \text{ symmetric positive definite})"},
        {"diagonal", R"(A \text{ diagonal, for the per-coordinate rule } \eta<2\min_i 1/a_{ii})"}},
       "seed 002 (dependence on learning rate); erratum: line 693's \"Otherwise, the learning will diverge\" at eta = 2 min eta_i,opt",
       {{"rho_lambda_max_only", R"(\|x_K-x^*\|\le|1-\eta\lambda_{\max}|^K\|x_0-x^*\| \ (\lambda_{\min} \text{ ignored}))"},
        {"stiffest_regime_for_all", R"(\text{every coordinate of a diagonal quadratic follows the regime of the largest } a_{ii})"}}},
      {"gd_monotone_decrease_not_guaranteed", "03_step_size_regimes",
       R"(L(\theta^0)>L(\theta^1)>\dots \text{ holds for } \eta<2/L \text{ on } L\text{-smooth functions, not in general})",
       {{"step_below", R"(\eta<2/L)"}, {"smooth", R"(\|\nabla^2 f\|\le L)"}}, "seed 001 (Question: is this statement correct?)",
       {{"decrease_c_over_4", R"(f(x_{k+1})-f(x_k)\le-(1-c/4)\,\eta\|\nabla f(x_k)\|^2,\ \eta=c/L)"}}},
      {"convergence_rate_ratio", "03_step_size_regimes",
       R"(R=\frac{|f(x_{k+1})-f^*|}{|f(x_k)-f^*|} \text{ constant } \Rightarrow |f(x_k)-f^*|\le R^k|f(x_0)-f^*|,\ \text{linear convergence when } R<1)",
       {{"quadratic", R"(\text{quadratic objective } (R \text{ the same at every step}))"},
        {"R_below_1", R"(R<1\ (0<\eta<2\eta_{opt}))"}},
       "seed 002 (convergence and convergence rate); erratum: the notes omit R < 1",
       {{"R_unsquared", R"(R=|1-\eta a| \text{ on a quadratic (the factor of the iterate, not of } f-f^*))"}}},
  };
}
}  // namespace descent::claims
