/// \file scalar.hpp
/// \brief The four kinds of arithmetic of descent (docs/design.md §2) and what the rest of the
/// library needs to know about each: its name, its epsilon, how to print a value at full
/// precision and how to read one from a decimal or `p/q` string without passing through
/// a `double`.
#pragma once

#include <boost/multiprecision/gmp.hpp>
#include <boost/multiprecision/mpfi.hpp>
#include <boost/multiprecision/mpfr.hpp>

#include <cmath>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>

namespace descent {

/// Multiprecision binary float (MPFR); precision set at run time by set_digits().
using Mpfr = boost::multiprecision::number<boost::multiprecision::mpfr_float_backend<0>,
                                           boost::multiprecision::et_off>;
/// Exact rational (GMP `mpq_t`): identities and inequalities proved for the instance.
using Rational = boost::multiprecision::number<boost::multiprecision::gmp_rational,
                                               boost::multiprecision::et_off>;
/// Interval (MPFI): a check on intervals passes only if every point of them passes.
using Interval = boost::multiprecision::number<boost::multiprecision::mpfi_float_backend<0>,
                                               boost::multiprecision::et_off>;

/// Error thrown for input that a user typed or wrote in a file (exit code 2 upstream).
struct InputError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Smallest admissible precision of the multiprecision types, in decimal digits.
inline constexpr int min_digits = 16;
/// Largest admissible precision of the multiprecision types, in decimal digits.
inline constexpr int max_digits = 2000;

/// Set the working precision (decimal digits) of Mpfr and Interval values created from
/// now on. Throws InputError outside [min_digits, max_digits].
void set_digits(int digits);
/// The working precision of Mpfr and Interval, in decimal digits.
int digits();

/// The working precision set to `d` digits for the lifetime of this object, then restored:
/// `{ ScopedDigits at(30); … }`. The precision is process-wide; code that needs another
/// one for a while (a check at 200 digits, a property at 30) takes it through this guard,
/// so that a failing or discarded test case cannot leave it changed.
class ScopedDigits {
 public:
  /// Switch to `d` digits (InputError outside [min_digits, max_digits], nothing changed).
  explicit ScopedDigits(int d) : old_(digits()) { set_digits(d); }
  ~ScopedDigits() { set_digits(old_); }
  ScopedDigits(const ScopedDigits&) = delete;
  ScopedDigits& operator=(const ScopedDigits&) = delete;

 private:
  int old_;
};

/// What the rest of the code needs to know about a scalar type.
template <class S>
struct ScalarTraits;

/// ScalarTraits of IEEE binary64: rounded, fixed precision.
template <>
struct ScalarTraits<double> {
  static constexpr std::string_view name = "double";  ///< arithmetic name, as in Verdict::arithmetic
  static constexpr bool exact = false;  ///< false: values are rounded
  static constexpr bool interval = false;  ///< false: values are points
};
/// ScalarTraits of Mpfr: rounded, at the working precision digits().
template <>
struct ScalarTraits<Mpfr> {
  static constexpr std::string_view name = "mpfr";  ///< arithmetic name, as in Verdict::arithmetic
  static constexpr bool exact = false;  ///< false: values are rounded
  static constexpr bool interval = false;  ///< false: values are points
};
/// ScalarTraits of Rational: exact, no rounding.
template <>
struct ScalarTraits<Rational> {
  static constexpr std::string_view name = "exact";  ///< arithmetic name, as in Verdict::arithmetic
  static constexpr bool exact = true;  ///< true: arithmetic without rounding (tolerance 0)
  static constexpr bool interval = false;  ///< false: values are points
};
/// ScalarTraits of Interval: enclosures at the working precision digits().
template <>
struct ScalarTraits<Interval> {
  static constexpr std::string_view name = "interval";  ///< arithmetic name, as in Verdict::arithmetic
  static constexpr bool exact = false;  ///< false: the bounds are rounded (outward)
  static constexpr bool interval = true;  ///< true: values are enclosures, compared by their bounds
};

/// Unit roundoff of the type at the current precision (0 for Rational).
template <class S>
S epsilon();

/// Full-precision decimal text (`p/q` for Rational, `[lo, hi]` for Interval).
template <class S>
std::string to_string(const S& x);
/// Decimal text with `sig` significant digits (Rational: exact `p/q` regardless).
template <class S>
std::string to_string(const S& x, int sig);

/// Parse a decimal (`-0.1`, `1e-3`, `2.5E+2`) or a fraction (`1/3`, `-2/7`, `0.5/3`).
/// Rational parsing is exact; Mpfr and Interval parse at the working precision without
/// passing through a double; double parses by strtod. Throws InputError naming `what`.
template <class S>
S parse_scalar(std::string_view text, std::string_view what);

/// Convert a rational exactly or to the nearest value of S (correctly rounded for Mpfr;
/// enclosing for Interval).
template <class S>
S from_rational(const Rational& q);

/// The rational square root of q when q ≥ 0 is the square of a rational (numerator and
/// denominator perfect squares), std::nullopt otherwise.
std::optional<Rational> exact_sqrt(const Rational& q);

/// True when x is finite (always true for Rational).
template <class S>
bool is_finite(const S& x);

/// Convert to double (for plotting and rough reporting only).
template <class S>
double to_double(const S& x);

/// |x| for every scalar of the course (and plain arithmetic types). On an Interval it is
/// the enclosure of {|t| : t in x}: an interval that contains 0 maps to [0, max(−lo, hi)]
/// (comparing such an interval with 0 would be ambiguous, and MPFI aborts).
template <class S>
S abs_value(const S& x) {
  if constexpr (std::is_arithmetic_v<S>) {
    return x < 0 ? -x : x;
  } else {
    return S(boost::multiprecision::abs(x));
  }
}
/// sign(x) in {−1, 0, 1} of a point scalar. Not for Interval: the sign of an enclosure
/// that contains 0 is not one number.
template <class S>
int sign_of(const S& x) {
  static_assert(!std::is_same_v<S, Interval>, "sign_of: an interval has no single sign");
  return x > 0 ? 1 : (x < 0 ? -1 : 0);
}
/// b^k by repeated multiplication, p ← p·b from p = 1 (exact for Rational; for double and Mpfr the
/// same roundings in the same order wherever the course writes the loop); k < 0 gives 1/b^(−k).
/// On an Interval an even power is taken of |b|, so that it stays non-negative when b contains 0.
template <class S>
S power(const S& b, int k) {
  if (k < 0) return S(1) / power(b, -k);
  S base = b;
  if constexpr (std::is_same_v<S, Interval>)
    if (k % 2 == 0) base = abs_value(b);
  S p = 1;
  for (int i = 0; i < k; ++i) p = p * base;
  return p;
}

/// ReLU, max(z, 0), for every scalar. On an Interval it is an interval extension: an interval
/// that straddles 0 maps to [0, upper(z)] (comparing it with 0 would be ambiguous, and MPFI aborts).
template <class S>
S relu_value(const S& z) {
  if constexpr (std::is_same_v<S, Interval>) {
    if (boost::multiprecision::lower(z) > 0) return z;
    const auto hi = boost::multiprecision::upper(z);
    if (!(hi > 0)) return S(0);
    return S(decltype(hi)(0), hi);
  } else {
    return z > 0 ? z : S(0);
  }
}
/// ReLU's slope with relu′(0) = 0: 1 for z > 0, else 0. On an Interval that straddles 0 it is
/// [0, 1], which holds the slope at every point of z.
template <class S>
S relu_slope(const S& z) {
  if constexpr (std::is_same_v<S, Interval>) {
    if (boost::multiprecision::lower(z) > 0) return S(1);
    const auto hi = boost::multiprecision::upper(z);
    if (!(hi > 0)) return S(0);
    return S(decltype(hi)(0), decltype(hi)(1));
  } else {
    return z > 0 ? S(1) : S(0);
  }
}

/// The plain scalars on which the elementary functions below are defined (the automatic
/// differentiation types of autodiff/ define their own).
template <class S>
concept PlainReal = std::is_floating_point_v<S> || std::is_same_v<S, Mpfr> || std::is_same_v<S, Interval>;

/// The logistic sigmoid σ(z) = 1/(1 + e^{−z}), without overflow on either side (e^{z}/(1 + e^{z})
/// for z < 0). On an Interval, 1/(1 + e^{−z}) (increasing, so an enclosure; MPFR's exponent range
/// keeps e^{−z} finite).
template <PlainReal S>
S sigmoid(const S& z) {
  using std::exp;
  if constexpr (std::is_same_v<S, Interval>) {
    return S(1) / (1 + S(exp(S(-z))));
  } else {
    if (z >= 0) return S(1) / (1 + S(exp(S(-z))));
    const S e = exp(z);
    return S(e / (1 + e));
  }
}
/// softplus(z) = log(1 + e^{z}) = max(z, 0) + log1p(e^{−|z|}): no overflow for large z, full relative
/// precision for very negative z (e^{z} itself), the loss of PyTorch's BCEWithLogitsLoss. On an
/// Interval, log1p(e^{z}) (increasing, so an enclosure).
template <PlainReal S>
S softplus(const S& z) {
  using std::exp;
  using std::log1p;
  if constexpr (std::is_same_v<S, Interval>) {
    return S(log1p(S(exp(z))));
  } else {
    if (z > 0) return S(z + S(log1p(S(exp(S(-z))))));
    return S(log1p(S(exp(z))));
  }
}

}  // namespace descent
