// `descent trace`: one optimizer of the library on a problem file, printed row by row.
#include <mpfr.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <optional>

#include "commands.hpp"
#include "descent/methods.hpp"
#include "descent/optimizers/sgd.hpp"
#include "format_value.hpp"
#include "problem_file.hpp"
#include "problem_kinds.hpp"

namespace descent::tools {

namespace {

/// Largest output a floating run may print (the whole trajectory is held in memory first,
/// so that an error never leaves partial output).
constexpr double max_output_bytes = 1e9;
/// Largest size of an exact trajectory, in bits of numerators and denominators (~250 MB
/// of digits, about a minute of work).
constexpr double max_exact_bits = 2e9;
/// Largest amount of work of a floating run, in multiply-adds of digit-16 numbers (the
/// gradient of an n-dimensional problem costs about n² per step; ~2 minutes in double).
constexpr double max_work = 1e11;

/// A string as a JSON string literal.
std::string json_string(const std::string& s) { return nlohmann::json(s).dump(); }


/// The run in arithmetic S, printed at `sig` significant digits (ignored when exact).
template <class S>
int trace_in(const TraceOptions& o, int sig, std::optional<int> json_digits, std::string& out, std::string& err) {
  // The method first (its flags are checked before the file is read).
  auto optimizer = make_optimizer<S>(o.method, o.hyper);

  LoadedProblem<S> loaded = load_problem<S>(o.problem);
  long long steps = o.steps;
  if (o.epochs_given) {
    const auto* sum = dynamic_cast<const FiniteSum<S>*>(loaded.problem.get());
    if (!sum)
      throw InputError("--epochs: the problem " + loaded.kind + " is not a sum over examples (use " + sum_kind_names("or") + ")");
    const int B = o.hyper.count("batch") ? std::stoi(o.hyper.at("batch")) : 1;  // validated by make_optimizer
    steps = o.epochs * updates_per_epoch(sum->examples(), B);
    if (steps > (o.exact ? max_exact_trace_steps : max_trace_steps))
      throw InputError("--epochs: " + std::to_string(o.epochs) + " epochs are " + std::to_string(steps) +
                       " steps, more than the " + std::to_string(o.exact ? max_exact_trace_steps : max_trace_steps) +
                       " allowed");
  }
  if constexpr (!ScalarTraits<S>::exact) {
    // multiply-adds: about n² per step (a least-squares gradient costs 2dK), dearer in mpfr
    const double cost = ScalarTraits<S>::name == "double" ? 1.0 : 100.0 * std::max(1.0, sig / 50.0);
    const double work = double(steps) * loaded.multiply_adds_per_step * cost;
    if (work > max_work)
      throw InputError("--steps: " + std::to_string(steps) + " steps of this problem would take about " +
                       std::to_string(static_cast<long long>(work / 1e9)) + " s of arithmetic (limit " +
                       std::to_string(static_cast<long long>(max_work / 1e9)) + " s); use fewer steps or digits");
    // each row prints step, f, ‖g‖² and n coordinates of about sig + 8 characters
    const double bytes = double(steps + 1) * double(loaded.x0.size() + 3) * double(sig + 8);
    if (bytes > max_output_bytes)
      throw InputError("--steps: " + std::to_string(steps) + " steps of this " + std::to_string(loaded.x0.size()) +
                       "-dimensional problem would print about " + std::to_string(static_cast<long long>(bytes / 1e6)) +
                       " MB (limit " + std::to_string(static_cast<long long>(max_output_bytes / 1e6)) +
                       " MB); use fewer steps or digits");
  }
  StopRule<S> stop;
  stop.max_steps = static_cast<int>(steps);
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
      out += std::to_string(k);
      out += ',';
      append_value(out, trace.f[k], sig);
      out += ',';
      append_value(out, trace.grad_norm2[k], sig);
      for (int i = 0; i < n; ++i) {
        out += ',';
        append_value(out, trace.x[k](i), sig);
      }
      out += '\n';
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
  out += ", \"steps\": " + std::to_string(steps) + ", \"status\": " + json_string(std::string(to_string(trace.status))) +
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
  if (o.kinds) {
    if (o.methods || o.problem_given || o.method_given || o.steps_given || o.epochs_given || o.digits_given || o.exact ||
        !o.hyper.empty())
      throw InputError("--kinds: prints the kinds of problem file; it takes no other flag but --format");
    return run_kinds(o.format, out);
  }
  if (o.methods) {
    if (o.problem_given || o.method_given || o.steps_given || o.epochs_given || o.digits_given || o.exact ||
        !o.hyper.empty())
      throw InputError("--methods: prints the registry of methods; it takes no other flag but --format");
    return run_methods(o.format, out);
  }
  if (!o.problem_given) throw InputError("--problem: required (the problem file, JSON)");
  if (!o.method_given) throw InputError("--method: required (run descent trace --help for the list)");
  if (o.epochs_given && o.steps_given) throw InputError("--epochs and --steps exclude each other: give one");
  if (o.epochs_given && o.method != "sgd") throw InputError("--epochs: only --method sgd counts epochs; use --steps");
  if (o.epochs_given && (o.epochs < 1 || o.epochs > 1'000'000))
    throw InputError("--epochs: " + std::to_string(o.epochs) + " is out of range (allowed 1 to 1000000)");
  if (!o.steps_given && !o.epochs_given)
    throw InputError("--steps: required (the number of steps, 0 to " + std::to_string(max_trace_steps) + ")");
  if (o.digits_given && o.exact)
    throw InputError("--digits and --exact exclude each other: choose one arithmetic");
  if (o.digits_given && (o.digits < min_digits || o.digits > max_digits))
    throw InputError("--digits: " + std::to_string(o.digits) + " is out of range (allowed " +
                     std::to_string(min_digits) + " to " + std::to_string(max_digits) + ")");
  if (o.steps_given && (o.steps < 0 || o.steps > max_trace_steps))
    throw InputError("--steps: " + std::to_string(o.steps) + " is out of range (allowed 0 to " +
                     std::to_string(max_trace_steps) + ")");
  if (o.exact && o.steps_given && o.steps > max_exact_trace_steps)
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
