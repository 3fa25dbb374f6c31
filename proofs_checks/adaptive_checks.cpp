// Claims of lesson 11: AdaGrad, RMSProp and AdaDelta.
#include "adaptive_checks.hpp"

#include <mpfr.h>

#include <cmath>
#include <stdexcept>

#include "descent/optimizers/adam.hpp"
#include "descent/optimizers/adaptive.hpp"
#include "descent/optimizers/newton.hpp"
#include "instance_text.hpp"

namespace descent::claims::adaptive {

namespace {
using Q = Rational;
using M = Mpfr;
using descent::abs_value;
using detail::seed003;
using detail::vec_text;

const Erratum seed003_index{seed003, 140, "(G_t)_{ii} = \\sqrt{\\sum_{j=1}^{t-1} (\\nabla f(x_t)_i)^2}",
                            "the sum runs over the past gradients: (G_t)_ii = sqrt(sum_{j=1}^{t-1} (grad f(x_j)_i)^2), "
                            "x_1 the start; as written the summand does not depend on j and G_t = sqrt(t - 1)|grad "
                            "f(x_t)_i|"};
const Erratum seed003_strict{seed003, 142, "$G_t$  strictly increasing  $\\Rightarrow$  effective learning rate small",
                             "G_t is non-decreasing: (G_t)_ii stays constant while the i-th partial derivative is 0, "
                             "and then so does that coordinate's effective rate eta/(G_ii + eps); nor need the rate become "
                             "small: on a linearly convergent run sum g^2 converges (on (100x^2 + y^2)/2 AdaGrad's G tends "
                             "to (27359.6, 2.736) and the y-rate stays eta/sqrt(G_yy) = 0.6 eta)"};
const Erratum seed003_unroll{seed003, 162, "$$\\Leftrightarrow \\sum_{t=0}^T \\beta^{T-t} (\\nabla f(x_t)_i)^2$$",
                             "from G_0 = 0 the recursion of line 160 gives G_{T+1} = (1 - beta) sum_{t=0}^T "
                             "beta^{T-t} grad f(x_t)_i^2: without the factor 1 - beta the sum is 1/(1 - beta) times "
                             "the accumulator (10 times for beta = 0.9), so every step (eps = 0) is sqrt(1 - beta) "
                             "times the true one (0.316 times for beta = 0.9)"};
const Erratum seed003_minus_one{seed003, 197, "$$x_{t+1} = x_t - \\eta(G_{t+1} + \\epsilon I)^{-1} \\nabla f(x_t),$$",
                                "RMSProp divides by the root of the mean square: (G_{t+1} + eps I)^{-1/2}, as on "
                                "line 160; with the power -1 the step has the units of 1/gradient"};
const Erratum seed003_same{seed003, 198, "$$(G_t)_{ii} = \\beta(G_t)_{ii} + (1 - \\beta)(\\nabla f(x_t)_i)^2$$",
                           "(G_{t+1})_ii = beta (G_t)_ii + (1 - beta)(grad f(x_t)_i)^2, as on line 160; read as "
                           "written it is an equation whose only solution is G_t = grad f(x_t)_i^2"};
const Erratum seed003_gd{seed003, 183, "GD:  $\\Delta \\propto \\frac{\\partial f}{\\partial x} \\propto \\text{unit of } x$",
                         "with f unitless, df/dx has the units of 1/x (Zeiler 2012, sec. 3.2), so GD's step has the "
                         "units of 1/x; line 166 (df/dx : unit of x) has the same slip, line 167 is right"};
const Erratum seed003_u{seed003, 179, "$$u_{t+1} = \\rho u_t + (1 - \\rho) \\|\\Delta x_t\\|_2^2$$",
                        "Zeiler's Algorithm 1 accumulates E[Delta x^2] coordinate by coordinate (Delta x_t^2 "
                        "elementwise), so each coordinate has its own step scale; the scalar u couples them (and u "
                        "has the units of x^2, line 181 says x)"};

template <class S>
Quadratic<S> diagonal(const S& a1, const S& a2) {
  Mat<S> A = Mat<S>::Zero(2, 2);
  A(0, 0) = a1;
  A(1, 1) = a2;
  return Quadratic<S>(A, Vec<S>::Zero(2), S(0));
}
template <class S>
Quadratic<S> scaled(const Quadratic<S>& f, const S& c) {  // f_c(y) = f(y/c)
  return Quadratic<S>(Mat<S>(f.A() / (c * c)), Vec<S>(f.b() / c), f.c());
}
template <class S>
Vec<S> vec2(const S& a, const S& b) {
  Vec<S> v(2);
  v << a, b;
  return v;
}
template <class S>
std::vector<Vec<S>> path(const Problem<S>& f, Optimizer<S>& opt, const Vec<S>& x0, int steps) {
  return run<S>(f, opt, x0, detail::stop_after<S>(steps)).x;
}
// max_k ‖a_k − b_k‖_∞ and max_k ‖a_k‖_∞
template <class S>
std::pair<S, S> difference(const std::vector<Vec<S>>& a, const std::vector<Vec<S>>& b) {
  if (a.size() != b.size()) throw std::logic_error("adaptive: trajectories of different lengths");
  S d = 0, m = 0;
  for (std::size_t k = 0; k < a.size(); ++k)
    for (int i = 0; i < a[k].size(); ++i) {
      d = std::max<S>(d, abs_value<S>(S(a[k](i) - b[k](i))));
      m = std::max<S>(m, abs_value<S>(a[k](i)));
    }
  return {d, m};
}
std::string steps_text(int steps) { return std::to_string(steps) + " steps"; }
}  // namespace

// ---- adagrad_forms ----

Verdict notes_form_simplifies(int steps) {
  const auto f = diagonal<M>(M(3), M(M(1) / 2));
  const Vec<M> x0 = vec2<M>(M(1), M(-2));
  AdaGrad<M> notes(M(M(1) / 2), M(0), AdaGradForm::notes), duchi(M(M(1) / 2), M(0), AdaGradForm::paper);
  const auto a = path<M>(f, notes, x0, steps), b = path<M>(f, duchi, x0, steps);
  const auto [d, m] = difference<M>(a, b);
  // the variant without eta^t's sqrt(t + 1): w - (eta/sigma^t) g^t with sigma^t the RMS of g^0..g^t, written out
  std::vector<Vec<M>> undecayed{x0};
  Vec<M> sum = Vec<M>::Zero(2);
  for (int t = 0; t < steps; ++t) {
    const Vec<M> g = f.gradient(undecayed.back());
    sum += g.cwiseProduct(g);
    Vec<M> next = undecayed.back();
    for (int i = 0; i < 2; ++i) next(i) -= M(1) / 2 / sqrt(M(sum(i) / (t + 1))) * g(i);
    undecayed.push_back(next);
  }
  const auto [d_wrong, m_wrong] = difference<M>(undecayed, b);
  Verdict v = compare<M>("adagrad_forms",
                    "seed 001's w - (eta^t/sigma^t) g^t with eta^t = eta/sqrt(t + 1), sigma^t the RMS of g^0..g^t, "
                    "against w - eta g^t/sqrt(sum (g^i)^2): the largest difference of the iterates",
                    Kind::holds, d, Relation::eq, M(0), m,
                    "f = (3x^2 + y^2/2)/2 from (1, -2), eta = 1/2, " + steps_text(steps) + ", both the library's AdaGrad "
                    "(forms notes and paper with eps = 0); last iterate " + vec_text<M>(a.back()) +
                        ". The sqrt(t + 1) of eta^t cancels the 1/(t + 1) inside sigma^t");
  return rule_out<M>(v, "eta_t_undecayed", d_wrong, Relation::eq, M(0), m_wrong);
}

Verdict contrast() {
  // seed 001, "How surprise it is": g^0..g^4 = 0.001, 0.001, 0.003, 0.002, 0.1 and 10.8, 20.9, 31.7, 12.1, 0.1
  const std::vector<Q> small = {Q(1, 1000), Q(1, 1000), Q(3, 1000), Q(2, 1000), Q(1, 10)};
  const std::vector<Q> large = {Q(108, 10), Q(209, 10), Q(317, 10), Q(121, 10), Q(1, 10)};
  auto squared_step = [](const std::vector<Q>& g) {  // (η g⁴)²/Σ(gⁱ)² with η = 1
    Q s = 0;
    for (const auto& x : g) s += x * x;
    return g.back() * g.back() / s;
  };
  const Q a = squared_step(small), b = squared_step(large);
  return compare<Q>("adagrad_forms",
                    "seed 001's two sequences ending in g^4 = 0.1: the squared AdaGrad step after the small "
                    "gradients exceeds 10^4 times the one after the large gradients",
                    Kind::holds, a, Relation::gt, Q(10000) * b, Q(0),
                    "step^2/eta^2 = (g^4)^2/sum (g^i)^2: " + shown<Q>(a) + " against " + shown<Q>(b) +
                        ": the same gradient 0.1 moves almost a full eta after small gradients and about eta/400 after "
                        "large ones (seed 001: the contrast, \"how surprise it is\")");
}

Verdict seed003_accumulator() {
  const auto f = diagonal<M>(M(2), M(1));
  AdaGrad<M> ada(M(M(1) / 2), M(0));
  const auto xs = path<M>(f, ada, vec2<M>(M(1), M(1)), 3);
  // t = 3 (x_1 = xs[0]): literal √(t − 1)|∇f(x_t)_1| against √(Σ_{j<t} ∇f(x_j)_1²)
  M past = 0;
  for (int j = 0; j < 2; ++j) past += f.gradient(xs[static_cast<std::size_t>(j)])(0) * f.gradient(xs[static_cast<std::size_t>(j)])(0);
  const M literal = sqrt(M(2)) * abs_value<M>(M(f.gradient(xs[2])(0)));
  const M true_G = sqrt(past);
  return compare<M>("adagrad_forms",
                    "seed 003: (G_t)_ii = sqrt(sum_{j=1}^{t-1} (grad f(x_t)_i)^2) at t = 3 equals AdaGrad's accumulator "
                    "sqrt(sum_{j<3} (grad f(x_j)_i)^2)",
                    Expect::refutes(seed003_index), literal, Relation::eq, true_G, M(literal + true_G),
                    "(x^2 + y^2/2) from (1, 1), the library's AdaGrad with eta = 1/2: the literal reading gives "
                    "sqrt(2)|g_3| = " + shown<M>(literal) + ", the accumulator of g_1, g_2 is " + shown<M>(true_G));
}

Verdict seed003_strictly_increasing() {
  // ½(x² + 2(y − 1)²) from (1, 1): the y-derivative 2(y − 1) is 0 at the start, so AdaGrad never moves y
  // and G_yy never grows. The run is the library's at the working precision; y stays exactly 1 (compared
  // exactly), so the y-derivatives and their squares are exactly 0 and the accumulator is summed exactly.
  Mat<M> A = Mat<M>::Zero(2, 2);
  A(0, 0) = 1;
  A(1, 1) = 2;
  const Quadratic<M> f(A, vec2<M>(M(0), M(2)), M(0));
  AdaGrad<M> ada(M(M(1) / 2), M(0));
  ada.reset(2);
  // the library's accumulator, read after each step
  Vec<M> x = vec2<M>(M(1), M(1));
  std::vector<M> G;
  for (int k = 0; k < 2; ++k) {
    x = ada.step(f, x, f.gradient(x));
    G.push_back(ada.accumulator()(1));
  }
  // the accumulator's binary values converted to rationals exactly, so that equal entries refute ">" exactly
  auto exact = [](const M& m) {
    Q q;
    mpfr_get_q(q.backend().data(), m.backend().data());
    return q;
  };
  return compare<Q>("adagrad_forms",
                    "seed 003: G_t strictly increasing; the y-entry of AdaGrad's accumulator after step 2 exceeds it "
                    "after step 1",
                    Expect::refutes(seed003_strict), exact(G[1]), Relation::gt, exact(G[0]), Q(0),
                    "(x^2 + 2(y - 1)^2)/2 from (1, 1), the library's AdaGrad, eta = 1/2: df/dy = 2(y - 1) = 0 at the "
                    "start, so y never moves and the accumulator's y-entry (read from the optimizer) is " +
                        shown<M>(G[0]) + " after step 1 and " + shown<M>(G[1]) + " after step 2 (x moves: " +
                        vec_text<M>(x) + ")");
}

// ---- gradient_distance ----

Verdict best_step() {
  const Q a(3, 2), b(-5), c(7);
  Q worst = 0;
  std::string rows;
  for (const Q& x0 : {Q(7, 3), Q(-4), Q(5, 3), Q(100)}) {
    const auto f = quadratic_1d<Q>(2 * a, b, c);  // E = ½(2a)w² + bw + c = aw² + bw + c
    const Q d1 = f.gradient(detail::scalar_vec<Q>(x0))(0), d2 = f.hessian(detail::scalar_vec<Q>(x0))(0, 0);
    const Q distance = abs_value<Q>(Q(x0 + b / (2 * a)));
    worst = std::max<Q>(worst, abs_value<Q>(Q(distance - abs_value<Q>(d1) / d2)));
    rows += (rows.empty() ? "" : ", ") + x0.str() + ": " + distance.str();
  }
  Verdict v = compare<Q>("gradient_distance",
                         "y = ax^2 + bx + c, a = 3/2, b = -5: the distance |x0 + b/(2a)| to the minimizer equals "
                         "|y'(x0)|/y'' (largest difference over four x0)",
                         Kind::holds, worst, Relation::eq, Q(0), Q(0),
                         "distances " + rows + " (y' and y'' from the library's quadratic): one Newton step lands on the minimizer");
  {  // half of it, at x0 = 100
    const auto f = quadratic_1d<Q>(2 * a, b, c);
    const Q x0(100), d1 = f.gradient(detail::scalar_vec<Q>(x0))(0), d2 = f.hessian(detail::scalar_vec<Q>(x0))(0, 0);
    rule_out<Q>(v, "distance_half", abs_value<Q>(Q(x0 + b / (2 * a))), Relation::eq, Q(abs_value<Q>(d1) / (2 * d2)), Q(0));
  }
  return v;
}

Verdict across_parameters() {
  const auto f = diagonal<Q>(Q(100), Q(1));
  const Vec<Q> x = vec2<Q>(Q(1, 10), Q(1));
  const Vec<Q> g = f.gradient(x);
  // the claim for one parameter: |f'| larger ⇒ farther. Here |g_x| > |g_y| but |x| < |y|.
  return compare<Q>("gradient_distance",
                    "larger |first derivative| means farther from the minimum, across parameters: |x - x*| >= |y - y*| "
                    "since |df/dx| > |df/dy|",
                    Expect::counterexample("one_parameter"), abs_value<Q>(x(0)), Relation::ge, abs_value<Q>(x(1)), Q(0),
                    "(100x^2 + y^2)/2 at (1/10, 1): df/dx = " + g(0).str() + ", df/dy = " + g(1).str() +
                        ", yet x is 1/10 from its minimizer and y is 1 (seed 001: \"do not cross parameters\"; the "
                        "distance is |f'|/f'' and the second derivatives differ, 100 against 1)");
}

// ---- adagrad_axis_aligned ----

Verdict accumulator_estimates_curvature(int steps) {
  const M a1 = 100, a2 = 1;
  const auto f = diagonal<M>(a1, a2);
  AdaGrad<M> ada(M(M(1) / 4), M(0));
  const auto xs = path<M>(f, ada, vec2<M>(M(-1), M(1)), steps);
  Vec<M> sx = Vec<M>::Zero(2);
  for (std::size_t k = 0; k + 1 < xs.size(); ++k) sx += xs[k].cwiseProduct(xs[k]);  // the steps' points x_0..x_{K−1}
  const Vec<M>& G = ada.accumulator();
  const M r1 = abs_value<M>(M(G(0) / (a1 * a1 * sx(0)) - 1)), r2 = abs_value<M>(M(G(1) / (a2 * a2 * sx(1)) - 1));
  return compare<M>("adagrad_axis_aligned",
                    "on (a_1 x^2 + a_2 y^2)/2 the AdaGrad accumulator G_i = sum_s g_{i,s}^2 equals a_i^2 sum_s x_{i,s}^2 "
                    "(largest relative difference)",
                    Kind::holds, std::max<M>(r1, r2), Relation::eq, M(0), M(steps),
                    "a = (100, 1), eta = 1/4, " + steps_text(steps) + " of the library's AdaGrad from (-1, 1): G = " +
                        vec_text<M>(G) + ". sqrt(G_i) estimates the second derivative a_i times the root sum of squares "
                        "sqrt(sum_s x_{i,s}^2) of the coordinate's own path (seed 001: use the first derivative to "
                        "estimate the second)");
}

Verdict curvature_free(int steps) {
  AdaGrad<M> a(M(M(1) / 4), M(0)), b(M(M(1) / 4), M(0));
  const Vec<M> x0 = vec2<M>(M(-1), M(1));
  const auto p = path<M>(diagonal<M>(M(100), M(1)), a, x0, steps), q = path<M>(diagonal<M>(M(1), M(1)), b, x0, steps);
  const auto [d, m] = difference<M>(p, q);
  AdaGrad<M> ae(M(M(1) / 4), M(1)), be(M(M(1) / 4), M(1));  // with eps = 1 the curvatures show
  const auto pe = path<M>(diagonal<M>(M(100), M(1)), ae, x0, steps), qe = path<M>(diagonal<M>(M(1), M(1)), be, x0, steps);
  const auto [de, me] = difference<M>(pe, qe);
  Verdict v = compare<M>("adagrad_axis_aligned",
                    "AdaGrad (eps = 0) on (100x^2 + y^2)/2 and on (x^2 + y^2)/2 from the same point: the largest "
                    "difference of the iterates",
                    Kind::holds, d, Relation::eq, M(0), m,
                    "eta = 1/4 from (-1, 1), " + steps_text(steps) + ": each coordinate follows x <- x - eta x/sqrt(sum_s "
                    "x_s^2) whatever a_i, so condition number 100 costs nothing; last iterate " + vec_text<M>(p.back()));
  return rule_out<M>(v, "eps_positive_too", de, Relation::eq, M(0), me);
}

Verdict rotated_depends(int steps) {
  // A = R diag(100, 1) Rᵀ, R = [[3/5, −4/5], [4/5, 3/5]]
  Mat<M> R(2, 2);
  R << M(M(3) / 5), M(M(-4) / 5), M(M(4) / 5), M(M(3) / 5);
  Mat<M> D = Mat<M>::Zero(2, 2);
  D(0, 0) = 100;
  D(1, 1) = 1;
  const Quadratic<M> rotated(Mat<M>(R * D * R.transpose()), Vec<M>::Zero(2), M(0));
  AdaGrad<M> a(M(M(1) / 4), M(0)), b(M(M(1) / 4), M(0));
  const Vec<M> x0 = vec2<M>(M(-1), M(1));
  const auto p = path<M>(rotated, a, x0, steps), q = path<M>(diagonal<M>(M(1), M(1)), b, x0, steps);
  const auto [d, m] = difference<M>(p, q);
  return compare<M>("adagrad_axis_aligned",
                    "the same with the Hessian rotated by (3/5, 4/5) (eigenvalues 100 and 1, not along the axes): the "
                    "iterates do not depend on the curvatures",
                    Expect::counterexample("axis_aligned"), d, Relation::eq, M(0), m,
                    steps_text(steps) + ": the iterates differ from those on (x^2 + y^2)/2 by up to " + shown<M>(d) +
                        "; last iterates " + vec_text<M>(p.back()) + " and " + vec_text<M>(q.back()) +
                        ": a diagonal scaling cannot undo a rotated curvature");
}

// ---- rmsprop_average ----

namespace {
struct RmsRun {
  std::vector<Vec<M>> xs;
  std::vector<Vec<M>> gs;
  Vec<M> G;
};
RmsRun rms_run(const M& beta, int steps) {
  const auto f = diagonal<M>(M(4), M(1));
  RMSProp<M> opt(M(M(1) / 10), beta, M(0), EpsPlacement::inside);
  RmsRun r;
  r.xs = path<M>(f, opt, vec2<M>(M(1), M(-3)), steps);
  for (std::size_t k = 0; k + 1 < r.xs.size(); ++k) r.gs.push_back(f.gradient(r.xs[k]));
  r.G = opt.square_average();
  return r;
}
// Σ_{t=0}^{T} β^{T−t} g_t², coordinate 0, times `factor`
M unrolled(const RmsRun& r, const M& beta, const M& factor) {
  M s = 0, p = 1;
  for (std::size_t t = r.gs.size(); t-- > 0;) {
    s += p * r.gs[t](0) * r.gs[t](0);
    p *= beta;
  }
  return factor * s;
}
}  // namespace

Verdict unrolled_sum(int steps) {
  const M beta = M(9) / 10;
  const RmsRun r = rms_run(beta, steps);
  const M sum = unrolled(r, beta, M(1 - beta));
  return compare<M>("rmsprop_average",
                    "RMSProp's G_{T+1} = beta G_T + (1 - beta) g_T^2 from G_0 = 0 equals (1 - beta) sum_t beta^{T-t} g_t^2",
                    Kind::holds, r.G(0), Relation::eq, sum, M(r.G(0) + sum),
                    "beta = 9/10, the library's RMSProp on (4x^2 + y^2)/2 from (1, -3), eta = 1/10, " + steps_text(steps) +
                        ": G_1 = " + shown<M>(r.G(0)) + " against the weighted sum of the recorded gradients");
}

Verdict seed003_unrolled(int steps) {
  const M beta = M(9) / 10;
  const RmsRun r = rms_run(beta, steps);
  const M sum = unrolled(r, beta, M(1));
  return compare<M>("rmsprop_average",
                    "seed 003: the recursion unrolls to sum_{t=0}^T beta^{T-t} (grad f(x_t)_i)^2",
                    Expect::refutes(seed003_unroll), r.G(0), Relation::eq, sum, M(r.G(0) + sum),
                    "the same run: G_1 = " + shown<M>(r.G(0)) + ", the seed's sum " + shown<M>(sum) +
                        " = G_1/(1 - beta), 10 times larger");
}

Verdict step_bound(int steps) {
  const M beta = M(9) / 10;
  const RmsRun r = rms_run(beta, steps);
  M worst = 0;
  for (std::size_t k = 0; k + 1 < r.xs.size(); ++k)
    for (int i = 0; i < 2; ++i) worst = std::max<M>(worst, abs_value<M>(M(r.xs[k + 1](i) - r.xs[k](i))));
  const M bound = M(M(1) / 10) / sqrt(M(1 - beta));
  return compare<M>("rmsprop_average",
                    "RMSProp with eps = 0: every step satisfies |Delta x_i| <= eta/sqrt(1 - beta) (since G_{t+1} >= "
                    "(1 - beta) g_t^2); lhs the largest over the run",
                    Kind::holds, worst, Relation::le, bound, bound,
                    "beta = 9/10, eta = 1/10, " + steps_text(steps) + " on (4x^2 + y^2)/2");
}

Verdict step_bound_first() {
  const M beta = M(9) / 10;
  const RmsRun r = rms_run(beta, 1);
  const M step = abs_value<M>(M(r.xs[1](1) - r.xs[0](1)));
  const M bound = M(M(1) / 10) / sqrt(M(1 - beta));
  Verdict v = compare<M>("rmsprop_average",
                    "the first RMSProp step (G_0 = 0, eps = 0) attains the bound: |Delta x_i| = eta/sqrt(1 - beta), "
                    "whatever g",
                    Kind::tight, step, Relation::eq, bound, bound,
                    "G_1 = (1 - beta) g_0^2, so the step is eta g_0/(sqrt(1 - beta)|g_0|): a sign step, 3.16 eta for "
                    "beta = 9/10; coordinate 2 (g_0 = -3)");
  return rule_out<M>(v, "step_at_most_eta", step, Relation::le, M(M(1) / 10), bound);
}

Verdict seed003_power() {
  const M beta = M(9) / 10, eta = M(1) / 10, g = 10;
  const M G = (1 - beta) * g * g;
  const M with_root = eta * g / sqrt(G), with_inverse = eta * g / G;
  return compare<M>("rmsprop_average",
                    "seed 003 (the Adam slide): RMSProp's x_{t+1} = x_t - eta (G_{t+1} + eps I)^{-1} grad f(x_t): its "
                    "first step equals RMSProp's eta/sqrt(1 - beta) (line 160, power -1/2)",
                    Expect::refutes(seed003_minus_one), with_inverse, Relation::eq, with_root, with_root,
                    "beta = 9/10, eta = 1/10, eps = 0, g_0 = 10: the power -1 gives " + shown<M>(with_inverse) +
                        ", the root " + shown<M>(with_root) + "; with -1 the first step eta/((1 - beta)|g_0|) shrinks "
                        "as the gradient grows");
}

Verdict seed003_same_index() {
  // the equation G = βG + (1 − β)g² in G has the single solution g²; the recursion after g₀ = 2, g₁ = 1 gives
  // G_2 = (1 − β)(βg₀² + g₁²)
  const Q beta(9, 10), g0(2), g1(1);
  const Q solution = g1 * g1;  // (1 − β)G = (1 − β)g²
  const Q recursion = (1 - beta) * (beta * g0 * g0 + g1 * g1);
  return compare<Q>("rmsprop_average",
                    "seed 003 (the Adam slide): (G_t)_ii = beta (G_t)_ii + (1 - beta) g_t^2 defines the average of "
                    "line 160: its solution after g_0 = 2, g_1 = 1 equals G_2 of the recursion",
                    Expect::refutes(seed003_same), solution, Relation::eq, recursion, Q(0),
                    "beta = 9/10: the equation forces G = g_1^2 = 1 (no memory of g_0); the recursion gives " +
                        recursion.str());
}

// ---- adadelta_units ----

namespace {
const Quadratic<M>& units_problem() {
  static const Quadratic<M> f = [] {
    Mat<M> A(2, 2);
    A << M(3), M(1), M(1), M(2);
    return Quadratic<M>(A, vec2<M>(M(1), M(-1)), M(0));
  }();
  return f;
}
std::pair<M, M> relative_map_error(const std::vector<Vec<M>>& x, const std::vector<Vec<M>>& y, const M& c) {
  M worst = 0, scale = 0;
  for (std::size_t k = 0; k < x.size() && k < y.size(); ++k)
    for (int i = 0; i < x[k].size(); ++i) {
      worst = std::max<M>(worst, abs_value<M>(M(y[k](i) / c - x[k](i))));
      scale = std::max<M>(scale, abs_value<M>(x[k](i)));
    }
  return {worst, scale};
}
}  // namespace

Verdict adadelta_maps(int steps) {
  const M c = 100, eps = M(1) / 1000000, rho = M(9) / 10;
  const auto& f = units_problem();
  const Vec<M> x0 = vec2<M>(M(2), M(-1));
  AdaDelta<M> a(M(1), rho, eps, eps), b(M(1), rho, M(eps / (c * c)), M(eps * c * c));
  const auto x = path<M>(f, a, x0, steps), y = path<M>(scaled<M>(f, c), b, Vec<M>(c * x0), steps);
  const auto [err, scale] = relative_map_error(x, y, c);
  return compare<M>("adadelta_units",
                    "AdaDelta on f_c(y) = f(y/c) from y_0 = c x_0 with eps_g/c^2 and c^2 eps_Delta: y_k/c = x_k",
                    Kind::holds, err, Relation::eq, M(0), M(scale * steps),
                    "c = 100, rho = 9/10, eps = 1e-6, f = (3x^2 + 2xy + 2y^2)/2 - x + y, " + steps_text(steps) +
                        " of the library's AdaDelta (lr 1): the step sqrt(E_Delta + eps_Delta)/sqrt(E_g + eps_g) g has "
                        "the units of x when each eps carries the units of its average");
}

Verdict adadelta_fixed_eps(int steps) {
  const M c = 100, eps = M(1) / 1000000, rho = M(9) / 10;
  const auto& f = units_problem();
  const Vec<M> x0 = vec2<M>(M(2), M(-1));
  AdaDelta<M> a(M(1), rho, eps, eps), b(M(1), rho, eps, eps);
  const auto x = path<M>(f, a, x0, steps), y = path<M>(scaled<M>(f, c), b, Vec<M>(c * x0), steps);
  const auto [err, scale] = relative_map_error(x, y, c);
  return compare<M>("adadelta_units",
                    "AdaDelta with the same eps = 1e-6 on f and f_c: y_k/c = x_k",
                    Expect::counterexample("eps_scaled"), err, Relation::eq, M(0), M(scale * steps),
                    "c = 100, " + steps_text(steps) + ": max_k |y_k/c - x_k| = " + shown<M>(err) + " against max |x_k| = " +
                        shown<M>(scale) + ". The first step is sqrt(eps)/sqrt((1 - rho) g^2 + eps) g in both runs, "
                        "so y moves as far as x did (c times too little): Zeiler's units argument holds only up to eps");
}

namespace {
// The first step of an optimizer on f = (3x² + 2xy + 2y²)/2 − x + y from x₀ = (2, −1) and of a fresh copy
// on f_c(y) = f(y/c) from c x₀ (exact).
template <class Opt>
std::pair<Vec<Q>, Vec<Q>> first_steps(const Q& c, const Opt& prototype) {
  Mat<Q> A(2, 2);
  A << Q(3), Q(1), Q(1), Q(2);
  const Quadratic<Q> f(A, vec2<Q>(Q(1), Q(-1)), Q(0));
  const auto fc = scaled<Q>(f, c);
  const Vec<Q> x0 = vec2<Q>(Q(2), Q(-1)), y0 = c * x0;
  Opt a = prototype, b = prototype;
  return {a.step(f, x0, f.gradient(x0)) - x0, b.step(fc, y0, fc.gradient(y0)) - y0};
}
}  // namespace

Verdict gd_units() {
  const Q c(10), eta(1, 10);
  const auto [dx, dy] = first_steps(c, GradientDescent<Q>(eta));
  const Q misfit = (c * dx - c * c * dy).cwiseAbs().maxCoeff();
  return compare<Q>("adadelta_units",
                    "GD's first step on f_c(y) = f(y/c): c Delta x = c^2 Delta y (the step scales as 1/c)",
                    Kind::holds, misfit, Relation::eq, Q(0), Q(0),
                    "c = 10, eta = 1/10: Delta x = " + vec_text<Q>(dx) + ", Delta y = " + vec_text<Q>(dy) +
                        ": the gradient has the units of 1/x, so GD is c^2 off a step with the units of x");
}

Verdict unitless_first_step() {
  const M c = 100;
  const auto& f = units_problem();
  const auto fc = scaled<M>(f, c);
  const Vec<M> x0 = vec2<M>(M(2), M(-1)), y0 = c * x0;
  AdamOptions<M> o;
  o.eps = 0;
  M worst = 0, scale = 0;
  auto compare_first = [&](Optimizer<M>& on_f, Optimizer<M>& on_fc) {
    const Vec<M> dx = on_f.step(f, x0, f.gradient(x0)) - x0, dy = on_fc.step(fc, y0, fc.gradient(y0)) - y0;
    worst = std::max<M>(worst, (dx - dy).cwiseAbs().maxCoeff());
    // Δy = y₁ − y₀ cancels against |y₀| = c|x₀|: the rounding is relative to that
    scale = std::max<M>(scale, M(dx.cwiseAbs().maxCoeff() + y0.cwiseAbs().maxCoeff()));
  };
  RMSProp<M> r1(M(M(1) / 10), M(M(9) / 10), M(0), EpsPlacement::inside), r2(M(M(1) / 10), M(M(9) / 10), M(0),
                                                                             EpsPlacement::inside);
  Adam<M> a1(o), a2(o);
  compare_first(r1, r2);
  compare_first(a1, a2);
  // RMSProp's first step on f_c against GD's scaling Delta x / c
  RMSProp<M> r3(M(M(1) / 10), M(M(9) / 10), M(0), EpsPlacement::inside), r4(M(M(1) / 10), M(M(9) / 10), M(0),
                                                                             EpsPlacement::inside);
  const Vec<M> dx = r3.step(f, x0, f.gradient(x0)) - x0, dy = r4.step(fc, y0, fc.gradient(y0)) - y0;
  Verdict v = compare<M>("adadelta_units",
                         "RMSProp (seed 003: \"Delta : unitless\") and Adam (eps = 0) take the same first step on f and on "
                         "f_c: Delta y = Delta x",
                         Kind::holds, worst, Relation::eq, M(0), scale,
                         "c = 100, RMSProp eta = 1/10, beta = 9/10, Adam with Kingma & Ba's defaults: both divide the "
                         "gradient by the root of its own square, so the step has no units: in x's units it is c times too "
                         "small (first steps only: from the second step on the averages mix steps taken in different units)");
  return rule_out<M>(v, "rmsprop_like_gd", M((dy - dx / c).cwiseAbs().maxCoeff()), Relation::eq, M(0), scale);
}

Verdict newton_units() {
  const Q c(10);
  const auto [dx, dy] = first_steps(c, Newton<Q>(Q(1, 2), Q(0)));
  const Q misfit = (c * dx - dy).cwiseAbs().maxCoeff();
  return compare<Q>("adadelta_units",
                    "Newton's step (eta = 1/2) on f_c: Delta y = c Delta x (the units of x)",
                    Kind::holds, misfit, Relation::eq, Q(0), Q(0),
                    "c = 10: Delta x = " + vec_text<Q>(dx) + ", Delta y = " + vec_text<Q>(dy) +
                        " (seed 003: Newton's Delta has the units of x; AdaDelta approximates 1/f'' by "
                        "RMS[Delta x]/RMS[g])");
}

Verdict seed003_gd_units() {
  const Q c(10), eta(1, 10);
  const auto [dx, dy] = first_steps(c, GradientDescent<Q>(eta));
  return compare<Q>("adadelta_units",
                    "seed 003: GD's Delta has the units of x, so measured in y = c x it is c Delta x (first coordinate)",
                    Expect::refutes(seed003_gd), dy(0), Relation::eq, Q(c * dx(0)), Q(0),
                    "c = 10, eta = 1/10: Delta y_1 = " + dy(0).str() + ", c Delta x_1 = " + Q(c * dx(0)).str() +
                        " (Delta y = Delta x/c)");
}

// ---- adadelta_per_coordinate ----

namespace {
// AdaDelta (ρ = 9/10, ε = 10⁻⁶, lr 1) in the given form on ½(x² + 100y²) from (2, 1) and from (2, 5): the largest
// difference of the x-paths, and the largest |x|; the last x of each run.
struct XPaths {
  M diff, scale, last_a, last_b;
};
XPaths x_paths(AdaDeltaForm form, int steps) {
  const auto f = diagonal<M>(M(1), M(100));
  AdaDelta<M> a(M(1), M(M(9) / 10), M(M(1) / 1000000), M(M(1) / 1000000), form), b = a;
  const auto p = path<M>(f, a, vec2<M>(M(2), M(1)), steps), q = path<M>(f, b, vec2<M>(M(2), M(5)), steps);
  XPaths r{M(0), M(0), p.back()(0), q.back()(0)};
  for (std::size_t k = 0; k < p.size(); ++k) {
    r.diff = std::max<M>(r.diff, abs_value<M>(M(p[k](0) - q[k](0))));
    r.scale = std::max<M>(r.scale, abs_value<M>(p[k](0)));
  }
  return r;
}
}  // namespace

Verdict zeiler_separable(int steps) {
  const XPaths r = x_paths(AdaDeltaForm::paper, steps);
  const M d = r.diff, m = r.scale;
  return compare<M>("adadelta_per_coordinate",
                    "Zeiler's AdaDelta on (x^2 + 100y^2)/2: the x-path from (2, 1) and from (2, 5) (largest difference)",
                    Kind::holds, d, Relation::eq, M(0), m,
                    "rho = 9/10, eps = 1e-6, lr 1, " + steps_text(steps) + ": E[g^2] and E[Delta x^2] are kept per "
                    "coordinate (Algorithm 1, elementwise), so x never sees y");
}

Verdict seed003_scalar_u(int steps) {
  const XPaths r = x_paths(AdaDeltaForm::notes, steps);
  const M d = r.diff, m = r.scale;
  return compare<M>("adadelta_per_coordinate",
                    "seed 003's AdaDelta (\"AdaDelta (Zeiler '12)\") with the scalar u of ||Delta x||^2: the x-path "
                    "from (2, 1) and from (2, 5) is the same, as in Zeiler's per-coordinate method",
                    Expect::refutes(seed003_u), d, Relation::eq, M(0), m,
                    "the same instance, the library's AdaDelta in the notes' form: the x-paths differ by up to " +
                        shown<M>(d) + " (last x: " + shown<M>(r.last_a) + " and " + shown<M>(r.last_b) + ")");
}

Verdict divide_first_is_gd(const Rational& rho, const Rational& eps, int steps) {
  const auto f = diagonal<M>(M(M(1) / 2), M(M(3) / 2));
  const M eta = M(1) / 2;
  AdaDelta<M> slip(eta, from_rational<M>(rho), from_rational<M>(eps), from_rational<M>(eps), AdaDeltaForm::stale);
  GradientDescent<M> gd(eta);
  const Vec<M> x0 = vec2<M>(M(3), M(-2));
  const auto p = path<M>(f, slip, x0, steps), q = path<M>(f, gd, x0, steps);
  const auto [d, m] = difference<M>(p, q);
  return compare<M>("adadelta_per_coordinate",
                    "AdaDelta dividing by E[g^2] before adding g_t^2, both averages from 0: the same iterates as GD "
                    "with step eta (largest difference)",
                    Kind::holds, d, Relation::eq, M(0), m,
                    "rho = " + rho.str() + ", eps = " + eps.str() + ", eta = 1/2 on (x^2/2 + 3y^2/2)/2, " + steps_text(steps) +
                        ": the first step is sqrt(0 + eps)/sqrt(0 + eps) g = g, after which E[Delta x^2] and E[g^2] "
                        "obey the same recursion and stay equal, so every ratio is 1; difference " + shown<M>(d));
}

Verdict update_first_not_gd(int steps) {
  const auto f = diagonal<M>(M(M(1) / 2), M(M(3) / 2));
  const M eta = M(1) / 2;
  AdaDelta<M> zeiler(eta, M(M(9) / 10), M(M(1) / 1000000), M(M(1) / 1000000));
  GradientDescent<M> gd(eta);
  const Vec<M> x0 = vec2<M>(M(3), M(-2));
  const auto p = path<M>(f, zeiler, x0, steps), q = path<M>(f, gd, x0, steps);
  const auto [d, m] = difference<M>(p, q);
  Verdict v = compare<M>("adadelta_per_coordinate",
                         "Zeiler's order (E[g^2] updated with g_t first) from zero state: the same iterates as GD",
                         Expect::counterexample("divide_first"), d, Relation::eq, M(0), m,
                         "rho = 9/10, eps = 1e-6, the same instance: the first step is sqrt(eps)/sqrt((1 - rho) g^2 + eps) g, "
                         "about 0.003 g; the iterates differ by up to " + shown<M>(d));
  return rule_out<M>(v, "zeiler_order_is_gd", d, Relation::eq, M(0), m);
}

Verdict two_eps_not_gd(int steps) {
  const auto f = diagonal<M>(M(M(1) / 2), M(M(3) / 2));
  const M eta = M(1) / 2;
  AdaDelta<M> slip(eta, M(M(9) / 10), M(M(1) / 1000000), M(M(4) / 1000000), AdaDeltaForm::stale);
  GradientDescent<M> gd(eta);
  const Vec<M> x0 = vec2<M>(M(3), M(-2));
  const auto p = path<M>(f, slip, x0, steps), q = path<M>(f, gd, x0, steps);
  const auto [d, m] = difference<M>(p, q);
  return compare<M>("adadelta_per_coordinate",
                    "the divide-first order with eps_Delta = 4e-6 in the step average and eps_g = 1e-6 in the "
                    "gradient average: the same iterates as GD",
                    Expect::counterexample("one_eps"), d, Relation::eq, M(0), m,
                    "the first ratio is sqrt(4e-6)/sqrt(1e-6) = 2, so the first step is twice GD's and the run leaves "
                    "GD's path at once; the iterates differ by up to " + shown<M>(d));
}

// ---- plots ----

PathSet badly_scaled_paths(int steps) {
  const auto f = diagonal<double>(1.0, 100.0);
  const Vec<double> x0 = vec2<double>(-1.0, 1.0);
  PathSet out;
  std::vector<std::unique_ptr<Optimizer<double>>> opts;
  opts.push_back(std::make_unique<GradientDescent<double>>(0.019));
  out.names.push_back("GD, eta = 0.019 (< 2/L)");
  opts.push_back(std::make_unique<AdaGrad<double>>(0.5, 0.0));
  out.names.push_back("AdaGrad, eta = 0.5");
  opts.push_back(std::make_unique<RMSProp<double>>(0.05, 0.9, 1e-8));
  out.names.push_back("RMSProp, eta = 0.05, beta = 0.9");
  opts.push_back(std::make_unique<AdaDelta<double>>(1.0, 0.9, 1e-6, 1e-6));
  out.names.push_back("AdaDelta (Zeiler), rho = 0.9, eps = 1e-6");
  for (auto& opt : opts) {
    const auto xs = path<double>(f, *opt, x0, steps);
    std::vector<std::vector<double>> p, s;
    for (std::size_t k = 0; k < xs.size(); ++k) {
      p.push_back({xs[k](0), xs[k](1)});
      if (k + 1 < xs.size()) {
        const Vec<double> g = f.gradient(xs[k]);
        const Vec<double> d = xs[k + 1] - xs[k];
        s.push_back({g(0) != 0 ? std::fabs(d(0) / g(0)) : NAN, g(1) != 0 ? std::fabs(d(1) / g(1)) : NAN});
      }
    }
    out.paths.push_back(std::move(p));
    out.steps.push_back(std::move(s));
  }
  return out;
}

}  // namespace descent::claims::adaptive

// ---- the claims of lesson 11_adagrad_rmsprop_adadelta that this file checks: their entries in the claim index
// (claim.hpp), registered here beside their checks (registry.cpp collects every file's)
namespace descent::claims {
std::vector<ClaimInfo> claims_of_adaptive_checks() {
  return {
      {"adagrad_forms", "11_adagrad_rmsprop_adadelta",
       R"(w^{t+1}=w^t-\frac{\eta^t}{\sigma^t}g^t,\ \eta^t=\frac{\eta}{\sqrt{t+1}},\ \sigma^t=\sqrt{\tfrac{1}{t+1}\textstyle\sum_{i\le t}(g^i)^2}\ \Longleftrightarrow\ w^{t+1}=w^t-\frac{\eta}{\sqrt{\sum_{i\le t}(g^i)^2}}\,g^t \text{ (Duchi et al.'s diagonal AdaGrad with } \varepsilon=0\text{)})",
       {}, "seed 001 (Adagrad); seed 003 (AdaGrad, Duchi et al. 2011); erratum: seed 003 writes the accumulator with "
           "grad f(x_t) inside the sum over j",
       {{"eta_t_undecayed", R"(w^{t+1}=w^t-\frac{\eta}{\sigma^t}g^t \text{ (the } \sqrt{t+1} \text{ of } \eta^t \text{ left out) is Duchi's AdaGrad})"}},
       "the claim is an identity of two forms; its only inequality is seed 001's contrast of two gradient histories (the "
       "squared step after small gradients exceeds 10^4 times the one after large gradients: 1.7e5 times here), a "
       "comparison of sizes, not a bound with a constant"},
      {"gradient_distance", "11_adagrad_rmsprop_adadelta",
       R"(y=ax^2+bx+c,\ a>0:\ \big|x_0+\tfrac{b}{2a}\big|=\frac{|y'(x_0)|}{y''},\ \text{so a larger } |y'| \text{ means farther from the minimum})",
       {{"one_parameter", R"(\text{one parameter (one second derivative); seed 001: do not cross parameters})"}},
       "seed 001 (larger gradient, larger steps?; the best step is |first derivative| / second derivative)",
       {{"distance_half", R"(\big|x_0+\tfrac{b}{2a}\big|=\frac{|y'(x_0)|}{2y''})"}}},
      {"adagrad_axis_aligned", "11_adagrad_rmsprop_adadelta",
       R"(f=\tfrac12\textstyle\sum_i a_ix_i^2,\ a_i>0:\ \sum_s g_{i,s}^2=a_i^2\sum_s x_{i,s}^2,\ \text{so AdaGrad }(\varepsilon=0)\text{ moves } x_i \text{ by } \eta x_i/\sqrt{\textstyle\sum_s x_{i,s}^2} \text{ and its iterates do not depend on the } a_i)",
       {{"axis_aligned", R"(\nabla^2 f \text{ diagonal in the coordinates AdaGrad scales})"}},
       "seed 001 (use the first derivative to estimate the second derivative)",
       {{"eps_positive_too", R"(\text{with } \varepsilon=1 \text{ too AdaGrad's iterates do not depend on the } a_i)"}}},
      {"rmsprop_average", "11_adagrad_rmsprop_adadelta",
       R"(G_{t+1}=\beta G_t+(1-\beta)g_t^2,\ G_0=0\ \Rightarrow\ G_{T+1}=(1-\beta)\textstyle\sum_{t\le T}\beta^{T-t}g_t^2 \text{ and } |\Delta x_i|\le\eta/\sqrt{1-\beta}\ (\varepsilon=0))",
       {}, "seed 003 (RMSProp, Hinton et al. 2012); errata: the unrolled sum without 1 - beta; the Adam slide's "
           "RMSProp with the power -1 and G_t on both sides",
       {{"step_at_most_eta", R"(|\Delta x_i|\le\eta \text{ (a sign step of length } \eta\text{)})"}}},
      {"adadelta_units", "11_adagrad_rmsprop_adadelta",
       R"(y=cx,\ f_c(y)=f(y/c):\ \text{AdaDelta with } \varepsilon_g/c^2,\ c^2\varepsilon_\Delta \text{ has } y_k=cx_k;\ \text{first steps: GD } \Delta y=\Delta x/c;\ \text{RMSProp, Adam }(\varepsilon=0)\text{: } \Delta y=\Delta x;\ \text{Newton: } \Delta y=c\,\Delta x)",
       {{"eps_scaled", R"(\text{each } \varepsilon \text{ rescaled with the units of the average it is added to})"}},
       "seed 003 (AdaDelta: units); Zeiler (2012), sec. 3.2; erratum: seed 003 gives GD's step the units of x",
       {{"rmsprop_like_gd", R"(\text{RMSProp's first step scales like GD's: } \Delta y=\Delta x/c)"}}},
      {"adadelta_per_coordinate", "11_adagrad_rmsprop_adadelta",
       R"(\text{Zeiler's AdaDelta acts coordinate by coordinate; dividing by } E[g^2] \text{ before adding } g_t^2,\ \text{from } E[g^2]_0=E[\Delta x^2]_0=0,\ \text{is gradient descent with step } \eta \text{ for every } \rho,\varepsilon)",
       {{"divide_first", R"(\Delta x_t \text{ computed with } E[g^2]_{t-1} \text{ (before adding } g_t^2\text{)})"},
        {"one_eps", R"(\text{the same } \varepsilon \text{ in both averages})"},
        {"zero_state", R"(E[g^2]_0=E[\Delta x^2]_0=0)"}},
       "Zeiler (2012), Algorithm 1; seed 003 (AdaDelta); erratum: seed 003's scalar u of ||Delta x||^2",
       {{"zeiler_order_is_gd", R"(\text{Zeiler's order (adding } g_t^2 \text{ to } E[g^2] \text{ before dividing) is gradient descent too})"}}},
  };
}
}  // namespace descent::claims
