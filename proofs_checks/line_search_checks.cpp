// Claims of lesson 05: exact line search (Kantorovich's rate), golden section, Armijo
// backtracking, cyclic coordinate descent.
#include "line_search_checks.hpp"

#include "instance_text.hpp"

#include <cmath>

namespace descent::claims::line_search_checks {

namespace {
using Q = Rational;
using detail::abs_of;
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
    const bool better = kind.kind == Kind::tight ? (pick < 0 || abs_of(Q(ratio - bound)) >= abs_of(Q(pick - bound)))
                                                 : (pick < 0 || ratio > pick);
    if (better) pick = ratio, at = static_cast<int>(k);
  }
  if (pick < 0) throw std::invalid_argument("kantorovich: the start is the minimizer");
  return compare<Q>("steepest_descent_kantorovich",
                    std::string(doubled ? "the step doubled (t = 2 t*): " : "steepest descent with exact line search: ") +
                        "(f(x_{k+1}) - f*)/(f(x_k) - f*) vs ((kappa - 1)/(kappa + 1))^2, " +
                        (kind.kind == Kind::tight ? "the step k farthest from equality (the last on ties): k = "
                                                  : "the largest ratio over the steps, at k = ") +
                        std::to_string(at),
                    kind, pick, kind.kind == Kind::tight ? Relation::eq : Relation::le, bound, Q(0),
                    "A = " + matrix_text(Qm, lambda) + ", kappa = " + shown<Q>(kappa) + ", x_0 - x* = " +
                        vec_text(e0) + ", " + std::to_string(steps) + " steps");
}

std::vector<double> steepest_gaps(const Mat<Q>& Qm, const std::vector<Q>& lambda, const Vec<Q>& e0, int steps) {
  std::vector<double> out;
  for (const auto& g : steepest_gap_values(with_spectrum<Q>(Qm, lambda), e0, steps, false)) out.push_back(to_double<Q>(g));
  return out;
}

Verdict successive_gradients_orthogonal(const Quadratic<Q>& f, const Vec<Q>& x0, int steps) {
  SteepestDescent<Q> sd;
  StopRule<Q> stop;
  stop.max_steps = steps;
  const Trace<Q> tr = run<Q>(f, sd, x0, stop);
  Q worst = 0;
  for (std::size_t k = 0; k + 1 < tr.x.size(); ++k)
    worst = std::max(worst, abs_of(Q(f.gradient(tr.x[k + 1]).dot(f.gradient(tr.x[k])))));
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
  return compare<Mpfr>("exact_line_search",
                       "seed 004's alpha* = argmin L(theta + alpha d) on L = theta^T B theta: |golden section - "
                       "||d||^2/(2 d^T B d)| <= 2 sqrt(eps)(1 + alpha*)",
                       Kind::holds, abs_of<Mpfr>(Mpfr(p.t - closed)), Relation::le, tol, Mpfr(0),
                       "alpha* = " + shown<Mpfr>(closed) + ", golden section " + shown<Mpfr>(p.t) + " after " +
                           std::to_string(p.evaluations) + " evaluations");
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
  return compare<Q>("armijo_backtracking", "at t = 2(1 - c)/L on 1/2 L x^2: f(x - t g) = f(x) - c t ||g||^2",
                    Kind::tight, f.value(Vec<Q>(x - t * g)), Relation::eq, f.value(x) - c * t * g.squaredNorm(), Q(0),
                    "L = " + shown<Q>(L) + ", c = " + shown<Q>(c) + ", x = " + shown<Q>(x0) + ", t = " + shown<Q>(t));
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
  return approaches<Q>("armijo_backtracking",
                       "the floor is attained as the first trial nears 2(1 - c)/(L rho) from above: min(t_0, rho 2(1 - c)/L) "
                       "/ accepted step",
                       Q(floor / bt.last_step()), Q(1, 1000),
                       "1/2 L x^2 with L = " + shown<Q>(L) + ", c = " + shown<Q>(c) + ", rho = " + shown<Q>(rho) +
                           ", t_0 = (1 + " + shown<Q>(delta) + ") 2(1 - c)/(L rho): accepted t = " + shown<Q>(bt.last_step()));
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
    return compare<Q>("coordinate_descent", "A diagonal: one sweep reaches f*", kind, fs.back(), Relation::eq, fstar, Q(0), inst);
  if (kind.kind == Kind::counterexample)
    return compare<Q>("coordinate_descent", "A indefinite (a_ii > 0): f(x_K) stays above the stationary value f(A^{-1} b) ?",
                      kind, fs.back(), Relation::ge, fstar, Q(0), inst);
  return compare<Q>("coordinate_descent", "f(x_K) - f* <= 10^-6 (f(x_0) - f*) after the sweeps", kind, Q(fs.back() - fstar),
                    Relation::le, Q(fs.front() - fstar) / 1000000, Q(0), inst);
}

}  // namespace descent::claims::line_search_checks
