// The perceptron rule.
#include "descent/optimizers/perceptron.hpp"
#include "families.hpp"

namespace descent {

template <class S>
int perceptron_pass(const LabelledPoints<S>& points, Vec<S>& w) {
  if (points.A.cols() != w.size())
    throw InputError("perceptron: w has " + std::to_string(w.size()) + " entries, the points " +
                     std::to_string(points.A.cols()) + " (with the bias)");
  int updates = 0;
  for (int t = 0; t < points.A.rows(); ++t) {
    S margin = 0;
    for (int j = 0; j < w.size(); ++j) margin += points.A(t, j) * w(j);
    if (points.labels[static_cast<std::size_t>(t)] < 0) margin = -margin;
    if (margin <= 0) {
      for (int j = 0; j < w.size(); ++j)
        w(j) += points.labels[static_cast<std::size_t>(t)] > 0 ? S(points.A(t, j)) : S(-points.A(t, j));
      ++updates;
    }
  }
  return updates;
}

template <class S>
PerceptronRun<S> perceptron_run(const LabelledPoints<S>& points, Vec<S> w0, int max_passes) {
  if (max_passes < 1) throw InputError("perceptron: max_passes must be >= 1");
  PerceptronRun<S> r;
  r.w = std::move(w0);
  while (r.passes < max_passes) {
    const int u = perceptron_pass(points, r.w);
    ++r.passes;
    r.updates += u;
    if (u == 0) {
      r.separated = true;
      break;
    }
  }
  return r;
}

template <class S>
Vec<S> Perceptron<S>::step(const Problem<S>& problem, const Vec<S>& x, const Vec<S>&) {
  const auto points = labelled_points<S>(problem);
  if (!points)
    throw InputError("--method perceptron: needs a single neuron (kind brady, or kind mlp with layers [n, 1] and output "
                     "sigmoid), not a " + problem.name() + " problem");
  Vec<S> w = x;
  last_updates_ = perceptron_pass(*points, w);
  updates_ += last_updates_;
  return w;
}

#define DESCENT_PERCEPTRON(S)                                                              \
  template int perceptron_pass<S>(const LabelledPoints<S>&, Vec<S>&);                      \
  template PerceptronRun<S> perceptron_run<S>(const LabelledPoints<S>&, Vec<S>, int);      \
  template class Perceptron<S>;
DESCENT_PERCEPTRON(double)
DESCENT_PERCEPTRON(Mpfr)
DESCENT_PERCEPTRON(Rational)
#undef DESCENT_PERCEPTRON

// ---- the registry's entries (methods.hpp): this family's description, written once

namespace {
template <class S>
std::unique_ptr<Optimizer<S>> build_perceptron(const MethodArgs&) {
  return std::make_unique<Perceptron<S>>();
}
}  // namespace

std::vector<MethodInfo> families::perceptron() {
  return {{.name = "perceptron",
           .summary = "one step = one pass over the examples in order: w <- w + d_t a_t whenever d_t w.a_t <= 0 "
                      "(a_t = (x_t, 1), d_t = +1 for a target > 1/2, -1 below); stops after a pass without update. "
                      "Single neurons only (kind brady, or mlp with layers [n, 1] and a sigmoid output)",
           .exact = "no (its problems have a sigmoid)",
           .exactness = Exactness::no,
           .forms = {
{"perceptron", "paper", "Rosenblatt (1958); Novikoff (1962); seed 002 (Backprop fails to separate where perceptron succeeds)",
       "for each example in order: if d_t w.a_t <= 0 then w <- w + d_t a_t, a_t = (x_t, 1), d_t = +1 or -1",
       "one form everywhere; a point on the line (d w.a = 0) counts as misclassified, so w = 0 updates at once; at most "
       "(R/gamma)^2 updates on separable points (5(t^2 + 1) for Brady's four; measured t + 4)",
       "--method perceptron", {"perceptron_separates"}}
},
           .make_double = build_perceptron<double>,
           .make_mpfr = build_perceptron<Mpfr>,
           // the update is rational; the problems it accepts are not, and refuse --exact themselves
           .make_exact = build_perceptron<Rational>}};
}

}  // namespace descent
