/// \file methods.hpp
/// \brief The registry of methods (docs/design.md §5, "one description per method"): each
/// optimizer's name, its hyper-parameters with default, admissible range and meaning,
/// whether it runs in exact arithmetic, and its factory. `descent trace --help`, the
/// checks on its flags and the docs' method table are generated from this list.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "descent/optimizers.hpp"

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
};

/// The admissible range in words: "> 0", "in (0, 1)", "in [0, 1)", "integer 1 to 1000",
/// "diag | whiten".
std::string range_text(const HyperParameter& p);

/// One method of the library.
struct MethodInfo {
  std::string name;                        ///< as on the command line
  std::string summary;                     ///< the update in one line
  std::vector<HyperParameter> parameters;  ///< its flags, in order
  /// "yes", "no", or when it can run on rationals (e.g. "on quadratics").
  std::string exact;
};

/// Every method, in course order.
const std::vector<MethodInfo>& methods();
/// The method with this name; throws InputError "--method: unknown method …" naming the
/// known ones.
const MethodInfo& method_info(std::string_view name);
/// Every learning-rate schedule (optimizers/schedules.hpp), as MethodInfo: name, m_k,
/// parameters, exactness. `--schedule NAME` applies to every method with an `--eta`.
const std::vector<MethodInfo>& schedules();
/// The flags of the schedules: `schedule` (the name) and each schedule's parameters.
std::vector<HyperParameter> schedule_parameters();
/// Every flag name any method or schedule takes (the union of the parameters), sorted.
std::vector<std::string> hyper_parameter_names();

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
};
/// The convention table: every method of methods(), each with one or more forms, in course order.
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
