// Verdicts: the tolerance table, the comparison of the two sides of a check, the
// contract of each kind, and values shown to people.
#include "claim.hpp"

#include <mpfr.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <type_traits>

#include "plain_text.hpp"

namespace descent::claims {

std::string_view to_string(Kind k) {
  switch (k) {
    case Kind::holds: return "holds";
    case Kind::counterexample: return "counterexample";
    case Kind::tight: return "tight";
    case Kind::refutes: return "refutes";
  }
  return "?";
}

std::string_view to_string(Relation r) {
  switch (r) {
    case Relation::le: return "<=";
    case Relation::lt: return "<";
    case Relation::eq: return "==";
    case Relation::ge: return ">=";
    case Relation::gt: return ">";
  }
  return "?";
}

const ClaimInfo& claim(std::string_view id) {
  for (const auto& c : all_claims())
    if (c.id == id) return c;
  throw std::out_of_range("unknown claim id: " + std::string(id));
}

std::string hypotheses_text(const ClaimInfo& c) {
  std::string out;
  for (const auto& h : c.hypotheses) out += (out.empty() ? "" : "; ") + plain_text(h.tex);
  return out;
}

const WrongVariant& wrong_variant(const ClaimInfo& c, std::string_view key) {
  for (const auto& w : c.wrong)
    if (w.key == key) return w;
  throw ContractError("claim " + std::string(c.id) + " has no wrong variant '" + std::string(key) + "'");
}

Expect Expect::counterexample(std::string_view hypothesis_key) {
  Expect e(Kind::counterexample);
  e.dropped = hypothesis_key;
  return e;
}

Expect Expect::refutes(const Erratum& erratum) {
  Expect e(Kind::refutes);
  e.erratum = erratum;
  return e;
}

void validate(const Verdict& v) {
  auto fail = [&](const std::string& why) { throw ContractError("check of " + v.claim + " (" + v.step + "): " + why); };
  const ClaimInfo& info = claim(v.claim);
  for (const auto& r : v.rules_out) (void)wrong_variant(info, r.key);
  const bool inequality = v.relation == "<=" || v.relation == "<" || v.relation == ">=" || v.relation == ">";
  if (inequality && !v.margin.empty() && v.ratio.empty() && v.ratio_note.empty())
    fail("an inequality reports its ratio, or says why it has none");
  switch (v.kind) {
    case Kind::holds: break;
    case Kind::tight:
      if (v.relation != "==" && v.relation != limit_relation)
        fail("a tight check asserts equality or a limit, not '" + v.relation + "'");
      break;
    case Kind::counterexample:
      if (v.dropped.empty()) fail("a counterexample names the hypothesis it drops");
      break;
    case Kind::refutes:
      if (!v.erratum) fail("a refutation quotes the notes");
      if (v.erratum->seed.empty() || v.erratum->line <= 0) fail("a refutation names the seed file and line");
      if (v.erratum->quote.size() < 8) fail("a refutation quotes the notes' words (at least 8 characters)");
      if (v.erratum->corrected.empty()) fail("a refutation says what is true instead");
      break;
  }
}

namespace {

// Start a verdict with the fields every kind shares and the kind's own data.
Verdict start(std::string_view claim_id, std::string_view step, const Expect& expect, std::string_view arithmetic) {
  const ClaimInfo& info = claim(claim_id);
  Verdict v;
  v.claim = claim_id;
  v.step = step;
  v.kind = expect.kind;
  v.arithmetic = arithmetic;
  if (expect.kind == Kind::counterexample) {
    for (const auto& h : info.hypotheses)
      if (h.key == expect.dropped) v.dropped = plain_text(h.tex);
    if (v.dropped.empty())
      throw ContractError("check of " + v.claim + ": '" + expect.dropped + "' is not one of the claim's hypotheses");
  }
  if (expect.kind == Kind::refutes) v.erratum = expect.erratum;
  return v;
}

// The sign of lhs − rhs decided with a tolerance: −1 below, 0 within, +1 above
// (exact and floating scalars; intervals are decided by interval_holds/fails).
template <class S>
int side(const S& lhs, const S& rhs, const S& scale) {
  const S d = lhs - rhs;
  S tol = 0;
  if constexpr (!ScalarTraits<S>::exact) tol = tolerance_ulps * epsilon<S>() * (scale < 0 ? S(-scale) : scale);
  if (d < -tol) return -1;
  if (d > tol) return 1;
  return 0;
}

// Certified decisions on enclosures: `lhs rel rhs` holds for every point of the two
// intervals (holds) or for none of them (fails). Overlapping enclosures decide neither.
bool interval_holds(const Interval& lhs, Relation rel, const Interval& rhs) {
  switch (rel) {
    case Relation::le: return upper(lhs) <= lower(rhs);
    case Relation::lt: return upper(lhs) < lower(rhs);
    case Relation::ge: return lower(lhs) >= upper(rhs);
    case Relation::gt: return lower(lhs) > upper(rhs);
    case Relation::eq: return lower(lhs) == upper(lhs) && lower(rhs) == upper(rhs) && lower(lhs) == lower(rhs);
  }
  return false;
}
bool interval_fails(const Interval& lhs, Relation rel, const Interval& rhs) {
  switch (rel) {
    case Relation::le: return lower(lhs) > upper(rhs);
    case Relation::lt: return lower(lhs) >= upper(rhs);
    case Relation::ge: return upper(lhs) < lower(rhs);
    case Relation::gt: return upper(lhs) <= lower(rhs);
    case Relation::eq: return upper(lhs) < lower(rhs) || lower(lhs) > upper(rhs);
  }
  return false;
}

// Whether `lhs rel rhs` is established, given the decided sign s of lhs − rhs.
bool established(int s, Relation rel) {
  switch (rel) {
    case Relation::le: return s <= 0;
    case Relation::lt: return s < 0;
    case Relation::eq: return s == 0;
    case Relation::ge: return s >= 0;
    case Relation::gt: return s > 0;
  }
  return false;
}
// Whether `lhs rel rhs` certainly fails, given the decided sign s of lhs − rhs.
bool certainly_false(int s, Relation rel) {
  switch (rel) {
    case Relation::le: return s > 0;
    case Relation::lt: return s > 0;  // lhs > rhs beyond tolerance
    case Relation::eq: return s != 0;
    case Relation::ge: return s < 0;
    case Relation::gt: return s < 0;
  }
  return false;
}

// Whether `lhs rel rhs` certainly fails: beyond the tolerance of S, certified for
// intervals, exactly for rationals (where equal sides falsify a strict relation).
template <class S>
bool relation_fails(const S& lhs, Relation rel, const S& rhs, const S& scale) {
  if constexpr (ScalarTraits<S>::interval) {
    return interval_fails(lhs, rel, rhs);
  } else {
    const int s = side<S>(lhs, rhs, scale);
    if (ScalarTraits<S>::exact && s == 0) return rel == Relation::lt || rel == Relation::gt;
    return certainly_false(s, rel);
  }
}

// A value as a plain double (midpoint of an interval), for ratios.
template <class S>
double as_double(const S& x) {
  if constexpr (std::is_same_v<S, double>)
    return x;
  else if constexpr (ScalarTraits<S>::interval)
    return static_cast<double>(Mpfr((lower(x) + upper(x)) / 2));
  else
    return static_cast<double>(x);
}

std::string ratio_text(double r, int sig) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.*g", sig, r);
  return buf;
}

// The ratio of an inequality's two sides (§3b): min/max of the magnitudes when the
// sides have one sign; none, with a note, when a side is 0 or the signs differ.
template <class S>
void fill_ratio(Verdict& v, const S& lhs, const S& rhs) {
  const double a = as_double<S>(lhs), b = as_double<S>(rhs);
  if (a == 0 && b == 0) {
    v.ratio = "1";
    v.ratio_shown = "1";
  } else if (a == 0 || b == 0) {
    v.ratio_note = "one side is 0: the relation asserts a sign, and the margin is its size";
  } else if ((a < 0) != (b < 0)) {
    v.ratio_note = "the sides have opposite signs: the margin, not a ratio, says how far apart they are";
  } else {
    const double r = std::min(std::fabs(a), std::fabs(b)) / std::max(std::fabs(a), std::fabs(b));
    v.ratio = ratio_text(r, 12);
    v.ratio_shown = ratio_text(r, 6);
  }
}

// A decimal of `sig` significant digits, rounded in direction `rnd`, in plain notation
// between 1e-4 and 1e12 and in scientific notation outside.
std::string decimal(mpfr_srcptr x, int sig, mpfr_rnd_t rnd, bool strip_zeros = true) {
  if (mpfr_zero_p(x)) return "0";
  if (mpfr_nan_p(x)) return "nan";
  if (mpfr_inf_p(x)) return mpfr_sgn(x) > 0 ? "inf" : "-inf";
  mpfr_exp_t e = 0;
  char* s = mpfr_get_str(nullptr, &e, 10, static_cast<std::size_t>(sig), x, rnd);
  std::string digits(s);
  mpfr_free_str(s);
  const bool negative = digits[0] == '-';
  if (negative) digits.erase(0, 1);
  while (strip_zeros && digits.size() > 1 && digits.back() == '0') digits.pop_back();
  const long point = e;  // the value is 0.d₁d₂… × 10^point
  const long n = static_cast<long>(digits.size());
  std::string out;
  if (point > 12 || point < -3) {
    out = digits.substr(0, 1) + (n > 1 ? "." + digits.substr(1) : "") + "e" + std::to_string(point - 1);
  } else if (point <= 0) {
    out = "0." + std::string(static_cast<std::size_t>(-point), '0') + digits;
  } else if (point >= n) {
    out = digits + std::string(static_cast<std::size_t>(point - n), '0');
  } else {
    out = digits.substr(0, static_cast<std::size_t>(point)) + "." + digits.substr(static_cast<std::size_t>(point));
  }
  return (negative ? "-" : "") + out;
}

}  // namespace

template <>
std::string shown<Rational>(const Rational& x, int sig) {
  std::string s = x.str();
  if (s.size() <= 16) return s;
  Mpfr m;
  mpfr_set_prec(m.backend().data(), 128);
  mpfr_set_q(m.backend().data(), x.backend().data(), MPFR_RNDN);
  const std::string d = decimal(m.backend().data(), sig, MPFR_RNDN);
  const bool exact_decimal = parse_scalar<Rational>(d, "shown") == x;
  return d + (exact_decimal ? "" : "…") + " (exact)";
}
template <>
std::string shown<Mpfr>(const Mpfr& x, int sig) {
  return decimal(x.backend().data(), sig, MPFR_RNDN);
}
template <>
std::string shown<double>(const double& x, int sig) {
  return descent::to_string<double>(x, sig);
}
template <>
std::string shown<Interval>(const Interval& x, int sig) {
  const Mpfr lo = lower(x), hi = upper(x);
  // both bounds with the same number of digits, so that they line up
  const std::string a = decimal(lo.backend().data(), sig + 1, MPFR_RNDD, lo == hi);
  const std::string b = decimal(hi.backend().data(), sig + 1, MPFR_RNDU, lo == hi);
  return (a == b ? a : "[" + a + ", " + b + "]") + " (certified)";
}

template <class S>
Verdict compare(std::string_view claim_id, std::string_view step, const Expect& expect, const S& lhs, Relation rel,
                const S& rhs, const S& scale, std::string detail) {
  Verdict v = start(claim_id, step, expect, ScalarTraits<S>::name);
  v.lhs = descent::to_string<S>(lhs);
  v.rhs = descent::to_string<S>(rhs);
  v.relation = to_string(rel);
  S margin;
  switch (rel) {
    case Relation::le:
    case Relation::lt: margin = rhs - lhs; break;
    case Relation::ge:
    case Relation::gt: margin = lhs - rhs; break;
    case Relation::eq:
      margin = lhs - rhs;
      if constexpr (ScalarTraits<S>::interval)
        margin = abs(margin);  // `<` on overlapping intervals throws; abs encloses |lhs − rhs|
      else if (margin < 0)
        margin = -margin;
      break;
  }
  v.margin = descent::to_string<S>(margin);
  if (rel != Relation::eq) fill_ratio<S>(v, lhs, rhs);
  v.lhs_shown = shown<S>(lhs);
  v.rhs_shown = shown<S>(rhs);
  v.margin_shown = shown<S>(margin);
  const bool expect_true = expect.kind == Kind::holds || expect.kind == Kind::tight;
  if (!expect_true) {
    v.pass = relation_fails<S>(lhs, rel, rhs, scale);
  } else if constexpr (ScalarTraits<S>::interval) {
    v.pass = interval_holds(lhs, rel, rhs);
  } else {
    v.pass = established(side<S>(lhs, rhs, scale), rel);
  }
  v.detail = std::move(detail);
  if constexpr (!ScalarTraits<S>::exact && !ScalarTraits<S>::interval) {
    // A floating relation decided by the tolerance (|lhs - rhs| within it): say so, so
    // that "6.9e-49 <= 0" is read as "equal to within 64 eps scale", not as a false line.
    const S d = lhs - rhs, tol = tolerance_ulps * epsilon<S>() * (scale < 0 ? S(-scale) : scale);
    if (tol > 0 && d != 0 && !(d < -tol) && !(d > tol))
      v.detail += std::string(v.detail.empty() ? "" : "; ") + "the sides differ by " + shown<S>(d < 0 ? S(-d) : d, 3) +
                  ", within the tolerance " + std::to_string(tolerance_ulps) + " eps scale = " + shown<S>(tol, 3);
  }
  validate(v);
  return v;
}

template <class S>
Verdict approaches(std::string_view claim_id, std::string_view step, const S& ratio, const S& delta,
                   std::string detail) {
  if (!(delta > 0 && delta < 1)) throw ContractError("approaches: the stated delta must lie in (0, 1)");
  Verdict v = start(claim_id, step, Kind::tight, ScalarTraits<S>::name);
  v.relation = limit_relation;
  v.lhs = descent::to_string<S>(ratio);
  v.rhs = "1";
  // the margin: how far the ratio stands inside [1 − δ, 1], from its nearer end
  const S floor = 1 - delta;
  const S above_floor = ratio - floor, below_one = 1 - ratio;
  S gap;
  if constexpr (ScalarTraits<S>::interval)
    gap = upper(above_floor) < upper(below_one) ? above_floor : below_one;
  else
    gap = above_floor < below_one ? above_floor : below_one;
  v.margin = descent::to_string<S>(gap);
  v.lhs_shown = shown<S>(ratio);
  v.rhs_shown = "1";
  v.margin_shown = shown<S>(gap);
  if constexpr (ScalarTraits<S>::interval) {
    v.pass = upper(ratio) <= 1 && lower(ratio) >= upper(floor);  // certified: every point of both enclosures
  } else {
    v.pass = side<S>(ratio, S(1), S(1)) <= 0 && side<S>(ratio, floor, S(1)) >= 0;
  }
  v.detail = "ratio of the two sides in [1 - delta, 1], delta = " + shown<S>(delta, 6) +
             (detail.empty() ? "" : "; " + detail);
  validate(v);
  return v;
}

Verdict observe(std::string_view claim_id, std::string_view step, const Expect& expect, std::string_view arithmetic,
                bool conclusion, std::string lhs, std::string relation, std::string rhs, std::string detail) {
  if (expect.kind == Kind::tight) throw ContractError("check of " + std::string(claim_id) + ": a tight check compares values");
  Verdict v = start(claim_id, step, expect, arithmetic);
  v.pass = (expect.kind == Kind::holds || expect.kind == Kind::tight) ? conclusion : !conclusion;
  v.lhs_shown = v.lhs = std::move(lhs);
  v.relation = std::move(relation);
  v.rhs_shown = v.rhs = std::move(rhs);
  v.margin = "";
  v.detail = std::move(detail);
  validate(v);
  return v;
}

namespace {
Verdict& add_ruled_out(Verdict& v, std::string_view key, bool rejected, std::string how) {
  const WrongVariant& w = wrong_variant(claim(v.claim), key);
  v.rules_out.push_back({std::string(key), plain_text(w.tex), rejected, std::move(how)});
  return v;
}
}  // namespace

template <class S>
Verdict& rule_out(Verdict& v, std::string_view key, const S& lhs, Relation rel, const S& rhs, const S& scale) {
  const bool rejected = relation_fails<S>(lhs, rel, rhs, scale);
  return add_ruled_out(v, key, rejected,
                       "lhs = " + shown<S>(lhs) + "  " + std::string(to_string(rel)) + "  rhs = " + shown<S>(rhs) +
                           (rejected ? ": false" : ": not false"));
}

Verdict& rule_out(Verdict& v, std::string_view key, bool rejected, std::string how) {
  if (how.empty()) throw ContractError("check of " + v.claim + ": a wrong variant says what was observed");
  return add_ruled_out(v, key, rejected, std::move(how));
}

template <class S>
Verdict& set_ratio(Verdict& v, const S& r, std::string what) {
  const double d = as_double<S>(r);
  if (!(d >= 0 && d <= 1)) throw ContractError("check of " + v.claim + ": a ratio lies in [0, 1], not " + ratio_text(d, 6));
  v.ratio = ratio_text(d, 12);
  v.ratio_shown = ratio_text(d, 6);
  v.ratio_note = std::move(what);
  return v;
}

Verdict& no_ratio(Verdict& v, std::string why) {
  if (why.empty()) throw ContractError("check of " + v.claim + ": say why the check has no ratio");
  v.ratio.clear();
  v.ratio_shown.clear();
  v.ratio_note = std::move(why);
  return v;
}

#define DESCENT_CMP(S)                                                                                         \
  template Verdict compare<S>(std::string_view, std::string_view, const Expect&, const S&, Relation, const S&, \
                              const S&, std::string);                                                          \
  template Verdict approaches<S>(std::string_view, std::string_view, const S&, const S&, std::string);    \
  template Verdict& rule_out<S>(Verdict&, std::string_view, const S&, Relation, const S&, const S&);         \
  template Verdict& set_ratio<S>(Verdict&, const S&, std::string);
DESCENT_CMP(double)
DESCENT_CMP(Mpfr)
DESCENT_CMP(Rational)
DESCENT_CMP(Interval)
#undef DESCENT_CMP

}  // namespace descent::claims
