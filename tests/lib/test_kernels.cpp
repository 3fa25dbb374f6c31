// Unit tests of lib/descent/kernels.hpp. The oracle is exact rational arithmetic: every
// Mpfr result must equal the exact value rounded once to nearest (from_rational), bit for
// bit; every Rational result must equal Eigen's term-by-term rational sum; double results
// must equal Eigen's. No expected value comes from the kernels themselves.
#include <catch2/catch.hpp>

#include <gmp.h>
#include <mpfr.h>

#include <random>

#include "descent/kernels.hpp"
#include "descent/problems.hpp"

using namespace descent;
using Q = Rational;

namespace {

// The exact rational value of a finite Mpfr number.
Q exact(const Mpfr& x) {
  mpfr_srcptr p = x.backend().data();
  if (mpfr_zero_p(p)) return Q(0);
  mpz_t m;
  mpz_init(m);
  const mpfr_exp_t e = mpfr_get_z_2exp(m, p);
  Q r;
  mpq_set_z(r.backend().data(), m);
  mpz_clear(m);
  Q two = 2;
  Q scale = 1;
  for (long i = 0; i < (e < 0 ? -e : e); ++i) scale *= two;
  return e < 0 ? Q(r / scale) : Q(r * scale);
}

bool same_bits(const Mpfr& a, const Mpfr& b) {
  return mpfr_equal_p(a.backend().data(), b.backend().data()) != 0 &&
         mpfr_signbit(a.backend().data()) == mpfr_signbit(b.backend().data());
}

// A random Mpfr of precision about `bits` (its own, not the working precision), exponent in [-spread, spread], random sign;
// with probability 1/8 exactly 0. With prec > 0 its precision is prec (bits ≤ prec − 32,
// or bits = prec: every bit of the significand random).
Mpfr random_mpfr(std::mt19937_64& rng, long bits, int spread, long prec = 0) {
  if (rng() % 8 == 0) return Mpfr(0);
  Mpfr x;
  mpfr_ptr p = x.backend().data();
  mpz_t m;
  mpz_init(m);
  mpz_set_ui(m, 1);
  for (long b = 0; b < bits; b += 32) {
    mpz_mul_2exp(m, m, 32);
    mpz_add_ui(m, m, static_cast<unsigned long>(rng() & 0xffffffffu));
  }
  if (prec > 0 && bits >= prec) {  // a full significand: prec random bits, the top one set
    mpz_tdiv_r_2exp(m, m, static_cast<mp_bitcnt_t>(prec));
    mpz_setbit(m, static_cast<mp_bitcnt_t>(prec - 1));
  }
  const long e = spread == 0 ? 0 : static_cast<long>(rng() % static_cast<unsigned long>(2 * spread + 1)) - spread;
  // the number carries its own precision (operands of mixed precision), exactly m·2^k
  mpfr_set_prec(p, static_cast<mpfr_prec_t>(prec > 0 ? prec : static_cast<long>(mpz_sizeinbase(m, 2))));
  mpfr_set_z_2exp(p, m, e - static_cast<long>(mpz_sizeinbase(m, 2)), MPFR_RNDN);
  if (rng() % 2) mpfr_neg(p, p, MPFR_RNDN);
  mpz_clear(m);
  return x;
}

struct DigitsScope {
  int saved = digits();
  explicit DigitsScope(int d) { const descent::ScopedDigits scoped_digits(d); }
  ~DigitsScope() { const descent::ScopedDigits scoped_digits(saved); }
};

}  // namespace

TEST_CASE("kernels: the Mpfr dot product is the exact sum rounded once", "[lib][kernels]") {
  std::mt19937_64 rng(20261206);
  for (int digits_ : {16, 50, 70, 200, 600}) {
    DigitsScope scope(digits_);
    for (int trial = 0; trial < 300; ++trial) {
      const int n = static_cast<int>(rng() % 40);
      const int spread = trial % 3 == 0 ? 0 : (trial % 3 == 1 ? 30 : 400);
      Vec<Mpfr> x(n), y(n);
      // every other trial: all factors of one precision, of 1 to 9 limbs (the kernel's
      // fixed-size loops up to 8 limbs, GMP's mpn calls past them); else mixed precisions
      const long limbs = 1 + trial / 2 % 9;
      const long prec = trial % 2 == 0 ? 64 * limbs - static_cast<long>(rng() % 32) : 0;
      // (of one precision: a third of the significands full, the others short — an
      // integer-like number multiplies as one limb)
      auto draw_bits = [&] {
        if (prec == 0) return 8 + static_cast<long>(rng() % 2200);
        return rng() % 3 == 0 ? prec : 1 + static_cast<long>(rng() % static_cast<unsigned long>(prec - 32));
      };
      for (int j = 0; j < n; ++j) {
        x(j) = random_mpfr(rng, draw_bits(), spread, prec);
        y(j) = random_mpfr(rng, draw_bits(), spread, prec);
      }
      // heavy cancellation (in both kinds of trial): the second half repeats the first
      // with opposite sign, plus a tiny term (of the trial's precision, scaled by 2^-1000)
      if (trial % 4 >= 2 && n >= 4) {
        for (int j = 0; j < n / 2; ++j) {
          x(n / 2 + j) = -x(j);
          y(n / 2 + j) = y(j);
        }
        x(n - 1) = random_mpfr(rng, prec > 0 ? prec : 60, 0, prec);
        mpfr_mul_2si(x(n - 1).backend().data(), x(n - 1).backend().data(), -1000, MPFR_RNDN);
      }
      Q sum = 0;
      for (int j = 0; j < n; ++j) sum += exact(x(j)) * exact(y(j));
      const Mpfr expected = from_rational<Mpfr>(sum);
      const Mpfr got = kernels::dot<Mpfr>(x, y);
      INFO("digits " << digits_ << " trial " << trial << " n " << n);
      REQUIRE(mpfr_get_prec(got.backend().data()) == mpfr_get_prec(expected.backend().data()));
      REQUIRE(exact(got) == exact(expected));
      REQUIRE(exact(kernels::squared_norm<Mpfr>(x)) == exact(from_rational<Mpfr>([&] {
                Q s = 0;
                for (int j = 0; j < n; ++j) s += exact(x(j)) * exact(x(j));
                return s;
              }())));
    }
  }
}

TEST_CASE("kernels: a term below the accumulator's window still decides a tie", "[lib][kernels]") {
  // 1 + T(1 ± 2^-k), T = half a unit in the last place of 1: the exact sum lies just above
  // (below) the tie 1 + T, so it rounds up (down); summed without its bits below the
  // window, it would look like the tie itself and round to even (down). The offsets k put
  // the last bit of the second product in the window, in its last limb, partly below it,
  // and wholly below it; the factors carry 64·L bits, L = 3..10 limbs (inline loops and
  // GMP's mpn calls). Each result is checked against the exact sum rounded once.
  // With y₁ = 1 + 2^(1−64L) (every limb of y₁ used) the second product is formed by the
  // full schoolbook loops: its excess 2^(1−64L)·T over T(1 ± 2^-k) is below the window
  // too and keeps the sum on the same side of the tie.
  for (int digits_ : {16, 50}) {
    DigitsScope scope(digits_);
    const long pr = static_cast<long>(mpfr_get_prec(Mpfr(1).backend().data()));
    for (long L = 3; L <= 10; ++L) {
      const long prec = 64 * L;
      for (long k = 1; k < prec; ++k)
        for (const int sign : {1, -1})
        for (const bool full_y : {false, true}) {
          Vec<Mpfr> x(2), y(2);
          for (int j = 0; j < 2; ++j) {
            mpfr_set_prec(x(j).backend().data(), prec);
            mpfr_set_prec(y(j).backend().data(), prec);
            mpfr_set_ui(y(j).backend().data(), 1, MPFR_RNDN);
          }
          if (full_y) {
            mpfr_ptr y1 = y(1).backend().data();  // 1 + 2^(1−64L), exact at 64·L bits
            mpfr_set_ui_2exp(y1, 1, 1 - prec, MPFR_RNDN);
            mpfr_add_ui(y1, y1, 1, MPFR_RNDN);
          }
          mpfr_set_ui(x(0).backend().data(), 1, MPFR_RNDN);
          mpfr_ptr t = x(1).backend().data();  // T(1 ± 2^-k), exact at 64·L bits
          mpfr_set_ui_2exp(t, 1, -k, MPFR_RNDN);
          if (sign > 0)
            mpfr_add_ui(t, t, 1, MPFR_RNDN);
          else
            mpfr_ui_sub(t, 1, t, MPFR_RNDN);
          mpfr_div_2si(t, t, pr, MPFR_RNDN);
          const Q sum = exact(x(0)) * exact(y(0)) + exact(x(1)) * exact(y(1));
          const Mpfr got = kernels::dot<Mpfr>(x, y);
          INFO("digits " << digits_ << " limbs " << L << " k " << k << " sign " << sign << " full y " << full_y);
          REQUIRE(exact(got) == exact(from_rational<Mpfr>(sum)));
          Mpfr half_ulp;  // T = 2^-pr, exact
          mpfr_set_ui_2exp(half_ulp.backend().data(), 1, -pr, MPFR_RNDN);
          REQUIRE((exact(got) > 1 + exact(half_ulp)) == (sign > 0));
        }
    }
  }
}

TEST_CASE("kernels: a product's lowest limb alone can decide a tie", "[lib][kernels]") {
  // a = T(1 + 2^(1−64L)), b = 1 + 2^(1−64L) (both of 64·L bits, every limb used):
  // ab = T(1 + 2^(2−64L) + 2^(2−128L)), whose last term sits in the product's lowest limb
  // alone. With c = −T·2^(2−64L) the sum 1 + ab + c = 1 + T + T·2^(2−128L) lies just
  // above the tie 1 + T: it rounds up only if the bits of that limb, below the window,
  // are counted.
  for (int digits_ : {16, 50, 70, 100}) {
    DigitsScope scope(digits_);
    const long pr = static_cast<long>(mpfr_get_prec(Mpfr(1).backend().data()));
    for (long L = 2; L <= 10; ++L) {
      const long prec = 64 * L;
      Vec<Mpfr> x(3), y(3);
      for (int j = 0; j < 3; ++j) {
        mpfr_set_prec(x(j).backend().data(), prec);
        mpfr_set_prec(y(j).backend().data(), prec);
        mpfr_set_ui(y(j).backend().data(), 1, MPFR_RNDN);
      }
      mpfr_set_ui(x(0).backend().data(), 1, MPFR_RNDN);
      mpfr_ptr a = x(1).backend().data();
      mpfr_set_ui_2exp(a, 1, 1 - prec, MPFR_RNDN);
      mpfr_add_ui(a, a, 1, MPFR_RNDN);
      mpfr_set(y(1).backend().data(), a, MPFR_RNDN);  // b = 1 + 2^(1−64L)
      mpfr_div_2si(a, a, pr, MPFR_RNDN);              // a = T·b
      mpfr_set_si_2exp(x(2).backend().data(), -1, 2 - prec - pr, MPFR_RNDN);
      const Q sum = exact(x(0)) * exact(y(0)) + exact(x(1)) * exact(y(1)) + exact(x(2)) * exact(y(2));
      const Mpfr got = kernels::dot<Mpfr>(x, y);
      Mpfr half_ulp;
      mpfr_set_ui_2exp(half_ulp.backend().data(), 1, -pr, MPFR_RNDN);
      INFO("digits " << digits_ << " limbs " << L);
      REQUIRE(sum > 1 + exact(half_ulp));
      REQUIRE(exact(got) == exact(from_rational<Mpfr>(sum)));
    }
  }
}

TEST_CASE("kernels: Ax, Aᵀx and axpy in Mpfr round each entry once", "[lib][kernels]") {
  std::mt19937_64 rng(7);
  DigitsScope scope(70);
  for (int trial = 0; trial < 40; ++trial) {
    const int m = 1 + static_cast<int>(rng() % 12), n = 1 + static_cast<int>(rng() % 12);
    Mat<Mpfr> A(m, n);
    Vec<Mpfr> x(n), z(m);
    for (int i = 0; i < m; ++i)
      for (int j = 0; j < n; ++j) A(i, j) = random_mpfr(rng, 240, 20);
    for (int j = 0; j < n; ++j) x(j) = random_mpfr(rng, 240, 20);
    // z at the working precision: axpy rounds yᵢ + αxᵢ to the precision yᵢ has
    for (int i = 0; i < m; ++i) z(i) = from_rational<Mpfr>(exact(random_mpfr(rng, 240, 20)));
    Vec<Mpfr> y;
    kernels::matvec<Mpfr>(A, x, y);
    REQUIRE(y.size() == m);
    for (int i = 0; i < m; ++i) {
      Q s = 0;
      for (int j = 0; j < n; ++j) s += exact(A(i, j)) * exact(x(j));
      CHECK(exact(y(i)) == exact(from_rational<Mpfr>(s)));
    }
    Vec<Mpfr> w;
    kernels::matvec_transposed<Mpfr>(A, z, w);
    REQUIRE(w.size() == n);
    for (int j = 0; j < n; ++j) {
      Q s = 0;
      for (int i = 0; i < m; ++i) s += exact(A(i, j)) * exact(z(i));
      CHECK(exact(w(j)) == exact(from_rational<Mpfr>(s)));
    }
    const Mpfr alpha = random_mpfr(rng, 240, 5);
    Vec<Mpfr> before = z, after = z;
    kernels::axpy<Mpfr>(alpha, y, after);
    for (int i = 0; i < m; ++i)
      CHECK(exact(after(i)) == exact(from_rational<Mpfr>(exact(before(i)) + exact(alpha) * exact(y(i)))));
  }
}

TEST_CASE("kernels: Mpfr special values follow IEEE (NaN, infinities, signed zero, empty)", "[lib][kernels]") {
  DigitsScope scope(50);
  Vec<Mpfr> x(3), y(3);
  x << 1, 2, 3;
  y << 4, 5, 6;
  CHECK(kernels::dot<Mpfr>(x, y) == 32);
  y(1) = std::numeric_limits<Mpfr>::infinity();
  CHECK(kernels::dot<Mpfr>(x, y) == std::numeric_limits<Mpfr>::infinity());
  x(2) = 0;
  y(2) = std::numeric_limits<Mpfr>::infinity();
  CHECK(boost::multiprecision::isnan(kernels::dot<Mpfr>(x, y)));  // 0 · ∞
  Vec<Mpfr> one_zero(2), one_inf(2);  // 1·1 + 0·∞ = NaN, with a regular term present
  one_zero << 1, 0;
  one_inf << 1, std::numeric_limits<Mpfr>::infinity();
  CHECK(boost::multiprecision::isnan(kernels::dot<Mpfr>(one_zero, one_inf)));
  Mat<Mpfr> M(1, 2);
  M << 1, 0;
  Vec<Mpfr> Mx;
  kernels::matvec<Mpfr>(M, one_inf, Mx);
  CHECK(boost::multiprecision::isnan(Mx(0)));
  y(2) = std::numeric_limits<Mpfr>::quiet_NaN();
  y(1) = 5;
  CHECK(boost::multiprecision::isnan(kernels::dot<Mpfr>(x, y)));
  CHECK(kernels::dot<Mpfr>(Vec<Mpfr>(), Vec<Mpfr>()) == 0);
  Vec<Mpfr> z = Vec<Mpfr>::Zero(4);
  CHECK(kernels::squared_norm<Mpfr>(z) == 0);
  CHECK_THROWS_AS(kernels::dot<Mpfr>(x, Vec<Mpfr>(2)), std::invalid_argument);
  Mat<Mpfr> A(2, 3);
  CHECK_THROWS_AS(kernels::matvec<Mpfr>(A, Vec<Mpfr>(2), z), std::invalid_argument);
}

TEST_CASE("kernels: Rational results equal Eigen's exact sums", "[lib][kernels]") {
  std::mt19937_64 rng(11);
  for (int trial = 0; trial < 60; ++trial) {
    const int m = 1 + static_cast<int>(rng() % 9), n = 1 + static_cast<int>(rng() % 9);
    auto q = [&] {
      const long num = static_cast<long>(rng() % 2001) - 1000;
      const long den = trial % 2 ? 1 : 1 + static_cast<long>(rng() % 97);
      return Q(num, den);
    };
    Mat<Q> A(m, n);
    Vec<Q> x(n), z(m);
    for (int i = 0; i < m; ++i)
      for (int j = 0; j < n; ++j) A(i, j) = q();
    for (int j = 0; j < n; ++j) x(j) = q() / Q(static_cast<long>(1 + rng() % 1000000));
    for (int i = 0; i < m; ++i) z(i) = q();
    Vec<Q> y, w;
    kernels::matvec<Q>(A, x, y);
    CHECK(y == Vec<Q>(A * x));
    kernels::matvec_transposed<Q>(A, z, w);
    CHECK(w == Vec<Q>(A.transpose() * z));
    CHECK(kernels::dot<Q>(x, x) == x.dot(x));
    CHECK(kernels::squared_norm<Q>(z) == z.squaredNorm());
    Vec<Q> after = z;
    kernels::axpy<Q>(Q(-3, 7), y, after);
    CHECK(after == Vec<Q>(z - Q(3, 7) * y));
    for (int i = 0; i < m; ++i) {  // each result is in lowest terms
      mpz_t g;
      mpz_init(g);
      mpz_gcd(g, mpq_numref(y(i).backend().data()), mpq_denref(y(i).backend().data()));
      CHECK(mpz_cmp_ui(g, 1) == 0);
      mpz_clear(g);
    }
  }
}

TEST_CASE("kernels: double results are Eigen's, and Aᵀx sums in its stated order", "[lib][kernels]") {
  using kernels::detail::Simd;
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> u(-1, 1);
  // every instruction set this processor has (SSE2, AVX2, AVX-512: one, two or four
  // columns per pass, n below covers every remainder mod 4), each in the same order
  const Simd widest = kernels::detail::simd_supported();
  struct Restore {  // the widest path again when the case ends, passed or failed
    ~Restore() { kernels::detail::limit_simd(Simd::avx512); }
  } restore;
  for (int level = 0; level <= static_cast<int>(widest); ++level)
  for (const int m : {1, 7, 8, 15, 16, 17, 37, 64, 203}) {
    kernels::detail::limit_simd(static_cast<Simd>(level));
    const int n = 1 + (m + level) % 11;
    Mat<double> A(m, n);
    Vec<double> x(n), z(m);
    for (int i = 0; i < m; ++i)
      for (int j = 0; j < n; ++j) A(i, j) = u(rng);
    for (int j = 0; j < n; ++j) x(j) = u(rng);
    for (int i = 0; i < m; ++i) z(i) = u(rng);
    Vec<double> y, w;
    kernels::matvec<double>(A, x, y);
    CHECK(y == Vec<double>(A * x));
    kernels::matvec_transposed<double>(A, z, w);
    REQUIRE(w.size() == n);
    for (int j = 0; j < n; ++j) {
      // the documented order: lane l sums the entries i ≡ l (mod 16) below 16⌊m/16⌋ in
      // increasing i; the lanes are added in order; then the remaining entries in order
      const int full = m / 16 * 16;
      double lane[16] = {};
      for (int i = 0; i < full; ++i) lane[i % 16] = lane[i % 16] + A(i, j) * z(i);
      double s = lane[0];
      for (int l = 1; l < 16; ++l) s = s + lane[l];
      for (int i = full; i < m; ++i) s = s + A(i, j) * z(i);
      INFO("m " << m << " n " << n << " column " << j << " instruction set " << level);
      CHECK(w(j) == s);
      // and within m·ε·Σ|aᵢⱼzᵢ| of the exact value
      Q exact_sum = 0, abs_sum = 0;
      for (int i = 0; i < m; ++i) {
        exact_sum += Q(A(i, j)) * Q(z(i));
        abs_sum += abs(Q(A(i, j)) * Q(z(i)));
      }
      CHECK(abs(Q(w(j)) - exact_sum) <= Q(m) * Q(std::numeric_limits<double>::epsilon()) * abs_sum);
    }
    CHECK(kernels::dot<double>(x, x) == x.dot(x));
    CHECK(kernels::squared_norm<double>(z) == z.squaredNorm());
  }
}

TEST_CASE("Quadratic and LeastSquares: value_and_gradient equals value() and gradient()", "[lib][kernels]") {
  DigitsScope scope(50);
  std::mt19937_64 rng(5);
  const int n = 7;
  Mat<Mpfr> B(n, n), A(n, n);
  Vec<Mpfr> b(n), x(n);
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < n; ++j) B(i, j) = random_mpfr(rng, 170, 3);
    b(i) = random_mpfr(rng, 170, 3);
    x(i) = random_mpfr(rng, 170, 3);
  }
  A = B + Mat<Mpfr>(B.transpose());
  const Quadratic<Mpfr> f(A, b, Mpfr(1) / 3);
  Vec<Mpfr> g;
  const Mpfr fx = f.value_and_gradient(x, g);
  CHECK(same_bits(fx, f.value(x)));
  const Vec<Mpfr> g2 = f.gradient(x);
  for (int i = 0; i < n; ++i) CHECK(same_bits(g(i), g2(i)));
  // against the exact value: f and ∇f to a few units of the working precision, relative
  // to the terms (|x|ᵀ|A||x| + |b|ᵀ|x|) that form them
  Q xAx = 0, bx = 0, terms = 0;
  for (int i = 0; i < n; ++i) {
    bx += exact(b(i)) * exact(x(i));
    terms += abs(exact(b(i)) * exact(x(i)));
    for (int j = 0; j < n; ++j) {
      xAx += exact(x(i)) * exact(A(i, j)) * exact(x(j));
      terms += abs(exact(x(i)) * exact(A(i, j)) * exact(x(j)));
    }
  }
  const Q fexact = xAx / 2 - bx + Q(1, 3);
  CHECK(abs(exact(fx) - fexact) <= Q(8) * exact(epsilon<Mpfr>()) * (terms + 1));

  Mat<Mpfr> Phi(3, 5);
  Vec<Mpfr> yv(5), w(3);
  for (int i = 0; i < 3; ++i) {
    w(i) = random_mpfr(rng, 170, 2);
    for (int k = 0; k < 5; ++k) Phi(i, k) = random_mpfr(rng, 170, 2);
  }
  for (int k = 0; k < 5; ++k) yv(k) = random_mpfr(rng, 170, 2);
  const LeastSquares<Mpfr> ls(Phi, yv);
  Vec<Mpfr> gl;
  const Mpfr L = ls.value_and_gradient(w, gl);
  CHECK(same_bits(L, ls.value(w)));
  const Vec<Mpfr> gl2 = ls.gradient(w);
  for (int i = 0; i < 3; ++i) CHECK(same_bits(gl(i), gl2(i)));
  CHECK_THROWS_AS(f.value_and_gradient(Vec<Mpfr>(3), g), InputError);
  CHECK_THROWS_AS(ls.value_and_gradient(Vec<Mpfr>(4), gl), InputError);
  CHECK_THROWS_AS(ls.value(Vec<Mpfr>(4)), InputError);
  CHECK_THROWS_AS(f.value(Vec<Mpfr>(3)), InputError);
}
