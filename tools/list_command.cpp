// `descent list`: the lessons and their claims, from the claim index.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <utility>
#include <vector>

#include "claim.hpp"
#include "commands.hpp"
#include "plain_text.hpp"

namespace descent::tools {

namespace {
/// The claims grouped by lesson, lessons in order of first appearance in the index.
std::vector<std::pair<std::string_view, std::vector<const claims::ClaimInfo*>>> by_lesson() {
  std::vector<std::pair<std::string_view, std::vector<const claims::ClaimInfo*>>> groups;
  for (const auto& c : claims::all_claims()) {
    auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == c.lesson; });
    if (it == groups.end()) it = groups.insert(groups.end(), {c.lesson, {}});
    it->second.push_back(&c);
  }
  return groups;
}
}  // namespace

int run_list(const ListOptions& options, std::string& out) {
  const auto groups = by_lesson();
  if (options.json) {
    nlohmann::ordered_json doc;
    doc["lessons"] = nlohmann::ordered_json::array();
    for (const auto& [lesson, claims] : groups) {
      nlohmann::ordered_json entry{{"lesson", lesson}, {"claims", nlohmann::ordered_json::array()}};
      for (const auto* c : claims) {
        nlohmann::ordered_json hyps = nlohmann::ordered_json::array();
        for (const auto& h : c->hypotheses)
          hyps.push_back({{"key", h.key}, {"text", claims::plain_text(h.tex)}, {"tex", h.tex}});
        nlohmann::ordered_json wrong = nlohmann::ordered_json::array();
        for (const auto& w : c->wrong)
          wrong.push_back({{"key", w.key}, {"text", claims::plain_text(w.tex)}, {"tex", w.tex}});
        nlohmann::ordered_json claim{{"id", c->id},
                                     {"lesson", c->lesson},
                                     {"source", c->source},
                                     {"statement", claims::plain_text(c->statement)},
                                     {"statement_tex", c->statement},
                                     {"hypotheses", hyps},
                                     {"wrong_variants", wrong}};
        if (!c->not_attained.empty()) claim["not_attained"] = c->not_attained;
        entry["claims"].push_back(std::move(claim));
      }
      doc["lessons"].push_back(std::move(entry));
    }
    out += doc.dump(2) + "\n";
    return exit_ok;
  }
  for (const auto& [lesson, claims] : groups) {
    out += "lesson " + std::string(lesson) + "\n";
    for (const auto* c : claims) {
      out += "  " + std::string(c->id) + "\n";
      out += "      statement:  " + claims::plain_text(c->statement) + "\n";
      for (const auto& h : c->hypotheses) out += "      hypothesis: " + claims::plain_text(h.tex) + "  [" + std::string(h.key) + "]\n";
      out += "      source:     " + std::string(c->source) + "\n";
      for (const auto& w : c->wrong) out += "      would catch: " + claims::plain_text(w.tex) + "  [" + std::string(w.key) + "]\n";
      if (!c->not_attained.empty()) out += "      not attained: " + std::string(c->not_attained) + "\n";
    }
    out += "\n";
  }
  out += std::to_string(claims::all_claims().size()) + " claims in " + std::to_string(groups.size()) + " lessons\n";
  return exit_ok;
}

}  // namespace descent::tools
