// Problem kind "lessard": the 1-D function of Lessard, Recht & Packard (2016).
#include "../problem_kinds.hpp"

#include <cmath>

#include "descent/problems/logistic.hpp"
#include "descent/problems/mlp.hpp"
#include "descent/problems/test_functions.hpp"

namespace descent::tools {

namespace {
template <class S>
void read_lessard(const LexemeJson& doc, const FieldReader<S>& read, const std::string& path, LoadedProblem<S>& loaded) {
  (void)path;
  const std::string kind = "lessard";
  read.check_fields(doc, kind, {"kind", "x0"}, {"mu", "L"});
  S mu = doc.contains("mu") ? read.scalar(doc["mu"], "mu") : S(1);
  S L = doc.contains("L") ? read.scalar(doc["L"], "L") : S(25);
  if (!(mu > 0)) read.fail("mu", "must be > 0");
  if (!(L >= mu)) read.fail("L", "must be >= mu");
  loaded.multiply_adds_per_step = 1;
  loaded.problem = std::make_unique<Lessard<S>>(std::move(mu), std::move(L));
}

const bool registered_lessard = register_kind({
    .order = 60,
    .name = "lessard",
    .summary = "the 1-D function of Lessard, Recht & Packard (2016)",
    .doc = "`{\"kind\": \"lessard\", \"mu\": 1, \"L\": 25, \"x0\": [3.3]}` for the one-dimensional function of Lessard, Recht & Packard (2016), μ-strongly convex and L-smooth, on which the heavy ball with the quadratic-optimal parameters cycles (`mu` > 0 and `L` ≥ mu optional, defaults 1 and 25). `examples/lessard.json` starts the heavy ball on its 3-cycle: `descent trace --problem examples/lessard.json --method heavy_ball --eta 1/9 --beta 4/9 --steps 9 --exact` prints the same three rows again and again.",
    .example = "examples/lessard.json",
    .sum_over_examples = false,
    .exact = "yes",
    .read_double = read_lessard<double>,
    .read_mpfr = read_lessard<Mpfr>,
    .read_exact = read_lessard<Rational>,
});
}  // namespace

}  // namespace descent::tools
