// Claims of lesson 09: smoothness and strong convexity as bowls, GD's O(1/k) rate and its
// exact worst case for every constant step, the PL inequality, overparameterized least
// squares.
#include "problem_audit.hpp"
#include "convex_rates.hpp"

#include <cmath>
#include <functional>
#include <stdexcept>

#include "descent/problems/test_functions.hpp"
#include "instance_text.hpp"

namespace descent::claims::rates {

namespace {
using Q = Rational;
using descent::abs_value;
using detail::pow10;
using descent::power;
using detail::scalar_vec;
using detail::seed002;
using detail::seed003;
using detail::stop_after;
using detail::vec_text;
const Erratum seed003_strong{seed003, 81, "$\\forall x, x^T \\nabla^2 f(x) x \\geq M \\cdot \\|x\\|_2^2$",
                             "strong convexity with parameter M: v^T grad^2 f(x) v >= M ||v||^2 for every point x and "
                             "every direction v (the notes use the point as the direction, which only quadratics and "
                             "1-D functions cannot tell apart)"};
const Erratum seed002_enclosing{
    seed002, 770, "- Convergence of gradient descent algorithms at least as good as that of the enclosing quadratic",
    "only with an upper bound too: for an L-smooth, mu-strongly convex f and 0 < eta <= 2/(L + mu), ||x_{k+1} - x*|| "
    "<= (1 - eta mu) ||x_k - x*||, the contraction of the bowl of curvature mu; strong convexity alone allows "
    "divergence"};
const Erratum seed002_relative{
    seed002, 855, "$$|f(w^{(k)}) - f(w^*)| \\propto \\frac{1}{k} |f(w^{(0)}) - f(w^*)|$$",
    "the constant is the starting distance, not the starting gap: f(w_k) - f* <= ||w_0 - w*||^2/(2 eta k) for 0 < "
    "eta <= 1/L (L ||w_0 - w*||^2/(4k + 2) at eta = 1/L, tight); no constant c gives c (f(w_0) - f*)/k"};

template <class S>
std::vector<Vec<S>> gd_path(const Problem<S>& f, const S& eta, const Vec<S>& x0, int steps) {
  GradientDescent<S> gd(eta);
  return run<S>(f, gd, x0, stop_after<S>(steps)).x;
}

// f(x, y) = ½(x² + y²) + x²y².
class SeedThreeExample final : public Problem<Q> {
 public:
  int dimension() const override { return 2; }
  Q value(const Vec<Q>& p) const override { return (p(0) * p(0) + p(1) * p(1)) / 2 + p(0) * p(0) * p(1) * p(1); }
  Vec<Q> gradient(const Vec<Q>& p) const override {
    return (Vec<Q>(2) << p(0) + 2 * p(0) * p(1) * p(1), p(1) + 2 * p(0) * p(0) * p(1)).finished();
  }
  Mat<Q> hessian(const Vec<Q>& p) const override {
    return (Mat<Q>(2, 2) << 1 + 2 * p(1) * p(1), 4 * p(0) * p(1), 4 * p(0) * p(1), 1 + 2 * p(0) * p(0)).finished();
  }
  std::string name() const override { return "(x^2 + y^2)/2 + x^2 y^2"; }
};
// f(x) = x²/2 + x⁴/4.
class QuarticBowl final : public Problem<Q> {
 public:
  int dimension() const override { return 1; }
  Q value(const Vec<Q>& v) const override { return v(0) * v(0) / 2 + v(0) * v(0) * v(0) * v(0) / 4; }
  Vec<Q> gradient(const Vec<Q>& v) const override { return scalar_vec(Q(v(0) + v(0) * v(0) * v(0))); }
  Mat<Q> hessian(const Vec<Q>& v) const override { return Mat<Q>::Constant(1, 1, Q(1 + 3 * v(0) * v(0))); }
  std::string name() const override { return "x^2/2 + x^4/4"; }
};
// f(x) = x² + 3 sin²x (Karimi, Nutini & Schmidt 2016): PL with μ = 1/32, 8-smooth, not convex.
class SinSquare final : public Problem<Mpfr> {
 public:
  int dimension() const override { return 1; }
  Mpfr value(const Vec<Mpfr>& v) const override {
    const Mpfr s = sin(v(0));
    return v(0) * v(0) + 3 * s * s;
  }
  Vec<Mpfr> gradient(const Vec<Mpfr>& v) const override { return scalar_vec(Mpfr(2 * v(0) + 3 * sin(Mpfr(2 * v(0))))); }
  Mat<Mpfr> hessian(const Vec<Mpfr>& v) const override {
    return Mat<Mpfr>::Constant(1, 1, Mpfr(2 + 6 * cos(Mpfr(2 * v(0)))));
  }
  std::string name() const override { return "x^2 + 3 sin^2 x"; }
};

Mpfr bisect(const std::function<Mpfr(const Mpfr&)>& g, Mpfr lo, Mpfr hi) {
  const bool rising = g(lo) < 0;
  for (int i = 0; i < 4 * descent::digits() + 20; ++i) {
    const Mpfr mid = (lo + hi) / 2;
    if ((g(mid) < 0) == rising) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

// The overparameterized least-squares instance: Φ with orthogonal columns (1, 2, 2) and
// (2, −1, 0), ΦᵀΦ = diag(9, 5); y = (1, 2); null(Φᵀ) spanned by n = (2, 4, −5).
struct Overparameterized {
  Mat<Q> Phi = (Mat<Q>(3, 2) << 1, 2, 2, -1, 2, 0).finished();
  Vec<Q> y = (Vec<Q>(2) << 1, 2).finished();
  Vec<Q> n = (Vec<Q>(3) << 2, 4, -5).finished();
  Vec<Q> w_star() const {  // Φ(ΦᵀΦ)⁻¹y with ΦᵀΦ = diag(9, 5)
    return Vec<Q>(Phi.col(0) * (y(0) / 9) + Phi.col(1) * (y(1) / 5));
  }
};
}  // namespace

// ---- RotatedHuber ----

template <class S>
RotatedHuber<S>::RotatedHuber(Mat<S> Q, std::vector<S> delta, std::vector<S> L)
    : Q_(std::move(Q)), delta_(std::move(delta)), L_(std::move(L)) {
  const auto n = static_cast<std::size_t>(Q_.rows());
  if (Q_.rows() != Q_.cols() || delta_.size() != n || L_.size() != n)
    throw std::invalid_argument("RotatedHuber: Q n x n with n deltas and n Ls");
  for (std::size_t i = 0; i < n; ++i)
    if (!(delta_[i] > 0 && L_[i] > 0)) throw std::invalid_argument("RotatedHuber: delta_i, L_i > 0");
}
template <class S>
S RotatedHuber<S>::value(const Vec<S>& x) const {
  S f = 0;
  for (int i = 0; i < Q_.cols(); ++i) {
    const S t = abs_value<S>(S(Q_.col(i).dot(x)));
    const S& d = delta_[static_cast<std::size_t>(i)];
    f += L_[static_cast<std::size_t>(i)] * (t <= d ? S(t * t / 2) : S(d * t - d * d / 2));
  }
  return f;
}
template <class S>
Vec<S> RotatedHuber<S>::gradient(const Vec<S>& x) const {
  Vec<S> g = Vec<S>::Zero(Q_.rows());
  for (int i = 0; i < Q_.cols(); ++i) {
    const S t = Q_.col(i).dot(x);
    const S& d = delta_[static_cast<std::size_t>(i)];
    const S slope = t > d ? d : (t < -d ? S(-d) : t);
    g += (L_[static_cast<std::size_t>(i)] * slope) * Q_.col(i);
  }
  return g;
}
template <class S>
Mat<S> RotatedHuber<S>::hessian(const Vec<S>& x) const {
  Mat<S> H = Mat<S>::Zero(Q_.rows(), Q_.rows());
  for (int i = 0; i < Q_.cols(); ++i) {
    const S t = abs_value<S>(S(Q_.col(i).dot(x)));
    if (t <= delta_[static_cast<std::size_t>(i)]) H += L_[static_cast<std::size_t>(i)] * Q_.col(i) * Q_.col(i).transpose();
  }
  return H;
}
template <class S>
S RotatedHuber<S>::smoothness() const {
  S m = 0;
  for (const auto& l : L_) m = std::max(m, l);
  return m;
}
template class RotatedHuber<Rational>;
template class RotatedHuber<Mpfr>;

PoorMinima poor_minima() {
  const PoorLocalMinimum<Mpfr> f;
  auto slope = [&](const Mpfr& x) { return Mpfr(f.gradient(scalar_vec(x))(0)); };
  PoorMinima m;
  m.x_global = bisect(slope, Mpfr(-0.5), Mpfr(0.5));
  m.x_local = bisect(slope, Mpfr(1.8), Mpfr(2));
  m.f_global = f.value(scalar_vec(m.x_global));
  m.f_local = f.value(scalar_vec(m.x_local));
  m.curvature_local = f.hessian(scalar_vec(m.x_local))(0, 0);
  m.curvature_global = f.hessian(scalar_vec(m.x_global))(0, 0);
  return m;
}

// ---- smoothness_definitions ----

namespace {
// The largest gap f(y) − [f(x) + f'(x)(y − x) + c/2 (y − x)²] of the 1-D Huber function (δ = 1,
// L = 1) over the pairs x ≠ y of a grid, and where.
std::pair<Q, std::string> huber_bowl_gap(const Q& c) {
  const Huber<Q> f(1, Q(1), Q(1));
  const std::vector<Q> grid = {Q(-3), Q(-2), Q(-1), Q(-1, 2), Q(-1, 5), Q(0), Q(1, 3), Q(3, 4), Q(1), Q(3, 2), Q(5, 2)};
  Q worst = -1000;
  std::string where;
  for (const auto& x : grid)
    for (const auto& y : grid) {
      if (x == y) continue;  // the gap is 0 there for every c
      const Q gap = f.value(scalar_vec(y)) -
                    (f.value(scalar_vec(x)) + f.gradient(scalar_vec(x))(0) * (y - x) + c / 2 * (y - x) * (y - x));
      if (gap > worst) {
        worst = gap;
        where = "x = " + x.str() + ", y = " + y.str();
      }
    }
  return {worst, where};
}
}  // namespace

Verdict huber_upper_bowl(const Q& c, const Expect& kind) {
  const auto [worst, where] = huber_bowl_gap(c);
  const std::size_t grid_size = 11;
  Verdict v = compare<Q>("smoothness_definitions",
                    "the Huber function (delta = 1, f' 1-Lipschitz) lies below the bowl of curvature c = " + c.str() +
                        " at every point: the largest gap f(y) - [f(x) + f'(x)(y - x) + c/2 (y - x)^2] is 0",
                    kind, worst, Relation::eq, Q(0), Q(0),
                    std::to_string(grid_size) + " points, every pair x != y; the largest gap at " + where +
                        (kind.kind == Kind::tight ? " (0 for both points in |x| <= 1: the curvature L = 1 cannot be "
                                                    "lowered)"
                                                  : ""));
  // the bowl of half the curvature, L/4 in place of L/2: the Huber function pokes out of it
  if (kind.kind == Kind::tight) rule_out<Q>(v, "bowl_half_curvature", huber_bowl_gap(c / 2).first, Relation::eq, Q(0), Q(0));
  return v;
}

Verdict lessard_lower_bowl() {
  const Lessard<Q> f(Q(1), Q(25));
  const std::vector<Q> grid = {Q(-2), Q(-1, 2), Q(0), Q(1, 2), Q(1), Q(3, 2), Q(2), Q(5, 2), Q(4)};
  Q worst = -1000000, worst_doubled = -1000000;
  for (const auto& x : grid)
    for (const auto& y : grid) {
      if (x == y) continue;  // both sides are f(x) there, for any curvature
      const Q lower = f.value(scalar_vec(x)) + f.gradient(scalar_vec(x))(0) * (y - x);
      worst = std::max(worst, Q(lower + (y - x) * (y - x) / 2 - f.value(scalar_vec(y))));
      worst_doubled = std::max(worst_doubled, Q(lower + (y - x) * (y - x) - f.value(scalar_vec(y))));
    }
  Verdict v = compare<Q>("smoothness_definitions",
                         "the Lessard function (f'' >= 1) lies above the bowl of curvature mu = 1 at every point: the "
                         "largest violation f(x) + f'(x)(y - x) + (y - x)^2/2 - f(y) <= 0 over the pairs x != y",
                         Kind::holds, worst, Relation::le, Q(0), Q(0),
                         std::to_string(grid.size()) + " points straddling the breakpoints 1 and 2, every pair x != y; "
                         "the largest violation " + worst.str() + " (0 only where f is exactly the bowl: within [1, 2])");
  // a bowl of curvature 2 mu (mu ||y - x||^2) rises above f on the piece of slope 1
  return rule_out<Q>(v, "lower_bowl_doubled", worst_doubled, Relation::le, Q(0), Q(0));
}

Verdict square_not_lipschitz(const Q& M) {
  const Q x = M + 1;
  return compare<Q>("smoothness_definitions",
                    "x^2 (2-smooth) is M-Lipschitz continuous: |f(x) - f(0)| <= M |x| at x = M + 1",
                    Expect::counterexample("bounded_slope"), Q(x * x), Relation::le, Q(M * x), Q(0),
                    "M = " + M.str() + ": smoothness bounds f'' (a bowl above f), Lipschitz continuity bounds f' (a cone "
                    "around f); x^2 has the first, |x| the second, neither implies the other");
}

Verdict seed_strong_convexity_definition() {
  const SeedThreeExample f;
  Q least = 1000;
  for (int i = -4; i <= 4; ++i)
    for (int j = -4; j <= 4; ++j) {
      const Vec<Q> p = (Vec<Q>(2) << Q(i, 2), Q(j, 3)).finished();
      least = std::min(least, Q(p.dot(f.hessian(p) * p) - p.squaredNorm()));
    }
  const Vec<Q> a = (Vec<Q>(2) << Q(3, 2), Q(1, 2)).finished(), b = (Vec<Q>(2) << Q(1, 2), Q(3, 2)).finished();
  const Vec<Q> mid = (a + b) / 2;
  return compare<Q>("smoothness_definitions",
                    "seed 003: f with x^T grad^2 f(x) x >= M ||x||^2 for all x (here M = 1) is strongly convex, so "
                    "convex: f((a + b)/2) <= (f(a) + f(b))/2",
                    Expect::refutes(seed003_strong), f.value(mid), Relation::le, Q((f.value(a) + f.value(b)) / 2), Q(0),
                    "f = " + f.name() + ", x^T H(x) x - ||x||^2 = 12 x^2 y^2 >= 0 (smallest on a 9x9 grid: " + least.str() +
                        "), a = (3/2, 1/2), b = (1/2, 3/2); H(1, 1) = [[3, 4], [4, 3]] has the eigenvalue -1 along (1, -1)");
}

Verdict seed_enclosing_quadratic(int steps) {
  const QuarticBowl f;
  const Q eta(1, 2);
  const auto x = gd_path<Q>(f, eta, scalar_vec(Q(2)), steps);
  const Quadratic<Q> bowl(Mat<Q>::Constant(1, 1, Q(1)), Vec<Q>::Zero(1), Q(0));
  const auto y = gd_path<Q>(bowl, eta, scalar_vec(Q(2)), steps);
  std::string xs;
  for (std::size_t k = 0; k < x.size() && k < 4; ++k) xs += (k ? ", " : "") + x[k](0).str();
  return compare<Q>("smoothness_definitions",
                    "seed 002: on a strongly convex f, gradient descent converges at least as well as on its enclosing "
                    "quadratic: |x_K - x*| on f <= |x_K - x*| on the bowl",
                    Expect::refutes(seed002_enclosing), abs_value<Q>(x.back()(0)), Relation::le, abs_value<Q>(y.back()(0)), Q(0),
                    "f = x^2/2 + x^4/4 (1-strongly convex, not smooth), its bowl x^2/2, eta = 1/2, x_0 = 2, K = " +
                        std::to_string(steps) + ": on the bowl x_k = 2^(1-k) (contraction 1 - eta mu = 1/2); on f x_k = " +
                        xs + ", ...");
}

// ---- gd_smooth_convex_rate ----

namespace {
// The rate of GD with η = 1/L on L-smooth convex f after k steps: L R²/(4k + 2) (tight), or
// the textbook L R²/(2k). One formula for the holds checks and the Huber witness.
Q gd_rate_bound(const Q& L, const Q& R2, int k, bool tight) { return tight ? Q(L * R2 / (4 * k + 2)) : Q(L * R2 / (2 * k)); }
}  // namespace

Verdict gd_rate(const Problem<Q>& f, const std::string& what, const Q& L, const Vec<Q>& x_star, const Vec<Q>& x0,
                int steps, bool tight) {
  const auto x = gd_path<Q>(f, Q(1 / L), x0, steps);
  const Q f_star = f.value(x_star), R2 = (x0 - x_star).squaredNorm();
  Q worst = 0;
  int worst_k = 1;
  for (int k = 1; k <= steps; ++k) {
    const Q gap = f.value(x[static_cast<std::size_t>(k)]) - f_star;
    const Q r = gap / gd_rate_bound(L, R2, k, tight);
    if (r > worst) {
      worst = r;
      worst_k = k;
    }
  }
  return compare<Q>("gd_smooth_convex_rate",
                    tight ? "eta = 1/L: f(x_k) - f* <= L ||x_0 - x*||^2/(4k + 2) for every k (largest ratio <= 1)"
                          : "eta = 1/L: f(x_k) - f* <= L ||x_0 - x*||^2/(2k) for every k (largest ratio <= 1)",
                    Kind::holds, worst, Relation::le, Q(1), Q(0),
                    what + ", L = " + L.str() + ", x_0 = " + vec_text<Q>(x0) + ", x* = " + vec_text<Q>(x_star) + ", " +
                        std::to_string(steps) + " steps; largest ratio at k = " + std::to_string(worst_k));
}

Verdict huber_witness_rate(int k, const Q& R) {
  const Q delta = R / (2 * k + 1);
  const Huber<Q> f(1, delta, Q(1));
  const auto x = gd_path<Q>(f, Q(1), scalar_vec(R), k);
  Verdict v = compare<Q>("gd_smooth_convex_rate",
                         "the Huber witness attains the tight bound: f(x_k) - f* = L ||x_0 - x*||^2/(4k + 2) after k = " +
                             std::to_string(k) + " steps",
                         Kind::tight, f.value(x.back()), Relation::eq, gd_rate_bound(Q(1), Q(R * R), k, true), Q(0),
                         "L = 1, delta = R/(2k + 1) = " + delta.str() + ", x_0 = R = " + R.str() + ", eta = 1: every step "
                         "moves by delta on the linear part, x_k = R (k + 1)/(2k + 1) = " + x.back()(0).str() +
                             "; the weaker bound L R^2/(2k) = " + gd_rate_bound(Q(1), Q(R * R), k, false).str());
  // the accelerated O(1/k^2) for plain GD is far exceeded
  return rule_out<Q>(v, "gd_accelerated_rate", f.value(x.back()), Relation::le, Q(R * R / (2 * k * k)), Q(0));
}

Verdict gd_rate_key_step(const Problem<Q>& f, const std::string& what, const Q& L, const Vec<Q>& x_star, const Vec<Q>& x0,
                         int steps) {
  // The step of the proof: for convex, L-smooth f and eta = 1/L,
  //   f(x_{k+1}) - f* <= (L/2)(||x_k - x*||^2 - ||x_{k+1} - x*||^2)
  // (the descent lemma and convexity); summing over k and using that f(x_k) decreases gives L R^2/(2k).
  const auto x = gd_path<Q>(f, Q(1 / L), x0, steps);
  const Q f_star = f.value(x_star);
  Q worst = 0;
  int worst_k = 0;
  for (int k = 0; k < steps; ++k) {
    const auto i = static_cast<std::size_t>(k);
    const Q lhs = f.value(x[i + 1]) - f_star;
    const Q rhs = L / 2 * ((x[i] - x_star).squaredNorm() - (x[i + 1] - x_star).squaredNorm());
    const Q r = rhs == 0 ? Q(lhs == 0 ? 0 : 2) : Q(lhs / rhs);
    if (r > worst) worst = r, worst_k = k;
  }
  return compare<Q>("gd_smooth_convex_rate",
                    "the proof's step, at every k: f(x_{k+1}) - f* <= (L/2)(||x_k - x*||^2 - ||x_{k+1} - x*||^2) "
                    "(largest ratio <= 1)",
                    Kind::holds, worst, Relation::le, Q(1), Q(0),
                    what + ", L = " + L.str() + ", " + std::to_string(steps) + " steps; largest ratio at k = " +
                        std::to_string(worst_k) + "; summed over k it telescopes to k (f(x_k) - f*) <= L R^2/2");
}

Verdict seed_relative_rate(int k, const Q& c) {
  // The notes' sentence read with one constant c for every L-smooth convex f (otherwise the
  // factor f(w_0) - f* says nothing): the family of Huber witnesses, one for each k, gives
  // k (f(w_k) - f*)/(f(w_0) - f*) of about k/2, which exceeds any fixed c.
  auto ratio_at = [](int kk) {
    const Huber<Q> f(1, Q(1) / (2 * kk + 1), Q(1));
    const auto x = gd_path<Q>(f, Q(1), scalar_vec(Q(1)), kk);
    return Q(Q(kk) * f.value(x.back()) / f.value(x.front()));
  };
  if (k < 1000 || k % 100 != 0) throw std::invalid_argument("seed_relative_rate: k >= 1000, a multiple of 100");
  const Q r10 = ratio_at(k / 100), r100 = ratio_at(k / 10), ratio = ratio_at(k);
  const Huber<Q> f(1, Q(1) / (2 * k + 1), Q(1));
  Verdict v = compare<Q>("gd_smooth_convex_rate",
                         "seed 002: f(w_k) - f* proportional to (1/k)(f(w_0) - f*), with one constant for every L-smooth "
                         "convex f, here c = " + c.str() + ": k (f(w_k) - f*)/(f(w_0) - f*) <= c at k = " + std::to_string(k),
                         Expect::refutes(seed002_relative), ratio, Relation::le, c, Q(0),
                         "Huber, L = 1, delta = 1/(2k + 1) (the witness chosen for each k), eta = 1, w_0 = 1: the ratio is " +
                             shown<Q>(r10, 6) + " at k = " + std::to_string(k / 100) + ", " + shown<Q>(r100, 6) + " at k = " +
                             std::to_string(k / 10) + ", " + shown<Q>(ratio, 6) + " at k = " + std::to_string(k) +
                             " (about k/2), so every constant c fails once k > 2c; the true constant is L ||w_0 - w*||^2/2 "
                             "(here 1/2), not f(w_0) - f* = " + shown<Q>(f.value(scalar_vec(Q(1)))));
  v.pass = v.pass && ratio >= 50 * r10;  // the growth, not one value
  return v;
}

Verdict nonconvex_rate_fails(int steps) {
  const PoorMinima m = poor_minima();
  const PoorLocalMinimum<Mpfr> f;
  const Mpfr L = 33, x0 = Mpfr(9) / 4;
  const auto x = gd_path<Mpfr>(f, Mpfr(1 / L), scalar_vec(x0), steps);
  const Mpfr gap = f.value(x.back()) - m.f_global, R2 = (x0 - m.x_global) * (x0 - m.x_global);
  const Mpfr bound = L * R2 / (2 * steps);
  return compare<Mpfr>("gd_smooth_convex_rate",
                       "on a non-convex, 33-smooth f: f(x_K) - f* <= L ||x_0 - x*||^2/(2K)",
                       Expect::counterexample("convex"), gap, Relation::le, bound, Mpfr(abs(gap) + bound),
                       "f = x^2/2 - 1/(1 + 16 (x - 2)^2) (|f''| <= 33), eta = 1/33, x_0 = 9/4, K = " +
                           std::to_string(steps) + ": x_K = " + shown<Mpfr>(x.back()(0)) +
                           ", the poor local minimum (f = " + shown<Mpfr>(m.f_local) + "); f* = " + shown<Mpfr>(m.f_global) +
                           " at x* = " + shown<Mpfr>(m.x_global));
}

// ---- gd_constant_step_worst_case ----

namespace {
// Drori & Teboulle's worst case of N steps of GD with eta = h/L: (L R²/2) max{1/(2Nh + 1), (1 − h)^{2N}}.
// One formula for the holds checks and the witnesses.
Q dt_worst_case(int N, const Q& h, const Q& L, const Q& R2) {
  return L * R2 / 2 * std::max(Q(Q(1) / (2 * N * h + 1)), power<Q>(Q((1 - h) * (1 - h)), N));
}
}  // namespace

Verdict dt_huber_witness(int N, const Q& h, const Q& L, const Q& R) {
  const Q delta = R / (2 * N * h + 1);
  const Huber<Q> f(1, delta, L);
  const auto x = gd_path<Q>(f, Q(h / L), scalar_vec(R), N);
  const Q huber_term = Q(1) / (2 * N * h + 1), quad_term = power<Q>(Q((1 - h) * (1 - h)), N);
  if (quad_term > huber_term) throw std::invalid_argument("dt_huber_witness: h above h(N), the quadratic term is larger");
  Verdict v = compare<Q>("gd_constant_step_worst_case",
                    "N = " + std::to_string(N) + ", h = " + h.str() + ": the Huber witness attains the worst case "
                    "L ||x_0 - x*||^2/(2(2Nh + 1))",
                    Kind::tight, f.value(x.back()), Relation::eq, dt_worst_case(N, h, L, Q(R * R)), Q(0),
                    "L = " + L.str() + ", R = " + R.str() + ", delta = R/(2Nh + 1) = " + delta.str() + ", eta = h/L; x_N = " +
                        x.back()(0).str() + " (still on the linear part); the quadratic's term (1 - h)^{2N} = " +
                        shown<Q>(quad_term) + " is smaller" + (h > 1 ? "; h > 1: proved by Kim (2024, preprint)" : ""));
  return rule_out<Q>(v, "huber_term_4Nh", f.value(x.back()), Relation::le,
                     Q(L * R * R / 2 * std::max(Q(Q(1) / (4 * N * h + 1)), quad_term)), Q(0));
}

Verdict dt_quadratic_witness(int N, const Q& h, const Q& L, const Q& R) {
  const Quadratic<Q> f(Mat<Q>::Constant(1, 1, L), Vec<Q>::Zero(1), Q(0));
  const auto x = gd_path<Q>(f, Q(h / L), scalar_vec(R), N);
  const Q huber_term = Q(1) / (2 * N * h + 1), quad_term = power<Q>(Q((1 - h) * (1 - h)), N);
  return compare<Q>("gd_constant_step_worst_case",
                    "N = " + std::to_string(N) + ", h = " + h.str() + ": the quadratic L x^2/2 attains (L ||x_0 - x*||^2/2)"
                    " (1 - h)^{2N}",
                    Kind::tight, f.value(x.back()), Relation::eq, Q(L * R * R / 2 * quad_term), Q(0),
                    "L = " + L.str() + ", R = " + R.str() + ", x_N = (1 - h)^N R = " + x.back()(0).str() +
                        (quad_term > huber_term ? "; here the larger term: the worst case for h > h(N)"
                                                : "; here below the Huber term"));
}

Verdict dt_bound_instances(int N, const std::vector<Q>& hs) {
  const Mat<Q> Rot = cayley_orthogonal<Q>(3, {Q(1, 3), Q(-1, 2), Q(2, 5)});
  const RotatedHuber<Q> huber(Rot, {Q(1, 7), Q(1, 3), Q(2)}, {Q(1), Q(3, 4), Q(1, 3)});
  const Quadratic<Q> psd(with_spectrum<Q>(Rot, {Q(1), Q(1, 4), Q(0)}), Vec<Q>::Zero(3), Q(0));
  const Vec<Q> x0 = (Vec<Q>(3) << 2, -1, Q(3, 2)).finished();
  Q worst = 0;
  std::string where;
  for (const Problem<Q>* f : {static_cast<const Problem<Q>*>(&huber), static_cast<const Problem<Q>*>(&psd)})
    for (const auto& h : hs) {
      const Q L = 1;  // both instances are 1-smooth
      const auto x = gd_path<Q>(*f, Q(h / L), x0, N);
      // x* = 0 for the Huber sum; for the singular quadratic the nearest minimizer is the projection on null(A)
      Vec<Q> x_star = Vec<Q>::Zero(3);
      if (f == &psd) x_star = Rot.col(2) * Rot.col(2).dot(x0);
      const Q R2 = (x0 - x_star).squaredNorm();
      const Q r = f->value(x.back()) / dt_worst_case(N, h, L, R2);
      if (r > worst) {
        worst = r;
        where = f->name() + ", h = " + h.str();
      }
    }
  std::string hs_text;
  for (const auto& h : hs) hs_text += (hs_text.empty() ? "" : ", ") + h.str();
  return compare<Q>("gd_constant_step_worst_case",
                    "on smooth convex instances f(x_N) - f* <= (L ||x_0 - x*||^2/2) max{1/(2Nh + 1), (1 - h)^{2N}} "
                    "(largest ratio <= 1)",
                    Kind::holds, worst, Relation::le, Q(1), Q(0),
                    "N = " + std::to_string(N) + ", h in {" + hs_text + "}; a 3-D rotated Huber sum (deltas 1/7, 1/3, "
                    "2; curvatures 1, 3/4, 1/3) and a singular quadratic (spectrum 1, 1/4, 0; x* the projection of x_0 "
                    "on the null space), x_0 = (2, -1, 3/2); largest ratio for " + where);
}

Mpfr minimax_step(int N) {
  auto gap = [N](const Mpfr& h) { return Mpfr(1 / (2 * N * h + 1) - power<Mpfr>(Mpfr((h - 1) * (h - 1)), N)); };
  return bisect(gap, Mpfr(1), Mpfr(2));
}

Verdict dt_minimax(int N) {
  const Mpfr h = minimax_step(N);
  const Mpfr R = 1, L = 1;
  const Huber<Mpfr> huber(1, Mpfr(R / (2 * N * h + 1)), L);
  const Quadratic<Mpfr> quad(Mat<Mpfr>::Constant(1, 1, L), Vec<Mpfr>::Zero(1), Mpfr(0));
  const Mpfr a = huber.value(gd_path<Mpfr>(huber, Mpfr(h / L), scalar_vec(R), N).back());
  const Mpfr b = quad.value(gd_path<Mpfr>(quad, Mpfr(h / L), scalar_vec(R), N).back());
  return compare<Mpfr>("gd_constant_step_worst_case",
                       "at the minimax step h(N) the two witnesses' f(x_N) - f* are equal",
                       Kind::tight, a, Relation::eq, b, Mpfr(a + b + 1),
                       "N = " + std::to_string(N) + ", h(N) = " + shown<Mpfr>(h) + " (bisection on 1/(2Nh + 1) = "
                       "(h - 1)^{2N}); worst case " + shown<Mpfr>(a) + " L R^2 against 1/(4N + 2) = " +
                           shown<Mpfr>(Mpfr(Mpfr(1) / (4 * N + 2))) + " at h = 1: the best constant step gains a "
                           "factor, not an order");
}

Verdict dt_nonconvex(int N, const Q& h) {
  const PoorMinima m = poor_minima();
  const PoorLocalMinimum<Mpfr> f;
  const Mpfr L = 33, x0 = Mpfr(9) / 4, hm = from_rational<Mpfr>(h);
  const auto x = gd_path<Mpfr>(f, Mpfr(hm / L), scalar_vec(x0), N);
  const Mpfr gap = f.value(x.back()) - m.f_global, R2 = (x0 - m.x_global) * (x0 - m.x_global);
  const Mpfr one = 1;
  const Mpfr bound = L * R2 / 2 * std::max(Mpfr(one / (2 * N * hm + 1)), power<Mpfr>(Mpfr((1 - hm) * (1 - hm)), N));
  return compare<Mpfr>("gd_constant_step_worst_case",
                       "on a non-convex, 33-smooth f: f(x_N) - f* <= (L ||x_0 - x*||^2/2) max{1/(2Nh + 1), (1 - h)^{2N}}",
                       Expect::counterexample("convex"), gap, Relation::le, bound, Mpfr(abs(gap) + bound),
                       "f = x^2/2 - 1/(1 + 16 (x - 2)^2), L = 33, h = " + h.str() + ", N = " + std::to_string(N) +
                           ", x_0 = 9/4: x_N = " + shown<Mpfr>(x.back()(0)) + " near the poor local minimum " +
                           shown<Mpfr>(m.x_local));
}

double dt_bound(int N, double h) {
  return 0.5 * std::max(1.0 / (2 * N * h + 1), std::pow((1 - h) * (1 - h), N));
}

// ---- pl_linear_rate ----

Verdict pl_inequality_sin() {
  const SinSquare f;
  const Mpfr mu = Mpfr(1) / 32;
  Mpfr least = 1000, where = 0;
  for (int i = -400; i <= 400; ++i) {
    if (i == 0) continue;  // x* = 0: both sides vanish
    const Mpfr x = Mpfr(i) / 40;
    const Mpfr g = f.gradient(scalar_vec(x))(0);
    const Mpfr ratio = g * g / 2 / f.value(scalar_vec(x));
    if (ratio < least) {
      least = ratio;
      where = x;
    }
  }
  const Mpfr half_pi = acos(Mpfr(0));
  return compare<Mpfr>("pl_linear_rate",
                       "x^2 + 3 sin^2 x satisfies the PL inequality 1/2 f'(x)^2 >= mu (f(x) - f*) with mu = 1/32: the "
                       "smallest ratio (f'^2/2)/(f - f*) is >= mu",
                       Kind::holds, least, Relation::ge, mu, Mpfr(least + mu),
                       "800 points of [-10, 10] other than x* = 0 (f* = 0); smallest ratio at x = " + shown<Mpfr>(where) +
                           "; f''(pi/2) = " + shown<Mpfr>(f.hessian(scalar_vec(half_pi))(0, 0)) +
                           " < 0: not convex, and PL needs no convexity");
}

Verdict pl_rate_sin(const Q& x0, int steps) {
  const SinSquare f;
  const Mpfr mu = Mpfr(1) / 32, L = 8;
  const auto x = gd_path<Mpfr>(f, Mpfr(1 / L), scalar_vec(from_rational<Mpfr>(x0)), steps);
  const Mpfr f0 = f.value(x[0]), q = 1 - mu / L;
  Mpfr worst = 0, qk = q;
  for (std::size_t k = 1; k < x.size(); ++k) {  // k = 0 is 1 by definition
    worst = std::max(worst, Mpfr(f.value(x[k]) / (qk * f0)));
    qk *= q;
  }
  return compare<Mpfr>("pl_linear_rate",
                       "GD with eta = 1/L on x^2 + 3 sin^2 x: f(x_k) - f* <= (1 - mu/L)^k (f(x_0) - f*) for every k "
                       ">= 1 (largest ratio <= 1)",
                       Kind::holds, worst, Relation::le, Mpfr(1), Mpfr(2),
                       "mu = 1/32, L = 8 (f'' = 2 + 6 cos 2x in [-4, 8]), x_0 = " + x0.str() + ", " +
                           std::to_string(steps) + " steps; f(x_K) = " + shown<Mpfr>(f.value(x.back())));
}

Verdict overparameterized_rate(int steps) {
  const Overparameterized p;
  const LeastSquares<Q> f(p.Phi, p.y);
  const auto w = gd_path<Q>(f, Q(1, 18), Vec<Q>::Zero(3), steps);
  const Q L0 = f.value(w[0]), q = Q(4, 9);
  Q worst = 0, qk = q;
  for (std::size_t k = 1; k < w.size(); ++k) {  // k = 0 is 1 by definition
    worst = std::max(worst, Q(f.value(w[k]) / (qk * L0)));
    qk *= q;
  }
  Verdict v = compare<Q>("pl_linear_rate",
                         "least squares with 3 parameters and 2 examples (not strongly convex: grad^2 = 2 Phi Phi^T is "
                         "singular) is PL with mu = 2 lambda_min(Phi^T Phi): L(w_k) <= (1 - mu/l)^k L(w_0)",
                         Kind::holds, worst, Relation::le, Q(1), Q(0),
                         "Phi^T Phi = diag(9, 5), mu = 10, l = 18, eta = 1/18, w_0 = 0, " + std::to_string(steps) +
                             " steps; largest ratio to (4/9)^k over k >= 1");
  // the Hessian 2 Phi Phi^T (3x3, rank 2) is singular: no strong convexity, yet the rate holds
  const Mat<Q> H = 2 * p.Phi * p.Phi.transpose();
  const Q flat = (H * p.n).squaredNorm();  // n spans null(Phi^T): H n = 0, a flat direction
  return rule_out(v, "linear_needs_strong_convexity", v.pass && flat == 0 && !p.n.isZero(0),
                  "||grad^2 n||^2 = " + flat.str() + " for n = (2, 4, -5) != 0 (not strongly convex), and the linear rate holds");
}

Verdict overparameterized_min_norm(int steps) {
  const Overparameterized p;
  const LeastSquares<Q> f(p.Phi, p.y);
  const auto w = gd_path<Q>(f, Q(1, 18), Vec<Q>::Zero(3), steps);
  Q off = 0;
  for (const auto& wk : w) off += p.n.dot(wk) * p.n.dot(wk);
  return compare<Q>("pl_linear_rate",
                    "from w_0 = 0 every iterate stays in range(Phi): its component along null(Phi^T) is 0 (summed "
                    "squares over k)",
                    Kind::holds, off, Relation::eq, Q(0), Q(0),
                    "null(Phi^T) spanned by n = (2, 4, -5); the gradient 2 Phi r lies in range(Phi), so no step leaves "
                    "it; " + std::to_string(steps) + " steps");
}

Verdict overparameterized_limit(int steps) {
  const Overparameterized p;
  const LeastSquares<Q> f(p.Phi, p.y);
  const auto w = gd_path<Q>(f, Q(1, 18), Vec<Q>::Zero(3), steps);
  Q closed = Q(4, 5);  // ‖w_K − w*‖² = (4/5)(4/9)^{2K}, derived by hand (see the header)
  for (int k = 0; k < 2 * steps; ++k) closed *= Q(4, 9);
  return compare<Q>("pl_linear_rate",
                    "GD from 0 converges to the minimum-norm interpolant w* = Phi (Phi^T Phi)^-1 y: ||w_K - w*||^2 = "
                    "(4/5)(4/9)^{2K}",
                    Kind::holds, Q((w.back() - p.w_star()).squaredNorm()), Relation::eq, closed, Q(0),
                    "w* = " + vec_text<Q>(p.w_star()) + ", K = " + std::to_string(steps) +
                        "; the residual r_k = Phi^T w_k - y obeys r_{k+1} = diag(0, 4/9) r_k, so w_k - w* = Phi (Phi^T "
                        "Phi)^-1 r_k; every other interpolant is w* + t n, of squared norm ||w*||^2 + t^2 ||n||^2");
}

Verdict overparameterized_offset_start(int steps) {
  const Overparameterized p;
  const LeastSquares<Q> f(p.Phi, p.y);
  const auto w = gd_path<Q>(f, Q(1, 18), p.n, steps);
  const Q dist = (w.back() - p.w_star()).squaredNorm();
  return compare<Q>("pl_linear_rate",
                    "started off range(Phi), at w_0 = n: GD still reaches the minimum-norm interpolant, ||w_K - w*||^2 "
                    "<= 10^-20",
                    Expect::counterexample("zero_start"), dist, Relation::le, Q(Q(1) / pow10(20)), Q(0),
                    "n = (2, 4, -5) spans null(Phi^T); the gradient 2 Phi r never moves that component: w_K -> w* + n, "
                    "||w_K - (w* + n)||^2 = " + shown<Q>(Q((w.back() - p.w_star() - p.n).squaredNorm())) +
                        "; the loss still falls linearly (PL holds), to another interpolant");
}

Verdict pl_fails_with_poor_minimum(int steps) {
  const PoorMinima m = poor_minima();
  const PoorLocalMinimum<Mpfr> f;
  const Mpfr L = 33, mu = Mpfr(1) / 100, x0 = Mpfr(9) / 4;
  const auto x = gd_path<Mpfr>(f, Mpfr(1 / L), scalar_vec(x0), steps);
  const Mpfr gap0 = f.value(x[0]) - m.f_global, gap = f.value(x.back()) - m.f_global;
  const Mpfr bound = power<Mpfr>(Mpfr(1 - mu / L), steps) * gap0;
  return compare<Mpfr>("pl_linear_rate",
                       "without PL (a stationary point above f*): f(x_K) - f* <= (1 - mu/L)^K (f(x_0) - f*) with mu = "
                       "1/100",
                       Expect::counterexample("pl"), gap, Relation::le, bound, Mpfr(gap + bound),
                       "f = x^2/2 - 1/(1 + 16 (x - 2)^2), L = 33, eta = 1/33, x_0 = 9/4, K = " + std::to_string(steps) +
                           ": at the poor local minimum f' = 0 while f - f* = " + shown<Mpfr>(Mpfr(m.f_local - m.f_global)) +
                           ", so 1/2 f'^2 >= mu (f - f*) fails for every mu > 0");
}


namespace {
Mpfr mpfr_of(const Rational& q) { return from_rational<Mpfr>(q); }
}  // namespace

std::vector<audit::Misfit> audit_rows() {
  std::vector<audit::Misfit> rows;
  for (const auto& [x, y] : std::vector<std::pair<Q, Q>>{{Q(1, 3), Q(-2)}, {Q(-5, 4), Q(3, 7)}}) {
    Vec<Q> p(2);
    p << x, y;
    rows.push_back({"(x^2 + y^2)/2 + x^2 y^2 at " + detail::vec_text<Q>(p), true,
                    mpfr_of(audit::derivative_misfit<Q>(SeedThreeExample(), p, Q(1, 7)))});
  }
  rows.push_back({"x^2/2 + x^4/4 at 3/5", true,
                  mpfr_of(audit::derivative_misfit<Q>(QuarticBowl(), scalar_vec(Q(3, 5)), Q(1, 7)))});
  for (const char* x : {"0.3", "1.7", "-2.9"})
    rows.push_back({std::string("x^2 + 3 sin^2 x at ") + x, false,
                    audit::derivative_misfit<Mpfr>(SinSquare(), scalar_vec(Mpfr(x)), audit::difference_step())});
  return rows;
}

}  // namespace descent::claims::rates

namespace descent::claims::audit {
std::vector<Misfit> convex_rates_problems() { return rates::audit_rows(); }
}  // namespace descent::claims::audit

// ---- the claims of lesson 09_smooth_convex_rates that this file checks: their entries in the claim index
// (claim.hpp), registered here beside their checks (registry.cpp collects every file's)
namespace descent::claims {
std::vector<ClaimInfo> claims_of_convex_rates() {
  return {
      {"smoothness_definitions", "09_smooth_convex_rates",
       R"(\|\nabla f(x)-\nabla f(y)\|\le L\|x-y\| \Rightarrow f(y)\le f(x)+\nabla f(x)^\top(y-x)+\tfrac L2\|y-x\|^2;\ \nabla^2f\succeq\mu I \Rightarrow f(y)\ge f(x)+\nabla f(x)^\top(y-x)+\tfrac\mu2\|y-x\|^2;\ |f'|\le M \Rightarrow |f(x)-f(y)|\le M|x-y|)",
       {{"smooth", R"(\nabla f \ L\text{-Lipschitz (for the upper bowl)})"},
        {"strongly_convex", R"(v^\top\nabla^2 f(x)v\ge\mu\|v\|^2 \text{ for every point } x \text{ and direction } v)"},
        {"bounded_slope", R"(|f'|\le M \text{ (for Lipschitz continuity)})"}},
       "seed 002 (strong convexity, Lipschitz continuity, Lipschitz smoothness); errata: seed 003's strong convexity "
       "with x as point and direction, seed 002's \"at least as good as the enclosing quadratic\"",
       {{"bowl_half_curvature", R"(f(y)\le f(x)+\nabla f(x)^\top(y-x)+\tfrac L4\|y-x\|^2)"},
        {"lower_bowl_doubled", R"(\nabla^2f\succeq\mu I \Rightarrow f(y)\ge f(x)+\nabla f(x)^\top(y-x)+\mu\|y-x\|^2)"}}},
      {"gd_smooth_convex_rate", "09_smooth_convex_rates",
       R"(\eta=1/L:\ f(x_k)-f^*\le\frac{L\|x_0-x^*\|^2}{2k},\ \text{and tightly } \frac{L\|x_0-x^*\|^2}{4k+2} \text{ (attained by a Huber function)})",
       {{"convex", R"(f \text{ convex})"}, {"smooth", R"(\nabla f \ L\text{-Lipschitz})"}},
       "seed 002 (convergence problems: O(1/k) for Lipschitz smooth convex functions); Drori & Teboulle (2014), Thm 3.1; "
       "erratum: the notes scale the 1/k by f(w_0) - f*",
       {{"gd_accelerated_rate", R"(\eta=1/L:\ f(x_k)-f^*\le\frac{L\|x_0-x^*\|^2}{2k^2})"}}},
      {"gd_constant_step_worst_case", "09_smooth_convex_rates",
       R"(0<h<2,\ \eta=h/L:\ f(x_N)-f^*\le\frac{L\|x_0-x^*\|^2}{2}\max\Big(\frac{1}{2Nh+1},(1-h)^{2N}\Big),\ \text{attained by a Huber function and by } \tfrac L2x^2)",
       {{"convex", R"(f \text{ convex})"}, {"smooth", R"(\nabla f \ L\text{-Lipschitz})"}},
       "Drori & Teboulle (2014): Thm 3.1 for 0 < h <= 1, Conjecture 3.1 for 1 < h < 2; proved for every h in (0, 2) by "
       "J. Kim (2024, arXiv:2412.04427, a preprint); Taylor, Hendrickx & Glineur (2017) computed it numerically",
       {{"huber_term_4Nh", R"(f(x_N)-f^*\le\frac{L\|x_0-x^*\|^2}{2}\max\Big(\frac{1}{4Nh+1},(1-h)^{2N}\Big))"}}},
      {"pl_linear_rate", "09_smooth_convex_rates",
       R"(\tfrac12\|\nabla f(x)\|^2\ge\mu(f(x)-f^*)\ \Rightarrow\ f(x_k)-f^*\le(1-\mu/L)^k(f(x_0)-f^*) \text{ for } \eta=1/L,\ \text{convex or not};\ \text{least squares with more parameters than examples: GD from 0 converges linearly to the minimum-norm interpolant})",
       {{"pl", R"(\text{the PL inequality with } \mu>0)"}, {"smooth", R"(\nabla f \ L\text{-Lipschitz})"},
        {"zero_start", R"(w_0 \in \mathrm{range}(\Phi) \text{ (e.g. } w_0=0\text{), for the minimum-norm limit})"}},
       "seed 000 (role of overparameterization, Belkin); Polyak (1963); Karimi, Nutini & Schmidt (2016)",
       {{"linear_needs_strong_convexity", R"(f(x_k)-f^* \text{ falls linearly only if } f \text{ is strongly convex})"}},
       "the rate (1 - mu/L)^k is a worst case over PL functions; on the instances each step does better (least squares "
       "contracts by (1 - mu/L)^2 along its slow direction; on x^2 + 3 sin^2 x, Karimi et al.'s mu = 1/32 is a safe "
       "constant while the smallest ratio (f'^2/2)/(f - f*) on the grid is 0.1755). Best ratio of a holds check: 0.178 "
       "(the PL inequality itself with mu = 1/32)"},
  };
}
}  // namespace descent::claims
