// Problem kind "huber": L sum_i h_delta(x_i), the Huber function.
#include "../problem_kinds.hpp"

#include <cmath>

#include "descent/problems/logistic.hpp"
#include "descent/problems/mlp.hpp"
#include "descent/problems/test_functions.hpp"

namespace descent::tools {

namespace {
template <class S>
void read_huber(const LexemeJson& doc, const FieldReader<S>& read, const std::string& path, LoadedProblem<S>& loaded) {
  (void)path;
  const std::string kind = "huber";
  read.check_fields(doc, kind, {"kind", "delta", "x0"}, {"L"});
  S delta = read.scalar(doc["delta"], "delta");
  if (!(delta > 0)) read.fail("delta", "must be > 0");
  S L = doc.contains("L") ? read.scalar(doc["L"], "L") : S(1);
  if (!(L > 0)) read.fail("L", "must be > 0");
  const auto n = read.vector(doc["x0"], "x0").size();
  loaded.multiply_adds_per_step = double(n);
  loaded.problem = std::make_unique<Huber<S>>(static_cast<int>(n), std::move(delta), std::move(L));
}

const bool registered_huber = register_kind({
    .order = 50,
    .name = "huber",
    .summary = "L sum_i h_delta(x_i), the Huber function",
    .doc = "`{\"kind\": \"huber\", \"delta\": \"1/2\", \"L\": 1, \"x0\": […]}` for \\f$ L \\sum_i h_\\delta(x_i) \\f$, the Huber function in the dimension of x0 (δ > 0; `L` optional, > 0, default 1). Cost: n.",
    .example = "examples/huber.json",
    .sum_over_examples = false,
    .exact = "yes",
    .read_double = read_huber<double>,
    .read_mpfr = read_huber<Mpfr>,
    .read_exact = read_huber<Rational>,
});
}  // namespace

}  // namespace descent::tools
