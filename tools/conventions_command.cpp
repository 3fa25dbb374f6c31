// `descent conventions`: the forms of every method (paper, notes, PyTorch, variants) and the
// claims behind each row, from the registry (lib/descent/methods.hpp).
#include <nlohmann/json.hpp>

#include <algorithm>
#include <stdexcept>

#include "claim.hpp"
#include "commands.hpp"
#include "descent/methods.hpp"

namespace descent::tools {

namespace {
/// Throws std::logic_error if a row names an unknown method or claim, or a method has no row.
void validate_table() {
  for (const auto& row : conventions()) {
    method_info(row.method);  // throws for an unknown method
    if (row.update.find('|') != std::string::npos || row.select.find('|') != std::string::npos)
      throw std::logic_error("conventions: row " + row.method + "/" + row.form + " has a '|' in a code cell");
    if (row.claims.empty() && row.tests.empty())
      throw std::logic_error("conventions: row " + row.method + "/" + row.form + " names no claim and no test");
    for (const auto& id : row.claims) claims::claim(id);  // throws std::out_of_range
  }
  for (const auto& m : methods())
    if (std::none_of(conventions().begin(), conventions().end(), [&](const auto& r) { return r.method == m.name; }))
      throw std::logic_error("conventions: method " + m.name + " has no row");
}
std::string joined(const std::vector<std::string>& v, const std::string& sep) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : sep) + x;
  return s;
}
// A Markdown table cell for Doxygen: '|' escaped, and "--" kept as two hyphens (Doxygen would print an
// en dash).
std::string cell(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '|') out += "\\|";
    else if (s[i] == '-' && i + 1 < s.size() && s[i + 1] == '-') {
      out += "-\\-";
      ++i;
    } else {
      out += s[i];
    }
  }
  return out;
}
}  // namespace

int run_conventions(const ConventionsOptions& options, std::string& out) {
  validate_table();
  const auto& rows = conventions();
  if (options.json) {
    nlohmann::ordered_json doc;
    doc["conventions"] = nlohmann::ordered_json::array();
    for (const auto& r : rows)
      doc["conventions"].push_back({{"method", r.method},
                                    {"form", r.form},
                                    {"source", r.source},
                                    {"update", r.update},
                                    {"differs", r.differs},
                                    {"select", "descent trace " + r.select},
                                    {"claims", r.claims},
                                    {"tests", r.tests}});
    out += doc.dump(2) + "\n";
    return exit_ok;
  }
  if (options.dox) {
    out += "/** \\page conventions Convention table\n *\n";
    out += " * Every method of the library in each form a paper, the lecture notes or PyTorch writes it, what\n";
    out += " * differs between the forms, how `descent trace` runs each one, and the claims (or tests) whose checks prove\n";
    out += " * the stated equivalence or separate the forms. Generated from the registry\n";
    out += " * (`descent conventions`, also `--json`).\n *\n";
    std::string method;
    for (const auto& r : rows) {
      if (r.method != method) {
        method = r.method;
        out += " *\n * \\section conventions_" + method + " " + method + "\n *\n";
        out += " * | form | source | update | what differs | run with | claims |\n";
        out += " * |---|---|---|---|---|---|\n";
      }
      std::string refs;
      for (const auto& id : r.claims) refs += (refs.empty() ? "" : ", ") + std::string("\\ref claim_") + id + " \"" + id + "\"";
      for (const auto& t : r.tests) refs += (refs.empty() ? "" : ", ") + std::string("test `") + t + "`";
      // update and select go in code spans, where "--" stays as typed; they hold no '|' (checked above)
      out += " * | " + cell(r.form) + " | " + cell(r.source) + " | `" + r.update + "` | " + cell(r.differs) + " | `" +
             r.select + "` | " + refs + " |\n";
    }
    out += " */\n";
    return exit_ok;
  }
  std::string method;
  for (const auto& r : rows) {
    if (r.method != method) {
      method = r.method;
      out += (out.empty() ? "" : "\n") + method + "\n";
    }
    out += "  " + r.form + ": " + r.source + "\n";
    out += "      update:  " + r.update + "\n";
    out += "      differs: " + r.differs + "\n";
    out += "      run:     descent trace " + r.select + "\n";
    if (!r.claims.empty()) out += "      claims:  " + joined(r.claims, ", ") + "\n";
    if (!r.tests.empty()) out += "      tests:   " + joined(r.tests, ", ") + "\n";
  }
  out += "\n" + std::to_string(rows.size()) + " forms of " + std::to_string(methods().size()) + " methods\n";
  return exit_ok;
}

}  // namespace descent::tools
