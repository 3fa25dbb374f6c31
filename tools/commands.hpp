/// \file commands.hpp
/// \brief The subcommands of the `descent` command (docs/design.md §6): `list`, `verify`,
/// `errata`, `conventions`, `trace` (with `--methods` and `--kinds`) and `grad`. Each one writes its whole standard output into a string, which main() prints
/// only when the command finished, so that a usage error (a descent::InputError, exit
/// code 2) never leaves partial output.
#pragma once

#include <cstdio>
#include <map>
#include <string>

namespace descent::tools {

/// Exit codes of `descent`.
inline constexpr int exit_ok = 0;       ///< success
inline constexpr int exit_failed = 1;   ///< `verify`: a check failed or a lesson misbehaved
inline constexpr int exit_usage = 2;    ///< bad input: flags, problem file
inline constexpr int exit_interrupted = 130;  ///< `trace`: stopped by Ctrl-C (SIGINT), its rows complete

/// Largest `trace --steps`.
inline constexpr long long max_trace_steps = 10'000'000;
/// Largest `trace --steps` under --exact: every step adds digits to the rationals, so the
/// output grows with the square of the number of steps (5000 steps of a 2-D quadratic:
/// about 100 MB).
inline constexpr long long max_exact_trace_steps = 5000;

/// Default of `trace --max-exact-digits`: numbers of up to 100 000 digits keep an exact run under
/// a second on the example problems (QuickProp's digits grow 2.5-fold a step: it stops at step 10).
inline constexpr long long default_max_exact_digits = 100'000;

/// Replace line breaks so that a message stays on one line.
std::string one_line(std::string s);

/// Flags of `descent list`.
struct ListOptions {
  bool json = false;  ///< one JSON object instead of the table
};

/// Flags of `descent conventions`.
struct ConventionsOptions {
  bool json = false;  ///< one JSON object {"conventions": [...]}
  bool dox = false;   ///< the docs page (Doxygen) instead of the text
};

/// Flags of `descent verify`.
struct VerifyOptions {
  bool json = false;  ///< one JSON object instead of the summary
  int digits = 0;     ///< passed to every lesson as `--digits` when > 0
};

/// Flags of `descent trace`; the numbers are kept as text and parsed in the arithmetic.
struct TraceOptions {
  bool problem_given = false;  ///< --problem was on the command line
  bool method_given = false;   ///< --method was on the command line
  std::string problem;       ///< problem file (JSON)
  std::string method;        ///< a name of descent::methods()
  /// The hyper-parameter flags given (name without dashes → text), checked against the
  /// method's registry entry by descent::make_optimizer.
  std::map<std::string, std::string> hyper;
  long long steps = -1;      ///< number of steps, 0 … max_trace_steps
  bool steps_given = false;  ///< --steps was on the command line
  long long epochs = -1;     ///< sgd: passes over the data (steps = epochs·⌈K/B⌉), instead of --steps
  bool epochs_given = false; ///< --epochs was on the command line
  int digits = 0;            ///< significant digits printed (mpfr), 0 if --digits absent
  bool digits_given = false; ///< --digits was on the command line
  bool exact = false;        ///< exact rational arithmetic
  std::string format = "csv";  ///< csv | json (with --methods: text | json | dox)
  bool methods = false;      ///< --methods: print the method registry instead of running
  bool kinds = false;        ///< --kinds: print the problem kinds instead of running
  long long every = 1;       ///< --every K: print the rows of steps 0, K, 2K, … and the last one
  bool every_given = false;  ///< --every was on the command line
  bool last = false;         ///< --last: print only the last row
  std::string tol;           ///< --tol G: stop once ‖∇f‖ ≤ G (status converged)
  bool tol_given = false;    ///< --tol was on the command line
  std::string x0;            ///< --x0 a,b,…: the starting point instead of the file's x0
  bool x0_given = false;     ///< --x0 was on the command line
  /// --max-exact-digits: an exact run stops (status too_many_digits) once a number of the iterate
  /// has more digits than this
  long long max_exact_digits = default_max_exact_digits;
  bool max_exact_digits_given = false;  ///< --max-exact-digits was on the command line
  /// Where the rows go as they are computed (main passes stdout); nullptr: into `out`.
  std::FILE* stream = nullptr;
};

/// `descent trace --methods`: the method and schedule registry as text (`format` "csv", the
/// default, or "text"), one JSON object ("json"; what the test oracles read defaults from) or
/// the docs page ("dox"). Returns the exit code.
int run_methods(const std::string& format, std::string& out);

/// `descent list`: every lesson and its claims. Returns the exit code.
int run_list(const ListOptions& options, std::string& out);

/// `descent verify`: run each `lesson_*` next to this executable with `--json`, print
/// the claim-by-claim summary. `exe_dir` is where to look for the lessons. Returns 0 if
/// every check passed, every lesson produced valid JSON and exited 0, and every claim
/// of the index was checked; 1 otherwise.
int run_verify(const VerifyOptions& options, const std::string& exe_dir, std::string& out);

/// `descent errata`: run each `lesson_*` next to this executable with `--json` and list
/// every passing `refutes` check: seed file, line, the notes' words, the instance and the
/// correction (`--json`: {"errata": [...]}). Returns 0, or 1 if a lesson failed or
/// printed invalid JSON.
int run_errata(const ListOptions& options, const std::string& exe_dir, std::string& out);

/// `descent conventions`: the convention table of every method (its forms, what differs, the
/// flags that run each, the claims behind each row). Returns 0.
int run_conventions(const ConventionsOptions& options, std::string& out);

/// Flags of `descent grad`; the numbers are kept as text and parsed in the arithmetic.
struct GradOptions {
  std::string problem;         ///< problem file (JSON)
  bool problem_given = false;  ///< --problem was on the command line
  std::string at;              ///< the point, "x1,x2,…" (decimal or p/q); empty: the file's x0
  int digits = 0;              ///< significant digits printed (mpfr)
  bool digits_given = false;   ///< --digits was on the command line
  bool exact = false;          ///< exact rational arithmetic
  bool hessian = false;        ///< also the Hessians
  bool json = false;           ///< one JSON object
};

/// `descent grad`: the gradient of a problem file's objective at a point by the library's
/// hand-written formula, by reverse-mode AD and by forward-mode AD of the formula rebuilt from the
/// problem's data (autodiff/twin.hpp), with their largest differences; `--hessian` adds the Hessians.
/// Returns 0; throws descent::InputError on bad input.
int run_grad(const GradOptions& options, std::string& out);

/// Flags of `descent certify`; the numbers are kept as text and parsed at the working precision.
struct CertifyOptions {
  std::string problem;          ///< problem file (JSON), a kind with an interval form
  bool problem_given = false;   ///< --problem was on the command line
  std::string at;               ///< the point "x1,x2,…"
  bool at_given = false;        ///< --at was on the command line
  std::string radius;           ///< the half-width r of the box
  bool radius_given = false;    ///< --radius was on the command line
  int digits = 50;              ///< working precision (Mpfr and the intervals' bounds)
  bool json = false;            ///< one JSON object
};

/// `descent certify`: polish the point by Newton (Mpfr), then decide on the box of that radius around
/// it with interval arithmetic — Krawczyk's test for ∇f and the interval Hessian — whether it holds
/// exactly one critical point and of which kind (minimum, maximum, saddle), none, or that it cannot
/// tell (undetermined, with the reason). Returns 0; throws descent::InputError on bad input.
int run_certify(const CertifyOptions& options, std::string& out);

/// `descent trace`: run one optimizer on a problem file. Returns 0 (a diverged run is a
/// result); throws descent::InputError on bad input. `err` receives the divergence note
/// printed on stderr in CSV format.
int run_trace(const TraceOptions& options, std::string& out, std::string& err);

}  // namespace descent::tools
