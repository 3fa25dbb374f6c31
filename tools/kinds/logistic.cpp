// Problem kind "logistic": L2-regularized logistic regression (labels 0 or 1).
#include "../problem_kinds.hpp"

#include <cmath>

#include "descent/problems/logistic.hpp"
#include "descent/problems/mlp.hpp"
#include "descent/problems/test_functions.hpp"

namespace descent::tools {

namespace {
template <class S>
void read_logistic(const LexemeJson& doc, const FieldReader<S>& read, const std::string& path, LoadedProblem<S>& loaded) {
  (void)path;
  const std::string kind = "logistic";
  if constexpr (ScalarTraits<S>::exact) {
    read.fail("kind", "logistic needs exp and log and cannot run with --exact; use --digits D");
  } else {
    const bool generated = doc.contains("generate");
    if (generated)
      read.check_fields(doc, kind, {"kind", "generate", "lambda", "x0"}, {});
    else
      read.check_fields(doc, kind, {"kind", "X", "y", "lambda", "x0"}, {});
    Mat<S> X;
    Vec<S> y;
    if (generated) {
      const LexemeJson& g = doc["generate"];
      if (!g.is_object()) read.fail("generate", "expected an object {\"seed\", \"m\", \"scales\"}, got " + describe(g));
      for (const auto& [name, value] : g.items())
        if (name != "seed" && name != "m" && name != "scales")
          read.fail("generate." + name, "unknown field (allowed: seed, m, scales)");
      for (const char* r : {"seed", "m", "scales"})
        if (!g.contains(r)) read.fail(std::string("generate.") + r, "missing (generate needs seed, m, scales)");
      const long long seed = read.integer(g["seed"], "generate.seed", 0, 9'007'199'254'740'991LL);
      const long long m = read.integer(g["m"], "generate.m", 2, 10'000'000);
      const Vec<double> scales_d = FieldReader<double>(path).vector(g["scales"], "generate.scales");
      std::vector<double> scales(scales_d.data(), scales_d.data() + scales_d.size());
      for (std::size_t j = 0; j < scales.size(); ++j)
        if (!(scales[j] > 0) || !std::isfinite(scales[j]))
          read.fail("generate.scales[" + std::to_string(j) + "]", "a feature scale must be finite and > 0");
      if (double(m) * double(scales.size()) > 1e8) read.fail("generate.m", "m x n must be at most 10^8");
      const DataSet data = scaled_classification_data(static_cast<std::uint64_t>(seed), static_cast<int>(m), scales);
      X = to_matrix<S>(data.X);
      y = Vec<S>(static_cast<Eigen::Index>(data.y.size()));
      for (std::size_t i = 0; i < data.y.size(); ++i) y(static_cast<Eigen::Index>(i)) = S(data.y[i]);
    } else {
      X = read.matrix(doc["X"], "X");
      y = read.vector(doc["y"], "y");
      if (y.size() != X.rows())
        read.fail("y", "has " + std::to_string(y.size()) + " entries, X has " + std::to_string(X.rows()) +
                           " rows (one per example)");
      for (int i = 0; i < y.size(); ++i)
        if (y(i) != 0 && y(i) != 1) read.fail("y[" + std::to_string(i) + "]", "a label must be 0 or 1");
    }
    S lambda = read.scalar(doc["lambda"], "lambda");
    if (lambda < 0) read.fail("lambda", "must be >= 0");
    loaded.multiply_adds_per_step = 3.0 * double(X.rows()) * double(X.cols());
    loaded.problem = std::make_unique<LogisticRegression<S>>(std::move(X), std::move(y), std::move(lambda));
  }
}

const bool registered_logistic = register_kind({
    .order = 40,
    .name = "logistic",
    .summary = "L2-regularized logistic regression (labels 0 or 1)",
    .doc = "`{\"kind\": \"logistic\", \"X\": [[…]], \"y\": […], \"lambda\": \"0.01\", \"x0\": […]}` for L2-regularized logistic regression (one example per row of X, labels 0 or 1, λ ≥ 0), or with `\"generate\": {\"seed\": 1, \"m\": 1000, \"scales\": [1, 100, 0.01]}` instead of X and y for the seeded data set of descent::scaled_classification_data (m from 2 to 10⁷, m × n at most 10⁸, every scale finite and > 0). Cost: 3mn.",
    .example = "examples/logistic.json",
    .sum_over_examples = true,
    .exact = "no (exp and log)",
    .read_double = read_logistic<double>,
    .read_mpfr = read_logistic<Mpfr>,
    .read_exact = read_logistic<Rational>,
});
}  // namespace

}  // namespace descent::tools
