/// \file problem_audit.hpp
/// \brief The hand-written test problems of proofs_checks/ (those defined inside a claim's file,
/// not in lib/): their gradients and Hessians against five-point central differences of their
/// values and gradients. The library's own problems are checked against their AD twins
/// (tests/lib); these are checked here, so that a wrong derivative formula cannot pass unseen.
#pragma once

#include <string>
#include <vector>

#include "descent/linalg.hpp"
#include "descent/problems.hpp"

namespace descent::claims::audit {

/// One problem at one point: the largest disagreement of its gradient with the differences of
/// its value, and of its Hessian with the differences of its gradient.
struct Misfit {
  std::string problem;  ///< the problem's name and the point
  bool exact;           ///< a rational problem (a polynomial of degree ≤ 4): the misfit must be 0
  Mpfr misfit;          ///< the largest disagreement, relative to 1 + the largest |gradient| and |Hessian| entry
};

/// The five-point central difference (g(x − 2h) − 8g(x − h) + 8g(x + h) − g(x + 2h))/(12h) in each
/// coordinate: exact for polynomials of degree ≤ 4, error O(h⁴) otherwise. The largest disagreement
/// of f's gradient and Hessian with it at x, relative to 1 + the largest entry they have.
template <class S>
S derivative_misfit(const Problem<S>& f, const Vec<S>& x, const S& h) {
  auto shifted = [&](int j, int k) {
    Vec<S> y = x;
    y(j) += S(k) * h;
    return y;
  };
  S worst = 0, scale = 1;
  const Vec<S> g = f.gradient(x);
  const Mat<S> H = f.hessian(x);
  for (int j = 0; j < x.size(); ++j) {
    const S dv = (f.value(shifted(j, -2)) - 8 * f.value(shifted(j, -1)) + 8 * f.value(shifted(j, 1)) -
                  f.value(shifted(j, 2))) / (12 * h);
    const Vec<S> dg = (f.gradient(shifted(j, -2)) - 8 * f.gradient(shifted(j, -1)) + 8 * f.gradient(shifted(j, 1)) -
                       f.gradient(shifted(j, 2))) / (12 * h);
    worst = std::max<S>(worst, abs_value(S(g(j) - dv)));
    scale = std::max<S>(scale, S(1 + abs_value(g(j))));
    for (int i = 0; i < x.size(); ++i) {
      worst = std::max<S>(worst, abs_value(S(H(i, j) - dg(i))));
      scale = std::max<S>(scale, S(1 + abs_value(H(i, j))));
    }
  }
  return S(worst / scale);
}

/// The step of derivative_misfit at the working precision D: h = 10^-(D/5), so that the truncation
/// O(h⁴) and the rounding 10^-D/h are both about 10^-(4D/5).
inline Mpfr difference_step() { return pow(Mpfr(10), -(descent::digits() / 5)); }

/// convex_rates.cpp: SeedThreeExample, QuarticBowl (exact), SinSquare.
std::vector<Misfit> convex_rates_problems();
/// line_search_checks.cpp: DoubleWell.
std::vector<Misfit> line_search_problems();
/// newton_checks.cpp: SqrtOnePlusSquare, SqrtPlusQuadratic, Quartic (exact).
std::vector<Misfit> newton_problems();
/// surface_checks.cpp: FourWells (exact).
std::vector<Misfit> surface_problems();

}  // namespace descent::claims::audit
