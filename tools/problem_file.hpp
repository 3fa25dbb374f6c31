/// \file problem_file.hpp
/// \brief Problem files of `descent trace` (docs/design.md §6): JSON read with every number
/// kept as the text of its lexeme, so that `0.1` reaches the scalar layer as the decimal
/// 1/10 and is parsed by descent::parse_scalar at the chosen arithmetic — never through
/// a `double`.
///
/// The kinds of problem (quadratic, least_squares, …) each live in one file under
/// tools/kinds/ and register themselves (problem_kinds.hpp); `descent trace --kinds` and the
/// docs page "Problem files: the kinds" list them with their fields. Every kind may add
/// `"x_prev": […]`, the iterate x_{−1} before x0, for the momentum methods (their first step
/// then remembers x0 − x_{−1}; default x_{−1} = x0, no momentum); other methods refuse it.
///
/// Numbers are JSON numbers or strings (`"0.1"`, `"1/3"`). Every defect of a file is
/// reported as a descent::InputError whose message starts with the file name and names
/// the field (`A[1][0]`, indices from 0).
#pragma once

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "descent/problems.hpp"

namespace descent::tools {


/// A JSON tree in which every number is a string holding its original text.
using LexemeJson = nlohmann::ordered_json;

/// Parse JSON `text`, keeping each number as the string of its lexeme (integers as
/// std::to_string of their value). `source` names the text in error messages. Throws
/// InputError on malformed JSON (with nlohmann's line and column) or a duplicate key.
LexemeJson parse_json_keeping_lexemes(const std::string& text, const std::string& source);

/// The whole contents of the file at `path`. Throws InputError naming the file if it is
/// missing, not a regular file, or unreadable.
std::string read_text_file(const std::string& path);

/// A problem read from a file, in arithmetic S.
template <class S>
struct LoadedProblem {
  std::string kind;                     ///< its kind (problem_kinds.hpp)
  std::unique_ptr<Problem<S>> problem;  ///< the objective
  Vec<S> x0;                            ///< the starting point, of the problem's dimension
  std::optional<Vec<S>> x_prev;         ///< the iterate before x0 (momentum methods), if given
  double multiply_adds_per_step = 0;    ///< cost of one gradient: n² (quadratic), 2dK (least squares)
};

/// Read, validate and build the problem in file `path`, every number parsed by
/// parse_scalar<S> from its text (set the precision first for Mpfr). Throws InputError
/// with a one-line message naming the file and the field.
/// `x0_elsewhere`: the starting point is given on the command line (`--x0`), so the file may
/// omit x0.
template <class S>
LoadedProblem<S> load_problem(const std::string& path, bool x0_elsewhere = false);

/// A point typed on the command line, "x1,x2,…" (decimal or p/q), in S: `flag` names it in messages
/// (`--at[1]: …`); every entry finite; exactly n entries ("--at: has 3 entries, the problem has
/// dimension 2"). Throws InputError.
template <class S>
Vec<S> parse_point(const std::string& text, const std::string& flag, int n) {
  std::vector<S> xs;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = text.find(',', start);
    const std::string item = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    const std::string what = flag + "[" + std::to_string(xs.size()) + "]";
    xs.push_back(parse_scalar<S>(item, what));
    if constexpr (!ScalarTraits<S>::exact)
      if (!is_finite<S>(xs.back())) throw InputError(what + ": must be finite");
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  if (static_cast<int>(xs.size()) != n)
    throw InputError(flag + ": has " + std::to_string(xs.size()) + " entries, the problem has dimension " + std::to_string(n));
  Vec<S> x(n);
  for (int i = 0; i < n; ++i) x(i) = xs[static_cast<std::size_t>(i)];
  return x;
}

}  // namespace descent::tools
