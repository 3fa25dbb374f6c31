// The kinds of problem file of `descent trace` and `descent grad`: one file per kind under
// tools/kinds/ (its reader with its checks and messages, its cost estimate, its documentation
// paragraph and its example file) registers itself here; the list of kinds in messages,
// --help and the docs comes from this registry.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "problem_file.hpp"
#include "problem_reader.hpp"

namespace descent::tools {

/// Reads the fields of one kind from `doc` into `loaded` (problem, cost estimate, and x0 when the
/// kind makes it itself); the common fields x0 and x_prev are read after it.
template <class S>
using KindReader = void (*)(const LexemeJson& doc, const FieldReader<S>& read, const std::string& path,
                            LoadedProblem<S>& loaded);

/// One kind of problem file.
struct ProblemKind {
  int order = 0;              ///< position in lists (course order)
  std::string name;           ///< the value of the file's "kind"
  std::string summary;        ///< the objective in one line (plain text)
  std::string doc;            ///< the documentation paragraph (Doxygen Markdown): fields, defaults, ranges
  std::string example;        ///< an example file, relative to the source tree (examples/…)
  bool sum_over_examples = false;  ///< a FiniteSum: sgd and --epochs run on it
  std::string exact;          ///< when it runs with --exact ("yes", "no (exp)", …)
  KindReader<double> read_double = nullptr;    ///< the reader in double
  KindReader<Mpfr> read_mpfr = nullptr;        ///< the reader at --digits D
  KindReader<Rational> read_exact = nullptr;   ///< the reader with --exact (refuses where it cannot)
  /// The reader in interval arithmetic (`descent certify`); nullptr for a kind without an interval form.
  KindReader<Interval> read_interval = nullptr;
};
/// The kinds with an interval form (`descent certify`), as kind_names.
std::string interval_kind_names(std::string_view last);

/// Add a kind (called once per file under tools/kinds/, at start-up); returns true.
bool register_kind(ProblemKind kind);
/// Every kind, in course order.
const std::vector<ProblemKind>& problem_kinds();
/// The kind with this name; InputError "FILE: kind: unknown kind 'x' (known: …)" otherwise.
const ProblemKind& problem_kind(const std::string& name, const std::string& file);
/// "quadratic, least_squares, … or brady" (`last` joins the last two).
std::string kind_names(std::string_view last);
/// The kinds that are sums over examples, as kind_names.
std::string sum_kind_names(std::string_view last);

/// `descent trace --kinds`: the kinds as text, one JSON object ("json") or the docs page ("dox").
int run_kinds(const std::string& format, std::string& out);

}  // namespace descent::tools
