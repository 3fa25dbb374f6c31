// `descent trace`: one optimizer of the library on a problem file, printed row by row.
#include <mpfr.h>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <optional>
#include <stdexcept>

#include "commands.hpp"
#include "descent/methods.hpp"
#include "descent/optimizers/sgd.hpp"
#include "format_value.hpp"
#include "problem_file.hpp"
#include "problem_kinds.hpp"

namespace descent::tools {

namespace {

/// Largest output a floating run may print (rows are written as they are computed; this only
/// refuses runs whose output no one could read).
constexpr double max_output_bytes = 1e10;
/// Largest amount of work of a floating run, in multiply-adds of digit-16 numbers (the
/// gradient of an n-dimensional problem costs about n² per step; ~2 minutes in double).
constexpr double max_work = 1e11;
/// Write buffered rows at least this often (seconds), and whenever this many bytes wait.
constexpr double flush_interval = 0.2;
constexpr std::size_t flush_bytes = 1 << 16;

/// A string as a JSON string literal.
std::string json_string(const std::string& s) { return nlohmann::json(s).dump(); }

/// Set by SIGINT while a run streams; the run then stops after the row it is computing.
volatile std::sig_atomic_t interrupt_requested = 0;
extern "C" void on_interrupt(int) { interrupt_requested = 1; }

/// SIGINT handled (not fatal) for its lifetime; the previous handler restored after.
class InterruptGuard {
 public:
  InterruptGuard() {
    interrupt_requested = 0;
    previous_ = std::signal(SIGINT, on_interrupt);
  }
  ~InterruptGuard() { std::signal(SIGINT, previous_ == SIG_ERR ? SIG_DFL : previous_); }
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

 private:
  void (*previous_)(int) = SIG_DFL;
};

/// Where the rows go: the stream (flushed every flush_interval seconds or flush_bytes bytes), or
/// the string `out` when there is no stream.
class RowWriter {
 public:
  RowWriter(std::FILE* stream, std::string& out) : stream_(stream), out_(out), last_(Clock::now()) {}
  std::string& buffer() { return buf_; }
  /// Called after each row: write what waits if it is time.
  void maybe_flush() {
    if (!stream_) return;
    if (buf_.size() >= flush_bytes || seconds_since(last_) >= flush_interval) flush();
  }
  void flush() {
    if (!stream_) {
      out_ += buf_;
      buf_.clear();
      return;
    }
    if (!buf_.empty() && std::fwrite(buf_.data(), 1, buf_.size(), stream_) != buf_.size())
      throw std::runtime_error("cannot write to standard output");
    std::fflush(stream_);
    buf_.clear();
    last_ = Clock::now();
  }

 private:
  using Clock = std::chrono::steady_clock;
  static double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }
  std::FILE* stream_;
  std::string& out_;
  std::string buf_;
  Clock::time_point last_;
};

/// A progress line on stderr (when it is a terminal): step, f, ‖∇f‖ and steps per second, redrawn
/// twice a second and erased at the end.
class Progress {
 public:
  explicit Progress(bool on) : on_(on), start_(Clock::now()), next_(start_ + std::chrono::milliseconds(500)) {}
  template <class S>
  void update(long long k, const S& f, const S& g2) {
    if (!on_ || (k & 255) != 0) return;  // the clock is read every 256 steps
    const auto now = Clock::now();
    if (now < next_) return;
    next_ = now + std::chrono::milliseconds(500);
    const double seconds = std::chrono::duration<double>(now - start_).count();
    using std::sqrt;
    const double grad = std::sqrt(to_double<S>(g2));
    std::fprintf(stderr, "\r\033[Kstep %lld  f = %.6g  |grad f| = %.3g  %.0f steps/s", k, to_double<S>(f), grad,
                 seconds > 0 ? double(k) / seconds : 0.0);
    std::fflush(stderr);
    shown_ = true;
  }
  void erase() {
    if (shown_) std::fputs("\r\033[K", stderr);
    shown_ = false;
  }
  ~Progress() { erase(); }

 private:
  using Clock = std::chrono::steady_clock;
  bool on_;
  bool shown_ = false;
  Clock::time_point start_, next_;
};

/// The run in arithmetic S, printed at `sig` significant digits (ignored when exact).
template <class S>
int trace_in(const TraceOptions& o, int sig, std::optional<int> json_digits, std::string& out, std::string& err) {
  // The method first (its flags are checked before the file is read).
  auto optimizer = make_optimizer<S>(o.method, o.hyper);

  LoadedProblem<S> loaded = load_problem<S>(o.problem, o.x0_given);
  if (o.x0_given) {
    loaded.x0 = parse_point<S>(o.x0, "--x0", loaded.problem->dimension());
    if (loaded.x_prev && loaded.x_prev->size() != loaded.x0.size())
      throw InputError("--x0: has " + std::to_string(loaded.x0.size()) + " entries, the file's x_prev has " +
                       std::to_string(loaded.x_prev->size()));
  }
  if (o.method == "sgd" && !dynamic_cast<const FiniteSum<S>*>(loaded.problem.get()))
    for (const char* flag : {"batch", "seed", "sampling"})
      if (o.hyper.count(flag))
        throw InputError(std::string("--") + flag + ": the problem " + loaded.kind +
                         " is not a sum over examples; sgd takes its full gradient (" + sum_kind_names("and") +
                         " are sums)");
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
  const long long every = o.last ? std::max<long long>(steps, 1) : o.every;
  if constexpr (!ScalarTraits<S>::exact) {
    // multiply-adds: about n² per step (a least-squares gradient costs 2dK), dearer in mpfr; a
    // method that evaluates f several times per step (a line search) costs as many gradients
    const double cost = ScalarTraits<S>::name == "double" ? 1.0 : 100.0 * std::max(1.0, sig / 50.0);
    const MethodInfo& info = method_info(o.method);
    const double n = double(loaded.problem->dimension());
    const double evaluations = info.step_evaluations ? info.step_evaluations(MethodArgs(info, o.hyper)) : info.evaluations_per_step;
    const double per_step = loaded.multiply_adds_per_step * (evaluations + (info.uses_hessian ? n : 0.0)) +
                            (info.uses_hessian ? n * n * n / 3 : 0.0) + (info.dense_matrix ? n * n : 0.0);
    const double work = double(steps) * per_step * cost;
    if (work > max_work)
      throw InputError("--steps: " + std::to_string(steps) + " steps of " + o.method + " on this problem would take about " +
                       std::to_string(static_cast<long long>(work / 1e9)) + " s of arithmetic (limit " +
                       std::to_string(static_cast<long long>(max_work / 1e9)) + " s); use fewer steps or digits");
    // each printed row holds step, f, ‖g‖² and n coordinates of about sig + 8 characters
    const double bytes = double(steps / every + 2) * double(loaded.x0.size() + 3) * double(sig + 8);
    if (bytes > max_output_bytes)
      throw InputError("--steps: " + std::to_string(steps) + " steps of this " + std::to_string(loaded.x0.size()) +
                       "-dimensional problem would print about " + std::to_string(static_cast<long long>(bytes / 1e6)) +
                       " MB (limit " + std::to_string(static_cast<long long>(max_output_bytes / 1e6)) +
                       " MB); use --every K, --last, fewer steps or fewer digits");
  }
  StopRule<S> stop;
  stop.max_steps = static_cast<int>(steps);
  stop.max_exact_digits = o.max_exact_digits;
  if (o.tol_given) {
    const S tol = parse_scalar<S>(o.tol, "--tol");
    if (!(tol > 0) || !is_finite<S>(tol)) throw InputError("--tol: must be > 0 and finite, got " + o.tol);
    stop.grad_norm2_tol = tol * tol;
  }
  if (loaded.x_prev && !optimizer->set_initial_step(Vec<S>(loaded.x0 - *loaded.x_prev)))
    throw InputError(o.problem + ": x_prev: only the momentum methods (heavy_ball, nesterov) use the iterate before x0, not " +
                     o.method);

  const auto n = static_cast<int>(loaded.x0.size());
  const bool csv = o.format == "csv";
  RowWriter writer(o.stream, out);
  std::string& buf = writer.buffer();
  bool header_written = false;
  auto write_header = [&]() {
    header_written = true;
    if (csv) {
      buf += "step,f,grad_norm2";
      for (int i = 1; i <= n; ++i) buf += ",x" + std::to_string(i);
      buf += "\n";
      return;
    }
    buf += "{\"problem\": " + json_string(loaded.kind) + ", \"method\": " + json_string(o.method) +
           ", \"arithmetic\": " + json_string(std::string(ScalarTraits<S>::name)) +
           ", \"digits\": " + (json_digits ? std::to_string(*json_digits) : std::string("null")) + ", \"parameters\": {";
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
      buf += std::string(first ? "" : ", ") + json_string(p.name) + ": " +
             (p.integer || !p.choices.empty() || p.pair ? json_string(text)
                                                       : json_string(format_value(parse_scalar<S>(text, p.name), sig)));
      first = false;
    }
    buf += "}, \"steps\": " + std::to_string(steps) + ", \"every\": " + (o.last ? std::string("\"last\"") : std::to_string(every)) +
           ",\n \"rows\": [";
  };
  long long rows_written = 0;
  auto write_row = [&](long long k, const Vec<S>& x, const S& f, const S& g2) {
    if (!header_written) write_header();
    if (csv) {
      buf += std::to_string(k);
      buf += ',';
      append_value(buf, f, sig);
      buf += ',';
      append_value(buf, g2, sig);
      for (int i = 0; i < n; ++i) {
        buf += ',';
        append_value(buf, x(i), sig);
      }
      buf += '\n';
    } else {
      buf += std::string(rows_written == 0 ? "\n  " : ",\n  ") + "{\"step\": " + std::to_string(k) +
             ", \"f\": " + json_string(format_value(f, sig)) + ", \"grad_norm2\": " + json_string(format_value(g2, sig)) +
             ", \"x\": [";
      for (int i = 0; i < n; ++i) buf += (i == 0 ? "" : ", ") + json_string(format_value(x(i), sig));
      buf += "]}";
    }
    ++rows_written;
  };
  // the last row seen, kept when thinning so that the final row is always printed
  long long last_k = -1, last_printed = -1;
  Vec<S> last_x;
  S last_f, last_g2;
  Progress progress(o.stream && isatty(fileno(stderr)));
  InterruptGuard guard;
  RunEnd end;
  {
    end = run_rows<S>(*loaded.problem, *optimizer, loaded.x0, stop, [&](int k, const Vec<S>& x, const S& f, const S& g2) {
      if (!o.last && k % every == 0) {
        write_row(k, x, f, g2);
        last_printed = k;
      } else {
        last_x = x;
        last_f = f;
        last_g2 = g2;
      }
      last_k = k;
      writer.maybe_flush();
      progress.update(k, f, g2);
      return interrupt_requested == 0;
    });
  }
  progress.erase();
  if (end.rows == 0 && end.status == Status::domain_error)
    throw InputError((o.x0_given ? std::string("--x0: ") : o.problem + ": x0: ") + end.message);
  if (last_k > last_printed) write_row(last_k, last_x, last_f, last_g2);
  if (!header_written) write_header();
  if (csv) {
    if (end.status != Status::max_steps && end.status != Status::converged)
      err += "descent trace: " + std::string(to_string(end.status)) + ": " + end.message + "\n";
    if (end.status == Status::too_many_digits)
      err += "descent trace: use --digits D for a longer run (or raise --max-exact-digits)\n";
  } else {
    buf += "\n ], \"status\": " + json_string(std::string(to_string(end.status))) + ", \"message\": " +
           json_string(end.message) + "}\n";
  }
  writer.flush();
  if (end.status == Status::interrupted) {
    if (csv) err += "descent trace: the rows above are complete up to step " + std::to_string(last_k) + "\n";
    return exit_interrupted;
  }
  return exit_ok;
}

}  // namespace

int run_trace(const TraceOptions& o, std::string& out, std::string& err) {
  // Flags first, in the order a reader checks them; the file is read last.
  if (o.kinds) {
    if (o.methods || o.problem_given || o.method_given || o.steps_given || o.epochs_given || o.digits_given || o.exact ||
        !o.hyper.empty() || o.every_given || o.last || o.tol_given || o.x0_given || o.max_exact_digits_given)
      throw InputError("--kinds: prints the kinds of problem file; it takes no other flag but --format");
    return run_kinds(o.format, out);
  }
  if (o.methods) {
    if (o.problem_given || o.method_given || o.steps_given || o.epochs_given || o.digits_given || o.exact ||
        !o.hyper.empty() || o.every_given || o.last || o.tol_given || o.x0_given || o.max_exact_digits_given)
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
  if (o.every_given && o.last) throw InputError("--every and --last exclude each other: give one");
  if (o.every_given && (o.every < 1 || o.every > max_trace_steps))
    throw InputError("--every: " + std::to_string(o.every) + " is out of range (allowed 1 to " +
                     std::to_string(max_trace_steps) + ")");
  if (o.max_exact_digits_given && !o.exact)
    throw InputError("--max-exact-digits: only with --exact (it bounds the digits of exact rationals)");
  if (o.max_exact_digits_given && (o.max_exact_digits < 10 || o.max_exact_digits > 10'000'000))
    throw InputError("--max-exact-digits: " + std::to_string(o.max_exact_digits) +
                     " is out of range (allowed 10 to 10000000)");
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
