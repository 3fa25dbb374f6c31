// Claims of lesson 17: the loss surface.
#include "problem_audit.hpp"
#include "surface_checks.hpp"

#include <boost/multiprecision/mpfi.hpp>

#include <cmath>
#include <map>

#include "descent/autodiff/gradient.hpp"
#include "descent/certify.hpp"
#include "descent/linalg.hpp"
#include "descent/optimizers.hpp"
#include "descent/problems/mlp.hpp"
#include "instance_text.hpp"

namespace descent::claims::surface {

namespace {
using Q = Rational;
using M = Mpfr;
using I = Interval;
using descent::abs_value;
using detail::gd_end;
using detail::newton_polish;
using detail::vec_text;

const Erratum seed002_baldi_hornik{
    detail::seed002, 428, "An MLP with a single hidden layer has only saddle points and no local Minima",
    "Baldi & Hornik (1989) prove it for LINEAR networks (identity activations) with the squared error: there every "
    "local minimum is global and every other critical point a saddle. With a sigmoid hidden layer it fails: a 1-1-1 "
    "sigmoid network on six points has a strict local minimum (certified) whose loss is above another point's - as "
    "Swirszcz et al. (2016), cited on the same slide, say"};

// f = (x² − y²)/2 + y⁴/4: a strict saddle at 0 (eigenvalues 1, −1), minima at (0, ±1)
template <class T>
T quartic(const T& x, const T& y) {
  return (x * x - y * y) / 2 + y * y * y * y / 4;
}
// f = (x² − 1)² + (y² − 1)² + xy/2 + x/4: four minima of different heights
template <class S>
class FourWells final : public Problem<S> {
 public:
  int dimension() const override { return 2; }
  S value(const Vec<S>& v) const override {
    const S a = v(0) * v(0) - 1, b = v(1) * v(1) - 1;
    return a * a + b * b + v(0) * v(1) / 2 + v(0) / 4;
  }
  Vec<S> gradient(const Vec<S>& v) const override {
    Vec<S> g(2);
    g << 4 * v(0) * (v(0) * v(0) - 1) + v(1) / 2 + S(1) / 4, 4 * v(1) * (v(1) * v(1) - 1) + v(0) / 2;
    return g;
  }
  Mat<S> hessian(const Vec<S>& v) const override {
    Mat<S> H(2, 2);
    H << 12 * v(0) * v(0) - 4, S(1) / 2, S(1) / 2, 12 * v(1) * v(1) - 4;
    return H;
  }
  std::string name() const override { return "four_wells"; }
};
const char* wells_text = "f(x, y) = (x^2 - 1)^2 + (y^2 - 1)^2 + xy/2 + x/4";

const Q box_radius = Q(1) / detail::pow10(10);
}  // namespace

// ---- second_order_test ----

Verdict saddle_exact() {
  auto f = [](const auto& v) { return quartic(v[0], v[1]); };
  Vec<Q> zero = Vec<Q>::Zero(2);
  const auto [f0, g] = autodiff::gradient<Q>(f, zero);
  const Mat<Q> H = autodiff::hessian<Q>(f, zero);
  if (g.squaredNorm() != 0 || H(0, 1) != 0 || !(H(1, 1) < 0) || !(H(0, 0) > 0))
    throw std::logic_error("saddle_exact: not the saddle expected");
  const Q h(1, 10);
  return compare<Q>("second_order_test",
                    "f = (x^2 - y^2)/2 + y^4/4 at 0: grad f = 0, H = diag(" + H(0, 0).str() + ", " + H(1, 1).str() +
                        ") (forward-over-forward AD); f(0, h) - f(0) along the eigenvector of the negative eigenvalue",
                    Kind::holds, Q(quartic(Q(0), h) - f0), Relation::lt, Q(0), Q(0),
                    "h = 1/10: f(0, h) - f(0) = " + Q(quartic(Q(0), h) - f0).str() + " < 0 < f(h, 0) - f(0) = " +
                        Q(quartic(h, Q(0)) - f0).str() + ": the surface rises one way and falls the other (seed 002's saddle)");
}

Verdict saddle_certified() {
  const Mlp<M> fm = brady_network<M>(Q(10), Q(1, 100));
  Vec<M> start(3);
  start << M(72805) / 10000, M(18965) / 10000, M(26901) / 10000;
  const Vec<M> c = newton_polish(fm, start, 20);
  const Mlp<I> f = brady_network<I>(Q(10), Q(1, 100));
  const KrawczykResult k = krawczyk(f, c, from_rational<M>(box_radius));
  const SymmetricEigen<M> e = symmetric_eigen<M>(midpoint(k.hessian));
  Vec<I> down(3), up(3);
  for (int i = 0; i < 3; ++i) down(i) = I(e.vectors(i, 0)), up(i) = I(e.vectors(i, 2));
  const I qd = quadratic_form(k.hessian, down), qu = quadratic_form(k.hessian, up);
  const bool mixed = upper(qd) < 0 && lower(qu) > 0;
  // det H < 0 on the box: an odd number of negative eigenvalues, and e^T H e > 0 excludes three: index 1
  const I det = leading_minors(k.hessian).back();
  const bool index1 = mixed && upper(det) < 0;
  return observe("second_order_test",
                 "lesson 16's four-point loss (t = 10): Krawczyk's test finds one critical point in c + [-1e-10, 1e-10]^3, "
                 "and on the whole box d^T H d < 0 < e^T H e (d, e eigenvectors of mid H) and det H < 0: a saddle of "
                 "index 1, certified",
                 Kind::holds, "interval", k.unique_zero && index1,
                 std::string("reach ") + shown<I>(k.reach, 3) + (k.unique_zero ? " < 1e-10" : " >= 1e-10") + ", d^T H d in " +
                     shown<I>(qd, 4) + ", e^T H e in " + shown<I>(qu, 4) + ", det H in " + shown<I>(det, 4),
                 "==", "one critical point, curvatures of both signs, det H < 0",
                 "c = " + vec_text<M>(c) + " (Newton from (7.2805, 1.8965, 2.6901)), loss " + shown<I>(f.value(k.box), 10) +
                     ": curvatures of both signs make every Hessian on the box indefinite (a saddle); det H < 0 means one "
                     "or three negative eigenvalues, and e^T H e > 0 rules out three: index 1. The saddle of the loss "
                     "that has the non-separating minimum of lesson 16");
}

Verdict degenerate_critical_point() {
  auto f = [](const auto& v) { return v[0] * v[0] + v[1] * v[1] * v[1]; };
  Vec<Q> zero = Vec<Q>::Zero(2);
  const Mat<Q> H = autodiff::hessian<Q>(f, zero);
  Vec<Q> p(2);
  p << 0, Q(-1, 10);
  const Q fp = f(std::vector<Q>{p(0), p(1)});
  Verdict v = compare<Q>("second_order_test",
                    "f = x^2 + y^3 at 0: grad f = 0 and H = diag(" + H(0, 0).str() + ", " + H(1, 1).str() +
                        ") is positive semidefinite; a local minimum would need f(0, -1/10) >= f(0)",
                    Expect::counterexample("nonsingular"), fp, Relation::ge, Q(0), Q(0),
                    "f(0, -1/10) = " + fp.str() + ": the zero eigenvalue leaves the cubic term in charge; the second-order test "
                    "decides only when H has no zero eigenvalue");
  // the wrong variant: a zero gradient and a positive semidefinite Hessian make a local minimum
  return rule_out<Q>(v, "semidefinite_suffices", fp, Relation::ge, Q(0), Q(0));
}

// ---- saddle_escape ----

namespace {
// GD on the quartic from (1, δ): steps until |y| ≥ 1/2 (the x coordinate does not affect y)
int escape_steps(const M& eta, const M& delta) {
  M y = delta;
  int n = 0;
  while (abs_value<M>(y) < M(1) / 2 && n < 10'000'000) {
    y = y - eta * (-y + y * y * y);  // the library's update x - eta grad f, in the y coordinate
    ++n;
  }
  return n;
}
struct EscapeRow {
  int k, steps;
  M predicted;
};
std::vector<EscapeRow> escape_rows(const Q& eta_q) {
  const descent::ScopedDigits guard(std::max(60, descent::digits()));
  const M eta = from_rational<M>(eta_q);
  std::vector<EscapeRow> rows;
  for (int k = 1; k <= 40; ++k) {
    const M delta = from_rational<M>(Q(1) / detail::pow10(k));
    using std::log;
    rows.push_back({k, escape_steps(eta, delta), M(log(M(1) / (2 * delta)) / log(M(1 + eta)))});
  }
  return rows;
}
}  // namespace

Verdict escape_per_decade(const Q& eta) {
  const std::vector<EscapeRow> rows = escape_rows(eta);
  const descent::ScopedDigits guard(std::max(60, descent::digits()));
  using std::log;
  const M e = from_rational<M>(eta);
  const M r = log(M(10)) / log(M(1 + e));
  std::string some;
  for (std::size_t i = 1; i < rows.size(); ++i)
    if (i % 13 == 0) some += " N(1e-" + std::to_string(rows[i].k) + ") = " + std::to_string(rows[i].steps) + ";";
  // the mean increment over the 39 decades: each N is an integer within a fixed distance of a linear function of
  // k, so the mean over 39 decades is within 1/39 of the rate (the end effects cancel but for the rounding)
  const int decades = static_cast<int>(rows.size()) - 1;
  const M mean = M(rows.back().steps - rows.front().steps) / decades;
  const M tol = M(1) / decades;
  Verdict v = compare<M>("saddle_escape",
                         "GD (eta = " + eta.str() + ") from (1, delta), delta = 10^-k, k = 1 ... 40: steps to |y| >= 1/2 grow by "
                         "ln 10/ln(1 + eta) = " + shown<M>(r, 6) + " per decade; the mean increment over the " +
                             std::to_string(decades) + " decades, (N(1e-40) - N(1e-1))/39, against it, within 1/39",
                         Kind::holds, abs_value<M>(M(mean - r)), Relation::le, tol, M(1),
                         "f = (x^2 - y^2)/2 + y^4/4, at 60 digits;" + some + " mean increment " + shown<M>(mean, 8) +
                             ": each decade of closeness to the stable manifold (the x axis) costs the same number of steps");
  // the wrong variant: the rate with eta in place of ln(1 + eta) (at eta = 1/100 they differ by 1.15 steps per decade)
  return rule_out<M>(v, "rate_eta", abs_value<M>(M(mean - log(M(10)) / e)), Relation::le, tol, M(1));
}

Verdict escape_rate(const Q& eta) {
  const std::vector<EscapeRow> rows = escape_rows(eta);
  const EscapeRow& last = rows.back();
  const descent::ScopedDigits guard(std::max(60, descent::digits()));
  return approaches<M>("saddle_escape",
                       "the linearized time ln(1/(2 delta))/ln(1 + eta) against the measured N(delta) at delta = 1e-40 "
                       "(eta = " + eta.str() + ")",
                       M(last.predicted / M(last.steps)), M(1) / 100,
                       "N = " + std::to_string(last.steps) + ", prediction " + shown<M>(last.predicted, 8) +
                           "; the ratio is <= 1 because each step multiplies y by 1 + eta(1 - y^2) <= 1 + eta, and tends to 1 "
                           "as delta -> 0 (the nonlinear part near |y| = 1/2 costs a fixed number of steps)");
}

Verdict on_stable_manifold(const Q& eta) {
  Vec<Q> x(2);
  x << 1, 0;
  Q largest_y = 0;
  for (int k = 0; k < 200; ++k) {
    const Q gx = x(0), gy = -x(1) + x(1) * x(1) * x(1);
    x(0) -= eta * gx;
    x(1) -= eta * gy;
    largest_y = std::max<Q>(largest_y, abs_value<Q>(x(1)));
  }
  return compare<Q>("saddle_escape",
                    "GD (eta = " + eta.str() + ") from (1, 0), on the stable manifold: the largest |y_k| over 200 steps "
                    "against the 1/2 an escape reaches",
                    Expect::counterexample("off_manifold"), largest_y, Relation::ge, Q(1, 2), Q(0),
                    "exact: y_k = 0 for every k and x_200 = (1 - eta)^200 = " + shown<Q>(x(0), 6) +
                        ": GD converges to the saddle (gets 'stuck', seed 002), though any perturbation would escape");
}

// ---- basins ----

namespace {
struct Basins {
  std::vector<Vec<double>> minima;
  std::vector<int> counts;
  int unmatched = 0;
};
Basins basins() {
  const FourWells<double> f;
  Basins b;
  // the four minima by Newton from the four quadrants
  for (double sx : {-1.0, 1.0})
    for (double sy : {-1.0, 1.0}) {
      Vec<double> x(2);
      x << sx, sy;
      for (int k = 0; k < 50; ++k) x -= solve<double>(f.hessian(x), f.gradient(x));
      b.minima.push_back(x);
    }
  b.counts.assign(4, 0);
  for (int i = 0; i <= 40; ++i)
    for (int j = 0; j <= 40; ++j) {
      Vec<double> x0(2);
      x0 << -2 + i / 10.0, -2 + j / 10.0;
      const Vec<double> x = gd_end<double>(f, x0, 1.0 / 20, 2000);
      int which = -1;
      for (int m = 0; m < 4; ++m)
        if ((x - b.minima[static_cast<std::size_t>(m)]).cwiseAbs().maxCoeff() < 1e-9) which = m;
      if (which < 0)
        ++b.unmatched;
      else
        ++b.counts[static_cast<std::size_t>(which)];
    }
  return b;
}
std::string basins_text(const Basins& b) {
  const FourWells<double> f;
  std::string s;
  for (std::size_t m = 0; m < 4; ++m)
    s += (m ? "; " : "") + vec_text<double>(b.minima[m]) + " (f = " + shown<double>(f.value(b.minima[m]), 5) + "): " +
         std::to_string(b.counts[m]);
  return s;
}
}  // namespace

Verdict basin_counts() {
  const Basins b = basins();
  int reached = 0;
  for (int c : b.counts) reached += c > 0 ? 1 : 0;
  Verdict v = observe("basins",
                      "GD (eta = 1/20, 2000 steps) from the 41 x 41 grid on [-2, 2]^2: every start ends at a minimum (within "
                      "1e-9), and which one depends on the start",
                      Kind::holds, "double", b.unmatched == 0 && reached == 4,
                      std::to_string(b.unmatched) + " unmatched, " + std::to_string(reached) + " minima reached", "==",
                      "0 unmatched, 4 minima reached",
                      std::string(wells_text) + "; starts per minimum: " + basins_text(b) +
                          ". Seed 000's 'could get stuck in local optima': the starts at the minima with f above the "
                          "least stay there, local optima GD cannot leave (gradient 0, Hessian positive definite)");
  // the wrong variant: from every start GD reaches the same minimum
  return rule_out(v, "start_independent", reached >= 2, std::to_string(reached) + " different minima reached from the grid");
}



// ---- bad_local_minimum ----

namespace {
// a 1-1-1 network y = v sigma(w x + b) + c, theta = (w, b, v, c), on six points (found by a search of small data sets)
template <class S>
Mlp<S> small_net() {
  MlpShape s;
  s.sizes = {1, 1, 1};
  s.hidden = Activation::sigmoid;
  s.output = Activation::identity;
  s.divergence = Divergence::l2;
  s.bias = true;
  const Q xs[6] = {-6, -4, 0, 1, 2, 6};
  const Q ds[6] = {0, 1, 2, 3, 4, 3};
  Mat<S> X(6, 1), D(6, 1);
  for (int i = 0; i < 6; ++i) X(i, 0) = from_rational<S>(xs[i]), D(i, 0) = from_rational<S>(ds[i]);
  return Mlp<S>(s, X, D);
}
const char* net_text = "network 1-1-1, y = v sigma(w x + b) + c, L2 loss, mean over x = -6, -4, 0, 1, 2, 6 with targets "
                       "0, 1, 2, 3, 4, 3";
Vec<M> theta_bad() {
  Vec<M> start(4);
  start << M(557) / 1000, M(1252) / 1000, M(3728) / 1000, M(-272) / 1000;
  return newton_polish(small_net<M>(), start, 30);
}
Vec<I> theta_good() {  // near the other minimum (a steep sigmoid centred near x = 0), rounded to 1/1000
  Vec<I> t(4);
  t << from_rational<I>(Q(2192, 1000)), from_rational<I>(Q(-6, 1000)), from_rational<I>(Q(2950, 1000)),
      from_rational<I>(Q(502, 1000));
  return t;
}
KrawczykResult net_certificate() { return krawczyk(small_net<I>(), theta_bad(), from_rational<M>(box_radius)); }
// the other minimum, certified the same way: Newton from theta_good
KrawczykResult good_certificate() {
  Vec<M> start(4);
  for (int i = 0; i < 4; ++i) start(i) = M(lower(theta_good()(i)));
  return krawczyk(small_net<I>(), newton_polish(small_net<M>(), start, 30), from_rational<M>(box_radius));
}
}  // namespace

Verdict network_critical_point() {
  const KrawczykResult k = net_certificate();
  return compare<I>("bad_local_minimum",
                    "Krawczyk's test on theta_bad + [-1e-10, 1e-10]^4: max_i |K(X)_i - theta_i| < r, one critical point",
                    Kind::holds, k.reach, Relation::lt, I(from_rational<M>(box_radius)), I(0),
                    std::string(net_text) + "; theta_bad = " + vec_text<M>(theta_bad()) + " (Newton from (0.557, 1.252, 3.728, "
                    "-0.272)): a shallow sigmoid");
}

Verdict network_hessian() {
  const KrawczykResult k = net_certificate();
  const std::vector<M> ev = symmetric_eigenvalues<M>(midpoint(k.hessian));
  const M a = ev.front() * 9 / 10;
  return compare<I>("bad_local_minimum",
                    "the Hessian on the whole box: the least lower bound of the leading minors of H(X) - aI, a = 0.9 x the "
                    "least eigenvalue of mid H",
                    Kind::holds, I(smallest_minor_lower_bound(shifted(k.hessian, a))), Relation::gt, I(0), I(0),
                    std::string(net_text) + "; a = " + shown<M>(a, 4) + ": every eigenvalue >= a at every point of the box, "
                    "so the critical point is a strict local minimum");
}

Verdict network_not_global() {
  const KrawczykResult bad = net_certificate(), good = good_certificate();
  const Mlp<I> f = small_net<I>();
  const M low = smallest_minor_lower_bound(good.hessian);
  if (!good.unique_zero || !(low > 0)) throw std::logic_error("network_not_global: the other minimum is not certified");
  const I at_good = f.value(good.box), at_bad = f.value(bad.box);
  Verdict v = compare<I>("bad_local_minimum",
                         "the other minimum, certified the same way (Krawczyk and positive minors around Newton from theta_good): "
                         "its loss over its box against the loss over theta_bad's box",
                         Kind::holds, at_good, Relation::lt, at_bad, I(0),
                         std::string(net_text) + "; the other minimum " + vec_text<I>(good.image) +
                             " (a steep sigmoid centred near x = 0): two strict minima, one of them bad");
  // the wrong variant: the bad minimum is global after all (its loss at most the other's)
  return rule_out<I>(v, "bad_minimum_global", at_bad, Relation::le, at_good, I(0));
}

// ---- baldi_hornik ----

namespace {
// the linear 2-1-2 network y = W2 W1 x (no biases), examples x = (1, 0), (0, 1), (1, 1) with targets (2, 1), (0, 2), (1, 0)
MlpShape linear_shape() {
  MlpShape s;
  s.sizes = {2, 1, 2};
  s.hidden = Activation::identity;
  s.output = Activation::identity;
  s.bias = false;
  return s;
}
Mlp<Q> linear_net() {
  Mat<Q> X(3, 2), D(3, 2);
  X << 1, 0, 0, 1, 1, 1;
  D << 2, 1, 0, 2, 1, 0;
  return Mlp<Q>(linear_shape(), X, D);
}
const char* linear_text = "linear network 2-1-2, y = W2 W1 x, mean squared error over x = (1, 0), (0, 1), (1, 1) with targets "
                          "(2, 1), (0, 2), (1, 0)";
// Σ_YX Σ_XX⁻¹ (2×2) and Σ = Σ_YX Σ_XX⁻¹ Σ_XY, with data as columns
struct Spectra {
  Mat<Q> Mx, Sigma;
  Q trace_yy;
};
Spectra spectra() {
  const Mlp<Q> f = linear_net();
  const Mat<Q> X = f.X().transpose(), Y = f.D().transpose();
  const Mat<Q> Sxx = X * X.transpose(), Syx = Y * X.transpose();
  Mat<Q> inv(2, 2);
  const Q det = Sxx(0, 0) * Sxx(1, 1) - Sxx(0, 1) * Sxx(1, 0);
  inv << Sxx(1, 1) / det, -Sxx(0, 1) / det, -Sxx(1, 0) / det, Sxx(0, 0) / det;
  Spectra s;
  s.Mx = Syx * inv;
  s.Sigma = s.Mx * Syx.transpose();
  s.trace_yy = (Y * Y.transpose()).trace();
  return s;
}
// θ = (W1 (1×2), W2 (2×1)) for W2 = u, W1 = uᵀ Mx/‖u‖²: the critical point projecting on the eigenvector u
Vec<Q> projection_theta(const Vec<Q>& u) {
  const Spectra s = spectra();
  const Vec<Q> w1 = (u.transpose() * s.Mx).transpose() / u.squaredNorm();
  Vec<Q> t(4);
  t << w1(0), w1(1), u(0), u(1);
  return t;
}
// a rational direction of negative curvature: the eigenvector of the least eigenvalue, rounded to 1/1000
Vec<Q> negative_direction(const Mat<Q>& H) {
  Mat<double> Hd(H.rows(), H.cols());
  for (int i = 0; i < H.rows(); ++i)
    for (int j = 0; j < H.cols(); ++j) Hd(i, j) = H(i, j).convert_to<double>();
  const SymmetricEigen<double> e = symmetric_eigen<double>(Hd);
  Vec<Q> d(H.rows());
  for (int i = 0; i < H.rows(); ++i) d(i) = Q(static_cast<long>(std::lround(1000 * e.vectors(i, 0))), 1000);
  return d;
}
Verdict linear_saddle_at(const Vec<Q>& theta, const std::string& where) {
  const Mlp<Q> f = linear_net();
  const Vec<Q> g = f.gradient(theta);
  const Mat<Q> H = f.hessian(theta);
  const Vec<Q> d = negative_direction(H);
  const Q curvature = d.dot(H * d);
  if (g.squaredNorm() != 0) throw std::logic_error("linear_saddle_at: not a critical point");
  return compare<Q>("baldi_hornik",
                    where + ": grad L = 0 exactly, and the curvature d^T H d along a rational direction d",
                    Kind::holds, curvature, Relation::lt, Q(0), Q(0),
                    std::string(linear_text) + "; theta = (W1; W2) = " + vec_text<Q>(theta) + ", L = " + f.value(theta).str() +
                        ", d = " + vec_text<Q>(d) + ": a saddle, not a minimum");
}
}  // namespace

Verdict linear_global_minimum() {
  const Spectra s = spectra();
  Vec<Q> u1(2), u2(2);
  u1 << 3, 1;
  u2 << 1, -3;
  const Vec<Q> r1 = s.Sigma * u1 - 5 * u1, r2 = s.Sigma * u2 - Q(5, 3) * u2;
  if (r1.squaredNorm() != 0 || r2.squaredNorm() != 0) throw std::logic_error("linear_global_minimum: not eigenpairs");
  const Mlp<Q> f = linear_net();
  const Vec<Q> theta = projection_theta(u1);
  const Vec<Q> g = f.gradient(theta);
  if (g.squaredNorm() != 0) throw std::logic_error("linear_global_minimum: not a critical point");
  Verdict v = compare<Q>("baldi_hornik",
                    "the critical point on the top eigenvector u1 = (3, 1) of Sigma = Sigma_YX Sigma_XX^-1 Sigma_XY (eigenvalues "
                    "5, 5/3): L there against the rank-1 lower bound (tr Sigma_YY - lambda_1)/K",
                    Kind::tight, f.value(theta), Relation::eq, Q((s.trace_yy - 5) / 3), Q(0),
                    std::string(linear_text) + "; theta = (W1; W2) = " + vec_text<Q>(theta) +
                        ", grad L = 0 exactly: the global minimum (every (a W1, W2/a) too)");
  // the wrong variant: L* = tr Sigma_YY - lambda_1 without the 1/K
  return rule_out<Q>(v, "without_one_over_K", f.value(theta), Relation::eq, Q(s.trace_yy - 5), Q(0));
}

Verdict linear_saddle() {
  Vec<Q> u2(2);
  u2 << 1, -3;
  return linear_saddle_at(projection_theta(u2), "the critical point on the other eigenvector u2 = (1, -3)");
}

Verdict linear_origin() { return linear_saddle_at(Vec<Q>::Zero(4), "W = 0"); }

Verdict sigmoid_network() {
  const KrawczykResult k = net_certificate();
  const Mlp<I> f = small_net<I>();
  return compare<I>("baldi_hornik",
                    "with a sigmoid hidden unit: 'every local minimum is global' would make the loss over the certified "
                    "minimum's box at most the loss at theta_good",
                    Expect::counterexample("linear"), f.value(k.box), Relation::le, f.value(theta_good()), I(0),
                    std::string(net_text) + "; the box holds one critical point with a positive definite Hessian (steps of "
                    "bad_local_minimum)");
}

Verdict notes_attribution_refuted() {
  const KrawczykResult k = net_certificate();
  const std::vector<M> ev = symmetric_eigenvalues<M>(midpoint(k.hessian));
  const M low = smallest_minor_lower_bound(shifted(k.hessian, M(ev.front() * 9 / 10)));
  const Mlp<I> f = small_net<I>();
  // the fair reading: no local minimum other than the global ones (Baldi & Hornik's global minima are minima too),
  // so the loss at the certified minimum would be at most the loss anywhere, theta_good's included
  if (!(k.unique_zero && low > 0)) throw std::logic_error("notes_attribution_refuted: the local minimum is not certified");
  const I at_minimum = f.value(k.box), at_good = f.value(theta_good());
  return compare<I>("baldi_hornik",
                    "seed 002 line 428, read as 'no local minimum other than global ones': the loss over the box of the 1-1-1 "
                    "sigmoid network's certified strict local minimum (Krawczyk, positive definite Hessian) against the "
                    "loss at theta_good",
                    Expect::refutes(seed002_baldi_hornik), at_minimum, Relation::le, at_good, I(0),
                    std::string(net_text) + "; the gap is " + shown<I>(I(at_minimum - at_good), 4));
}

// ---- plot data ----

std::vector<std::vector<double>> basin_critical_points() {
  const FourWells<double> f;
  std::vector<std::vector<double>> rows;
  for (double sx : {-1.0, 0.0, 1.0})
    for (double sy : {-1.0, 0.0, 1.0}) {
      Vec<double> x(2);
      x << sx, sy;
      for (int k = 0; k < 60; ++k) x -= solve<double>(f.hessian(x), f.gradient(x));
      const Mat<double> H = f.hessian(x);
      const double det = H(0, 0) * H(1, 1) - H(0, 1) * H(1, 0);
      rows.push_back({x(0), x(1), det < 0 ? 1.0 : (H(0, 0) > 0 ? 0.0 : 2.0)});
    }
  return rows;
}

std::vector<std::vector<double>> basin_paths() {
  const FourWells<double> f;
  std::vector<std::vector<double>> rows;
  const double starts[8][2] = {{-2, 2}, {-0.3, 1.9}, {0.2, 0.1}, {1.9, 0.6}, {-1.9, -0.2}, {0.1, -1.9}, {-0.1, 0.1}, {1.5, -2}};
  for (int p = 0; p < 8; ++p) {
    Vec<double> x(2);
    x << starts[p][0], starts[p][1];
    GradientDescent<double> gd(1.0 / 20);
    const Trace<double> tr = run<double>(f, gd, x, detail::stop_after<double>(200));
    for (const auto& v : tr.x) rows.push_back({double(p), v(0), v(1)});
  }
  return rows;
}

std::vector<std::vector<double>> escape_table(const Q& eta) {
  std::vector<std::vector<double>> rows;
  for (const EscapeRow& r : escape_rows(eta)) rows.push_back({double(r.k), double(r.steps), to_double<M>(r.predicted)});
  return rows;
}



std::vector<audit::Misfit> audit_rows() {
  std::vector<audit::Misfit> rows;
  Vec<Q> p(2);
  p << Q(3, 5), Q(-7, 4);
  rows.push_back({"four_wells at " + vec_text<Q>(p), true,
                  from_rational<Mpfr>(audit::derivative_misfit<Q>(FourWells<Q>(), p, Q(1, 7)))});
  return rows;
}

}  // namespace descent::claims::surface

namespace descent::claims::audit {
std::vector<Misfit> surface_problems() { return surface::audit_rows(); }
}  // namespace descent::claims::audit

// ---- the claims of lesson 17_loss_surface that this file checks: their entries in the claim index
// (claim.hpp), registered here beside their checks (registry.cpp collects every file's)
namespace descent::claims {
std::vector<ClaimInfo> claims_of_surface_checks() {
  return {
      {"second_order_test", "17_loss_surface",
       R"(\nabla f(x)=0:\ \nabla^2f(x)\succ0\Rightarrow\text{strict local minimum};\ \nabla^2f(x) \text{ with eigenvalues of both signs}\Rightarrow\text{saddle; the test decides only for a nonsingular } \nabla^2f(x)\text{: } \nabla^2f(x)\succeq0 \text{ alone does not make a minimum})",
       {{"nonsingular", R"(\nabla^2f(x) \text{ has no zero eigenvalue})"}},
       "seed 002 (The Loss Surface: saddle point); the second-order test",
       {{"semidefinite_suffices", R"(\nabla f(x)=0,\ \nabla^2f(x)\succeq0\Rightarrow\text{local minimum})"}},
       "its inequalities are signs (a curvature below 0, a certified saddle's quadratic forms), not bounds with a constant"},
      {"saddle_escape", "17_loss_surface",
       R"(\text{near a strict saddle with eigenvalue } -\lambda<0\text{, GD with step } \eta \text{ from distance } \delta \text{ off the stable manifold needs } \ge\ln(c/\delta)/\ln(1+\eta\lambda) \text{ steps to leave, and that rate is attained as } \delta\to0)",
       {{"off_manifold", R"(\delta>0\text{: the start is not on the saddle's stable manifold})"}},
       "seed 002 (Gradient descent algorithms often get stuck in saddle points); Dauphin et al. (2014)",
       {{"rate_eta", R"(\ge\ln(c/\delta)/\eta \text{ steps (} \eta \text{ in place of } \ln(1+\eta)\text{)})"}}},
      {"basins", "17_loss_surface",
       R"(\text{on a non-convex } f \text{ the limit of gradient descent depends on the start: each local minimum has its basin of attraction, and a start in a poor minimum's basin stays there})",
       {},
       "seed 000 (Gradient Descent in Non-convex Problems: sensitive to initialization and could get stuck in local optima)",
       {{"start_independent", R"(\text{gradient descent reaches the same minimum from every start})"}}},
      {"bad_local_minimum", "17_loss_surface",
       R"(\text{a network with one sigmoid hidden unit, trained with the squared error on six points, has a strict local minimum whose loss exceeds that of another point})",
       {},
       "seed 002 (Swirszcz et al. 2016: in networks of finite size you can have horrible local minima)",
       {{"bad_minimum_global", R"(\text{the certified minimum } \theta_{bad} \text{ is global (no point has a lower loss)})"}},
       "its inequalities are certificates (Krawczyk's reach, minors above 0) and a comparison of two certified losses, "
       "not bounds with a constant"},
      {"baldi_hornik", "17_loss_surface",
       R"(\text{linear network } y=W_2W_1x \text{ (hidden width } p\text{), squared error, } \Sigma_{XX} \text{ invertible, } \Sigma=\Sigma_{YX}\Sigma_{XX}^{-1}\Sigma_{XY} \text{ with distinct eigenvalues: every local minimum is global, } L^*=\tfrac1K(\operatorname{tr}\Sigma_{YY}-\textstyle\sum_{i\le p}\lambda_i)\text{, every other critical point a saddle})",
       {{"linear", R"(\text{identity activations (a linear network)})"}},
       "Baldi & Hornik (1989); seed 002 (The Controversial Loss Surface)",
       {{"without_one_over_K", R"(L^*=\operatorname{tr}\Sigma_{YY}-\textstyle\sum_{i\le p}\lambda_i \text{ (without } \tfrac1K\text{)})"}},
       "the saddles' curvatures are signs (below 0), not bounds with a constant; the global minimum's value is pinned exactly"},
  };
}
}  // namespace descent::claims
