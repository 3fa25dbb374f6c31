// gen_claim_index: write the claim index page of the course site (docs/design.md §1, §8).
//
//   gen_claim_index [--allow-unchecked] OUT.dox LESSON.json...
//
// Reads the JSON documents captured from the lesson executables (`lesson_<id> --json`)
// and, for every claim of proofs_checks' all_claims(), writes one entry of a Doxygen
// page `claim_index`: the id (anchor claim_<id>), the lesson page, the statement and
// hypotheses as formulas, the source, the checks the lessons actually ran (count, and
// kind / arithmetic / status as captured), and the CTest command that runs its tests.
//
// Exit status: 0 written; 1 when a claim has no check in any lesson JSON (unless
// --allow-unchecked, meant only for bringing up new lessons), when a JSON names a claim
// that all_claims() does not know, or when a JSON file is malformed; 2 usage error.
// Nothing is written unless the whole index could be built.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include "claim.hpp"

namespace {

using descent::claims::ClaimInfo;

/// One check as captured from a lesson's --json output.
struct CapturedCheck {
  std::string claim;   // claim id
  std::string lesson;  // the lesson whose JSON carried it
  std::string kind, arithmetic, status;
  nlohmann::json raw;  // the whole check object
};

struct Failure : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Display order of kinds and arithmetics (docs/design.md §2, §3); unknown values sort last.
int rank(const std::string& value, const std::array<std::string_view, 4>& order) {
  for (std::size_t i = 0; i < order.size(); ++i)
    if (order[i] == value) return static_cast<int>(i);
  return static_cast<int>(order.size());
}
constexpr std::array<std::string_view, 4> kind_order{"holds", "counterexample", "tight", "refutes"};
constexpr std::array<std::string_view, 4> arithmetic_order{"double", "mpfr", "exact", "interval"};

/// Plain text for a Doxygen comment block: Doxygen commands, HTML, Markdown emphasis and
/// the comment terminator are escaped so that the text appears as written.
std::string doxygen_text(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '"': out += "&quot;"; break;  // a literal quote would start Doxygen's quoted text
      case '\\': case '@': case '&': case '$': case '#': case '<': case '>': case '%': case '*': case '_':
      case '`':
        out += '\\';
        out += c;
        break;
      case '\n': out += ' '; break;
      default: out += c;
    }
  }
  return out;
}

/// TeX for an inline formula \f$…\f$: only the comment terminator and the formula
/// terminator need care (TeX ignores the inserted space in math mode).
std::string doxygen_formula(std::string_view tex) {
  std::string out(tex);
  for (std::size_t p; (p = out.find("*/")) != std::string::npos;) out.replace(p, 2, "* /");
  for (std::size_t p; (p = out.find("\\f$")) != std::string::npos;) out.replace(p, 3, "\\f {$}");
  for (char& c : out)
    if (c == '\n') c = ' ';
  return out;
}

std::string required_string(const nlohmann::json& obj, const char* key, const std::string& where) {
  if (!obj.is_object() || !obj.contains(key) || !obj[key].is_string())
    throw Failure(where + ": missing string field \"" + key + "\"");
  return obj[key].get<std::string>();
}

/// HTML-escaped text (for the generated HTML tables).
std::string html(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\\': out += "&#92;"; break;  // no Doxygen command inside \htmlinclude'd text
      case '$': out += "&#36;"; break;
      case '@': out += "&#64;"; break;
      default: out += c;
    }
  }
  return out;
}
std::string field(const nlohmann::json& c, const char* key) {
  if (!c.contains(key)) return {};
  return c[key].is_string() ? c[key].get<std::string>() : c[key].dump();
}

/// Write `text` to `path` through a temporary file.
void write_file(const std::filesystem::path& path, const std::string& text) {
  const std::filesystem::path tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp);
    if (!out) throw Failure(tmp.string() + ": cannot write");
    out << text;
    if (!out) throw Failure(tmp.string() + ": write failed");
  }
  std::filesystem::rename(tmp, path);
}

/// The ratio of a check's sides (6 digits), or its note when it has none.
std::string ratio_cell(const nlohmann::json& c) {
  if (!c.contains("ratio")) return "";
  if (c["ratio"].is_null()) return "<small>" + html(field(c, "ratio_note")) + "</small>";
  std::string r = c["ratio"].get<std::string>();
  if (r.size() > 8) r = std::to_string(std::stod(r)).substr(0, 8);
  return html(r) + (c.contains("ratio_note") ? " <small>(" + html(field(c, "ratio_note")) + ")</small>" : "");
}
/// The wrong variants a check rejects ("would catch"), one per line.
std::string catches_cell(const nlohmann::json& c) {
  std::string out;
  if (!c.contains("rules_out")) return out;
  for (const auto& r : c["rules_out"])
    out += std::string(out.empty() ? "" : "<br>") + (r.value("rejected", false) ? "" : "<b>NOT</b> ") +
           html(r.value("variant", std::string()));
  return out;
}

/// lesson_<id>_checks.html: one row per check of a lesson, values as in the human output.
std::string checks_table(const std::string& lesson, const std::vector<CapturedCheck>& checks) {
  std::ostringstream t;
  t << "<table class=\"doxtable\">\n<tr><th></th><th>kind</th><th>arithmetic</th><th>claim</th><th>check</th>"
       "<th>lhs</th><th>relation</th><th>rhs</th><th>margin</th><th>ratio</th><th>would catch</th></tr>\n";
  for (const auto& c : checks) {
    if (c.lesson != lesson) continue;
    const nlohmann::json shown = c.raw.contains("shown") ? c.raw["shown"] : nlohmann::json::object();
    auto show = [&](const char* k) { return shown.contains(k) ? shown[k].get<std::string>() : field(c.raw, k); };
    std::string what = field(c.raw, "step");
    if (c.raw.contains("quote"))
      what += " &mdash; seed " + html(field(c.raw, "seed").substr(0, 3)) + ", line " + html(field(c.raw, "line")) +
              ": <q>" + html(field(c.raw, "quote")) + "</q>; corrected: " + html(field(c.raw, "corrected"));
    else
      what = html(what);
    if (c.raw.contains("dropped")) what += " &mdash; hypothesis dropped: " + html(field(c.raw, "dropped"));
    t << "<tr><td>" << (c.status == "pass" ? "&#10003;" : "&#10007;") << "</td><td>" << html(c.kind) << "</td><td>"
      << html(c.arithmetic) << "</td><td><a href=\"claim_index.html#claim_" << html(c.claim) << "\">" << html(c.claim)
      << "</a></td><td>" << what << "</td><td>" << html(show("lhs")) << "</td><td>" << html(field(c.raw, "relation"))
      << "</td><td>" << html(show("rhs")) << "</td><td>" << html(show("margin")) << "</td><td>" << ratio_cell(c.raw)
      << "</td><td>" << catches_cell(c.raw) << "</td></tr>\n";
  }
  t << "</table>\n";
  return t.str();
}

/// errata.dox: every refuted statement of the notes, from the lessons' verdicts.
std::string errata_page(const std::vector<CapturedCheck>& checks) {
  std::ostringstream page;
  page << "/**\n\\page errata Errata of the lecture notes\n\n"
          "Every statement of the lecture notes (seeds/) that a lesson refutes, generated from the "
          "<code>refutes</code> verdicts of the lessons' JSON output when the docs were built: the notes' "
          "words as they stand in the seed file, the instance on which they fail, and the correction. "
          "<code>descent errata</code> prints the same list.\n\n";
  page << "\\htmlonly\n<table class=\"doxtable\">\n<tr><th>seed, line</th><th>the notes</th><th>instance</th>"
          "<th>corrected</th><th>check</th></tr>\n";
  int n = 0;
  for (const auto& c : checks) {
    if (c.kind != "refutes") continue;
    ++n;
    page << "<tr><td>" << html(field(c.raw, "seed")) << ", line " << html(field(c.raw, "line")) << "</td><td><code>"
         << html(field(c.raw, "quote")) << "</code></td><td>" << html(field(c.raw, "step"))
         << (c.raw.contains("detail") ? "; " + html(field(c.raw, "detail")) : "") << " (" << html(c.arithmetic)
         << ", " << (c.status == "pass" ? "refuted" : "NOT refuted") << ")</td><td>" << html(field(c.raw, "corrected"))
         << "</td><td><a href=\"claim_index.html#claim_" << html(c.claim) << "\">" << html(c.claim)
         << "</a> in <a href=\"lesson_" << html(c.lesson) << ".html\">lesson " << html(c.lesson) << "</a></td></tr>\n";
  }
  page << "</table>\n\\endhtmlonly\n\n" << n << " errata.\n*/\n";
  return page.str();
}

/// Read one lesson JSON document; append its checks; return the lesson id.
std::string read_lesson_json(const std::filesystem::path& file, std::vector<CapturedCheck>& checks) {
  std::ifstream in(file);
  if (!in) throw Failure(file.string() + ": cannot open");
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(in);
  } catch (const nlohmann::json::parse_error& e) {
    throw Failure(file.string() + ": not valid JSON (" + e.what() + ")");
  }
  const std::string lesson = required_string(doc, "lesson", file.string());
  if (!doc.contains("checks") || !doc["checks"].is_array())
    throw Failure(file.string() + ": missing array field \"checks\"");
  std::size_t i = 0;
  for (const auto& c : doc["checks"]) {
    const std::string where = file.string() + ": checks[" + std::to_string(i++) + "]";
    const std::string id = required_string(c, "claim", where);
    try {
      (void)descent::claims::claim(id);
    } catch (const std::out_of_range&) {
      throw Failure(where + ": claim \"" + id + "\" is not in all_claims() (proofs_checks/registry.cpp)");
    }
    checks.push_back({id, lesson, required_string(c, "kind", where), required_string(c, "arithmetic", where),
                      required_string(c, "status", where), c});
  }
  return lesson;
}

/// "holds (exact): 2 pass; counterexample (mpfr): 1 pass" for one claim's checks, in a stable order.
std::string describe_checks(const std::vector<const CapturedCheck*>& checks) {
  using Key = std::tuple<int, std::string, int, std::string, std::string>;  // kind, arith, status
  std::map<Key, int> counts;
  for (const auto* c : checks)
    ++counts[{rank(c->kind, kind_order), c->kind, rank(c->arithmetic, arithmetic_order), c->arithmetic, c->status}];
  std::ostringstream out;
  bool first = true;
  for (const auto& [key, n] : counts) {
    if (!first) out << "; ";
    first = false;
    out << "<b>" << doxygen_text(std::get<1>(key)) << "</b> (" << doxygen_text(std::get<3>(key)) << "): " << n
        << ' ' << doxygen_text(std::get<4>(key));
  }
  return out.str();
}

int run(int argc, char** argv) {
  bool allow_unchecked = false;
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--allow-unchecked")
      allow_unchecked = true;
    else if (a == "--help" || a == "-h") {
      std::cout << "usage: gen_claim_index [--allow-unchecked] OUT.dox LESSON.json...\n";
      return 0;
    } else
      args.push_back(a);
  }
  if (args.size() < 2) {
    std::cerr << "gen_claim_index: usage: gen_claim_index [--allow-unchecked] OUT.dox LESSON.json...\n";
    return 2;
  }
  const std::filesystem::path out_path = args.front();

  std::vector<CapturedCheck> checks;
  std::set<std::string> lessons_read;
  for (std::size_t i = 1; i < args.size(); ++i) lessons_read.insert(read_lesson_json(args[i], checks));

  // Group the captured checks by claim id.
  std::map<std::string, std::vector<const CapturedCheck*>, std::less<>> by_claim;
  std::map<std::string, std::set<std::string>, std::less<>> lessons_of_claim;
  for (const auto& c : checks) {
    by_claim[c.claim].push_back(&c);
    lessons_of_claim[c.claim].insert(c.lesson);
  }

  const auto& claims = descent::claims::all_claims();
  std::vector<std::string> unchecked;
  for (const auto& info : claims)
    if (by_claim.find(info.id) == by_claim.end()) unchecked.emplace_back(info.id);
  if (!unchecked.empty()) {
    std::cerr << "gen_claim_index: " << unchecked.size() << " claim(s) have no check in any lesson JSON:";
    for (const auto& id : unchecked) std::cerr << ' ' << id;
    std::cerr << '\n';
    if (!allow_unchecked) return 1;
    std::cerr << "gen_claim_index: --allow-unchecked: listing them as unchecked\n";
  }

  std::ostringstream page;
  page << "/**\n"
          "\\page claim_index Claim index\n"
          "\n"
          "Every statement the course makes is a claim with one id, used as the C++ name, the\n"
          "Catch tag, the CTest label, the anchor on this page and the `claim` field of the\n"
          "lessons' JSON output. This page is generated by `docs/gen_claim_index.cpp` from\n"
          "`all_claims()` (proofs_checks/registry.cpp) and from the JSON captured by running\n"
          "each lesson executable when the docs were built: the checks listed are the ones\n"
          "that actually ran, with their status. Kinds, arithmetics and tolerances are\n"
          "explained on the \\ref index \"main page\".\n"
          "\n"
          "To run everything behind one claim, from the build directory:\n"
          "<code>ctest -L '^claim_id$'</code> (the label is a regular expression; anchor it).\n"
          "\n"
          "<table class=\"doxtable\">\n"
          "<tr><th>claim</th><th>lesson</th><th>checks</th><th>kinds</th></tr>\n";
  for (const auto& info : claims) {
    const auto it = by_claim.find(info.id);
    std::set<std::string> kinds;
    if (it != by_claim.end())
      for (const auto* c : it->second) kinds.insert(c->kind);
    std::string kinds_text;
    for (auto k : kind_order)
      if (kinds.count(std::string(k))) kinds_text += (kinds_text.empty() ? "" : ", ") + std::string(k);
    for (const auto& k : kinds)
      if (rank(k, kind_order) == 4) kinds_text += (kinds_text.empty() ? "" : ", ") + doxygen_text(k);
    page << "<tr><td>\\ref claim_" << info.id << " \"" << info.id << "\"</td><td>\\ref lesson_" << info.lesson
         << " \"" << info.lesson << "\"</td><td>" << (it == by_claim.end() ? 0 : it->second.size()) << "</td><td>"
         << (kinds_text.empty() ? "<b>unchecked</b>" : kinds_text) << "</td></tr>\n";
  }
  page << "</table>\n\n";

  std::string current_lesson;
  for (const auto& info : claims) {
    if (info.lesson != current_lesson) {
      current_lesson = std::string(info.lesson);
      page << "\\section claim_index_lesson_" << current_lesson << " Lesson " << doxygen_text(current_lesson)
           << "\n\nClaims of \\ref lesson_" << current_lesson << ".\n\n";
    }
    page << "\\anchor claim_" << info.id << "\n"
         << "\\subsection claim_index_" << info.id << " " << doxygen_text(info.id) << "\n\n";
    page << "- <b>Lesson:</b> \\ref lesson_" << info.lesson << "\n";
    page << "- <b>Statement:</b> \\f$" << doxygen_formula(info.statement) << "\\f$\n";
    if (info.hypotheses.empty())
      page << "- <b>Hypotheses:</b> none\n";
    for (const auto& h : info.hypotheses)
      page << "- <b>Hypothesis</b> <code>" << doxygen_text(h.key) << "</code>: \\f$" << doxygen_formula(h.tex) << "\\f$\n";
    page << "- <b>Source:</b> " << doxygen_text(info.source) << "\n";
    const auto it = by_claim.find(info.id);
    if (it == by_claim.end()) {
      page << "- <b>Checks:</b> <b>none</b> (no lesson checks this claim yet)\n";
    } else {
      page << "- <b>Checks:</b> " << it->second.size() << " &mdash; " << describe_checks(it->second);
      const auto& ls = lessons_of_claim.find(info.id)->second;
      if (ls.size() > 1 || *ls.begin() != info.lesson) {
        page << " (run by";
        for (const auto& l : ls) page << " \\ref lesson_" << l;
        page << ")";
      }
      page << "\n";
      bool has_counterexample = false;
      for (const auto* c : it->second) has_counterexample |= c->kind == "counterexample";
      // Discrimination (docs/design.md §3b): the wrong variants and the checks that reject them,
      // the best ratio of an inequality holds check, and why a bound is not attained.
      for (const auto& w : info.wrong) {
        page << "- <b>This claim's checks would catch</b> \\f$" << doxygen_formula(w.tex) << "\\f$: ";
        int n = 0;
        for (const auto* c : it->second)
          if (c->raw.contains("rules_out"))
            for (const auto& r : c->raw["rules_out"])
              if (r.value("key", std::string()) == w.key && r.value("rejected", false)) {
                page << (n++ ? "; " : "") << "rejected by <i>" << doxygen_text(field(c->raw, "step")) << "</i> ("
                     << doxygen_text(c->kind) << ", " << doxygen_text(c->arithmetic) << ")";
                break;
              }
        if (n == 0) page << "<b>no check rejects it</b>";
        page << "\n";
      }
      double best = -1;
      bool ineq_holds = false, tight = false;
      for (const auto* c : it->second) {
        tight |= c->kind == "tight";
        if (c->kind == "holds" && c->raw.contains("ratio")) {
          ineq_holds = true;
          if (c->raw["ratio"].is_string()) best = std::max(best, std::stod(c->raw["ratio"].get<std::string>()));
        }
      }
      if (ineq_holds)
        page << "- <b>Pinned:</b> " << (tight ? "a tight check attains the bound" : "")
             << (best >= 0 ? std::string(tight ? "; " : "") + "best ratio of a holds check " + std::to_string(best).substr(0, 8)
                           : std::string())
             << "\n";
      if (!info.not_attained.empty()) page << "- <b>Not attained:</b> " << doxygen_text(info.not_attained) << "\n";
      if (!info.hypotheses.empty() && !has_counterexample)
        page << "- <b>Note:</b> the claim has hypotheses but no counterexample check (negative control) yet\n";
    }
    page << "- <b>Tests:</b> <code>ctest -L '^" << info.id << "$'</code>\n\n";
  }
  page << "*/\n";

  // Write atomically: a failed run leaves no half-written page. Beside the index: the
  // errata page and each lesson's table of checks (\htmlinclude'd by the lesson page).
  const std::filesystem::path dir = out_path.parent_path();
  write_file(dir / "errata.dox", errata_page(checks));
  for (const auto& lesson : lessons_read) write_file(dir / ("lesson_" + lesson + "_checks.html"), checks_table(lesson, checks));
  write_file(out_path, page.str());
  std::cout << "gen_claim_index: " << claims.size() << " claims, " << checks.size() << " checks from "
            << lessons_read.size() << " lesson(s) -> " << out_path.string() << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const Failure& e) {
    std::cerr << "gen_claim_index: " << e.what() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "gen_claim_index: " << e.what() << "\n";
    return 1;
  }
}
