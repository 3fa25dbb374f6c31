// Problem files of `descent trace`: lexeme-preserving JSON and validation of the fields.
#include "problem_file.hpp"

#include "commands.hpp"
#include "descent/problems/logistic.hpp"
#include "descent/problems/mlp.hpp"
#include "descent/problems/test_functions.hpp"

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

/// How a value looks, for messages: `an object`, `an array`, `null`, `true`, or its text.
std::string describe(const LexemeJson& v) {
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
LoadedProblem<S> load_problem(const std::string& path) {
  const LexemeJson doc = parse_json_keeping_lexemes(read_text_file(path), path);
  FieldReader<S> read(path);
  if (!doc.is_object()) throw InputError(path + ": the top level must be a JSON object, got " + describe(doc));
  if (!doc.contains("kind")) throw InputError(path + ": missing field 'kind' (quadratic, least_squares, rosenbrock, logistic, huber, lessard, mlp or brady)");
  const LexemeJson& kind_value = doc["kind"];
  if (!kind_value.is_string()) read.fail("kind", "expected a string (quadratic, least_squares, rosenbrock, logistic, huber, lessard, mlp or brady), got " + describe(kind_value));
  const std::string kind = kind_value.get<std::string>();

  LoadedProblem<S> loaded;
  loaded.kind = kind;
  try {
    if (kind == "quadratic") {
      read.check_fields(doc, kind, {"kind", "A", "b", "x0"}, {"c"});
      Mat<S> A = read.matrix(doc["A"], "A");
      if (A.rows() != A.cols())
        read.fail("A", "must be square, got " + std::to_string(A.rows()) + " rows of " + std::to_string(A.cols()) +
                           " entries");
      Vec<S> b = read.vector(doc["b"], "b");
      if (b.size() != A.rows())
        read.fail("b", "has " + std::to_string(b.size()) + " entries, A has " + std::to_string(A.rows()) + " rows");
      S c = doc.contains("c") ? read.scalar(doc["c"], "c") : S(0);
      loaded.multiply_adds_per_step = double(A.rows()) * double(A.cols());
      loaded.problem = std::make_unique<Quadratic<S>>(std::move(A), std::move(b), std::move(c));
    } else if (kind == "least_squares") {
      read.check_fields(doc, kind, {"kind", "Phi", "y", "x0"}, {});
      Mat<S> Phi = read.matrix(doc["Phi"], "Phi");
      Vec<S> y = read.vector(doc["y"], "y");
      if (y.size() != Phi.cols())
        read.fail("y", "has " + std::to_string(y.size()) + " entries, Phi has " + std::to_string(Phi.cols()) +
                           " columns (one per example)");
      loaded.multiply_adds_per_step = 2.0 * double(Phi.rows()) * double(Phi.cols());
      loaded.problem = std::make_unique<LeastSquares<S>>(std::move(Phi), std::move(y));
    } else if (kind == "rosenbrock") {
      read.check_fields(doc, kind, {"kind", "n", "x0"}, {});
      const long long n = read.integer(doc["n"], "n", 2, 1'000'000);
      loaded.multiply_adds_per_step = 10.0 * double(n);
      loaded.problem = std::make_unique<Rosenbrock<S>>(static_cast<int>(n));
    } else if (kind == "huber") {
      read.check_fields(doc, kind, {"kind", "delta", "x0"}, {"L"});
      S delta = read.scalar(doc["delta"], "delta");
      if (!(delta > 0)) read.fail("delta", "must be > 0");
      S L = doc.contains("L") ? read.scalar(doc["L"], "L") : S(1);
      if (!(L > 0)) read.fail("L", "must be > 0");
      const auto n = read.vector(doc["x0"], "x0").size();
      loaded.multiply_adds_per_step = double(n);
      loaded.problem = std::make_unique<Huber<S>>(static_cast<int>(n), std::move(delta), std::move(L));
    } else if (kind == "lessard") {
      read.check_fields(doc, kind, {"kind", "x0"}, {"mu", "L"});
      S mu = doc.contains("mu") ? read.scalar(doc["mu"], "mu") : S(1);
      S L = doc.contains("L") ? read.scalar(doc["L"], "L") : S(25);
      if (!(mu > 0)) read.fail("mu", "must be > 0");
      if (!(L >= mu)) read.fail("L", "must be >= mu");
      loaded.multiply_adds_per_step = 1;
      loaded.problem = std::make_unique<Lessard<S>>(std::move(mu), std::move(L));
    } else if (kind == "logistic") {
      if constexpr (ScalarTraits<S>::exact) {
        read.fail("kind", "logistic needs exp and log and cannot run with --exact; use --digits D");
      } else {
        const bool generated = doc.contains("generate");
        if (generated)
          read.check_fields(doc, kind, {"kind", "generate", "lambda", "x0"}, {});
        else
          read.check_fields(doc, kind, {"kind", "X", "y", "lambda", "x0"}, {});
        Mat<S> X;
        Vec<S> y;
        if (generated) {
          const LexemeJson& g = doc["generate"];
          if (!g.is_object()) read.fail("generate", "expected an object {\"seed\", \"m\", \"scales\"}, got " + describe(g));
          for (const auto& [name, value] : g.items())
            if (name != "seed" && name != "m" && name != "scales")
              read.fail("generate." + name, "unknown field (allowed: seed, m, scales)");
          for (const char* r : {"seed", "m", "scales"})
            if (!g.contains(r)) read.fail(std::string("generate.") + r, "missing (generate needs seed, m, scales)");
          const long long seed = read.integer(g["seed"], "generate.seed", 0, 9'007'199'254'740'991LL);
          const long long m = read.integer(g["m"], "generate.m", 2, 10'000'000);
          const Vec<double> scales_d = FieldReader<double>(path).vector(g["scales"], "generate.scales");
          std::vector<double> scales(scales_d.data(), scales_d.data() + scales_d.size());
          for (std::size_t j = 0; j < scales.size(); ++j)
            if (!(scales[j] > 0) || !std::isfinite(scales[j]))
              read.fail("generate.scales[" + std::to_string(j) + "]", "a feature scale must be finite and > 0");
          if (double(m) * double(scales.size()) > 1e8) read.fail("generate.m", "m x n must be at most 10^8");
          const DataSet data = scaled_classification_data(static_cast<std::uint64_t>(seed), static_cast<int>(m), scales);
          X = to_matrix<S>(data.X);
          y = Vec<S>(static_cast<Eigen::Index>(data.y.size()));
          for (std::size_t i = 0; i < data.y.size(); ++i) y(static_cast<Eigen::Index>(i)) = S(data.y[i]);
        } else {
          X = read.matrix(doc["X"], "X");
          y = read.vector(doc["y"], "y");
          if (y.size() != X.rows())
            read.fail("y", "has " + std::to_string(y.size()) + " entries, X has " + std::to_string(X.rows()) +
                               " rows (one per example)");
          for (int i = 0; i < y.size(); ++i)
            if (y(i) != 0 && y(i) != 1) read.fail("y[" + std::to_string(i) + "]", "a label must be 0 or 1");
        }
        S lambda = read.scalar(doc["lambda"], "lambda");
        if (lambda < 0) read.fail("lambda", "must be >= 0");
        loaded.multiply_adds_per_step = 3.0 * double(X.rows()) * double(X.cols());
        loaded.problem = std::make_unique<LogisticRegression<S>>(std::move(X), std::move(y), std::move(lambda));
      }
    } else if (kind == "mlp") {
      read.check_fields(doc, kind, {"kind", "layers"},
                        {"activation", "output", "divergence", "bias", "X", "D", "generate", "x0", "init"});
      const bool generated = doc.contains("generate");
      if (generated && (doc.contains("X") || doc.contains("D")))
        read.fail("generate", "give either generate or X and D, not both");
      if (!generated && !(doc.contains("X") && doc.contains("D")))
        read.fail(doc.contains("X") ? "D" : "X", "missing (kind mlp needs X and D, or generate)");
      if (doc.contains("init") == doc.contains("x0"))
        read.fail("x0", doc.contains("init") ? "give either x0 or init, not both" : "missing (kind mlp needs x0 or init)");
      MlpShape shape;
      const LexemeJson& layers = doc["layers"];
      if (!layers.is_array() || layers.size() < 2)
        read.fail("layers", "expected an array of at least two layer sizes (inputs, ..., outputs), got " + describe(layers));
      for (std::size_t k = 0; k < layers.size(); ++k)
        shape.sizes.push_back(static_cast<int>(read.integer(layers[k], "layers[" + std::to_string(k) + "]", 1, 10000)));
      auto word = [&](const char* field, const char* fallback) {
        if (!doc.contains(field)) return std::string(fallback);
        if (!doc[field].is_string()) read.fail(field, "expected a string, got " + describe(doc[field]));
        return doc[field].get<std::string>();
      };
      try {
        shape.hidden = parse_activation(word("activation", "sigmoid"));
      } catch (const InputError& e) {
        read.fail("activation", e.what());
      }
      try {
        shape.output = parse_activation(word("output", "identity"));
      } catch (const InputError& e) {
        read.fail("output", e.what());
      }
      try {
        shape.divergence = parse_divergence(word("divergence", "l2"));
      } catch (const InputError& e) {
        read.fail("divergence", e.what());
      }
      if (doc.contains("bias")) {
        if (!doc["bias"].is_boolean()) read.fail("bias", "expected true or false, got " + describe(doc["bias"]));
        shape.bias = doc["bias"].get<bool>();
      }
      try {
        shape.validate();
      } catch (const InputError& e) {
        read.fail("layers", e.what());
      }
      Mat<S> X, D;
      if (generated) {
        const LexemeJson& g = doc["generate"];
        if (!g.is_object()) read.fail("generate", "expected an object {\"set\", \"seed\", \"K\"}, got " + describe(g));
        for (const auto& [name, value] : g.items())
          if (name != "set" && name != "seed" && name != "K" && name != "noise")
            read.fail("generate." + name, "unknown field (allowed: set, seed, K, noise)");
        for (const char* r : {"set", "seed", "K"})
          if (!g.contains(r)) read.fail(std::string("generate.") + r, "missing (generate needs set, seed, K)");
        if (!g["set"].is_string()) read.fail("generate.set", "expected \"regression\" or \"two_class\"");
        const std::string set = g["set"].get<std::string>();
        const long long seed = read.integer(g["seed"], "generate.seed", 0, 9'007'199'254'740'991LL);
        const long long K = read.integer(g["K"], "generate.K", 2, 100'000);
        double noise = 0.5;
        if (g.contains("noise")) {
          noise = to_double<S>(read.scalar(g["noise"], "generate.noise"));
          if (!(noise >= 0) || noise > 1000) read.fail("generate.noise", "must be from 0 to 1000");
        }
        if (shape.sizes.back() != 1) read.fail("layers", "generated data sets have one output: the last size must be 1");
        ExampleData data;
        if (set == "regression") {
          data = regression_data(static_cast<std::uint64_t>(seed), static_cast<int>(K), shape.sizes.front(), noise);
        } else if (set == "two_class") {
          if (shape.sizes.front() != 2) read.fail("layers", "the two_class set has two inputs: the first size must be 2");
          data = two_class_data(static_cast<std::uint64_t>(seed), static_cast<int>(K), noise);
        } else {
          read.fail("generate.set", "unknown set '" + one_line(set) + "' (known: regression, two_class)");
        }
        X = Mat<S>(data.X.rows(), data.X.cols());
        D = Mat<S>(data.D.rows(), data.D.cols());
        for (int i = 0; i < data.X.rows(); ++i) {
          for (int j = 0; j < data.X.cols(); ++j) X(i, j) = S(data.X(i, j));
          for (int j = 0; j < data.D.cols(); ++j) D(i, j) = S(data.D(i, j));
        }
      } else {
        X = read.matrix(doc["X"], "X");
        D = read.matrix(doc["D"], "D");
        if (X.rows() > 100'000) read.fail("X", "at most 100000 examples");
      }
      if (doc.contains("init")) {
        const LexemeJson& in = doc["init"];
        if (!in.is_object()) read.fail("init", "expected an object {\"seed\", \"scale\"}, got " + describe(in));
        for (const auto& [name, value] : in.items())
          if (name != "seed" && name != "scale") read.fail("init." + name, "unknown field (allowed: seed, scale)");
        if (!in.contains("seed")) read.fail("init.seed", "missing (init needs seed; scale is optional, default 1/2)");
        const long long seed = read.integer(in["seed"], "init.seed", 0, 9'007'199'254'740'991LL);
        double scale = 0.5;
        if (in.contains("scale")) {
          const Rational q = FieldReader<Rational>(path).scalar(in["scale"], "init.scale");
          if (!(q * 16 == Rational(boost::multiprecision::numerator(q * 16))) || q < Rational(1, 16) || q > 1000)
            read.fail("init.scale", "must be a multiple of 1/16 from 1/16 to 1000");
          scale = q.convert_to<double>();
        }
        const std::vector<double> w = initial_weights(static_cast<std::uint64_t>(seed), shape.parameters(), scale);
        loaded.x0 = Vec<S>(static_cast<Eigen::Index>(w.size()));
        for (std::size_t j = 0; j < w.size(); ++j) loaded.x0(static_cast<Eigen::Index>(j)) = S(w[j]);
      }
      loaded.multiply_adds_per_step = 4.0 * double(X.rows()) * double(shape.parameters());
      loaded.problem = std::make_unique<Mlp<S>>(shape, std::move(X), std::move(D));
    } else if (kind == "brady") {
      read.check_fields(doc, kind, {"kind", "t", "x0"}, {"epsilon", "points"});
      if constexpr (ScalarTraits<S>::exact) {
        read.fail("kind", "brady is a sigmoid neuron and cannot run with --exact; use --digits D");
      } else {
        FieldReader<Rational> exact_read(path);
        const Rational t = exact_read.scalar(doc["t"], "t");
        if (!(t > 0) || t > 1'000'000) read.fail("t", "must satisfy 0 < t <= 10^6, got " + t.str());
        Rational eps(1, 100);
        if (doc.contains("epsilon")) {
          eps = exact_read.scalar(doc["epsilon"], "epsilon");
          if (!(eps > 0 && eps < Rational(1, 2))) read.fail("epsilon", "must satisfy 0 < epsilon < 1/2, got " + eps.str());
        }
        std::vector<int> points = {1, 2, 3, 4};
        if (doc.contains("points")) {
          const LexemeJson& p = doc["points"];
          if (!p.is_array() || p.empty() || p.size() > 4)
            read.fail("points", "expected a list of one to four of the point numbers 1, 2, 3, 4, got " + describe(p));
          points.clear();
          for (std::size_t i = 0; i < p.size(); ++i) {
            const int k = static_cast<int>(read.integer(p[i], "points[" + std::to_string(i) + "]", 1, 4));
            for (int q : points)
              if (q == k) read.fail("points[" + std::to_string(i) + "]", "point " + std::to_string(k) + " is listed twice");
            points.push_back(k);
          }
        }
        loaded.multiply_adds_per_step = 12.0;
        loaded.problem = std::make_unique<Mlp<S>>(brady_network<S>(t, eps, points));
      }
    } else {
      read.fail("kind", "unknown kind '" + one_line(kind) + "' (known: quadratic, least_squares, rosenbrock, logistic, huber, lessard, mlp, brady)");
    }
    if (doc.contains("x0")) loaded.x0 = read.vector(doc["x0"], "x0");
    if (doc.contains("x_prev")) {
      loaded.x_prev = read.vector(doc["x_prev"], "x_prev");
      if (loaded.x_prev->size() != loaded.x0.size())
        read.fail("x_prev", "has " + std::to_string(loaded.x_prev->size()) + " entries, x0 has " +
                                std::to_string(loaded.x0.size()));
    }
  } catch (const InputError& e) {
    const std::string what = e.what();
    if (what.rfind(path + ": ", 0) == 0) throw;
    throw InputError(path + ": " + what);  // from the library's constructors: they name the field
  }
  if (loaded.x0.size() != loaded.problem->dimension())
    read.fail("x0", "has " + std::to_string(loaded.x0.size()) + " entries, the problem has dimension " +
                        std::to_string(loaded.problem->dimension()));
  return loaded;
}

template LoadedProblem<double> load_problem<double>(const std::string&);
template LoadedProblem<Mpfr> load_problem<Mpfr>(const std::string&);
template LoadedProblem<Rational> load_problem<Rational>(const std::string&);

}  // namespace descent::tools
