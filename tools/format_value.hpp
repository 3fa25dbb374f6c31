/// \file format_value.hpp
/// \brief How `descent trace` and `descent grad` print a value: a double with 17 significant digits,
/// a rational as p/q, an Mpfr value correctly rounded to the digits asked for.
#pragma once

#include <mpfr.h>

#include <cstdio>
#include <string>

#include "descent/scalar.hpp"

namespace descent::tools {

/// Extra decimal digits carried internally under --digits, so that every printed digit
/// is correct after the roundings of the run.
inline constexpr int guard_digits = 20;

/// A double with 17 significant digits (enough to identify it).
inline std::string format_value(const double& x, int) { return to_string<double>(x, 17); }
/// An exact rational as `p/q` (or `p`).
inline std::string format_value(const Rational& x, int) { return to_string<Rational>(x); }
/// An Mpfr value with exactly `sig` significant digits, correctly rounded, as
/// `d.ddd…e±XX` (`0` for zero).
inline std::string format_value(const Mpfr& x, int sig) {
  if (x == 0) return "0";
  mpfr_exp_t exponent = 0;
  char* raw = mpfr_get_str(nullptr, &exponent, 10, static_cast<std::size_t>(sig), x.backend().data(), MPFR_RNDN);
  std::string digits = raw;
  mpfr_free_str(raw);
  std::string out;
  if (!digits.empty() && digits.front() == '-') {
    out = "-";
    digits.erase(0, 1);
  }
  out += digits.substr(0, 1);
  if (digits.size() > 1) out += "." + digits.substr(1);
  const long e10 = static_cast<long>(exponent) - 1;  // mpfr gives 0.d₁d₂… × 10^exponent
  char buf[32];
  std::snprintf(buf, sizeof buf, "e%c%02ld", e10 < 0 ? '-' : '+', e10 < 0 ? -e10 : e10);
  return out + buf;
}

}  // namespace descent::tools
