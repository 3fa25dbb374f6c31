// Problem kind "brady": lesson 16's sigmoid neuron on the points of Brady, Raghavan & Slawny (1989).
#include "../problem_kinds.hpp"

#include <cmath>

#include "descent/problems/logistic.hpp"
#include "descent/problems/mlp.hpp"
#include "descent/problems/test_functions.hpp"

namespace descent::tools {

namespace {
template <class S>
void read_brady(const LexemeJson& doc, const FieldReader<S>& read, const std::string& path, LoadedProblem<S>& loaded) {
  (void)path;
  const std::string kind = "brady";
  read.check_fields(doc, kind, {"kind", "t", "x0"}, {"epsilon", "points"});
  if constexpr (ScalarTraits<S>::exact) {
    read.fail("kind", "brady is a sigmoid neuron and cannot run with --exact; use --digits D");
  } else {
    FieldReader<Rational> exact_read(path);
    const Rational t = exact_read.scalar(doc["t"], "t");
    if (!(t > 0) || t > 1'000'000) read.fail("t", "must satisfy 0 < t <= 10^6, got " + t.str());
    Rational eps(1, 100);
    if (doc.contains("epsilon")) {
      eps = exact_read.scalar(doc["epsilon"], "epsilon");
      if (!(eps > 0 && eps < Rational(1, 2))) read.fail("epsilon", "must satisfy 0 < epsilon < 1/2, got " + eps.str());
    }
    std::vector<int> points = {1, 2, 3, 4};
    if (doc.contains("points")) {
      const LexemeJson& p = doc["points"];
      if (!p.is_array() || p.empty() || p.size() > 4)
        read.fail("points", "expected a list of one to four of the point numbers 1, 2, 3, 4, got " + describe(p));
      points.clear();
      for (std::size_t i = 0; i < p.size(); ++i) {
        const int k = static_cast<int>(read.integer(p[i], "points[" + std::to_string(i) + "]", 1, 4));
        for (int q : points)
          if (q == k) read.fail("points[" + std::to_string(i) + "]", "point " + std::to_string(k) + " is listed twice");
        points.push_back(k);
      }
    }
    loaded.multiply_adds_per_step = 12.0;
    loaded.problem = std::make_unique<Mlp<S>>(brady_network<S>(t, eps, points));
  }
}

const bool registered_brady = register_kind({
    .order = 80,
    .name = "brady",
    .summary = "lesson 16's sigmoid neuron on the points of Brady, Raghavan & Slawny (1989)",
    .doc = "`{\"kind\": \"brady\", \"t\": 10, \"epsilon\": \"1/100\", \"points\": [1, 2, 3, 4], \"x0\": […]}`: seed 002's example of Brady, Raghavan & Slawny (1989), lesson 16: the logistic neuron \\f$\\sigma(w_xx + w_yy + b)\\f$ with the L2 divergence, \\f$\\frac1K\\sum_t(\\sigma(w_xx_t + w_yy_t + b) - d_t)^2\\f$, on the points (1, 0), (0, 1) (target 1 − ε), (−1, 0) (target ε) and (0, −t) (target 1 − ε); `t` with 0 < t ≤ 10⁶, `epsilon` in (0, 1/2) (default 1/100), `points` which of the four (e.g. `[4]` for the fourth point's divergence alone; default all), `x0` = (w_x, w_y, b). `descent trace --problem examples/brady.json --method perceptron --steps 100` runs the perceptron on it.",
    .example = "examples/brady.json",
    .sum_over_examples = false,
    .exact = "no (a sigmoid)",
    .read_double = read_brady<double>,
    .read_mpfr = read_brady<Mpfr>,
    .read_exact = read_brady<Rational>,
});
}  // namespace

}  // namespace descent::tools
