// `descent trace`: one optimizer of the library on a problem file, printed row by row.
#include <mpfr.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <optional>

#include "commands.hpp"
#include "descent/methods.hpp"
#include "problem_file.hpp"

namespace descent::tools {

namespace {

/// Extra decimal digits carried internally under --digits, so that every printed digit
/// is correct after the roundings of the run.
constexpr int guard_digits = 20;
/// Largest output a floating run may print (the whole trajectory is held in memory first,
/// so that an error never leaves partial output).
constexpr double max_output_bytes = 1e9;
/// Largest size of an exact trajectory, in bits of numerators and denominators (~250 MB
/// of digits, about a minute of work).
constexpr double max_exact_bits = 2e9;
/// Largest amount of work of a floating run, in multiply-adds of digit-16 numbers (the
/// gradient of an n-dimensional problem costs about n² per step; ~2 minutes in double).
constexpr double max_work = 1e11;

/// A double with 17 significant digits (enough to identify it).
std::string format_value(const double& x, int) { return to_string<double>(x, 17); }
/// An exact rational as `p/q` (or `p`).
std::string format_value(const Rational& x, int) { return to_string<Rational>(x); }
/// An Mpfr value with exactly `sig` significant digits, correctly rounded, as
/// `d.ddd…e±XX` (`0` for zero).
std::string format_value(const Mpfr& x, int sig) {
  if (x == 0) return "0";
  mpfr_exp_t exponent = 0;
  char* raw = mpfr_get_str(nullptr, &exponent, 10, static_cast<std::size_t>(sig), x.backend().data(), MPFR_RNDN);
  std::string digits = raw;
  mpfr_free_str(raw);
  std::string out;
  if (!digits.empty() && digits.front() == '-') {
    out = "-";
    digits.erase(0, 1);
  }
  out += digits.substr(0, 1);
  if (digits.size() > 1) out += "." + digits.substr(1);
  const long e10 = static_cast<long>(exponent) - 1;  // mpfr gives 0.d₁d₂… × 10^exponent
  char buf[32];
  std::snprintf(buf, sizeof buf, "e%c%02ld", e10 < 0 ? '-' : '+', e10 < 0 ? -e10 : e10);
  return out + buf;
}

/// A string as a JSON string literal.
std::string json_string(const std::string& s) { return nlohmann::json(s).dump(); }


/// The run in arithmetic S, printed at `sig` significant digits (ignored when exact).
template <class S>
int trace_in(const TraceOptions& o, int sig, std::optional<int> json_digits, std::string& out, std::string& err) {
  // The method first (its flags are checked before the file is read).
  auto optimizer = make_optimizer<S>(o.method, o.hyper);

  LoadedProblem<S> loaded = load_problem<S>(o.problem);
  if constexpr (!ScalarTraits<S>::exact) {
    // multiply-adds: about n² per step (a least-squares gradient costs 2dK), dearer in mpfr
    const double cost = ScalarTraits<S>::name == "double" ? 1.0 : 100.0 * std::max(1.0, sig / 50.0);
    const double work = double(o.steps) * loaded.multiply_adds_per_step * cost;
    if (work > max_work)
      throw InputError("--steps: " + std::to_string(o.steps) + " steps of this problem would take about " +
                       std::to_string(static_cast<long long>(work / 1e9)) + " s of arithmetic (limit " +
                       std::to_string(static_cast<long long>(max_work / 1e9)) + " s); use fewer steps or digits");
    // each row prints step, f, ‖g‖² and n coordinates of about sig + 8 characters
    const double bytes = double(o.steps + 1) * double(loaded.x0.size() + 3) * double(sig + 8);
    if (bytes > max_output_bytes)
      throw InputError("--steps: " + std::to_string(o.steps) + " steps of this " + std::to_string(loaded.x0.size()) +
                       "-dimensional problem would print about " + std::to_string(static_cast<long long>(bytes / 1e6)) +
                       " MB (limit " + std::to_string(static_cast<long long>(max_output_bytes / 1e6)) +
                       " MB); use fewer steps or digits");
  }
  StopRule<S> stop;
  stop.max_steps = static_cast<int>(o.steps);
  stop.max_exact_bits = max_exact_bits;
  if (loaded.x_prev && !optimizer->set_initial_step(Vec<S>(loaded.x0 - *loaded.x_prev)))
    throw InputError(o.problem + ": x_prev: only the momentum methods (heavy_ball, nesterov) use the iterate before x0, not " +
                     o.method);
  const Trace<S> trace = run<S>(*loaded.problem, *optimizer, loaded.x0, stop);

  const auto rows = trace.x.size();
  const auto n = static_cast<int>(loaded.x0.size());
  if (o.format == "csv") {
    out += "step,f,grad_norm2";
    for (int i = 1; i <= n; ++i) out += ",x" + std::to_string(i);
    out += "\n";
    for (std::size_t k = 0; k < rows; ++k) {
      out += std::to_string(k) + "," + format_value(trace.f[k], sig) + "," + format_value(trace.grad_norm2[k], sig);
      for (int i = 0; i < n; ++i) out += "," + format_value(trace.x[k](i), sig);
      out += "\n";
    }
    if (trace.status == Status::diverged) err += "descent trace: " + trace.message + "\n";
    return exit_ok;
  }
  out += "{\"problem\": " + json_string(loaded.kind) + ", \"method\": " + json_string(o.method) +
         ", \"arithmetic\": " + json_string(std::string(ScalarTraits<S>::name)) +
         ", \"digits\": " + (json_digits ? std::to_string(*json_digits) : std::string("null")) +
         ", \"parameters\": {";
  bool first = true;
  std::vector<HyperParameter> shown_parameters = method_info(o.method).parameters;
  if (const auto sched = o.hyper.find("schedule"); sched != o.hyper.end()) {
    shown_parameters.push_back(schedule_parameters().front());
    for (const auto& info : schedules())  // the chosen schedule's parameters, given or default
      if (info.name == sched->second)
        shown_parameters.insert(shown_parameters.end(), info.parameters.begin(), info.parameters.end());
  }
  for (const auto& p : shown_parameters) {
    const auto it = o.hyper.find(p.name);
    if (it == o.hyper.end() && p.default_value.empty()) continue;  // optional and not given
    const std::string text = it == o.hyper.end() ? p.default_value : it->second;
    out += std::string(first ? "" : ", ") + json_string(p.name) + ": " +
           (p.integer || !p.choices.empty() || p.pair ? json_string(text)
                                                     : json_string(format_value(parse_scalar<S>(text, p.name), sig)));
    first = false;
  }
  out += "}";
  out += ", \"steps\": " + std::to_string(o.steps) + ", \"status\": " + json_string(std::string(to_string(trace.status))) +
         ", \"message\": " + json_string(trace.message) + ",\n \"rows\": [";
  for (std::size_t k = 0; k < rows; ++k) {
    out += std::string(k == 0 ? "\n  " : ",\n  ") + "{\"step\": " + std::to_string(k) +
           ", \"f\": " + json_string(format_value(trace.f[k], sig)) +
           ", \"grad_norm2\": " + json_string(format_value(trace.grad_norm2[k], sig)) + ", \"x\": [";
    for (int i = 0; i < n; ++i) out += (i == 0 ? "" : ", ") + json_string(format_value(trace.x[k](i), sig));
    out += "]}";
  }
  out += "\n ]}\n";
  return exit_ok;
}

}  // namespace

int run_trace(const TraceOptions& o, std::string& out, std::string& err) {
  // Flags first, in the order a reader checks them; the file is read last.
  if (!o.problem_given) throw InputError("--problem: required (the problem file, JSON)");
  if (!o.method_given) throw InputError("--method: required (run descent trace --help for the list)");
  if (!o.steps_given)
    throw InputError("--steps: required (the number of steps, 0 to " + std::to_string(max_trace_steps) + ")");
  if (o.digits_given && o.exact)
    throw InputError("--digits and --exact exclude each other: choose one arithmetic");
  if (o.digits_given && (o.digits < min_digits || o.digits > max_digits))
    throw InputError("--digits: " + std::to_string(o.digits) + " is out of range (allowed " +
                     std::to_string(min_digits) + " to " + std::to_string(max_digits) + ")");
  if (o.steps < 0 || o.steps > max_trace_steps)
    throw InputError("--steps: " + std::to_string(o.steps) + " is out of range (allowed 0 to " +
                     std::to_string(max_trace_steps) + ")");
  if (o.exact && o.steps > max_exact_trace_steps)
    throw InputError("--steps: at most " + std::to_string(max_exact_trace_steps) +
                     " with --exact (every step adds digits to the exact rationals); use --digits D for longer runs");
  if (o.format != "csv" && o.format != "json")
    throw InputError("--format: unknown format '" + o.format + "' (known: csv, json)");
  method_info(o.method);  // an unknown method is reported before the file is read
  if (o.exact) return trace_in<Rational>(o, 0, std::nullopt, out, err);
  if (o.digits_given) {
    set_digits(o.digits);
    Mpfr::default_precision(static_cast<unsigned>(o.digits + guard_digits));  // guard digits, even at D = 2000
    return trace_in<Mpfr>(o, o.digits, o.digits, out, err);
  }
  return trace_in<double>(o, 17, 17, out, err);
}

}  // namespace descent::tools
