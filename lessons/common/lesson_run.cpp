// The shared runner of the lesson executables.
#include "lesson_run.hpp"

#include <CLI/CLI.hpp>

#include "process.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace descent::lessons {

LessonRun::LessonRun(std::string id, std::string title)
    : id_(std::move(id)), title_(std::move(title)),
      app_(std::make_unique<CLI::App>("lesson " + id_ + " — " + title_)) {
  app_->add_option("--digits", digits_,
                  "decimal digits of the multiprecision (mpfr) and interval checks, " + std::to_string(min_digits) +
                      " to " + std::to_string(max_digits))
      ->default_val(50)
      ->check(CLI::Range(min_digits, max_digits));
  app_->add_flag("--json", json_, "print one JSON object with every check instead of the narration");
  app_->add_option("--plot", plot_arg_, "write the lesson's SVG plots (gnuplot) into this directory, created if missing");
  app_->add_flag("--quiet", quiet_, "print only the summary line (human output)");
  app_->add_flag("--list-flags", list_flags_, "print the lesson's own flags (name, default, range, meaning) as JSON");
}

void LessonRun::number_option(const HyperParameter& p, Rational& target) {
  auto flag = std::make_unique<NumberFlag>(NumberFlag{p, p.default_value, &target});
  app_->add_option("--" + p.name, flag->text, p.meaning + "; decimal or p/q, " + range_text(p))->default_val(p.default_value);
  number_flags_.push_back(std::move(flag));
  declared_.push_back(p);
}

LessonRun::~LessonRun() = default;

void LessonRun::text_option(const std::string& name, std::string& target, const std::string& help,
                            const std::string& default_value) {
  app_->add_option(name, target, help)->default_val(default_value);
  declared_.push_back({.name = name.substr(2), .default_value = default_value, .meaning = help});
}
void LessonRun::int_option(const std::string& name, int& target, const std::string& help, int default_value, int lo,
                           int hi) {
  app_->add_option(name, target, help)->default_val(default_value)->check(CLI::Range(lo, hi));
  declared_.push_back({.name = name.substr(2), .default_value = std::to_string(default_value),
                       .lower = std::to_string(lo), .lower_open = false, .upper = std::to_string(hi),
                       .upper_open = false, .integer = true, .meaning = help});
}
void LessonRun::int_option(const std::string& name, int& target, const std::string& help, int default_value) {
  app_->add_option(name, target, help)->default_val(default_value);
  declared_.push_back({.name = name.substr(2), .default_value = std::to_string(default_value), .integer = true,
                       .meaning = help});
}
bool LessonRun::given(const std::string& name) const { return app_->get_option(name)->count() > 0; }

std::optional<int> LessonRun::parse(int argc, char** argv) {
  try {
    app_->parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    std::cout << app_->help();
    return 0;
  } catch (const CLI::ParseError& e) {
    std::cerr << "lesson_" << id_ << ": " << e.what() << " (run with --help for the flags and their ranges)\n";
    return 2;
  }
  if (list_flags_) {
    nlohmann::ordered_json doc;
    doc["lesson"] = id_;
    doc["flags"] = nlohmann::ordered_json::array();
    for (const auto& p : declared_) {
      auto opt = [](const std::string& s) { return s.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(s); };
      doc["flags"].push_back({{"name", p.name},
                              {"default", p.default_value},
                              {"range", p.lower.empty() && p.upper.empty() ? nlohmann::ordered_json(nullptr)
                                                                           : nlohmann::ordered_json(range_text(p))},
                              {"lower", opt(p.lower)},
                              {"lower_open", p.lower_open},
                              {"upper", opt(p.upper)},
                              {"upper_open", p.upper_open},
                              {"integer", p.integer},
                              {"meaning", p.meaning}});
    }
    std::cout << doc.dump(2) << "\n";
    return 0;
  }
  for (const auto& f : number_flags_) {
    try {
      const Rational v = parse_parameter(f->text, "--" + f->p.name);
      const auto bound = [&](const std::string& t) { return parse_scalar<Rational>(t, "bound"); };
      const bool low_ok = f->p.lower.empty() || (f->p.lower_open ? v > bound(f->p.lower) : v >= bound(f->p.lower));
      const bool high_ok = f->p.upper.empty() || (f->p.upper_open ? v < bound(f->p.upper) : v <= bound(f->p.upper));
      if (!low_ok || !high_ok) throw InputError("--" + f->p.name + ": must be " + range_text(f->p) + ", got " + f->text);
      *f->target = v;
    } catch (const InputError& e) {
      std::cerr << "lesson_" << id_ << ": " << e.what() << "\n";
      return 2;
    }
  }
  if (app_->get_option("--plot")->count() > 0 && plot_arg_.empty()) {
    std::cerr << "lesson_" << id_ << ": --plot: needs a directory name\n";
    return 2;
  }
  try {
    set_digits(digits_);
  } catch (const InputError& e) {
    std::cerr << "lesson_" << id_ << ": " << e.what() << "\n";
    return 2;
  }
  if (!plot_arg_.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(plot_arg_, ec);
    if (ec || !std::filesystem::is_directory(plot_arg_)) {
      std::cerr << "lesson_" << id_ << ": --plot: cannot create directory '" << plot_arg_ << "'\n";
      return 2;
    }
    if (run_child("gnuplot", {"--version"}, {}, false, true).exit_code != 0) {
      std::cerr << "lesson_" << id_ << ": --plot: gnuplot is not installed (apt-get install gnuplot-nox)\n";
      return 2;
    }
    plot_dir_ = plot_arg_;
  }
  return std::nullopt;
}

namespace {
// The display width of UTF-8 text (code points; every character of this output is one column).
std::size_t columns(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}
}  // namespace

std::string wrap(std::string_view text, std::string_view first_indent, std::string_view indent, std::size_t width) {
  std::string out, line(first_indent);
  std::size_t used = columns(line);
  bool line_has_word = false;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    if (i >= text.size()) break;
    std::size_t j = text.find(' ', i);
    if (j == std::string_view::npos) j = text.size();
    std::string_view word = text.substr(i, j - i);
    i = j;
    // a word longer than a whole line is cut at the width
    while (columns(word) + columns(indent) > width) {
      if (line_has_word) {
        out += line + "\n";
        line = indent;
        used = columns(line);
      }
      std::size_t take = 0, cols = 0;
      while (take < word.size() && cols + used < width) {
        ++take;
        while (take < word.size() && (static_cast<unsigned char>(word[take]) & 0xC0) == 0x80) ++take;
        ++cols;
      }
      out += line + std::string(word.substr(0, take)) + "\n";
      word.remove_prefix(take);
      line = indent;
      used = columns(line);
      line_has_word = false;
    }
    if (word.empty()) continue;
    const std::size_t need = columns(word) + (line_has_word ? 1 : 0);
    if (line_has_word && used + need > width) {
      out += line + "\n";
      line = indent;
      used = columns(line);
      line_has_word = false;
    }
    if (line_has_word) {
      line += ' ';
      ++used;
    }
    line += word;
    used += columns(word);
    line_has_word = true;
  }
  out += line + "\n";
  return out;
}

void LessonRun::step(std::string_view heading, std::string_view text) {
  human_ += "\n== " + std::string(heading) + " ==\n" + wrap(text, "", "", line_width);
}

void LessonRun::note(std::string_view text) { human_ += wrap(text, "   note: ", "         ", line_width); }

void LessonRun::record(claims::Verdict v) {
  claims::validate(v);
  // Discrimination (docs/design.md §3b): a lesson's instance must reject every wrong variant
  // its check runs; one that does not is a failed check.
  for (const auto& r : v.rules_out)
    if (!r.rejected) {
      v.pass = false;
      v.detail += std::string(v.detail.empty() ? "" : "; ") + "the wrong variant '" + r.variant +
                  "' is not rejected on this instance";
    }
  const bool negative = v.kind == claims::Kind::counterexample || v.kind == claims::Kind::refutes;
  human_ += wrap(std::string(claims::to_string(v.kind)) + " [" + v.arithmetic + "] " + v.claim + ": " + v.step,
                 v.pass ? "  \u2713 " : "  \u2717 ", "      ", line_width);
  if (v.erratum)
    human_ += wrap("seed " + std::string(v.erratum->seed.substr(0, 3)) + ", line " + std::to_string(v.erratum->line) +
                       ": \u201c" + std::string(v.erratum->quote) + "\u201d",
                   "      the notes: ", "        ", line_width);
  if (!v.dropped.empty()) human_ += wrap(v.dropped, "      hypothesis dropped: ", "        ", line_width);
  const std::string margin = v.margin_shown.empty() ? "" : "  (margin " + v.margin_shown + ")";
  std::string sides;
  if (v.margin.empty())  // a property observed, compared with the one asserted
    sides = "observed: " + v.lhs_shown + "; " + (negative ? "asserted: " : "predicted: ") + v.rhs_shown +
            (negative ? " \u2014 not what happens, as predicted" : "");
  else if (v.relation == claims::limit_relation)
    sides = "ratio of the sides = " + v.lhs_shown + " \u2192 1" + margin;
  else
    sides = (negative ? "asserted " : "") + std::string("lhs = ") + v.lhs_shown + "  " + v.relation + "  rhs = " +
            v.rhs_shown + (negative ? " \u2014 false, as predicted" : "") + margin;
  if (!v.ratio_shown.empty()) sides += "  ratio " + v.ratio_shown;
  human_ += wrap(sides, "      ", "        ", line_width);
  for (const auto& r : v.rules_out)
    human_ += wrap(r.variant + "  [" + r.how + "]", r.rejected ? "      would catch: " : "      \u2717 would NOT catch: ",
                   "        ", line_width);
  if (v.erratum) human_ += wrap(std::string(v.erratum->corrected), "      corrected: ", "        ", line_width);
  if (!v.detail.empty()) human_ += wrap(v.detail, "      instance: ", "        ", line_width);
  verdicts_.push_back(std::move(v));
}

void LessonRun::wrote_plot(const std::string& path) { plots_.push_back(path); }

int LessonRun::finish() {
  int passed = 0, failed = 0;
  for (const auto& v : verdicts_) (v.pass ? passed : failed)++;
  if (json_) {
    nlohmann::ordered_json doc;
    doc["lesson"] = id_;
    doc["title"] = title_;
    doc["digits"] = digits_;
    doc["checks"] = nlohmann::ordered_json::array();
    for (const auto& v : verdicts_) {
      nlohmann::ordered_json c;
      c["claim"] = v.claim;
      c["step"] = v.step;
      c["kind"] = std::string(claims::to_string(v.kind));
      c["arithmetic"] = v.arithmetic;
      c["status"] = v.pass ? "pass" : "fail";
      c["lhs"] = v.lhs;
      c["relation"] = v.relation;
      c["rhs"] = v.rhs;
      c["margin"] = v.margin;
      c["shown"] = {{"lhs", v.lhs_shown}, {"rhs", v.rhs_shown}, {"margin", v.margin_shown}};
      if (!v.ratio.empty() || !v.ratio_note.empty()) {
        c["ratio"] = v.ratio.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(v.ratio);
        if (!v.ratio_note.empty()) c["ratio_note"] = v.ratio_note;
      }
      if (!v.rules_out.empty()) {
        c["rules_out"] = nlohmann::ordered_json::array();
        for (const auto& r : v.rules_out)
          c["rules_out"].push_back({{"variant", r.variant}, {"key", r.key}, {"rejected", r.rejected}, {"how", r.how}});
      }
      if (!v.dropped.empty()) c["dropped"] = v.dropped;
      if (v.erratum) {
        c["seed"] = std::string(v.erratum->seed);
        c["line"] = v.erratum->line;
        c["quote"] = std::string(v.erratum->quote);
        c["corrected"] = std::string(v.erratum->corrected);
      }
      if (!v.detail.empty()) c["detail"] = v.detail;
      doc["checks"].push_back(std::move(c));
    }
    doc["summary"] = {{"passed", passed}, {"failed", failed}};
    if (!plots_.empty()) doc["plots"] = plots_;
    if (!refutes_nothing_.empty()) doc["refutes_nothing"] = refutes_nothing_;
    std::cout << doc.dump(2) << "\n";
  } else {
    if (!quiet_) std::cout << "Lesson " << id_ << " \u2014 " << title_ << "  (mpfr and intervals at " << digits_
                           << " digits)\n" << legend() << human_ << "\n" << summary();
    for (const auto& p : plots_) std::cout << "plot written: " << p << "\n";
    std::cout << "lesson " << id_ << ": " << passed << " passed, " << failed << " failed\n";
  }
  std::cout.flush();
  if (!std::cout) {
    std::cerr << "lesson_" << id_ << ": cannot write to standard output\n";
    return 1;
  }
  return failed == 0 ? 0 : 1;
}

std::string LessonRun::legend() {
  return wrap("\u2713 marks a check that behaved as the theory predicts, \u2717 one that did not. By kind, \u2713 means:",
              "", "", line_width) +
         "  holds           the relation holds: exactly (exact), for every point of the enclosures (interval, "
         "certified),\n"
         "                  or within 64 \u03b5 \u00b7 scale (mpfr, double)\n"
         "  tight           the two sides are equal (==), or their ratio lies in [1 - \u03b4, 1] on an instance of a "
         "sequence\n"
         "                  tending to the limit (\u2192): the constant cannot be improved\n"
         "  counterexample  the instance drops the hypothesis named, and there the asserted relation is false:\n"
         "                  the hypothesis is needed\n"
         "  refutes         the statement of the notes quoted, with its seed file and line, is false on this instance\n"
         "An inequality shows its ratio (how close its sides are, 1 = equal); \"would catch\" names a wrong variant of\n"
         "the claim that the same check rejects on the same instance.\n"
         "Long exact values are shown as 12-digit decimals marked (exact); --json prints every value in full.\n";
}

std::string LessonRun::summary() const {
  int by_kind[4] = {0, 0, 0, 0};
  for (const auto& v : verdicts_) ++by_kind[static_cast<int>(v.kind)];
  std::string out = "Checks by kind: holds " + std::to_string(by_kind[0]) + ", tight " + std::to_string(by_kind[2]) +
                    ", counterexample " + std::to_string(by_kind[1]) + ", refutes " + std::to_string(by_kind[3]) + "\n";
  bool any = false;
  for (const auto& v : verdicts_) {
    if (!v.erratum || !v.pass) continue;
    if (!any) out += "Errata found in the notes (quote \u2192 correction):\n";
    any = true;
    out += wrap("seed " + std::string(v.erratum->seed.substr(0, 3)) + " line " + std::to_string(v.erratum->line) +
                    ": \u201c" + std::string(v.erratum->quote) + "\u201d \u2192 " + std::string(v.erratum->corrected),
                "  ", "      ", line_width);
  }
  return out;
}

int LessonRun::run(const std::function<void()>& body) {
  try {
    body();
  } catch (const InputError& e) {
    std::cerr << "lesson_" << id_ << ": " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    // A check that could not run is a failed lesson, not a crash.
    std::cerr << "lesson_" << id_ << ": a check could not run: " << e.what() << "\n";
    return 1;
  }
  return finish();
}

Rational parse_parameter(const std::string& text, const std::string& flag) {
  const Rational q = parse_scalar<Rational>(text, flag);
  const boost::multiprecision::mpz_int limit = boost::multiprecision::pow(boost::multiprecision::mpz_int(10), 18);
  if (abs(numerator(q)) > limit || denominator(q) > limit)
    throw InputError(flag + ": '" + text +
                     "' has a numerator or denominator above 10^18 (18 decimal places at most; a fraction p/q with smaller terms is "
                     "exact too)");
  return q;
}

std::string plot_svg(const std::string& dir, const std::string& name, const std::string& script,
                     const std::vector<std::pair<std::string, std::string>>& data) {
  namespace fs = std::filesystem;
  for (const auto& [file, contents] : data) {
    std::ofstream out(fs::path(dir) / file);
    out << contents;
    if (!out) throw InputError("--plot: cannot write " + (fs::path(dir) / file).string());
  }
  // gnuplot runs in `dir` and sees only relative names: the directory's name never enters
  // the script or a shell.
  const fs::path gp = fs::path(dir) / (name + ".gp");
  {
    std::ofstream out(gp);
    out << "set terminal svg size 720,480 dynamic enhanced font 'sans,12' background rgb 'white'\n";
    out << "set output '" << name << ".svg'\n";
    out << script << "\n";
    if (!out) throw InputError("--plot: cannot write " + gp.string());
  }
  const ChildResult child = run_child("gnuplot", {name + ".gp"}, dir, false, true);
  if (child.exit_code != 0) throw InputError("--plot: gnuplot failed on " + gp.string() + " " + child.error);
  return (fs::path(dir) / (name + ".svg")).string();
}

std::string data_rows(const std::vector<std::vector<double>>& rows) {
  std::ostringstream out;
  out.precision(10);
  for (const auto& r : rows) {
    for (std::size_t i = 0; i < r.size(); ++i) out << (i ? " " : "") << r[i];
    out << '\n';
  }
  return out.str();
}

std::string contour_grid(const Problem<double>& f, double x_lo, double x_hi, double y_lo, double y_hi, double h) {
  std::ostringstream grid;
  const int nx = static_cast<int>(std::floor((x_hi - x_lo) / h + 1e-9)), ny = static_cast<int>(std::floor((y_hi - y_lo) / h + 1e-9));
  for (int i = 0; i <= nx; ++i) {
    for (int j = 0; j <= ny; ++j) {
      const Vec<double> x = (Vec<double>(2) << x_lo + h * i, y_lo + h * j).finished();
      grid << x(0) << ' ' << x(1) << ' ' << f.value(x) << '\n';
    }
    grid << '\n';
  }
  return grid.str();
}

}  // namespace descent::lessons
