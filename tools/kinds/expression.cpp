// Problem kind "expression": your own function, typed as text, alone or summed over the rows of a
// data set (a CSV file or inline columns).
#include "../problem_kinds.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "descent/problems/expression.hpp"

namespace descent::tools {

namespace {

/// Largest data set: rows, and rows × columns used.
constexpr long long max_data_rows = 10'000'000;
constexpr double max_data_values = 1e8;

/// A data set as text: column names and, per column, each value's text and where it was read.
struct DataText {
  std::vector<std::string> names;
  std::vector<std::vector<std::string>> values;  // values[column][row]
  std::string source;                            // "points.csv" or "data" (inline)
  std::vector<std::string> row_place;            // per row: "line 5" (CSV) or "4" (inline)
};

std::string trimmed(std::string s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string::npos) return "";
  s = s.substr(first, s.find_last_not_of(" \t\r") - first + 1);
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
  return s;
}

std::vector<std::string> split_fields(const std::string& line) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = line.find(',', start);
    out.push_back(trimmed(line.substr(start, comma == std::string::npos ? std::string::npos : comma - start)));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

template <class S>
DataText read_csv(const FieldReader<S>& read, const std::string& problem_path, const std::string& name) {
  namespace fs = std::filesystem;
  const fs::path resolved = fs::path(problem_path).parent_path() / name;
  std::error_code ec;
  if (!fs::is_regular_file(resolved, ec))
    read.fail("data", "cannot read '" + name + "' (looked for " + resolved.string() + ", relative to the problem file): " +
                          (fs::exists(resolved, ec) ? "not a regular file" : "no such file"));
  std::ifstream in(resolved, std::ios::binary);
  if (!in) read.fail("data", "cannot read '" + resolved.string() + "'");
  DataText d;
  d.source = name;
  std::string line;
  long long line_no = 0;
  bool header = false;
  while (std::getline(in, line)) {
    ++line_no;
    if (trimmed(line).empty()) continue;
    std::vector<std::string> fields = split_fields(line);
    if (!header) {
      header = true;
      d.names = fields;
      for (std::size_t j = 0; j < fields.size(); ++j) {
        if (fields[j].empty()) read.fail("data", name + ": line " + std::to_string(line_no) + ": column " + std::to_string(j + 1) + " has no name");
        for (std::size_t k = 0; k < j; ++k)
          if (fields[k] == fields[j]) read.fail("data", name + ": the column '" + fields[j] + "' appears twice in the header");
      }
      d.values.resize(fields.size());
      continue;
    }
    if (fields.size() != d.names.size())
      read.fail("data", name + ": line " + std::to_string(line_no) + " has " + std::to_string(fields.size()) +
                            " fields, the header has " + std::to_string(d.names.size()));
    if (static_cast<long long>(d.row_place.size()) >= max_data_rows)
      read.fail("data", name + ": more than " + std::to_string(max_data_rows) + " rows");
    for (std::size_t j = 0; j < fields.size(); ++j) d.values[j].push_back(std::move(fields[j]));
    d.row_place.push_back("line " + std::to_string(line_no));
  }
  if (in.bad()) read.fail("data", "cannot read '" + resolved.string() + "': read error");
  if (!header) read.fail("data", name + ": empty (expected a header line naming the columns, then one row per example)");
  if (d.row_place.empty()) read.fail("data", name + ": has a header but no rows");
  return d;
}

template <class S>
DataText read_inline(const FieldReader<S>& read, const LexemeJson& v) {
  DataText d;
  d.source = "";  // inline: values are named data.<column>[i]
  std::size_t rows = 0;
  for (const auto& [name, column] : v.items()) {
    if (!column.is_array()) read.fail("data." + name, "expected an array of numbers (one per example), got " + describe(column));
    if (column.empty()) read.fail("data." + name, "must not be empty");
    if (d.names.empty()) rows = column.size();
    else if (column.size() != rows)
      read.fail("data." + name, "has " + std::to_string(column.size()) + " entries, data." + d.names.front() + " has " +
                                    std::to_string(rows));
    d.names.push_back(name);
    std::vector<std::string> values;
    for (std::size_t i = 0; i < column.size(); ++i) {
      if (!column[i].is_string())
        read.fail("data." + name + "[" + std::to_string(i) + "]", "expected a number, got " + describe(column[i]));
      values.push_back(column[i].template get<std::string>());
    }
    d.values.push_back(std::move(values));
  }
  if (d.names.empty()) read.fail("data", "expected at least one column, {\"t\": [...], \"y\": [...]}");
  for (std::size_t i = 0; i < rows; ++i) d.row_place.push_back(std::to_string(i));
  return d;
}

template <class S>
void read_expression(const LexemeJson& doc, const FieldReader<S>& read, const std::string& path, LoadedProblem<S>& loaded) {
  const std::string kind = "expression";
  const bool sum = doc.contains("example") || doc.contains("data");
  if (sum && doc.contains("f"))
    read.fail("f", "give either f (the whole function) or example and data (one example's term, summed over the rows)");
  if (sum)
    read.check_fields(doc, kind, {"kind", "vars", "example", "data", "x0"}, {"reduce"});
  else
    read.check_fields(doc, kind, {"kind", "vars", "f", "x0"}, {});
  const LexemeJson& vars = doc["vars"];
  if (!vars.is_array()) read.fail("vars", "expected an array of names, [\"x\", \"y\"], got " + describe(vars));
  if (vars.empty()) read.fail("vars", "must name at least one variable");
  std::vector<std::string> names;
  for (std::size_t i = 0; i < vars.size(); ++i) {
    const std::string field = "vars[" + std::to_string(i) + "]";
    if (!vars[i].is_string()) read.fail(field, "expected a name, got " + describe(vars[i]));
    try {
      Expression check("0", {vars[i].get<std::string>()});
    } catch (const InputError& e) {
      read.fail(field, e.what());
    }
    for (std::size_t j = 0; j < i; ++j)
      if (names[j] == vars[i].get<std::string>()) read.fail(field, "the variable '" + names[j] + "' is named twice");
    names.push_back(vars[i].get<std::string>());
  }
  const int n = static_cast<int>(names.size());
  const std::string formula_field = sum ? "example" : "f";
  const LexemeJson& formula = doc[formula_field];
  if (!formula.is_string()) read.fail(formula_field, "expected the formula as a string, got " + describe(formula));
  const std::string text = formula.get<std::string>();
  auto parse = [&](const std::vector<std::string>& symbols) {
    try {
      return Expression(text, symbols);
    } catch (const InputError& e) {
      read.fail(formula_field, e.what());
    }
  };
  if (!sum) {
    Expression e = parse(names);
    loaded.multiply_adds_per_step = 4.0 * double(e.code().size());
    try {
      loaded.problem = std::make_unique<ExpressionProblem<S>>(std::move(e));
    } catch (const InputError& ex) {
      read.fail(formula_field, ex.what());
    }
    return;
  }
  bool mean = true;
  if (doc.contains("reduce")) {
    const LexemeJson& r = doc["reduce"];
    if (!r.is_string() || (r.get<std::string>() != "mean" && r.get<std::string>() != "sum"))
      read.fail("reduce", "expected \"mean\" or \"sum\", got " + describe(r));
    mean = r.get<std::string>() == "mean";
  }
  const LexemeJson& data = doc["data"];
  DataText table;
  if (data.is_string()) table = read_csv<S>(read, path, data.get<std::string>());
  else if (data.is_object()) table = read_inline<S>(read, data);
  else read.fail("data", "expected a CSV file name or an object of columns {\"t\": [...]}, got " + describe(data));
  // the columns a formula can name; a column named like a variable is ambiguous
  std::vector<std::string> symbols = names;
  std::vector<std::size_t> column_of_symbol;
  for (std::size_t j = 0; j < table.names.size(); ++j) {
    const std::string& c = table.names[j];
    for (const auto& v : names)
      if (v == c)
        read.fail(table.source.empty() ? "data." + c : "data",
                  (table.source.empty() ? std::string() : table.source + ": ") + "the column '" + c +
                      "' has the name of a variable; rename one of them");
    bool ok = true;
    try {
      Expression check("0", {c});
    } catch (const InputError&) {
      ok = false;  // not a name, or a function's or constant's: the formula cannot refer to it
    }
    if (!ok) continue;
    symbols.push_back(c);
    column_of_symbol.push_back(j);
  }
  const Expression all = parse(symbols);
  // keep the columns the formula uses
  std::vector<std::string> used_symbols = names;
  std::vector<std::size_t> used_columns;
  for (std::size_t s = 0; s < column_of_symbol.size(); ++s)
    if (all.uses(n + static_cast<int>(s))) {
      used_symbols.push_back(symbols[static_cast<std::size_t>(n) + s]);
      used_columns.push_back(column_of_symbol[s]);
    }
  const auto K = static_cast<Eigen::Index>(table.row_place.size());
  if (double(K) * double(used_columns.size()) > max_data_values)
    read.fail("data", "rows x columns used must be at most 10^8");
  Mat<S> values(K, static_cast<Eigen::Index>(used_columns.size()));
  for (std::size_t c = 0; c < used_columns.size(); ++c) {
    const std::size_t j = used_columns[c];
    for (Eigen::Index i = 0; i < K; ++i)
      values(i, static_cast<Eigen::Index>(c)) =
          parse_scalar<S>(table.values[j][static_cast<std::size_t>(i)],
                          table.source.empty()
                              ? path + ": data." + table.names[j] + "[" + table.row_place[static_cast<std::size_t>(i)] + "]"
                              : path + ": data: " + table.source + ": " + table.row_place[static_cast<std::size_t>(i)] +
                                    ", column " + table.names[j]);
  }
  Expression e = parse(used_symbols);
  loaded.multiply_adds_per_step = 4.0 * double(e.code().size()) * double(K);
  try {
    loaded.problem = std::make_unique<ExpressionProblem<S>>(std::move(e), n, std::move(values), mean);
  } catch (const InputError& ex) {
    read.fail(formula_field, ex.what());
  }
}

const bool registered_expression = register_kind({
    .order = 90,
    .name = "expression",
    .summary = "your own function, typed as a formula, or summed over the rows of a data set",
    .doc = "`{\"kind\": \"expression\", \"vars\": [\"x\", \"y\"], \"f\": \"(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2\", "
           "\"x0\": [1, 1]}` for a function you type: numbers are exact (`1.5` is 3/2), operators `+ - * / ^` "
           "(`**` too; a constant integer exponent is an exact power, any other is exp(b·log a) for a > 0), "
           "functions `exp log sqrt sin cos tanh sigmoid softplus relu abs`, constants `pi e`. Or a sum over the "
           "rows of a data set: `\"example\": \"(w*t + b - y)^2\", \"data\": \"points.csv\", \"reduce\": \"mean\"` "
           "(or `\"sum\"`; default mean), the columns named by the CSV file's header (its path relative to the "
           "problem file), or inline as `\"data\": {\"t\": […], \"y\": […]}`; sgd and `--epochs` then sample the "
           "rows. Gradients by reverse-mode AD, Hessians by forward over forward. Runs with `--exact` when the "
           "formula is rational (`+ - * /`, integer powers, relu, abs). See the page \"Your own problem\". "
           "Cost: 4 × the formula's length × the rows.",
    .example = "examples/beale.json",
    .sum_over_examples = true,
    .exact = "yes when the formula is rational",
    .read_double = read_expression<double>,
    .read_mpfr = read_expression<Mpfr>,
    .read_exact = read_expression<Rational>,
    .read_interval = read_expression<Interval>,
});
}  // namespace

}  // namespace descent::tools
