// What a problem kind's reader uses (tools/kinds/): the value of a field described for a
// message, and the reader of fields whose every error names the file and the field.
#pragma once

#include <string>
#include <vector>

#include "commands.hpp"
#include "problem_file.hpp"

namespace descent::tools {

/// How a value looks, for messages: `an object`, `an array`, `null`, `true`, or its text.
inline std::string describe(const LexemeJson& v) {
  if (v.is_object()) return "an object";
  if (v.is_array()) return "an array";
  if (v.is_null()) return "null";
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  std::string text = v.get<std::string>();
  if (text.size() > 40) text = text.substr(0, 37) + "...";
  return "'" + one_line(text) + "'";
}

/// Reads the fields of one problem file, each error prefixed by the file name.
template <class S>
class FieldReader {
 public:
  explicit FieldReader(std::string file) : file_(std::move(file)) {}

  /// Throw the one-line error `FILE: field: message`.
  [[noreturn]] void fail(const std::string& field, const std::string& message) const {
    throw InputError(file_ + ": " + field + ": " + message);
  }

  /// A number (JSON number or numeric string) at `field`.
  S scalar(const LexemeJson& v, const std::string& field) const {
    if (!v.is_string()) fail(field, "expected a number (such as 0.5, \"0.1\" or \"1/3\"), got " + describe(v));
    return parse_scalar<S>(v.get_ref<const std::string&>(), file_ + ": " + field);
  }

  /// An integer in [lo, hi] at `field` (a JSON number or string without fraction or exponent).
  long long integer(const LexemeJson& v, const std::string& field, long long lo, long long hi) const {
    if (!v.is_string()) fail(field, "expected an integer, got " + describe(v));
    const std::string text = v.get<std::string>();
    std::size_t used = 0;
    long long out = 0;
    try {
      out = std::stoll(text, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (text.empty() || used != text.size()) fail(field, "expected an integer, got '" + one_line(text) + "'");
    if (out < lo || out > hi)
      fail(field, "must be from " + std::to_string(lo) + " to " + std::to_string(hi) + ", got " + text);
    return out;
  }

  /// A non-empty array of numbers at `field`.
  Vec<S> vector(const LexemeJson& v, const std::string& field) const {
    if (!v.is_array()) fail(field, "expected an array of numbers, got " + describe(v));
    if (v.empty()) fail(field, "must not be empty");
    Vec<S> out(static_cast<Eigen::Index>(v.size()));
    for (std::size_t i = 0; i < v.size(); ++i)
      out(static_cast<Eigen::Index>(i)) = scalar(v[i], field + "[" + std::to_string(i) + "]");
    return out;
  }

  /// A non-empty rectangular matrix at `field`: an array of rows, each an array of numbers.
  Mat<S> matrix(const LexemeJson& v, const std::string& field) const {
    const std::string shape = "expected an array of rows, each an array of numbers";
    if (!v.is_array()) fail(field, shape + ", got " + describe(v));
    if (v.empty()) fail(field, "must have at least one row");
    for (std::size_t i = 0; i < v.size(); ++i)
      if (!v[i].is_array())
        fail(field + "[" + std::to_string(i) + "]", "expected a row (an array of numbers), got " + describe(v[i]));
    const std::size_t cols = v[0].size();
    if (cols == 0) fail(field + "[0]", "a row must not be empty");
    for (std::size_t i = 1; i < v.size(); ++i)
      if (v[i].size() != cols)
        fail(field, "ragged rows: row " + std::to_string(i) + " has " + std::to_string(v[i].size()) +
                        " entries, row 0 has " + std::to_string(cols));
    Mat<S> out(static_cast<Eigen::Index>(v.size()), static_cast<Eigen::Index>(cols));
    for (std::size_t i = 0; i < v.size(); ++i)
      for (std::size_t j = 0; j < cols; ++j)
        out(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) =
            scalar(v[i][j], field + "[" + std::to_string(i) + "][" + std::to_string(j) + "]");
    return out;
  }

  /// Check that `doc` has exactly the `required` fields plus some of the `optional` ones.
  void check_fields(const LexemeJson& doc, const std::string& kind, const std::vector<std::string>& required,
                    const std::vector<std::string>& optional) const {
    auto listed = [](const std::vector<std::string>& names) {
      std::string s;
      for (const auto& n : names) s += (s.empty() ? "" : ", ") + n;
      return s;
    };
    std::vector<std::string> allowed = required;
    allowed.insert(allowed.end(), optional.begin(), optional.end());
    allowed.push_back("x_prev");  // every kind: the iterate before x0, for momentum methods
    for (const auto& [name, value] : doc.items()) {
      bool known = false;
      for (const auto& a : allowed) known = known || a == name;
      if (!known)
        throw InputError(file_ + ": unknown field '" + name + "' for kind " + kind + " (allowed: " + listed(allowed) +
                         ")");
    }
    for (const auto& r : required)
      if (!doc.contains(r))
        throw InputError(file_ + ": missing field '" + r + "' (kind " + kind + " needs " + listed(required) +
                         (optional.empty() ? std::string() : "; optional: " + listed(optional)) + ")");
  }


 private:
  std::string file_;
};

}  // namespace descent::tools
