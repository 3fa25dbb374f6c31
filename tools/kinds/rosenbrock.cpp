// Problem kind "rosenbrock": the n-dimensional Rosenbrock function.
#include "../problem_kinds.hpp"

#include <cmath>

#include "descent/problems/logistic.hpp"
#include "descent/problems/mlp.hpp"
#include "descent/problems/test_functions.hpp"

namespace descent::tools {

namespace {
template <class S>
void read_rosenbrock(const LexemeJson& doc, const FieldReader<S>& read, const std::string& path, LoadedProblem<S>& loaded) {
  (void)path;
  const std::string kind = "rosenbrock";
  read.check_fields(doc, kind, {"kind", "n", "x0"}, {});
  const long long n = read.integer(doc["n"], "n", 2, 1'000'000);
  loaded.multiply_adds_per_step = 10.0 * double(n);
  loaded.problem = std::make_unique<Rosenbrock<S>>(static_cast<int>(n));
}

const bool registered_rosenbrock = register_kind({
    .order = 30,
    .name = "rosenbrock",
    .summary = "the n-dimensional Rosenbrock function",
    .doc = "`{\"kind\": \"rosenbrock\", \"n\": 10, \"x0\": […]}` for the n-dimensional Rosenbrock function \\f$ \\sum_{i<n} 100(x_{i+1} - x_i^2)^2 + (1 - x_i)^2 \\f$, n from 2 to 10⁶. Cost: 10n.",
    .example = "examples/rosenbrock.json",
    .sum_over_examples = false,
    .exact = "yes",
    .read_double = read_rosenbrock<double>,
    .read_mpfr = read_rosenbrock<Mpfr>,
    .read_exact = read_rosenbrock<Rational>,
});
}  // namespace

}  // namespace descent::tools
