/// \file methods.hpp
/// \brief The registry of methods (docs/design.md §5, "one description per method"): each
/// optimizer's name, its hyper-parameters with default, admissible range and meaning,
/// whether it runs in exact arithmetic, whether it takes a schedule, its forms (the
/// convention table) and its factory, written once beside the optimizer's update in its
/// family's source file. `descent trace`'s flags, `--help` and their checks, the convention
/// table, the command page's method section and `descent trace --methods --json` are
/// generated from this list.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "descent/optimizers.hpp"
#include "descent/optimizers/schedules.hpp"

namespace descent {

/// One hyper-parameter of a method, as a command-line flag `--name`.
struct HyperParameter {
  std::string name;           ///< flag name without the dashes, e.g. "eta"
  std::string default_value;  ///< text of the default; empty: the flag is required
  std::string lower;          ///< lower bound as text; empty: none
  bool lower_open = true;     ///< the lower bound is excluded
  std::string upper;          ///< upper bound as text; empty: none
  bool upper_open = true;     ///< the upper bound is excluded
  bool integer = false;       ///< an integer (bounds inclusive)
  std::vector<std::string> choices;  ///< non-empty: one of these words
  std::string meaning;        ///< one line, with the formula it enters
  bool optional = false;      ///< no default and not required (the method says when it is needed)
  bool pair = false;          ///< two numbers "a,b" (PyTorch's tuples: betas, etas, step_sizes), each in the range
  bool list = false;          ///< integers "a,b,c,…", at least one (MultiStepLR's milestones), each in the range
  /// Non-empty: an older spelling of that flag (`--form` of `--convention`), still accepted;
  /// MethodArgs::convention() reads the two as one.
  std::string alias_of = {};
};

/// The admissible range in words: "> 0", "in (0, 1)", "in [0, 1)", "integer 1 to 1000",
/// "diag | whiten".
std::string range_text(const HyperParameter& p);

/// Whether a method runs in exact rational arithmetic (`descent trace --exact`).
enum class Exactness {
  yes,          ///< always (no square roots, no transcendental functions)
  no,           ///< never (square roots or exp); the registry refuses --exact with a message
  conditional   ///< for some flags or problems (MethodInfo::exact says when)
};
/// "yes", "no" or "conditional".
std::string_view to_string(Exactness e);

/// One row of the convention table (`descent conventions`, the docs' conventions page): one
/// form of one method as a paper, the lecture notes or PyTorch writes it, how it differs from
/// the method's other forms, and the claims whose checks prove the stated equivalence or
/// separate the forms.
struct ConventionRow {
  std::string method;   ///< a name of methods()
  std::string form;     ///< "paper", "notes", "pytorch", or a variant's name
  std::string source;   ///< where this form is written (paper, seed, torch.optim class)
  std::string update;   ///< the update in one line (plain text)
  std::string differs;  ///< what differs from the other forms, or "same as …" with its condition
  std::string select;   ///< the `descent trace` flags that run this form
  std::vector<std::string> claims;  ///< claim ids whose checks back the row
  /// Tests of the repository that back the row when no lesson's claim does (e.g. the run against
  /// real torch.optim, `tests/cli/torch_oracle.py`); a row names claims, tests, or both.
  std::vector<std::string> tests = {};
};

struct MethodInfo;

/// The flags given to one method, read against its parameters: each accessor parses the
/// flag's text (or its default) and checks it against the range in the registry, so a
/// factory never restates a default or a range. Errors are InputError naming the flag.
class MethodArgs {
 public:
  /// `given`: flag name without dashes → text, only the method's own flags.
  MethodArgs(const MethodInfo& method, const std::map<std::string, std::string>& given);
  /// The method these flags are for.
  const MethodInfo& method() const { return method_; }
  /// True when the flag was given on the command line (not defaulted).
  bool has(std::string_view flag) const;
  /// The flag's number in S, in its range (its default when not given; InputError when required and missing).
  template <class S>
  S number(std::string_view flag) const;
  /// The flag's two numbers "a,b" (PyTorch's tuples), each in the flag's range.
  template <class S>
  std::pair<S, S> pair(std::string_view flag) const;
  /// The flag's integer, within its bounds.
  int integer(std::string_view flag) const;
  /// A list flag's integers, each checked against the range; InputError naming the flag.
  std::vector<long long> integers(std::string_view flag) const;
  /// The flag's word, one of its choices.
  std::string word(std::string_view flag) const;
  /// The flag's text as given, or its default.
  std::string text(std::string_view flag) const;
  /// The form the method runs (`--convention`), also when given by its older spelling `old`
  /// (`--form`, `--variant`, `--order`): the older flag's value if only it was given, the
  /// default of --convention if neither; InputError when both were given.
  std::string convention(std::string_view old) const;
  /// Throws InputError "--flag: why" when the flag was given.
  void refuse(std::string_view flag, const std::string& why) const;

 private:
  const HyperParameter& parameter(std::string_view flag) const;
  const MethodInfo& method_;
  const std::map<std::string, std::string>& given_;
};

/// Builds the method in one arithmetic from its flags.
template <class S>
using MethodFactory = std::unique_ptr<Optimizer<S>> (*)(const MethodArgs&);
/// Builds a learning-rate schedule in one arithmetic from its flags.
template <class S>
using ScheduleFactory = Schedule<S> (*)(const MethodArgs&);

/// One method of the library: everything the registry, the factory, `descent trace`'s flags
/// and `--help`, the convention table, the command page and `descent trace --methods --format
/// json` know about it, written once, beside its update (in its family's source file under
/// lib/src/optimizers).
struct MethodInfo {
  std::string name;                        ///< as on the command line
  std::string summary;                     ///< the update in one line
  std::vector<HyperParameter> parameters;  ///< its flags, in order (PyTorch's names where PyTorch has the method)
  /// "yes", "no (square roots)", or when it can run on rationals (e.g. "on quadratics").
  std::string exact;
  Exactness exactness = Exactness::yes;  ///< exact as a category
  /// Takes `--schedule` (a step size the schedule multiplies: Optimizer::step_size()).
  bool schedulable = false;
  std::string torch;                      ///< the torch.optim class of the PyTorch form, or empty
  std::vector<ConventionRow> forms;       ///< its rows of the convention table (at least one)
  /// The work of one step, for `descent trace`'s refusal of runs that would take minutes: about this
  /// many evaluations of f and ∇f (a line search's typical number of trials) …
  double evaluations_per_step = 1;
  /// When set, replaces evaluations_per_step with a count that depends on the flags (torch's LBFGS:
  /// max_eval per step).
  double (*step_evaluations)(const MethodArgs&) = nullptr;
  /// … plus, when true, a Hessian (counted as n evaluations) and an n×n solve (n³/3 multiply-adds) …
  bool uses_hessian = false;
  /// … plus, when true, n² multiply-adds (a dense quasi-Newton matrix).
  bool dense_matrix = false;
  MethodFactory<double> make_double = nullptr;    ///< the factory in double
  MethodFactory<Mpfr> make_mpfr = nullptr;        ///< the factory at --digits D
  MethodFactory<Rational> make_exact = nullptr;   ///< the factory with --exact; nullptr when exactness is no
  ScheduleFactory<double> schedule_double = nullptr;    ///< a schedule's factory in double (schedules() only)
  ScheduleFactory<Mpfr> schedule_mpfr = nullptr;        ///< a schedule's factory at --digits D
  ScheduleFactory<Rational> schedule_exact = nullptr;   ///< a schedule's factory with --exact; nullptr when not exact
};

/// Every method, in course order (the families of lib/src/optimizers, each listing its own).
const std::vector<MethodInfo>& methods();
/// The method with this name; throws InputError "--method: unknown method …" naming the
/// known ones.
const MethodInfo& method_info(std::string_view name);
/// Every learning-rate schedule (optimizers/schedules.hpp), as MethodInfo: name, m_k,
/// parameters, exactness, factories. `--schedule NAME` applies to every schedulable method.
const std::vector<MethodInfo>& schedules();
/// The flags of the schedules: `schedule` (the name) and each schedule's parameters.
std::vector<HyperParameter> schedule_parameters();
/// Every flag name any method or schedule takes (the union of the parameters), sorted.
std::vector<std::string> hyper_parameter_names();

/// The convention table: the forms of every method of methods(), in the registry's order.
const std::vector<ConventionRow>& conventions();

/// Build the method `name` from the flags given (name without dashes → text). A missing
/// flag takes its default; a required one missing, a flag the method does not take, a
/// value that does not parse or lies outside its range each throw InputError naming the
/// flag. With S = Rational, a method that needs square roots throws InputError. A
/// `schedule` flag wraps the method in Scheduled (methods with `eta` only); a schedule's
/// parameter without that schedule is an error.
template <class S>
std::unique_ptr<Optimizer<S>> make_optimizer(std::string_view name, const std::map<std::string, std::string>& given);

}  // namespace descent
