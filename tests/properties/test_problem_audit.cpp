// The hand-written test problems inside proofs_checks/: gradient and Hessian against five-point
// differences of the value and the gradient (exact for the rational quartics, to 10^-(D/2) of
// the problem's scale at D digits for the transcendental ones, whose differences err by about 10^-(4D/5)).
#include <catch2/catch.hpp>

#include "problem_audit.hpp"

using namespace descent;

TEST_CASE("hand-written problems of proofs_checks: derivatives agree with differences of the value", "[problems]") {
  std::vector<claims::audit::Misfit> rows;
  for (auto part : {claims::audit::convex_rates_problems, claims::audit::line_search_problems,
                    claims::audit::newton_problems, claims::audit::surface_problems})
    for (const auto& r : part()) rows.push_back(r);
  REQUIRE(rows.size() >= 12);
  const Mpfr tol = pow(Mpfr(10), -(descent::digits() / 2));
  for (const auto& r : rows) {
    INFO(r.problem << ": misfit " << r.misfit.str(6));
    if (r.exact)
      CHECK(r.misfit == 0);
    else
      CHECK(r.misfit <= tol);
  }
}
