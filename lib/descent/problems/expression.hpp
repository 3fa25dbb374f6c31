/// \file expression.hpp
/// \brief Your own objective, typed as text: `(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2`, parsed once
/// and evaluated in every arithmetic of the course — double, Mpfr at `--digits`, exact rationals
/// where the formula is rational, intervals — with its gradient and Hessian from the library's
/// automatic differentiation (autodiff/). A formula may also be one example's term of a sum over a
/// data set (`(w*t + b - y)^2` with the columns t and y), which makes it a FiniteSum that stochastic
/// gradient descent samples from.
///
/// The grammar (docs page "Your own problem"):
///
///     sum     := product (('+' | '-') product)*
///     product := unary (('*' | '/') unary)*
///     unary   := ('-' | '+') unary | power
///     power   := atom (('^' | '**') unary)?          right-associative: a^b^c = a^(b^c), -x^2 = -(x^2)
///     atom    := number | name | name '(' sum ')' | '(' sum ')'
///
/// Numbers are decimals (`1.5`, `2e-3`, `.5`) read exactly: `1.5` is 3/2, never a double. Names are
/// the variables, the data columns, the constants `pi` and `e`, and the functions `exp log sqrt sin
/// cos tanh sigmoid softplus relu abs` (one argument each). An exponent that is a constant integer
/// (`x^2`, `x^-1`, `x^(4/2)`; |n| ≤ 10000) is an exact integer power; any other exponent is taken as
/// a^b = exp(b·log a), for a > 0 only. Kinks: relu′(0) = abs′(0) = 0 (PyTorch's choice).
///
/// A value outside a function's domain (log or a non-integer power of a number ≤ 0, sqrt of a
/// negative number or its derivative at 0, a division by 0) throws std::domain_error naming the
/// operation and the value, which descent::run turns into the status `domain_error`.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "descent/problems.hpp"

namespace descent {

/// A formula parsed into a program (postfix code) over named symbols.
class Expression {
 public:
  /// The operations of the program. Symbols and constants push a value; the others pop their
  /// operands and push the result.
  enum class Op : std::uint8_t {
    symbol, constant, neg, add, sub, mul, div, powi, pow,
    exp, log, sqrt, sin, cos, tanh, sigmoid, softplus, relu, abs
  };
  /// One instruction: an operation and its argument (the symbol's or the constant's index, or the
  /// integer exponent of powi).
  struct Instruction {
    Op op;      ///< what to do
    int arg;    ///< symbol index, constant index or exponent
  };
  /// A constant of the formula: a rational number, or pi or e.
  struct Constant {
    /// A rational number, π or e.
    enum class Kind : std::uint8_t { rational, pi, e };
    Kind kind = Kind::rational;  ///< which
    Rational value;  ///< its value when rational
  };

  /// Parse `text` over the names `symbols` (variables first, then data columns). Throws
  /// InputError "column C: …" (C counts characters from 1) naming what was expected and what was
  /// found, or "unknown name 'z' (…the names it may use…)". A symbol named like a function or a
  /// constant is refused.
  Expression(std::string_view text, std::vector<std::string> symbols);

  /// The formula as typed.
  const std::string& text() const { return text_; }
  /// The names it may use, in the order of their values.
  const std::vector<std::string>& symbols() const { return symbols_; }
  /// True when the formula uses symbol `i`.
  bool uses(int i) const;
  /// Empty when the formula is a rational function with rational constants (so it runs in exact
  /// arithmetic); otherwise the first operation that is not, e.g. "exp" or "pi".
  const std::string& irrational() const { return irrational_; }
  /// The program.
  const std::vector<Instruction>& code() const { return code_; }
  /// The constants the program refers to.
  const std::vector<Constant>& constants() const { return constants_; }
  /// The largest number of values on the stack while it runs.
  int depth() const { return depth_; }
  /// True for the names a symbol may not take: the functions and the constants.
  static bool reserved(std::string_view name);
  /// "exp, log, sqrt, sin, cos, tanh, sigmoid, softplus, relu, abs".
  static std::string function_names();

 private:
  std::string text_;
  std::vector<std::string> symbols_;
  std::vector<Instruction> code_;
  std::vector<Constant> constants_;
  std::string irrational_;
  int depth_ = 0;
  friend class ExpressionParser;
};

/// The objective of an Expression: f(x) = formula(x) (one example), or a sum over the rows of a
/// data set, f(x) = c·Σᵢ formula(x, rowᵢ) with c = 1 ("sum") or 1/K ("mean"). Gradients by reverse
/// mode (one tape per example; forward mode on an Interval), Hessians by forward over forward.
/// Instantiated for double, Mpfr, Rational (rational formulas only) and Interval.
template <class S>
class ExpressionProblem final : public FiniteSum<S> {
 public:
  /// f(x) = formula(x): every symbol is a variable. Throws InputError if the formula is not rational
  /// and S is Rational.
  explicit ExpressionProblem(Expression f);
  /// f(x) = c·Σᵢ example(x, rowᵢ): the first `variables` symbols are the variables, the others the
  /// columns of `data` (K rows, one per example; columns in the order of the remaining symbols).
  /// `mean`: c = 1/K, else c = 1. Throws InputError for a shape mismatch, K = 0, or a formula that
  /// is not rational when S is Rational.
  ExpressionProblem(Expression example, int variables, Mat<S> data, bool mean);

  int dimension() const override { return n_; }
  S value(const Vec<S>& x) const override;
  /// By reverse mode (forward mode on an Interval).
  Vec<S> gradient(const Vec<S>& x) const override;
  S value_and_gradient(const Vec<S>& x, Vec<S>& g) const override;
  /// By forward over forward, n(n + 1)/2 passes per example.
  Mat<S> hessian(const Vec<S>& x) const override;
  std::string name() const override { return "expression"; }
  int examples() const override { return K_; }
  S weight() const override { return mean_ ? S(S(1) / S(K_)) : S(1); }
  S example_value(int i, const Vec<S>& x) const override;
  Vec<S> example_gradient(int i, const Vec<S>& x) const override;
  /// The formula.
  const Expression& expression() const { return e_; }
  /// True when the sum is a mean (c = 1/K).
  bool mean() const { return mean_; }
  /// f at x = (x_1 … x_n) in the arithmetic T, for T = S and the automatic-differentiation types
  /// `autodiff::Var<S>`, `Dual<S>` and `Dual<Dual<S>>` (instantiated in lib/): the whole sum, divided by K
  /// for a mean. autodiff::ad_twin builds its AdProblem from this.
  template <class T>
  T evaluate(const std::vector<T>& x) const;

 private:
  void check(const Vec<S>& x) const;
  Expression e_;
  int n_;
  int K_ = 1;
  Mat<S> data_;  // K × (symbols − n), empty without data
  bool mean_ = false;
  std::vector<S> constants_;  // the formula's constants in S
};

}  // namespace descent
