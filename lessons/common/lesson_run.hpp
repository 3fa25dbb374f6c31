/// \file lesson_run.hpp
/// \brief What every lesson executable shares (docs/design.md §4): the common flags
/// (`--digits`, `--json`, `--plot DIR`, `--quiet`), the narration of the derivation, the
/// record of verdicts, the JSON document and the exit code (0 every check as predicted,
/// 1 a check failed, 2 usage error).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "descent/methods.hpp"
#include "claim.hpp"
#include "descent/problems.hpp"

/// \cond DESCENT_INTERNAL
namespace CLI {
class App;  // CLI11's parser, kept out of the lessons' translation units (compile time)
}
/// \endcond

namespace descent::lessons {

/// The run of one lesson executable: parses the common flags, collects the narration and
/// the verdicts, and prints either the human text or the JSON document at the end.
class LessonRun {
 public:
  /// `id` like "02_descent_lemma"; `title` as on the lesson's docs page.
  LessonRun(std::string id, std::string title);
  ~LessonRun();
  LessonRun(const LessonRun&) = delete;
  LessonRun& operator=(const LessonRun&) = delete;

  /// Add a lesson flag taking an exact number (decimal or p/q, numerator and denominator at
  /// most 10^18), declared once: `p.name` (without dashes), its default, its range (`lower`,
  /// `upper`, open or closed ends; lib's HyperParameter) and its meaning give --help, the
  /// check of the value in parse() (a usage error naming the range) and --list-flags, from
  /// which the tests try each end of the range. `target` holds the value after parse().
  void number_option(const HyperParameter& p, Rational& target);
  /// Add a lesson flag taking text (a number the lesson parses itself, decimal or p/q),
  /// with its default, before parse().
  void text_option(const std::string& name, std::string& target, const std::string& help,
                   const std::string& default_value);
  /// Add a lesson flag taking an integer, with its default, before parse(); parse()
  /// refuses a value outside [lo, hi] (a usage error).
  void int_option(const std::string& name, int& target, const std::string& help, int default_value, int lo, int hi);
  /// Add a lesson flag taking an integer the lesson checks itself, with its default.
  void int_option(const std::string& name, int& target, const std::string& help, int default_value);
  /// State that the lesson refutes nothing, and why (its topics are not in the notes, or the
  /// notes say it right): the JSON document carries the reason as "refutes_nothing", and the
  /// suite then does not require a refutes check of it (every other lesson needs one).
  void refutes_nothing(std::string why) { refutes_nothing_ = std::move(why); }
  /// True when the flag `name` was given on the command line (after parse()).
  bool given(const std::string& name) const;
  /// Parse the command line and set the precision. Returns an exit code when the program
  /// should stop now (0 after --help, 2 after a usage error, message on stderr).
  std::optional<int> parse(int argc, char** argv);

  /// The --digits value (default 50, range [min_digits, max_digits]); the working
  /// precision after parse().
  int digits() const { return digits_; }
  /// True if --json was given.
  bool json() const { return json_; }
  /// The --plot directory, if one was given (created by parse()).
  const std::optional<std::string>& plot_dir() const { return plot_dir_; }

  /// Narrate a derivation step (human output only).
  void step(std::string_view heading, std::string_view text);
  /// A line of commentary (human output only).
  void note(std::string_view text);
  /// Record a verdict and print its lines (human output). Throws claims::ContractError
  /// if the verdict breaks the contract of its kind.
  void record(claims::Verdict v);
  /// Note that a plot was written to `path` (listed at the end of the human output and in
  /// the JSON document's "plots").
  void wrote_plot(const std::string& path);
  /// Print the JSON document or the summary; the exit code (0 all passed, 1 otherwise).
  int finish();
  /// Run `body` (the lesson's checks), turning an InputError into exit code 2 and any
  /// other exception into exit code 1, each with one message on stderr and nothing on
  /// stdout. Returns finish()'s code otherwise.
  int run(const std::function<void()>& body);

  /// The verdicts recorded so far, in order.
  const std::vector<claims::Verdict>& verdicts() const { return verdicts_; }

 private:
  std::string id_, title_;
  std::unique_ptr<CLI::App> app_;  // CLI11 lives in lesson_run.cpp only
  int digits_ = 50;
  bool json_ = false;
  bool quiet_ = false;
  std::optional<std::string> plot_dir_;
  std::string plot_arg_;
  std::vector<claims::Verdict> verdicts_;
  struct NumberFlag {
    HyperParameter p;
    std::string text;
    Rational* target;
  };
  std::vector<std::unique_ptr<NumberFlag>> number_flags_;  // number_option(): text read by CLI11, checked by parse()
  std::vector<HyperParameter> declared_;  // every lesson flag, for --list-flags
  bool list_flags_ = false;
  std::string refutes_nothing_;
  std::vector<std::string> plots_;
  static std::string legend();
  std::string summary() const;
  std::string human_;  // buffered human output, printed by finish()
};

/// The width to which human output is wrapped (no line is longer).
inline constexpr std::size_t line_width = 120;

/// `text` wrapped at word boundaries to `width` columns, the first line starting with
/// `first_indent` and the others with `indent`; a word longer than a line is cut.
std::string wrap(std::string_view text, std::string_view first_indent, std::string_view indent, std::size_t width);

/// Parse a lesson parameter (`--eta 3/8`, `--h 0.25`) exactly, with numerator and
/// denominator of at most 10^18, so that the exact trajectories a lesson runs stay
/// small. Throws InputError naming `flag`.
Rational parse_parameter(const std::string& text, const std::string& flag);

/// Write an SVG plot with gnuplot: `script` is gnuplot code that may refer to the data
/// files written from `data` (name → contents) in `dir`; the SVG is dir/name.svg, whose
/// path is returned. Throws InputError if gnuplot fails.
std::string plot_svg(const std::string& dir, const std::string& name, const std::string& script,
              const std::vector<std::pair<std::string, std::string>>& data);

/// Gnuplot data from rows of numbers: one line per row, the numbers separated by spaces (10 significant digits).
std::string data_rows(const std::vector<std::vector<double>>& rows);

/// Gnuplot data "x y f(x, y)" of a 2-D problem on the grid x = x_lo + i·h ≤ x_hi,
/// y = y_lo + j·h ≤ y_hi, a blank line after each x (for `splot … with lines` contours).
std::string contour_grid(const Problem<double>& f, double x_lo, double x_hi, double y_lo, double y_hi, double h);

}  // namespace descent::lessons
