// Verdicts: the tolerance table and the comparison of the two sides of a check.
#include "claim.hpp"

#include <stdexcept>

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

namespace {
// The sign of lhs − rhs decided with a tolerance: −1 below, 0 within, +1 above
// (exact and floating scalars; intervals are decided by interval_verdict).
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
}  // namespace

template <class S>
Verdict compare(std::string_view claim_id, std::string_view step, Kind kind, const S& lhs, Relation rel,
                const S& rhs, const S& scale, std::string detail) {
  (void)claim(claim_id);  // the id must be registered
  Verdict v;
  v.claim = claim_id;
  v.step = step;
  v.kind = kind;
  v.arithmetic = ScalarTraits<S>::name;
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
  const bool expect_true = kind == Kind::holds || kind == Kind::tight;
  if constexpr (ScalarTraits<S>::interval) {
    v.pass = expect_true ? interval_holds(lhs, rel, rhs) : interval_fails(lhs, rel, rhs);
  } else {
    const int s = side<S>(lhs, rhs, scale);
    if (expect_true)
      v.pass = established(s, rel);
    else if (ScalarTraits<S>::exact && s == 0)
      v.pass = rel == Relation::lt || rel == Relation::gt;  // exactly equal: a strict relation is false
    else
      v.pass = certainly_false(s, rel);
  }
  v.detail = std::move(detail);
  return v;
}

Verdict observe(std::string_view claim_id, std::string_view step, Kind kind, std::string_view arithmetic,
                bool conclusion, std::string lhs, std::string relation, std::string rhs, std::string detail) {
  (void)claim(claim_id);
  Verdict v;
  v.claim = claim_id;
  v.step = step;
  v.kind = kind;
  v.arithmetic = arithmetic;
  v.pass = (kind == Kind::holds || kind == Kind::tight) ? conclusion : !conclusion;
  v.lhs = std::move(lhs);
  v.relation = std::move(relation);
  v.rhs = std::move(rhs);
  v.margin = "";
  v.detail = std::move(detail);
  return v;
}

#define DESCENT_CMP(S)                                                                                    \
  template Verdict compare<S>(std::string_view, std::string_view, Kind, const S&, Relation, const S&, \
                              const S&, std::string);
DESCENT_CMP(double)
DESCENT_CMP(Mpfr)
DESCENT_CMP(Rational)
DESCENT_CMP(Interval)
#undef DESCENT_CMP

}  // namespace descent::claims
