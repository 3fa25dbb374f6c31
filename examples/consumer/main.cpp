// A problem of the consumer's own, f(x, y) = (x − 1)² + ½ (x − y)² (1 + y²), written
// once as a template over the scalar, and gradient descent from descent on it in three
// arithmetics: double, 50 decimal digits (MPFR) and exact rationals (GMP). The three
// trajectories must agree: the double one with the exact one to a few units of
// roundoff, the 50-digit one to 10^-45. Exit status 0 when they do, 1 when not.
#include <descent/optimizers.hpp>
#include <descent/scalar.hpp>

#include <algorithm>
#include <cmath>
#include <iostream>

template <class S>
class Valley final : public descent::Problem<S> {
 public:
  int dimension() const override { return 2; }
  // f = (x − 1)² + ½ (x − y)² (1 + y²): a polynomial, so every value is rational at a rational point
  S value(const descent::Vec<S>& v) const override {
    const S x = v(0), y = v(1), d = x - y;
    return (x - 1) * (x - 1) + d * d * (1 + y * y) / 2;
  }
  descent::Vec<S> gradient(const descent::Vec<S>& v) const override {
    const S x = v(0), y = v(1), d = x - y;
    descent::Vec<S> g(2);
    g(0) = 2 * (x - 1) + d * (1 + y * y);
    g(1) = -d * (1 + y * y) + d * d * y;
    return g;
  }
  descent::Mat<S> hessian(const descent::Vec<S>& v) const override {
    const S x = v(0), y = v(1), d = x - y, w = 1 + y * y;
    descent::Mat<S> h(2, 2);
    h(0, 0) = 2 + w;
    h(0, 1) = h(1, 0) = -w + 2 * d * y;
    h(1, 1) = w - 4 * d * y + d * d;
    return h;
  }
  std::string name() const override { return "valley"; }
};

template <class S>
descent::Trace<S> descend(int steps) {
  Valley<S> problem;
  descent::GradientDescent<S> gd(S(1) / 8);
  descent::Vec<S> x0(2);
  x0 << S(0), S(1) / 2;
  descent::StopRule<S> stop;
  stop.max_steps = steps;
  return descent::run(problem, gd, x0, stop);
}

int main() {
  using descent::Mpfr;
  using descent::Rational;
  constexpr int steps = 6;  // exact rationals: the digits triple with each step of a cubic gradient
  descent::set_digits(50);
  const auto exact = descend<Rational>(steps);
  const auto fifty = descend<Mpfr>(steps);
  const auto plain = descend<double>(steps);
  for (const auto* status : {&exact.status, &plain.status})
    if (*status != descent::Status::max_steps) return std::cerr << "a run stopped early\n", 1;
  if (fifty.status != descent::Status::max_steps) return std::cerr << "the 50-digit run stopped early\n", 1;
  double worst_double = 0;
  Mpfr worst_fifty = 0;
  for (int k = 0; k <= steps; ++k) {
    const Rational f = exact.f[k];
    worst_double = std::max(worst_double, std::abs(plain.f[k] - f.convert_to<double>()) / (1 + std::abs(f.convert_to<double>())));
    const Mpfr e = descent::from_rational<Mpfr>(f);
    worst_fifty = std::max(worst_fifty, Mpfr(abs(fifty.f[k] - e) / (1 + abs(e))));
  }
  std::cout << "f(x_k) after " << steps << " steps of gradient descent (eta = 1/8) on the consumer's own problem:\n"
            << "  exact   " << descent::to_string(descent::from_rational<Mpfr>(exact.f.back()), 30) << " (rounded; a fraction of "
            << descent::to_string(exact.f.back()).size() << " characters)\n"
            << "  50 dig. " << descent::to_string(fifty.f.back(), 30) << "\n"
            << "  double  " << descent::to_string(plain.f.back(), 17) << "\n"
            << "largest relative difference from the exact values: double " << worst_double << ", 50 digits "
            << descent::to_string(worst_fifty, 3) << "\n";
  // double: a few roundings per step, each at most 2^-53 relative, over 6 steps
  const bool ok = worst_double <= 64 * 0x1p-53 && worst_fifty <= Mpfr("1e-45") && exact.f.back() < exact.f.front();
  std::cout << (ok ? "agree" : "DISAGREE") << "\n";
  return ok ? 0 : 1;
}
