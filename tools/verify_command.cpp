// `descent verify`: run every lesson executable, gather its verdicts, and summarize them
// claim by claim against the claim index.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>
#include <vector>

#include "claim.hpp"
#include "commands.hpp"
#include "process.hpp"

namespace descent::tools {

namespace {

using lessons::ChildResult;
using lessons::run_child;

/// The `lesson_*` executables in `dir`, sorted by name.
std::vector<std::filesystem::path> lesson_executables(const std::string& dir) {
  namespace fs = std::filesystem;
  std::vector<fs::path> found;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("lesson_", 0) != 0 || !entry.is_regular_file()) continue;
    if (access(entry.path().c_str(), X_OK) != 0) continue;
    found.push_back(entry.path());
  }
  std::sort(found.begin(), found.end());
  return found;
}

/// One check as reported by a lesson.
struct Check {
  std::string claim, kind;
  bool pass = false;
  nlohmann::json raw;  ///< the check's JSON object as the lesson printed it
};

/// What one lesson produced.
struct LessonReport {
  std::string name;        ///< executable file name
  std::string lesson;      ///< the "lesson" field of its JSON
  int exit_code = -1;
  std::vector<Check> checks;
  int passed = 0, failed = 0;
  std::vector<std::string> problems;  ///< why this lesson is not OK (besides failed checks)
};

/// Validate and read a lesson's JSON document (docs/design.md §4) into `report`.
void read_lesson_json(const std::string& text, LessonReport& report) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    std::string what = e.what();
    std::replace(what.begin(), what.end(), '\n', ' ');
    report.problems.push_back(report.name + " printed invalid JSON: " + what);
    return;
  }
  auto bad = [&](const std::string& why) { report.problems.push_back(report.name + " printed unexpected JSON: " + why); };
  if (!doc.is_object()) return bad("not an object");
  if (!doc.contains("lesson") || !doc["lesson"].is_string()) return bad("no string field 'lesson'");
  report.lesson = doc["lesson"].get<std::string>();
  if (report.name != "lesson_" + report.lesson)
    bad("its field 'lesson' is '" + report.lesson + "', the executable is " + report.name);
  if (!doc.contains("checks") || !doc["checks"].is_array()) return bad("no array field 'checks'");
  const std::set<std::string> kinds{"holds", "counterexample", "tight", "refutes"};
  std::size_t index = 0;
  for (const auto& c : doc["checks"]) {
    const std::string where = "checks[" + std::to_string(index++) + "]";
    if (!c.is_object()) return bad(where + " is not an object");
    for (const char* field : {"claim", "step", "kind", "arithmetic", "status", "lhs", "relation", "rhs", "margin"})
      if (!c.contains(field) || !c[field].is_string()) return bad(where + " has no string field '" + field + "'");
    Check check{c["claim"].get<std::string>(), c["kind"].get<std::string>(), false, {}};
    const std::string status = c["status"].get<std::string>();
    if (!kinds.count(check.kind)) return bad(where + " has unknown kind '" + check.kind + "'");
    if (status != "pass" && status != "fail") return bad(where + " has status '" + status + "' (pass or fail)");
    check.pass = status == "pass";
    check.raw = c;
    (check.pass ? report.passed : report.failed)++;
    report.checks.push_back(std::move(check));
  }
  const auto& summary = doc.contains("summary") ? doc["summary"] : nlohmann::json();
  if (!summary.is_object() || !summary.contains("passed") || !summary.contains("failed") ||
      !summary["passed"].is_number_integer() || !summary["failed"].is_number_integer())
    return bad("no object field 'summary' with integers 'passed' and 'failed'");
  if (summary["passed"].get<long long>() != report.passed || summary["failed"].get<long long>() != report.failed)
    bad("its summary (" + summary["passed"].dump() + " passed, " + summary["failed"].dump() +
        " failed) disagrees with its checks (" + std::to_string(report.passed) + " passed, " +
        std::to_string(report.failed) + " failed)");
}

/// The claim-by-claim tally.
struct ClaimTally {
  std::string id, lesson;
  bool indexed = true;  ///< false: a lesson checked an id that is not in all_claims()
  int checks = 0, passed = 0, failed = 0;
  std::vector<std::string> kinds;  ///< in the order holds, counterexample, tight, refutes
  std::string result() const {
    if (!indexed) return "UNKNOWN CLAIM";
    if (checks == 0) return "MISSING";
    return failed == 0 ? "pass" : "FAIL";
  }
};

/// Run every lesson with --json (and `--digits` when > 0), read its report, and gather the
/// problems found on the way.
std::vector<LessonReport> run_lessons(const std::string& exe_dir, int digits, std::vector<std::string>& problems) {
  std::vector<std::string> args{"--json"};
  if (digits != 0) args.insert(args.end(), {"--digits", std::to_string(digits)});
  std::vector<LessonReport> reports;
  const auto executables = lesson_executables(exe_dir);
  if (executables.empty()) problems.push_back("no lesson_* executables found in " + exe_dir);
  for (const auto& exe : executables) {
    LessonReport report;
    report.name = exe.filename().string();
    const ChildResult child = run_child(exe.string(), args);
    report.exit_code = child.exit_code;
    if (!child.error.empty()) {
      report.problems.push_back(report.name + " could not be started: " + child.error);
    } else {
      read_lesson_json(child.out, report);
      if (child.signal != 0)
        report.problems.push_back(report.name + " was killed by signal " + std::to_string(child.signal) + " (" +
                                  strsignal(child.signal) + ")");
      else if (child.exit_code != 0)
        report.problems.push_back(report.name + " exited with code " + std::to_string(child.exit_code));
    }
    problems.insert(problems.end(), report.problems.begin(), report.problems.end());
    reports.push_back(std::move(report));
  }
  return reports;
}

}  // namespace

int run_errata(const ListOptions& o, const std::string& exe_dir, std::string& out) {
  std::vector<std::string> problems;
  const std::vector<LessonReport> reports = run_lessons(exe_dir, 0, problems);
  nlohmann::ordered_json items = nlohmann::ordered_json::array();
  std::string text;
  for (const auto& r : reports)
    for (const auto& c : r.checks) {
      if (c.kind != "refutes") continue;
      if (!c.pass) {
        problems.push_back(r.name + ": a refutation of " + c.claim + " did not hold");
        continue;
      }
      auto field = [&](const char* k) { return c.raw.contains(k) && c.raw[k].is_string() ? c.raw[k].get<std::string>() : std::string(); };
      const int line = c.raw.contains("line") && c.raw["line"].is_number_integer() ? c.raw["line"].get<int>() : 0;
      items.push_back({{"seed", field("seed")},
                       {"line", line},
                       {"quote", field("quote")},
                       {"corrected", field("corrected")},
                       {"claim", c.claim},
                       {"lesson", r.lesson},
                       {"check", field("step")},
                       {"instance", field("detail")},
                       {"arithmetic", field("arithmetic")}});
      text += "seed " + field("seed") + ", line " + std::to_string(line) + " (claim " + c.claim + ", lesson " + r.lesson +
              ")\n  the notes: \u201c" + field("quote") + "\u201d\n  instance:  " + field("step") +
              (field("detail").empty() ? "" : "; " + field("detail")) + "\n  corrected: " + field("corrected") + "\n\n";
    }
  if (o.json) {
    nlohmann::ordered_json doc;
    doc["errata"] = items;
    doc["problems"] = problems;
    out += doc.dump(2) + "\n";
  } else {
    out += text;
    for (const auto& p : problems) out += "problem: " + p + "\n";
    out += std::to_string(items.size()) + " errata refuted in " + std::to_string(reports.size()) + " lessons\n";
  }
  return problems.empty() ? exit_ok : exit_failed;
}

int run_verify(const VerifyOptions& o, const std::string& exe_dir, std::string& out) {
  std::vector<std::string> problems;
  const std::vector<LessonReport> reports = run_lessons(exe_dir, o.digits, problems);

  // Tally per claim: the index first, in its order, then ids the index does not know.
  std::vector<ClaimTally> tallies;
  std::map<std::string, std::size_t> position;
  for (const auto& c : claims::all_claims()) {
    position[std::string(c.id)] = tallies.size();
    tallies.push_back(ClaimTally{std::string(c.id), std::string(c.lesson), true, 0, 0, 0, {}});
  }
  const std::vector<std::string> kind_order{"holds", "counterexample", "tight", "refutes"};
  int passed = 0, failed = 0;
  for (const auto& r : reports) {
    for (const auto& check : r.checks) {
      auto it = position.find(check.claim);
      if (it == position.end()) {
        it = position.emplace(check.claim, tallies.size()).first;
        tallies.push_back(ClaimTally{check.claim, r.lesson, false, 0, 0, 0, {}});
        problems.push_back(r.name + " checks claim '" + check.claim + "', which is not in the claim index");
      }
      ClaimTally& t = tallies[it->second];
      ++t.checks;
      (check.pass ? t.passed : t.failed)++;
      (check.pass ? passed : failed)++;
      if (std::find(t.kinds.begin(), t.kinds.end(), check.kind) == t.kinds.end()) t.kinds.push_back(check.kind);
    }
  }
  for (auto& t : tallies) {
    std::sort(t.kinds.begin(), t.kinds.end(), [&](const std::string& a, const std::string& b) {
      return std::find(kind_order.begin(), kind_order.end(), a) < std::find(kind_order.begin(), kind_order.end(), b);
    });
    if (t.indexed && t.checks == 0)
      problems.push_back("claim " + t.id + " (lesson " + t.lesson + ") has no check in any lesson output");
  }
  const bool ok = failed == 0 && problems.empty();

  if (o.json) {
    nlohmann::ordered_json doc;
    doc["digits"] = o.digits != 0 ? nlohmann::ordered_json(o.digits) : nlohmann::ordered_json(nullptr);
    doc["lessons"] = nlohmann::ordered_json::array();
    for (const auto& r : reports)
      doc["lessons"].push_back({{"executable", r.name},
                                {"lesson", r.lesson},
                                {"exit_code", r.exit_code},
                                {"checks", r.checks.size()},
                                {"passed", r.passed},
                                {"failed", r.failed},
                                {"problems", r.problems}});
    doc["claims"] = nlohmann::ordered_json::array();
    for (const auto& t : tallies)
      doc["claims"].push_back({{"id", t.id},
                               {"lesson", t.lesson},
                               {"checks", t.checks},
                               {"kinds", t.kinds},
                               {"passed", t.passed},
                               {"failed", t.failed},
                               {"result", t.checks == 0 ? "missing" : (!t.indexed ? "unknown" : (t.failed == 0 ? "pass" : "fail"))}});
    doc["problems"] = problems;
    doc["summary"] = {{"passed", passed}, {"failed", failed}, {"ok", ok}};
    out += doc.dump(2) + "\n";
    return ok ? exit_ok : exit_failed;
  }

  for (const auto& r : reports)
    out += r.name + ": exit " + std::to_string(r.exit_code) + ", " + std::to_string(r.checks.size()) + " checks, " +
           std::to_string(r.passed) + " passed, " + std::to_string(r.failed) + " failed\n";
  std::size_t id_width = 5, lesson_width = 6;
  for (const auto& t : tallies) {
    id_width = std::max(id_width, t.id.size());
    lesson_width = std::max(lesson_width, t.lesson.size());
  }
  auto pad = [](const std::string& s, std::size_t w) { return s + std::string(w > s.size() ? w - s.size() : 0, ' '); };
  out += "\n" + pad("claim", id_width) + "  " + pad("lesson", lesson_width) + "  checks  " +
         pad("kinds", 36) + "  result\n";
  for (const auto& t : tallies) {
    std::string kinds;
    for (const auto& k : t.kinds) kinds += (kinds.empty() ? "" : ",") + k;
    const std::string count = std::to_string(t.checks);
    out += pad(t.id, id_width) + "  " + pad(t.lesson, lesson_width) + "  " + std::string(6 - std::min<std::size_t>(6, count.size()), ' ') +
           count + "  " + pad(kinds.empty() ? "-" : kinds, 36) + "  " + t.result() + "\n";
  }
  if (!problems.empty()) {
    out += "\nproblems:\n";
    for (const auto& p : problems) out += "  " + p + "\n";
  }
  out += std::to_string(passed) + " passed, " + std::to_string(failed) + " failed\n";
  return ok ? exit_ok : exit_failed;
}

}  // namespace descent::tools
