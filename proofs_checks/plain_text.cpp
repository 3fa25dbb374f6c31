// TeX of the claim index → plain Unicode.
#include "plain_text.hpp"

#include <cctype>
#include <map>
#include <stdexcept>

namespace descent::claims {

namespace {

const std::map<std::string, std::string>& symbols() {
  static const std::map<std::string, std::string> m = {
      {"alpha", "α"}, {"beta", "β"}, {"gamma", "γ"}, {"delta", "δ"}, {"epsilon", "ε"}, {"varepsilon", "ε"},
      {"eta", "η"}, {"theta", "θ"}, {"kappa", "κ"}, {"lambda", "λ"}, {"mu", "μ"}, {"rho", "ρ"}, {"sigma", "σ"},
      {"phi", "φ"}, {"varphi", "φ"}, {"pi", "π"}, {"Phi", "Φ"}, {"Lambda", "Λ"}, {"Delta", "Δ"}, {"Sigma", "Σ"},
      {"le", " ≤ "}, {"leq", " ≤ "}, {"ge", " ≥ "}, {"geq", " ≥ "}, {"ne", " ≠ "}, {"neq", " ≠ "}, {"to", " → "},
      {"rightarrow", " → "}, {"mapsto", " ↦ "}, {"ln", "ln"}, {"succ", " ≻ "}, {"equiv", " ≡ "}, {"leftarrow", " ← "}, {"lceil", "⌈"}, {"rceil", "⌉"}, {"Rightarrow", " ⇒ "}, {"iff", " ⇔ "}, {"in", " ∈ "}, {"notin", " ∉ "}, {"nabla", "∇"},
      {"partial", "∂"}, {"sum", "Σ"}, {"infty", "∞"}, {"dots", "…"}, {"ldots", "…"}, {"cdots", "⋯"},
      {"cdot", "·"}, {"times", "×"}, {"approx", " ≈ "}, {"top", "ᵀ"}, {"|", "‖"}, {"min", "min"}, {"max", "max"},
      {"arg", "arg "}, {"log", "log"}, {"exp", "exp"}, {"sin", "sin"}, {"cos", "cos"}, {"sup", "sup"},
      {"inf", "inf"}, {"lim", "lim"}, {"quad", "  "}, {"qquad", "   "}, {",", " "}, {";", " "}, {" ", " "},
      {"!", ""}, {"left", ""}, {"right", ""}, {"{", "{"}, {"}", "}"}, {"mathbb", ""}, {"mid", "|"},
      {"langle", "⟨"}, {"rangle", "⟩"}, {"circ", "∘"}, {"pm", "±"}, {"forall", "∀"}, {"exists", "∃"},
      {"Big", ""}, {"big", ""}, {"subset", " ⊂ "}, {"succeq", " ⪰ "}, {"nu", "ν"}, {"xi", "ξ"}, {"textstyle", ""}, {"Longleftrightarrow", " ⇔ "}, {"&", "&"}, {"propto", " ∝ "}};
  return m;
}

// Characters with a superscript / subscript form.
std::string script_char(char32_t c, bool sup) {
  static const std::map<char32_t, std::string> up = {
      {'0', "⁰"}, {'1', "¹"}, {'2', "²"}, {'3', "³"}, {'4', "⁴"}, {'5', "⁵"}, {'6', "⁶"}, {'7', "⁷"},
      {'8', "⁸"}, {'9', "⁹"}, {'+', "⁺"}, {'-', "⁻"}, {'(', "⁽"}, {')', "⁾"}, {'n', "ⁿ"}, {'i', "ⁱ"},
      {'k', "ᵏ"}, {'t', "ᵗ"}, {'T', "ᵀ"}, {'*', "*"}, {U'ᵀ', "ᵀ"}};
  static const std::map<char32_t, std::string> down = {
      {'0', "₀"}, {'1', "₁"}, {'2', "₂"}, {'3', "₃"}, {'4', "₄"}, {'5', "₅"}, {'6', "₆"}, {'7', "₇"},
      {'8', "₈"}, {'9', "₉"}, {'+', "₊"}, {'-', "₋"}, {'(', "₍"}, {')', "₎"}, {'i', "ᵢ"}, {'j', "ⱼ"},
      {'k', "ₖ"}, {'t', "ₜ"}, {'n', "ₙ"}, {'x', "ₓ"}};
  const auto& m = sup ? up : down;
  auto it = m.find(c);
  return it == m.end() ? std::string() : it->second;
}

// Decode one UTF-8 code point starting at s[i]; advances i.
char32_t next_code_point(const std::string& s, std::size_t& i) {
  const unsigned char c = s[i];
  int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
  for (int k = 1; k < n && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += n;
  return cp;
}

class Reader {
 public:
  explicit Reader(std::string_view t) : t_(t) {}
  std::string all() {
    std::string out;
    while (i_ < t_.size()) out += one();
    return out;
  }

 private:
  std::string_view t_;
  std::size_t i_ = 0;

  // A braced group's content, or a single token.
  std::string argument() {
    skip_spaces();
    if (i_ < t_.size() && t_[i_] == '{') {
      ++i_;
      std::string out;
      while (i_ < t_.size() && t_[i_] != '}') out += one();
      ++i_;
      return out;
    }
    return one();
  }
  std::string raw_argument() {  // braced content without conversion (environment names)
    skip_spaces();
    if (i_ >= t_.size() || t_[i_] != '{') return {};
    const std::size_t end = t_.find('}', i_);
    if (end == std::string_view::npos) throw std::invalid_argument("plain_text: unbalanced braces in " + std::string(t_));
    std::string out(t_.substr(i_ + 1, end - i_ - 1));
    i_ = end + 1;
    return out;
  }
  void skip_spaces() {
    while (i_ < t_.size() && t_[i_] == ' ') ++i_;
  }
  static bool simple(const std::string& s) {
    for (char c : s)
      if (c == ' ' || c == '+' || c == '-' || c == '/' || c == ',') return false;
    return true;
  }
  static std::string wrap(const std::string& s) { return simple(s) ? s : "(" + s + ")"; }
  // A denominator keeps its parentheses unless it is a number or a single symbol: 1/(2β).
  static std::string denominator(const std::string& s) {
    bool digits = !s.empty();
    for (char c : s) digits = digits && std::isdigit(static_cast<unsigned char>(c));
    std::size_t k = 0, points = 0;
    while (k < s.size()) {
      next_code_point(s, k);
      ++points;
    }
    return digits || points <= 1 || (s.front() == '(' && s.back() == ')') ? s : "(" + s + ")";
  }
  std::string script(bool sup) {
    const std::string a = argument();
    std::string out;
    for (std::size_t k = 0; k < a.size();) {
      const std::string c = script_char(next_code_point(a, k), sup);
      if (c.empty()) return (sup ? "^" : "_") + wrap(a);
      out += c;
    }
    return out;
  }
  std::string matrix() {
    // rows separated by \\, entries by &, up to \end{…}
    std::string out = "[[", cell;
    while (i_ < t_.size()) {
      if (t_.compare(i_, 4, "\\end") == 0) {
        i_ += 4;
        raw_argument();
        break;
      }
      if (t_.compare(i_, 2, "\\\\") == 0) {
        i_ += 2;
        out += cell + "], [";
        cell.clear();
        continue;
      }
      if (t_[i_] == '&') {
        ++i_;
        out += cell + ", ";
        cell.clear();
        continue;
      }
      cell += one();
    }
    out += cell + "]]";
    // trim spaces next to brackets and commas
    std::string tidy;
    for (std::size_t k = 0; k < out.size(); ++k) {
      if (out[k] == ' ' && (tidy.empty() || tidy.back() == ' ' || tidy.back() == '[' || k + 1 == out.size() ||
                            out[k + 1] == ']' || out[k + 1] == ',' || out[k + 1] == ' '))
        continue;
      tidy += out[k];
    }
    return tidy;
  }
  std::string one() {
    const char c = t_[i_];
    if (c == '{') return argument();
    if (c == '}') {
      ++i_;
      return {};
    }
    if (c == '^' || c == '_') {
      ++i_;
      return script(c == '^');
    }
    if (c == '~') {
      ++i_;
      return " ";
    }
    if (c != '\\') {
      ++i_;
      return std::string(1, c);
    }
    ++i_;
    std::size_t j = i_;
    while (j < t_.size() && std::isalpha(static_cast<unsigned char>(t_[j]))) ++j;
    if (j == i_) ++j;  // a one-character command: \| \, \; \{
    const std::string name(t_.substr(i_, j - i_));
    i_ = j;
    if (std::isalpha(static_cast<unsigned char>(name[0]))) skip_spaces();  // TeX drops spaces after a control word
    if (name == "frac" || name == "tfrac" || name == "dfrac") {
      const std::string a = argument(), b = argument();
      return wrap(a) + "/" + denominator(b);
    }
    if (name == "sqrt") {
      const std::string a = argument();
      return "√" + wrap(a);
    }
    if (name == "text" || name == "mathrm" || name == "operatorname" || name == "mathbf" || name == "boldsymbol")
      return argument();
    if (name == "hat") {  // a combining circumflex after a one-letter argument, else "hat(…)"
      const std::string a = argument();
      return a.size() == 1 ? a + "\u0302" : "hat(" + a + ")";
    }
    if (name == "tilde") {  // a combining tilde after a one-letter argument, else "tilde(…)"
      const std::string a = argument();
      return a.size() == 1 ? a + "\u0303" : "tilde(" + a + ")";
    }
    if (name == "mathbb") {
      const std::string a = argument();
      return a == "R" ? "ℝ" : a;
    }
    if (name == "overset") {
      const std::string above = argument(), base = argument();
      return base + " (" + above + ")";
    }
    if (name == "begin") {
      raw_argument();
      return matrix();
    }
    auto it = symbols().find(name);
    if (it == symbols().end()) throw std::invalid_argument("plain_text: unknown TeX command \\" + name);
    return it->second;
  }
};

}  // namespace

std::string plain_text(std::string_view tex) {
  std::string s = Reader(tex).all();
  // collapse runs of spaces
  std::string out;
  for (char c : s)
    if (!(c == ' ' && (out.empty() || out.back() == ' '))) out += c;
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace descent::claims
