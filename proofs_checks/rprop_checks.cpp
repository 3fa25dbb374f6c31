// Claims of lesson 13: Rprop and QuickProp.
#include "rprop_checks.hpp"

#include <memory>
#include <set>
#include <tuple>
#include <stdexcept>

#include "descent/optimizers/quickprop.hpp"
#include "descent/optimizers/sign_based.hpp"
#include "descent/problems/test_functions.hpp"
#include "instance_text.hpp"

namespace descent::claims::rprop {

namespace {
using Q = Rational;
using M = Mpfr;
using descent::abs_value;
using detail::scalar_vec;
using detail::seed002;
using detail::vec_text;

const Erratum seed002_literal{
    seed002, 1473, "- $\\Delta w_{l,i,j} = \\max(\\beta\\Delta w_{l,i,j}, \\Delta_{min})$",
    "Delta w carries the sign of the derivative (line 1455), so the ceiling and floor must act on its length: "
    "Delta w = sign(Delta w) max(beta |Delta w|, Delta_min), and likewise sign(Delta w) min(alpha |Delta w|, Delta_max) "
    "on line 1465; as written, for Delta w < 0 the floor replaces the step by +Delta_min, which reverses it, and the "
    "ceiling never applies"};
const Erratum seed002_quickprop_sign{
    seed002, 1574,
    "$$\\Delta w_{l,ij}^{(k)} = \\frac{\\Delta w_{l,ij}^{(k-1)}}{Err'(w_{l,ij}^{(k)}) - Err'(w_{l,ij}^{(k-1)})} Err' "
    "\\left(w_{l,ij}^{(k)} \\right)$$",
    "with w^(k+1) = w^(k) - Delta w^(k) (line 1576) the secant step is Delta w^(k) = Delta w^(k-1) Err'(w^(k))/"
    "(Err'(w^(k-1)) - Err'(w^(k))) (Fahlman 1988: Delta w(t) = S(t)/(S(t-1) - S(t)) Delta w(t-1), which is right "
    "whichever sign Delta w carries, as long as it is the same on both sides); the display's denominator has the "
    "opposite sign and sends w to the mirror image 2w^(k) - w* of the parabola's minimizer. Line 1566 is right when "
    "Delta w^(k-1) there means w^(k) - w^(k-1): the display mixes that meaning with the subtracted step"};
const Erratum seed002_quickprop_factor{
    seed002, 1589, "$$\\Delta w_{l,ij}^{(k)} = \\frac{\\Delta w_{l,ij}^{(k-1)}}{Err'(w_{l,ij}^{(k)}) - Err'(w_{l,ij}^{(k-1)})}$$",
    "the step needs the factor Err'(w^(k)) of the display on line 1574 (and that display's sign corrected): "
    "Delta w^(k) = Delta w^(k-1) Err'(w^(k))/(Err'(w^(k-1)) - Err'(w^(k))); without it the step does not even have "
    "the units of w (so in the notes as extracted; on the slide the factor may sit under the callout \"Computed "
    "using backprop\")"};

// (w − c)²/2 on ℝ
Quadratic<Q> shifted(const Q& a, const Q& c) { return quadratic_1d<Q>(a, Q(-a * c), Q(0)); }
template <class S>
std::vector<Vec<S>> path(const Problem<S>& f, Optimizer<S>& opt, const Vec<S>& x0, int steps) {
  StopRule<S> stop = detail::stop_after<S>(steps);
  stop.divergence_bound = S(1e30);
  return run<S>(f, opt, x0, stop).x;
}
RpropOptions<Q> notes_options(const Q& alpha, const Q& beta, const Q& d0, const Q& dmin, const Q& dmax) {
  RpropOptions<Q> o;
  o.eta_plus = alpha;
  o.eta_minus = beta;
  o.delta0 = d0;
  o.delta_min = dmin;
  o.delta_max = dmax;
  return o;
}
std::string last_text(const std::vector<Vec<Q>>& xs) { return "w_" + std::to_string(xs.size() - 1) + " = " + detail::vec_text<Q>(xs.back()); }
}  // namespace

// ---- rprop_notes_pseudocode ----

Verdict literal_runs_away(int steps) {
  const auto f = shifted(Q(1), Q(3));
  Rprop<Q> opt(RpropVariant::notes_literal, notes_options(Q(6, 5), Q(1, 2), Q(1, 10), Q(1, 1000), Q(1)));
  const auto xs = path<Q>(f, opt, scalar_vec<Q>(Q(0)), steps);
  const Q dist = abs_value<Q>(Q(xs.back()(0) - 3));
  return compare<Q>("rprop_notes_pseudocode",
                    "seed 002's \"Rprop (simplified)\" run as written: on (w - 3)^2/2 from w_0 = 0 it ends near the "
                    "minimizer, |w_K - 3| <= 1/10",
                    Expect::refutes(seed002_literal), dist, Relation::le, Q(1, 10), Q(0),
                    "alpha = 6/5, beta = 1/2, Delta w_0 = 1/10, Delta_min = 1/1000, Delta_max = 1, " + std::to_string(steps) +
                        " steps of the library's Rprop (variant notes_literal): " + last_text(xs) +
                        ". The derivative is negative, so Delta w < 0; at the first overshoot max(beta Delta w, Delta_min) "
                        "= +Delta_min turns the step around, the derivative keeps its sign, and the step grows away from 3");
}

Verdict magnitude_converges(const Rational& alpha, const Rational& beta, int steps, bool with_variants) {
  const auto f = shifted(Q(1), Q(3));
  const Q dmin(1, 1000);
  Rprop<Q> opt(RpropVariant::notes_magnitude, notes_options(alpha, beta, Q(1, 10), dmin, Q(1)));
  const auto xs = path<Q>(f, opt, scalar_vec<Q>(Q(0)), steps);
  Q worst = 0;
  for (std::size_t k = xs.size() - 10; k < xs.size(); ++k) worst = std::max<Q>(worst, abs_value<Q>(Q(xs[k](0) - 3)));
  Verdict v = compare<Q>("rprop_notes_pseudocode",
                    "the same pseudo-code with the ceiling and floor on the length |Delta w| (the prose): the last 10 "
                    "iterates lie within Delta_min of 3",
                    Kind::holds, worst, Relation::le, dmin, Q(0),
                    "alpha = " + alpha.str() + ", beta = " + beta.str() + ", the same start and limits, " +
                        std::to_string(steps) + " steps (variant notes_magnitude): " + last_text(xs) +
                        "; once the length is at the floor the run steps over 3 and back, within Delta_min of it");
  // the floor is what limits the accuracy: a tenth of it is not reached (on the lesson's own instance)
  if (with_variants) rule_out<Q>(v, "floor_tenth", worst, Relation::le, Q(dmin / 10), Q(0));
  return v;
}

Verdict uncapped_converges(const Rational& alpha, const Rational& beta, int steps) {
  const auto f = shifted(Q(1), Q(3));
  Rprop<Q> opt(RpropVariant::notes_uncapped, notes_options(alpha, beta, Q(1, 10), Q(0), Q(1000000)));
  StopRule<Q> stop = detail::stop_after<Q>(steps);
  stop.grad_norm2_tol = Q(1, 1000000000000LL);  // f'(w) = w - 3: stop once |w - 3| <= 10^-6
  const auto tr = run<Q>(f, opt, scalar_vec<Q>(Q(0)), stop);
  const Q dist = abs_value<Q>(Q(tr.x.back()(0) - 3));
  return compare<Q>("rprop_notes_pseudocode",
                    "seed 002's second \"Rprop (simplified)\" (no Delta_min, Delta_max) on the same function reaches "
                    "|w_K - 3| <= 10^-6 within " + std::to_string(steps) + " steps",
                    Kind::holds, dist, Relation::le, Q(1, 1000000), Q(0),
                    "alpha = " + alpha.str() + ", beta = " + beta.str() + " (variant notes_uncapped): |w_K - 3| = " +
                        shown<Q>(dist) + " at K = " + std::to_string(tr.steps()) +
                        ". Delta w keeps the sign it got at the start; each overshoot is undone and the length shrinks, "
                        "so the positions it steps from approach 3 from one side (the overshooting iterates lie above 3)");
}

Verdict notes_stall_coupled(int steps) {
  Mat<Q> A(2, 2);
  A << Q(1), Q(9, 10), Q(9, 10), Q(1);
  const Quadratic<Q> f(A, Vec<Q>::Zero(2), Q(0));  // minimizer 0
  const Q dmin(1, 1000);
  Rprop<Q> opt(RpropVariant::notes_magnitude, notes_options(Q(6, 5), Q(1, 2), Q(1, 10), dmin, Q(1)));
  Vec<Q> x0(2);
  x0 << Q(1), Q(-3);
  const auto xs = path<Q>(f, opt, x0, steps);
  const Q dist = xs.back().cwiseAbs().maxCoeff();
  return compare<Q>("rprop_notes_pseudocode",
                    "the prose's reading on the coupled quadratic (x^2 + 1.8 xy + y^2)/2 from (1, -3): it ends within "
                    "Delta_min of the minimizer 0",
                    Expect::counterexample("one_weight"), dist, Relation::le, dmin, Q(0),
                    std::to_string(steps) + " steps (variant notes_magnitude): x_K = " + vec_text<Q>(xs.back()) +
                        ", grad f(x_K) = " + vec_text<Q>(f.gradient(xs.back())) +
                        ". Each Delta w keeps the sign of the first derivative; when the other weight moves, a coordinate "
                        "must turn back (line 1361: \"reverse direction\"), and the pseudo-code cannot: Rprop+-'s "
                        "-sign(g) D recomputes the direction every step");
}

Verdict literal_ceiling_fails(int steps) {
  const auto f = shifted(Q(1), Q(3));
  const Q dmax(1, 5);
  Rprop<Q> opt(RpropVariant::notes_literal, notes_options(Q(6, 5), Q(1, 2), Q(1, 10), Q(1, 1000), dmax));
  const auto xs = path<Q>(f, opt, scalar_vec<Q>(Q(0)), steps);
  Q longest = 0;
  for (std::size_t k = 0; k + 1 < xs.size(); ++k) longest = std::max<Q>(longest, abs_value<Q>(Q(xs[k + 1](0) - xs[k](0))));
  return compare<Q>("rprop_notes_pseudocode",
                    "the pseudo-code as written (min and max of the signed Delta w): no step is longer than Delta_max",
                    Expect::counterexample("length"), longest, Relation::le, dmax, Q(0),
                    "Delta_max = 1/5, Delta w_0 = 1/10, alpha = 6/5, (w - 3)^2/2 from 0: the longest step is " +
                        shown<Q>(longest) + "; min(alpha Delta w, Delta_max) = alpha Delta w whenever Delta w < 0");
}

// ---- rprop_poll3 ----

namespace {
struct Flip {
  std::vector<Vec<Q>> xs;
  std::size_t k = 0;  // the first iterate whose derivative has the other sign
};
Flip first_flip(RpropVariant v, const Q& alpha, const Q& beta) {
  const auto f = shifted(Q(1), Q(3));
  Rprop<Q> opt(v, notes_options(alpha, beta, Q(1), Q(0), Q(1000)));
  Flip out;
  out.xs = path<Q>(f, opt, scalar_vec<Q>(Q(6)), 12);
  for (std::size_t k = 1; k < out.xs.size(); ++k)
    if (sign_of(f.gradient(out.xs[k])(0)) != sign_of(f.gradient(out.xs[k - 1])(0))) {
      out.k = k;
      break;
    }
  if (out.k == 0 || out.k + 1 >= out.xs.size()) throw std::logic_error("rprop_poll3: no sign change in the run");
  return out;
}
}  // namespace

Verdict reverts_and_shrinks(const Rational& alpha, const Rational& beta) {
  const Flip r = first_flip(RpropVariant::notes_uncapped, alpha, beta);
  const Q before = r.xs[r.k - 1](0), over = r.xs[r.k](0), next = r.xs[r.k + 1](0);
  const Q expected = before + beta * (over - before);  // back to the earlier estimate, then β times the last step
  Verdict v = compare<Q>("rprop_poll3",
                    "poll 3: the derivative was positive, after a step it is negative: Rprop returns to the earlier "
                    "estimate and takes a smaller step, w_(k+1) = w_(k-1) + beta (w_k - w_(k-1))",
                    Kind::holds, next, Relation::eq, expected, Q(0),
                    "(w - 3)^2/2 from w_0 = 6 (derivative 3 > 0), Delta w_0 = 1, alpha = " + alpha.str() + ", beta = " +
                        beta.str() + ": the derivative changes sign at w_" + std::to_string(r.k) + " = " + over.str() +
                        "; the earlier estimate was " + before.str() + ", the next iterate is " + next.str() +
                        (beta == Q(1, 2) ? " (at beta = 1/2 this is also the midpoint of w_(k-1) and w_k)" : ""));
  // stepping back from w_k by beta (w_k - w_(k-1)) is the same point only when beta = 1/2
  if (beta != Q(1, 2)) rule_out<Q>(v, "reverse_from_overshoot", next, Relation::eq, Q(over - beta * (over - before)), Q(0));
  return v;
}

Verdict rprop_plus_two_moves(const Rational& beta) {
  // Riedmiller & Braun's Rprop+ (Igel & Huesken's pseudo-code): after a sign change it reverts the last
  // step as an iteration of its own (w_(k+1) = w_(k-1)) and takes the shorter step at the next one.
  const auto f = shifted(Q(1), Q(3));
  Rprop<Q> opt(RpropVariant::rprop_plus, notes_options(Q(6, 5), beta, Q(1), Q(0), Q(1000)));
  const auto xs = path<Q>(f, opt, scalar_vec<Q>(Q(6)), 8);
  std::size_t k = 1;
  while (k < xs.size() && sign_of(f.gradient(xs[k])(0)) == sign_of(f.gradient(xs[k - 1])(0))) ++k;
  if (k + 2 >= xs.size()) throw std::logic_error("rprop_plus_two_moves: no sign change in the run");
  const Q before = xs[k - 1](0), over = xs[k](0);
  const Q misfit = abs_value<Q>(Q(xs[k + 1](0) - before)) + abs_value<Q>(Q(xs[k + 2](0) - (before + beta * (over - before))));
  return compare<Q>("rprop_poll3",
                    "Riedmiller & Braun's Rprop+ makes the poll's move in two iterations: w_(k+1) = w_(k-1), then "
                    "w_(k+2) = w_(k-1) + beta (w_k - w_(k-1)) (sum of the two misfits)",
                    Kind::holds, misfit, Relation::eq, Q(0), Q(0),
                    "(w - 3)^2/2 from 6, D_0 = 1, eta = (" + beta.str() + ", 6/5): the sign changes at w_" +
                        std::to_string(k) + " = " + over.str() + "; w_(k+1) = " + xs[k + 1](0).str() + ", w_(k+2) = " +
                        xs[k + 2](0).str());
}

Verdict keeps_direction(const Rational& alpha, const Rational& beta) {
  const Flip r = first_flip(RpropVariant::notes_uncapped, alpha, beta);
  const Q before = r.xs[r.k - 1](0), over = r.xs[r.k](0), next = r.xs[r.k + 1](0);
  const Q product = (next - before) * (over - before);
  return compare<Q>("rprop_poll3",
                    "poll 3's second option is false: from the earlier estimate the step points the way of the step "
                    "that overshot ((w_(k+1) - w_(k-1))(w_k - w_(k-1)) > 0)",
                    Kind::holds, product, Relation::gt, Q(0), Q(0),
                    "the same run: w_(k-1) = " + before.str() + ", w_k = " + over.str() + ", w_(k+1) = " + next.str() +
                        ": Rprop does not reverse, it retreats and goes forward again, shorter");
}

Verdict irprop_minus_does_not_revert() {
  // Rprop- drops only weight backtracking: after the sign change it steps from w_k, back by beta |Delta|.
  // With beta = 1/3 (at 1/2 the two points coincide) it lands at w_k - beta (w_k - w_(k-1)), not at
  // w_(k-1) + beta (w_k - w_(k-1)).
  const auto f = shifted(Q(1), Q(3));
  const Q beta(1, 3);
  RpropOptions<Q> o = notes_options(Q(6, 5), beta, Q(1), Q(0), Q(1000));
  Rprop<Q> opt(RpropVariant::rprop_minus, o);
  const auto xs = path<Q>(f, opt, scalar_vec<Q>(Q(6)), 6);
  std::size_t k = 1;
  while (k < xs.size() && sign_of(f.gradient(xs[k])(0)) == sign_of(f.gradient(xs[k - 1])(0))) ++k;
  if (k + 2 >= xs.size()) throw std::logic_error("rprop_poll3: no sign change in the Rprop- run");
  const Q expected = xs[k - 1](0) + beta * (xs[k](0) - xs[k - 1](0));
  return compare<Q>("rprop_poll3",
                    "Rprop- (Igel & Huesken: no weight backtracking, nothing else changed) after the sign change: w_(k+1) "
                    "= w_(k-1) + beta (w_k - w_(k-1)), back to the earlier estimate and a smaller step",
                    Expect::counterexample("backtracking"), xs[k + 1](0), Relation::eq, expected, Q(0),
                    "the same function and start, eta = (1/3, 6/5), D_0 = 1: the sign changes at w_" + std::to_string(k) +
                        " = " + xs[k](0).str() + " (the earlier estimate " + xs[k - 1](0).str() + "); Rprop- steps back "
                        "from there by beta |Delta| to w_(k+1) = " + xs[k + 1](0).str() + " = w_k - beta (w_k - w_(k-1)): "
                        "for it the poll's second option is the true one (PyTorch's iRprop- stands still one step first)");
}

// ---- rprop_variants ----

namespace {
Quadratic<Q> quad3(const Q& scale) {
  Mat<Q> A(3, 3);
  A << Q(4), Q(1, 2), Q(0), Q(1, 2), Q(3), Q(-1), Q(0), Q(-1), Q(5, 2);
  Vec<Q> b(3);
  b << Q(1, 10), Q(-2), Q(1, 7);
  return Quadratic<Q>(Mat<Q>(scale * A), Vec<Q>(scale * b), Q(0));
}
Vec<Q> start3() {
  Vec<Q> x(3);
  x << Q(1), Q(1, 10), Q(-3, 10);
  return x;
}
const std::vector<RpropVariant> all_variants = {RpropVariant::notes_literal, RpropVariant::notes_magnitude,
                                               RpropVariant::notes_uncapped, RpropVariant::rprop_plus,
                                               RpropVariant::rprop_minus,  RpropVariant::irprop_plus,
                                               RpropVariant::irprop_minus};
}  // namespace

Verdict pytorch_is_irprop_minus(int steps) {
  const auto f = quad3(Q(1));
  RpropOptions<Q> o;  // PyTorch's defaults: lr 1/100, etas (1/2, 6/5), step_sizes (1e-6, 50)
  Rprop<Q> opt(RpropVariant::irprop_minus, o);
  const auto xs = path<Q>(f, opt, start3(), steps);
  // torch.optim.Rprop, _single_tensor_rprop, transcribed
  Vec<Q> x = start3(), prev = Vec<Q>::Zero(3), step = Vec<Q>::Constant(3, o.delta0);
  Q misfit = 0;
  for (int k = 0; k < steps; ++k) {
    Vec<Q> grad = f.gradient(x);
    for (int i = 0; i < 3; ++i) {
      const int s = sign_of(Q(grad(i) * prev(i)));
      const Q factor = s > 0 ? o.eta_plus : (s < 0 ? o.eta_minus : Q(1));
      step(i) = std::min<Q>(std::max<Q>(Q(step(i) * factor), o.delta_min), o.delta_max);  // clamp_
      if (s < 0) grad(i) = 0;
      x(i) -= Q(sign_of(grad(i))) * step(i);
      prev(i) = grad(i);
    }
    misfit += (x - xs[static_cast<std::size_t>(k) + 1]).squaredNorm();
  }
  return compare<Q>("rprop_variants",
                    "the library's iRprop- equals torch.optim.Rprop's update (transcribed: sign of g prev, clamp, zeroed "
                    "gradient, x -= sign(g) step) (sum of squared differences)",
                    Kind::holds, misfit, Relation::eq, Q(0), Q(0),
                    "PyTorch's defaults (lr 1/100, etas (1/2, 6/5), step_sizes (1e-6, 50)), " + std::to_string(steps) +
                        " steps on a 3-D quadratic from " + vec_text<Q>(start3()));
}

Verdict scale_invariant(int steps) {
  Q misfit = 0;
  RpropOptions<Q> o;
  o.delta0 = Q(1, 10);
  for (RpropVariant v : all_variants) {
    Rprop<Q> a(v, o), b(v, o);
    const auto p = path<Q>(quad3(Q(1)), a, start3(), steps), q = path<Q>(quad3(Q(7)), b, start3(), steps);
    for (std::size_t k = 0; k < p.size() && k < q.size(); ++k) misfit += (p[k] - q[k]).squaredNorm();
    if (p.size() != q.size()) misfit += 1;
  }
  return compare<Q>("rprop_variants",
                    "every Rprop variant gives the same iterates on f and on 7f (sum of squared differences over the "
                    "seven variants)",
                    Kind::holds, misfit, Relation::eq, Q(0), Q(0),
                    std::to_string(steps) + " steps each, D_0 = 1/10: only the signs of the partial derivatives (and, "
                    "for iRprop+, whether f rose) enter the update");
}

Verdict negative_scale(int steps) {
  RpropOptions<Q> o;
  o.delta0 = Q(1, 10);
  Rprop<Q> a(RpropVariant::irprop_minus, o), b(RpropVariant::irprop_minus, o);
  const auto p = path<Q>(quad3(Q(1)), a, start3(), steps), q = path<Q>(quad3(Q(-1)), b, start3(), steps);
  Q misfit = 0;
  for (std::size_t k = 0; k < p.size() && k < q.size(); ++k) misfit += (p[k] - q[k]).squaredNorm();
  return compare<Q>("rprop_variants",
                    "iRprop- gives the same iterates on f and on -f",
                    Expect::counterexample("positive_scale"), misfit, Relation::eq, Q(0), Q(0),
                    "the signs flip, so on -f Rprop climbs: sum of squared differences " + shown<Q>(misfit));
}

Verdict variants_differ(int steps) {
  std::set<std::vector<std::string>> distinct;
  RpropOptions<Q> o;
  o.delta0 = Q(1, 2);
  for (RpropVariant v : {RpropVariant::rprop_plus, RpropVariant::rprop_minus, RpropVariant::irprop_plus,
                         RpropVariant::irprop_minus}) {
    Rprop<Q> opt(v, o);
    std::vector<std::string> texts;
    for (const auto& x : path<Q>(quad3(Q(1)), opt, start3(), steps)) texts.push_back(vec_text<Q>(x));
    distinct.insert(texts);
  }
  return compare<Q>("rprop_variants",
                    "Rprop+, Rprop-, iRprop+ and iRprop- (Igel & Hüsken 2000) are four methods: the number of distinct "
                    "trajectories",
                    Kind::holds, Q(static_cast<long>(distinct.size())), Relation::eq, Q(4), Q(0),
                    "D_0 = 1/2, " + std::to_string(steps) + " steps on the 3-D quadratic: they differ only in what "
                    "happens after a sign change (revert, step anyway, revert if f rose, stand still)");
}

namespace {
// Igel & Huesken (2000), the four variants' pseudo-code, written out (exact, one vector of steps).
std::vector<Vec<Q>> igel_huesken(const Problem<Q>& f, RpropVariant v, const RpropOptions<Q>& o, const Vec<Q>& x0, int steps) {
  const int n = static_cast<int>(x0.size());
  Vec<Q> x = x0, gp = Vec<Q>::Zero(n), delta = Vec<Q>::Constant(n, o.delta0), dw = Vec<Q>::Zero(n);
  Q f_prev = f.value(x0);
  std::vector<Vec<Q>> xs{x0};
  for (int t = 0; t < steps; ++t) {
    Vec<Q> g = f.gradient(x);
    const Q fx = f.value(x);
    Vec<Q> next = x;
    for (int i = 0; i < n; ++i) {
      const int s = sign_of(Q(gp(i) * g(i)));
      if (s > 0) delta(i) = std::min<Q>(Q(delta(i) * o.eta_plus), o.delta_max);
      if (s < 0) delta(i) = std::max<Q>(Q(delta(i) * o.eta_minus), o.delta_min);
      switch (v) {
        case RpropVariant::rprop_plus:
          if (s < 0) {
            next(i) -= dw(i);  // revert
            g(i) = 0;
          } else {
            dw(i) = -sign_of(g(i)) * delta(i);
            next(i) += dw(i);
          }
          break;
        case RpropVariant::irprop_plus:
          if (s < 0) {
            if (fx > f_prev) next(i) -= dw(i);
            g(i) = 0;
          } else {
            dw(i) = -sign_of(g(i)) * delta(i);
            next(i) += dw(i);
          }
          break;
        case RpropVariant::irprop_minus:
          if (s < 0) g(i) = 0;
          next(i) -= sign_of(g(i)) * delta(i);
          break;
        default:  // rprop_minus
          next(i) -= sign_of(g(i)) * delta(i);
          break;
      }
      gp(i) = g(i);
    }
    f_prev = fx;
    x = next;
    xs.push_back(x);
  }
  return xs;
}
}  // namespace

Verdict variants_match_igel_huesken(int steps) {
  RpropOptions<Q> o;
  o.delta0 = Q(1, 2);
  Q misfit = 0;
  std::vector<std::vector<Vec<Q>>> library;
  for (RpropVariant v : {RpropVariant::rprop_plus, RpropVariant::rprop_minus, RpropVariant::irprop_plus,
                         RpropVariant::irprop_minus}) {
    Rprop<Q> opt(v, o);
    const auto p = path<Q>(quad3(Q(1)), opt, start3(), steps), q = igel_huesken(quad3(Q(1)), v, o, start3(), steps);
    for (std::size_t k = 0; k < p.size() && k < q.size(); ++k) misfit += (p[k] - q[k]).squaredNorm();
    if (p.size() != q.size()) misfit += 1;
    library.push_back(p);
  }
  Verdict verdict = compare<Q>("rprop_variants",
                               "the library's Rprop+, Rprop-, iRprop+ and iRprop- against Igel & Huesken's (2000) pseudo-code "
                               "written out (sum of squared differences over the four)",
                               Kind::holds, misfit, Relation::eq, Q(0), Q(0),
                               "D_0 = 1/2, eta = (1/2, 6/5), " + std::to_string(steps) + " steps each on a 3-D quadratic from " +
                                   vec_text<Q>(start3()) + "; they differ only after a sign change (revert, step anyway, "
                                   "revert if f rose, stand still)");
  // PyTorch's Rprop (= the library's iRprop-, checked against a transcription) is not Rprop-
  const auto minus = igel_huesken(quad3(Q(1)), RpropVariant::rprop_minus, o, start3(), steps);
  Q gap = 0;
  for (std::size_t k = 0; k < minus.size() && k < library[3].size(); ++k) gap += (minus[k] - library[3][k]).squaredNorm();
  return rule_out<Q>(verdict, "pytorch_is_rprop_minus", gap, Relation::eq, Q(0), Q(0));
}

// ---- quickprop_secant ----

namespace {
QuickProp<Q> notes_quickprop(const Q& eps) { return QuickProp<Q>(eps, Q(7, 4), QuickPropVariant::notes); }
}  // namespace

Verdict one_secant_step() {
  Q worst = 0;
  std::string rows;
  for (const auto& [a, c, w0] : std::vector<std::tuple<Q, Q, Q>>{{Q(1), Q(3), Q(0)}, {Q(5, 2), Q(-7, 3), Q(4)},
                                                                   {Q(1, 100), Q(50), Q(-2)}, {Q(40), Q(1, 9), Q(1, 8)}}) {
    QuickProp<Q> opt = notes_quickprop(Q(1, 100));
    const auto xs = path<Q>(shifted(a, c), opt, scalar_vec<Q>(w0), 2);
    worst = std::max<Q>(worst, abs_value<Q>(Q(xs[2](0) - c)));
    rows += (rows.empty() ? "" : "; ") + std::string("a = ") + a.str() + ", w* = " + c.str() + ": w_2 = " + xs[2](0).str();
  }
  Verdict v = compare<Q>("quickprop_secant",
                         "QuickProp (the notes' secant step) on a(w - w*)^2/2: w_2 = w* (largest |w_2 - w*| over four "
                         "instances)",
                         Kind::holds, worst, Relation::eq, Q(0), Q(0),
                         rows + " (first step -eps E'(w_0), eps = 1/100): the derivative of a parabola is linear, so the "
                         "secant through two slopes is exact");
  {  // the secant with its sign flipped, S_k/(S_k - S_(k-1)), on the first instance
    const auto f = shifted(Q(1), Q(3));
    const Q w0 = 0, w1 = w0 - Q(1, 100) * f.gradient(scalar_vec<Q>(w0))(0);
    const Q s0 = f.gradient(scalar_vec<Q>(w0))(0), s1 = f.gradient(scalar_vec<Q>(w1))(0);
    const Q w2 = w1 + (w1 - w0) * s1 / (s1 - s0);
    rule_out<Q>(v, "secant_sign_flipped", abs_value<Q>(Q(w2 - 3)), Relation::eq, Q(0), Q(0));
  }
  return v;
}

Verdict separable_secant() {
  Mat<Q> A = Mat<Q>::Zero(3, 3);
  A(0, 0) = 4;
  A(1, 1) = Q(1, 3);
  A(2, 2) = 25;
  Vec<Q> b(3);
  b << Q(1), Q(-2), Q(5);
  const Quadratic<Q> f(A, b, Q(0));
  QuickProp<Q> opt = notes_quickprop(Q(1, 50));
  const auto xs = path<Q>(f, opt, start3(), 2);
  const Vec<Q> xstar = A.diagonal().cwiseInverse().cwiseProduct(b);
  const Q misfit = (xs[2] - xstar).squaredNorm();
  return compare<Q>("quickprop_secant",
                    "on a separable 3-D quadratic (diagonal A) every coordinate lands at x* on step 2 (squared distance)",
                    Kind::holds, misfit, Relation::eq, Q(0), Q(0),
                    "A = diag(4, 1/3, 25), x_2 = " + vec_text<Q>(xs[2]) + ", x* = " + vec_text<Q>(xstar));
}

Verdict rotated_secant() {
  Mat<Q> A(2, 2);
  A << Q(2), Q(1), Q(1), Q(3);
  Vec<Q> b(2);
  b << Q(1), Q(1);
  const Quadratic<Q> f(A, b, Q(0));
  QuickProp<Q> opt = notes_quickprop(Q(1, 50));
  Vec<Q> x0(2);
  x0 << Q(2), Q(-1);
  const auto xs = path<Q>(f, opt, x0, 2);
  const Q g2 = f.gradient(xs[2]).squaredNorm();
  return compare<Q>("quickprop_secant",
                    "on A = [[2, 1], [1, 3]] (not diagonal) step 2 lands at the minimizer: ||grad f(x_2)||^2 = 0",
                    Expect::counterexample("separable"), g2, Relation::eq, Q(0), Q(0),
                    "x_2 = " + vec_text<Q>(xs[2]) + ": each coordinate's secant sees the other coordinate move too, so "
                    "its slope difference mixes both curvatures");
}

Verdict jacobi_diverges(int steps) {
  Mat<Q> A(3, 3);
  A << Q(1), Q(3, 5), Q(3, 5), Q(3, 5), Q(1), Q(3, 5), Q(3, 5), Q(3, 5), Q(1);  // eigenvalues 11/5, 2/5, 2/5
  Vec<Q> b(3);
  b << Q(8, 5), Q(2), Q(4, 5);
  const Quadratic<Q> f(A, b, Q(0));
  const Vec<Q> xstar = (Vec<Q>(3) << Q(1), Q(2), Q(-1)).finished();  // A x* = b; x₀ − x* has a part along (1, 1, 1)
  if ((A * xstar - b).squaredNorm() != 0) throw std::logic_error("quickprop_secant: x* is not the minimizer");
  Vec<Q> x = Vec<Q>::Zero(3);
  std::vector<Q> errors{(x - xstar).squaredNorm()};
  for (int k = 0; k < steps; ++k) {
    const Vec<Q> g = f.gradient(x);
    for (int i = 0; i < 3; ++i) x(i) -= g(i) / A(i, i);  // seed 002 line 1551: E''(w_i | w_j)^(-1) E'(w_i | w_j), all i at once
    errors.push_back((x - xstar).squaredNorm());
  }
  return compare<Q>("quickprop_secant",
                    "seed 002's QuickProp modification 1 with the true second derivatives, w_i <- w_i - E''(w_i | "
                    "w_j)^(-1) E'(w_i | w_j) for every i at once: x_1 = x*",
                    Expect::counterexample("separable"), errors[1], Relation::eq, Q(0), Q(0),
                    "A with unit diagonal and off-diagonals 3/5 (positive definite, eigenvalues 11/5, 2/5, 2/5), x_0 = 0: "
                    "||x_1 - x*||^2 = " + shown<Q>(errors[1]) + ", and after " + std::to_string(steps) + " steps " +
                        shown<Q>(errors.back()) + " against " + shown<Q>(errors[0]) + " at the start: these are Jacobi's "
                        "iterations, whose matrix I - D^(-1) A has spectral radius 6/5 here, so they diverge");
}

Verdict nonquadratic_secant() {
  const ExpQuadratic1D<M> f;
  QuickProp<M> opt(M(M(1) / 10), M(M(7) / 4), QuickPropVariant::notes);
  const auto xs = path<M>(f, opt, scalar_vec<M>(M(2)), 2);
  const M g = abs_value<M>(M(f.gradient(xs[2])(0)));
  return compare<M>("quickprop_secant",
                    "on e^x + x^2/2 - 2x (not quadratic) step 2 lands at the minimizer: f'(x_2) = 0",
                    Expect::counterexample("quadratic"), g, Relation::eq, M(0), M(1),
                    "from x_0 = 2, eps = 1/10: x_2 = " + shown<M>(xs[2](0)) + ", f'(x_2) = " + shown<M>(g) +
                        "; the secant is exact only where f' is linear; QuickProp keeps iterating");
}

Verdict seed002_sign() {
  // the display run as written: Δw⁰ = ε E'(w⁰) (a gradient step, w¹ = w⁰ − Δw⁰), then
  // Δw¹ = Δw⁰ E'(w¹)/(E'(w¹) − E'(w⁰)), w² = w¹ − Δw¹
  const Q a(1), c(3), eps(1, 10), w0(0);
  const auto f = shifted(a, c);
  auto d = [&](const Q& w) { return f.gradient(scalar_vec<Q>(w))(0); };
  const Q dw0 = eps * d(w0), w1 = w0 - dw0;
  const Q dw1 = dw0 / (d(w1) - d(w0)) * d(w1), w2 = w1 - dw1;
  QuickProp<Q> opt = notes_quickprop(eps);
  const auto xs = path<Q>(f, opt, scalar_vec<Q>(w0), 2);
  return compare<Q>("quickprop_secant",
                    "seed 002's per-connection QuickProp, Delta w^(k) = Delta w^(k-1) Err'(w^(k))/(Err'(w^(k)) - "
                    "Err'(w^(k-1))), w^(k+1) = w^(k) - Delta w^(k): on (w - 3)^2/2 it lands at w* = 3 on step 2",
                    Expect::refutes(seed002_quickprop_sign), w2, Relation::eq, c, Q(0),
                    "w_0 = 0, Delta w^(0) = E'(w_0)/10: w_1 = " + w1.str() + ", the display gives w_2 = " + w2.str() +
                        " = 2 w_1 - w*; the library's QuickProp (Fahlman's sign) gives " + xs[2](0).str());
}

Verdict seed002_missing_factor() {
  const Q a(1), c(3), eps(1, 10), w0(0);
  const auto f = shifted(a, c);
  auto d = [&](const Q& w) { return f.gradient(scalar_vec<Q>(w))(0); };
  const Q dw0 = eps * d(w0), w1 = w0 - dw0;
  const Q dw1 = dw0 / (d(w1) - d(w0)), w2 = w1 - dw1;
  return compare<Q>("quickprop_secant",
                    "seed 002's second QuickProp display, Delta w^(k) = Delta w^(k-1)/(Err'(w^(k)) - Err'(w^(k-1))): on "
                    "(w - 3)^2/2 it lands at w* = 3 on step 2",
                    Expect::refutes(seed002_quickprop_factor), w2, Relation::eq, c, Q(0),
                    "the same start: w_2 = " + w2.str() + " (the factor Err'(w_1) = " + d(w1).str() + " is missing)");
}

namespace {
// the largest |Δ_k| − (μ|Δ_{k−1}| + ε|S_k|) over the run, per coordinate
M growth_excess(QuickPropVariant v, int steps, const M& eps, const M& mu) {
  const Rosenbrock<M> f(2);
  QuickProp<M> opt(eps, mu, v);
  Vec<M> x0(2);
  x0 << M(M(-6) / 5), M(1);
  const auto xs = path<M>(f, opt, x0, steps);
  M worst = -1;
  for (std::size_t k = 1; k + 1 < xs.size(); ++k)
    for (int i = 0; i < 2; ++i) {
      const M last = xs[k](i) - xs[k - 1](i);
      if (!(last * f.gradient(xs[k - 1])(i) < 0)) continue;  // the cap is for a last step that went downhill
      const M now = abs_value<M>(M(xs[k + 1](i) - xs[k](i))), before = abs_value<M>(last);
      const M s = abs_value<M>(M(f.gradient(xs[k])(i)));
      worst = std::max<M>(worst, M(now - (mu * before + eps * s)));
    }
  return worst;
}
}  // namespace

Verdict growth_capped(int steps) {
  const M eps = M(1) / 1000, mu = M(7) / 4;
  const M worst = growth_excess(QuickPropVariant::fahlman, steps, eps, mu);
  return compare<M>("quickprop_secant",
                    "Fahlman's QuickProp: after a step that went downhill, the next is at most mu times it plus the "
                    "gradient term, |Delta_k| <= mu |Delta_(k-1)| + eps |S_k| (lhs the largest excess)",
                    Kind::holds, worst, Relation::le, M(0), M(10),
                    "Rosenbrock from (-1.2, 1), eps = 1/1000, mu = 7/4, " + std::to_string(steps) +
                        " steps of the library's QuickProp (paper form)");
}

Verdict uncapped_growth(int steps) {
  const M eps = M(1) / 1000, mu = M(7) / 4;
  const M worst = growth_excess(QuickPropVariant::notes, steps, eps, mu);
  return compare<M>("quickprop_secant",
                    "the notes' bare secant step on the same run: |Delta_k| <= mu |Delta_(k-1)| + eps |S_k|",
                    Expect::counterexample("growth_cap"), worst, Relation::le, M(0), M(10),
                    "the same start and eps: the secant step exceeds the cap by up to " + shown<M>(worst) +
                        " (where the two slopes are nearly equal the parabola is nearly flat and its minimizer far away)");
}

Verdict cap_attained() {
  // a(w − 3)²/2 with a ε = 1/10: the parabola's step from w₁ would be (1 − aε)/(aε) = 9 times Δ₀ > μ
  const Q a(1), eps(1, 10), mu(7, 4);
  const auto f = shifted(a, Q(3));
  QuickProp<Q> opt(eps, mu, QuickPropVariant::fahlman);
  const auto xs = path<Q>(f, opt, scalar_vec<Q>(Q(0)), 2);
  const Q d0 = xs[1](0) - xs[0](0), d1 = xs[2](0) - xs[1](0);
  const Q s1 = f.gradient(xs[1])(0);
  const Q bound = mu * abs_value<Q>(d0) + eps * abs_value<Q>(s1);
  return compare<Q>("quickprop_secant",
                    "the cap is attained: where the parabola's step exceeds mu times the last, |Delta_1| = mu |Delta_0| + "
                    "eps |S_1|",
                    Kind::tight, abs_value<Q>(d1), Relation::eq, bound, Q(0),
                    "(w - 3)^2/2 from 0, eps = 1/10, mu = 7/4: Delta_0 = " + d0.str() + ", the parabola would step " +
                        Q(d0 * s1 / (f.gradient(xs[0])(0) - s1)).str() + ", Fahlman's rule steps " + d1.str() +
                        " (the capped step and the gradient term point the same way)");
}

// ---- plots ----

std::vector<std::vector<double>> notes_runs(int steps) {
  const auto f = shifted(Q(1), Q(3));
  std::vector<std::vector<Vec<Q>>> runs;
  for (RpropVariant v : {RpropVariant::notes_literal, RpropVariant::notes_magnitude, RpropVariant::notes_uncapped}) {
    Rprop<Q> opt(v, notes_options(Q(6, 5), Q(1, 2), Q(1, 10), v == RpropVariant::notes_uncapped ? Q(0) : Q(1, 1000),
                                  v == RpropVariant::notes_uncapped ? Q(1000000) : Q(1)));
    runs.push_back(path<Q>(f, opt, scalar_vec<Q>(Q(0)), steps));
  }
  std::vector<std::vector<double>> rows;
  for (int k = 0; k <= steps; ++k) {
    std::vector<double> row{double(k)};
    for (const auto& r : runs)
      row.push_back(static_cast<std::size_t>(k) < r.size() ? r[static_cast<std::size_t>(k)](0).convert_to<double>() : NAN);
    rows.push_back(row);
  }
  return rows;
}

std::vector<std::pair<std::string, std::vector<std::vector<double>>>> quadratic_paths(int steps) {
  Mat<double> A = Mat<double>::Zero(2, 2);
  A(0, 0) = 1;
  A(1, 1) = 100;
  const Quadratic<double> f(A, Vec<double>::Zero(2), 0.0);
  Vec<double> x0(2);
  x0 << -1.0, 1.0;
  std::vector<std::pair<std::string, std::unique_ptr<Optimizer<double>>>> opts;
  RpropOptions<double> o;
  o.delta0 = 0.1;
  for (RpropVariant v : {RpropVariant::rprop_plus, RpropVariant::irprop_minus})
    opts.emplace_back(std::string(to_string(v)) + ", D_0 = 0.1", std::make_unique<Rprop<double>>(v, o));
  opts.emplace_back("QuickProp (Fahlman), eps = 0.005", std::make_unique<QuickProp<double>>(0.005, 1.75, QuickPropVariant::fahlman));
  opts.emplace_back("GD, eta = 0.019", std::make_unique<GradientDescent<double>>(0.019));
  std::vector<std::pair<std::string, std::vector<std::vector<double>>>> out;
  for (auto& [name, opt] : opts) {
    std::vector<std::vector<double>> rows;
    for (const auto& x : path<double>(f, *opt, x0, steps)) rows.push_back({x(0), x(1)});
    out.emplace_back(name, std::move(rows));
  }
  return out;
}

}  // namespace descent::claims::rprop

// ---- the claims of lesson 13_rprop_quickprop that this file checks: their entries in the claim index
// (claim.hpp), registered here beside their checks (registry.cpp collects every file's)
namespace descent::claims {
std::vector<ClaimInfo> claims_of_rprop_checks() {
  return {
      {"rprop_notes_pseudocode", "13_rprop_quickprop",
       R"(\text{Rprop (simplified) with } \Delta w \leftarrow \mathrm{sign}(\Delta w)\min(\alpha|\Delta w|,\Delta_{max}) \text{ while the sign holds and, on a change, } w \leftarrow w+\Delta w,\ \Delta w \leftarrow \mathrm{sign}(\Delta w)\max(\beta|\Delta w|,\Delta_{min}):\ \text{no step is longer than } \Delta_{max} \text{ and on a 1-D convex quadratic it ends within } \Delta_{min} \text{ of the minimizer (at it without } \Delta_{min}\text{)})",
       {{"length", R"(\text{the ceiling and floor act on the length } |\Delta w|)"},
        {"one_weight", R"(\text{one weight (or } f \text{ separable): the sign of } \Delta w \text{, fixed before the loop, never has to change})"}},
       "seed 002 (Rprop, Rprop (simplified), both displays); erratum: the signed Delta w inside min and max",
       {{"floor_tenth", R"(\text{on a 1-D convex quadratic it ends within } \Delta_{min}/10 \text{ of the minimizer})"}},
       "Delta_min is the length of the last steps: the run ends stepping over the minimizer and back, so its iterates "
       "stay within Delta_min of it; how close depends on where the floor is reached (0.33 Delta_min at the defaults, "
       "and a tenth of it is rejected); the ceiling is a cap on every step, not approached by a quadratic's last steps"},
      {"rprop_poll3", "13_rprop_quickprop",
       R"(\text{after a sign change of the derivative Rprop returns to the earlier estimate and takes a smaller step the same way: } w_{k+1}=w_{k-1}+\beta(w_k-w_{k-1}) \text{ (Riedmiller \& Braun's Rprop}^+\text{ takes the return and the step as two iterations)})",
       {{"backtracking", R"(\text{weight backtracking (the notes' and Rprop}^+\text{'s return to the earlier estimate)})"}},
       "seed 002 (poll 3; its prose at line 1361, \"reduce the step and reverse direction\", says otherwise); Riedmiller "
       "& Braun (1993)",
       {{"reverse_from_overshoot", R"(\text{after the sign change Rprop steps back from } w_k\text{: } w_{k+1}=w_k-\beta(w_k-w_{k-1}))"}},
       "its only inequality is a direction, the sign of (w_(k+1) - w_(k-1))(w_k - w_(k-1)); the position itself is checked "
       "as an equality"},
      {"rprop_variants", "13_rprop_quickprop",
       R"(\text{Rprop}^\pm,\ \text{iRprop}^\pm \text{ use only the signs of } \partial f/\partial x_i \text{ (and, iRprop}^+\text{, whether } f \text{ rose): the same iterates on } f \text{ and } cf,\ c>0;\ \text{torch.optim.Rprop is iRprop}^-)",
       {{"positive_scale", R"(c>0)"}},
       "Riedmiller & Braun (1993); Igel & Hüsken (2000); torch.optim.Rprop",
       {{"pytorch_is_rprop_minus", R"(\text{torch.optim.Rprop is Rprop}^- \text{ (no stand-still after a sign change)})"}}},
      {"quickprop_secant", "13_rprop_quickprop",
       R"(\Delta_k=\Delta_{k-1}\frac{S_k}{S_{k-1}-S_k} \text{ (the minimizer of the parabola through two slopes) lands on the minimizer of a separable quadratic at step 2; per-coordinate Newton steps with the true } E'' \text{ too; Fahlman caps } |\Delta_k|\le\mu|\Delta_{k-1}| \text{ (plus } \varepsilon|S_k|\text{) after a downhill step})",
       {{"separable", R"(\nabla^2 f \text{ diagonal})"}, {"quadratic", R"(f \text{ quadratic})"},
        {"growth_cap", R"(\text{Fahlman's cap } \mu)"}},
       "Fahlman (1988); seed 002 (QuickProp); errata: the sign of the per-connection display, the missing factor "
       "Err'(w^(k)) in the second",
       {{"secant_sign_flipped", R"(\Delta_k=\Delta_{k-1}\frac{S_k}{S_k-S_{k-1}})"}}},
  };
}
}  // namespace descent::claims
