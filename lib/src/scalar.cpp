// The scalar layer: precision, printing and exact parsing for the four arithmetics.
#include "descent/scalar.hpp"

#include <cctype>
#include <cmath>
#include <type_traits>
#include <cstdio>
#include <limits>

namespace descent {

namespace {
int g_digits = 50;

[[noreturn]] void bad_number(std::string_view text, std::string_view what) {
  throw InputError(std::string(what) + ": '" + std::string(text) +
                   "' is not a number (expected a decimal such as -0.25 or 1e-3, or a "
                   "fraction such as 1/3)");
}

// Exact value of a decimal literal: [sign] digits [. digits] [(e|E) [sign] digits].
Rational parse_decimal(std::string_view s, std::string_view whole, std::string_view what) {
  std::size_t i = 0;
  bool negative = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) negative = (s[i++] == '-');
  std::string digits;
  long long frac_digits = 0;
  bool any = false;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) digits += s[i++], any = true;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])))
      digits += s[i++], ++frac_digits, any = true;
  }
  if (!any) bad_number(whole, what);
  long long exponent = 0;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    bool eneg = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) eneg = (s[i++] == '-');
    if (i >= s.size()) bad_number(whole, what);
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
      exponent = exponent * 10 + (s[i++] - '0');
      if (exponent > 100000) throw InputError(std::string(what) + ": exponent of '" + std::string(whole) + "' is out of range (|e| <= 100000)");
    }
    if (eneg) exponent = -exponent;
  }
  if (i != s.size()) bad_number(whole, what);
  const long long e10 = exponent - frac_digits;
  // Leading zeros stripped: GMP reads a string with a leading 0 as octal ("025" = 21).
  const auto first = digits.find_first_not_of('0');
  digits = first == std::string::npos ? std::string("0") : digits.substr(first);
  boost::multiprecision::mpz_int mant(digits);
  boost::multiprecision::mpz_int p = mant, q = 1;
  if (e10 >= 0) p *= boost::multiprecision::pow(boost::multiprecision::mpz_int(10), static_cast<unsigned>(e10));
  else q = boost::multiprecision::pow(boost::multiprecision::mpz_int(10), static_cast<unsigned>(-e10));
  Rational r(p, q);
  return negative ? Rational(-r) : r;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

Rational parse_rational(std::string_view text, std::string_view what) {
  const std::string_view s = trim(text);
  if (s.empty()) bad_number(text, what);
  const auto slash = s.find('/');
  if (slash == std::string_view::npos) return parse_decimal(s, text, what);
  const Rational num = parse_decimal(trim(s.substr(0, slash)), text, what);
  const Rational den = parse_decimal(trim(s.substr(slash + 1)), text, what);
  if (den == 0) throw InputError(std::string(what) + ": '" + std::string(text) + "' divides by zero");
  return num / den;
}
}  // namespace

void set_digits(int d) {
  if (d < min_digits || d > max_digits)
    throw InputError("--digits: " + std::to_string(d) + " is out of range (allowed " +
                     std::to_string(min_digits) + " to " + std::to_string(max_digits) + ")");
  g_digits = d;
  Mpfr::default_precision(static_cast<unsigned>(d));
  Interval::default_precision(static_cast<unsigned>(d));
}

int digits() { return g_digits; }

namespace {
// Mpfr and Interval start at the documented default of 50 digits, the value digits()
// reports, before any set_digits() call (MPFI's own default is far lower).
const bool g_default_digits_set = (set_digits(50), true);
}  // namespace

template <>
double epsilon<double>() { return std::numeric_limits<double>::epsilon(); }
template <>
Mpfr epsilon<Mpfr>() { return std::numeric_limits<Mpfr>::epsilon(); }
template <>
Rational epsilon<Rational>() { return Rational(0); }
template <>
Interval epsilon<Interval>() { return std::numeric_limits<Interval>::epsilon(); }

template <>
std::string to_string<double>(const double& x, int sig) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*g", sig, x);
  return buf;
}
template <>
std::string to_string<double>(const double& x) { return to_string<double>(x, 17); }
template <>
std::string to_string<Mpfr>(const Mpfr& x, int sig) {
  if (x == 0) return "0";
  // In scientific format Boost counts the digits after the point: sig − 1 of them.
  return x.str(sig > 1 ? sig - 1 : 1, std::ios_base::scientific);
}
template <>
std::string to_string<Mpfr>(const Mpfr& x) { return to_string<Mpfr>(x, g_digits); }
template <>
std::string to_string<Rational>(const Rational& x, int) { return x.str(); }
template <>
std::string to_string<Rational>(const Rational& x) { return x.str(); }
template <>
std::string to_string<Interval>(const Interval& x, int sig) {
  return "[" + to_string<Mpfr>(Mpfr(lower(x)), sig) + ", " + to_string<Mpfr>(Mpfr(upper(x)), sig) + "]";
}
template <>
std::string to_string<Interval>(const Interval& x) { return to_string<Interval>(x, g_digits); }

template <>
Rational from_rational<Rational>(const Rational& q) { return q; }
template <>
Mpfr from_rational<Mpfr>(const Rational& q) {
  Mpfr x;
  mpfr_set_q(x.backend().data(), q.backend().data(), MPFR_RNDN);
  return x;
}
template <>
Interval from_rational<Interval>(const Rational& q) {
  Interval x;
  mpfi_set_q(x.backend().data(), q.backend().data());
  return x;
}
template <>
double from_rational<double>(const Rational& q) {
  mpfr_t t;
  mpfr_init2(t, 53);
  mpfr_set_q(t, q.backend().data(), MPFR_RNDN);
  const double d = mpfr_get_d(t, MPFR_RNDN);
  mpfr_clear(t);
  return d;
}

template <class S>
S parse_scalar(std::string_view text, std::string_view what) {
  const Rational q = parse_rational(text, what);
  S x = from_rational<S>(q);
  if constexpr (std::is_same_v<S, double>) {
    // A double cannot hold it: refuse rather than run with inf or a silent 0.
    if (!std::isfinite(x) || (x == 0 && q != 0))
      throw InputError(std::string(what) + ": '" + std::string(text) +
                       "' is outside the range of double (about 1e-308 to 1e308); use --digits D or --exact");
  }
  return x;
}
template double parse_scalar<double>(std::string_view, std::string_view);
template Mpfr parse_scalar<Mpfr>(std::string_view, std::string_view);
template Rational parse_scalar<Rational>(std::string_view, std::string_view);
template Interval parse_scalar<Interval>(std::string_view, std::string_view);

template <>
bool is_finite<double>(const double& x) { return std::isfinite(x); }
template <>
bool is_finite<Mpfr>(const Mpfr& x) { return boost::multiprecision::isfinite(x); }
template <>
bool is_finite<Rational>(const Rational&) { return true; }
template <>
bool is_finite<Interval>(const Interval& x) {
  return boost::multiprecision::isfinite(lower(x)) && boost::multiprecision::isfinite(upper(x));
}

template <>
double to_double<double>(const double& x) { return x; }
template <>
double to_double<Mpfr>(const Mpfr& x) { return x.convert_to<double>(); }
template <>
double to_double<Rational>(const Rational& x) { return from_rational<double>(x); }
template <>
double to_double<Interval>(const Interval& x) { return median(x).convert_to<double>(); }

std::optional<Rational> exact_sqrt(const Rational& q) {
  if (q < 0) return std::nullopt;
  using Z = boost::multiprecision::mpz_int;
  const Z p = boost::multiprecision::numerator(q), d = boost::multiprecision::denominator(q);
  const Z rp = boost::multiprecision::sqrt(p), rd = boost::multiprecision::sqrt(d);
  if (rp * rp != p || rd * rd != d) return std::nullopt;
  return Rational(rp, rd);
}

}  // namespace descent
