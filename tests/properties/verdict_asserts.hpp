// The assertions every property file uses on a claims::Verdict: inside a RapidCheck
// property (RC_ASSERT_VERDICT, logging the two sides so that a shrunk failure reads as an
// instance) and in a plain Catch2 test case (CHECK_VERDICT).
#pragma once

#include <catch2/catch.hpp>
#include <rapidcheck.h>

#include "claim.hpp"

#define RC_ASSERT_VERDICT(v)                                                                                 \
  do {                                                                                                       \
    const ::descent::claims::Verdict verdict_ = (v);                                                         \
    RC_LOG() << verdict_.step << ": " << verdict_.lhs << " " << verdict_.relation << " " << verdict_.rhs << "\n"; \
    RC_ASSERT(verdict_.pass);                                                                                \
  } while (0)

#define CHECK_VERDICT(v)                                                                              \
  do {                                                                                                \
    const ::descent::claims::Verdict verdict_ = (v);                                                  \
    INFO(verdict_.step << ": " << verdict_.lhs << " " << verdict_.relation << " " << verdict_.rhs);   \
    CHECK(verdict_.pass);                                                                             \
  } while (0)

// Discrimination (docs/design.md §3b) on a random instance: the check holds, runs at least one
// wrong variant of its claim, and rejects every one it runs.
#define RC_ASSERT_REJECTS(v)                                                                                  \
  do {                                                                                                        \
    const ::descent::claims::Verdict verdict_ = (v);                                                          \
    RC_LOG() << verdict_.step << ": " << verdict_.lhs << " " << verdict_.relation << " " << verdict_.rhs << "\n"; \
    RC_ASSERT(verdict_.pass);                                                                                 \
    RC_ASSERT(!verdict_.rules_out.empty());                                                                   \
    for (const auto& r_ : verdict_.rules_out) {                                                               \
      RC_LOG() << "wrong variant " << r_.variant << ": " << r_.how << "\n";                                   \
      RC_ASSERT(r_.rejected);                                                                                 \
    }                                                                                                         \
  } while (0)
