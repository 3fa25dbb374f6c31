// The registry of methods and its factory.
#include "descent/methods.hpp"

#include <algorithm>
#include <set>

#include "descent/optimizers/adaptive.hpp"
#include "descent/optimizers/line_search.hpp"
#include "descent/optimizers/momentum.hpp"
#include "descent/optimizers/newton.hpp"
#include "descent/optimizers/quasi_newton.hpp"
#include "descent/optimizers/schedules.hpp"

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
                   "x <- x - eta (grad f(x) + beta b); with --L (and --mu): y = x_k + beta_k (x_k - x_(k-1)), "
                   "x_(k+1) = y - grad f(y)/L, beta = (sqrt(L/mu) - 1)/(sqrt(L/mu) + 1), or for mu = 0 "
                   "beta_k = (t_k - 1)/t_(k+1), t_1 = 1, t_(k+1) = (1 + sqrt(1 + 4 t_k^2))/2",
       {{"eta", "", "0", true, "", true, false, {}, "step size eta; required unless --L", true},
        {"beta", "", "0", false, "1", true, false, {}, "momentum beta; required unless --L", true},
        {"form", "notes", "", true, "", true, false, {"notes", "pytorch"},
         "notes (look-ahead gradient) or pytorch (SGD nesterov=True; its iterate is the notes' look-ahead point)"},
        {"L", "", "0", true, "", true, false, {}, "smoothness L: Nesterov's scheme with step 1/L (instead of --eta --beta)",
         true},
        {"mu", "", "0", false, "", true, false, {}, "strong convexity mu < L, with --L (default 0: the convex t_k schedule)",
         true}},
       "with --eta --beta; with --L --mu when sqrt(L/mu) is rational"},
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

const std::vector<MethodInfo>& schedules() {
  static const std::vector<MethodInfo> list = {
      {"constant", "eta_k = eta", {}, "yes"},
      {"inv_sqrt", "eta_k = eta / sqrt(k + 1) (seed 001)", {}, "no (square roots)"},
      {"inverse", "eta_k = eta / (k + 1)", {}, "yes"},
      {"inverse_square", "eta_k = eta / (k + 1)^2", {}, "yes"},
      {"exponential", "eta_k = eta exp(-decay k)", {positive("decay", "", "decay rate in exp(-decay k)")}, "no (exp)"},
      {"plateau", "eta_k <- factor eta_k after more than patience steps without f_k < best - threshold |best| "
                  "(PyTorch's ReduceLROnPlateau)",
       {unit_open("factor", "1/10", "reduction factor"),
        {"patience", "10", "0", false, "1000000", false, true, {}, "steps without improvement tolerated"},
        nonnegative("threshold", "1/10000", "relative improvement that counts")},
       "yes"},
      {"silver", "eta_k = eta (1 + rho^(nu(k+1) - 1)), rho = 1 + sqrt(2), nu the 2-adic valuation "
                 "(Altschuler & Parrilo 2023; take eta = 1/L)",
       {}, "no (square roots)"},
  };
  return list;
}

std::vector<HyperParameter> schedule_parameters() {
  HyperParameter name{"schedule", "constant", "", true, "", true, false, {}, "learning-rate schedule for --eta"};
  std::vector<HyperParameter> out;
  for (const auto& s : schedules()) {
    name.choices.push_back(s.name);
    for (const auto& p : s.parameters) out.push_back(p);
  }
  out.insert(out.begin(), name);
  return out;
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
  for (const auto& p : schedule_parameters()) names.insert(p.name);
  return {names.begin(), names.end()};
}

namespace {
// The value of flag p for method m, parsed in S and checked against its range.
// `owner` names who requires the flag: "--method gd", "--schedule exponential".
template <class S>
S value_of(const std::string& owner, const HyperParameter& p, const std::map<std::string, std::string>& given) {
  const auto it = given.find(p.name);
  const std::string flag = "--" + p.name;
  if (it == given.end() && p.default_value.empty()) throw InputError(flag + ": required by " + owner);
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
int integer_of(const std::string& owner, const HyperParameter& p, const std::map<std::string, std::string>& given) {
  const auto it = given.find(p.name);
  const std::string flag = "--" + p.name;
  if (it == given.end() && p.default_value.empty()) throw InputError(flag + ": required by " + owner);
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

// The method alone, from its own flags.
template <class S>
std::unique_ptr<Optimizer<S>> make_method(std::string_view name, const std::map<std::string, std::string>& given) {
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
  const std::string owner = "--method " + m.name;
  auto v = [&](std::string_view p) { return value_of<S>(owner, param(m, p), given); };
  if (name == "gd") return std::make_unique<GradientDescent<S>>(v("eta"));
  if (name == "nesterov" && given.count("L")) {
    for (const char* flag : {"eta", "beta", "form"})
      if (given.count(flag))
        throw InputError(std::string("--") + flag + ": not with --L (Nesterov's scheme takes its step 1/L and its beta from "
                         "--L and --mu)");
    const S mu = given.count("mu") ? v("mu") : S(0), L = v("L");
    if (!(mu < L)) throw InputError("--mu: must be < L, got " + given.at("mu"));
    if constexpr (exact) {
      if (!given.count("mu") || mu == 0)
        throw InputError("--L: without --mu > 0 Nesterov's scheme uses the convex t_k schedule, which takes square roots "
                         "and cannot run with --exact; use --digits D");
      if (!exact_sqrt(Rational(L / mu)))
        throw InputError("--mu: sqrt(L/mu) = sqrt(" + to_string<S>(L / mu) +
                         ") is irrational, so beta = (sqrt(L/mu) - 1)/(sqrt(L/mu) + 1) is not exact; use --digits D");
    }
    return std::make_unique<Momentum<S>>(Momentum<S>::accelerated(L, mu));
  }
  if (name == "nesterov" && given.count("mu")) throw InputError("--mu: needs --L (Nesterov's scheme for L-smooth f)");
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
    if (name == "lbfgs") return std::make_unique<LBFGS<S>>(integer_of(owner, param(m, "memory"), given));
  }
  throw std::logic_error("methods: no factory for " + m.name);
}

template <class S>
std::unique_ptr<Optimizer<S>> make_optimizer(std::string_view name, const std::map<std::string, std::string>& given) {
  const MethodInfo& m = method_info(name);
  std::map<std::string, std::string> own, sched;
  const auto sched_params = schedule_parameters();
  for (const auto& [flag, text] : given) {
    const bool of_method = std::any_of(m.parameters.begin(), m.parameters.end(), [&](const auto& p) { return p.name == flag; });
    const bool of_schedule =
        std::any_of(sched_params.begin(), sched_params.end(), [&](const auto& p) { return p.name == flag; });
    (of_schedule && !of_method ? sched : own)[flag] = text;
  }
  auto method = make_method<S>(name, own);
  const auto it = sched.find("schedule");
  if (it == sched.end()) {
    if (!sched.empty())
      throw InputError("--" + sched.begin()->first + ": a parameter of a learning-rate schedule; give --schedule too");
    return method;
  }
  if (!method->step_size())
    throw InputError("--schedule: method " + m.name + " has no step size to schedule" +
                     (m.name == "coordinate" ? std::string(" with --eta 0 (exact coordinate minimization)") : std::string()));
  const HyperParameter& choice = sched_params.front();
  const std::string kind = choice_of(choice, sched);
  const MethodInfo& info = *std::find_if(schedules().begin(), schedules().end(), [&](const auto& x) { return x.name == kind; });
  for (const auto& [flag, text] : sched)
    if (flag != "schedule" &&
        std::none_of(info.parameters.begin(), info.parameters.end(), [&](const auto& p) { return p.name == flag; }))
      throw InputError("--" + flag + ": not a parameter of --schedule " + kind);
  const std::string owner = "--schedule " + kind;
  auto v = [&](std::string_view p) { return value_of<S>(owner, param(info, p), sched); };
  Schedule<S> schedule = Schedule<S>::constant();
  if (kind == "inv_sqrt") schedule = Schedule<S>::inv_sqrt();
  else if (kind == "inverse") schedule = Schedule<S>::inverse();
  else if (kind == "inverse_square") schedule = Schedule<S>::inverse_square();
  else if (kind == "exponential") schedule = Schedule<S>::exponential(v("decay"));
  else if (kind == "plateau")
    schedule = Schedule<S>::plateau(v("factor"), integer_of(owner, param(info, "patience"), sched), v("threshold"));
  else if (kind == "silver") schedule = Schedule<S>::silver();
  if constexpr (ScalarTraits<S>::exact) {
    if (kind == "inv_sqrt" || kind == "exponential" || kind == "silver")
      throw InputError("--schedule: " + kind + " is irrational and cannot run with --exact; use --digits D");
  }
  return std::make_unique<Scheduled<S>>(std::move(method), std::move(schedule));
}

template std::unique_ptr<Optimizer<double>> make_optimizer<double>(std::string_view, const std::map<std::string, std::string>&);
template std::unique_ptr<Optimizer<Mpfr>> make_optimizer<Mpfr>(std::string_view, const std::map<std::string, std::string>&);
template std::unique_ptr<Optimizer<Rational>> make_optimizer<Rational>(std::string_view, const std::map<std::string, std::string>&);

}  // namespace descent
