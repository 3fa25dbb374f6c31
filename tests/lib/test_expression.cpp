// Expressions typed as text (lib/descent/problems/expression.hpp): the grammar's precedence, exact
// numbers, the exact integer power, messages with their column, domain errors, every arithmetic,
// derivatives against values computed by hand, sums over data, and a run ending on a domain error.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "descent/optimizers.hpp"
#include "descent/problems/expression.hpp"

using namespace descent;
using Q = Rational;

namespace {
template <class S>
S value_of(const std::string& text, std::vector<std::string> names, std::vector<S> at) {
  ExpressionProblem<S> p(Expression(text, std::move(names)));
  Vec<S> x(static_cast<int>(at.size()));
  for (std::size_t i = 0; i < at.size(); ++i) x(static_cast<int>(i)) = at[i];
  return p.value(x);
}
std::string message_of(const std::string& text, std::vector<std::string> names) {
  try {
    Expression e(text, std::move(names));
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}
const std::vector<std::string> xy{"x", "y"};
const char* beale = "(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2";
}  // namespace

TEST_CASE("expression: precedence and associativity as in mathematics", "[lib][expression]") {
  CHECK(value_of<Q>("-x^2", {"x"}, {Q(3)}) == Q(-9));        // -(x^2)
  CHECK(value_of<Q>("2^3^2", {"x"}, {Q(0)}) == Q(512));      // 2^(3^2), not (2^3)^2 = 64
  CHECK(value_of<Q>("x**2 - x^2", {"x"}, {Q(7)}) == Q(0));   // ** is ^
  CHECK(value_of<Q>("8/2/2", {"x"}, {Q(0)}) == Q(2));        // (8/2)/2
  CHECK(value_of<Q>("2 - 3 - 4", {"x"}, {Q(0)}) == Q(-5));   // (2-3)-4
  CHECK(value_of<Q>("2 + 3*x", {"x"}, {Q(4)}) == Q(14));
  CHECK(value_of<Q>("x^-2", {"x"}, {Q(2)}) == Q(1, 4));
  CHECK(value_of<Q>("+x - -x", {"x"}, {Q(5)}) == Q(10));
}

TEST_CASE("expression: numbers are exact decimals, never doubles", "[lib][expression]") {
  CHECK(value_of<Q>("x - 0.1", {"x"}, {Q(0)}) == Q(-1, 10));
  CHECK(value_of<Q>("1.5e-3 + .5", {"x"}, {Q(0)}) == Q(1003, 2000));
  CHECK(value_of<Q>("2.25", {"x"}, {Q(0)}) == Q(9, 4));
}

TEST_CASE("expression: a constant integer exponent is an exact power, any other exp(b log a)", "[lib][expression]") {
  // x^(4/2) at x = −3 is 9: through exp(2 log x) it would be a domain error
  CHECK(value_of<Q>("x^(4/2)", {"x"}, {Q(-3)}) == Q(9));
  CHECK(Expression("x^(4/2) + relu(x) + abs(x)", {"x"}).irrational().empty());
  CHECK(Expression("x^0.5", {"x"}).irrational() == "a power with a non-integer exponent");
  CHECK(Expression("x^y", xy).irrational() == "a power with a non-integer exponent");
  CHECK(Expression("exp(x)", {"x"}).irrational() == "exp");
  CHECK(Expression("x + pi", {"x"}).irrational() == "pi");
  CHECK_THROWS_WITH(ExpressionProblem<Q>(Expression("x + e", {"x"})), Catch::Contains("uses e, which has no exact value"));
  ScopedDigits at(50);
  const Mpfr v = value_of<Mpfr>("x^0.5", {"x"}, {Mpfr(2)});
  CHECK(abs(v - sqrt(Mpfr(2))) <= Mpfr("1e-49"));
  CHECK_THROWS_WITH(value_of<Mpfr>("x^0.5", {"x"}, {Mpfr(-2)}), Catch::Contains("non-integer exponent of -2"));
}

TEST_CASE("expression: a parse error names its column and what was expected", "[lib][expression]") {
  CHECK(message_of("x + * y", xy) == "column 5: expected a number, a name or '(', got '*'");
  CHECK(message_of("(x + 1", xy) == "column 7: expected ')' to close the '(' at column 1, got the end of the formula");
  CHECK_THAT(message_of("x + z", xy), Catch::StartsWith("column 5: unknown name 'z' (names: x, y; constants: pi, e;"));
  CHECK(message_of("2x", xy) == "column 2: expected an operator after the number 2, got 'x' (write 2*x, not 2x)");
  CHECK_THAT(message_of("foo(x)", xy), Catch::StartsWith("column 1: unknown function 'foo' (functions: exp, log,"));
  CHECK(message_of("exp x", xy) == "column 1: the function exp needs its argument in parentheses: exp(...)");
  CHECK(message_of("x y", xy) == "column 3: expected an operator (+ - * / ^) or the end of the formula, got 'y'");
  CHECK(message_of("", xy) == "column 1: expected a number, a name or '(', got the end of the formula");
  CHECK(message_of("x^(1/0)", xy) == "column 2: the exponent is not defined: division by 0");
  CHECK_THAT(message_of("x^20000", xy), Catch::StartsWith("column 2: an integer exponent may be at most 10000"));
  CHECK(message_of("log(x, y)", xy) == "column 6: log takes one argument");
  CHECK(message_of("x", {"x", "exp"}) == "the name 'exp' is taken by a function or a constant; choose another");
  CHECK(message_of("x", {"x", "x"}) == "the name 'x' is given twice");
  CHECK_THAT(message_of(std::string(300, '(') + "x" + std::string(300, ')'), xy), Catch::Contains("nested too deeply"));
}

TEST_CASE("expression: Beale's function, its gradient and Hessian exactly (values derived by hand)", "[lib][expression]") {
  ExpressionProblem<Q> p(Expression(beale, xy));
  Vec<Q> x(2);
  x << Q(1), Q(1);
  // t = (1.5, 2.25, 2.625) at (1, 1): f = Σ t², ∂f/∂x = 0, ∂f/∂y = 2(1.5 + 2·2.25 + 3·2.625)
  CHECK(p.value(x) == Q(909, 64));
  const Vec<Q> g = p.gradient(x);
  CHECK(g(0) == Q(0));
  CHECK(g(1) == Q(111, 4));
  const Mat<Q> H = p.hessian(x);
  CHECK(H(0, 0) == Q(0));
  CHECK(H(0, 1) == Q(111, 4));
  CHECK(H(1, 0) == Q(111, 4));
  CHECK(H(1, 1) == Q(137, 2));
  x << Q(3), Q(1, 2);  // the minimum
  CHECK(p.value(x) == Q(0));
  CHECK(p.gradient(x) == Vec<Q>::Zero(2));
  Vec<Q> g2;
  CHECK(p.value_and_gradient(x, g2) == Q(0));
}

TEST_CASE("expression: the functions and constants at 50 digits and in double", "[lib][expression]") {
  {
    ScopedDigits at(50);
    const Mpfr tol("1e-48");
    CHECK(abs(value_of<Mpfr>("sin(pi/6)", {"x"}, {Mpfr(0)}) - Mpfr(1) / 2) <= tol);
    CHECK(abs(value_of<Mpfr>("cos(pi)", {"x"}, {Mpfr(0)}) + 1) <= tol);
    CHECK(abs(value_of<Mpfr>("log(e)", {"x"}, {Mpfr(0)}) - 1) <= tol);
    CHECK(abs(value_of<Mpfr>("sigmoid(0) + tanh(0)", {"x"}, {Mpfr(0)}) - Mpfr(1) / 2) <= tol);
    CHECK(abs(value_of<Mpfr>("sqrt(x)", {"x"}, {Mpfr(2)}) - sqrt(Mpfr(2))) <= tol);
    // softplus(−10⁴) = e^{−10⁴} to full relative precision; softplus(10⁴) = 10⁴ + e^{−10⁴}
    const Mpfr tiny = exp(Mpfr(-10000));
    CHECK(abs(value_of<Mpfr>("softplus(x)", {"x"}, {Mpfr(-10000)}) / tiny - 1) <= tol);
    CHECK(value_of<Mpfr>("softplus(x)", {"x"}, {Mpfr(10000)}) == Mpfr(10000));  // e^{−10⁴} is below half an ulp
  }
  // double: softplus without overflow at ±800, its derivative σ
  CHECK(value_of<double>("softplus(x)", {"x"}, {800.0}) == 800.0);
  CHECK(value_of<double>("softplus(x)", {"x"}, {-800.0}) == 0.0);
  CHECK(value_of<double>("softplus(x)", {"x"}, {-40.0}) == Approx(4.248354255291589e-18).epsilon(4e-16));
  ExpressionProblem<double> sp(Expression("softplus(x)", {"x"}));
  Vec<double> z(1);
  z << 0.0;
  CHECK(sp.gradient(z)(0) == 0.5);
  z << 800.0;
  CHECK(sp.gradient(z)(0) == 1.0);
  // kinks: relu′(0) = abs′(0) = 0, and the second derivative of x|x| is 2 sign(x)
  ExpressionProblem<Q> kinks(Expression("relu(x) + abs(x)", {"x"}));
  Vec<Q> zero(1);
  zero << Q(0);
  CHECK(kinks.gradient(zero)(0) == Q(0));
  Vec<Q> neg(1);
  neg << Q(-2);
  CHECK(kinks.gradient(neg)(0) == Q(-1));
  ExpressionProblem<Q> xabs(Expression("x*abs(x)", {"x"}));
  CHECK(xabs.hessian(neg)(0, 0) == Q(-2));
}

TEST_CASE("expression: a value outside a function's domain is a domain_error naming it", "[lib][expression]") {
  CHECK_THROWS_WITH(value_of<double>("log(x)", {"x"}, {-1.0}), "log of -1 (defined for x > 0 only)");
  CHECK_THROWS_WITH(value_of<Q>("1/x", {"x"}, {Q(0)}), "division by 0");
  CHECK_THROWS_WITH(value_of<Q>("x^-1", {"x"}, {Q(0)}), "a negative power of 0");
  CHECK_THROWS_AS(value_of<double>("sqrt(x)", {"x"}, {-1.0}), std::domain_error);
  CHECK(value_of<double>("sqrt(x)", {"x"}, {0.0}) == 0.0);
  ExpressionProblem<double> s(Expression("sqrt(x)", {"x"}));
  Vec<double> z = Vec<double>::Zero(1);
  CHECK_THROWS_WITH(s.gradient(z), "sqrt has no derivative at 0");
}

TEST_CASE("expression: a sum over data rows, as a mean and as a sum", "[lib][expression]") {
  // f(w) = c Σ (w tᵢ − yᵢ)², t = (1, 2), y = (1, 1): at w = 1 the terms are 0 and 1
  Mat<Q> data(2, 2);
  data << Q(1), Q(1), Q(2), Q(1);
  const Expression example("(w*t - y)^2", {"w", "t", "y"});
  ExpressionProblem<Q> mean(example, 1, data, true), sum(example, 1, data, false);
  Vec<Q> w(1);
  w << Q(1);
  CHECK(mean.examples() == 2);
  CHECK(mean.value(w) == Q(1, 2));
  CHECK(sum.value(w) == Q(1));
  CHECK(mean.gradient(w)(0) == Q(2));  // (2(w−1)·1 + 2(2w−1)·2)/2
  CHECK(sum.gradient(w)(0) == Q(4));
  CHECK(sum.example_value(1, w) == Q(1));
  CHECK(sum.example_gradient(1, w)(0) == Q(4));
  CHECK(mean.hessian(w)(0, 0) == Q(5));  // (2 + 8)/2
  CHECK(mean.weight() == Q(1, 2));
  CHECK(mean.batch_gradient({1}, w)(0) == Q(4));  // K c/B · ∇f₁ = 2 · 1/2 · 4
  CHECK_THROWS_AS(ExpressionProblem<Q>(example, 1, Mat<Q>(2, 1), true), InputError);
  CHECK_THROWS_AS(ExpressionProblem<Q>(example, 1, Mat<Q>(0, 2), true), InputError);
}

TEST_CASE("expression: interval evaluation encloses every point of the box", "[lib][expression]") {
  ScopedDigits at(30);
  ExpressionProblem<Interval> p(Expression(beale, xy));
  ExpressionProblem<Mpfr> point(Expression(beale, xy));
  Vec<Interval> box(2);
  box << Interval(Mpfr("2.9"), Mpfr("3.1")), Interval(Mpfr("0.4"), Mpfr("0.6"));
  const Interval f = p.value(box);
  const Vec<Interval> g = p.gradient(box);
  const Mat<Interval> H = p.hessian(box);
  for (const char* xs : {"2.9", "3", "3.05", "3.1"})
    for (const char* ys : {"0.4", "0.5", "0.6"}) {
      Vec<Mpfr> x(2);
      x << Mpfr(xs), Mpfr(ys);
      const Mpfr v = point.value(x);
      CHECK((lower(f) <= v && v <= upper(f)));
      const Vec<Mpfr> gp = point.gradient(x);
      const Mat<Mpfr> Hp = point.hessian(x);
      for (int i = 0; i < 2; ++i) {
        CHECK((lower(g(i)) <= gp(i) && gp(i) <= upper(g(i))));
        for (int j = 0; j < 2; ++j) CHECK((lower(H(i, j)) <= Hp(i, j) && Hp(i, j) <= upper(H(i, j))));
      }
    }
  // a box where log is not certainly defined is a domain error, not an enclosure
  ExpressionProblem<Interval> lg(Expression("log(x)", {"x"}));
  Vec<Interval> straddle(1);
  straddle << Interval(Mpfr(-1), Mpfr(1));
  CHECK_THROWS_AS(lg.value(straddle), std::domain_error);
}

TEST_CASE("expression: a run that leaves f's domain ends with status domain_error, its rows kept", "[lib][expression]") {
  ExpressionProblem<double> p(Expression("log(x) + x^2", {"x"}));
  GradientDescent<double> gd(2.0);
  Vec<double> x0(1);
  x0 << 1.0;
  StopRule<double> stop;
  stop.max_steps = 5;
  const Trace<double> t = run<double>(p, gd, x0, stop);
  CHECK(t.status == Status::domain_error);
  CHECK(t.message == "step 1: log of -5 (defined for x > 0 only)");
  REQUIRE(t.f.size() == 1);
  CHECK(t.f[0] == 1.0);
  x0 << -1.0;
  const Trace<double> at_start = run<double>(p, gd, x0, stop);
  CHECK(at_start.status == Status::domain_error);
  CHECK(at_start.f.empty());
}
