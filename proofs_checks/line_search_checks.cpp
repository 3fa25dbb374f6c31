// Claims of lesson 05: exact line search (Kantorovich's rate), golden section, Armijo
// backtracking, cyclic coordinate descent.
#include "problem_audit.hpp"
#include "line_search_checks.hpp"

#include "instance_text.hpp"

#include <cmath>

namespace descent::claims::line_search_checks {

namespace {
using Q = Rational;
using descent::abs_value;
using detail::max_abs;
using detail::matrix_text;
using detail::spectrum_text;
using detail::vec_text;
Q qmin(const std::vector<Q>& v) { return *std::min_element(v.begin(), v.end()); }
Q qmax(const std::vector<Q>& v) { return *std::max_element(v.begin(), v.end()); }
// f(x) − f* of ½(x − x*)ᵀA(x − x*) along steepest descent from x* + e0 (x* = 0 here):
// the library's SteepestDescent when `doubling` is false, else t_k = 2 t*_k.
std::vector<Q> steepest_gap_values(const Mat<Q>& A, const Vec<Q>& e0, int steps, bool doubling) {
  const Quadratic<Q> f(A, Vec<Q>::Zero(A.rows()), Q(0));
  std::vector<Q> gaps;
  if (!doubling) {
    SteepestDescent<Q> sd;
    StopRule<Q> stop;
    stop.max_steps = steps;
    const Trace<Q> tr = run<Q>(f, sd, e0, stop);
    return tr.f;  // f* = 0
  }
  Vec<Q> x = e0;
  for (int k = 0; k <= steps; ++k) {
    gaps.push_back(f.value(x));
    const Vec<Q> g = f.gradient(x);
    if (g.isZero(0)) break;
    x -= 2 * exact_step_quadratic<Q>(f, g, Vec<Q>(-g)) * g;
  }
  return gaps;
}

// A double well along x: f(x, y) = (x² − 1)² + x/4 + y²/2, minima near x ≈ −1.03 (global) and 0.97.
class DoubleWell final : public Problem<Mpfr> {
 public:
  int dimension() const override { return 2; }
  Mpfr value(const Vec<Mpfr>& v) const override {
    const Mpfr a = v(0) * v(0) - 1;
    return a * a + v(0) / 4 + v(1) * v(1) / 2;
  }
  Vec<Mpfr> gradient(const Vec<Mpfr>& v) const override {
    Vec<Mpfr> g(2);
    g(0) = 4 * v(0) * (v(0) * v(0) - 1) + Mpfr(1) / 4;
    g(1) = v(1);
    return g;
  }
  Mat<Mpfr> hessian(const Vec<Mpfr>& v) const override {
    Mat<Mpfr> H = Mat<Mpfr>::Zero(2, 2);
    H(0, 0) = 12 * v(0) * v(0) - 4;
    H(1, 1) = 1;
    return H;
  }
  std::string name() const override { return "(x^2 - 1)^2 + x/4 + y^2/2"; }
};
}  // namespace

Verdict kantorovich(const Mat<Q>& Qm, const std::vector<Q>& lambda, const Vec<Q>& e0, int steps, const Expect& kind) {
  const Mat<Q> A = with_spectrum<Q>(Qm, lambda);
  const Q kappa = qmax(lambda) / qmin(lambda), r = (kappa - 1) / (kappa + 1), bound = r * r;
  const bool doubled = kind.kind == Kind::counterexample;
  const auto gaps = steepest_gap_values(A, e0, steps, doubled);
  // the ratio farthest from the bound in the direction of the check
  Q pick = -1;
  int at = 0;
  for (std::size_t k = 0; k + 1 < gaps.size(); ++k) {
    if (gaps[k] == 0) break;
    const Q ratio = gaps[k + 1] / gaps[k];
    const bool better = kind.kind == Kind::tight ? (pick < 0 || abs_value(Q(ratio - bound)) >= abs_value(Q(pick - bound)))
                                                 : (pick < 0 || ratio > pick);
    if (better) pick = ratio, at = static_cast<int>(k);
  }
  if (pick < 0) throw std::invalid_argument("kantorovich: the start is the minimizer");
  Verdict v = compare<Q>("steepest_descent_kantorovich",
                    std::string(doubled ? "the step doubled (t = 2 t*): " : "steepest descent with exact line search: ") +
                        "(f(x_{k+1}) - f*)/(f(x_k) - f*) vs ((kappa - 1)/(kappa + 1))^2, " +
                        (kind.kind == Kind::tight ? "the step k farthest from equality (the last on ties): k = "
                                                  : "the largest ratio over the steps, at k = ") +
                        std::to_string(at),
                    kind, pick, kind.kind == Kind::tight ? Relation::eq : Relation::le, bound, Q(0),
                    "A = " + matrix_text(Qm, lambda) + ", kappa = " + shown<Q>(kappa) + ", x_0 - x* = " +
                        vec_text(e0) + ", " + std::to_string(steps) + " steps");
  // momentum's (sqrt kappa - 1)/(sqrt kappa + 1), squared: exactly when kappa is a rational square
  const auto sn = boost::multiprecision::sqrt(numerator(kappa)), sd = boost::multiprecision::sqrt(denominator(kappa));
  if (kind.kind == Kind::tight && sn * sn == numerator(kappa) && sd * sd == denominator(kappa)) {
    const Q root(sn, sd), m = (root - 1) / (root + 1);
    rule_out<Q>(v, "sqrt_kappa_rate", pick, Relation::le, Q(m * m), Q(0));
  }
  return v;
}

Verdict kantorovich_step_identity(const Mat<Q>& Qm, const std::vector<Q>& lambda, const Vec<Q>& e0, int steps) {
  // Exact line search on ½eᵀAe: f(x_{k+1}) − f* = [1 − (gᵀg)²/((gᵀAg)(gᵀA⁻¹g))](f(x_k) − f*),
  // since f − f* = ½gᵀA⁻¹g and the step removes (gᵀg)²/(2gᵀAg). Checked at every step.
  const Mat<Q> A = with_spectrum<Q>(Qm, lambda);
  const Mat<Q> Ainv = with_spectrum<Q>(Qm, [&] {
    std::vector<Q> inv;
    for (const auto& l : lambda) inv.push_back(1 / l);
    return inv;
  }());
  const auto gaps = steepest_gap_values(A, e0, steps, false);
  const Quadratic<Q> f(A, Vec<Q>::Zero(A.rows()), Q(0));
  SteepestDescent<Q> sd;
  StopRule<Q> stop;
  stop.max_steps = steps;
  const Trace<Q> tr = run<Q>(f, sd, e0, stop);
  Q worst = 0;
  for (std::size_t k = 0; k + 1 < tr.x.size(); ++k) {
    const Vec<Q> g = A * tr.x[k];
    const Q gg = g.squaredNorm();
    const Q predicted = (1 - gg * gg / (g.dot(A * g) * g.dot(Ainv * g))) * gaps[k];
    worst = std::max(worst, abs_value(Q(gaps[k + 1] - predicted)));
  }
  return compare<Q>("steepest_descent_kantorovich",
                    "each step: f(x_{k+1}) - f* = [1 - (g^T g)^2/((g^T A g)(g^T A^-1 g))] (f(x_k) - f*), largest "
                    "difference over the steps",
                    Kind::holds, worst, Relation::eq, Q(0), Q(0),
                    "A = " + matrix_text(Qm, lambda) + ", x_0 - x* = " + vec_text(e0) + ", " + std::to_string(tr.steps()) +
                        " steps (f - f* = 1/2 g^T A^-1 g; the exact step removes (g^T g)^2 / (2 g^T A g))");
}

Verdict kantorovich_inequality(const Mat<Q>& Qm, const std::vector<Q>& lambda, const Vec<Q>& e0, int steps,
                               const Expect& kind) {
  // Kantorovich: for every g ≠ 0, (gᵀg)²/((gᵀAg)(gᵀA⁻¹g)) ≥ 4μL/(μ + L)², the step of the
  // proof; with equality when g has equal weight on the two extreme eigenvectors.
  const Mat<Q> A = with_spectrum<Q>(Qm, lambda);
  std::vector<Q> inv;
  for (const auto& l : lambda) inv.push_back(1 / l);
  const Mat<Q> Ainv = with_spectrum<Q>(Qm, inv);
  const Quadratic<Q> f(A, Vec<Q>::Zero(A.rows()), Q(0));
  SteepestDescent<Q> sd;
  StopRule<Q> stop;
  stop.max_steps = steps;
  const Trace<Q> tr = run<Q>(f, sd, e0, stop);
  const Q mu = qmin(lambda), L = qmax(lambda), floor = 4 * mu * L / ((mu + L) * (mu + L));
  Q pick = -1;
  int at = 0;
  for (std::size_t k = 0; k + 1 < tr.x.size(); ++k) {
    const Vec<Q> g = A * tr.x[k];
    if (g.isZero(0)) break;
    const Q gg = g.squaredNorm(), q = gg * gg / (g.dot(A * g) * g.dot(Ainv * g));
    const bool better = kind.kind == Kind::tight ? (pick < 0 || abs_value(Q(q - floor)) >= abs_value(Q(pick - floor)))
                                                 : (pick < 0 || q < pick);
    if (better) pick = q, at = static_cast<int>(k);
  }
  const bool tight = kind.kind == Kind::tight;
  Verdict v = compare<Q>("steepest_descent_kantorovich",
                         "Kantorovich's inequality at the gradients of the run: (g^T g)^2/((g^T A g)(g^T A^-1 g)) " +
                             std::string(tight ? "=" : ">=") + " 4 mu L/(mu + L)^2, " +
                             (tight ? "farthest step from equality: k = " : "smallest over the steps, at k = ") +
                             std::to_string(at),
                         kind, pick, tight ? Relation::eq : Relation::ge, floor, Q(0),
                         "A = " + matrix_text(Qm, lambda) + ", x_0 - x* = " + vec_text(e0));
  if (tight) rule_out<Q>(v, "kantorovich_constant_doubled", pick, Relation::ge, Q(2 * floor), Q(0));
  return v;
}

Verdict golden_accuracy(const Mpfr& offset, const Mpfr& curvature, const Expect& kind) {
  using std::sqrt;
  // φ(t) = offset + k²((2/3)t − 1/3)² = ½at² + bt + c with a = 8k²/9, b = −4k²/9,
  // c = offset + k²/9: t* = 1/2, φ(t*) = offset, φ'' = 8k²/9 (k² = curvature).
  const Mpfr a = 8 * curvature / 9, b = -4 * curvature / 9, c = offset + curvature / 9;
  const Quadratic<Mpfr> phi = quadratic_1d<Mpfr>(a, b, c);
  const Vec<Mpfr> x0 = Vec<Mpfr>::Zero(1), d = Vec<Mpfr>::Ones(1);
  const LineSearchPoint<Mpfr> p = golden_section_search<Mpfr>(phi, x0, phi.value(x0), d, Mpfr(1));
  const Mpfr t_star = Mpfr(1) / 2, eps = epsilon<Mpfr>();
  const Mpfr err = abs_value<Mpfr>(Mpfr(p.t - t_star));
  const Mpfr width = 2 * sqrt(eps) * (1 + t_star);
  const Mpfr rounding = 4 * sqrt(Mpfr(eps * abs_value<Mpfr>(offset) / a));
  const std::string inst = "phi(t) = " + shown<Mpfr>(offset, 3) + " + " + shown<Mpfr>(curvature, 3) +
                           " ((2/3) t - 1/3)^2, t* = 1/2, eps = " + shown<Mpfr>(eps, 3) + ": golden section's t - t* = " +
                           shown<Mpfr>(Mpfr(p.t - t_star), 3);
  if (kind.kind == Kind::counterexample)
    return compare<Mpfr>("exact_line_search",
                         "a badly scaled phi (offset " + shown<Mpfr>(offset, 3) + "): |t - t*| <= 2 sqrt(eps)(1 + t*) ?",
                         kind, err, Relation::le, width, Mpfr(0), inst);
  return compare<Mpfr>("exact_line_search",
                       "golden section: |t - t*| <= 2 sqrt(eps)(1 + t*) + 4 sqrt(eps |phi(t*)| / phi''(t*))", kind, err,
                       Relation::le, Mpfr(width + rounding), Mpfr(0), inst);
}

Verdict successive_gradients_orthogonal(const Quadratic<Q>& f, const Vec<Q>& x0, int steps) {
  SteepestDescent<Q> sd;
  StopRule<Q> stop;
  stop.max_steps = steps;
  const Trace<Q> tr = run<Q>(f, sd, x0, stop);
  Q worst = 0;
  for (std::size_t k = 0; k + 1 < tr.x.size(); ++k)
    worst = std::max(worst, abs_value(Q(f.gradient(tr.x[k + 1]).dot(f.gradient(tr.x[k])))));
  return compare<Q>("exact_line_search",
                    "exact line search ends where the new gradient is orthogonal to the direction: max_k |g_{k+1}^T g_k|",
                    Kind::holds, worst, Relation::eq, Q(0), Q(0),
                    "steepest descent with t_k = g^T g / g^T A g on a " + std::to_string(f.dimension()) +
                        "-D quadratic from " + vec_text(x0) + ", " + std::to_string(tr.steps()) + " steps");
}

Verdict golden_matches_closed_form(const Mat<Mpfr>& B, const Vec<Mpfr>& theta) {
  using std::sqrt;
  const Quadratic<Mpfr> L(Mpfr(2) * B, Vec<Mpfr>::Zero(B.rows()), Mpfr(0));  // theta^T B theta
  const Vec<Mpfr> d = -L.gradient(theta);
  const Mpfr closed = d.squaredNorm() / (2 * d.dot(B * d));
  const LineSearchPoint<Mpfr> p = golden_section_search<Mpfr>(L, theta, L.value(theta), d, Mpfr(1));
  const Mpfr tol = 2 * sqrt(epsilon<Mpfr>()) * (1 + closed);  // the final bracket's width, twice (claim exact_line_search)
  Verdict v = compare<Mpfr>("exact_line_search",
                            "seed 004's alpha* = argmin L(theta + alpha d) on L = theta^T B theta: |golden section - "
                            "||d||^2/(2 d^T B d)| <= 2 sqrt(eps)(1 + alpha*)",
                            Kind::holds, abs_value<Mpfr>(Mpfr(p.t - closed)), Relation::le, tol, Mpfr(0),
                            "alpha* = " + shown<Mpfr>(closed) + ", golden section " + shown<Mpfr>(p.t) + " after " +
                                std::to_string(p.evaluations) + " evaluations; phi(alpha*) = 0 here, so the rounding "
                                "term of the bound is 0");
  // lesson 02's eps* = 2 g^T g / g^T H g returns to the same level: it is not the minimizer
  return rule_out<Mpfr>(v, "critical_step_for_minimizer", abs_value<Mpfr>(Mpfr(p.t - 2 * closed)), Relation::le, tol, Mpfr(0));
}

Verdict golden_not_unimodal() {
  using std::sqrt;
  const DoubleWell f;
  const Vec<Mpfr> x = (Vec<Mpfr>(2) << Mpfr(3) / 2, 0).finished();
  const Vec<Mpfr> d = -f.gradient(x);
  const LineSearchPoint<Mpfr> p = golden_section_search<Mpfr>(f, x, f.value(x), d, Mpfr(1) / 1000);
  // the global minimum of phi over [0, 1] by a scan of 20000 points (phi's two wells lie inside)
  Mpfr best = f.value(x), best_t = 0;
  for (int i = 1; i <= 20000; ++i) {
    const Mpfr t = Mpfr(i) / 20000;
    const Mpfr v = f.value(Vec<Mpfr>(x + t * d));
    if (v < best) best = v, best_t = t;
  }
  return compare<Mpfr>("exact_line_search",
                       "golden section's phi(t) within the tolerance of min phi over a fine scan?",
                       Expect::counterexample("unimodal"), p.f, Relation::le, best, Mpfr(1),
                       "f = " + f.name() + " from (3/2, 0) along -g: golden section stops at t = " + shown<Mpfr>(p.t, 6) +
                           " (the near well), the scan's minimum is at t = " + shown<Mpfr>(best_t, 6));
}

Verdict armijo_boundary(const Q& L, const Q& c, const Q& x0) {
  const Quadratic<Q> f = quadratic_1d<Q>(L, Q(0), Q(0));
  const Vec<Q> x = (Vec<Q>(1) << x0).finished();
  const Vec<Q> g = f.gradient(x);
  const Q t = 2 * (1 - c) / L;
  Verdict v = compare<Q>("armijo_backtracking", "at t = 2(1 - c)/L on 1/2 L x^2: f(x - t g) = f(x) - c t ||g||^2",
                         Kind::tight, f.value(Vec<Q>(x - t * g)), Relation::eq, f.value(x) - c * t * g.squaredNorm(), Q(0),
                         "L = " + shown<Q>(L) + ", c = " + shown<Q>(c) + ", x = " + shown<Q>(x0) + ", t = " + shown<Q>(t));
  // a range twice as long: at t = 4(1 - c)/L the Armijo condition fails
  return rule_out<Q>(v, "range_doubled", f.value(Vec<Q>(x - 2 * t * g)), Relation::le,
                     Q(f.value(x) - c * 2 * t * g.squaredNorm()), Q(0));
}

Verdict armijo_region(const Mat<Q>& Qm, const std::vector<Q>& lambda, const Vec<Q>& x0, const Q& c, const Q& L_used,
                      const Expect& kind) {
  const Mat<Q> A = with_spectrum<Q>(Qm, lambda);
  const Quadratic<Q> f(A, Vec<Q>::Zero(A.rows()), Q(0));
  const Vec<Q> g = f.gradient(x0);
  const Q tmax = 2 * (1 - c) / L_used;
  Q worst_margin = 0, worst_t = 0, lhs = 0, rhs = 0;
  const int grid = kind.kind == Kind::counterexample ? 1 : 40;
  for (int j = grid; j >= 1; --j) {
    const Q t = tmax * j / grid;
    const Q l = f.value(Vec<Q>(x0 - t * g)), r = f.value(x0) - c * t * g.squaredNorm();
    if (j == grid || r - l < worst_margin) worst_margin = r - l, worst_t = t, lhs = l, rhs = r;
  }
  return compare<Q>("armijo_backtracking",
                    kind.kind == Kind::counterexample
                        ? "t = 2(1 - c)/L' with L' = " + shown<Q>(L_used) + " below lambda_max: f(x - t g) <= f(x) - c t ||g||^2 ?"
                        : "every t in (0, 2(1 - c)/L] (40 steps of a grid): f(x - t g) <= f(x) - c t ||g||^2; worst t = " +
                              shown<Q>(worst_t),
                    kind, lhs, Relation::le, rhs, Q(0),
                    "A = " + matrix_text(Qm, lambda) + ", c = " + shown<Q>(c) + ", x = " + vec_text(x0));
}

Verdict backtracking_step_floor(const Mat<Q>& Qm, const std::vector<Q>& lambda, const Vec<Q>& x0, const Q& t0, const Q& c,
                                const Q& rho, int steps) {
  const Mat<Q> A = with_spectrum<Q>(Qm, lambda);
  const Quadratic<Q> f(A, Vec<Q>::Zero(A.rows()), Q(0));
  Backtracking<Q> bt(t0, c, rho);
  Vec<Q> x = x0;
  Q smallest = t0;
  int taken = 0;
  for (int k = 0; k < steps; ++k) {
    const Vec<Q> g = f.gradient(x);
    if (g.isZero(0)) break;
    x = bt.step(f, x, g);
    smallest = std::min(smallest, bt.last_step());
    ++taken;
  }
  const Q floor = std::min(t0, rho * 2 * (1 - c) / qmax(lambda));
  return compare<Q>("armijo_backtracking", "smallest step accepted by backtracking >= min(t_0, rho 2(1 - c)/L)",
                    Kind::holds, smallest, Relation::ge, floor, Q(0),
                    "A = " + matrix_text(Qm, lambda) + ", t_0 = " + shown<Q>(t0) + ", c = " + shown<Q>(c) +
                        ", rho = " + shown<Q>(rho) + ", " + std::to_string(taken) + " steps from " + vec_text(x0));
}

Verdict backtracking_floor_attained(const Q& L, const Q& c, const Q& rho, const Q& delta) {
  const Quadratic<Q> f = quadratic_1d<Q>(L, Q(0), Q(0));
  const Vec<Q> x = (Vec<Q>(1) << 1).finished();
  const Q boundary = 2 * (1 - c) / L, t0 = (1 + delta) * boundary / rho;
  Backtracking<Q> bt(t0, c, rho);
  bt.step(f, x, f.gradient(x));
  const Q floor = std::min(t0, rho * boundary);
  Verdict v = approaches<Q>("armijo_backtracking",
                       "the floor is attained as the first trial nears 2(1 - c)/(L rho) from above: min(t_0, rho 2(1 - c)/L) "
                       "/ accepted step",
                       Q(floor / bt.last_step()), Q(1, 1000),
                       "1/2 L x^2 with L = " + shown<Q>(L) + ", c = " + shown<Q>(c) + ", rho = " + shown<Q>(rho) +
                           ", t_0 = (1 + " + shown<Q>(delta) + ") 2(1 - c)/(L rho): accepted t = " + shown<Q>(bt.last_step()));
  return rule_out<Q>(v, "floor_doubled", bt.last_step(), Relation::ge, Q(std::min(t0, 2 * rho * boundary)), Q(0));
}

Verdict armijo_ascent_direction(const Mat<Q>& A, const Vec<Q>& x0, const Q& c, const Q& rho) {
  const Quadratic<Q> f(A, Vec<Q>::Zero(A.rows()), Q(0));
  const Vec<Q> g = f.gradient(x0), d = g;  // uphill
  Q t = 1, best_gap = 0, lhs = 0, rhs = 0;
  for (int j = 0; j <= 60; ++j, t *= rho) {
    const Q l = f.value(Vec<Q>(x0 + t * d)), r = f.value(x0) + c * t * g.dot(d);
    if (j == 0 || r - l > best_gap) best_gap = r - l, lhs = l, rhs = r;
  }
  return compare<Q>("armijo_backtracking",
                    "d = +grad f (uphill, not a descent direction): some t = rho^j, j <= 60, with f(x + t d) <= f(x) + c t g^T d ?",
                    Expect::counterexample("descent_direction"), lhs, Relation::le, rhs, Q(0),
                    "the trial closest to passing is reported (the smallest t; the two sides differ in the 16th digit); c = " + shown<Q>(c) + ", rho = " + shown<Q>(rho) + ", x = " +
                        vec_text(x0));
}

namespace {
// Exact cyclic coordinate descent: f after each update.
std::vector<Q> coordinate_values(const Mat<Q>& A, const Vec<Q>& b, const Vec<Q>& x0, int sweeps) {
  const Quadratic<Q> f(A, b, Q(0));
  CoordinateDescent<Q> cd{Q(0)};
  StopRule<Q> stop;
  stop.max_steps = sweeps * static_cast<int>(x0.size());
  stop.divergence_bound = Q(boost::multiprecision::pow(boost::multiprecision::mpz_int(10), 300));
  return run<Q>(f, cd, x0, stop).f;
}
}  // namespace

Verdict coordinate_monotone(const Mat<Q>& A, const Vec<Q>& b, const Vec<Q>& x0, int sweeps) {
  const auto fs = coordinate_values(A, b, x0, sweeps);
  Q worst = fs[1] - fs[0];
  for (std::size_t k = 1; k + 1 < fs.size(); ++k) worst = std::max(worst, Q(fs[k + 1] - fs[k]));
  return compare<Q>("coordinate_descent", "no coordinate update raises f: max_k f(x_{k+1}) - f(x_k) <= 0", Kind::holds, worst,
                    Relation::le, Q(0), Q(0),
                    std::to_string(A.rows()) + "-D SPD quadratic, " + std::to_string(fs.size() - 1) + " updates from " +
                        vec_text(x0));
}

Verdict coordinate_converges(const Mat<Q>& A, const Vec<Q>& b, const Vec<Q>& x0, int sweeps, const Expect& kind) {
  const auto fs = coordinate_values(A, b, x0, sweeps);
  const Quadratic<Q> f(A, b, Q(0));
  const Q fstar = f.value(solve<Q>(A, b));  // the stationary value
  const std::string inst = "A = [[" + shown<Q>(A(0, 0)) + ", " + shown<Q>(A(0, 1)) + "], ...], " + std::to_string(sweeps) +
                           " sweeps (" + std::to_string(fs.size() - 1) + " updates) from " + vec_text(x0);
  if (kind.kind == Kind::tight)
    throw ContractError("coordinate_converges: one sweep on a diagonal A is an identity (holds), not a bound attained");
  if (A.isDiagonal(0) && kind.kind == Kind::holds)
    return compare<Q>("coordinate_descent", "A diagonal: one sweep reaches f*", kind, fs.back(), Relation::eq, fstar, Q(0), inst);
  if (kind.kind == Kind::counterexample)
    return compare<Q>("coordinate_descent", "A indefinite (a_ii > 0): f(x_K) stays above the stationary value f(A^{-1} b) ?",
                      kind, fs.back(), Relation::ge, fstar, Q(0), inst);
  return compare<Q>("coordinate_descent", "f(x_K) - f* <= 10^-6 (f(x_0) - f*) after the sweeps", kind, Q(fs.back() - fstar),
                    Relation::le, Q(fs.front() - fstar) / 1000000, Q(0), inst);
}

Verdict coordinate_rate(const Mat<Q>& A, const Vec<Q>& b, const Vec<Q>& x0, int sweeps) {
  // n = 2: after the first update e_1 = −(a12/a11) e_2, and each later pair of updates
  // multiplies e by rho = a12²/(a11 a22), so f − f* (quadratic in e) falls by rho² per
  // sweep: gap after update 2K − 1 = rho^(2(K−1)) · gap after update 1.
  if (A.rows() != 2 || sweeps < 2) throw std::invalid_argument("coordinate_rate: n = 2, sweeps >= 2");
  const auto fs = coordinate_values(A, b, x0, sweeps);
  const Quadratic<Q> f(A, b, Q(0));
  const Q fstar = f.value(solve<Q>(A, b));
  const Q rho = A(0, 1) * A(0, 1) / (A(0, 0) * A(1, 1));
  const std::size_t last = static_cast<std::size_t>(2 * sweeps - 1);
  Q rK = 1, rK_half = 1;
  for (int k = 1; k < sweeps; ++k) rK *= rho * rho, rK_half *= rho;
  Verdict v = compare<Q>("coordinate_descent",
                         "n = 2: f - f* falls by rho^2 per sweep, rho = a12^2/(a11 a22): gap after update 2K - 1 = "
                         "rho^(2(K - 1)) gap after update 1",
                         Kind::tight, Q(fs[last] - fstar), Relation::eq, Q(rK * (fs[1] - fstar)), Q(0),
                         "A = [[" + shown<Q>(A(0, 0)) + ", " + shown<Q>(A(0, 1)) + "], [" + shown<Q>(A(1, 0)) + ", " +
                             shown<Q>(A(1, 1)) + "]], rho = " + shown<Q>(rho) + ", K = " + std::to_string(sweeps) +
                             " sweeps from " + vec_text(x0));
  return rule_out<Q>(v, "rho_unsquared", Q(fs[last] - fstar), Relation::eq, Q(rK_half * (fs[1] - fstar)), Q(0));
}



std::vector<audit::Misfit> audit_rows() {
  std::vector<audit::Misfit> rows;
  for (const auto& [x, y] : std::vector<std::pair<const char*, const char*>>{{"0.3", "-1.1"}, {"-1.4", "0.6"}}) {
    Vec<Mpfr> p(2);
    p << Mpfr(x), Mpfr(y);
    rows.push_back({std::string("(x^2 - 1)^2 + x/4 + y^2/2 at (") + x + ", " + y + ")", false,
                    audit::derivative_misfit<Mpfr>(DoubleWell(), p, audit::difference_step())});
  }
  return rows;
}

}  // namespace descent::claims::line_search_checks

namespace descent::claims::audit {
std::vector<Misfit> line_search_problems() { return line_search_checks::audit_rows(); }
}  // namespace descent::claims::audit

// ---- the claims of lesson 05_line_search_coordinate that this file checks: their entries in the claim index
// (claim.hpp), registered here beside their checks (registry.cpp collects every file's)
namespace descent::claims {
std::vector<ClaimInfo> claims_of_line_search_checks() {
  return {
      {"steepest_descent_kantorovich", "05_line_search_coordinate",
       R"(f(x_{k+1})-f^*\le\left(\frac{\kappa-1}{\kappa+1}\right)^2(f(x_k)-f^*) \text{ for exact line search on } \tfrac12x^\top Ax-b^\top x)",
       {{"exact_step", R"(t_k=\arg\min_t f(x_k-t\nabla f(x_k)))"}},
       "seed 004 (steepest descent); Kantorovich inequality (Luenberger & Ye 2008, sec. 8.2, Thm. 2)",
       {{"sqrt_kappa_rate", R"(f(x_{k+1})-f^*\le\left(\frac{\sqrt\kappa-1}{\sqrt\kappa+1}\right)^2(f(x_k)-f^*))"},
        {"kantorovich_constant_doubled", R"(\frac{(g^\top g)^2}{(g^\top Ag)(g^\top A^{-1}g)}\ge\frac{8\mu L}{(\mu+L)^2})"}}},
      {"exact_line_search", "05_line_search_coordinate",
       R"(t^*=\frac{g^\top g}{g^\top Ag} \text{ on a quadratic};\ \nabla f(x_{k+1})^\top\nabla f(x_k)=0;\ \text{golden section finds } t^* \text{ to } 2\sqrt{\varepsilon}(1+t^*)+4\sqrt{\varepsilon|\varphi(t^*)|/\varphi''(t^*)})",
       {{"unimodal", R"(t\mapsto f(x-tg) \text{ unimodal on } t\ge0 \text{ (so the bracket found from } t_0 \text{ holds the minimizer } t^*\text{)})"},
        {"well_scaled", R"(|\varphi(t^*)|\le\varphi''(t^*)(1+t^*)^2 \text{ (for the accuracy } 2\sqrt\varepsilon(1+t^*) \text{ alone)})"}},
       "seed 004 (line search: alpha* = argmin L(theta + alpha d)); Brent 1973, ch. 5 (the rounding limit)",
       {{"critical_step_for_minimizer", R"(t^*=2g^\top g/g^\top Ag \text{ (the step that returns to the same level))"}},
       "the golden-section accuracy is a worst case over where t* falls in the last bracket, and the bracket "
       "shrinks by 0.618 per step, so the width term is loose by design (a final t is at most 0.62 of the last "
       "width from t*); the rounding term's constant 4 is an upper estimate. Best measured error/bound 0.32 "
       "(offsets 1 to 1e30, curvatures 1e-40 to 1, 50 digits); the closed-form parts (t* = g^T g/g^T A g, "
       "orthogonal gradients) are exact identities"},
      {"armijo_backtracking", "05_line_search_coordinate",
       R"(f(x-tg)\le f(x)-c\,t\,\|g\|^2 \text{ for every } t\le\frac{2(1-c)}{L};\ \text{backtracking stops with } t\ge\min(t_0,\rho\,\tfrac{2(1-c)}{L}) \text{ (attained in the limit)})",
       {{"descent_direction", R"(\nabla f(x)^\top d<0 \text{ (} d \text{ a descent direction; backtracking uses } d=-\nabla f(x)\ne0\text{)})"},
        {"smooth", R"(\|\nabla^2 f\|\le L)"}},
       "Armijo 1966; Nocedal & Wright 2006, Alg. 3.1 and Lemma 3.1",
       {{"range_doubled", R"(f(x-tg)\le f(x)-c\,t\,\|g\|^2 \text{ for every } t\le\frac{4(1-c)}{L})"},
        {"floor_doubled", R"(\text{backtracking stops with } t\ge\min(t_0,\rho\,\tfrac{4(1-c)}{L}))"}}},
      {"coordinate_descent", "05_line_search_coordinate",
       R"(x_i\leftarrow x_i-g_i/a_{ii}:\ f \text{ never increases and converges to } f^*;\ n=2:\ f-f^* \text{ falls by } \rho^2,\ \rho=\frac{a_{12}^2}{a_{11}a_{22}},\ \text{per sweep};\ \text{one sweep when } A \text{ is diagonal})",
       {{"spd", R"(A \text{ symmetric positive definite})"}},
       "seed 004 (coordinate descent: update one parameter at a time); Gauss-Seidel (Golub & Van Loan, sec. 11.2)",
       {{"rho_unsquared", R"(n=2:\ f-f^* \text{ falls by } \rho=\frac{a_{12}^2}{a_{11}a_{22}} \text{ per sweep})"}}},
  };
}
}  // namespace descent::claims
