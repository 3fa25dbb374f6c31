// Problem kind "mlp": a multilayer perceptron's loss on a data set (problems/mlp.hpp).
#include "../problem_kinds.hpp"

#include <cmath>

#include "descent/problems/logistic.hpp"
#include "descent/problems/mlp.hpp"
#include "descent/problems/test_functions.hpp"

namespace descent::tools {

namespace {
template <class S>
void read_mlp(const LexemeJson& doc, const FieldReader<S>& read, const std::string& path, LoadedProblem<S>& loaded) {
  (void)path;
  const std::string kind = "mlp";
  read.check_fields(doc, kind, {"kind", "layers"},
                    {"activation", "output", "divergence", "bias", "X", "D", "generate", "x0", "init"});
  const bool generated = doc.contains("generate");
  if (generated && (doc.contains("X") || doc.contains("D")))
    read.fail("generate", "give either generate or X and D, not both");
  if (!generated && !(doc.contains("X") && doc.contains("D")))
    read.fail(doc.contains("X") ? "D" : "X", "missing (kind mlp needs X and D, or generate)");
  if (doc.contains("init") == doc.contains("x0"))
    read.fail("x0", doc.contains("init") ? "give either x0 or init, not both" : "missing (kind mlp needs x0 or init)");
  MlpShape shape;
  const LexemeJson& layers = doc["layers"];
  if (!layers.is_array() || layers.size() < 2)
    read.fail("layers", "expected an array of at least two layer sizes (inputs, ..., outputs), got " + describe(layers));
  for (std::size_t k = 0; k < layers.size(); ++k)
    shape.sizes.push_back(static_cast<int>(read.integer(layers[k], "layers[" + std::to_string(k) + "]", 1, 10000)));
  auto word = [&](const char* field, const char* fallback) {
    if (!doc.contains(field)) return std::string(fallback);
    if (!doc[field].is_string()) read.fail(field, "expected a string, got " + describe(doc[field]));
    return doc[field].get<std::string>();
  };
  try {
    shape.hidden = parse_activation(word("activation", "sigmoid"));
  } catch (const InputError& e) {
    read.fail("activation", e.what());
  }
  try {
    shape.output = parse_activation(word("output", "identity"));
  } catch (const InputError& e) {
    read.fail("output", e.what());
  }
  try {
    shape.divergence = parse_divergence(word("divergence", "l2"));
  } catch (const InputError& e) {
    read.fail("divergence", e.what());
  }
  if (doc.contains("bias")) {
    if (!doc["bias"].is_boolean()) read.fail("bias", "expected true or false, got " + describe(doc["bias"]));
    shape.bias = doc["bias"].get<bool>();
  }
  try {
    shape.validate();
  } catch (const InputError& e) {
    read.fail("layers", e.what());
  }
  Mat<S> X, D;
  if (generated) {
    const LexemeJson& g = doc["generate"];
    if (!g.is_object()) read.fail("generate", "expected an object {\"set\", \"seed\", \"K\"}, got " + describe(g));
    for (const auto& [name, value] : g.items())
      if (name != "set" && name != "seed" && name != "K" && name != "noise")
        read.fail("generate." + name, "unknown field (allowed: set, seed, K, noise)");
    for (const char* r : {"set", "seed", "K"})
      if (!g.contains(r)) read.fail(std::string("generate.") + r, "missing (generate needs set, seed, K)");
    if (!g["set"].is_string()) read.fail("generate.set", "expected \"regression\" or \"two_class\"");
    const std::string set = g["set"].get<std::string>();
    const long long seed = read.integer(g["seed"], "generate.seed", 0, 9'007'199'254'740'991LL);
    const long long K = read.integer(g["K"], "generate.K", 2, 100'000);
    double noise = 0.5;
    if (g.contains("noise")) {
      noise = to_double<S>(read.scalar(g["noise"], "generate.noise"));
      if (!(noise >= 0) || noise > 1000) read.fail("generate.noise", "must be from 0 to 1000");
    }
    if (shape.sizes.back() != 1) read.fail("layers", "generated data sets have one output: the last size must be 1");
    ExampleData data;
    if (set == "regression") {
      data = regression_data(static_cast<std::uint64_t>(seed), static_cast<int>(K), shape.sizes.front(), noise);
    } else if (set == "two_class") {
      if (shape.sizes.front() != 2) read.fail("layers", "the two_class set has two inputs: the first size must be 2");
      data = two_class_data(static_cast<std::uint64_t>(seed), static_cast<int>(K), noise);
    } else {
      read.fail("generate.set", "unknown set '" + one_line(set) + "' (known: regression, two_class)");
    }
    X = Mat<S>(data.X.rows(), data.X.cols());
    D = Mat<S>(data.D.rows(), data.D.cols());
    for (int i = 0; i < data.X.rows(); ++i) {
      for (int j = 0; j < data.X.cols(); ++j) X(i, j) = S(data.X(i, j));
      for (int j = 0; j < data.D.cols(); ++j) D(i, j) = S(data.D(i, j));
    }
  } else {
    X = read.matrix(doc["X"], "X");
    D = read.matrix(doc["D"], "D");
    if (X.rows() > 100'000) read.fail("X", "at most 100000 examples");
  }
  if (doc.contains("init")) {
    const LexemeJson& in = doc["init"];
    if (!in.is_object()) read.fail("init", "expected an object {\"seed\", \"scale\"}, got " + describe(in));
    for (const auto& [name, value] : in.items())
      if (name != "seed" && name != "scale") read.fail("init." + name, "unknown field (allowed: seed, scale)");
    if (!in.contains("seed")) read.fail("init.seed", "missing (init needs seed; scale is optional, default 1/2)");
    const long long seed = read.integer(in["seed"], "init.seed", 0, 9'007'199'254'740'991LL);
    double scale = 0.5;
    if (in.contains("scale")) {
      const Rational q = FieldReader<Rational>(path).scalar(in["scale"], "init.scale");
      if (!(q * 16 == Rational(boost::multiprecision::numerator(q * 16))) || q < Rational(1, 16) || q > 1000)
        read.fail("init.scale", "must be a multiple of 1/16 from 1/16 to 1000");
      scale = q.convert_to<double>();
    }
    const std::vector<double> w = initial_weights(static_cast<std::uint64_t>(seed), shape.parameters(), scale);
    loaded.x0 = Vec<S>(static_cast<Eigen::Index>(w.size()));
    for (std::size_t j = 0; j < w.size(); ++j) loaded.x0(static_cast<Eigen::Index>(j)) = S(w[j]);
  }
  loaded.multiply_adds_per_step = 4.0 * double(X.rows()) * double(shape.parameters());
  loaded.problem = std::make_unique<Mlp<S>>(shape, std::move(X), std::move(D));
}

const bool registered_mlp = register_kind({
    .order = 70,
    .name = "mlp",
    .summary = "a multilayer perceptron's loss on a data set (problems/mlp.hpp)",
    .doc = "`{\"kind\": \"mlp\", \"layers\": [2, 3, 1], \"activation\": \"sigmoid\", \"output\": \"identity\", \"divergence\": \"l2\", \"bias\": true, \"X\": [[…]], \"D\": [[…]], \"x0\": […]}` for \\f$\\frac1K\\sum_t Div(y_N(\\theta; x_t), d_t)\\f$ with seed 002's layers \\f$z_k = W_ky_{k-1} + b_k\\f$, \\f$y_k = f(z_k)\\f$ (problems/mlp.hpp): `layers` the sizes n₀, …, n_N (each 1 to 10000); `activation` of the hidden layers `sigmoid` (default), `tanh`, `relu`, `square` or `identity`; `output` (default `identity`); `divergence` `l2` (default) or `cross_entropy` (with a sigmoid output and labels 0/1); `bias` (default true); `X` (K×n₀) and `D` (K×n_N), one example per row, K at most 10⁵. θ holds, layer by layer, \\f$W_k\\f$ row by row (n_k rows of n_{k−1}) and then \\f$b_k\\f$. Instead of X and D, `\"generate\": {\"set\": \"regression\" | \"two_class\", \"seed\": 1, \"K\": 20, \"noise\": 0.5}` makes a seeded data set (regression: inputs on a grid in [−2, 2], one output; two_class: two inputs, labels 0/1 around (−1, −1) and (1, 1), `noise` the spread, 0 to 1000); instead of x0, `\"init\": {\"seed\": 2, \"scale\": \"1/2\"}` seeded weights on the grid of sixteenths in [−scale, scale]. Every generated value is a multiple of 1/16, so the same file runs in every arithmetic; `--exact` needs `square` or `identity` activations and `l2` (`examples/mlp_polynomial.json`; `examples/mlp.json` is a sigmoid network). Cost: 4K times the number of parameters.",
    .example = "examples/mlp.json",
    .sum_over_examples = true,
    .exact = "with identity or square activations and l2",
    .read_double = read_mlp<double>,
    .read_mpfr = read_mlp<Mpfr>,
    .read_exact = read_mlp<Rational>,
});
}  // namespace

}  // namespace descent::tools
