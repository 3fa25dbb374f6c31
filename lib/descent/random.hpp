/// \file random.hpp
/// \brief The one random stream of the library: SplitMix64 (Steele, Lea & Flood 2014), a
/// fixed, portable sequence of 64-bit words from a seed, so that seeded data sets and
/// noise are identical on every machine and in the Python oracles of tests/cli.
#pragma once

#include <cmath>
#include <numbers>
#include <cstdint>

namespace descent {

/// SplitMix64 with the constants of Steele, Lea & Flood (2014).
struct SplitMix64 {
  std::uint64_t state;  ///< the seed, then the running state
  /// The next 64-bit word.
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  /// Uniform in (0, 1): 53 random bits, never 0.
  double uniform() { return (static_cast<double>(next() >> 11) + 0.5) * 0x1.0p-53; }
  /// Standard normal by Box–Muller (one of the pair).
  double normal() {
    const double u1 = uniform(), u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2 * std::numbers::pi * u2);
  }
  /// +1 or −1 with probability ½ each (the top bit of the next word).
  int sign() { return (next() >> 63) ? 1 : -1; }
};

}  // namespace descent
