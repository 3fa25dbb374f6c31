// The multilayer perceptron of problems/mlp.hpp: shapes, the hand-written backward pass, data.
#include "descent/problems/mlp.hpp"

#include <cmath>
#include <sstream>

#include "descent/autodiff/gradient.hpp"
#include "descent/random.hpp"

namespace descent {

std::string_view to_string(Activation a) {
  switch (a) {
    case Activation::identity: return "identity";
    case Activation::square: return "square";
    case Activation::sigmoid: return "sigmoid";
    case Activation::tanh: return "tanh";
    case Activation::relu: return "relu";
  }
  return "?";
}
std::string_view to_string(Divergence d) { return d == Divergence::l2 ? "l2" : "cross_entropy"; }

Activation parse_activation(std::string_view name) {
  for (Activation a : {Activation::identity, Activation::square, Activation::sigmoid, Activation::tanh, Activation::relu})
    if (name == to_string(a)) return a;
  throw InputError("unknown activation '" + std::string(name) + "' (known: identity, square, sigmoid, tanh, relu)");
}
Divergence parse_divergence(std::string_view name) {
  if (name == "l2") return Divergence::l2;
  if (name == "cross_entropy") return Divergence::cross_entropy;
  throw InputError("unknown divergence '" + std::string(name) + "' (known: l2, cross_entropy)");
}

int MlpShape::weight_offset(int k) const {
  int off = 0;
  for (int j = 1; j < k; ++j)
    off += sizes[static_cast<std::size_t>(j)] * sizes[static_cast<std::size_t>(j - 1)] + (bias ? sizes[static_cast<std::size_t>(j)] : 0);
  return off;
}
int MlpShape::bias_offset(int k) const {
  return weight_offset(k) + sizes[static_cast<std::size_t>(k)] * sizes[static_cast<std::size_t>(k - 1)];
}
int MlpShape::parameters() const { return weight_offset(layers() + 1); }

bool MlpShape::polynomial() const {
  auto poly = [](Activation a) { return a == Activation::identity || a == Activation::square; };
  return divergence == Divergence::l2 && poly(output) && (layers() == 1 || poly(hidden));
}

void MlpShape::validate() const {
  if (sizes.size() < 2) throw InputError("layers: need at least two sizes (inputs and outputs), got " + std::to_string(sizes.size()));
  double P = 0;
  for (std::size_t k = 0; k < sizes.size(); ++k) {
    if (sizes[k] < 1 || sizes[k] > 10000)
      throw InputError("layers[" + std::to_string(k) + "]: a layer size must be in 1..10000, got " + std::to_string(sizes[k]));
    if (k > 0) P += double(sizes[k]) * (double(sizes[k - 1]) + (bias ? 1 : 0));
  }
  if (P > 1e7) throw InputError("layers: at most 10^7 parameters");
  if (divergence == Divergence::cross_entropy && output != Activation::sigmoid)
    throw InputError("divergence cross_entropy needs a sigmoid output (outputs in (0, 1)), got output " +
                     std::string(to_string(output)));
}

std::string MlpShape::text() const {
  std::ostringstream o;
  for (std::size_t k = 0; k < sizes.size(); ++k) o << (k ? "-" : "") << sizes[k];
  o << ' ' << (layers() > 1 ? std::string(to_string(hidden)) + "/" : std::string()) << to_string(output) << ", "
    << to_string(divergence) << (bias ? "" : ", no biases");
  return o.str();
}

namespace {
template <class S>
S derivative_of(Activation a, const S& z, const S& y) {
  switch (a) {
    case Activation::identity: return S(1);
    case Activation::square: return S(2 * z);
    case Activation::sigmoid: return S(y * (1 - y));
    case Activation::tanh: return S(1 - y * y);
    case Activation::relu: return relu_slope(z);
  }
  return S(0);
}
}  // namespace

template <class S>
Mlp<S>::Mlp(MlpShape shape, Mat<S> X, Mat<S> D) : shape_(std::move(shape)), X_(std::move(X)), D_(std::move(D)) {
  shape_.validate();
  if (X_.rows() == 0) throw InputError("X: needs at least one example");
  if (X_.cols() != shape_.sizes.front())
    throw InputError("X: has " + std::to_string(X_.cols()) + " columns, the network has " +
                     std::to_string(shape_.sizes.front()) + " inputs");
  if (D_.rows() != X_.rows())
    throw InputError("D: has " + std::to_string(D_.rows()) + " rows, X has " + std::to_string(X_.rows()) + " (one per example)");
  if (D_.cols() != shape_.sizes.back())
    throw InputError("D: has " + std::to_string(D_.cols()) + " columns, the network has " +
                     std::to_string(shape_.sizes.back()) + " outputs");
  if (shape_.divergence == Divergence::cross_entropy)
    for (int t = 0; t < D_.rows(); ++t)
      for (int i = 0; i < D_.cols(); ++i)
        if (D_(t, i) != 0 && D_(t, i) != 1)
          throw InputError("D[" + std::to_string(t) + "][" + std::to_string(i) + "]: a cross-entropy label must be 0 or 1");
  if constexpr (ScalarTraits<S>::exact) {
    if (!shape_.polynomial())
      throw InputError("network " + shape_.text() +
                       ": exact arithmetic needs identity or square activations and the l2 divergence");
  }
}

template <class S>
Mat<S> Mlp<S>::W(int k, const Vec<S>& theta) const {
  const int rows = shape_.sizes[static_cast<std::size_t>(k)], cols = shape_.sizes[static_cast<std::size_t>(k - 1)];
  Mat<S> W(rows, cols);
  const int off = shape_.weight_offset(k);
  for (int i = 0; i < rows; ++i)
    for (int j = 0; j < cols; ++j) W(i, j) = theta(off + i * cols + j);
  return W;
}
template <class S>
Vec<S> Mlp<S>::b(int k, const Vec<S>& theta) const {
  const int rows = shape_.sizes[static_cast<std::size_t>(k)];
  if (!shape_.bias) return Vec<S>::Zero(rows);
  return theta.segment(shape_.bias_offset(k), rows);
}

template <class S>
LayerGradients<S> Mlp<S>::backward(int t, const Vec<S>& theta) const {
  if (theta.size() != dimension())
    throw InputError("theta: has " + std::to_string(theta.size()) + " entries, the network has " +
                     std::to_string(dimension()) + " parameters");
  const int N = shape_.layers();
  LayerGradients<S> r;
  r.z.resize(static_cast<std::size_t>(N + 1));
  r.y.resize(static_cast<std::size_t>(N + 1));
  r.grad_y.resize(static_cast<std::size_t>(N + 1));
  r.grad_z.resize(static_cast<std::size_t>(N + 1));
  r.grad_W.resize(static_cast<std::size_t>(N + 1));
  r.y[0] = X_.row(t).transpose();
  // forward pass: z_k = W_k y_{k-1} + b_k, y_k = f(z_k)
  for (int k = 1; k <= N; ++k) {
    const auto uk = static_cast<std::size_t>(k);
    r.z[uk] = W(k, theta) * r.y[uk - 1] + b(k, theta);
    r.y[uk] = r.z[uk].unaryExpr([&](const S& z) { return activate<S>(shape_.activation(k), z); });
  }
  // the divergence and its derivative in y_N (a row in the notes; stored as a vector)
  const Vec<S>& yN = r.y[static_cast<std::size_t>(N)];
  const Vec<S> d = D_.row(t).transpose();
  Vec<S> gy(yN.size());
  S div = 0;
  for (int i = 0; i < yN.size(); ++i) {
    if (shape_.divergence == Divergence::l2) {
      div += (yN(i) - d(i)) * (yN(i) - d(i));
      gy(i) = 2 * (yN(i) - d(i));
    } else {
      if constexpr (!ScalarTraits<S>::exact) {
        // from the logit z (BCEWithLogitsLoss): −log y = softplus(−z), −log(1 − y) = softplus(z), finite where
        // y = σ(z) rounds to 1 or 0; ∇_y Div = −1/y or 1/(1 − y) as in the notes (infinite there)
        const S& z = r.z[static_cast<std::size_t>(N)](i);
        div += d(i) == 1 ? softplus(S(-z)) : softplus(z);
        gy(i) = d(i) == 1 ? S(-1 / yN(i)) : S(1 / (1 - yN(i)));
      }
    }
  }
  r.divergence = div;
  r.grad_y[static_cast<std::size_t>(N)] = gy;
  // backward pass, seed 002's recap
  for (int k = N; k >= 1; --k) {
    const auto uk = static_cast<std::size_t>(k);
    Vec<S> gz(r.z[uk].size());
    for (int i = 0; i < gz.size(); ++i)  // ∇_{z_k}Div = ∇_{y_k}Div ∇_{z_k}y_k (a diagonal Jacobian)
      gz(i) = r.grad_y[uk](i) * derivative_of<S>(shape_.activation(k), r.z[uk](i), r.y[uk](i));
    if constexpr (!ScalarTraits<S>::exact)
      if (k == N && shape_.divergence == Divergence::cross_entropy)
        for (int i = 0; i < gz.size(); ++i)  // the product above, simplified: −(1/y)·y(1 − y) = y − 1 = −σ(−z), and
          // (1/(1 − y))·y(1 − y) = y = σ(z): exact where y rounds to 1 or 0 and the product is 0·∞
          gz(i) = D_(t, i) == 1 ? S(-sigmoid(S(-r.z[uk](i)))) : sigmoid(r.z[uk](i));
    r.grad_z[uk] = gz;
    r.grad_W[uk] = r.y[uk - 1] * gz.transpose();  // ∇_{W_k}Div = y_{k-1} ∇_{z_k}Div
    r.grad_y[uk - 1] = (gz.transpose() * W(k, theta)).transpose();  // ∇_{y_{k-1}}Div = ∇_{z_k}Div W_k
  }
  return r;
}

template <class S>
Vec<S> Mlp<S>::example_gradient(int t, const Vec<S>& theta) const {
  return flattened(backward(t, theta));
}

template <class S>
Vec<S> Mlp<S>::flattened(const LayerGradients<S>& r) const {
  Vec<S> g(dimension());
  for (int k = 1; k <= shape_.layers(); ++k) {
    const auto uk = static_cast<std::size_t>(k);
    const int rows = shape_.sizes[uk], cols = shape_.sizes[uk - 1], off = shape_.weight_offset(k);
    for (int i = 0; i < rows; ++i)
      for (int j = 0; j < cols; ++j) g(off + i * cols + j) = r.grad_W[uk](j, i);  // (∇_{W_k}Div)ᵀ: W_k's shape
    if (shape_.bias) g.segment(shape_.bias_offset(k), rows) = r.grad_z[uk];
  }
  return g;
}

template <class S>
S Mlp<S>::example_value(int t, const Vec<S>& theta) const {
  return backward(t, theta).divergence;
}

template <class S>
S Mlp<S>::value(const Vec<S>& theta) const {
  S sum = 0;
  for (int t = 0; t < examples(); ++t) sum += example_value(t, theta);
  return sum / S(examples());
}

template <class S>
S Mlp<S>::value_and_gradient(const Vec<S>& theta, Vec<S>& g) const {
  // one backward pass per example serves both: the same sums, in the same order, as value() and gradient()
  S sum = 0;
  g = Vec<S>::Zero(dimension());
  for (int t = 0; t < examples(); ++t) {
    const LayerGradients<S> r = backward(t, theta);
    sum += r.divergence;
    g += flattened(r);
  }
  g /= S(examples());
  return sum / S(examples());
}

template <class S>
Vec<S> Mlp<S>::gradient(const Vec<S>& theta) const {
  Vec<S> g = Vec<S>::Zero(dimension());
  for (int t = 0; t < examples(); ++t) g += example_gradient(t, theta);
  return g / S(examples());
}

template <class S>
Mat<S> Mlp<S>::hessian(const Vec<S>& theta) const {
  if (theta.size() != dimension())
    throw InputError("theta: has " + std::to_string(theta.size()) + " entries, the network has " +
                     std::to_string(dimension()) + " parameters");
  return autodiff::hessian<S>([&](const auto& v) { return mlp_loss(shape_, v, X_, D_); }, theta);
}

template class Mlp<double>;
template class Mlp<Mpfr>;
template class Mlp<Rational>;
template class Mlp<Interval>;

template <class S>
LabelledPoints<S> labelled_points(const Mat<S>& X, const Mat<S>& D, bool bias) {
  if (D.cols() != 1) throw InputError("labelled points: one target per example is needed, D has " + std::to_string(D.cols()) + " columns");
  if (D.rows() != X.rows()) throw InputError("labelled points: X and D have different numbers of rows");
  LabelledPoints<S> p;
  p.A = Mat<S>::Ones(X.rows(), X.cols() + (bias ? 1 : 0));
  p.A.leftCols(X.cols()) = X;
  const S half = S(1) / S(2);
  for (int t = 0; t < D.rows(); ++t) {
    if (!(D(t, 0) > half) && !(D(t, 0) < half))
      throw InputError("D[" + std::to_string(t) + "]: a target of 1/2 has no class (the perceptron needs d > 1/2 or d < 1/2)");
    p.labels.push_back(D(t, 0) > half ? 1 : -1);
  }
  return p;
}

template <class S>
std::optional<LabelledPoints<S>> labelled_points(const Problem<S>& problem) {
  const auto* net = dynamic_cast<const Mlp<S>*>(&problem);
  if (!net || net->shape().layers() != 1 || net->shape().sizes.back() != 1 || net->shape().output != Activation::sigmoid)
    return std::nullopt;
  return labelled_points<S>(net->X(), net->D(), net->shape().bias);
}

template <class S>
ExactData<S> brady_data(const Rational& t, const Rational& eps, const std::vector<int>& points) {
  if (!(t > 0)) throw InputError("t: must be > 0, got " + t.str());
  if (!(eps > 0 && eps < Rational(1, 2))) throw InputError("epsilon: must satisfy 0 < epsilon < 1/2, got " + eps.str());
  if (points.empty() || points.size() > 4) throw InputError("points: a non-empty list of the numbers 1 ... 4");
  for (std::size_t i = 0; i < points.size(); ++i) {
    if (points[i] < 1 || points[i] > 4) throw InputError("points: " + std::to_string(points[i]) + " is not one of 1 ... 4");
    for (std::size_t j = 0; j < i; ++j)
      if (points[j] == points[i]) throw InputError("points: " + std::to_string(points[i]) + " appears twice");
  }
  const Rational xy[4][2] = {{1, 0}, {0, 1}, {-1, 0}, {0, -t}};
  const Rational target[4] = {1 - eps, 1 - eps, eps, 1 - eps};
  ExactData<S> d{Mat<S>(static_cast<int>(points.size()), 2), Mat<S>(static_cast<int>(points.size()), 1)};
  for (std::size_t i = 0; i < points.size(); ++i) {
    const auto k = static_cast<std::size_t>(points[i] - 1);
    const int r = static_cast<int>(i);
    d.X(r, 0) = from_rational<S>(xy[k][0]);
    d.X(r, 1) = from_rational<S>(xy[k][1]);
    d.D(r, 0) = from_rational<S>(target[k]);
  }
  return d;
}

MlpShape brady_shape() {
  MlpShape s;
  s.sizes = {2, 1};
  s.hidden = Activation::sigmoid;
  s.output = Activation::sigmoid;
  s.divergence = Divergence::l2;
  s.bias = true;
  return s;
}

template <class S>
Mlp<S> brady_network(const Rational& t, const Rational& eps, const std::vector<int>& points) {
  ExactData<S> d = brady_data<S>(t, eps, points);
  return Mlp<S>(brady_shape(), std::move(d.X), std::move(d.D));
}

#define DESCENT_BRADY(S)                                                                               \
  template LabelledPoints<S> labelled_points<S>(const Mat<S>&, const Mat<S>&, bool);                  \
  template std::optional<LabelledPoints<S>> labelled_points<S>(const Problem<S>&);                     \
  template ExactData<S> brady_data<S>(const Rational&, const Rational&, const std::vector<int>&);     \
  template Mlp<S> brady_network<S>(const Rational&, const Rational&, const std::vector<int>&);
DESCENT_BRADY(double)
DESCENT_BRADY(Mpfr)
DESCENT_BRADY(Rational)
DESCENT_BRADY(Interval)
#undef DESCENT_BRADY

namespace {
double grid(double v) { return std::round(16 * v) / 16; }
}  // namespace

ExampleData regression_data(std::uint64_t seed, int K, int n, double noise) {
  if (K < 1 || K > 1'000'000) throw InputError("regression data: K must be in 1..10^6, got " + std::to_string(K));
  if (n < 1 || n > 1000) throw InputError("regression data: n must be in 1..1000, got " + std::to_string(n));
  if (!(noise >= 0) || !std::isfinite(noise)) throw InputError("regression data: noise must be finite and >= 0");
  SplitMix64 rng{seed};
  std::vector<double> w(static_cast<std::size_t>(n));
  for (double& wj : w) wj = grid(rng.normal());
  ExampleData data{Mat<double>(K, n), Mat<double>(K, 1)};
  for (int t = 0; t < K; ++t) {
    double target = 0.5;
    for (int j = 0; j < n; ++j) {
      data.X(t, j) = grid(4 * rng.uniform() - 2);
      target += w[static_cast<std::size_t>(j)] * data.X(t, j);
    }
    data.D(t, 0) = grid(target + noise * rng.normal());
  }
  return data;
}

ExampleData two_class_data(std::uint64_t seed, int K, double spread) {
  if (K < 2 || K > 1'000'000) throw InputError("two-class data: K must be in 2..10^6, got " + std::to_string(K));
  if (!(spread >= 0) || !std::isfinite(spread)) throw InputError("two-class data: spread must be finite and >= 0");
  SplitMix64 rng{seed};
  ExampleData data{Mat<double>(K, 2), Mat<double>(K, 1)};
  for (int t = 0; t < K; ++t) {
    const double label = t % 2, center = label == 1 ? 1.0 : -1.0;
    data.X(t, 0) = grid(center + spread * rng.normal());
    data.X(t, 1) = grid(center + spread * rng.normal());
    data.D(t, 0) = label;
  }
  return data;
}

std::vector<double> initial_weights(std::uint64_t seed, int P, double scale) {
  if (P < 1) throw InputError("initial weights: need at least one parameter");
  if (!(scale >= 1.0 / 16) || scale > 1e6 || grid(scale) != scale)
    throw InputError("initial weights: scale must be a multiple of 1/16 in [1/16, 10^6]");
  SplitMix64 rng{seed};
  std::vector<double> theta(static_cast<std::size_t>(P));
  const double steps = 16 * scale;  // grid points on each side
  for (double& v : theta) v = std::floor(rng.uniform() * (2 * steps + 1) - steps) / 16;
  // floor(u(2s+1) − s) is uniform on −s … s
  return theta;
}

}  // namespace descent
