// `descent grad`: a problem file's gradient three ways (hand-written, reverse mode, forward mode).
#include <nlohmann/json.hpp>

#include <algorithm>
#include <sstream>
#include <stdexcept>

#include "commands.hpp"
#include "descent/autodiff/twin.hpp"
#include "format_value.hpp"
#include "problem_file.hpp"

namespace descent::tools {

namespace {

std::string json_string(const std::string& s) { return nlohmann::json(s).dump(); }

template <class S>
S largest_difference(const Vec<S>& a, const Vec<S>& b) {
  S m = 0;
  for (int i = 0; i < a.size(); ++i) {
    const S d = a(i) < b(i) ? S(b(i) - a(i)) : S(a(i) - b(i));
    if (d > m) m = d;
  }
  return m;
}
template <class S>
Vec<S> flat(const Mat<S>& M) {
  Vec<S> v(M.size());
  for (int i = 0; i < M.rows(); ++i)
    for (int j = 0; j < M.cols(); ++j) v(i * M.cols() + j) = M(i, j);
  return v;
}

// The point: --at "x1,x2,…" parsed in S, or the file's x0.
template <class S>
Vec<S> point(const GradOptions& o, const LoadedProblem<S>& loaded) {
  if (o.at.empty()) return loaded.x0;
  return parse_point<S>(o.at, "--at", loaded.problem->dimension());
}

template <class S>
int grad_in(const GradOptions& o, int sig, std::string& out) {
  const LoadedProblem<S> loaded = load_problem<S>(o.problem);
  const Vec<S> x = point<S>(o, loaded);
  const Problem<S>& f = *loaded.problem;
  const int n = f.dimension();
  if (o.hessian && n > 200) throw InputError("--hessian: at most 200 parameters (this problem has " + std::to_string(n) + ")");
  // forward mode evaluates f n times (the Hessian n(n + 1)/2 times): refuse what would take minutes
  const double evaluations = o.hessian ? double(n) * (n + 1) / 2 + n : double(n);
  const double cost = ScalarTraits<S>::name == "double" ? 1.0 : 100.0 * std::max(1.0, sig / 50.0);
  if (evaluations * std::max(1.0, loaded.multiply_adds_per_step) * cost > 1e10)
    throw InputError("the problem has " + std::to_string(n) + " parameters: forward mode (one pass each" +
                     std::string(o.hessian ? ", and n(n + 1)/2 for --hessian" : "") +
                     ") would take minutes; use a smaller problem or fewer digits");
  const auto twin = autodiff::ad_twin<S>(f);
  S fx;
  Vec<S> hand, rev, fwd;
  std::size_t nodes = 0;
  try {
    fx = f.value(x);
    hand = f.gradient(x);
    rev = twin->gradient(x);
    nodes = twin->last_tape_size();
    fwd = twin->forward_gradient(x);
  } catch (const std::domain_error& e) {
    throw InputError(std::string(o.at.empty() ? o.problem + ": x0" : "--at") + ": f or its gradient is not defined there: " +
                     e.what());
  }
  // the network's Hessian is itself AD (forward over forward): only a hand-written one is compared
  const bool hand_hessian = loaded.kind != "mlp" && loaded.kind != "expression";
  Mat<S> H_lib, H_ad;
  if (o.hessian) {
    try {
      H_lib = f.hessian(x);
      H_ad = twin->hessian(x);
    } catch (const std::domain_error& e) {
      throw InputError(std::string("--hessian: the Hessian is not defined at the point: ") + e.what());
    }
  }
  const std::string name = ScalarTraits<S>::exact ? "exact" : std::string(ScalarTraits<S>::name);
  auto vec = [&](const Vec<S>& v, bool json) {
    std::string s;
    for (int i = 0; i < v.size(); ++i) s += (i ? (json ? ", " : ",") : "") + (json ? json_string(format_value(v(i), sig)) : format_value(v(i), sig));
    return s;
  };
  const S d_rev = largest_difference<S>(rev, hand), d_fwd = largest_difference<S>(fwd, hand),
          d_fr = largest_difference<S>(fwd, rev);
  // an expression has no hand-written gradient: none is printed (reverse mode against itself would be a
  // comparison that cannot fail); forward against reverse is the check
  const bool has_hand = loaded.kind != "expression";
  const std::string gradient_source = loaded.kind == "mlp" ? "backward pass (Mlp::backward)" : "formula (hand-written)";
  const auto hand_json = [&](const std::string& text) { return has_hand ? text : std::string("null"); };
  if (o.json) {
    out += "{\"problem\": " + json_string(loaded.kind) + ", \"dimension\": " + std::to_string(n) +
           ", \"arithmetic\": " + json_string(name) + ", \"digits\": " + (o.digits_given ? std::to_string(o.digits) : "null") +
           ",\n \"at\": [" + vec(x, true) + "],\n \"f\": " + json_string(format_value(fx, sig)) +
           ",\n \"gradient\": {\"hand_written\": " + hand_json("[" + vec(hand, true) + "]") + ",\n  \"reverse\": [" +
           vec(rev, true) + "],\n  \"forward\": [" + vec(fwd, true) + "]},\n \"max_difference\": {\"reverse_vs_hand_written\": " +
           hand_json(json_string(format_value(d_rev, sig))) +
           ", \"forward_vs_hand_written\": " + hand_json(json_string(format_value(d_fwd, sig))) +
           ", \"forward_vs_reverse\": " + json_string(format_value(d_fr, sig)) + "},\n \"tape_nodes\": " +
           std::to_string(nodes) + ", \"forward_passes\": " + std::to_string(n);
    if (o.hessian) {
      out += ",\n \"hessian\": {\"library\": [";
      for (int i = 0; i < n; ++i) out += std::string(i ? ", " : "") + "[" + vec(Vec<S>(H_lib.row(i).transpose()), true) + "]";
      out += "],\n  \"forward_over_forward\": [";
      for (int i = 0; i < n; ++i) out += std::string(i ? ", " : "") + "[" + vec(Vec<S>(H_ad.row(i).transpose()), true) + "]";
      out += "],\n  \"library_is_hand_written\": " + std::string(hand_hessian ? "true" : "false") +
             ", \"max_difference\": " + json_string(format_value(largest_difference<S>(flat<S>(H_lib), flat<S>(H_ad)), sig)) + "}";
    }
    out += "}\n";
    return exit_ok;
  }
  std::ostringstream o2;
  o2 << "problem: " << loaded.kind << ", dimension " << n << ", at " << (o.at.empty() ? "x0 of the file" : "--at") << "\n"
     << "arithmetic: " << name << (o.digits_given ? ", " + std::to_string(o.digits) + " digits" : std::string()) << "\n"
     << "f = " << format_value(fx, sig) << "\n"
     << "source,g1" << (n > 1 ? ",...,g" + std::to_string(n) : std::string()) << "\n"
     << (has_hand ? "hand_written," + vec(hand, false) + "\n" : std::string())
     << "reverse," << vec(rev, false) << "\n"
     << "forward," << vec(fwd, false) << "\n";
  if (has_hand)
    o2 << "max |reverse - hand_written| = " << format_value(d_rev, sig) << "\n"
       << "max |forward - hand_written| = " << format_value(d_fwd, sig) << "\n";
  o2 << "max |forward - reverse| = " << format_value(d_fr, sig) << "\n"
     << (has_hand ? "hand_written: the library's " + gradient_source + "; "
                  : std::string("no hand_written row: a formula has no hand-written gradient; "))
     << "reverse: one pass over a tape of " << nodes << " nodes; forward: " << n << " passes, one per coordinate\n";
  if (o.hessian) {
    o2 << "hessian, library (" << (hand_hessian ? "hand-written" : "forward over forward AD") << "):\n";
    for (int i = 0; i < n; ++i) o2 << vec(Vec<S>(H_lib.row(i).transpose()), false) << "\n";
    o2 << "hessian, forward over forward AD of the rebuilt formula:\n";
    for (int i = 0; i < n; ++i) o2 << vec(Vec<S>(H_ad.row(i).transpose()), false) << "\n";
    o2 << "max |difference| = " << format_value(largest_difference<S>(flat<S>(H_lib), flat<S>(H_ad)), sig) << "\n";
  }
  out += o2.str();
  return exit_ok;
}

}  // namespace

int run_grad(const GradOptions& o, std::string& out) {
  if (!o.problem_given) throw InputError("--problem: required (the problem file, JSON)");
  if (o.digits_given && o.exact) throw InputError("--digits and --exact exclude each other: choose one arithmetic");
  if (o.digits_given && (o.digits < min_digits || o.digits > max_digits))
    throw InputError("--digits: " + std::to_string(o.digits) + " is out of range (allowed " + std::to_string(min_digits) +
                     " to " + std::to_string(max_digits) + ")");
  if (o.exact) return grad_in<Rational>(o, 0, out);
  if (o.digits_given) {
    set_digits(o.digits);
    Mpfr::default_precision(static_cast<unsigned>(o.digits + guard_digits));  // guard digits, even at D = 2000
    return grad_in<Mpfr>(o, o.digits, out);
  }
  return grad_in<double>(o, 17, out);
}

}  // namespace descent::tools
