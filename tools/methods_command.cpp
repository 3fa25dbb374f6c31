// `descent trace --methods`: the method and schedule registry (lib/descent/methods.hpp) as
// text, as one JSON object (what the test oracles read defaults and ranges from) and as the
// docs page of every method and its flags.
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "descent/methods.hpp"

namespace descent::tools {

namespace {
nlohmann::ordered_json parameter_json(const HyperParameter& p) {
  nlohmann::ordered_json j;
  j["name"] = p.name;
  j["default"] = p.default_value.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(p.default_value);
  j["required"] = p.default_value.empty() && !p.optional;
  j["range"] = range_text(p);
  j["lower"] = p.lower.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(p.lower);
  j["lower_open"] = p.lower_open;
  j["upper"] = p.upper.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(p.upper);
  j["upper_open"] = p.upper_open;
  j["integer"] = p.integer;
  j["pair"] = p.pair;
  j["list"] = p.list;
  j["choices"] = p.choices;
  j["meaning"] = p.meaning;
  j["alias_of"] = p.alias_of.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(p.alias_of);
  return j;
}
nlohmann::ordered_json method_json(const MethodInfo& m, bool schedule) {
  nlohmann::ordered_json j;
  j["name"] = m.name;
  j["summary"] = m.summary;
  j["exact"] = m.exact;
  j["exactness"] = std::string(to_string(m.exactness));
  if (!schedule) j["schedulable"] = m.schedulable;
  j["torch"] = m.torch.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(m.torch);
  j["parameters"] = nlohmann::ordered_json::array();
  for (const auto& p : m.parameters) j["parameters"].push_back(parameter_json(p));
  if (!schedule) {
    j["forms"] = nlohmann::ordered_json::array();
    for (const auto& f : m.forms) j["forms"].push_back({{"form", f.form}, {"select", "descent trace " + f.select}});
  }
  return j;
}
// Text for a Doxygen Markdown table cell: '|' escaped, Markdown's emphasis characters and
// HTML's brackets kept literal, "--" kept as two hyphens (Doxygen would print an en dash).
std::string cell(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '|' || c == '_' || c == '*' || c == '#' || c == '@' || c == '\\') out += std::string("\\") + c;
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '&') out += "&amp;";
    else if (c == '-' && i + 1 < s.size() && s[i + 1] == '-') {
      out += "-\\-";
      ++i;
    } else {
      out += c;
    }
  }
  return out;
}
std::string range_cell(const HyperParameter& p) {
  if (p.choices.empty()) return cell(range_text(p));
  std::string s;
  for (const auto& c : p.choices) s += (s.empty() ? "" : ", ") + ("`" + c + "`");
  return "one of " + s;
}
void method_dox(const MethodInfo& m, bool schedule, std::string& out) {
  const std::string anchor = (schedule ? "schedule_" : "method_") + m.name;
  out += " * \\subsection " + anchor + " " + m.name + "\n *\n";
  out += " * " + cell(m.summary) + "\n *\n";
  out += " * Exact arithmetic (`--exact`): " + cell(m.exact) + ".";
  if (!schedule) out += std::string(" Takes `--schedule`: ") + (m.schedulable ? "yes." : "no.");
  if (!m.torch.empty()) out += " PyTorch: `" + m.torch + "`.";
  if (!m.forms.empty())
    out += " Its forms: \\ref conventions_" + m.name + " \"" + std::to_string(m.forms.size()) +
           (m.forms.size() == 1 ? " row" : " rows") + " of the convention table\".";
  out += "\n *\n";
  if (m.parameters.empty()) {
    out += " * No flags.\n *\n";
    return;
  }
  out += " * | flag | range | default | meaning |\n * |---|---|---|---|\n";
  for (const auto& p : m.parameters) {
    const std::string def = !p.default_value.empty() ? "`" + p.default_value + "`" : p.optional ? "(optional)" : "required";
    out += " * | `--" + p.name + "` | " + range_cell(p) + " | " + def + " | " + cell(p.meaning) + " |\n";
  }
  out += " *\n";
}
}  // namespace

int run_methods(const std::string& format, std::string& out) {
  if (format == "json") {
    nlohmann::ordered_json doc;
    doc["methods"] = nlohmann::ordered_json::array();
    for (const auto& m : methods()) doc["methods"].push_back(method_json(m, false));
    doc["schedules"] = nlohmann::ordered_json::array();
    for (const auto& s : schedules()) doc["schedules"].push_back(method_json(s, true));
    out += doc.dump(2) + "\n";
    return exit_ok;
  }
  if (format == "dox") {
    out += "/** \\page methods Methods and their flags\n *\n";
    out += " * Every optimizer of the library and every learning-rate schedule, as `descent trace` runs them:\n";
    out += " * the update, each flag with its admissible range, default and meaning, whether the method runs in\n";
    out += " * exact rational arithmetic and takes a schedule, and the PyTorch class of its PyTorch form.\n";
    out += " * Generated from the registry (`descent trace --methods`, also `--format json`); the forms of\n";
    out += " * each method are on the \\ref conventions page. Numbers are written as on the command line:\n";
    out += " * decimals or fractions `p/q`, pairs as `a,b`.\n *\n";
    out += " * \\section methods_optimizers Optimizers\n *\n";
    for (const auto& m : methods()) method_dox(m, false, out);
    out += " * \\section methods_schedules Learning-rate schedules (--schedule NAME)\n *\n";
    for (const auto& s : schedules()) method_dox(s, true, out);
    out += " */\n";
    return exit_ok;
  }
  if (format != "csv" && format != "text")
    throw InputError("--format: with --methods one of text, json or dox, got '" + format + "'");
  for (const auto& group : {&methods(), &schedules()}) {
    for (const auto& m : *group) {
      out += m.name + ": " + m.summary + " [exact: " + m.exact + "]" +
             (group == &methods() && m.schedulable ? " [--schedule]" : "") + "\n";
      for (const auto& p : m.parameters)
        out += "    --" + p.name + " " + range_text(p) +
               (p.default_value.empty() ? (p.optional ? "" : " (required)") : " (default " + p.default_value + ")") +
               ": " + p.meaning + "\n";
    }
    if (group == &methods()) out += "\nschedules (--schedule NAME):\n";
  }
  return exit_ok;
}

}  // namespace descent::tools
