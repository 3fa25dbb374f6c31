// The registry of methods and its factory.
#include "descent/methods.hpp"

#include <algorithm>
#include <set>

#include "descent/optimizers/adaptive.hpp"
#include "descent/optimizers/line_search.hpp"
#include "descent/optimizers/momentum.hpp"
#include "descent/optimizers/newton.hpp"
#include "descent/optimizers/quasi_newton.hpp"

namespace descent {

namespace {
HyperParameter positive(std::string name, std::string def, std::string meaning) {
  return {std::move(name), std::move(def), "0", true, "", true, false, {}, std::move(meaning)};
}
HyperParameter nonnegative(std::string name, std::string def, std::string meaning) {
  return {std::move(name), std::move(def), "0", false, "", true, false, {}, std::move(meaning)};
}
HyperParameter unit_open(std::string name, std::string def, std::string meaning) {
  return {std::move(name), std::move(def), "0", true, "1", true, false, {}, std::move(meaning)};
}
}  // namespace

std::string range_text(const HyperParameter& p) {
  if (!p.choices.empty()) {
    std::string s;
    for (const auto& c : p.choices) s += (s.empty() ? "" : " | ") + c;
    return s;
  }
  if (p.integer) return "integer " + p.lower + " to " + p.upper;
  if (!p.lower.empty() && !p.upper.empty())
    return std::string("in ") + (p.lower_open ? "(" : "[") + p.lower + ", " + p.upper + (p.upper_open ? ")" : "]");
  if (!p.lower.empty()) return (p.lower_open ? "> " : ">= ") + p.lower;
  if (!p.upper.empty()) return (p.upper_open ? "< " : "<= ") + p.upper;
  return "any number";
}

const std::vector<MethodInfo>& methods() {
  static const std::vector<MethodInfo> list = {
      {"gd", "x <- x - eta grad f(x)", {positive("eta", "", "step size eta")}, "yes"},
      {"heavy_ball", "notes: v <- beta v - eta grad f(x), x <- x + v; pytorch: b <- beta b + grad f(x), x <- x - eta b",
       {positive("eta", "", "step size eta"),
        {"beta", "", "0", false, "1", true, false, {}, "momentum beta"},
        {"form", "notes", "", true, "", true, false, {"notes", "pytorch"},
         "notes (seed 002; seed 003's v <- -grad f + beta v, x <- x + eta v gives the same x_k) or pytorch (SGD momentum)"}},
       "yes"},
      {"nesterov", "notes: v <- beta v - eta grad f(x + beta v), x <- x + v; pytorch: b <- beta b + grad f(x), "
                   "x <- x - eta (grad f(x) + beta b)",
       {positive("eta", "", "step size eta"),
        {"beta", "", "0", false, "1", true, false, {}, "momentum beta"},
        {"form", "notes", "", true, "", true, false, {"notes", "pytorch"},
         "notes (look-ahead gradient) or pytorch (SGD nesterov=True; its iterate is the notes' look-ahead point)"}},
       "yes"},
      {"adagrad", "G <- G + g^2, x <- x - eta g / (delta + sqrt(G)) (Duchi et al. 2011)",
       {positive("eta", "", "step size eta"), positive("delta", "1e-8", "delta added to sqrt(G)")}, "no (square roots)"},
      {"steepest", "x <- x - t g with t minimizing f(x - t g): g^T g / g^T H g on a quadratic, golden section to sqrt(eps)(1 + t) otherwise",
       {}, "on quadratics"},
      {"backtracking", "x <- x - t g, t = eta rho^j the first with f(x - t g) <= f(x) - c t g^T g (Armijo)",
       {positive("eta", "1", "initial trial step eta"), unit_open("c", "1e-4", "sufficient-decrease constant c"),
        unit_open("rho", "1/2", "reduction factor rho")},
       "yes"},
      {"coordinate", "step k changes coordinate i = k mod n: x_i <- x_i - g_i / h_ii (exact, on quadratics; h_ii = a_ii) or x_i - eta g_i",
       {nonnegative("eta", "0", "coordinate step eta; 0 = exact minimization along the coordinate (quadratics)")}, "yes"},
      {"preconditioned", "x <- x - eta P grad f(x), P from the Hessian H0 at x0: diag(1/h_ii) or H0^(-1/2) H0^(-1/2)",
       {positive("eta", "", "step size eta"),
        {"preconditioner", "diag", "", true, "", true, false, {"diag", "whiten"},
         "diag: P = diag(1/h_ii); whiten: P = A^(-1) by A^(-1/2) from the eigendecomposition"}},
       "with diag"},
      {"newton", "x <- x - eta (H + damping I)^(-1) grad f(x)",
       {positive("eta", "1", "step size eta (1: the full Newton step)"),
        nonnegative("damping", "0", "Levenberg-Marquardt damping lambda added to the Hessian")},
       "yes"},
      {"bfgs", "x <- x + t d, d = -H g, H the BFGS inverse-Hessian estimate, t by a strong Wolfe search", {},
       "no (square roots)"},
      {"lbfgs", "as bfgs with H applied by the two-loop recursion over the last m pairs (s, y)",
       {{"memory", "6", "1", false, "1000", false, true, {}, "number m of pairs (s, y) kept"}}, "no (square roots)"},
  };
  return list;
}

const MethodInfo& method_info(std::string_view name) {
  for (const auto& m : methods())
    if (m.name == name) return m;
  std::string known;
  for (const auto& m : methods()) known += (known.empty() ? "" : ", ") + m.name;
  throw InputError("--method: unknown method '" + std::string(name) + "' (known: " + known + ")");
}

std::vector<std::string> hyper_parameter_names() {
  std::set<std::string> names;
  for (const auto& m : methods())
    for (const auto& p : m.parameters) names.insert(p.name);
  return {names.begin(), names.end()};
}

namespace {
// The value of flag p for method m, parsed in S and checked against its range.
template <class S>
S value_of(const MethodInfo& m, const HyperParameter& p, const std::map<std::string, std::string>& given) {
  const auto it = given.find(p.name);
  const std::string flag = "--" + p.name;
  if (it == given.end() && p.default_value.empty()) throw InputError(flag + ": required by --method " + m.name);
  const std::string text = it == given.end() ? p.default_value : it->second;
  const S v = parse_scalar<S>(text, flag);
  const bool low_ok = p.lower.empty() || (p.lower_open ? v > parse_scalar<S>(p.lower, "lower")
                                                       : v >= parse_scalar<S>(p.lower, "lower"));
  const bool high_ok = p.upper.empty() || (p.upper_open ? v < parse_scalar<S>(p.upper, "upper")
                                                        : v <= parse_scalar<S>(p.upper, "upper"));
  if (!low_ok || !high_ok) {
    const std::string range = range_text(p);
    throw InputError(flag + ": must be " + (range.rfind("in ", 0) == 0 || range[0] == '>' ? range : "in " + range) +
                     ", got " + text);
  }
  return v;
}
int integer_of(const MethodInfo& m, const HyperParameter& p, const std::map<std::string, std::string>& given) {
  const auto it = given.find(p.name);
  const std::string flag = "--" + p.name;
  if (it == given.end() && p.default_value.empty()) throw InputError(flag + ": required by --method " + m.name);
  const std::string text = it == given.end() ? p.default_value : it->second;
  std::size_t used = 0;
  long long v = 0;
  try {
    v = std::stoll(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || text.empty()) throw InputError(flag + ": '" + text + "' is not an integer");
  if (v < std::stoll(p.lower) || v > std::stoll(p.upper))
    throw InputError(flag + ": must be an integer from " + p.lower + " to " + p.upper + ", got " + text);
  return static_cast<int>(v);
}
std::string choice_of(const HyperParameter& p, const std::map<std::string, std::string>& given) {
  const auto it = given.find(p.name);
  const std::string text = it == given.end() ? p.default_value : it->second;
  if (std::find(p.choices.begin(), p.choices.end(), text) == p.choices.end())
    throw InputError("--" + p.name + ": unknown value '" + text + "' (known: " + range_text(p) + ")");
  return text;
}
const HyperParameter& param(const MethodInfo& m, std::string_view name) {
  for (const auto& p : m.parameters)
    if (p.name == name) return p;
  throw std::logic_error("methods: no parameter " + std::string(name));
}
}  // namespace

template <class S>
std::unique_ptr<Optimizer<S>> make_optimizer(std::string_view name, const std::map<std::string, std::string>& given) {
  const MethodInfo& m = method_info(name);
  for (const auto& [flag, text] : given) {
    const bool takes = std::any_of(m.parameters.begin(), m.parameters.end(), [&](const auto& p) { return p.name == flag; });
    if (!takes) {
      std::string takers;
      for (const auto& other : methods())
        for (const auto& p : other.parameters)
          if (p.name == flag) takers += (takers.empty() ? "" : ", ") + other.name;
      throw InputError("--" + flag + ": only --method " + takers + " take" + (takers.find(',') == std::string::npos ? "s" : "") +
                       " --" + flag + ", not " + m.name);
    }
  }
  constexpr bool exact = ScalarTraits<S>::exact;
  auto v = [&](std::string_view p) { return value_of<S>(m, param(m, p), given); };
  if (name == "gd") return std::make_unique<GradientDescent<S>>(v("eta"));
  if (name == "heavy_ball" || name == "nesterov") {
    const S eta = v("eta"), beta = v("beta");
    const std::string form = choice_of(param(m, "form"), given);
    return std::make_unique<Momentum<S>>(eta, beta, form == "pytorch" ? MomentumForm::pytorch : MomentumForm::notes,
                                         name == "nesterov");
  }
  if (name == "steepest") return std::make_unique<SteepestDescent<S>>();
  if (name == "backtracking") return std::make_unique<Backtracking<S>>(v("eta"), v("c"), v("rho"));
  if (name == "coordinate") return std::make_unique<CoordinateDescent<S>>(v("eta"));
  if (name == "newton") return std::make_unique<Newton<S>>(v("eta"), v("damping"));
  if (name == "preconditioned") {
    const S eta = v("eta");
    const std::string kind = choice_of(param(m, "preconditioner"), given);
    if (exact && kind == "whiten")
      throw InputError("--preconditioner: whiten takes square roots (A^(-1/2)) and cannot run with --exact; use --digits D");
    return std::make_unique<PreconditionedGD<S>>(eta, kind == "diag" ? PreconditionerKind::diagonal
                                                                     : PreconditionerKind::whitening);
  }
  if constexpr (exact) {
    throw InputError("--method: " + m.name + " takes square roots and cannot run with --exact; use --digits D");
  } else {
    if (name == "adagrad") return std::make_unique<AdaGrad<S>>(v("eta"), v("delta"));
    if (name == "bfgs") return std::make_unique<BFGS<S>>();
    if (name == "lbfgs") return std::make_unique<LBFGS<S>>(integer_of(m, param(m, "memory"), given));
  }
  throw std::logic_error("methods: no factory for " + m.name);
}

template std::unique_ptr<Optimizer<double>> make_optimizer<double>(std::string_view, const std::map<std::string, std::string>&);
template std::unique_ptr<Optimizer<Mpfr>> make_optimizer<Mpfr>(std::string_view, const std::map<std::string, std::string>&);
template std::unique_ptr<Optimizer<Rational>> make_optimizer<Rational>(std::string_view, const std::map<std::string, std::string>&);

}  // namespace descent
