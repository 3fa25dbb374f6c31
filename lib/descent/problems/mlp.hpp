/// \file mlp.hpp
/// \brief A small multilayer perceptron in seed 002's notation (lesson 15): layers
/// z_k = W_k y_{k−1} + b_k, y_k = f(z_k), k = 1 … N, y_0 = x; a divergence Div(y_N, d) per
/// example; the loss is the mean over the K examples, Loss = (1/K)Σ_t Div(Y_t, d_t).
///
/// Two ways to the gradient, kept apart on purpose so that each checks the other:
/// - `Mlp::backward`, the backward pass written by hand in the notes' row-vector convention
///   (∇_{z_k}Div = ∇_{y_k}Div ∇_{z_k}y_k, ∇_{y_{k−1}}Div = ∇_{z_k}Div W_k, ∇_{b_k}Div = ∇_{z_k}Div,
///   ∇_{W_k}Div = y_{k−1}∇_{z_k}Div, an n_{k−1}×n_k matrix: the shape of W_kᵀ);
/// - `mlp_loss`, the same loss written once generically, differentiated by the automatic
///   differentiation of autodiff/ (reverse or forward mode).
///
/// Parameter vector θ (length P): for k = 1 … N, W_k row by row (n_k rows of n_{k−1} entries),
/// then b_k (n_k entries) when the network has biases. The gradient ∇_θ Loss has the same
/// layout: its W_k block is (∇_{W_k}Div)ᵀ, the shape of W_k.
///
/// Activations: identity, square (z², so that a network is a polynomial and exact in
/// rationals), the logistic sigmoid, tanh, and ReLU with relu′(0) = 0. Divergences: L2,
/// Div = ‖y_N − d‖² (seed 002's (y − d)², seed 004's ‖x_k − f_θ(y_k)‖²), and binary cross-entropy
/// Div = −Σᵢ [dᵢ log yᵢ + (1 − dᵢ) log(1 − yᵢ)] for a sigmoid output and labels dᵢ ∈ {0, 1}.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "descent/autodiff/forward.hpp"
#include "descent/autodiff/reverse.hpp"
#include "descent/problems.hpp"
#include "descent/scalar.hpp"

namespace descent {

/// The activation f of a layer.
enum class Activation { identity, square, sigmoid, tanh, relu };
/// The divergence of one example.
enum class Divergence { l2, cross_entropy };
/// "identity", "square", "sigmoid", "tanh" or "relu".
std::string_view to_string(Activation a);
/// "l2" or "cross_entropy".
std::string_view to_string(Divergence d);
/// The activation of that name; throws InputError naming the known ones.
Activation parse_activation(std::string_view name);
/// The divergence of that name; throws InputError naming the known ones.
Divergence parse_divergence(std::string_view name);

/// The architecture: layer sizes n_0 (inputs) … n_N (outputs), the activation of the hidden
/// layers and of the output layer, the divergence, and whether the layers have biases.
struct MlpShape {
  std::vector<int> sizes;                     ///< n_0, n_1, …, n_N (N ≥ 1 layers)
  Activation hidden = Activation::sigmoid;    ///< f of layers 1 … N − 1
  Activation output = Activation::identity;   ///< f of layer N
  Divergence divergence = Divergence::l2;     ///< Div of one example
  bool bias = true;                           ///< layers have b_k
  /// N, the number of affine layers.
  int layers() const { return static_cast<int>(sizes.size()) - 1; }
  /// P, the length of θ.
  int parameters() const;
  /// Offset of W_k (row-major) in θ, k = 1 … N.
  int weight_offset(int k) const;
  /// Offset of b_k in θ (only with biases), k = 1 … N.
  int bias_offset(int k) const;
  /// The activation of layer k.
  Activation activation(int k) const { return k == layers() ? output : hidden; }
  /// True when the loss is a polynomial in θ (activations identity or square, L2): exact in rationals.
  bool polynomial() const;
  /// Throws InputError unless N ≥ 1, every size is in 1 … 10⁴, P ≤ 10⁷, and cross-entropy comes
  /// with a sigmoid output.
  void validate() const;
  /// "2-3-1 sigmoid/identity, l2" and the like.
  std::string text() const;
};

/// \cond
namespace detail {
template <class T>
struct base_scalar {
  using type = T;
};
template <class S>
struct base_scalar<autodiff::Dual<S>> {
  using type = typename base_scalar<S>::type;
};
template <class S>
struct base_scalar<autodiff::Var<S>> {
  using type = typename base_scalar<S>::type;
};
}  // namespace detail
/// \endcond
/// The arithmetic underneath any nesting of duals and tape variables.
template <class T>
using base_scalar_t = typename detail::base_scalar<T>::type;

/// f(z) for one activation, for a plain scalar or an AD value. The sigmoid and tanh of an
/// exact type throw InputError (they are not rational).
template <class T>
T activate(Activation a, const T& z) {
  constexpr bool ad = autodiff::is_dual<T> || autodiff::is_var<T>;
  switch (a) {
    case Activation::identity:
      return z;
    case Activation::square:
      return z * z;
    case Activation::relu:
      if constexpr (ad)
        return relu(z);
      else
        return relu_value(z);
    case Activation::sigmoid:
    case Activation::tanh:
      if constexpr (ScalarTraits<base_scalar_t<T>>::exact) {
        throw InputError(std::string("activation ") + std::string(to_string(a)) +
                         " needs exp and is not available in exact arithmetic");
      } else if constexpr (ad) {
        return a == Activation::sigmoid ? sigmoid(z) : tanh(z);
      } else {
        using std::exp;
        using std::tanh;
        return a == Activation::sigmoid ? T(T(1) / (T(1) + exp(T(-z)))) : T(tanh(z));
      }
  }
  throw std::logic_error("activate: unknown activation");
}

/// y_N(θ; x_t), the network's outputs for example t of X (K×n_0, one example per row), written once
/// for any T (a plain scalar, Dual, Var): the forward pass z_k = W_k y_{k−1} + b_k, y_k = f(z_k).
/// `logits`: return z_N, the last layer before its activation.
template <class T, class S>
std::vector<T> mlp_outputs(const MlpShape& shape, const std::vector<T>& theta, const Mat<S>& X, int t,
                           bool logits = false) {
  const int N = shape.layers();
  std::vector<T> y;  // y_k, k ≥ 1
  for (int k = 1; k <= N; ++k) {
    const int rows = shape.sizes[static_cast<std::size_t>(k)], cols = shape.sizes[static_cast<std::size_t>(k - 1)];
    const int w = shape.weight_offset(k);
    std::vector<T> next;
    next.reserve(static_cast<std::size_t>(rows));
    for (int i = 0; i < rows; ++i) {
      auto W = [&](int j) -> const T& { return theta[static_cast<std::size_t>(w + i * cols + j)]; };
      T z = k == 1 ? T(W(0) * X(t, 0)) : T(W(0) * y[0]);
      for (int j = 1; j < cols; ++j) z = k == 1 ? T(z + W(j) * X(t, j)) : T(z + W(j) * y[static_cast<std::size_t>(j)]);
      if (shape.bias) z = z + theta[static_cast<std::size_t>(shape.bias_offset(k) + i)];
      next.push_back(logits && k == N ? z : activate<T>(shape.activation(k), z));
    }
    y = std::move(next);
  }
  return y;
}

/// Div(y_N(θ; x_t), d_t) for example t of the data (X: K×n_0, D: K×n_N), for any T. The cross-entropy
/// is computed from the logit z = z_N, as PyTorch's BCEWithLogitsLoss does: −log σ(z) = softplus(−z) and
/// −log(1 − σ(z)) = softplus(z), finite and accurate where σ(z) rounds to 0 or 1.
template <class T, class S>
T mlp_divergence(const MlpShape& shape, const std::vector<T>& theta, const Mat<S>& X, const Mat<S>& D, int t) {
  const std::vector<T> y = mlp_outputs<T, S>(shape, theta, X, t, shape.divergence == Divergence::cross_entropy);
  const int out = shape.sizes.back();
  // the first term starts the sum: a zero made as y₀ − y₀ would take y₀'s adjoint through +1 − 1, and
  // an adjoint far below 1 (a saturated output's) would cancel with it in floating point
  auto term = [&](int i) -> T {
    const T& yi = y[static_cast<std::size_t>(i)];
    if (shape.divergence == Divergence::l2) {
      const T r = yi - D(t, i);
      return r * r;
    }
    if constexpr (ScalarTraits<base_scalar_t<T>>::exact) {
      throw InputError("divergence cross_entropy needs log and is not available in exact arithmetic");
    } else {
      return D(t, i) == 1 ? T(softplus(T(-yi))) : T(softplus(yi));  // yi is the logit z_N
    }
  };
  T div = term(0);
  for (int i = 1; i < out; ++i) div = div + term(i);
  return div;
}

/// Loss(θ) = (1/|B|)Σ_{t ∈ B} Div_t, B the examples `batch` (all K when empty), for any T.
template <class T, class S>
T mlp_loss(const MlpShape& shape, const std::vector<T>& theta, const Mat<S>& X, const Mat<S>& D,
           const std::vector<int>& batch = {}) {
  const int K = static_cast<int>(X.rows());
  const int B = batch.empty() ? K : static_cast<int>(batch.size());
  auto example = [&](int j) { return batch.empty() ? j : batch[static_cast<std::size_t>(j)]; };
  T sum = mlp_divergence<T, S>(shape, theta, X, D, example(0));
  for (int j = 1; j < B; ++j) sum = sum + mlp_divergence<T, S>(shape, theta, X, D, example(j));
  return sum / S(B);
}

/// One example's forward and backward pass, in seed 002's notation (index k = 0 … N; entries at
/// k = 0 are unused except y_0 = x).
template <class S>
struct LayerGradients {
  std::vector<Vec<S>> z;       ///< z_k = W_k y_{k−1} + b_k
  std::vector<Vec<S>> y;       ///< y_k = f(z_k), y_0 = x
  std::vector<Vec<S>> grad_y;  ///< ∇_{y_k}Div (the notes' row vector, stored as a vector)
  std::vector<Vec<S>> grad_z;  ///< ∇_{z_k}Div = ∇_{y_k}Div ∇_{z_k}y_k
  std::vector<Mat<S>> grad_W;  ///< ∇_{W_k}Div = y_{k−1}∇_{z_k}Div (n_{k−1}×n_k, the notes' convention)
  S divergence{0};             ///< Div(y_N, d)
};

/// The network on a data set as a FiniteSum with weight 1/K (a mean). Instantiated for double,
/// Mpfr, Rational and Interval.
template <class S>
class Mlp final : public FiniteSum<S> {
 public:
  /// X: K×n_0 inputs, D: K×n_N targets, one example per row. Throws InputError for a bad shape,
  /// sizes that do not match the data, K = 0, cross-entropy labels other than 0 and 1, or
  /// activations/divergences the arithmetic cannot compute (sigmoid, tanh, cross-entropy with
  /// Rational).
  Mlp(MlpShape shape, Mat<S> X, Mat<S> D);
  int dimension() const override { return shape_.parameters(); }
  S value(const Vec<S>& theta) const override;
  /// The mean of the hand-written backward passes.
  Vec<S> gradient(const Vec<S>& theta) const override;
  /// Loss and gradient from one backward pass per example (value() and gradient() would make two); the same
  /// values as theirs.
  S value_and_gradient(const Vec<S>& theta, Vec<S>& g) const override;
  /// ∇²Loss by forward-over-forward AD of mlp_loss (P(P+1)/2 passes over the data).
  Mat<S> hessian(const Vec<S>& theta) const override;
  std::string name() const override { return "mlp"; }
  int examples() const override { return static_cast<int>(X_.rows()); }
  S weight() const override { return S(1) / S(examples()); }
  S example_value(int t, const Vec<S>& theta) const override;
  /// ∇_θ Div_t by the hand-written backward pass, in θ's layout.
  Vec<S> example_gradient(int t, const Vec<S>& theta) const override;
  /// The forward and backward pass of example t, layer by layer.
  LayerGradients<S> backward(int t, const Vec<S>& theta) const;
  /// ∇_θ Div of one backward pass, in θ's layout ((∇_{W_k}Div)ᵀ, then ∇_{b_k}Div, layer by layer).
  Vec<S> flattened(const LayerGradients<S>& r) const;
  /// W_k (n_k×n_{k−1}) read from θ.
  Mat<S> W(int k, const Vec<S>& theta) const;
  /// b_k read from θ (zero without biases).
  Vec<S> b(int k, const Vec<S>& theta) const;
  /// The architecture.
  const MlpShape& shape() const { return shape_; }
  /// The inputs, K×n_0.
  const Mat<S>& X() const { return X_; }
  /// The targets, K×n_N.
  const Mat<S>& D() const { return D_; }

 private:
  MlpShape shape_;
  Mat<S> X_, D_;
};

/// Points of a linear classification, as the perceptron rule sees them: row t of A is
/// a_t = (x_t, 1) (x_t alone for a network without bias), labels[t] is +1 or −1.
template <class S>
struct LabelledPoints {
  Mat<S> A;                 ///< K×(n_0 + 1) augmented inputs (K×n_0 without bias)
  std::vector<int> labels;  ///< ±1, one per row of A
};
/// The labelled points of data for one neuron: a_t = (x_t, 1) (or x_t), label +1 when d_t > 1/2,
/// −1 when d_t < 1/2. Throws InputError for a target of exactly 1/2 or D with other than one column.
template <class S>
LabelledPoints<S> labelled_points(const Mat<S>& X, const Mat<S>& D, bool bias);
/// The labelled points of `problem` when it is a single neuron (an Mlp without hidden layer, one
/// sigmoid output); std::nullopt for every other problem.
template <class S>
std::optional<LabelledPoints<S>> labelled_points(const Problem<S>& problem);

/// Inputs and targets of a data set (the exact counterpart of ExampleData).
template <class S>
struct ExactData {
  Mat<S> X;  ///< K×n inputs
  Mat<S> D;  ///< K×m targets
};
/// Seed 002's example of Brady, Raghavan & Slawny (1989): the points (1, 0) and (0, 1) with target
/// 1 − ε, (−1, 0) with target ε and the fourth point (0, −t) with target 1 − ε; `points` picks
/// which of the four (numbers 1 … 4, kept in the order given). Throws InputError unless t > 0,
/// 0 < ε < 1/2 and `points` is a non-empty list of distinct numbers in 1 … 4.
template <class S>
ExactData<S> brady_data(const Rational& t, const Rational& eps, const std::vector<int>& points = {1, 2, 3, 4});
/// The notes' neuron for it: sizes 2-1, a sigmoid output, the L2 divergence (y − d)², a bias;
/// θ = (w_x, w_y, b).
MlpShape brady_shape();
/// The loss of that neuron on brady_data(t, ε, points): the mean of (σ(w_x x + w_y y + b) − d)².
/// Not for Rational (the sigmoid is not rational): throws InputError.
template <class S>
Mlp<S> brady_network(const Rational& t, const Rational& eps, const std::vector<int>& points = {1, 2, 3, 4});

/// Examples for the lessons and problem files: every entry a multiple of 1/16 in a modest range,
/// hence exact in double and in every other arithmetic of descent.
struct ExampleData {
  Mat<double> X;  ///< K×n inputs, one example per row
  Mat<double> D;  ///< K×m targets
};
/// Regression: x uniform on a grid in [−2, 2]ⁿ, d = w*ᵀx + 1/2 + noise·(a normal), rounded to the
/// grid, w* drawn from the same seed. Throws InputError unless 1 ≤ K ≤ 10⁶, 1 ≤ n ≤ 1000, noise ≥ 0.
ExampleData regression_data(std::uint64_t seed, int K, int n, double noise);
/// Two classes in the plane: label t mod 2, points around (1, 1) (label 1) and (−1, −1) (label 0)
/// with normal spread `spread`, on the grid. Throws InputError unless 2 ≤ K ≤ 10⁶, spread ≥ 0.
ExampleData two_class_data(std::uint64_t seed, int K, double spread);
/// Small initial weights: each θ_j uniform on the grid of multiples of 1/16 in [−scale, scale]
/// (scale a multiple of 1/16, at least 1/16). Throws InputError otherwise.
std::vector<double> initial_weights(std::uint64_t seed, int P, double scale);

}  // namespace descent
