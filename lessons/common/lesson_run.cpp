// The shared runner of the lesson executables.
#include "lesson_run.hpp"

#include "process.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

namespace descent::lessons {

LessonRun::LessonRun(std::string id, std::string title)
    : id_(std::move(id)), title_(std::move(title)), app_("lesson " + id_ + " — " + title_) {
  app_.add_option("--digits", digits_,
                  "decimal digits of the multiprecision (mpfr) and interval checks, " + std::to_string(min_digits) +
                      " to " + std::to_string(max_digits))
      ->default_val(50)
      ->check(CLI::Range(min_digits, max_digits));
  app_.add_flag("--json", json_, "print one JSON object with every check instead of the narration");
  app_.add_option("--plot", plot_arg_, "write the lesson's SVG plots (gnuplot) into this directory, created if missing");
  app_.add_flag("--quiet", quiet_, "print only the summary line (human output)");
}

std::optional<int> LessonRun::parse(int argc, char** argv) {
  try {
    app_.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    std::cout << app_.help();
    return 0;
  } catch (const CLI::ParseError& e) {
    std::cerr << "lesson_" << id_ << ": " << e.what() << " (run with --help for the flags and their ranges)\n";
    return 2;
  }
  if (app_.get_option("--plot")->count() > 0 && plot_arg_.empty()) {
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

void LessonRun::step(std::string_view heading, std::string_view text) {
  human_ += "\n== " + std::string(heading) + " ==\n" + std::string(text) + "\n";
}

void LessonRun::note(std::string_view text) { human_ += "   " + std::string(text) + "\n"; }

void LessonRun::record(claims::Verdict v) {
  human_ += std::string(v.pass ? "  \u2713 " : "  \u2717 ") + std::string(claims::to_string(v.kind)) + " [" +
            v.arithmetic + "] " + v.claim + ": " + v.step + "\n";
  human_ += "      lhs = " + v.lhs + "\n      " + v.relation + "\n      rhs = " + v.rhs + "\n";
  if (!v.margin.empty()) human_ += "      margin = " + v.margin + "\n";
  if (!v.detail.empty()) human_ += "      (" + v.detail + ")\n";
  verdicts_.push_back(std::move(v));
}

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
      if (!v.detail.empty()) c["detail"] = v.detail;
      doc["checks"].push_back(std::move(c));
    }
    doc["summary"] = {{"passed", passed}, {"failed", failed}};
    std::cout << doc.dump(2) << "\n";
  } else {
    if (!quiet_) std::cout << "Lesson " << id_ << " \u2014 " << title_ << "  (mpfr at " << digits_ << " digits)\n" << human_ << "\n";
    std::cout << "lesson " << id_ << ": " << passed << " passed, " << failed << " failed\n";
  }
  std::cout.flush();
  if (!std::cout) {
    std::cerr << "lesson_" << id_ << ": cannot write to standard output\n";
    return 1;
  }
  return failed == 0 ? 0 : 1;
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
  const boost::multiprecision::mpz_int limit = boost::multiprecision::pow(boost::multiprecision::mpz_int(10), 12);
  if (abs(numerator(q)) >= limit || denominator(q) >= limit)
    throw InputError(flag + ": '" + text + "' has more than 12 digits in its numerator or denominator");
  return q;
}

void plot_svg(const std::string& dir, const std::string& name, const std::string& script,
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
}

}  // namespace descent::lessons
