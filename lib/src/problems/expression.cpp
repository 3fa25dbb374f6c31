// Objectives typed as text: the parser, the program's evaluation in every arithmetic and AD type,
// and ExpressionProblem.
#include "descent/problems/expression.hpp"

#include <boost/math/constants/constants.hpp>

#include <cctype>
#include <cmath>
#include <stdexcept>
#include <type_traits>

#include "descent/autodiff/forward.hpp"
#include "descent/autodiff/reverse.hpp"

namespace descent {

namespace {

using Op = Expression::Op;
using Code = std::vector<Expression::Instruction>;

struct FunctionName {
  const char* name;
  Op op;
  bool rational;  // maps rationals to rationals (relu, abs)
};
constexpr FunctionName function_table[] = {
    {"exp", Op::exp, false},         {"log", Op::log, false},   {"sqrt", Op::sqrt, false},
    {"sin", Op::sin, false},         {"cos", Op::cos, false},   {"tanh", Op::tanh, false},
    {"sigmoid", Op::sigmoid, false}, {"softplus", Op::softplus, false}, {"relu", Op::relu, true},
    {"abs", Op::abs, true}};

/// Largest |n| of an exact integer power.
constexpr long max_integer_exponent = 10000;
/// Most decimal digits an exact power may produce (about 3.3 million bits: GMP takes milliseconds);
/// beyond it the power is refused rather than computed for minutes ((9999^9999)^9999).
constexpr double max_exact_power_digits = 1e6;
/// Deepest nesting of parentheses, unary signs and exponents.
constexpr int max_nesting = 200;

// ---- evaluation, for every scalar and AD type

template <class T>
constexpr bool is_ad = autodiff::is_dual<T> || autodiff::is_var<T>;

/// The plain value underneath any nesting of duals and tape variables.
template <class T>
const auto& base_of(const T& x) {
  if constexpr (autodiff::is_dual<T>)
    return base_of(x.value);
  else if constexpr (autodiff::is_var<T>)
    return x.value;
  else
    return x;
}
template <class T>
using base_t = std::decay_t<decltype(base_of(std::declval<const T&>()))>;

template <class B>
bool certainly_positive(const B& b) {
  if constexpr (std::is_same_v<B, Interval>) return boost::multiprecision::lower(b) > 0;
  else return b > 0;
}
template <class B>
bool certainly_nonnegative(const B& b) {
  if constexpr (std::is_same_v<B, Interval>) return boost::multiprecision::lower(b) >= 0;
  else return b >= 0;
}
template <class B>
bool certainly_nonzero(const B& b) {
  if constexpr (std::is_same_v<B, Interval>)
    return boost::multiprecision::lower(b) > 0 || boost::multiprecision::upper(b) < 0;
  else
    return b != 0;
}
template <class B>
std::string shown(const B& b) {
  return to_string<B>(b, 6);
}

/// A constant of S as a value of T (a node of the tape for a tape variable).
template <class T, class S>
T lift(const S& c, const T* x) {
  if constexpr (autodiff::is_var<T>)
    return x[0].tape->constant(c);
  else
    return T(c);
}

/// The program `code` at the variables x (n of them) and the data row `row` (symbols n, n + 1, …).
template <class S, class T>
T execute(const Code& code, const std::vector<S>& constants, const T* x, int n, const S* row, std::vector<T>& stack) {
  using B = base_t<T>;
  stack.clear();
  auto pop = [&stack]() {
    T v = std::move(stack.back());
    stack.pop_back();
    return v;
  };
  for (const auto& ins : code) {
    if (ins.op == Op::symbol) {
      stack.push_back(ins.arg < n ? x[ins.arg] : lift<T, S>(row[ins.arg - n], x));
      continue;
    }
    if (ins.op == Op::constant) {
      stack.push_back(lift<T, S>(constants[static_cast<std::size_t>(ins.arg)], x));
      continue;
    }
    if (ins.op == Op::add || ins.op == Op::sub || ins.op == Op::mul || ins.op == Op::div || ins.op == Op::pow) {
      const T b = pop();
      T& a = stack.back();
      switch (ins.op) {
        case Op::add: a = T(a + b); break;
        case Op::sub: a = T(a - b); break;
        case Op::mul: a = T(a * b); break;
        case Op::div:
          if (!certainly_nonzero(base_of(b))) throw std::domain_error("division by " + shown(base_of(b)));
          a = T(a / b);
          break;
        default:  // pow: a^b = exp(b log a), a > 0
          if constexpr (ScalarTraits<B>::exact) {
            throw std::logic_error("expression: a non-integer power in exact arithmetic");
          } else {
            if (!certainly_positive(base_of(a)))
              throw std::domain_error("a power with a non-integer exponent of " + shown(base_of(a)) +
                                      " (defined for a base > 0 only)");
            using std::exp;
            using std::log;
            a = T(exp(T(b * T(log(a)))));
          }
      }
      continue;
    }
    T& a = stack.back();
    const B& v = base_of(a);
    switch (ins.op) {
      case Op::neg: a = T(-a); break;
      case Op::powi:
        if (ins.arg < 0 && !certainly_nonzero(v))
          throw std::domain_error("a negative power of " + shown(v));
        if constexpr (ScalarTraits<B>::exact) {
          // digits of p^n/q^n: about n (log10 |p| + log10 q), from the bit lengths
          const auto bits = [](const auto& z) { return z == 0 ? 0.0 : double(boost::multiprecision::msb(abs(z)) + 1); };
          const double digits = (bits(numerator(v)) + bits(denominator(v))) * 0.30103 * std::abs(double(ins.arg));
          if (digits > max_exact_power_digits)
            throw std::domain_error("an exact power ^" + std::to_string(ins.arg) + " of a number of " +
                                    std::to_string(static_cast<long long>(digits / std::abs(double(ins.arg)))) +
                                    " digits would have about " + std::to_string(static_cast<long long>(digits)) +
                                    " digits (more than 10^6); use --digits D");
        }
        if constexpr (is_ad<T>) a = T(autodiff::pow(a, ins.arg));
        else a = power<T>(a, ins.arg);
        break;
      case Op::relu:
        if constexpr (is_ad<T>) {
          if constexpr (std::is_same_v<B, Interval> && !std::is_same_v<T, autodiff::Dual<Interval>>)
            if (!certainly_positive(v) && boost::multiprecision::upper(v) > 0)
              throw std::domain_error("relu has no second derivative at 0, which the box contains");
          a = T(autodiff::relu(a));
        } else {
          a = relu_value(a);
        }
        break;
      case Op::abs:
        if constexpr (is_ad<T>) a = T(autodiff::abs(a));
        else a = abs_value(a);
        break;
      default:
        if constexpr (ScalarTraits<B>::exact) {
          throw std::logic_error("expression: an irrational function in exact arithmetic");
        } else {
          using std::cos;
          using std::exp;
          using std::log;
          using std::sin;
          using std::sqrt;
          using std::tanh;
          switch (ins.op) {
            case Op::exp: a = T(exp(a)); break;
            case Op::log:
              if (!certainly_positive(v)) throw std::domain_error("log of " + shown(v) + " (defined for x > 0 only)");
              a = T(log(a));
              break;
            case Op::sqrt:
              if (!certainly_nonnegative(v)) throw std::domain_error("sqrt of " + shown(v) + " (defined for x >= 0 only)");
              if constexpr (is_ad<T>)
                if (!certainly_positive(v)) throw std::domain_error("sqrt has no derivative at 0");
              a = T(sqrt(a));
              break;
            case Op::sin: a = T(sin(a)); break;
            case Op::cos: a = T(cos(a)); break;
            case Op::tanh: a = T(tanh(a)); break;
            case Op::sigmoid:
              if constexpr (is_ad<T>) a = T(autodiff::sigmoid(a));
              else a = sigmoid(a);
              break;
            case Op::softplus:
              if constexpr (is_ad<T>) a = T(autodiff::softplus(a));
              else a = softplus(a);
              break;
            default: throw std::logic_error("expression: unknown operation");
          }
        }
    }
  }
  return std::move(stack.back());
}

std::size_t column_of(std::string_view text, std::size_t pos) {
  std::size_t col = 1;  // characters, not bytes: UTF-8 continuation bytes do not count
  for (std::size_t i = 0; i < pos && i < text.size(); ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++col;
  return col;
}

bool name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

}  // namespace

// ---- the parser

/// The recursive-descent parser of expression.hpp's grammar: it writes the program (postfix code) and
/// the constants of the Expression it is given, folding a constant exponent.
class ExpressionParser {
 public:
  /// A parser of e's text, writing into e.
  explicit ExpressionParser(Expression& e) : e_(e), s_(e.text_) {}

  /// Parse the whole text; throws InputError "column C: …".
  void parse() {
    skip();
    sum(e_.code_, 0);
    if (pos_ < s_.size()) fail("expected an operator (+ - * / ^) or the end of the formula, got " + here());
    int d = 0;
    for (const auto& ins : e_.code_) {
      if (ins.op == Op::symbol || ins.op == Op::constant) ++d;
      else if (ins.op == Op::add || ins.op == Op::sub || ins.op == Op::mul || ins.op == Op::div || ins.op == Op::pow) --d;
      e_.depth_ = std::max(e_.depth_, d);
    }
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw InputError("column " + std::to_string(column_of(s_, pos_)) + ": " + what);
  }
  std::string here() const {
    if (pos_ >= s_.size()) return "the end of the formula";
    if (name_start(s_[pos_])) {
      std::size_t end = pos_;
      while (end < s_.size() && name_char(s_[end])) ++end;
      return "'" + std::string(s_.substr(pos_, end - pos_)) + "'";
    }
    std::size_t len = 1;  // one UTF-8 character
    while (pos_ + len < s_.size() && (static_cast<unsigned char>(s_[pos_ + len]) & 0xC0) == 0x80) ++len;
    return "'" + std::string(s_.substr(pos_, len)) + "'";
  }
  void skip() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }
  bool at(char c) const { return pos_ < s_.size() && s_[pos_] == c; }
  bool at_power() const { return at('^') || (at('*') && pos_ + 1 < s_.size() && s_[pos_ + 1] == '*'); }
  void nest(int depth) const {
    if (depth > max_nesting) fail("the formula is nested too deeply (more than " + std::to_string(max_nesting) + " levels)");
  }
  void irrational(const std::string& what) {
    if (e_.irrational_.empty()) e_.irrational_ = what;
  }

  void sum(Code& c, int depth) {
    product(c, depth);
    while (at('+') || at('-')) {
      const Op op = at('+') ? Op::add : Op::sub;
      ++pos_;
      skip();
      product(c, depth);
      c.push_back({op, 0});
    }
  }
  void product(Code& c, int depth) {
    unary(c, depth);
    while ((at('*') && !at_power()) || at('/')) {
      const Op op = at('*') ? Op::mul : Op::div;
      ++pos_;
      skip();
      unary(c, depth);
      c.push_back({op, 0});
    }
  }
  void unary(Code& c, int depth) {
    nest(depth);
    if (at('-') || at('+')) {
      const bool minus = at('-');
      ++pos_;
      skip();
      unary(c, depth + 1);
      if (minus) c.push_back({Op::neg, 0});
      return;
    }
    power(c, depth);
  }
  void power(Code& c, int depth) {
    atom(c, depth);
    if (!at_power()) return;
    const std::size_t op_pos = pos_;
    pos_ += at('^') ? 1 : 2;
    skip();
    Code exponent;
    const std::string before = e_.irrational_;
    unary(exponent, depth + 1);
    // a constant rational exponent is folded; an integer one is an exact power
    bool constant = true;
    for (const auto& ins : exponent) {
      if (ins.op == Op::symbol) constant = false;
      if (ins.op == Op::constant && e_.constants_[static_cast<std::size_t>(ins.arg)].kind != Expression::Constant::Kind::rational)
        constant = false;
      if (ins.op != Op::symbol && ins.op != Op::constant && ins.op != Op::neg && ins.op != Op::add && ins.op != Op::sub &&
          ins.op != Op::mul && ins.op != Op::div && ins.op != Op::powi && ins.op != Op::relu && ins.op != Op::abs)
        constant = false;
    }
    if (constant) {
      std::vector<Rational> values;
      for (const auto& k : e_.constants_) values.push_back(k.value);
      std::vector<Rational> stack;
      Rational q;
      try {
        q = execute<Rational, Rational>(exponent, values, nullptr, 0, nullptr, stack);
      } catch (const std::domain_error& ex) {
        pos_ = op_pos;
        fail(std::string("the exponent is not defined: ") + ex.what());
      }
      if (denominator(q) == 1) {
        if (abs(q) > max_integer_exponent) {
          pos_ = op_pos;
          fail("an integer exponent may be at most " + std::to_string(max_integer_exponent) + " in absolute value, got " +
               q.str());
        }
        c.push_back({Op::powi, static_cast<int>(numerator(q).convert_to<long>())});
        return;
      }
    }
    irrational("a power with a non-integer exponent");
    c.insert(c.end(), exponent.begin(), exponent.end());
    c.push_back({Op::pow, 0});
  }
  void atom(Code& c, int depth) {
    nest(depth);
    if (pos_ >= s_.size()) fail("expected a number, a name or '(', got the end of the formula");
    const char ch = s_[pos_];
    if (ch == '(') {
      const std::size_t open = pos_;
      ++pos_;
      skip();
      sum(c, depth + 1);
      if (!at(')')) {
        const std::string got = here();
        fail("expected ')' to close the '(' at column " + std::to_string(column_of(s_, open)) + ", got " + got);
      }
      ++pos_;
      skip();
      return;
    }
    if (std::isdigit(static_cast<unsigned char>(ch)) || ch == '.') {
      number(c);
      return;
    }
    if (name_start(ch)) {
      name(c, depth);
      return;
    }
    fail("expected a number, a name or '(', got " + here());
  }
  void number(Code& c) {
    const std::size_t start = pos_;
    std::size_t digits = 0;
    while (pos_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[pos_]))) ++pos_, ++digits;
    if (at('.')) {
      ++pos_;
      while (pos_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[pos_]))) ++pos_, ++digits;
    }
    if (digits == 0) {
      pos_ = start;
      fail("expected a number, a name or '(', got '.'");
    }
    if (at('e') || at('E')) {  // an exponent only when digits follow (else `2e` is 2 then the name e)
      std::size_t p = pos_ + 1;
      if (p < s_.size() && (s_[p] == '+' || s_[p] == '-')) ++p;
      if (p < s_.size() && std::isdigit(static_cast<unsigned char>(s_[p]))) {
        pos_ = p;
        while (pos_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[pos_]))) ++pos_;
      }
    }
    const std::string lexeme(s_.substr(start, pos_ - start));
    Rational q;
    try {
      q = parse_scalar<Rational>(lexeme, "number");
    } catch (const InputError&) {
      pos_ = start;
      fail("'" + lexeme + "' is not a number");
    }
    skip();
    if (pos_ < s_.size() && (name_start(s_[pos_]) || s_[pos_] == '('))
      fail("expected an operator after the number " + lexeme + ", got " + here() + " (write 2*x, not 2x)");
    e_.constants_.push_back({Expression::Constant::Kind::rational, q});
    c.push_back({Op::constant, static_cast<int>(e_.constants_.size()) - 1});
  }
  void name(Code& c, int depth) {
    const std::size_t start = pos_;
    while (pos_ < s_.size() && name_char(s_[pos_])) ++pos_;
    const std::string word(s_.substr(start, pos_ - start));
    skip();
    if (at('(')) {
      for (const auto& f : function_table) {
        if (word != f.name) continue;
        const std::size_t open = pos_;
        ++pos_;
        skip();
        if (at(')')) fail(word + " takes one argument, got none");
        sum(c, depth + 1);
        if (at(',')) fail(word + " takes one argument");
        if (!at(')')) {
          const std::string got = here();
          fail("expected ')' to close the '(' at column " + std::to_string(column_of(s_, open)) + ", got " + got);
        }
        ++pos_;
        skip();
        if (!f.rational) irrational(word);
        c.push_back({f.op, 0});
        return;
      }
      pos_ = start;
      fail("unknown function '" + word + "' (functions: " + Expression::function_names() + ")");
    }
    for (std::size_t i = 0; i < e_.symbols_.size(); ++i)
      if (e_.symbols_[i] == word) {
        c.push_back({Op::symbol, static_cast<int>(i)});
        return;
      }
    if (word == "pi" || word == "e") {
      irrational(word);
      e_.constants_.push_back({word == "pi" ? Expression::Constant::Kind::pi : Expression::Constant::Kind::e, Rational(0)});
      c.push_back({Op::constant, static_cast<int>(e_.constants_.size()) - 1});
      return;
    }
    for (const auto& f : function_table)
      if (word == f.name) {
        pos_ = start;
        fail("the function " + word + " needs its argument in parentheses: " + word + "(...)");
      }
    std::string names;
    for (const auto& s : e_.symbols_) names += (names.empty() ? "" : ", ") + s;
    pos_ = start;
    fail("unknown name '" + word + "' (names: " + (names.empty() ? std::string("none") : names) +
         "; constants: pi, e; functions: " + Expression::function_names() + ")");
  }

  Expression& e_;
  std::string_view s_;
  std::size_t pos_ = 0;
};

Expression::Expression(std::string_view text, std::vector<std::string> symbols)
    : text_(text), symbols_(std::move(symbols)) {
  for (std::size_t i = 0; i < symbols_.size(); ++i) {
    const std::string& s = symbols_[i];
    bool ok = !s.empty() && name_start(s[0]);
    for (char ch : s) ok = ok && name_char(ch);
    if (!ok) throw InputError("the name '" + s + "' is not a name (letters, digits and _, not starting with a digit)");
    if (reserved(s)) throw InputError("the name '" + s + "' is taken by a function or a constant; choose another");
    for (std::size_t j = 0; j < i; ++j)
      if (symbols_[j] == s) throw InputError("the name '" + s + "' is given twice");
  }
  ExpressionParser(*this).parse();
}

bool Expression::uses(int i) const {
  for (const auto& ins : code_)
    if (ins.op == Op::symbol && ins.arg == i) return true;
  return false;
}

bool Expression::reserved(std::string_view name) {
  if (name == "pi" || name == "e") return true;
  for (const auto& f : function_table)
    if (name == f.name) return true;
  return false;
}

std::string Expression::function_names() {
  std::string s;
  for (const auto& f : function_table) s += (s.empty() ? "" : ", ") + std::string(f.name);
  return s;
}

// ---- ExpressionProblem

namespace {
template <class S>
std::vector<S> constants_in(const Expression& e) {
  std::vector<S> out;
  for (const auto& k : e.constants()) {
    if (k.kind == Expression::Constant::Kind::rational) {
      out.push_back(from_rational<S>(k.value));
    } else if constexpr (ScalarTraits<S>::exact) {
      throw std::logic_error("expression: pi or e in exact arithmetic");
    } else if (k.kind == Expression::Constant::Kind::pi) {
      if constexpr (std::is_same_v<S, double>) out.push_back(boost::math::constants::pi<double>());
      else out.push_back(boost::math::constants::pi<S>());
    } else {
      using std::exp;
      out.push_back(S(exp(S(1))));
    }
  }
  return out;
}
template <class S>
void refuse_inexact(const Expression& e) {
  if constexpr (ScalarTraits<S>::exact)
    if (!e.irrational().empty())
      throw InputError("the formula uses " + e.irrational() + ", which has no exact value; run it with --digits D instead of --exact");
}
}  // namespace

template <class S>
ExpressionProblem<S>::ExpressionProblem(Expression f) : e_(std::move(f)), n_(static_cast<int>(e_.symbols().size())) {
  if (n_ == 0) throw InputError("the formula needs at least one variable");
  refuse_inexact<S>(e_);
  constants_ = constants_in<S>(e_);
}

template <class S>
ExpressionProblem<S>::ExpressionProblem(Expression example, int variables, Mat<S> data, bool mean)
    : e_(std::move(example)), n_(variables), K_(static_cast<int>(data.rows())), data_(std::move(data)), mean_(mean) {
  const int columns = static_cast<int>(e_.symbols().size()) - n_;
  if (n_ < 1 || columns < 0) throw InputError("the formula needs at least one variable");
  if (K_ < 1) throw InputError("data: must have at least one row (one per example)");
  if (data_.cols() != columns)
    throw InputError("data: has " + std::to_string(data_.cols()) + " columns, the formula has " + std::to_string(columns) +
                     " data names");
  refuse_inexact<S>(e_);
  constants_ = constants_in<S>(e_);
}

template <class S>
void ExpressionProblem<S>::check(const Vec<S>& x) const {
  if (x.size() != n_)
    throw InputError("x: has " + std::to_string(x.size()) + " entries, the problem has dimension " + std::to_string(n_));
}

template <class S>
template <class T>
T ExpressionProblem<S>::evaluate(const std::vector<T>& x) const {
  if (static_cast<int>(x.size()) != n_)
    throw InputError("x: has " + std::to_string(x.size()) + " entries, the problem has dimension " + std::to_string(n_));
  std::vector<T> stack;
  stack.reserve(static_cast<std::size_t>(e_.depth()));
  // data rows are contiguous in a row-major copy
  const int m = static_cast<int>(data_.cols());
  std::vector<S> row(static_cast<std::size_t>(m));
  auto row_of = [&](int i) {
    for (int j = 0; j < m; ++j) row[static_cast<std::size_t>(j)] = data_(i, j);
    return row.data();
  };
  T acc = execute<S, T>(e_.code(), constants_, x.data(), n_, row_of(0), stack);
  for (int i = 1; i < K_; ++i) acc = T(acc + execute<S, T>(e_.code(), constants_, x.data(), n_, row_of(i), stack));
  if (mean_ && K_ > 1) {
    if constexpr (autodiff::is_var<T>) acc = acc / S(K_);
    else acc = T(acc / T(S(K_)));
  }
  return acc;
}

template <class S>
S ExpressionProblem<S>::value(const Vec<S>& x) const {
  check(x);
  return evaluate<S>(std::vector<S>(x.data(), x.data() + x.size()));
}

template <class S>
S ExpressionProblem<S>::example_value(int i, const Vec<S>& x) const {
  check(x);
  if (i < 0 || i >= K_) throw InputError("example " + std::to_string(i) + " out of range 0.." + std::to_string(K_ - 1));
  std::vector<S> stack;
  std::vector<S> row(static_cast<std::size_t>(data_.cols()));
  for (int j = 0; j < data_.cols(); ++j) row[static_cast<std::size_t>(j)] = data_(i, j);
  const std::vector<S> xs(x.data(), x.data() + x.size());
  return execute<S, S>(e_.code(), constants_, xs.data(), n_, row.data(), stack);
}

namespace {
/// The gradient of rows [first, last) of the program, summed, and their summed value.
template <class S>
S gradient_rows(const Code& code, const std::vector<S>& constants, const Vec<S>& x, const Mat<S>& data, int first, int last,
                Vec<S>& g) {
  const int n = static_cast<int>(x.size());
  g = Vec<S>::Zero(n);
  S total = 0;
  std::vector<S> row(static_cast<std::size_t>(data.cols()));
  if constexpr (ScalarTraits<S>::interval) {
    // forward mode: an adjoint sweep would compare interval adjoints with 0
    using D = autodiff::Dual<S>;
    std::vector<D> xs(static_cast<std::size_t>(n)), stack;
    for (int i = first; i < last; ++i) {
      for (int j = 0; j < data.cols(); ++j) row[static_cast<std::size_t>(j)] = data(i, j);
      for (int k = 0; k < n; ++k) {
        for (int j = 0; j < n; ++j) xs[static_cast<std::size_t>(j)] = D(x(j), S(j == k ? 1 : 0));
        const D y = execute<S, D>(code, constants, xs.data(), n, row.data(), stack);
        g(k) += y.derivative;
        if (k == 0) total += y.value;
      }
    }
  } else {
    using V = autodiff::Var<S>;
    std::vector<V> xs(static_cast<std::size_t>(n)), stack;
    for (int i = first; i < last; ++i) {
      for (int j = 0; j < data.cols(); ++j) row[static_cast<std::size_t>(j)] = data(i, j);
      autodiff::Tape<S> tape;
      for (int j = 0; j < n; ++j) xs[static_cast<std::size_t>(j)] = tape.input(x(j));
      const V y = execute<S, V>(code, constants, xs.data(), n, row.data(), stack);
      const std::vector<S> a = tape.adjoints(y);
      for (int j = 0; j < n; ++j) g(j) += a[static_cast<std::size_t>(xs[static_cast<std::size_t>(j)].index)];
      total += y.value;
    }
  }
  return total;
}
}  // namespace

template <class S>
S ExpressionProblem<S>::value_and_gradient(const Vec<S>& x, Vec<S>& g) const {
  check(x);
  S f = gradient_rows<S>(e_.code(), constants_, x, data_, 0, K_, g);
  if (mean_ && K_ > 1) {
    const S k(K_);
    f = S(f / k);
    for (int j = 0; j < g.size(); ++j) g(j) = S(g(j) / k);
  }
  return f;
}

template <class S>
Vec<S> ExpressionProblem<S>::gradient(const Vec<S>& x) const {
  Vec<S> g;
  value_and_gradient(x, g);
  return g;
}

template <class S>
Vec<S> ExpressionProblem<S>::example_gradient(int i, const Vec<S>& x) const {
  check(x);
  if (i < 0 || i >= K_) throw InputError("example " + std::to_string(i) + " out of range 0.." + std::to_string(K_ - 1));
  Vec<S> g;
  gradient_rows<S>(e_.code(), constants_, x, data_, i, i + 1, g);
  return g;
}

template <class S>
Mat<S> ExpressionProblem<S>::hessian(const Vec<S>& x) const {
  check(x);
  using D = autodiff::Dual<S>;
  using DD = autodiff::Dual<D>;
  Mat<S> H(n_, n_);
  std::vector<DD> xs(static_cast<std::size_t>(n_));
  for (int j = 0; j < n_; ++j)
    for (int k = j; k < n_; ++k) {
      for (int i = 0; i < n_; ++i)
        xs[static_cast<std::size_t>(i)] = DD(D(x(i), S(i == j ? 1 : 0)), D(S(i == k ? 1 : 0), S(0)));
      const S h = evaluate<DD>(xs).derivative.derivative;
      H(j, k) = h;  // not H(j, k) = H(k, j) = h: an Interval assigned to itself becomes NaN (MPFI)
      H(k, j) = h;
    }
  return H;
}

#define DESCENT_EXPRESSION(S)                                                                                 \
  template class ExpressionProblem<S>;                                                                         \
  template S ExpressionProblem<S>::evaluate<S>(const std::vector<S>&) const;                                   \
  template autodiff::Dual<S> ExpressionProblem<S>::evaluate<autodiff::Dual<S>>(                                \
      const std::vector<autodiff::Dual<S>>&) const;                                                             \
  template autodiff::Dual<autodiff::Dual<S>> ExpressionProblem<S>::evaluate<autodiff::Dual<autodiff::Dual<S>>>( \
      const std::vector<autodiff::Dual<autodiff::Dual<S>>>&) const;
DESCENT_EXPRESSION(double)
DESCENT_EXPRESSION(Mpfr)
DESCENT_EXPRESSION(Rational)
DESCENT_EXPRESSION(Interval)
#undef DESCENT_EXPRESSION
#define DESCENT_EXPRESSION_VAR(S) \
  template autodiff::Var<S> ExpressionProblem<S>::evaluate<autodiff::Var<S>>(const std::vector<autodiff::Var<S>>&) const;
DESCENT_EXPRESSION_VAR(double)
DESCENT_EXPRESSION_VAR(Mpfr)
DESCENT_EXPRESSION_VAR(Rational)
#undef DESCENT_EXPRESSION_VAR

}  // namespace descent
