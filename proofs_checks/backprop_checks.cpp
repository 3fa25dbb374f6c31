// Claims of lesson 15: computing gradients.
#include "backprop_checks.hpp"

#include <boost/multiprecision/mpfi.hpp>

#include <cmath>
#include <functional>
#include <memory>

#include "descent/autodiff/gradient.hpp"
#include "descent/autodiff/twin.hpp"
#include "descent/problems/logistic.hpp"
#include "descent/problems/mlp.hpp"
#include "descent/problems.hpp"
#include "descent/problems/test_functions.hpp"
#include "instance_text.hpp"

namespace descent::claims::backprop {

namespace {
using Q = Rational;
using M = Mpfr;
using I = Interval;
using autodiff::Dual;
using descent::abs_value;
using detail::converted;
using descent::ScopedDigits;
using detail::max_diff;
using detail::vec_text;

const Erratum seed002_loss_never_added{
    detail::seed002, 83, "Until $Loss$ has converged",
    "the loop must accumulate the loss it tests: Loss += Div(Y_t, d_t) (divided by T) next to the gradient's "
    "accumulation on line 80; as written Loss is set to 0 on line 72 and never changed, so the test compares 0 "
    "with 0 and stops the loop the first time it can compare (after the second pass), whatever the true loss does"};

// The polynomial 3-2-2-1 network (two square hidden layers: the loss has degree 8 in each weight)
// on K = 4 seeded regression examples, at seeded weights.
MlpShape deep_shape() {
  MlpShape s;
  s.sizes = {3, 2, 2, 1};
  s.hidden = Activation::square;
  s.output = Activation::identity;
  return s;
}
template <class S>
Mlp<S> deep_net() {
  const ExampleData d = regression_data(15, 4, 3, 0.5);
  return Mlp<S>(deep_shape(), converted<S>(d.X), converted<S>(d.D));
}
template <class S>
Vec<S> deep_theta() {
  return converted<S>(initial_weights(16, deep_shape().parameters(), 0.5));
}
const char* deep_text = "network 3-2-2-1 with square hidden layers and identity output, L2 divergence (a polynomial of "
                        "degree 8 in each first-layer weight, 4 and 2 in the later layers: exact in rationals), K = 4 "
                        "seeded regression examples, 17 seeded rational weights";

// ∂Div_t/∂θ by one reverse pass over example t's divergence alone.
template <class S>
Vec<S> ad_example_gradient(const Mlp<S>& f, int t, const Vec<S>& theta) {
  return autodiff::gradient<S>(
             [&](const auto& v) {
               using T = std::decay_t<decltype(v[0])>;
               return mlp_divergence<T, S>(f.shape(), v, f.X(), f.D(), t);
             },
             theta)
      .second;
}
}  // namespace

// ---- backprop_recap ----

namespace {
// The largest difference `diff` finds between one example's hand-written backward pass and reverse mode's
// gradient of that example's divergence, over the examples of deep_net.
Q worst_over_examples(const std::function<Q(const Mlp<Q>&, const Vec<Q>&, const LayerGradients<Q>&, const Vec<Q>&)>& diff) {
  const Mlp<Q> f = deep_net<Q>();
  const Vec<Q> theta = deep_theta<Q>();
  Q worst = 0;
  for (int t = 0; t < f.examples(); ++t)
    worst = std::max<Q>(worst, diff(f, theta, f.backward(t, theta), ad_example_gradient<Q>(f, t, theta)));
  return worst;
}
}  // namespace

Verdict weight_gradient() {
  const Q worst = worst_over_examples([](const Mlp<Q>& f, const Vec<Q>&, const LayerGradients<Q>& r, const Vec<Q>& g) {
    Q w = 0;
    for (int k = 1; k <= 3; ++k) {
      const int rows = f.shape().sizes[std::size_t(k)], cols = f.shape().sizes[std::size_t(k - 1)];
      const int off = f.shape().weight_offset(k);
      for (int i = 0; i < rows; ++i)
        for (int j = 0; j < cols; ++j)  // ∂Div/∂(W_k)_ij sits at (j, i) of y_{k-1} ∇_{z_k}Div
          w = std::max<Q>(w, abs_value<Q>(Q(r.grad_W[std::size_t(k)](j, i) - g(off + i * cols + j))));
    }
    return w;
  });
  return compare<Q>("backprop_recap",
                    "line 66: grad_(W_k) Div = y_(k-1) grad_(z_k) Div, an n_(k-1) x n_k matrix whose (j, i) entry is "
                    "dDiv/d(W_k)_ij (reverse-mode AD): largest difference over k = 1, 2, 3 and 4 examples",
                    Kind::holds, worst, Relation::eq, Q(0), Q(0), deep_text);
}

Verdict bias_gradient() {
  const Q worst = worst_over_examples([](const Mlp<Q>& f, const Vec<Q>&, const LayerGradients<Q>& r, const Vec<Q>& g) {
    Q w = 0;
    for (int k = 1; k <= 3; ++k)
      w = std::max<Q>(w, max_diff<Q>(r.grad_z[std::size_t(k)],
                                     Vec<Q>(g.segment(f.shape().bias_offset(k), f.shape().sizes[std::size_t(k)]))));
    return w;
  });
  return compare<Q>("backprop_recap", "line 66: grad_(b_k) Div = grad_(z_k) Div (reverse-mode AD's dDiv/db_k)",
                    Kind::holds, worst, Relation::eq, Q(0), Q(0), deep_text);
}

Verdict chain_to_previous_layer() {
  // with_derivative = false: the wrong variant that skips line 62 (grad_(z_(k-1)) = grad_(y_(k-1)))
  auto chain = [](bool with_derivative) {
    return worst_over_examples([with_derivative](const Mlp<Q>& f, const Vec<Q>& theta, const LayerGradients<Q>& r,
                                                 const Vec<Q>& g) {
      Q w = 0;
      for (int k = 2; k <= 3; ++k) {
        // line 64 then line 62: grad_(y_(k-1)) = grad_(z_k) W_k, grad_(z_(k-1)) = grad_(y_(k-1)) diag(f'(z_(k-1)))
        const Vec<Q> gy = (r.grad_z[std::size_t(k)].transpose() * f.W(k, theta)).transpose();
        const Vec<Q>& z = r.z[std::size_t(k - 1)];
        Vec<Q> gz(z.size());
        for (int i = 0; i < z.size(); ++i) gz(i) = with_derivative ? Q(gy(i) * 2 * z(i)) : gy(i);  // square: f'(z) = 2z
        w = std::max<Q>(w, max_diff<Q>(gz, Vec<Q>(g.segment(f.shape().bias_offset(k - 1), z.size()))));
      }
      return w;
    });
  };
  const Q worst = chain(true);
  Verdict v = compare<Q>("backprop_recap",
                    "lines 64 and 62: grad_(y_(k-1)) Div = grad_(z_k) Div W_k, times f'(z_(k-1)) entry by entry, is "
                    "reverse-mode AD's dDiv/db_(k-1), k = 2, 3",
                    Kind::holds, worst, Relation::eq, Q(0), Q(0),
                    std::string(deep_text) + "; f(z) = z^2, f'(z) = 2z, so grad_(z) y is diag(2z)");
  return rule_out<Q>(v, "no_activation_derivative", chain(false), Relation::eq, Q(0), Q(0));
}

// ---- backprop_poll0 ----

namespace {
// Σ_t option 1 (y_{k−1}·∇_{z_k}Div_t) for layer k: n_{k−1}×n_k.
Mat<Q> option1(const Mlp<Q>& f, const Vec<Q>& theta, int k) {
  Mat<Q> sum = Mat<Q>::Zero(f.shape().sizes[std::size_t(k - 1)], f.shape().sizes[std::size_t(k)]);
  for (int t = 0; t < f.examples(); ++t) {
    const LayerGradients<Q> r = f.backward(t, theta);
    sum += r.y[std::size_t(k - 1)] * r.grad_z[std::size_t(k)].transpose();
  }
  return sum;
}
}  // namespace

Verdict option1_notes_convention(const Rational& eta) {
  const Mlp<Q> f = deep_net<Q>();
  const Vec<Q> theta = deep_theta<Q>();
  const Q T(f.examples());
  const auto twin = autodiff::ad_twin<Q>(f);
  const Vec<Q> gd = theta - eta * twin->gradient(theta);  // GD on the mean loss, AD gradient
  Q worst = 0;
  for (int k = 1; k <= 3; ++k) {
    const Mat<Q> Wnext = f.W(k, theta) - (eta / T) * option1(f, theta, k).transpose();  // line 82
    const Vec<Q> gd_theta = gd;
    worst = std::max<Q>(worst, max_diff<Q>(Wnext, f.W(k, gd_theta)));
  }
  return compare<Q>("backprop_poll0",
                    "poll 0, option 1 in the notes' convention: W_k - (eta/T)(sum_t y_(k-1) grad_(z_k) Div_t)^T (line 82) "
                    "is the GD step of every W_k",
                    Kind::holds, worst, Relation::eq, Q(0), Q(0),
                    std::string(deep_text) + ", eta = " + eta.str() + "; option 1 is n_(k-1) x n_k (3x2, 2x2, 2x1), the shape of W_k^T: "
                                             "hence the transpose in the update");
}

Verdict option4_column_convention() {
  const Mlp<Q> f = deep_net<Q>();
  const Vec<Q> theta = deep_theta<Q>();
  const Vec<Q> g = autodiff::ad_twin<Q>(f)->gradient(theta) * Q(f.examples());  // Σ_t ∇Div_t
  Q worst = 0;
  for (int k = 1; k <= 3; ++k) {
    Mat<Q> opt4 = Mat<Q>::Zero(f.shape().sizes[std::size_t(k)], f.shape().sizes[std::size_t(k - 1)]);
    for (int t = 0; t < f.examples(); ++t) {
      const LayerGradients<Q> r = f.backward(t, theta);
      opt4 += r.grad_z[std::size_t(k)] * r.y[std::size_t(k - 1)].transpose();  // a column times a row
    }
    worst = std::max<Q>(worst, max_diff<Q>(opt4, f.W(k, g)));
  }
  // the wrong reading: option 1 (y_(k-1) grad_(z_k) Div, summed) is already in W_k's layout; on the square
  // layer k = 2 the shapes allow the comparison
  const Q option1_as_w = max_diff<Q>(option1(f, theta, 2), f.W(2, g));
  Verdict v = compare<Q>("backprop_poll0",
                    "poll 0, option 4 in the column convention: with gradients as columns, grad_(z_k) Div y_(k-1)^T "
                    "(n_k x n_(k-1), the shape of W_k) is the AD gradient in W_k's layout",
                    Kind::holds, worst, Relation::eq, Q(0), Q(0),
                    std::string(deep_text) + ". Options 2 and 3 are not matrices of either shape: a row (1 x n_k) times "
                                             "a column (n_(k-1) x 1) needs n_k = n_(k-1) and gives 1 x 1; a row times a "
                                             "row is undefined unless n_(k-1) = 1");
  return rule_out<Q>(v, "option1_is_w_layout", option1_as_w, Relation::eq, Q(0), Q(0));
}

Verdict option1_without_transpose(const Rational& eta) {
  const Mlp<Q> f = deep_net<Q>();
  const Vec<Q> theta = deep_theta<Q>();
  const Q T(f.examples());
  const Vec<Q> gd = theta - eta * autodiff::ad_twin<Q>(f)->gradient(theta);
  const Mat<Q> Wnext = f.W(2, theta) - (eta / T) * option1(f, theta, 2);  // 2x2: the shapes match
  return compare<Q>("backprop_poll0",
                    "option 1 used as a gradient of W_k's shape (no transpose in the update), on the square layer k = 2 "
                    "(2 x 2, where the shapes let it pass): W_2 - (eta/T) sum_t y_1 grad_(z_2) Div_t is the GD step",
                    Expect::counterexample("transpose"), max_diff<Q>(Wnext, f.W(2, gd)), Relation::eq, Q(0), Q(0),
                    std::string(deep_text) + ", eta = " + eta.str() + ": it updates W_2 with the transposed gradient");
}

// ---- training_loop ----

Verdict notes_loop_is_gd(const Rational& eta) {
  const Mlp<Q> f = deep_net<Q>();
  Vec<Q> theta = deep_theta<Q>(), x = theta;
  const Q T(f.examples());
  const auto twin = autodiff::ad_twin<Q>(f);
  GradientDescent<Q> gd(eta);
  Vec<Q> no_mean = theta;  // the wrong variant: line 82 without the 1/T
  for (int it = 0; it < 3; ++it) {
    // lines 72-82: Loss = 0, grad Loss = 0; for t: forward, backward, grad Loss += grad Div_t; W -= (eta/T) grad^T
    Vec<Q> acc = Vec<Q>::Zero(theta.size()), acc_sum = Vec<Q>::Zero(theta.size());
    for (int t = 0; t < f.examples(); ++t) {
      acc += f.example_gradient(t, theta);
      acc_sum += f.example_gradient(t, no_mean);
    }
    theta = theta - (eta / T) * acc;
    no_mean = no_mean - eta * acc_sum;
    x = gd.step(*twin, x, twin->gradient(x));
  }
  Verdict v = compare<Q>("training_loop",
                    "seed 002's training loop (lines 72-82: accumulate grad Div over the T examples, update with eta/T) "
                    "run 3 times equals 3 steps of GD on Loss = (1/T) sum_t Div (line 40): largest difference",
                    Kind::holds, max_diff<Q>(theta, x), Relation::eq, Q(0), Q(0),
                    std::string(deep_text) + ", eta = " + eta.str() + "; GD is the library's on the AD twin. Line 80 accumulates "
                                             "without 1/T and line 82 divides by T: the same as line 46-47's mean");
  return rule_out<Q>(v, "sum_without_mean", max_diff<Q>(no_mean, x), Relation::eq, Q(0), Q(0));
}

Verdict loop_stops_at_once(const Rational& eta) {
  // Lines 72-82 transcribed pass by pass, the variable Loss included: line 72 sets it to 0 and no line adds to
  // it (line 80 accumulates the gradients only). Line 83's test compares Loss after a pass with Loss after
  // the pass before, so whatever Loss was before the loop, the test is first decided after pass 2, where it
  // compares 0 with 0 and stops. The refuted reading: when it stops, the loss has converged (changed by at
  // most eps = 10^-6 in the last pass).
  const Mlp<Q> f = deep_net<Q>();
  Vec<Q> theta = deep_theta<Q>();
  const Q T(f.examples()), eps(1, 1000000);
  std::vector<Q> loss_after_pass, true_loss{f.value(theta)};
  int passes = 0;
  for (;;) {
    Q loss = 0;  // line 72: initialize Loss = 0 (and the gradient sums)
    Vec<Q> acc = Vec<Q>::Zero(theta.size());
    for (int t = 0; t < f.examples(); ++t) acc += f.example_gradient(t, theta);  // lines 74-80 (Div not added)
    theta = theta - (eta / T) * acc;  // line 82
    ++passes;
    loss_after_pass.push_back(loss);
    true_loss.push_back(f.value(theta));
    if (passes >= 2 && abs_value<Q>(Q(loss_after_pass[passes - 1] - loss_after_pass[passes - 2])) <= eps) break;  // line 83
    if (passes > 100) throw std::logic_error("training_loop: the loop as written did not stop");
  }
  const Q change = abs_value<Q>(Q(true_loss[passes] - true_loss[passes - 1]));
  return compare<Q>("training_loop",
                    "seed 002's loop as written stops when Loss has converged (line 83: |Loss_k - Loss_(k-1)| <= eps = "
                    "10^-6): when it stops, the true loss changed by at most eps in its last pass",
                    Expect::refutes(seed002_loss_never_added), change, Relation::le, eps, Q(0),
                    std::string(deep_text) + ", eta = " + eta.str() + ": the transcribed loop's Loss is " +
                        loss_after_pass[0].str() + " after every pass, so it stops after pass " + std::to_string(passes) +
                        " (the first pass the test can compare); the mean loss went from " +
                        shown<Q>(true_loss[passes - 1]) + " to " + shown<Q>(true_loss[passes]) + " in that pass");
}

// ---- autodiff_modes ----

Verdict backprop_equals_reverse() {
  const Mlp<Q> f = deep_net<Q>();
  const Vec<Q> theta = deep_theta<Q>();
  const Vec<Q> g = f.gradient(theta), ad = autodiff::ad_twin<Q>(f)->gradient(theta);
  return compare<Q>("autodiff_modes",
                    "the hand-written backward pass (mean over examples) equals reverse-mode AD of the loss written "
                    "generically: largest difference",
                    Kind::holds, max_diff<Q>(g, ad), Relation::eq, Q(0), Q(0),
                    std::string(deep_text) + "; grad = " + vec_text<Q>(ad));
}

Verdict forward_equals_reverse() {
  const Mlp<Q> f = deep_net<Q>();
  const Vec<Q> theta = deep_theta<Q>();
  const auto twin = autodiff::ad_twin<Q>(f);
  return compare<Q>("autodiff_modes",
                    "forward mode (one pass per parameter, 17 passes) equals reverse mode (one pass): largest difference",
                    Kind::holds, max_diff<Q>(twin->forward_gradient(theta), twin->gradient(theta)), Relation::eq, Q(0), Q(0),
                    deep_text);
}

Verdict exact_finite_differences() {
  const Mlp<Q> f = deep_net<Q>();
  const Vec<Q> theta = deep_theta<Q>();
  const Vec<Q> ad = autodiff::ad_twin<Q>(f)->gradient(theta);
  const int m = 5;  // points -5h ... 5h: exact for degree <= 10
  const Q h(1, 7);
  // p'(0) = sum_k c_k (p(kh) - p(-kh))/h, c_k = (-1)^(k+1) (m!)^2/(k (m-k)! (m+k)!)
  auto fact = [](int n) {
    Q r = 1;
    for (int i = 2; i <= n; ++i) r *= i;
    return r;
  };
  Vec<Q> fd(theta.size());
  for (int j = 0; j < theta.size(); ++j) {
    Q s = 0;
    for (int k = 1; k <= m; ++k) {
      const Q c = Q(k % 2 ? 1 : -1) * fact(m) * fact(m) / (Q(k) * fact(m - k) * fact(m + k));
      Vec<Q> up = theta, down = theta;
      up(j) += k * h;
      down(j) -= k * h;
      s += c * (f.value(up) - f.value(down)) / h;
    }
    fd(j) = s;
  }
  // the wrong variant: the 3-point central difference (f(theta + h e_j) - f(theta - h e_j))/(2h) is exact too
  Vec<Q> fd3(theta.size());
  for (int j = 0; j < theta.size(); ++j) {
    Vec<Q> up = theta, down = theta;
    up(j) += h;
    down(j) -= h;
    fd3(j) = (f.value(up) - f.value(down)) / (2 * h);
  }
  Verdict v = compare<Q>("autodiff_modes",
                    "an 11-point central difference, exact for polynomials of degree <= 10, equals reverse mode on the "
                    "network (degree <= 8 in each weight): largest difference",
                    Kind::holds, max_diff<Q>(fd, ad), Relation::eq, Q(0), Q(0),
                    std::string(deep_text) + ", h = 1/7 (any h: the stencil differentiates the interpolating "
                                             "polynomial, which is the loss along the axis)");
  return rule_out<Q>(v, "three_point_exact", max_diff<Q>(fd3, ad), Relation::eq, Q(0), Q(0));
}

namespace {
template <class S>
void twin_diffs(const Problem<S>& p, const Vec<S>& x, S& worst, std::string& names) {
  const auto twin = autodiff::ad_twin<S>(p);
  worst = std::max<S>(worst, max_diff<S>(p.gradient(x), twin->gradient(x)));
  worst = std::max<S>(worst, max_diff<S>(p.hessian(x), twin->hessian(x)));
  names += (names.empty() ? "" : ", ") + p.name();
}
Vec<Q> qvec(std::initializer_list<Q> v) {
  Vec<Q> out(static_cast<Eigen::Index>(v.size()));
  int i = 0;
  for (const Q& q : v) out(i++) = q;
  return out;
}
}  // namespace

Verdict library_exact() {
  Q worst = 0;
  std::string names;
  Mat<Q> A(3, 3);
  A << Q(4), Q(1, 2), Q(-1), Q(1, 2), Q(3), Q(2, 3), Q(-1), Q(2, 3), Q(5, 2);
  twin_diffs<Q>(Quadratic<Q>(A, qvec({Q(1), Q(-2), Q(1, 3)}), Q(7)), qvec({Q(1, 2), Q(-3, 4), Q(2)}), worst, names);
  Mat<Q> Phi(2, 3);
  Phi << Q(1), Q(-1, 2), Q(3, 4), Q(1), Q(1), Q(1);
  twin_diffs<Q>(LeastSquares<Q>(Phi, qvec({Q(1), Q(2), Q(-1)})), qvec({Q(1, 3), Q(-2)}), worst, names);
  twin_diffs<Q>(SeedF<Q>(), qvec({Q(3, 2), Q(-2, 3)}), worst, names);
  twin_diffs<Q>(SeedG<Q>(), qvec({Q(-1, 5), Q(7, 4)}), worst, names);
  twin_diffs<Q>(Huber<Q>(3, Q(1, 2), Q(3, 2)), qvec({Q(2), Q(-3, 4), Q(1, 5)}), worst, names);  // both pieces
  twin_diffs<Q>(Rosenbrock<Q>(3), qvec({Q(-6, 5), Q(1), Q(1, 2)}), worst, names);
  for (const Q& x : {Q(1, 2), Q(3, 2), Q(5, 2)}) twin_diffs<Q>(Lessard<Q>(Q(1), Q(25)), qvec({x}), worst, names);
  twin_diffs<Q>(PoorLocalMinimum<Q>(), qvec({Q(9, 5)}), worst, names);
  const Mlp<Q> net = deep_net<Q>();
  twin_diffs<Q>(net, deep_theta<Q>(), worst, names);
  return compare<Q>("autodiff_modes",
                    "every hand-written gradient and Hessian of the library's rational problems equals reverse mode "
                    "(gradient) and forward over forward (Hessian) of the formula rebuilt from the problem's data: "
                    "largest difference",
                    Kind::holds, worst, Relation::eq, Q(0), Q(0),
                    "problems: " + names + " (Huber with coordinates on both pieces, Lessard on each of its three "
                                           "pieces); the formulas are lib/src/problems/ad_twins.cpp");
}

Verdict library_transcendental() {
  M worst = 0, scale = 0;
  std::string names;
  // the scale of each problem: its largest gradient and Hessian entries times the number of terms summed
  // into one entry (examples, or coordinates for a separable sum), from the values, not chosen by hand
  auto add = [&](const Problem<M>& p, const Vec<M>& x, int terms) {
    twin_diffs<M>(p, x, worst, names);
    scale += M(terms) * (p.gradient(x).cwiseAbs().maxCoeff() + p.hessian(x).cwiseAbs().maxCoeff() + abs_value<M>(p.value(x)));
  };
  Vec<M> a(3), x3(3);
  a << M(1), M(4), M(1) / 4;
  x3 << M(1) / 2, M(-2), M(3);
  add(Lorentzian<M>(a), x3, 3);
  add(ExpQuadratic1D<M>(), Vec<M>::Constant(1, M(1) / 3), 3);
  const DataSet data = scaled_classification_data(3, 12, {1.0, 10.0, 0.1});
  Vec<M> y(static_cast<Eigen::Index>(data.y.size()));
  for (std::size_t i = 0; i < data.y.size(); ++i) y(static_cast<Eigen::Index>(i)) = M(data.y[i]);
  Vec<M> w(3);
  w << M(1) / 5, M(-1) / 10, M(2);
  add(LogisticRegression<M>(to_matrix<M>(data.X), y, M(1) / 100), w, 12);
  for (Activation act : {Activation::sigmoid, Activation::tanh}) {
    MlpShape s;
    s.sizes = {2, 3, 1};
    s.hidden = act;
    s.output = Activation::sigmoid;
    s.divergence = act == Activation::sigmoid ? Divergence::cross_entropy : Divergence::l2;
    const ExampleData d = two_class_data(17, 6, 0.8);
    add(Mlp<M>(s, converted<M>(d.X), converted<M>(d.D)), converted<M>(initial_weights(18, s.parameters(), 1)), 6 * 13);
  }
  return compare<M>("autodiff_modes",
                    "the same for the problems with exp and log and for sigmoid and tanh networks: largest difference, "
                    "within the rounding of the sums",
                    Kind::holds, worst, Relation::le, M(64 * epsilon<M>() * scale), M(0),
                    "problems: " + names + "; rhs = 64 eps times the scale " + shown<M>(scale, 3) +
                        " (each problem's largest |f|, gradient and Hessian entries times the terms summed into one)");
}

Verdict relu_kink() {
  // Div(b1) = (relu(1·1 + b1) − 1)² at b1 = −1: z_1 = 0 exactly
  MlpShape s;
  s.sizes = {1, 1, 1};
  s.hidden = Activation::relu;
  s.output = Activation::identity;
  Mat<Q> X(1, 1), D(1, 1);
  X << Q(1);
  D << Q(1);
  // Rational networks need polynomial activations: the kink is checked in Mpfr-free exact arithmetic
  // by the generic formula directly (relu is exact).
  const std::vector<Q> theta = {Q(1), Q(-1), Q(1), Q(0)};  // W1, b1, W2, b2
  auto loss = [&](const auto& v) {
    using T = std::decay_t<decltype(v[0])>;
    return mlp_divergence<T, Q>(s, v, X, D, 0);
  };
  Vec<Q> th(4);
  for (int i = 0; i < 4; ++i) th(i) = theta[std::size_t(i)];
  const Q ad = autodiff::gradient<Q>(loss, th).second(1);
  const Q h(1, 1000);
  Vec<Q> up = th, down = th;
  up(1) += h;
  down(1) -= h;
  const Q cd = (loss(std::vector<Q>(up.data(), up.data() + 4)) - loss(std::vector<Q>(down.data(), down.data() + 4))) / (2 * h);
  return compare<Q>("autodiff_modes",
                    "at a ReLU kink (z_1 = 0 exactly) reverse mode's dDiv/db_1 equals the central difference quotient",
                    Expect::counterexample("differentiable"), ad, Relation::eq, cd, Q(0),
                    "network 1-1-1, relu hidden layer, x = 1, d = 1, (W_1, b_1, W_2, b_2) = (1, -1, 1, 0), h = 1/1000: "
                    "AD uses relu'(0) = 0 and gives " + ad.str() + "; the one-sided derivatives are -2 and 0, and the "
                    "central quotient ((h - 1)^2 - 1)/(2h) = -1 + h/2 = " + cd.str() + " tends to their mean -1 as h -> 0. "
                    "Neither is 'the' gradient: there is none");
}

// ---- fd_certified ----

namespace {
MlpShape sigmoid_shape() {
  MlpShape s;
  s.sizes = {2, 3, 1};
  s.hidden = Activation::sigmoid;
  s.output = Activation::sigmoid;
  s.divergence = Divergence::cross_entropy;
  return s;
}
template <class S>
Mlp<S> sigmoid_net() {
  const ExampleData d = two_class_data(17, 4, 0.8);
  return Mlp<S>(sigmoid_shape(), converted<S>(d.X), converted<S>(d.D));
}
const char* sigmoid_text = "network 2-3-1, sigmoid layers, cross-entropy, K = 4 seeded two-class examples, 13 seeded weights";

// An enclosure of max |∂_j³ Loss| over θ + [−h, h] e_j: three nested duals over an interval box.
I third_derivative_box(const Mlp<I>& f, const Vec<I>& theta, int j, const I& h) {
  using D1 = Dual<I>;
  using D2 = Dual<D1>;
  using D3 = Dual<D2>;
  std::vector<D3> in;
  for (int i = 0; i < theta.size(); ++i) {
    if (i == j) {
      const I box(boost::multiprecision::lower(I(theta(i) - h)), boost::multiprecision::upper(I(theta(i) + h)));
      in.emplace_back(D2(D1(box, I(1)), D1(I(1), I(0))), D2(D1(I(1), I(0)), D1(I(0), I(0))));
    } else {
      in.emplace_back(D2(D1(theta(i), I(0)), D1(I(0), I(0))), D2(D1(I(0), I(0)), D1(I(0), I(0))));
    }
  }
  const D3 r = mlp_loss<D3, I>(f.shape(), in, f.X(), f.D());
  return r.derivative.derivative.derivative;
}
}  // namespace

namespace {
Verdict certified_at(const Rational& h_exact, const std::string& step) {
  const Mlp<I> f = sigmoid_net<I>();
  const Vec<I> theta = converted<I>(initial_weights(18, sigmoid_shape().parameters(), 1));
  const I h = from_rational<I>(h_exact);
  const Vec<I> g = autodiff::gradient<I>(
                       [&](const auto& v) {
                         using T = std::decay_t<decltype(v[0])>;
                         return mlp_loss<T, I>(f.shape(), v, f.X(), f.D());
                       },
                       theta)
                       .second;
  I worst_lhs = 0, worst_rhs = 1;
  M worst_margin = 1e300;
  int worst_j = 0;
  for (int j = 0; j < theta.size(); ++j) {
    Vec<I> up = theta, down = theta;
    up(j) += h;
    down(j) -= h;
    const I cd = (f.value(up) - f.value(down)) / (2 * h);
    const I lhs = abs(I(cd - g(j)));
    const I M3 = abs(third_derivative_box(f, theta, j, h));
    const I rhs = h * h * I(boost::multiprecision::upper(M3)) / 6;
    const M margin = M(boost::multiprecision::lower(rhs)) - M(boost::multiprecision::upper(lhs));
    if (margin < worst_margin) {
      worst_margin = margin;
      worst_lhs = lhs;
      worst_rhs = rhs;
      worst_j = j;
    }
  }
  Verdict v = compare<I>("fd_certified", step, Kind::holds, worst_lhs, Relation::le, worst_rhs, I(0),
                         std::string(sigmoid_text) + ", h = " + shown<Q>(h_exact) + ", j = " + std::to_string(worst_j) +
                             ": the gradient by reverse mode over intervals, the third derivative by three nested duals "
                             "over the interval theta_j + [-h, h]; rhs is a certified upper bound of (h^2/6) max|d_j^3 f| "
                             "(h^2/6 times the upper end of an enclosure of |d_j^3 f| on the segment), not an enclosure of "
                             "it; the enclosures hold the rounding of every operation");
  // the error is (h^2/12)(f'''(xi+) + f'''(xi-)): a bound with h^2/12 max|f'''| is exceeded
  return rule_out<I>(v, "constant_twelfth", worst_lhs, Relation::le, I(worst_rhs / 2), I(0));
}
}  // namespace

Verdict certified_bound(const Rational& h) {
  return certified_at(h, "|(f(theta + h e_j) - f(theta - h e_j))/(2h) - d_j f(theta)| <= (h^2/6) max over the segment of "
                         "|d_j^3 f|, certified for every j (shown: the j with the least margin)");
}

Verdict hundred_digits() {
  const ScopedDigits guard(std::max(100, descent::digits()));
  // h = 10^-(digits/5): the truncation h^2 max|f'''|/6 stays far above the rounding (10^-digits/h) that
  // the intervals carry, so the bound can be certified
  const Rational h = Rational(1) / detail::pow10(descent::digits() / 5);
  return certified_at(h, "at " + std::to_string(descent::digits()) + " digits: the central difference with h = " +
                             shown<Q>(h) + " agrees with reverse mode within (h^2/6) max|d_j^3 f|, certified for every j "
                             "(about " + std::to_string(descent::digits() / 5 * 2) + " digits agree)");
}



Verdict bound_attained_cubic() {
  const SeedF<Q> f;
  Vec<Q> p(2);
  p << Q(3, 2), Q(-2, 3);
  const Q h(1, 10);
  Vec<Q> up = p, down = p;
  up(1) += h;
  down(1) -= h;
  const Q cd = (f.value(up) - f.value(down)) / (2 * h);
  const Q err = abs_value<Q>(Q(cd - f.gradient(p)(1)));  // the library's hand-written gradient
  // f_yyy along y by three nested duals of the formula x² y³ (constant: 6x²)
  using D1 = Dual<Q>;
  using D3 = Dual<Dual<D1>>;
  const D3 x(Dual<D1>(D1(p(0), Q(0)), D1(Q(0), Q(0))), Dual<D1>(D1(Q(0), Q(0)), D1(Q(0), Q(0))));
  const D3 y(Dual<D1>(D1(p(1), Q(1)), D1(Q(1), Q(0))), Dual<D1>(D1(Q(1), Q(0)), D1(Q(0), Q(0))));
  const D3 r = x * x * y * y * y;
  const Q fyyy = r.derivative.derivative.derivative;
  return compare<Q>("fd_certified",
                    "the bound is attained by a cubic: on f(x, y) = x^2 y^3 (seed 000) along y, |central difference - "
                    "f_y| = h^2 |f_yyy|/6",
                    Kind::tight, err, Relation::eq, Q(h * h * abs_value<Q>(fyyy) / 6), Q(0),
                    "(x, y) = (3/2, -2/3), h = 1/10: f_y from the library's SeedF, f_yyy = 6x^2 = " + fyyy.str() +
                        " by three nested duals; the error is h^2 x^2 = " + err.str() + " exactly");
}

Verdict kink_in_segment() {
  // Div(b1) = (relu(1 + b1) − 1)² at b1 = −1 + h/2: differentiable at the point, a kink at distance h/2
  MlpShape s;
  s.sizes = {1, 1, 1};
  s.hidden = Activation::relu;
  s.output = Activation::identity;
  Mat<Q> X(1, 1), D(1, 1);
  X << Q(1);
  D << Q(1);
  const Q h(1, 1000);
  auto loss = [&](const auto& v) {
    using T = std::decay_t<decltype(v[0])>;
    return mlp_divergence<T, Q>(s, v, X, D, 0);
  };
  Vec<Q> th(4);
  th << Q(1), Q(-1) + h / 2, Q(1), Q(0);
  const Q ad = autodiff::gradient<Q>(loss, th).second(1);
  Vec<Q> up = th, down = th;
  up(1) += h;
  down(1) -= h;
  const Q cd = (loss(std::vector<Q>(up.data(), up.data() + 4)) - loss(std::vector<Q>(down.data(), down.data() + 4))) / (2 * h);
  // on each piece Div is a polynomial of degree <= 2 in b1: f''' = 0 there, so the bound is 0
  return compare<Q>("fd_certified",
                    "with a ReLU kink inside [b_1 - h, b_1 + h] (f''' = 0 on both pieces, so h^2 max|f'''|/6 = 0): "
                    "|central difference - dDiv/db_1| <= 0",
                    Expect::counterexample("smooth3"), abs_value<Q>(Q(cd - ad)), Relation::le, Q(0), Q(0),
                    "network 1-1-1 relu, x = d = 1, b_1 = -1 + h/2, h = 1/1000: dDiv/db_1 = " + ad.str() +
                        ", the central quotient " + cd.str() + ": off by about 1/2, whatever h");
}

// ---- mse_adjoint ----

namespace {
MlpShape two_out_shape() {
  MlpShape s;
  s.sizes = {2, 3, 2};
  s.hidden = Activation::square;
  s.output = Activation::identity;
  return s;
}
Mlp<Q> two_out_net() {
  const ExampleData d = regression_data(19, 3, 2, 0.5);
  Mat<Q> X = converted<Q>(d.X), D(3, 2);
  for (int t = 0; t < 3; ++t) {
    D(t, 0) = Q(d.D(t, 0));
    D(t, 1) = X(t, 0) - X(t, 1);
  }
  return Mlp<Q>(two_out_shape(), X, D);
}
Vec<Q> two_out_theta() { return converted<Q>(initial_weights(20, two_out_shape().parameters(), 0.5)); }
const char* two_out_text = "network 2-3-2 (square hidden layer, identity output), L2: Div = ||x_k - f_theta(y_k)||^2 in "
                           "seed 004's letters (x the target, y the input), K = 3 examples, N_x = 2 outputs, P = 17";
// ∇_θ f_θ(y_t): N_x×P, column j by one forward pass seeded with e_j.
Mat<Q> jacobian_forward(const Mlp<Q>& f, const Vec<Q>& theta, int t) {
  const int P = static_cast<int>(theta.size()), Nx = f.shape().sizes.back();
  Mat<Q> J(Nx, P);
  for (int j = 0; j < P; ++j) {
    std::vector<Dual<Q>> in;
    for (int i = 0; i < P; ++i) in.emplace_back(theta(i), Q(i == j ? 1 : 0));
    const auto out = mlp_outputs<Dual<Q>, Q>(f.shape(), in, f.X(), t);
    for (int i = 0; i < Nx; ++i) J(i, j) = out[std::size_t(i)].derivative;
  }
  return J;
}
// ∇_θ f_θ(y_t) row by row: one reverse pass per output.
Mat<Q> jacobian_reverse(const Mlp<Q>& f, const Vec<Q>& theta, int t) {
  const int P = static_cast<int>(theta.size()), Nx = f.shape().sizes.back();
  Mat<Q> J(Nx, P);
  for (int i = 0; i < Nx; ++i)
    J.row(i) = autodiff::gradient<Q>(
                   [&](const auto& v) {
                     using T = std::decay_t<decltype(v[0])>;
                     return mlp_outputs<T, Q>(f.shape(), v, f.X(), t)[std::size_t(i)];
                   },
                   theta)
                   .second.transpose();
  return J;
}
// ε_k = x_k − f_θ(y_k) in seed 004's letters: the target minus the network's output for example k.
Vec<Q> error_of(const Mlp<Q>& f, const Vec<Q>& theta, int k) {
  const std::vector<Q> out = mlp_outputs<Q, Q>(f.shape(), std::vector<Q>(theta.data(), theta.data() + theta.size()), f.X(), k);
  Vec<Q> eps(f.D().cols());
  for (int i = 0; i < eps.size(); ++i) eps(i) = f.D()(k, i) - out[std::size_t(i)];
  return eps;
}
// (2/K) Σ_{k < n} ε_kᵀ J_k as a column.
Vec<Q> adjoint_sum(const Mlp<Q>& f, const Vec<Q>& theta, int n) {
  const Q K(f.examples());
  Vec<Q> d = Vec<Q>::Zero(theta.size());
  for (int k = 0; k < n; ++k) {
    const Mat<Q> J = jacobian_forward(f, theta, k);
    const Vec<Q> eps = error_of(f, theta, k);
    const Mat<Q> row = eps.transpose() * J;  // 1×N_x times N_x×P
    d += (2 / K) * row.transpose();
  }
  return d;
}
}  // namespace

Verdict adjoint_formula() {
  const Mlp<Q> f = two_out_net();
  const Vec<Q> theta = two_out_theta();
  const Vec<Q> d = adjoint_sum(f, theta, f.examples());
  const Vec<Q> minus_grad = -autodiff::ad_twin<Q>(f)->gradient(theta);
  Verdict v = compare<Q>("mse_adjoint",
                         "seed 004: -grad L_MSE = (2/K) sum_(k=0)^(K-1) eps_k^t grad_theta f_theta(y_k), the 1 x N_x error row "
                         "times the N_x x P Jacobian (by forward mode, one pass per parameter), equals reverse mode's -grad L",
                         Kind::holds, max_diff<Q>(d, minus_grad), Relation::eq, Q(0), Q(0),
                         std::string(two_out_text) + " (seed 004's line 306 writes the sum to N - 1 with N undefined; its "
                         "next line and lines 239-327 have K - 1, read here)");
  // with 1/K in place of 2/K the sum is half the gradient
  return rule_out<Q>(v, "mse_factor_one", max_diff<Q>(Vec<Q>(d / 2), minus_grad), Relation::eq, Q(0), Q(0));
}

Verdict adjoint_transposed() {
  const Mlp<Q> f = two_out_net();
  const Vec<Q> theta = two_out_theta();
  Vec<Q> dt = Vec<Q>::Zero(theta.size());
  for (int k = 0; k < f.examples(); ++k) {
    const Mat<Q> J = jacobian_reverse(f, theta, k);  // N_x×P
    const Vec<Q> eps = error_of(f, theta, k);
    dt += (Q(2) / Q(f.examples())) * (J.transpose() * eps);  // P×N_x times N_x×1
  }
  const Vec<Q> minus_grad = -autodiff::ad_twin<Q>(f)->gradient(theta);
  return compare<Q>("mse_adjoint",
                    "line 327: d^t = (2/K) sum_k [grad_theta f_theta(y_k)]^t eps_k, a P x N_x matrix times an N_x x 1 "
                    "error (Jacobian rows by reverse mode), is -grad L as a column",
                    Kind::holds, max_diff<Q>(dt, minus_grad), Relation::eq, Q(0), Q(0), two_out_text);
}

// ---- forward_reverse ----

Verdict jacobians_agree() {
  const Mlp<Q> f = two_out_net();
  const Vec<Q> theta = two_out_theta();
  Q worst = 0;
  for (int k = 0; k < f.examples(); ++k) worst = std::max<Q>(worst, max_diff<Q>(jacobian_forward(f, theta, k), jacobian_reverse(f, theta, k)));
  return compare<Q>("forward_reverse",
                    "the N_x x P Jacobian by P = 17 forward passes (delta x = grad f delta theta, one column each) equals "
                    "the one by N_x = 2 reverse passes (eps^t grad f, one row each)",
                    Kind::holds, worst, Relation::eq, Q(0), Q(0), two_out_text);
}

namespace {
// Tape nodes of one loss evaluation of a 2-w-w-1 sigmoid network on 4 examples, and its multiply-adds.
std::pair<double, double> tape_cost(int w) {
  MlpShape s;
  s.sizes = {2, w, w, 1};
  s.hidden = Activation::sigmoid;
  s.output = Activation::sigmoid;
  s.divergence = Divergence::cross_entropy;
  const ExampleData d = two_class_data(23, 4, 0.8);
  const Mlp<double> f(s, d.X, d.D);
  const std::vector<double> t0 = initial_weights(24, s.parameters(), 1);
  const Vec<double> theta = Eigen::Map<const Vec<double>>(t0.data(), static_cast<Eigen::Index>(t0.size()));
  std::size_t nodes = 0;
  autodiff::gradient<double>(
      [&](const auto& v) {
        using T = std::decay_t<decltype(v[0])>;
        return mlp_loss<T, double>(s, v, d.X, d.D);
      },
      theta, &nodes);
  const double madds = 4.0 * (2 * w + w * w + w);
  return {double(nodes), madds};
}
}  // namespace

Verdict tape_linear() {
  double worst = 0, narrow = 0, wide = 0;
  std::string rows;
  for (int w : {2, 4, 8, 16, 32}) {
    const auto [nodes, madds] = tape_cost(w);
    worst = std::max(worst, nodes / madds);
    if (w == 2) narrow = nodes / madds;
    wide = nodes / madds;
    rows += (rows.empty() ? "" : ", ") + std::to_string(w) + ": " + std::to_string(static_cast<long>(nodes)) + "/" +
            std::to_string(static_cast<long>(madds));
  }
  Verdict v = compare<double>("forward_reverse",
                         "one loss evaluation records at most 4 tape nodes per multiply-add of its forward pass, for "
                         "widths 2 to 32: a reverse pass (one sweep over the nodes) costs a fixed multiple of an "
                         "evaluation whatever P, where forward mode needs P evaluations",
                         Kind::holds, worst, Relation::le, 4.0, 0.0,
                         "2-w-w-1 sigmoid networks, K = 4 examples, nodes/multiply-adds by width: " + rows +
                             ". Why 4: a multiply-add records 2 nodes (product, sum), 3 in the first layer (the datum "
                             "x_j is a constant node); each unit adds its bias and activation, which weighs most in "
                             "narrow layers. Not attained: the ratio falls towards 2 as the width grows");
  // the wrong variant: the tape grows faster than the evaluation (nodes per multiply-add growing with the
  // width, as a cost proportional to P evaluations would)
  return rule_out(v, "tape_grows_with_width", wide < narrow,
                  "nodes per multiply-add at width 32: " + shown<double>(wide, 4) + ", at width 2: " + shown<double>(narrow, 4));
}

// ---- plots ----

std::vector<std::vector<double>> layer_norms(int steps) {
  MlpShape s;
  s.sizes = {2, 8, 8, 8, 1};
  s.hidden = Activation::sigmoid;
  s.output = Activation::sigmoid;
  s.divergence = Divergence::cross_entropy;
  const ExampleData d = two_class_data(25, 40, 1.0);
  const Mlp<double> f(s, d.X, d.D);
  const std::vector<double> t0 = initial_weights(26, s.parameters(), 1);
  Vec<double> theta = Eigen::Map<const Vec<double>>(t0.data(), static_cast<Eigen::Index>(t0.size()));
  std::vector<std::vector<double>> rows;
  for (int k = 0; k <= steps; ++k) {
    const Vec<double> g = f.gradient(theta);
    std::vector<double> row{double(k)};
    for (int l = 1; l <= 4; ++l) row.push_back(f.W(l, g).norm());
    rows.push_back(row);
    theta -= 1.0 * g;
  }
  return rows;
}

std::vector<std::vector<double>> mode_costs() {
  std::vector<std::vector<double>> rows;
  for (int w : {2, 4, 8, 16, 32}) {
    const auto [nodes, madds] = tape_cost(w);
    const double P = 2 * w + w + w * w + w + w + 1;
    rows.push_back({P, 2 * nodes, P * nodes});
  }
  return rows;
}

}  // namespace descent::claims::backprop

// ---- the claims of lesson 15_backprop that this file checks: their entries in the claim index
// (claim.hpp), registered here beside their checks (registry.cpp collects every file's)
namespace descent::claims {
std::vector<ClaimInfo> claims_of_backprop_checks() {
  return {
      {"backprop_recap", "15_backprop",
       R"(z_k=W_ky_{k-1}+b_k,\ y_k=f(z_k):\ \nabla_{z_k}Div=\nabla_{y_k}Div\,\nabla_{z_k}y_k,\ \nabla_{y_{k-1}}Div=\nabla_{z_k}Div\,W_k,\ \nabla_{b_k}Div=\nabla_{z_k}Div,\ \nabla_{W_k}Div=y_{k-1}\nabla_{z_k}Div \text{ (row-vector gradients)})",
       {},
       "seed 002 (Recap: Vector derivatives)",
       {{"no_activation_derivative", R"(\nabla_{z_{k-1}}Div=\nabla_{z_k}Div\,W_k \text{ (the factor } \nabla_{z_{k-1}}y_{k-1} \text{ left out)})"}}},
      {"backprop_poll0", "15_backprop",
       R"(\text{in the notes' row-vector convention } \nabla_{W_k}Div=y_{k-1}\nabla_{z_k}Div \text{ (} n_{k-1}\times n_k\text{, so } W_k\leftarrow W_k-\eta(\nabla_{W_k}Loss)^\top\text{); with gradients of } W_k\text{'s shape it is } \nabla_{z_k}Div\,y_{k-1}^\top)",
       {{"transpose", R"(\text{the update transposes the notes' } \nabla_{W_k}Loss)"}},
       "seed 002 (Poll 0; Neural network training algorithm, line 82)",
       {{"option1_is_w_layout", R"(y_{k-1}\nabla_{z_k}Div \text{ is the gradient in } W_k\text{'s layout (no transpose needed))"}}},
      {"training_loop", "15_backprop",
       R"(\text{accumulating } \nabla Div \text{ over the } T \text{ examples and stepping } \tfrac{\eta}{T}(\nabla Loss)^\top \text{ is gradient descent on } Loss=\tfrac1T\sum_t Div(Y_t,d_t))",
       {},
       "seed 002 (Recap: Training Neural Nets by Gradient Descent; Neural network training algorithm)",
       {{"sum_without_mean", R"(\text{stepping } \eta(\nabla Loss)^\top \text{ with the sum, without } 1/T\text{, is the same gradient descent})"}}},
      {"autodiff_modes", "15_backprop",
       R"(\text{the hand-written backward pass, reverse-mode AD (one pass) and forward-mode AD (} P \text{ passes) give the same } \nabla f\text{; in rationals exactly, and equal to exact finite differences for polynomials})",
       {{"differentiable", R"(\text{every activation differentiable at the point (no ReLU kink at } z=0\text{)})"}},
       "seed 004 (automatic differentiation, back propagation); Griewank & Walther (2008)",
       {{"three_point_exact", R"(\text{the 3-point central difference } \tfrac{f(\theta+he_j)-f(\theta-he_j)}{2h} \text{ is exact on the network too})"}},
       "the rounding allowance of the floating-point comparison (64 eps times the problem's scale) is not a bound of the claim, "
       "which is an equality; the exact comparisons in rationals are equalities"},
      {"fd_certified", "15_backprop",
       R"(f\in C^3:\ \Big|\frac{f(\theta+he_j)-f(\theta-he_j)}{2h}-\partial_jf(\theta)\Big|\le\frac{h^2}{6}\max_{|s|\le h}|\partial_j^3f(\theta+se_j)|)",
       {{"smooth3", R"(f \text{ three times differentiable on the segment } \theta+[-h,h]e_j)"}},
       "Taylor's theorem with remainder; gradient checking",
       {{"constant_twelfth", R"(\Big|\frac{f(\theta+he_j)-f(\theta-he_j)}{2h}-\partial_jf(\theta)\Big|\le\frac{h^2}{12}\max|\partial_j^3f|)"}}},
      {"mse_adjoint", "15_backprop",
       R"(-\nabla_\theta L_{MSE}=\frac2K\sum_{k=0}^{K-1}\epsilon_k^t\,\nabla_\theta f_\theta(y_k)\ (1\times N_x\ \text{times}\ N_x\times P),\ d^t=\frac2K\sum_{k=0}^{K-1}[\nabla_\theta f_\theta(y_k)]^t\epsilon_k\ (P\times1))",
       {},
       "seed 004 (Computing the MSE Loss Gradient, Matrix Interpretation, Update Direction)",
       {{"mse_factor_one", R"(-\nabla_\theta L_{MSE}=\frac1K\sum_k\epsilon_k^t\,\nabla_\theta f_\theta(y_k) \text{ (} 1/K \text{ in place of } 2/K\text{)})"}}},
      {"forward_reverse", "15_backprop",
       R"(\nabla_\theta f\ (N_x\times P) \text{ is } P \text{ forward passes } \delta\hat x=\nabla_\theta f\,\delta\theta \text{ or } N_x \text{ reverse passes } \epsilon^t\nabla_\theta f;\ \text{a reverse pass costs a fixed multiple of one evaluation})",
       {},
       "seed 004 (Forward vs Backward Propagation)",
       {{"tape_grows_with_width", R"(\text{a reverse pass costs more per multiply-add as the network widens (a cost growing with } P\text{))"}},
       "the ratio of tape nodes to multiply-adds is largest for the narrowest network (width 2) and falls towards 2 as "
       "the width grows: 4 bounds it, no width reaches it"},
  };
}
}  // namespace descent::claims
