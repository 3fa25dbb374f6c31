/// \file format_value.hpp
/// \brief How `descent trace` and `descent grad` print a value: a double with 17 significant digits,
/// a rational as p/q, an Mpfr value correctly rounded to the digits asked for.
#pragma once

#include <mpfr.h>

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
/// Append an Mpfr value with exactly `sig` significant digits, correctly rounded, as
/// `d.ddd…e±XX` (`0` for zero) to `out`, without temporaries (a trajectory prints
/// thousands of them).
inline void append_value(std::string& out, const Mpfr& x, int sig) {
  mpfr_srcptr p = x.backend().data();
  if (mpfr_zero_p(p)) {
    out += '0';
    return;
  }
  // sig 0 lets MPFR choose the digits (enough to read the value back), as before
  const std::size_t digits = sig > 0 ? static_cast<std::size_t>(sig) : mpfr_get_str_ndigits(10, mpfr_get_prec(p));
  thread_local std::string buf;
  buf.resize(digits + 8);  // MPFR asks for max(digits + 2, 7) bytes
  mpfr_exp_t exponent = 0;
  mpfr_get_str(buf.data(), &exponent, 10, digits, p, MPFR_RNDN);
  const char* d = buf.c_str();
  if (*d == '-') {
    out += '-';
    ++d;
  }
  out += *d;
  if (d[1] != '\0') {
    out += '.';
    out += d + 1;
  }
  const long e10 = static_cast<long>(exponent) - 1;  // mpfr gives 0.d₁d₂… × 10^exponent
  // e±XX: the sign always, at least two digits (printf's "e%c%02ld", without printf)
  char e[24];
  int len = 0;
  unsigned long m = static_cast<unsigned long>(e10 < 0 ? -e10 : e10);
  do {
    e[len++] = static_cast<char>('0' + m % 10);
    m /= 10;
  } while (m != 0);
  if (len < 2) e[len++] = '0';
  out += 'e';
  out += e10 < 0 ? '-' : '+';
  while (len > 0) out += e[--len];
}
/// A double with 17 significant digits, appended to `out`.
inline void append_value(std::string& out, const double& x, int sig) { out += format_value(x, sig); }
/// An exact rational as `p/q`, appended to `out`.
inline void append_value(std::string& out, const Rational& x, int sig) { out += format_value(x, sig); }
/// An Mpfr value with exactly `sig` significant digits, correctly rounded, as
/// `d.ddd…e±XX` (`0` for zero).
inline std::string format_value(const Mpfr& x, int sig) {
  std::string out;
  append_value(out, x, sig);
  return out;
}

}  // namespace descent::tools
