// Problem kind "least_squares": f(w) = ||Phi^T w - y||^2, Phi of size d x K (one column per example).
#include "../problem_kinds.hpp"

#include <cmath>

#include "descent/problems/logistic.hpp"
#include "descent/problems/mlp.hpp"
#include "descent/problems/test_functions.hpp"

namespace descent::tools {

namespace {
template <class S>
void read_least_squares(const LexemeJson& doc, const FieldReader<S>& read, const std::string& path, LoadedProblem<S>& loaded) {
  (void)path;
  const std::string kind = "least_squares";
  read.check_fields(doc, kind, {"kind", "Phi", "y", "x0"}, {});
  Mat<S> Phi = read.matrix(doc["Phi"], "Phi");
  Vec<S> y = read.vector(doc["y"], "y");
  if (y.size() != Phi.cols())
    read.fail("y", "has " + std::to_string(y.size()) + " entries, Phi has " + std::to_string(Phi.cols()) +
                       " columns (one per example)");
  loaded.multiply_adds_per_step = 2.0 * double(Phi.rows()) * double(Phi.cols());
  loaded.problem = std::make_unique<LeastSquares<S>>(std::move(Phi), std::move(y));
}

const bool registered_least_squares = register_kind({
    .order = 20,
    .name = "least_squares",
    .summary = "f(w) = ||Phi^T w - y||^2, Phi of size d x K (one column per example)",
    .doc = "`{\"kind\": \"least_squares\", \"Phi\": [[…]], \"y\": […], \"x0\": […]}` for \\f$\\|\\Phi^\\top w - y\\|^2\\f$ (seed 000's notation), Φ of size d×K (rows of the JSON array are rows of Φ, one column per example), `y` of length K, x0 of length d. Cost: 2dK.",
    .example = "examples/least_squares.json",
    .sum_over_examples = true,
    .exact = "yes",
    .read_double = read_least_squares<double>,
    .read_mpfr = read_least_squares<Mpfr>,
    .read_exact = read_least_squares<Rational>,
});
}  // namespace

}  // namespace descent::tools
