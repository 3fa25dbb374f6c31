// The registry of methods: the families' lists concatenated, the flags read against them, and
// the factory that dispatches through each method's own factory (no list of names here).
#include "descent/methods.hpp"

#include <algorithm>
#include <set>

#include "optimizers/families.hpp"

namespace descent {

std::string range_text(const HyperParameter& p) {
  if (!p.choices.empty()) {
    std::string s;
    for (const auto& c : p.choices) s += (s.empty() ? "" : " | ") + c;
    return s;
  }
  if (p.list) return "integers a,b,... each " + p.lower + " to " + p.upper;
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

std::string_view to_string(Exactness e) {
  switch (e) {
    case Exactness::yes: return "yes";
    case Exactness::no: return "no";
    case Exactness::conditional: return "conditional";
  }
  return "?";
}

const std::vector<MethodInfo>& methods() {
  static const std::vector<MethodInfo> list = [] {
    std::vector<MethodInfo> all;
    for (auto family : {families::gradient_descent, families::sgd, families::momentum, families::line_search,
                        families::newton, families::adaptive, families::adam, families::sign_based, families::quickprop,
                        families::perceptron, families::quasi_newton})
      for (auto& m : family()) all.push_back(std::move(m));
    return all;
  }();
  return list;
}

const std::vector<MethodInfo>& schedules() {
  static const std::vector<MethodInfo> list = families::schedules();
  return list;
}

const std::vector<ConventionRow>& conventions() {
  static const std::vector<ConventionRow> rows = [] {
    std::vector<ConventionRow> all;
    for (const auto& m : methods())
      for (const auto& row : m.forms) all.push_back(row);
    return all;
  }();
  return rows;
}

std::vector<HyperParameter> schedule_parameters() {
  HyperParameter name = families::word("schedule", "constant", {}, "learning-rate schedule for --eta or --lr");
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

// ------------------------------------------------------------------------------ MethodArgs

MethodArgs::MethodArgs(const MethodInfo& method, const std::map<std::string, std::string>& given)
    : method_(method), given_(given) {}

bool MethodArgs::has(std::string_view flag) const { return given_.count(std::string(flag)) > 0; }

const HyperParameter& MethodArgs::parameter(std::string_view flag) const {
  for (const auto& p : method_.parameters)
    if (p.name == flag) return p;
  throw std::logic_error("methods: " + method_.name + " has no parameter " + std::string(flag));
}

namespace {
// The text of flag p: given, or its default; InputError when required and missing. `owner`
// names who requires the flag: "--method gd", "--schedule exponential".
std::string text_of(const std::string& owner, const HyperParameter& p, const std::map<std::string, std::string>& given) {
  const auto it = given.find(p.name);
  if (it == given.end() && p.default_value.empty()) throw InputError("--" + p.name + ": required by " + owner);
  return it == given.end() ? p.default_value : it->second;
}
template <class S>
S checked_number(const HyperParameter& p, const std::string& text) {
  const std::string flag = "--" + p.name;
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
// The whole of `text` as an integer (false for empty text, trailing characters or overflow).
bool parse_integer(const std::string& text, long long& v) {
  std::size_t used = 0;
  try {
    v = std::stoll(text, &used);
  } catch (const std::exception&) {
    return false;
  }
  return !text.empty() && used == text.size();
}
std::string owner_of(const MethodInfo& m) {
  return (m.schedule_double ? "--schedule " : "--method ") + m.name;
}
}  // namespace

template <class S>
S MethodArgs::number(std::string_view flag) const {
  const HyperParameter& p = parameter(flag);
  return checked_number<S>(p, text_of(owner_of(method_), p, given_));
}

template <class S>
std::pair<S, S> MethodArgs::pair(std::string_view flag) const {
  const HyperParameter& p = parameter(flag);
  std::string text = text_of(owner_of(method_), p, given_);
  if (text.size() >= 2 && text.front() == '(' && text.back() == ')') text = text.substr(1, text.size() - 2);  // (a, b)
  text.erase(std::remove(text.begin(), text.end(), ' '), text.end());
  const auto comma = text.find(',');
  if (comma == std::string::npos || text.find(',', comma + 1) != std::string::npos)
    throw InputError("--" + p.name + ": expected two numbers a,b, got '" + text + "'");
  HyperParameter one = p;
  one.pair = false;
  return {checked_number<S>(one, text.substr(0, comma)), checked_number<S>(one, text.substr(comma + 1))};
}

int MethodArgs::integer(std::string_view flag) const {
  const HyperParameter& p = parameter(flag);
  const std::string text = text_of(owner_of(method_), p, given_);
  const std::string name = "--" + p.name;
  long long v = 0;
  if (!parse_integer(text, v)) throw InputError(name + ": '" + text + "' is not an integer");
  if (v < std::stoll(p.lower) || v > std::stoll(p.upper))
    throw InputError(name + ": must be an integer from " + p.lower + " to " + p.upper + ", got " + text);
  return static_cast<int>(v);
}

std::vector<long long> MethodArgs::integers(std::string_view flag) const {
  const HyperParameter& p = parameter(flag);
  std::string text = text_of(owner_of(method_), p, given_);
  const std::string name = "--" + p.name;
  if (text.size() >= 2 && (text.front() == '[' || text.front() == '(') && (text.back() == ']' || text.back() == ')'))
    text = text.substr(1, text.size() - 2);  // [30, 80]
  text.erase(std::remove(text.begin(), text.end(), ' '), text.end());
  std::vector<long long> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = text.find(',', start);
    const std::string item = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    long long v = 0;
    if (!parse_integer(item, v)) throw InputError(name + ": expected integers a,b,... , got '" + text + "'");
    if (v < std::stoll(p.lower) || v > std::stoll(p.upper))
      throw InputError(name + ": each must be an integer from " + p.lower + " to " + p.upper + ", got " + item);
    out.push_back(v);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

std::string MethodArgs::word(std::string_view flag) const {
  const HyperParameter& p = parameter(flag);
  const auto it = given_.find(p.name);
  const std::string text = it == given_.end() ? p.default_value : it->second;
  if (std::find(p.choices.begin(), p.choices.end(), text) == p.choices.end())
    throw InputError("--" + p.name + ": unknown value '" + text + "' (known: " + range_text(p) + ")");
  return text;
}

std::string MethodArgs::text(std::string_view flag) const {
  const auto it = given_.find(std::string(flag));
  return it == given_.end() ? parameter(flag).default_value : it->second;
}

std::string MethodArgs::convention(std::string_view old) const {
  if (has(old) && has("convention"))
    throw InputError("--" + std::string(old) + ": the older spelling of --convention; give one of them");
  if (has(old)) return word(old);
  return word("convention");
}

void MethodArgs::refuse(std::string_view flag, const std::string& why) const {
  if (has(flag)) throw InputError("--" + std::string(flag) + ": " + why);
}

template double MethodArgs::number<double>(std::string_view) const;
template Mpfr MethodArgs::number<Mpfr>(std::string_view) const;
template Rational MethodArgs::number<Rational>(std::string_view) const;
template std::pair<double, double> MethodArgs::pair<double>(std::string_view) const;
template std::pair<Mpfr, Mpfr> MethodArgs::pair<Mpfr>(std::string_view) const;
template std::pair<Rational, Rational> MethodArgs::pair<Rational>(std::string_view) const;

// --------------------------------------------------------------------------------- factory

namespace {
template <class S>
MethodFactory<S> factory_of(const MethodInfo& m) {
  if constexpr (std::is_same_v<S, double>) return m.make_double;
  else if constexpr (std::is_same_v<S, Mpfr>) return m.make_mpfr;
  else return m.make_exact;
}
template <class S>
ScheduleFactory<S> schedule_factory_of(const MethodInfo& m) {
  if constexpr (std::is_same_v<S, double>) return m.schedule_double;
  else if constexpr (std::is_same_v<S, Mpfr>) return m.schedule_mpfr;
  else return m.schedule_exact;
}

// The constructors check what involves several parameters (AdamW's lr·λ ≤ 1, Rprop's
// η⁻ < 1 < η⁺) in one place and name the parameter as the library does ("weight_decay: …");
// on the command line the message names the flag ("--weight-decay: …").
std::string as_flag(const MethodInfo& m, const std::string& message) {
  const auto colon = message.find(':');
  if (colon == std::string::npos || colon == 0) return message;
  std::string flag = message.substr(0, colon);
  if (flag.find_first_not_of("abcdefghijklmnopqrstuvwxyz_0123456789") != std::string::npos) return message;
  std::replace(flag.begin(), flag.end(), '_', '-');
  for (const auto& p : m.parameters)
    if (p.name == flag) return "--" + flag + message.substr(colon);
  return message;
}

// The method alone, from its own flags.
template <class S>
std::unique_ptr<Optimizer<S>> make_method(const MethodInfo& m, const std::map<std::string, std::string>& given) {
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
  const MethodFactory<S> make = factory_of<S>(m);
  if (!make) throw InputError("--method: " + m.name + " takes square roots and cannot run with --exact; use --digits D");
  try {
    return make(MethodArgs(m, given));
  } catch (const InputError& e) {
    throw InputError(as_flag(m, e.what()));
  }
}
}  // namespace

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
  auto method = make_method<S>(m, own);
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
  if (std::find(choice.choices.begin(), choice.choices.end(), it->second) == choice.choices.end())
    throw InputError("--schedule: unknown value '" + it->second + "' (known: " + range_text(choice) + ")");
  const MethodInfo& info =
      *std::find_if(schedules().begin(), schedules().end(), [&](const auto& x) { return x.name == it->second; });
  for (const auto& [flag, text] : sched)
    if (flag != "schedule" &&
        std::none_of(info.parameters.begin(), info.parameters.end(), [&](const auto& p) { return p.name == flag; }))
      throw InputError("--" + flag + ": not a parameter of --schedule " + info.name);
  const ScheduleFactory<S> make = schedule_factory_of<S>(info);
  if (!make) throw InputError("--schedule: " + info.name + " is irrational and cannot run with --exact; use --digits D");
  return std::make_unique<Scheduled<S>>(std::move(method), make(MethodArgs(info, sched)));
}

template std::unique_ptr<Optimizer<double>> make_optimizer<double>(std::string_view, const std::map<std::string, std::string>&);
template std::unique_ptr<Optimizer<Mpfr>> make_optimizer<Mpfr>(std::string_view, const std::map<std::string, std::string>&);
template std::unique_ptr<Optimizer<Rational>> make_optimizer<Rational>(std::string_view, const std::map<std::string, std::string>&);

}  // namespace descent
