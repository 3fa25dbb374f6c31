// The perceptron rule.
#include "descent/optimizers/perceptron.hpp"

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

}  // namespace descent
