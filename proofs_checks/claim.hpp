/// \file claim.hpp
/// \brief Claims and verdicts (docs/design.md §3).
///
/// A claim is one statement of the course with one id used everywhere. A check of a
/// claim on an instance returns a Verdict: the two sides of the relation, the margin,
/// the arithmetic, the kind of check and whether it behaved as the theory predicts.
///
/// The kinds are a contract, enforced here (ContractError) and not left to the lessons:
/// - `tight` asserts equality (`==`), or, for a bound attained only in a limit, that the
///   ratio lhs/rhs of an instance of a stated sequence lies in [1 − δ, 1] (`→`);
///   a tight check with an inequality is rejected.
/// - `counterexample` names the hypothesis it drops, one of the claim's hypotheses.
/// - `refutes` carries the notes' words verbatim: seed file, line, quote, correction.
///
/// Tolerances (one table, by arithmetic): a floating relation `lhs ≤ rhs` is accepted
/// when `lhs ≤ rhs + k·ε·scale`, where ε is the machine epsilon of the arithmetic
/// (2⁻⁵² for double, about 10^(1−digits) for mpfr), `scale` is the sum of the magnitudes of
/// the terms that were added to form the two sides (passed by each check), and k = 64
/// (a bound on the number of roundings in any one check of this course). Exact
/// rationals use k = 0: `==` and `<=` as written. Intervals are certified: `lhs ≤ rhs`
/// passes only if sup(lhs) ≤ inf(rhs), and a counterexample only if inf(lhs) > sup(rhs).
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "descent/scalar.hpp"

namespace descent::claims {

/// The kinds of check.
enum class Kind {
  holds,           ///< hypotheses met, conclusion checked
  counterexample,  ///< a hypothesis dropped, the conclusion shown to fail
  tight,           ///< the bound attained: equal sides, or a ratio tending to 1
  refutes          ///< a statement of the notes, quoted, shown false on an instance
};
/// The enumerator's name: "holds", "counterexample", "tight" or "refutes".
std::string_view to_string(Kind k);

/// The relation a check asserts between its two sides.
enum class Relation { le, lt, eq, ge, gt };
/// The relation as an operator: "<=", "<", "==", ">=" or ">".
std::string_view to_string(Relation r);
/// The relation of a tight check attained in a limit: the ratio lhs/rhs tends to 1.
inline constexpr std::string_view limit_relation = "→";

/// Multiplier k of the tolerance k·ε·scale for floating arithmetic (see file comment).
inline constexpr int tolerance_ulps = 64;

/// A check that breaks the contract of its kind (a programming error, never input).
struct ContractError : std::logic_error {
  using std::logic_error::logic_error;
};

/// One hypothesis of a claim: a short key (what a counterexample names) and its TeX.
struct Hypothesis {
  std::string_view key;  ///< e.g. "beta_smooth"
  std::string_view tex;  ///< the hypothesis in TeX, as the docs typeset it
};

/// A wrong variant of a claim (docs/design.md §3b): the nearest wrong statement a student or
/// an author is likely to write (a constant halved or doubled, an exponent off by one, a
/// dropped factor, the notes' own slip). A check runs it on its instance and must reject
/// it (rule_out()); the key is what the check names.
struct WrongVariant {
  std::string_view key;  ///< e.g. "beta_dropped"
  std::string_view tex;  ///< the wrong statement in TeX
};

/// One line of the course's claim index.
struct ClaimInfo {
  std::string_view id;                  ///< e.g. gd_descent_lemma
  std::string_view lesson;              ///< e.g. 02_descent_lemma
  std::string_view statement;           ///< TeX
  std::vector<Hypothesis> hypotheses;   ///< empty if none
  std::string_view source;              ///< seed file and/or paper
  std::vector<WrongVariant> wrong{};    ///< the wrong variants its checks reject (§3b)
  /// Why an inequality of the claim is not attained, when no check pins it with a tight
  /// witness or a ratio ≥ 0.9 (§3b "pinned"): the reason and the best ratio found.
  std::string_view not_attained{};
};

/// Every claim of the course, in lesson order.
const std::vector<ClaimInfo>& all_claims();
/// The claim with this id; throws std::out_of_range for an unknown id.
const ClaimInfo& claim(std::string_view id);
/// The hypotheses of a claim in plain Unicode, joined by "; ".
std::string hypotheses_text(const ClaimInfo& c);
/// The wrong variant of claim `c` with this key; throws ContractError for an unknown key.
const WrongVariant& wrong_variant(const ClaimInfo& c, std::string_view key);

/// A statement of the lecture notes that a `refutes` check shows false.
struct Erratum {
  std::string_view seed;       ///< file name in seeds/, e.g. 000_7fd715b329dd241d.txt
  int line = 0;                ///< 1-based line of the quote in that file
  std::string_view quote;      ///< the notes' words, verbatim (TeX as in the file)
  std::string_view corrected;  ///< what is true instead
};

/// What a check expects, by kind, with what the kind requires: the dropped hypothesis
/// (its key) for a counterexample, the erratum for a refutation. Converts from
/// Kind::holds and Kind::tight; the two other kinds must be made with their data.
struct Expect {
  Kind kind = Kind::holds;            ///< the kind of check
  std::string dropped;                ///< counterexample: key of the hypothesis dropped
  std::optional<Erratum> erratum;     ///< refutes: the statement of the notes
  /// holds or tight (a counterexample or refutes without its data is rejected).
  Expect(Kind k) : kind(k) {}  // NOLINT: implicit on purpose
  /// A counterexample dropping the hypothesis with this key.
  static Expect counterexample(std::string_view hypothesis_key);
  /// A refutation of this statement of the notes.
  static Expect refutes(const Erratum& e);
};

/// A wrong variant of the claim run on a check's instance: rejected when the variant's
/// relation certainly fails there (the same tolerance as the check's own relation).
struct RuledOut {
  std::string key;      ///< the variant's key in the claim index
  std::string variant;  ///< the wrong statement, in plain Unicode
  bool rejected = false;  ///< the check, run with the variant, fails
  std::string how;      ///< the variant's two sides on the instance (for people)
};

/// The outcome of one check.
struct Verdict {
  std::string claim;       ///< claim id
  std::string step;        ///< derivation step, in the lesson's words
  Kind kind = Kind::holds;  ///< the kind of check
  std::string arithmetic;  ///< double | mpfr | exact | interval
  bool pass = false;       ///< behaved as the theory predicts
  std::string lhs;          ///< left side, as full-precision text (or a description)
  std::string relation;     ///< the relation asserted: to_string(Relation), or limit_relation
  std::string rhs;          ///< right side, as full-precision text (or a description)
  std::string margin;       ///< by how much the relation holds (see compare()); empty for observe()
  std::string lhs_shown;    ///< lhs for people: about 12 digits, marked exact or certified
  std::string rhs_shown;    ///< rhs for people
  std::string margin_shown; ///< margin for people
  std::string detail;      ///< what the instance was, or why it passed/failed
  std::string dropped;     ///< counterexample: the hypothesis dropped, in plain Unicode
  std::optional<Erratum> erratum;  ///< refutes: the statement of the notes
  /// How close the two sides of an inequality are, in [0, 1] (1 = equal): for sides of
  /// one sign min(|lhs|, |rhs|)/max(|lhs|, |rhs|), or a check's own measure (set_ratio);
  /// empty with `ratio_note` where a ratio means nothing (sides of opposite sign, a sign
  /// asserted against 0). Empty for equalities and observations.
  std::string ratio;
  std::string ratio_shown;  ///< the ratio for people (6 digits)
  std::string ratio_note;   ///< why there is no ratio, or what the check's own ratio measures
  std::vector<RuledOut> rules_out;  ///< wrong variants run on this instance (§3b)
};

/// Check `lhs rel rhs`: holds/tight pass when the relation holds (within the tolerance
/// of S); counterexample/refutes pass when it certainly fails. `scale` is the magnitude
/// used for the floating tolerance (ignored for exact and interval). The margin reported
/// is rhs − lhs for ≤ and <, lhs − rhs for ≥ and >, |lhs − rhs| for =.
/// Throws ContractError for a tight check with an inequality, an unknown claim, or a
/// counterexample whose dropped hypothesis is not one of the claim's.
template <class S>
Verdict compare(std::string_view claim_id, std::string_view step, const Expect& expect, const S& lhs, Relation rel,
                const S& rhs, const S& scale, std::string detail = {});

/// A tight check attained in a limit: on an instance of a stated sequence the ratio of
/// the two sides lies in [1 − δ, 1] (certified for intervals, exact for rationals,
/// within the tolerance for floating types). lhs = the ratio, rhs = 1, relation "→",
/// margin = the distance from the ratio to the nearer end of [1 − δ, 1].
template <class S>
Verdict approaches(std::string_view claim_id, std::string_view step, const S& ratio, const S& delta,
                   std::string detail = {});

/// A check whose conclusion is a property rather than one relation (a trajectory
/// oscillates, a status is "diverged"): `conclusion` is whether the stated conclusion
/// was observed; lhs/rhs describe what was compared.
Verdict observe(std::string_view claim_id, std::string_view step, const Expect& expect, std::string_view arithmetic,
                bool conclusion, std::string lhs, std::string relation, std::string rhs, std::string detail = {});

/// Throws ContractError unless `v` keeps the contract of its kind (see the file comment).
void validate(const Verdict& v);

/// Run the wrong variant `key` of v's claim on v's instance: the variant asserts
/// `lhs rel rhs` (its own sides, computed by the caller from the variant's formula on
/// the same instance). It is rejected when that relation certainly fails: beyond the
/// tolerance of S (scale as for compare()), certified for intervals, exactly for
/// rationals. A lesson fails a check whose variant is not rejected (LessonRun::record):
/// its instance is too weak to tell the claim from its nearest wrong neighbour. The
/// verdict's own `pass` is left as the claim's relation decided it, so that property
/// tests over random instances (where a variant may be out of reach) test the claim.
template <class S>
Verdict& rule_out(Verdict& v, std::string_view key, const S& lhs, Relation rel, const S& rhs, const S& scale);
/// The same for a variant whose failure is a property rather than one relation (a
/// regime, a count): `rejected` is whether the variant's prediction was contradicted on
/// the instance, `how` says what was observed against what the variant predicts.
Verdict& rule_out(Verdict& v, std::string_view key, bool rejected, std::string how);

/// Replace the ratio of an inequality check by the check's own measure of how close the
/// bound is (e.g. the measured decrease over the guaranteed one), `what` saying what it
/// measures; `r` must lie in [0, 1].
template <class S>
Verdict& set_ratio(Verdict& v, const S& r, std::string what);
/// An inequality check whose ratio means nothing: say why (JSON ratio null, ratio_note).
Verdict& no_ratio(Verdict& v, std::string why);

/// A value for people: rationals of more than 16 characters and every floating value as
/// a decimal of `sig` significant digits ("0.456803743626… (exact)"), intervals as
/// outward-rounded bounds ("[0.1011105417950, 0.1011105417951] (certified)").
template <class S>
std::string shown(const S& x, int sig = 12);

}  // namespace descent::claims
