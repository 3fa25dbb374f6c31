/// \file claim.hpp
/// \brief Claims and verdicts (DESIGN.md §3).
///
/// A claim is one statement of the course with one id used everywhere. A check of a
/// claim on an instance returns a Verdict: the two sides of the relation, the margin,
/// the arithmetic, the kind of check and whether it behaved as the theory predicts.
///
/// Tolerances (one table, by arithmetic): a floating relation `lhs ≤ rhs` is accepted
/// when `lhs ≤ rhs + k·ε·scale`, where ε is the machine epsilon of the arithmetic
/// (2⁻⁵² for double, about 10^(1−digits) for mpfr), `scale` is the sum of the magnitudes of
/// the terms that were added to form the two sides (passed by each check), and k = 64
/// (a bound on the number of roundings in any one check of this course). Exact
/// rationals use k = 0: `==` and `<=` as written. Intervals are certified: `lhs ≤ rhs`
/// passes only if sup(lhs) ≤ inf(rhs), and a counterexample only if inf(lhs) > sup(rhs).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "descent/scalar.hpp"

namespace descent::claims {

/// The kinds of check.
enum class Kind {
  holds,           ///< hypotheses met, conclusion checked
  counterexample,  ///< a hypothesis dropped, the conclusion shown to fail
  tight,           ///< the bound attained: equality (exact) or within tolerance
  refutes          ///< a statement of the notes shown false on an instance
};
/// The enumerator's name: "holds", "counterexample", "tight" or "refutes".
std::string_view to_string(Kind k);

/// The relation a check asserts between its two sides.
enum class Relation { le, lt, eq, ge, gt };
/// The relation as an operator: "<=", "<", "==", ">=" or ">".
std::string_view to_string(Relation r);

/// Multiplier k of the tolerance k·ε·scale for floating arithmetic (see file comment).
inline constexpr int tolerance_ulps = 64;

/// One line of the course's claim index.
struct ClaimInfo {
  std::string_view id;          ///< e.g. gd_descent_lemma
  std::string_view lesson;      ///< e.g. 02_descent_lemma
  std::string_view statement;   ///< TeX
  std::string_view hypotheses;  ///< TeX; empty if none
  std::string_view source;      ///< seed file and/or paper
};

/// Every claim of the course, in lesson order.
const std::vector<ClaimInfo>& all_claims();
/// The claim with this id; throws std::out_of_range for an unknown id.
const ClaimInfo& claim(std::string_view id);

/// The outcome of one check.
struct Verdict {
  std::string claim;       ///< claim id
  std::string step;        ///< derivation step, in the lesson's words
  Kind kind = Kind::holds;  ///< the kind of check
  std::string arithmetic;  ///< double | mpfr | exact | interval
  bool pass = false;       ///< behaved as the theory predicts
  std::string lhs;          ///< left side, as full-precision text (or a description)
  std::string relation;     ///< the relation asserted, as to_string(Relation) gives it
  std::string rhs;          ///< right side, as full-precision text (or a description)
  std::string margin;       ///< by how much the relation holds (see compare()); empty for observe()
  std::string detail;      ///< what the instance was, or why it passed/failed
};

/// Check `lhs rel rhs` under `kind`: holds/tight pass when the relation holds (within the
/// tolerance of S); counterexample/refutes pass when it certainly fails. `scale` is the
/// magnitude used for the floating tolerance (ignored for exact and interval). The
/// margin reported is rhs − lhs for ≤ and <, lhs − rhs for ≥ and >, |lhs − rhs| for =.
template <class S>
Verdict compare(std::string_view claim_id, std::string_view step, Kind kind, const S& lhs, Relation rel,
                const S& rhs, const S& scale, std::string detail = {});

/// A check whose conclusion is a property rather than one relation (a trajectory
/// oscillates, a status is "diverged"): `conclusion` is whether the stated conclusion
/// was observed; lhs/rhs describe what was compared.
Verdict observe(std::string_view claim_id, std::string_view step, Kind kind, std::string_view arithmetic,
                bool conclusion, std::string lhs, std::string relation, std::string rhs, std::string detail = {});

}  // namespace descent::claims
