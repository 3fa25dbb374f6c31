// Problem files of `descent trace`: lexeme-preserving JSON and validation of the fields.
#include "problem_file.hpp"

#include "commands.hpp"
#include "problem_kinds.hpp"
#include "problem_reader.hpp"

#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <vector>

namespace descent::tools {

std::string one_line(std::string s) {
  for (char& ch : s)
    if (ch == '\n' || ch == '\r') ch = ' ';
  return s;
}


namespace {


/// SAX handler for nlohmann::ordered_json::sax_parse that builds a LexemeJson: the
/// structure as parsed, but every number stored as the string of its lexeme.
class LexemeSax {
 public:
  using json = LexemeJson;

  explicit LexemeSax(std::string source) : source_(std::move(source)) {}

  /// `null` literal.
  bool null() { return put(json(nullptr)); }
  /// `true` / `false`.
  bool boolean(bool value) { return put(json(value)); }
  /// A negative integer: its decimal text is its lexeme.
  bool number_integer(json::number_integer_t value) { return put(json(std::to_string(value))); }
  /// A non-negative integer: its decimal text is its lexeme.
  bool number_unsigned(json::number_unsigned_t value) { return put(json(std::to_string(value))); }
  /// Any other number: keep the original text, ignore nlohmann's double.
  bool number_float(json::number_float_t, const json::string_t& lexeme) { return put(json(lexeme)); }
  /// A string, kept as is.
  bool string(json::string_t& value) { return put(json(std::move(value))); }
  /// Never produced by text JSON; rejected for completeness.
  bool binary(json::binary_t&) {
    error_ = source_ + ": binary values are not allowed in a problem file";
    return false;
  }
  /// `{`: open an object in its parent.
  bool start_object(std::size_t) { return open(json::object()); }
  /// An object key; a key seen twice in one object is an error (JSON leaves it undefined).
  bool key(json::string_t& name) {
    if (stack_.back()->contains(name)) {
      error_ = source_ + ": duplicate field '" + name + "'";
      return false;
    }
    key_ = std::move(name);
    return true;
  }
  /// `}`.
  bool end_object() {
    stack_.pop_back();
    return true;
  }
  /// `[`: open an array in its parent.
  bool start_array(std::size_t) { return open(json::array()); }
  /// `]`.
  bool end_array() {
    stack_.pop_back();
    return true;
  }
  /// Malformed input: keep nlohmann's message (it gives line and column) without its
  /// `[json.exception…]` prefix.
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) {
    std::string what = ex.what();
    if (const auto close = what.find("] "); !what.empty() && what.front() == '[' && close != std::string::npos)
      what = what.substr(close + 2);
    if (what.find("line ") == std::string::npos) what += " (at byte " + std::to_string(position) + ")";
    error_ = source_ + ": malformed JSON: " + one_line(what);
    return false;
  }

  /// The document, once sax_parse returned true.
  json& root() { return root_; }
  /// The message of the failure, once sax_parse returned false.
  const std::string& error() const { return error_; }

 private:
  /// Attach a value to the open container (or make it the root).
  json* attach(json value) {
    if (stack_.empty()) {
      root_ = std::move(value);
      return &root_;
    }
    json& parent = *stack_.back();
    if (parent.is_array()) {
      parent.push_back(std::move(value));
      return &parent.back();
    }
    parent[key_] = std::move(value);
    return &parent[key_];
  }
  /// A scalar event: attach it.
  bool put(json value) {
    attach(std::move(value));
    return true;
  }
  /// `{` or `[`: attach the empty container and make it the open one.
  bool open(json container) {
    stack_.push_back(attach(std::move(container)));
    return true;
  }

  std::string source_;
  json root_;
  std::vector<json*> stack_;  // the open containers; only the innermost one grows
  std::string key_;
  std::string error_;
};

}  // namespace

LexemeJson parse_json_keeping_lexemes(const std::string& text, const std::string& source) {
  LexemeSax sax(source);
  if (!LexemeJson::sax_parse(text, &sax)) throw InputError(sax.error());
  return std::move(sax.root());
}

std::string read_text_file(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) throw InputError("--problem: cannot read '" + path + "': no such file");
  if (!fs::is_regular_file(status)) throw InputError("--problem: cannot read '" + path + "': not a regular file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError("--problem: cannot read '" + path + "': " + std::strerror(errno));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) throw InputError("--problem: cannot read '" + path + "': read error");
  return buffer.str();
}

template <class S>
LoadedProblem<S> load_problem(const std::string& path, bool x0_elsewhere) {
  LexemeJson doc = parse_json_keeping_lexemes(read_text_file(path), path);
  FieldReader<S> read(path);
  if (!doc.is_object()) throw InputError(path + ": the top level must be a JSON object, got " + describe(doc));
  if (!doc.contains("kind")) throw InputError(path + ": missing field 'kind' (" + kind_names("or") + ")");
  const LexemeJson& kind_value = doc["kind"];
  if (!kind_value.is_string()) read.fail("kind", "expected a string (" + kind_names("or") + "), got " + describe(kind_value));
  const std::string kind = kind_value.get<std::string>();

  LoadedProblem<S> loaded;
  loaded.kind = kind;
  const bool x0_absent = x0_elsewhere && !doc.contains("x0");
  if (x0_absent) doc["x0"] = LexemeJson::array();  // the kind's field check then passes; --x0 replaces it
  try {
    const ProblemKind& k = problem_kind(kind, path);
    if constexpr (std::is_same_v<S, double>) k.read_double(doc, read, path, loaded);
    else if constexpr (std::is_same_v<S, Mpfr>) k.read_mpfr(doc, read, path, loaded);
    else if constexpr (std::is_same_v<S, Rational>) k.read_exact(doc, read, path, loaded);
    else {
      if (!k.read_interval)
        throw InputError(path + ": kind: " + kind + " has no interval form (descent certify takes " +
                         interval_kind_names("or") + ")");
      k.read_interval(doc, read, path, loaded);
    }
    if (doc.contains("x0") && !x0_absent) loaded.x0 = read.vector(doc["x0"], "x0");
    if (doc.contains("x_prev")) {
      loaded.x_prev = read.vector(doc["x_prev"], "x_prev");
      if (!x0_absent && loaded.x_prev->size() != loaded.x0.size())
        read.fail("x_prev", "has " + std::to_string(loaded.x_prev->size()) + " entries, x0 has " +
                                std::to_string(loaded.x0.size()));
    }
  } catch (const InputError& e) {
    const std::string what = e.what();
    if (what.rfind(path + ": ", 0) == 0) throw;
    throw InputError(path + ": " + what);  // from the library's constructors: they name the field
  }
  if (!x0_absent && loaded.x0.size() != loaded.problem->dimension())
    read.fail("x0", "has " + std::to_string(loaded.x0.size()) + " entries, the problem has dimension " +
                        std::to_string(loaded.problem->dimension()));
  return loaded;
}

template LoadedProblem<double> load_problem<double>(const std::string&, bool);
template LoadedProblem<Mpfr> load_problem<Mpfr>(const std::string&, bool);
template LoadedProblem<Rational> load_problem<Rational>(const std::string&, bool);
template LoadedProblem<Interval> load_problem<Interval>(const std::string&, bool);

}  // namespace descent::tools
