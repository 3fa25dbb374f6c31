// The registry of problem kinds (each kind registers itself from its file under tools/kinds/).
#include "problem_kinds.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace descent::tools {

namespace {
std::vector<ProblemKind>& registry() {
  static std::vector<ProblemKind> kinds;
  return kinds;
}
std::string joined(const std::vector<std::string>& names, std::string_view last) {
  std::string s;
  for (std::size_t i = 0; i < names.size(); ++i)
    s += (i == 0 ? "" : i + 1 == names.size() ? " " + std::string(last) + " " : ", ") + names[i];
  return s;
}
}  // namespace

bool register_kind(ProblemKind kind) {
  auto& kinds = registry();
  kinds.push_back(std::move(kind));
  std::sort(kinds.begin(), kinds.end(), [](const auto& a, const auto& b) { return a.order < b.order; });
  return true;
}

const std::vector<ProblemKind>& problem_kinds() { return registry(); }

const ProblemKind& problem_kind(const std::string& name, const std::string& file) {
  for (const auto& k : problem_kinds())
    if (k.name == name) return k;
  throw InputError(file + ": kind: unknown kind '" + one_line(name) + "' (known: " + kind_names("or") + ")");
}

std::string kind_names(std::string_view last) {
  std::vector<std::string> names;
  for (const auto& k : problem_kinds()) names.push_back(k.name);
  return joined(names, last);
}

std::string sum_kind_names(std::string_view last) {
  std::vector<std::string> names;
  for (const auto& k : problem_kinds())
    if (k.sum_over_examples) names.push_back(k.name);
  return joined(names, last);
}

std::string interval_kind_names(std::string_view last) {
  std::vector<std::string> names;
  for (const auto& k : problem_kinds())
    if (k.read_interval) names.push_back(k.name);
  return joined(names, last);
}

int run_kinds(const std::string& format, std::string& out) {
  if (format == "json") {
    nlohmann::ordered_json doc;
    doc["kinds"] = nlohmann::ordered_json::array();
    for (const auto& k : problem_kinds())
      doc["kinds"].push_back({{"name", k.name},
                              {"summary", k.summary},
                              {"example", k.example},
                              {"sum_over_examples", k.sum_over_examples},
                              {"exact", k.exact},
                              {"interval", k.read_interval != nullptr}});
    out += doc.dump(2) + "\n";
    return exit_ok;
  }
  if (format == "dox") {
    out += "/** \\page problem_kinds Problem files: the kinds\n *\n";
    out += " * The problem file of `descent trace` and `descent grad` is one JSON object whose `kind` is one of\n";
    out += " * the kinds below (generated from the registry: `descent trace --kinds`, also `--format json`).\n";
    out += " * Every kind takes `x0`, the starting point, and may add `x_prev`, the iterate before it, for the\n";
    out += " * momentum methods (their first step then remembers x0 − x_prev; default x_prev = x0: no\n";
    out += " * momentum). Numbers are JSON numbers or strings (`\"0.1\"`, `\"1/3\"`), read in the run's\n";
    out += " * arithmetic from their text, never through a `double`. Every defect of a file is a usage error\n";
    out += " * whose one-line message names the file and the field (`A[1][0]`, indices from 0).\n *\n";
    for (const auto& k : problem_kinds()) {
      out += " * \\section kind_" + k.name + " " + k.name + "\n *\n";
      out += " * " + k.doc + "\n *\n";
      out += " * Exact arithmetic (`--exact`): " + k.exact + "." +
             (k.sum_over_examples ? " A sum over examples: `--method sgd` and `--epochs` run on it." : "") +
             (k.read_interval ? " Interval form: `descent certify` decides its critical points." : "") +
             " Example: `" + k.example + "`.\n *\n";
    }
    out += " */\n";
    return exit_ok;
  }
  if (format != "csv" && format != "text")
    throw InputError("--format: with --kinds one of text, json or dox, got '" + format + "'");
  for (const auto& k : problem_kinds())
    out += k.name + ": " + k.summary + " [exact: " + k.exact + "]" + (k.sum_over_examples ? " [sum over examples]" : "") +
           (k.read_interval ? " [interval: descent certify]" : "") +
           "\n    example: " + k.example + "\n";
  return exit_ok;
}

}  // namespace descent::tools
