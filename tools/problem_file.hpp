/// \file problem_file.hpp
/// \brief Problem files of `descent trace` (docs/design.md §6): JSON read with every number
/// kept as the text of its lexeme, so that `0.1` reaches the scalar layer as the decimal
/// 1/10 and is parsed by descent::parse_scalar at the chosen arithmetic — never through
/// a `double`.
///
/// Eight kinds of problem:
/// - `{"kind": "quadratic", "A": [[…]], "b": […], "c": "0", "x0": […]}` for
///   \f$ \tfrac12 x^\top A x - b^\top x + c \f$ (`c` optional, default 0);
/// - `{"kind": "least_squares", "Phi": [[…]], "y": […], "x0": […]}` for
///   \f$ \|\Phi^\top w - y\|^2 \f$, Φ of size d×K (rows of the JSON array are rows of Φ);
/// - `{"kind": "rosenbrock", "n": 10, "x0": […]}` for the n-dimensional Rosenbrock function;
/// - `{"kind": "logistic", "X": [[…]], "y": […], "lambda": "0.01", "x0": […]}` for
///   L2-regularized logistic regression (one example per row of X, labels 0 or 1), or with
///   `"generate": {"seed": 1, "m": 1000, "scales": [1, 100, 0.01]}` instead of X and y for
///   the seeded data set of descent::scaled_classification_data (not with --exact);
/// - `{"kind": "huber", "delta": "1/2", "L": 1, "x0": […]}` for L Σᵢ h_δ(xᵢ), the Huber
///   function in the dimension of x0 (`L` optional, default 1);
/// - `{"kind": "lessard", "mu": 1, "L": 25, "x0": [3]}` for the 1-D function of Lessard,
///   Recht & Packard (2016) (`mu`, `L` optional, defaults 1 and 25);
/// - `{"kind": "mlp", "layers": [2, 3, 1], "activation": "sigmoid", "output": "identity",
///   "divergence": "l2", "bias": true, "X": [[…]], "D": [[…]], "x0": […]}` for the network of
///   problems/mlp.hpp (one example per row of X and D; θ in its layout), with the defaults shown
///   for the optional `activation` (hidden layers), `output`, `divergence` (`l2` or `cross_entropy`)
///   and `bias`; or `"generate": {"set": "regression" or "two_class", "seed": 1, "K": 20, "noise": 0.5}`
///   instead of X and D, and `"init": {"seed": 1, "scale": "1/2"}` instead of x0 (seeded weights on
///   the grid of sixteenths). Exact arithmetic needs identity or square activations and l2;
/// - `{"kind": "brady", "t": 10, "epsilon": "1/100", "points": [1, 2, 3, 4], "x0": […]}` for
///   lesson 16's sigmoid neuron on the points of Brady, Raghavan & Slawny (1989), the fourth
///   at (0, −t), 0 < t ≤ 10⁶ (`epsilon` and `points` optional, defaults shown; not with --exact).
///
/// Every kind may add `"x_prev": […]`, the iterate x_{−1} before x0, for the momentum
/// methods (their first step then remembers x0 − x_{−1}; default x_{−1} = x0, no momentum);
/// other methods refuse it.
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
  std::string kind;                     ///< quadratic | least_squares | rosenbrock | logistic | huber | lessard | mlp | brady
  std::unique_ptr<Problem<S>> problem;  ///< the objective
  Vec<S> x0;                            ///< the starting point, of the problem's dimension
  std::optional<Vec<S>> x_prev;         ///< the iterate before x0 (momentum methods), if given
  double multiply_adds_per_step = 0;    ///< cost of one gradient: n² (quadratic), 2dK (least squares)
};

/// Read, validate and build the problem in file `path`, every number parsed by
/// parse_scalar<S> from its text (set the precision first for Mpfr). Throws InputError
/// with a one-line message naming the file and the field.
template <class S>
LoadedProblem<S> load_problem(const std::string& path);

}  // namespace descent::tools
