// Private to lib/src: each optimizer family's entries of the method registry (methods.hpp),
// defined in that family's source file beside its update, and the building blocks of their
// hyper-parameter rows.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "descent/methods.hpp"

namespace descent::families {

// ---- each family's methods, in the order of the course (methods.cpp concatenates them)
std::vector<MethodInfo> gradient_descent();  // optimizers.cpp: gd
std::vector<MethodInfo> sgd();               // optimizers/sgd.cpp: sgd
std::vector<MethodInfo> momentum();          // optimizers/momentum.cpp: heavy_ball, nesterov
std::vector<MethodInfo> line_search();       // optimizers/line_search.cpp: steepest, backtracking, coordinate
std::vector<MethodInfo> newton();            // optimizers/newton.cpp: preconditioned, newton
std::vector<MethodInfo> adaptive();          // optimizers/adaptive.cpp: adagrad, rmsprop, adadelta
std::vector<MethodInfo> adam();              // optimizers/adam.cpp: adam, adamw, amsgrad, nadam
std::vector<MethodInfo> sign_based();        // optimizers/sign_based.cpp: rprop
std::vector<MethodInfo> quickprop();         // optimizers/quickprop.cpp: quickprop
std::vector<MethodInfo> perceptron();        // optimizers/perceptron.cpp: perceptron
std::vector<MethodInfo> quasi_newton();      // optimizers/quasi_newton.cpp: bfgs, lbfgs
std::vector<MethodInfo> schedules();         // optimizers/schedules.cpp: the learning-rate schedules

// ---- rows of hyper-parameters
/// A number > 0.
inline HyperParameter positive(std::string name, std::string def, std::string meaning) {
  return {.name = std::move(name), .default_value = std::move(def), .lower = "0", .meaning = std::move(meaning)};
}
/// A number >= 0.
inline HyperParameter nonnegative(std::string name, std::string def, std::string meaning) {
  return {.name = std::move(name), .default_value = std::move(def), .lower = "0", .lower_open = false,
          .meaning = std::move(meaning)};
}
/// A number in (0, 1).
inline HyperParameter unit_open(std::string name, std::string def, std::string meaning) {
  return {.name = std::move(name), .default_value = std::move(def), .lower = "0", .upper = "1",
          .meaning = std::move(meaning)};
}
/// A number in [0, 1).
inline HyperParameter unit_closed_open(std::string name, std::string def, std::string meaning) {
  return {.name = std::move(name), .default_value = std::move(def), .lower = "0", .lower_open = false, .upper = "1",
          .meaning = std::move(meaning)};
}
/// A number in [0, 1].
inline HyperParameter unit_closed(std::string name, std::string def, std::string meaning) {
  return {.name = std::move(name), .default_value = std::move(def), .lower = "0", .lower_open = false, .upper = "1",
          .upper_open = false, .meaning = std::move(meaning)};
}
/// One of the words `choices`.
inline HyperParameter word(std::string name, std::string def, std::vector<std::string> choices, std::string meaning) {
  return {.name = std::move(name), .default_value = std::move(def), .choices = std::move(choices),
          .meaning = std::move(meaning)};
}
/// An integer from lower to upper.
inline HyperParameter integer(std::string name, std::string def, std::string lower, std::string upper,
                              std::string meaning) {
  return {.name = std::move(name), .default_value = std::move(def), .lower = std::move(lower), .lower_open = false,
          .upper = std::move(upper), .upper_open = false, .integer = true, .meaning = std::move(meaning)};
}
/// The same row, marked optional: no default and not required (the method says when it is needed).
inline HyperParameter optional(HyperParameter p) {
  p.optional = true;
  return p;
}
/// `--convention` among paper, notes and pytorch (or the given subset).
inline HyperParameter convention(std::string def, std::vector<std::string> choices = {"paper", "notes", "pytorch"},
                                 std::string meaning = "whose form: paper, notes or pytorch (see descent conventions)") {
  return word("convention", std::move(def), std::move(choices), std::move(meaning));
}
/// The older spelling `name` of --convention, still accepted (listed by --help as such).
inline HyperParameter older_spelling(std::string name, std::vector<std::string> choices, std::string meaning) {
  HyperParameter p = word(std::move(name), "", std::move(choices), "older spelling of --convention: " + meaning);
  p.optional = true;
  p.alias_of = "convention";
  return p;
}
/// PyTorch's maximize flag (no | yes).
inline HyperParameter maximize() { return word("maximize", "no", {"no", "yes"}, "ascend: hand -grad f to the method (torch's maximize)"); }
/// The method, turned to ascent when --maximize yes.
template <class S>
std::unique_ptr<Optimizer<S>> maybe_maximizing(const MethodArgs& a, std::unique_ptr<Optimizer<S>> inner) {
  if (a.word("maximize") != "yes") return inner;
  return std::make_unique<Maximizing<S>>(std::move(inner));
}
/// PyTorch's betas = (beta1, beta2), each in [0, 1).
inline HyperParameter betas() {
  HyperParameter p = unit_closed_open("betas", "9/10,999/1000", "beta1,beta2: decay rates of m and v");
  p.pair = true;
  return p;
}

}  // namespace descent::families
