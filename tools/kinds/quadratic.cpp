// Problem kind "quadratic": f(x) = 1/2 x^T A x - b^T x + c, A symmetric.
#include "../problem_kinds.hpp"

#include <cmath>

#include "descent/problems/logistic.hpp"
#include "descent/problems/mlp.hpp"
#include "descent/problems/test_functions.hpp"

namespace descent::tools {

namespace {
template <class S>
void read_quadratic(const LexemeJson& doc, const FieldReader<S>& read, const std::string& path, LoadedProblem<S>& loaded) {
  (void)path;
  const std::string kind = "quadratic";
  read.check_fields(doc, kind, {"kind", "A", "b", "x0"}, {"c"});
  Mat<S> A = read.matrix(doc["A"], "A");
  if (A.rows() != A.cols())
    read.fail("A", "must be square, got " + std::to_string(A.rows()) + " rows of " + std::to_string(A.cols()) +
                       " entries");
  Vec<S> b = read.vector(doc["b"], "b");
  if (b.size() != A.rows())
    read.fail("b", "has " + std::to_string(b.size()) + " entries, A has " + std::to_string(A.rows()) + " rows");
  S c = doc.contains("c") ? read.scalar(doc["c"], "c") : S(0);
  loaded.multiply_adds_per_step = double(A.rows()) * double(A.cols());
  loaded.problem = std::make_unique<Quadratic<S>>(std::move(A), std::move(b), std::move(c));
}

const bool registered_quadratic = register_kind({
    .order = 10,
    .name = "quadratic",
    .summary = "f(x) = 1/2 x^T A x - b^T x + c, A symmetric",
    .doc = "`{\"kind\": \"quadratic\", \"A\": [[…]], \"b\": […], \"c\": \"0\", \"x0\": […]}` for \\f$ \\tfrac12 x^\\top A x - b^\\top x + c \\f$: `A` square and symmetric (exactly under `--exact`, to 8ε·max|a_ij| otherwise), `b` of its size, `c` optional (default 0). Cost of a gradient: n² multiply-adds.",
    .example = "examples/quadratic.json",
    .sum_over_examples = false,
    .exact = "yes",
    .read_double = read_quadratic<double>,
    .read_mpfr = read_quadratic<Mpfr>,
    .read_exact = read_quadratic<Rational>,
});
}  // namespace

}  // namespace descent::tools
