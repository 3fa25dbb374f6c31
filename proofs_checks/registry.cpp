// The claim index: every claim of the course, its statement, hypotheses and source. Each
// file of checks registers its lesson's claims beside their checks (claims_of_<file>() at
// its end); the list of those files is found by the build (generated/claim_topics.inc, from
// the files under proofs_checks/ that define claims_of_<their name>), so a new file of checks
// needs no line here.
#include <algorithm>

#include "claim.hpp"

namespace descent::claims {

#define DESCENT_CLAIM_TOPIC(stem) std::vector<ClaimInfo> claims_of_##stem();
#include "claim_topics.inc"
#undef DESCENT_CLAIM_TOPIC

const std::vector<ClaimInfo>& all_claims() {
  static const std::vector<ClaimInfo> claims = [] {
    std::vector<ClaimInfo> all;
#define DESCENT_CLAIM_TOPIC(stem) \
  for (auto& c : claims_of_##stem()) all.push_back(std::move(c));
#include "claim_topics.inc"
#undef DESCENT_CLAIM_TOPIC
    // lesson by lesson, each file's claims in the order it lists them
    std::stable_sort(all.begin(), all.end(), [](const ClaimInfo& a, const ClaimInfo& b) { return a.lesson < b.lesson; });
    return all;
  }();
  return claims;
}

}  // namespace descent::claims
