// `descent certify`: decide, with interval arithmetic, what critical point a box around a point holds.
#include <mpfr.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "commands.hpp"
#include "descent/certify.hpp"
#include "descent/linalg.hpp"
#include "format_value.hpp"
#include "problem_file.hpp"
#include "problem_kinds.hpp"

namespace descent::tools {

namespace {

/// Largest dimension: the leading minors are Laplace expansions (certify.hpp).
constexpr int max_certify_dimension = 8;
/// Newton steps at most, to polish the point.
constexpr int max_polish_steps = 100;

/// A bound of an interval printed with `sig` digits, rounded outward (down for a lower bound, up for
/// an upper one), so that the printed interval still encloses the true one.
std::string bound_text(const Mpfr& v, int sig, bool up) {
  mpfr_srcptr p = v.backend().data();
  if (mpfr_zero_p(p)) return "0";
  std::string buf(static_cast<std::size_t>(sig) + 8, '\0');
  mpfr_exp_t e = 0;
  mpfr_get_str(buf.data(), &e, 10, static_cast<std::size_t>(sig), p, up ? MPFR_RNDU : MPFR_RNDD);
  std::string digits(buf.c_str());
  std::string out;
  if (!digits.empty() && digits[0] == '-') {
    out += '-';
    digits.erase(0, 1);
  }
  out += digits.substr(0, 1);
  if (digits.size() > 1) out += "." + digits.substr(1);
  out += "e" + std::string(e - 1 < 0 ? "-" : "+") + (std::abs(static_cast<long>(e - 1)) < 10 ? "0" : "") +
         std::to_string(std::abs(static_cast<long>(e - 1)));
  return out;
}
std::string interval_text(const Interval& v, int sig) {
  return "[" + bound_text(Mpfr(lower(v)), sig, false) + ", " + bound_text(Mpfr(upper(v)), sig, true) + "]";
}
bool contains_zero(const Interval& v) { return !(lower(v) > 0) && !(upper(v) < 0); }

Mpfr max_abs(const Vec<Mpfr>& v) {
  Mpfr m = 0;
  for (int i = 0; i < v.size(); ++i) m = std::max(m, Mpfr(abs(v(i))));
  return m;
}

}  // namespace

int run_certify(const CertifyOptions& o, std::string& out) {
  if (!o.problem_given) throw InputError("--problem: required (the problem file, JSON)");
  if (!o.at_given) throw InputError("--at: required (the point, x1,x2,...)");
  if (!o.radius_given) throw InputError("--radius: required (the half-width r of the box, > 0)");
  if (o.digits < min_digits || o.digits > max_digits)
    throw InputError("--digits: " + std::to_string(o.digits) + " is out of range (allowed " + std::to_string(min_digits) +
                     " to " + std::to_string(max_digits) + ")");
  set_digits(o.digits);
  Mpfr::default_precision(static_cast<unsigned>(o.digits + guard_digits));
  const Mpfr radius = parse_scalar<Mpfr>(o.radius, "--radius");
  if (!(radius > 0) || !is_finite<Mpfr>(radius)) throw InputError("--radius: must be > 0 and finite, got " + o.radius);
  const LoadedProblem<Interval> boxed = load_problem<Interval>(o.problem, true);
  const LoadedProblem<Mpfr> point = load_problem<Mpfr>(o.problem, true);
  const int n = point.problem->dimension();
  if (n > max_certify_dimension)
    throw InputError(o.problem + ": certify decides problems of at most " + std::to_string(max_certify_dimension) +
                     " variables (this one has " + std::to_string(n) + ")");
  const Vec<Mpfr> at = parse_point<Mpfr>(o.at, "--at", n);
  const int sig = o.digits;

  // 1. polish by Newton in Mpfr, staying within the box around --at
  Vec<Mpfr> c = at;
  int steps = 0;
  std::string polish;
  for (; steps < max_polish_steps; ++steps) {
    Vec<Mpfr> step;
    try {
      step = solve<Mpfr>(point.problem->hessian(c), point.problem->gradient(c));
    } catch (const std::domain_error& e) {
      polish = std::string("stopped: ") + e.what();
      break;
    }
    const Vec<Mpfr> next = c - step;
    if (max_abs(Vec<Mpfr>(next - at)) > radius) {
      polish = "stopped: the next Newton step leaves the box around --at";
      break;
    }
    c = next;
    if (max_abs(step) <= max_abs(c) * epsilon<Mpfr>() * 16) {
      ++steps;
      break;
    }
  }
  Mpfr grad_norm = 0;
  try {
    grad_norm = max_abs(point.problem->gradient(c));
  } catch (const std::domain_error&) {
  }

  // 2. decide on the box c ± r in interval arithmetic
  std::string verdict, why;
  std::optional<KrawczykResult> k;
  std::optional<Interval> f_there;
  try {
    k = krawczyk(*boxed.problem, c, radius);
  } catch (const std::exception& e) {
    const std::string what = e.what();
    if (what.find("singular") != std::string::npos || what.find("pivot") != std::string::npos)
      why = "the Hessian is singular on the box (its midpoint matrix has no inverse)";
    else
      why = "f is not twice differentiable on the whole box: " + what;
    verdict = "undetermined";
  }
  int tightenings = 0;
  if (k && k->unique_zero) {
    // tighten: the zero lies in K(X) ⊂ c ± reach, so Krawczyk's test on that smaller box encloses it
    // again, more tightly (quadratically while the midpoint Hessian's inverse is accurate)
    for (; tightenings < 60; ++tightenings) {
      const Mpfr reach = Mpfr(upper(k->reach));
      if (!(reach > 0)) break;
      std::optional<KrawczykResult> next;
      try {
        next = krawczyk(*boxed.problem, c, reach);
      } catch (const std::exception&) {
        break;
      }
      if (!next->unique_zero || !(Mpfr(upper(next->reach)) < reach / 2)) {
        if (next->unique_zero) k = next;
        break;
      }
      k = next;
    }
  }
  if (k && k->unique_zero) {
    try {
      const Mat<Interval> H = boxed.problem->hessian(k->image);
      f_there = boxed.problem->value(k->image);
      const Mpfr pos = smallest_minor_lower_bound(H);
      Mat<Interval> minus_H = H;
      for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) minus_H(i, j) = Interval(-H(i, j));
      const Mpfr neg = smallest_minor_lower_bound(minus_H);
      const std::string unique = "Krawczyk's test: K(X) lies inside the box, so the box holds exactly one zero of grad f, in K(X); ";
      if (pos > 0) {
        verdict = "minimum";
        why = unique + "every leading principal minor of the Hessian over K(X) is > 0 (smallest lower bound " +
              to_string<Mpfr>(pos, 6) + "): positive definite";
      } else if (neg > 0) {
        verdict = "maximum";
        why = unique + "every leading principal minor of minus the Hessian over K(X) is > 0 (smallest lower bound " +
              to_string<Mpfr>(neg, 6) + "): negative definite";
      } else {
        // a saddle: directions of negative and of positive curvature over all of K(X)
        Mat<double> M(n, n);
        const Mat<Mpfr> mid = midpoint(H);
        for (int i = 0; i < n; ++i)
          for (int j = 0; j < n; ++j) M(i, j) = to_double<Mpfr>(mid(i, j));
        const SymmetricEigen<double> eig = symmetric_eigen<double>(M);
        Vec<Interval> lo(n), hi(n);
        for (int i = 0; i < n; ++i) {
          lo(i) = Interval(Mpfr(eig.vectors(i, 0)));
          hi(i) = Interval(Mpfr(eig.vectors(i, n - 1)));
        }
        const Interval down = quadratic_form(H, lo), up = quadratic_form(H, hi);
        if (upper(down) < 0 && lower(up) > 0) {
          verdict = "saddle";
          why = unique + "the Hessian over K(X) has curvature in " + interval_text(down, 6) + " < 0 along one direction and " +
                interval_text(up, 6) + " > 0 along another: indefinite";
        } else {
          verdict = "undetermined";
          why = "one critical point in the box (Krawczyk's test), but the Hessian over it is too close to singular to "
                "classify at " + std::to_string(o.digits) + " digits";
        }
      }
    } catch (const std::exception& e) {
      verdict = "undetermined";
      why = std::string("one critical point in the box (Krawczyk's test), but its Hessian cannot be enclosed: ") + e.what();
    }
  } else if (k) {
    // no unique zero proved: perhaps none at all (a component of grad f keeps one sign on the box)
    std::string none;
    try {
      const Vec<Interval> g = boxed.problem->gradient(k->box);
      for (int i = 0; i < n && none.empty(); ++i)
        if (!contains_zero(g(i))) none = "df/dx" + std::to_string(i + 1) + " lies in " + interval_text(g(i), 6) +
                                         " on the whole box, so it is never 0";
    } catch (const std::exception&) {
    }
    if (!none.empty()) {
      verdict = "no critical point in the box";
      why = none;
    } else {
      verdict = "undetermined";
      why = "the box is too wide to decide: K(X) reaches " + bound_text(Mpfr(upper(k->reach)), 3, true) +
            " from the center, beyond the radius " + to_string<Mpfr>(radius, 6) + "; try a smaller --radius";
    }
  }

  if (o.json) {
    nlohmann::ordered_json doc;
    doc["problem"] = point.kind;
    doc["dimension"] = n;
    doc["digits"] = o.digits;
    doc["verdict"] = verdict;
    doc["reason"] = why;
    doc["newton_steps"] = steps;
    doc["krawczyk_tightenings"] = tightenings;
    doc["polish_note"] = polish;
    nlohmann::ordered_json center = nlohmann::ordered_json::array();
    for (int i = 0; i < n; ++i) center.push_back(format_value(c(i), sig));
    doc["center"] = center;
    doc["radius"] = format_value(radius, sig);
    doc["grad_norm_at_center"] = format_value(grad_norm, 6);
    if (k && k->unique_zero) {
      nlohmann::ordered_json x = nlohmann::ordered_json::array();
      for (int i = 0; i < n; ++i)
        x.push_back({bound_text(Mpfr(lower(k->image(i))), sig, false), bound_text(Mpfr(upper(k->image(i))), sig, true)});
      doc["critical_point"] = x;
    } else {
      doc["critical_point"] = nullptr;
    }
    if (f_there)
      doc["f"] = {bound_text(Mpfr(lower(*f_there)), sig, false), bound_text(Mpfr(upper(*f_there)), sig, true)};
    else
      doc["f"] = nullptr;
    out += doc.dump(1) + "\n";
    return exit_ok;
  }
  std::ostringstream s;
  s << "problem: " << point.kind << ", dimension " << n << ", " << o.digits << " digits\n";
  s << "point: " << (steps == 0 ? std::string("--at, not moved") : "polished by " + std::to_string(steps) + " Newton steps from --at")
    << (polish.empty() ? std::string() : " (" + polish + ")") << "; max |df/dx_i| there = " << format_value(grad_norm, 3) << "\n";
  s << "box: the point";
  for (int i = 0; i < n; ++i) s << (i == 0 ? " (" : ", ") << format_value(c(i), std::min(sig, 20));
  s << ") +- " << to_string<Mpfr>(radius, 6) << " in every coordinate\n";
  s << "verdict: " << verdict << "\n";
  if (k && k->unique_zero) {
    s << "critical point (the only one in the box):\n";
    for (int i = 0; i < n; ++i) s << "  x" << (i + 1) << " in " << interval_text(k->image(i), sig) << "\n";
  }
  if (f_there) s << "f there: " << interval_text(*f_there, sig) << "\n";
  s << "because: " << why << "\n";
  out += s.str();
  return exit_ok;
}

}  // namespace descent::tools
