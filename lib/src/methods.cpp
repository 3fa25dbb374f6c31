// The registry of methods and its factory.
#include "descent/methods.hpp"

#include <algorithm>
#include <set>
#include <tuple>

#include "descent/optimizers/adam.hpp"
#include "descent/optimizers/adaptive.hpp"
#include "descent/optimizers/line_search.hpp"
#include "descent/optimizers/momentum.hpp"
#include "descent/optimizers/newton.hpp"
#include "descent/optimizers/perceptron.hpp"
#include "descent/optimizers/quasi_newton.hpp"
#include "descent/optimizers/quickprop.hpp"
#include "descent/optimizers/schedules.hpp"
#include "descent/optimizers/sgd.hpp"
#include "descent/optimizers/sign_based.hpp"

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
HyperParameter convention(std::string def) {
  return {"convention", std::move(def), "", true, "", true, false, {"paper", "notes", "pytorch"},
          "whose form: paper, notes or pytorch (see descent conventions)"};
}
HyperParameter betas() {
  return {"betas", "9/10,999/1000", "0", false, "1", true, false, {}, "beta1,beta2: decay rates of m and v", false, true};
}
}  // namespace

std::string range_text(const HyperParameter& p) {
  if (!p.choices.empty()) {
    std::string s;
    for (const auto& c : p.choices) s += (s.empty() ? "" : " | ") + c;
    return s;
  }
  if (p.integer) return "integer " + p.lower + " to " + p.upper;
  if (p.pair) {
    HyperParameter one = p;
    one.pair = false;
    return "two numbers a,b each " + range_text(one);
  }
  if (!p.lower.empty() && !p.upper.empty())
    return std::string("in ") + (p.lower_open ? "(" : "[") + p.lower + ", " + p.upper + (p.upper_open ? ")" : "]");
  if (!p.lower.empty()) return (p.lower_open ? "> " : ">= ") + p.lower;
  if (!p.upper.empty()) return (p.upper_open ? "< " : "<= ") + p.upper;
  return "any number";
}

const std::vector<MethodInfo>& methods() {
  static const std::vector<MethodInfo> list = {
      {"gd", "x <- x - eta grad f(x)", {positive("eta", "", "step size eta")}, "yes"},
      {"sgd", "x <- x - lr g_B, g_B = (K c/B) sum_(i in batch) grad f_i(x) (the batch mean for a mean loss): a sum over "
              "examples only (kinds least_squares, logistic, mlp); --epochs E sets the steps to E ceil(K/B)",
       {positive("lr", "", "step size"),
        {"batch", "1", "1", false, "1000000", false, true, {}, "examples per step B (at most K)"},
        {"seed", "0", "0", false, "2147483647", false, true, {}, "seed of the sampling (SplitMix64)"},
        {"sampling", "shuffle", "", true, "", true, false, {"shuffle", "replacement", "cyclic"},
         "shuffle (a permutation per epoch), replacement (B uniform draws per step) or cyclic (in order)"}},
       "yes"},
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
      {"adagrad", "paper: G <- G + g^2, x <- x - lr g / (eps + sqrt(G)) (Duchi et al. 2011); pytorch: the same with "
                  "lr / (1 + (t - 1) lr_decay); notes: x <- x - (lr/sqrt(t + 1))/sigma_t g, sigma_t the root mean square "
                  "of g_0..g_t (seed 001)",
       {positive("lr", "1/100", "learning rate"),
        {"eps", "", "0", false, "", true, false, {}, "eps in the denominator (default 1e-10; the notes' form has none)", true},
        convention("paper"),
        {"eps-placement", "outside", "", true, "", true, false, {"outside", "inside"},
         "sqrt(G) + eps (outside) or sqrt(G + eps) (inside); paper only"},
        nonnegative("initial-accumulator-value", "0", "G_0 (paper, pytorch)"),
        nonnegative("lr-decay", "0", "pytorch only: lr_t = lr / (1 + (t - 1) lr_decay)"),
        nonnegative("weight-decay", "0", "L2 coefficient lambda: g <- g + lambda x (not notes)")},
       "no (square roots)"},
      {"rmsprop", "v <- alpha v + (1 - alpha) g^2, x <- x - lr g / (sqrt(v) + eps) (paper, pytorch) or lr g / sqrt(v + eps) "
                  "(notes, seed 003); centered: sqrt(v - m^2), m the average of g; momentum mu: b <- mu b + g/(...), "
                  "x <- x - lr b",
       {positive("lr", "1/100", "learning rate"), {"alpha", "99/100", "0", false, "1", true, false, {}, "decay rate of v"},
        nonnegative("eps", "1e-8", "eps in the denominator"), convention("pytorch"),
        {"centered", "no", "", true, "", true, false, {"no", "yes"}, "divide by sqrt(v - m^2) + eps (Graves 2013; not notes)"},
        {"momentum", "0", "0", false, "1", true, false, {}, "momentum mu of PyTorch's buffer (not notes)"},
        nonnegative("weight-decay", "0", "L2 coefficient lambda: g <- g + lambda x (not notes)")},
       "no (square roots)"},
      {"adadelta", "E_g <- rho E_g + (1 - rho) g^2, d = sqrt(E_d + eps)/sqrt(E_g + eps) g, E_d <- rho E_d + (1 - rho) d^2, "
                   "x <- x - lr d (Zeiler 2012 with lr = 1; pytorch); notes: one scalar E_d of |d|^2 (seed 003)",
       {positive("lr", "1", "learning rate (1 in Zeiler's paper)"),
        {"rho", "9/10", "0", false, "1", true, false, {}, "decay rate of both averages"}, positive("eps", "1e-6", "eps"),
        {"eps-delta", "", "0", true, "", true, false, {}, "eps of the step average E_d (default: --eps)", true},
        convention("paper"),
        {"order", "update_first", "", true, "", true, false, {"update_first", "divide_first"},
         "update_first: E_g includes g before dividing (Zeiler); divide_first: divides by the previous E_g (an "
         "implementation slip: from zero state it is gradient descent with step lr)"},
        nonnegative("weight-decay", "0", "L2 coefficient lambda: g <- g + lambda x (not notes)")},
       "no (square roots)"},
      {"adam", "m <- b1 m + (1 - b1) g, v <- b2 v + (1 - b2) g^2, x <- x - lr (m/(1 - b1^t)) / (sqrt(v/(1 - b2^t)) + eps) "
               "(paper, pytorch); notes: x <- x - lr m / sqrt(v + eps), no bias correction (seed 003); weight decay: "
               "g <- g + lambda x (L2)",
       {positive("lr", "1/1000", "learning rate alpha"), betas(), nonnegative("eps", "1e-8", "eps"),
        nonnegative("weight-decay", "0", "L2 coefficient lambda: g <- g + lambda x"), convention("paper"),
        {"bias-correction", "", "", true, "", true, false, {"yes", "no"},
         "divide m by 1 - b1^t and v by 1 - b2^t (default yes; notes: no)", true},
        {"eps-hat", "no", "", true, "", true, false, {"no", "yes"},
         "Kingma & Ba's eps-hat form: x <- x - lr sqrt(1 - b2^t)/(1 - b1^t) m/(sqrt(v) + eps)"}},
       "no (square roots)"},
      {"adamw", "Adam with decoupled weight decay: pytorch x <- x (1 - lr lambda) then the Adam step; paper (Loshchilov "
                "& Hutter) x <- x - eta_t (Adam step/lr + lambda x), eta_t the schedule multiplier (1 without --schedule)",
       {positive("lr", "1/1000", "learning rate alpha"), betas(), nonnegative("eps", "1e-8", "eps"),
        nonnegative("weight-decay", "1/100", "decay lambda"),
        {"convention", "pytorch", "", true, "", true, false, {"paper", "pytorch"},
         "pytorch (decay scaled by lr) or paper (decay scaled by the schedule multiplier only)"}},
       "no (square roots)"},
      {"amsgrad", "Adam with v_hat <- max(v_hat, v) in place of v: paper (Reddi et al. 2018) x <- x - lr m/(sqrt(v_hat) + eps) "
                  "without bias correction; pytorch corrects m and divides v_hat by 1 - b2^t",
       {positive("lr", "1/1000", "learning rate alpha"), betas(), nonnegative("eps", "1e-8", "eps"),
        nonnegative("weight-decay", "0", "L2 coefficient lambda: g <- g + lambda x"),
        {"convention", "pytorch", "", true, "", true, false, {"paper", "pytorch"}, "paper (no bias correction) or pytorch"}},
       "no (square roots)"},
      {"rprop", "per coordinate: while sign(g) holds, D <- min(eta_plus D, D_max) and x <- x - sign(g) D; on a flip D <- "
                "max(eta_minus D, D_min) and, by --variant: irprop_minus (pytorch) no step; rprop_minus step; "
                "rprop_plus revert; irprop_plus revert if f rose; notes_* seed 002's pseudo-code",
       {positive("lr", "1/100", "initial step length D_0, within --step-sizes"),
        {"etas", "1/2,6/5", "0", true, "", true, false, {}, "eta_minus,eta_plus with 0 < eta_minus < 1 < eta_plus", false,
         true},
        {"step-sizes", "1e-6,50", "0", false, "", true, false, {}, "D_min,D_max with D_min <= D_max", false, true},
        {"variant", "", "", true, "", true, false,
         {"irprop_minus", "irprop_plus", "rprop_minus", "rprop_plus", "notes_literal", "notes_magnitude", "notes_uncapped"},
         "which Rprop (see descent conventions); default by --convention", true},
        {"convention", "pytorch", "", true, "", true, false, {"paper", "notes", "pytorch"},
         "the default --variant: pytorch irprop_minus (torch.optim.Rprop), paper rprop_plus (Riedmiller & Braun 1993), "
         "notes notes_literal (seed 002's pseudo-code as written)"}},
       "yes"},
      {"quickprop", "per coordinate, d = x_k - x_(k-1): notes x <- x - d g_k/(g_k - g_(k-1)) (the secant step); paper (Fahlman) the "
                    "same capped at mu d, plus -lr g_k while g_k points downhill along d; the first step -lr g",
       {positive("lr", "1/100", "epsilon of the gradient step -lr g"),
        positive("max-growth", "7/4", "Fahlman's mu: no step longer than mu times the last one (paper only)"),
        {"convention", "paper", "", true, "", true, false, {"paper", "notes"},
         "paper: Fahlman (1988), with the cap and the gradient term; notes: seed 002's bare secant step"}},
       "yes"},
      {"perceptron", "one step = one pass over the examples in order: w <- w + d_t a_t whenever d_t w.a_t <= 0 "
                     "(a_t = (x_t, 1), d_t = +1 for a target > 1/2, -1 below); stops after a pass without update. "
                     "Single neurons only (kind brady, or mlp with layers [n, 1] and a sigmoid output)",
       {}, "no (its problems have a sigmoid)"},
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
  HyperParameter name{"schedule", "constant", "", true, "", true, false, {}, "learning-rate schedule for --eta or --lr"};
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
// A pair flag "a,b": each number parsed and checked against the flag's range.
template <class S>
std::pair<S, S> pair_of(const std::string& owner, const HyperParameter& p, const std::map<std::string, std::string>& given) {
  const auto it = given.find(p.name);
  std::string text = it == given.end() ? p.default_value : it->second;
  if (text.size() >= 2 && text.front() == '(' && text.back() == ')') text = text.substr(1, text.size() - 2);  // (a, b)
  text.erase(std::remove(text.begin(), text.end(), ' '), text.end());
  const auto comma = text.find(',');
  if (comma == std::string::npos || text.find(',', comma + 1) != std::string::npos)
    throw InputError("--" + p.name + ": expected two numbers a,b, got '" + text + "'");
  HyperParameter one = p;
  one.pair = false;
  const S a = value_of<S>(owner, one, {{p.name, text.substr(0, comma)}});
  const S b = value_of<S>(owner, one, {{p.name, text.substr(comma + 1)}});
  return {a, b};
}
const HyperParameter& param(const MethodInfo& m, std::string_view name) {
  for (const auto& p : m.parameters)
    if (p.name == name) return p;
  throw std::logic_error("methods: no parameter " + std::string(name));
}
}  // namespace

// The methods of lessons 11-12 (square roots: double and Mpfr).
template <class S>
std::unique_ptr<Optimizer<S>> make_adaptive(const MethodInfo& m, const std::map<std::string, std::string>& given) {
  const std::string owner = "--method " + m.name;
  auto v = [&](std::string_view p) { return value_of<S>(owner, param(m, p), given); };
  auto has = [&](const char* flag) { return given.count(flag) > 0; };
  const std::string conv = choice_of(param(m, "convention"), given);
  auto refuse = [&](const char* flag, const std::string& why) {
    if (has(flag)) throw InputError(std::string("--") + flag + ": " + why);
  };
  if (m.name == "adagrad") {
    const AdaGradForm form = conv == "notes" ? AdaGradForm::notes : conv == "pytorch" ? AdaGradForm::pytorch : AdaGradForm::paper;
    if (form == AdaGradForm::notes) {
      for (const char* f : {"eps", "eps-placement", "initial-accumulator-value", "lr-decay", "weight-decay"})
        refuse(f, "not with --convention notes (seed 001's AdaGrad has only eta)");
      return std::make_unique<AdaGrad<S>>(v("lr"), S(0), form);
    }
    if (form != AdaGradForm::pytorch) refuse("lr-decay", "only with --convention pytorch");
    if (form != AdaGradForm::paper) refuse("eps-placement", "only with --convention paper (PyTorch adds eps outside)");
    const S eps = has("eps") ? v("eps") : S(1) / S(10000000000LL);
    const bool inside = choice_of(param(m, "eps-placement"), given) == "inside";
    return std::make_unique<AdaGrad<S>>(v("lr"), eps, form, inside ? EpsPlacement::inside : EpsPlacement::outside,
                                        v("initial-accumulator-value"), v("lr-decay"), v("weight-decay"));
  }
  if (m.name == "rmsprop") {
    const bool centered = choice_of(param(m, "centered"), given) == "yes";
    if (conv == "notes") {
      refuse("centered", "not with --convention notes (seed 003's RMSProp)");
      refuse("momentum", "not with --convention notes (seed 003's RMSProp)");
      refuse("weight-decay", "not with --convention notes (seed 003's RMSProp)");
    }
    return std::make_unique<RMSProp<S>>(v("lr"), v("alpha"), v("eps"),
                                        conv == "notes" ? EpsPlacement::inside : EpsPlacement::outside, centered,
                                        v("momentum"), v("weight-decay"));
  }
  if (m.name == "adadelta") {
    const bool stale = choice_of(param(m, "order"), given) == "divide_first";
    if (conv == "notes" && stale) throw InputError("--order: divide_first is a variant of the per-coordinate form, not notes");
    if (conv == "notes") refuse("weight-decay", "not with --convention notes (seed 003's AdaDelta)");
    const S eps = v("eps");
    const S eps_delta = has("eps-delta") ? v("eps-delta") : eps;
    const AdaDeltaForm form = stale ? AdaDeltaForm::stale : conv == "notes" ? AdaDeltaForm::notes : AdaDeltaForm::paper;
    return std::make_unique<AdaDelta<S>>(v("lr"), v("rho"), eps, eps_delta, form, v("weight-decay"));
  }
  AdamOptions<S> o;
  o.lr = v("lr");
  std::tie(o.beta1, o.beta2) = pair_of<S>(owner, param(m, "betas"), given);
  o.eps = v("eps");
  o.weight_decay = v("weight-decay");
  if (m.name == "adam") {
    if (conv == "notes") {
      o.placement = EpsPlacement::inside;
      o.bias_correction = false;
    }
    if (has("bias-correction")) o.bias_correction = choice_of(param(m, "bias-correction"), given) == "yes";
    o.eps_hat = choice_of(param(m, "eps-hat"), given) == "yes";
    if (o.eps_hat && !o.bias_correction) throw InputError("--eps-hat: rewrites the bias-corrected step; not with --bias-correction no");
    if (o.eps_hat && conv == "notes") throw InputError("--eps-hat: not with --convention notes (eps inside the root)");
    o.decay = o.weight_decay != 0 ? WeightDecay::l2 : WeightDecay::none;
  } else if (m.name == "adamw") {
    o.decay = conv == "paper" ? WeightDecay::decoupled_paper : WeightDecay::decoupled_pytorch;
    if (o.decay == WeightDecay::decoupled_pytorch && o.lr * o.weight_decay > 1)
      throw InputError("--weight-decay: lr * weight_decay must be <= 1 (x <- x (1 - lr lambda)), got " +
                       to_string<S>(o.weight_decay));
  } else {  // amsgrad
    o.amsgrad = true;
    o.bias_correction = conv == "pytorch";
    o.decay = o.weight_decay != 0 ? WeightDecay::l2 : WeightDecay::none;
  }
  return std::make_unique<Adam<S>>(o);
}

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
  if (name == "sgd") {
    SgdOptions o;
    o.batch = integer_of(owner, param(m, "batch"), given);
    o.seed = static_cast<std::uint64_t>(integer_of(owner, param(m, "seed"), given));
    o.sampling = parse_sampling(choice_of(param(m, "sampling"), given));
    return std::make_unique<Sgd<S>>(v("lr"), o);
  }
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
  if (name == "rprop") {
    RpropOptions<S> o;
    o.delta0 = v("lr");
    std::tie(o.eta_minus, o.eta_plus) = pair_of<S>(owner, param(m, "etas"), given);
    if (!(o.eta_minus < 1 && o.eta_plus > 1))
      throw InputError("--etas: must satisfy 0 < eta_minus < 1 < eta_plus, got " + to_string<S>(o.eta_minus) + "," +
                       to_string<S>(o.eta_plus));
    std::tie(o.delta_min, o.delta_max) = pair_of<S>(owner, param(m, "step-sizes"), given);
    if (!(o.delta_min <= o.delta_max)) throw InputError("--step-sizes: must satisfy D_min <= D_max");
    if (!(o.delta0 >= o.delta_min && o.delta0 <= o.delta_max))
      throw InputError("--lr: the initial step length must lie within --step-sizes [" + to_string<S>(o.delta_min) + ", " +
                       to_string<S>(o.delta_max) + "], got " + to_string<S>(o.delta0));
    const std::string conv = choice_of(param(m, "convention"), given);
    const std::string variant = given.count("variant")      ? choice_of(param(m, "variant"), given)
                                : conv == "paper" ? std::string("rprop_plus")
                                : conv == "notes" ? std::string("notes_literal")
                                                  : std::string("irprop_minus");
    RpropVariant kind = RpropVariant::irprop_minus;
    for (RpropVariant k : {RpropVariant::notes_literal, RpropVariant::notes_magnitude, RpropVariant::notes_uncapped,
                           RpropVariant::rprop_plus, RpropVariant::rprop_minus, RpropVariant::irprop_plus,
                           RpropVariant::irprop_minus})
      if (to_string(k) == variant) kind = k;
    return std::make_unique<Rprop<S>>(kind, o);
  }
  if (name == "perceptron") return std::make_unique<Perceptron<S>>();
  if (name == "quickprop") {
    if (given.count("max-growth") && choice_of(param(m, "convention"), given) == "notes")
      throw InputError("--max-growth: not with --convention notes (seed 002's QuickProp has no cap)");
    return std::make_unique<QuickProp<S>>(v("lr"), v("max-growth"),
                                          choice_of(param(m, "convention"), given) == "notes" ? QuickPropVariant::notes
                                                                                           : QuickPropVariant::fahlman);
  }
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
    if (name == "adagrad" || name == "rmsprop" || name == "adadelta" || name == "adam" || name == "adamw" ||
        name == "amsgrad")
      return make_adaptive<S>(m, given);
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
