// Catch2's main, compiled once for every test executable, and a listener that keeps the
// working precision honest: every test case must end at the precision it started with
// (50 digits, the library's default), so a test that changes it without
// descent::ScopedDigits fails by name instead of shifting the digits of the tests after it.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>

#include "descent/scalar.hpp"

namespace {
struct PrecisionListener : Catch::TestEventListenerBase {
  using TestEventListenerBase::TestEventListenerBase;
  void testCaseEnded(const Catch::TestCaseStats& stats) override {
    if (descent::digits() == 50) return;
    std::fprintf(stderr, "test case \"%s\" ended at %d digits, not 50: change the precision with descent::ScopedDigits\n",
                 stats.testInfo.name.c_str(), descent::digits());
    std::exit(3);
  }
};
}  // namespace
CATCH_REGISTER_LISTENER(PrecisionListener)
