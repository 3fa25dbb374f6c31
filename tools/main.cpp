// The `descent` command (docs/design.md §6): list, verify, errata, conventions, trace, grad, certify.
#include <CLI/CLI.hpp>

#include <filesystem>
#include <map>
#include <iostream>

#include "commands.hpp"
#include "problem_kinds.hpp"
#include "descent/methods.hpp"
#include "descent/scalar.hpp"

namespace {

/// The directory holding this executable (where `verify` looks for the lessons).
std::string executable_dir(const char* argv0) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (ec) self = fs::weakly_canonical(fs::path(argv0), ec);
  return self.parent_path().string();
}

}  // namespace

/// Parse the command line, run one subcommand, print its buffered output. Exit codes:
/// 0 success, 1 `verify` found a failure, 2 usage error (one line on stderr, nothing on
/// stdout).
int main(int argc, char** argv) {
  using namespace descent::tools;
  CLI::App app{"descent — verified gradient-based optimization: the lessons' claims and the optimizer library",
               "descent"};
  app.require_subcommand(1);

  ListOptions list_options;
  CLI::App* list = app.add_subcommand("list", "list every lesson and its claims (id, source)");
  list->add_flag("--json", list_options.json, "print one JSON object");

  ListOptions errata_options;
  CLI::App* errata = app.add_subcommand(
      "errata", "run every lesson and list the statements of the lecture notes they refute: seed file, line, the "
                "quote, the instance and the correction; exit 1 if a lesson fails");
  errata->add_flag("--json", errata_options.json, "print one JSON object {\"errata\": [...]}");

  ConventionsOptions conventions_options;
  CLI::App* conventions = app.add_subcommand(
      "conventions", "the convention table: every method in the forms of its paper, the lecture notes and PyTorch, "
                     "what differs, the trace flags that run each form, and the claims behind each row");
  auto* conv_json = conventions->add_flag("--json", conventions_options.json, "print one JSON object {\"conventions\": [...]}");
  conventions->add_flag("--dox", conventions_options.dox, "print the docs page (Doxygen)")->excludes(conv_json);

  VerifyOptions verify_options;
  CLI::App* verify = app.add_subcommand(
      "verify", "run every lesson_* next to this executable with --json and summarize the checks claim by claim; "
                "exit 1 on any failed check, misbehaving lesson or unchecked claim");
  verify->add_flag("--json", verify_options.json, "print one JSON object");
  verify->add_option("--digits", verify_options.digits,
                     "passed to every lesson: digits of its multiprecision checks, " +
                         std::to_string(descent::min_digits) + " to " + std::to_string(descent::max_digits) +
                         " (default: each lesson's own, 50)")
      ->check(CLI::Range(descent::min_digits, descent::max_digits));

  TraceOptions trace_options;
  CLI::App* trace = app.add_subcommand("trace", "run one optimizer on a problem file and print the trajectory "
                                                "(columns step,f,grad_norm2,x1,...,xn)");
  CLI::Option* problem = trace->add_option(
      "--problem", trace_options.problem,
      "problem file (JSON; kind " + descent::tools::kind_names("or") + "; optional x_prev, the "
      "iterate before x0, for the momentum methods); required");
  std::string method_help = "the method; required. One of:";
  for (const auto& m : descent::methods()) {
    method_help += "\n  " + m.name + ": " + m.summary + " [exact: " + m.exact + "]";
    for (const auto& p : m.parameters)
      method_help += "\n      --" + p.name + " " + descent::range_text(p) +
                     (p.default_value.empty() ? (p.optional ? "" : " (required)") : " (default " + p.default_value + ")") +
                     ": " + p.meaning;
  }
  std::string schedulable;
  for (const auto& m : descent::methods())
    if (m.schedulable) schedulable += (schedulable.empty() ? "" : ", ") + m.name + (m.name == "coordinate" ? " with --eta > 0" : "");
  method_help += "\nEvery method with a step size --eta or --lr (" + schedulable +
                 "; not backtracking, whose --eta is a trial step, nor rprop, whose --lr is its first step length) "
                 "takes --schedule NAME: eta_k = eta m_k (with nesterov --L, eta = 1/L); default constant:";
  for (const auto& s : descent::schedules()) {
    method_help += "\n  " + s.name + ": " + s.summary + " [exact: " + s.exact + "]";
    for (const auto& p : s.parameters)
      method_help += "\n      --" + p.name + " " + descent::range_text(p) +
                     (p.default_value.empty() ? (p.optional ? "" : " (required)") : " (default " + p.default_value + ")") +
                     ": " + p.meaning;
  }
  CLI::Option* method = trace->add_option("--method", trace_options.method, method_help);
  // One flag per hyper-parameter of the registry (lib/descent/methods.hpp); which
  // methods take it and its range are checked by make_optimizer.
  std::vector<std::pair<std::string, CLI::Option*>> hyper_options;
  std::map<std::string, std::string> hyper_text;
  for (const auto& flag : descent::hyper_parameter_names()) {
    std::string takers, kind = "a number, decimal or p/q";
    for (const auto& m : descent::methods())
      for (const auto& p : m.parameters)
        if (p.name == flag) {
          takers += (takers.empty() ? "" : ", ") + m.name;
          if (p.integer) kind = "an integer";
          if (!p.choices.empty()) kind = "one of " + descent::range_text(p);
        }
    std::string help = "hyper-parameter of " + takers + " (range and default: see --method); " + kind;
    if (flag == "schedule")
      help = "learning-rate schedule of any method with --eta or --lr (see --method); one of " +
             descent::range_text(descent::schedule_parameters().front());
    else if (takers.empty()) {  // a schedule's: each schedule that takes it, with its meaning and range there
      help.clear();
      for (const auto& s : descent::schedules())
        for (const auto& p : s.parameters)
          if (p.name == flag)
            help += (help.empty() ? "parameter of --schedule " : "; of --schedule ") + s.name + ": " + p.meaning + ", " +
                    descent::range_text(p) + (p.default_value.empty() ? "" : " (default " + p.default_value + ")");
    }
    hyper_options.emplace_back(flag, trace->add_option("--" + flag, hyper_text[flag], help));
  }
  CLI::Option* steps = trace->add_option(
      "--steps", trace_options.steps,
      "number of steps, 0 to " + std::to_string(max_trace_steps) + " (at most " + std::to_string(max_exact_trace_steps) +
          " with --exact; runs whose output or arithmetic would be too large are refused); required");
  CLI::Option* digits = trace->add_option(
      "--digits", trace_options.digits,
      "compute in mpfr at D+20 digits and print D significant digits; each value is accurate to about D digits "
      "relative to the size of the terms that formed it (a value that cancels to near 0, like grad_norm2 at "
      "convergence, has an absolute, not relative, error); D from " +
          std::to_string(descent::min_digits) + " to " + std::to_string(descent::max_digits));
  trace->add_flag("--exact", trace_options.exact, "exact rational arithmetic (values printed as p/q)");
  CLI::Option* every = trace->add_option("--every", trace_options.every,
                                         "print the rows of steps 0, K, 2K, ... and the last row only (K >= 1)");
  CLI::Option* last = trace->add_flag("--last", trace_options.last, "print only the last row (with the run's status)");
  CLI::Option* tol = trace->add_option("--tol", trace_options.tol,
                                       "stop once |grad f(x_k)| <= G (status converged); G > 0, decimal or p/q");
  CLI::Option* x0 = trace->add_option("--x0", trace_options.x0,
                                      "the starting point a,b,... (decimal or p/q) instead of the file's x0");
  CLI::Option* max_exact_digits = trace->add_option(
      "--max-exact-digits", trace_options.max_exact_digits,
      "--exact only: stop (status too_many_digits) once a number of the iterate has more digits than this, 10 to "
      "10000000 (default " + std::to_string(descent::tools::default_max_exact_digits) + ")");
  trace->add_option("--format", trace_options.format, "csv (default) or json; with --methods: text, json or dox");
  trace->add_flag("--kinds", trace_options.kinds,
                  "print every kind of problem file (fields, exactness, an example file) and exit: --format json for one "
                  "JSON object, dox for the docs page");
  trace->add_flag("--methods", trace_options.methods,
                  "print every method and schedule of the registry (flags, defaults, ranges, exactness, forms) and exit: "
                  "--format json for one JSON object, dox for the docs page");
  // --problem, --method, --steps and the method's required flags are required, but checked in run_trace so that
  // an unknown flag is reported before a missing one.

  GradOptions grad_options;
  CLI::App* grad = app.add_subcommand(
      "grad", "the gradient of a problem file's objective at a point three ways: the library's formula (for kind mlp "
              "its backward pass), reverse-mode AD and forward-mode AD of the objective rebuilt from the file's data, "
              "with their largest differences (--hessian: the Hessians too)");
  CLI::Option* grad_problem = grad->add_option(
      "--problem", grad_options.problem,
      "problem file (JSON), any kind of descent trace (" + descent::tools::kind_names("or") + "); required");
  grad->add_option("--at", grad_options.at,
                   "the point, comma-separated (decimal or p/q, e.g. 1/2,-3); default: the file's x0");
  CLI::Option* grad_digits = grad->add_option(
      "--digits", grad_options.digits,
      "compute in mpfr with 20 guard digits and print D significant digits (" + std::to_string(descent::min_digits) +
          " to " + std::to_string(descent::max_digits) + "); default: double");
  grad->add_flag("--exact", grad_options.exact, "exact rational arithmetic (polynomial problems; values as p/q)");
  grad->add_flag("--hessian", grad_options.hessian, "also the library's Hessian and forward-over-forward AD's (n <= 200)");
  grad->add_flag("--json", grad_options.json, "print one JSON object");
  CertifyOptions certify_options;
  CLI::App* certify = app.add_subcommand(
      "certify", "decide with interval arithmetic what critical point a box holds: polish --at by Newton, then "
                 "Krawczyk's test for grad f and the interval Hessian on the box of half-width --radius around it: "
                 "minimum, maximum, saddle, no critical point in the box, or undetermined (with the reason)");
  CLI::Option* certify_problem = certify->add_option(
      "--problem", certify_options.problem,
      "problem file (JSON) of a kind with an interval form (" + descent::tools::interval_kind_names("or") + "); required");
  CLI::Option* certify_at = certify->add_option("--at", certify_options.at, "the point, comma-separated (decimal or p/q); required");
  CLI::Option* certify_radius = certify->add_option("--radius", certify_options.radius,
                                                    "half-width r > 0 of the box around the polished point; required");
  certify->add_option("--digits", certify_options.digits,
                      "working precision, " + std::to_string(descent::min_digits) + " to " +
                          std::to_string(descent::max_digits) + " (default 50)");
  certify->add_flag("--json", certify_options.json, "print one JSON object");
  CLI::Option* epochs = trace->add_option(
      "--epochs", trace_options.epochs,
      "--method sgd only: passes over the data instead of --steps (steps = epochs x ceil(K/B)), 1 to 1000000");

  // An unknown subcommand, or a flag before the subcommand, would otherwise be reported
  // as an unexpected argument or a missing subcommand.
  if (argc > 1) {
    const std::string first = argv[1];
    const bool help = first == "-h" || first == "--help";
    const bool flag = !first.empty() && first.front() == '-';
    if (flag && !help) {
      std::cerr << "descent: unknown flag '" << one_line(first)
                << "' (flags come after the subcommand: list, verify, errata, conventions, trace, grad, certify; run descent --help)\n";
      return exit_usage;
    }
    if (!flag && first != "list" && first != "verify" && first != "errata" && first != "conventions" && first != "trace" &&
        first != "grad" && first != "certify") {
      std::cerr << "descent: unknown subcommand '" << one_line(first)
                << "' (known: list, verify, errata, conventions, trace, grad, certify; run descent --help)\n";
      return exit_usage;
    }
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);  // help on stdout, exit 0
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::string message = e.what();
    if (dynamic_cast<const CLI::RequiredError*>(&e) && app.get_subcommands().empty())
      message = "a subcommand is required (list, verify, errata, conventions, trace, grad, certify)";
    std::cerr << "descent: " << one_line(message) << " (run descent --help)\n";
    return exit_usage;
  }

  std::string out, err;
  std::string name = "descent";
  int code = exit_ok;
  try {
    if (list->parsed()) {
      name += " list";
      code = run_list(list_options, out);
    } else if (errata->parsed()) {
      name += " errata";
      code = run_errata(errata_options, executable_dir(argv[0]), out);
    } else if (conventions->parsed()) {
      name += " conventions";
      code = run_conventions(conventions_options, out);
    } else if (verify->parsed()) {
      name += " verify";
      code = run_verify(verify_options, executable_dir(argv[0]), out);
    } else if (certify->parsed()) {
      name += " certify";
      certify_options.problem_given = certify_problem->count() > 0;
      certify_options.at_given = certify_at->count() > 0;
      certify_options.radius_given = certify_radius->count() > 0;
      code = run_certify(certify_options, out);
    } else if (grad->parsed()) {
      name += " grad";
      grad_options.problem_given = grad_problem->count() > 0;
      grad_options.digits_given = grad_digits->count() > 0;
      code = run_grad(grad_options, out);
    } else {
      name += " trace";
      trace_options.epochs_given = epochs->count() > 0;
      trace_options.problem_given = problem->count() > 0;
      trace_options.method_given = method->count() > 0;
      for (const auto& [flag, option] : hyper_options)
        if (option->count() > 0) trace_options.hyper[flag] = hyper_text[flag];
      trace_options.digits_given = digits->count() > 0;
      trace_options.steps_given = steps->count() > 0;
      trace_options.every_given = every->count() > 0;
      trace_options.tol_given = tol->count() > 0;
      trace_options.x0_given = x0->count() > 0;
      trace_options.last = last->count() > 0;
      trace_options.max_exact_digits_given = max_exact_digits->count() > 0;
      trace_options.stream = stdout;
      code = run_trace(trace_options, out, err);
    }
  } catch (const descent::InputError& e) {
    std::cerr << name << ": " << one_line(e.what()) << "\n";
    return exit_usage;
  } catch (const std::exception& e) {
    std::cerr << name << ": internal error: " << one_line(e.what()) << "\n";
    return exit_failed;
  }
  std::cout << out << std::flush;
  if (!std::cout) {
    std::cerr << name << ": cannot write to standard output\n";
    return exit_failed;
  }
  std::cerr << err;
  return code;
}
