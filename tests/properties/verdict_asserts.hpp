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
