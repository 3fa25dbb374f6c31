// The kernels of kernels.hpp, once per scalar.
#include "descent/kernels.hpp"

#include <gmp.h>
#include <mpfr.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <vector>

namespace descent::kernels {

namespace {

void check_sizes(long a, long b, const char* what) {
  if (a != b) throw std::invalid_argument(std::string("kernels::") + what + ": sizes " + std::to_string(a) + " and " +
                                          std::to_string(b) + " differ");
}

// ---------------------------------------------------------------------------------------
// double: Aᵀx as one sequential pass over A's columns (column-major storage), each column's
// dot product with x in a fixed order: sixteen partial sums, lane l over the entries
// i ≡ l (mod 16) in increasing i, added in lane order, then the last m mod 16 terms in
// order. GCC's vector extension (two doubles per operation, IEEE in every lane) gives
// the same bits on every target.
// ---------------------------------------------------------------------------------------

typedef double v2d __attribute__((vector_size(16)));
typedef double v4d __attribute__((vector_size(32)));
typedef double v8d __attribute__((vector_size(64)));

// The dot products of C columns c[0..C) with x, in the order above, with vectors V of W
// lanes: 16/W accumulators per column, lane l = W·p + k being lane k of accumulator p,
// so every width gives the same sums in the same order. Each load of x serves all C
// columns. Inlined into the per-instruction-set functions below, compiled for theirs.
template <class V, int C>
__attribute__((always_inline)) inline void columns_dot(const double* const* c, const double* __restrict x, long m,
                                                       double* out) {
  constexpr int W = static_cast<int>(sizeof(V) / sizeof(double));
  constexpr int P = 16 / W;
  V acc[C][P];
  for (int k = 0; k < C; ++k)
    for (int p = 0; p < P; ++p) acc[k][p] = V{};  // +0 in every lane
  long i = 0;
  for (; i + 16 <= m; i += 16)
    for (int p = 0; p < P; ++p) {
      V xv;
      std::memcpy(&xv, x + i + W * p, sizeof xv);
      for (int k = 0; k < C; ++k) {
        V cv;
        std::memcpy(&cv, c[k] + i + W * p, sizeof cv);
        acc[k][p] = acc[k][p] + cv * xv;
      }
    }
  for (int k = 0; k < C; ++k) {
    double s = acc[k][0][0];
    for (int l = 1; l < 16; ++l) s = s + acc[k][l / W][l % W];
    for (long t = i; t < m; ++t) s = s + c[k][t] * x[t];
    out[k] = s;
  }
}

// SSE2 (every x86-64): one column per pass, eight two-lane accumulators.
double column_dot(const double* c, const double* x, long m) {
  double out;
  columns_dot<v2d, 1>(&c, x, m, &out);
  return out;
}

// Where the processor has them (chosen once at run time), wider operations and several
// columns per pass (one column per pass ran a 2000×2000 step at 0.49–0.73 of the
// streaming read, four at 0.80–0.83: x is read again for every column, and evicted by
// the column): with AVX-512 four columns j, j + q, j + 2q, j + 3q (q = ⌊n/4⌋: four
// streams far apart, as a streaming read runs), two accumulators of eight lanes each;
// with AVX2 two columns j, j + ⌊n/2⌋, four accumulators of four lanes. The operations
// per column are column_dot's, so the bits are the same.
// The AVX paths exist on x86-64 only; elsewhere (aarch64, …) the generic two-lane path
// above is the only one, with the same bits.
detail::Simd simd_limit = detail::Simd::avx512;  // tests lower it to run each path

#if defined(__x86_64__) || defined(__i386__)
#define DESCENT_KERNELS_X86 1
__attribute__((target("avx512f"))) void columns_dot_avx512(const double* const* c, const double* x, long m,
                                                          double* out) {
  columns_dot<v8d, 4>(c, x, m, out);
}
__attribute__((target("avx2"))) void columns_dot_avx2(const double* const* c, const double* x, long m, double* out) {
  columns_dot<v4d, 2>(c, x, m, out);
}

bool has_avx512() {
  static const bool yes = __builtin_cpu_supports("avx512f");
  return yes && simd_limit >= detail::Simd::avx512;
}
bool has_avx2() {
  static const bool yes = __builtin_cpu_supports("avx2");
  return yes && simd_limit >= detail::Simd::avx2;
}
#else
bool has_avx512() { return false; }
bool has_avx2() { return false; }
void columns_dot_avx512(const double* const*, const double*, long, double*) {}
void columns_dot_avx2(const double* const*, const double*, long, double*) {}
#endif

// ---------------------------------------------------------------------------------------
// Mpfr: a correctly rounded dot product from an integer accumulator.
//
// The exact products aᵢxᵢ (of the significands: accumulate_fixed, accumulate_general)
// are added into two non-negative fixed-point integers, one for the positive and one for
// the negative terms, whose last bit weighs 2^(E − F): E bounds every |aᵢxᵢ| < 2^E,
// F = 64·(limbs of the result + 2) fraction bits. A product reaching below that bit is truncated there; such a term then
// lies in [t, t + 1) units of the last bit, so the exact sum lies in
// [P − N − n₋, P − N + n₊] (n± = truncated terms of each sign). When both ends of that
// interval round to the same number, it is the correctly rounded sum (one rounding, to
// nearest); otherwise — a sum that cancels to far below its terms — the sum is redone
// with a window four times as wide (exact once it reaches every product's last bit), and
// past 2^20 bits MPFR's own correctly rounded mpfr_dot decides. Either way the result is
// the exact dot product rounded once.
// ---------------------------------------------------------------------------------------

struct MpfrScratch {
  std::vector<mp_limb_t> pos, neg, prod, shifted;
  std::vector<mp_limb_t> pos_carries, neg_carries;  // carry-save counts of accumulate_fixed
  std::vector<mpfr_ptr> ap, xp;
  mpz_t lo, hi;
  mpfr_t rlo, rhi;
  MpfrScratch() {
    mpz_init(lo);
    mpz_init(hi);
    mpfr_init2(rlo, MPFR_PREC_MIN);
    mpfr_init2(rhi, MPFR_PREC_MIN);
  }
  ~MpfrScratch() {
    mpz_clear(lo);
    mpz_clear(hi);
    mpfr_clear(rlo);
    mpfr_clear(rhi);
  }
  MpfrScratch(const MpfrScratch&) = delete;
  MpfrScratch& operator=(const MpfrScratch&) = delete;
};

MpfrScratch& mpfr_scratch() {
  thread_local MpfrScratch s;
  return s;
}

long limbs_of(mpfr_prec_t p) { return static_cast<long>((p + GMP_NUMB_BITS - 1) / GMP_NUMB_BITS); }

// Add the limbs src[0, len) shifted left by `bit` bits (bit may be negative: a right shift
// that drops the low bits) into acc[0, size). src is scratch: a right shift happens in
// place. Returns true when nonzero bits were dropped.
bool add_shifted(std::vector<mp_limb_t>& acc, long size, mp_limb_t* src, long len, long bit,
                 std::vector<mp_limb_t>& tmp) {
  if (bit < 0) {
    const long q = (-bit) / GMP_NUMB_BITS;
    const unsigned r = static_cast<unsigned>((-bit) % GMP_NUMB_BITS);
    if (q >= len) return true;  // the whole product lies below the last bit (it is nonzero)
    bool dropped = false;
    for (long i = 0; i < q && !dropped; ++i) dropped = src[i] != 0;
    const long keep = len - q;
    mp_limb_t* part = src + q;
    if (r != 0) dropped = (mpn_rshift(part, part, keep, r) != 0) || dropped;  // in place: rp ≤ up
    // keep ≤ size: the product's top bit lies at most F bits above the last one; the
    // headroom limb absorbs every carry (n < 2^63 terms)
    mpn_add(acc.data(), acc.data(), size, part, keep);
    return dropped;
  }
  const long q = bit / GMP_NUMB_BITS;
  const unsigned r = static_cast<unsigned>(bit % GMP_NUMB_BITS);
  const mp_limb_t* part = src;
  long m = len;
  if (r != 0) {
    tmp[static_cast<std::size_t>(len)] = mpn_lshift(tmp.data(), src, len, r);
    part = tmp.data();
    m = len + 1;
  }
  while (m > 0 && part[m - 1] == 0) --m;
  if (m > 0) mpn_add(acc.data() + q, acc.data() + q, size - q, part, m);
  return false;
}

// The products of every factor pair with L limbs each (a fixed count: the loops unroll
// and no GMP call is made per term), added into the same accumulators as add_shifted
// does: the bits of a product below the window's last bit are dropped (truncation of a
// non-negative magnitude) and counted. The carry out of each limb is counted in
// pos_carries/neg_carries and added once per sum (sum_window), so the accumulated values
// equal add_shifted's. `size` limbs; every product is < 2^F units of the last bit, so its
// limbs at or past size − 1 are zero and the headroom limb takes the carries.
template <int L, class AF, class XF>
void accumulate_fixed(MpfrScratch& s, long size, long n, AF a, XF x, mpfr_exp_t emax, long F, long& trunc_pos,
                      long& trunc_neg) {
  constexpr int P = 2 * L;
  using u128 = unsigned __int128;
  mp_limb_t* const pos = s.pos.data();
  mp_limb_t* const neg = s.neg.data();
  mp_limb_t* const pos_carries = s.pos_carries.data();
  mp_limb_t* const neg_carries = s.neg_carries.data();
  for (long j = 0; j < n; ++j) {
    mpfr_srcptr u = a(j);
    mpfr_srcptr v = x(j);
    if (!mpfr_regular_p(u) || !mpfr_regular_p(v)) continue;
    const auto* du = static_cast<const mp_limb_t*>(mpfr_custom_get_significand(u));
    const auto* dv = static_cast<const mp_limb_t*>(mpfr_custom_get_significand(v));
    // the exact product, p[P] = 0 for the shifts below. A factor whose low limbs are all
    // zero (a short significand: an integer, a number of few bits) is one limb: its
    // product costs L multiplications instead of L².
    mp_limb_t p[P + 1];
    mp_limb_t low_u = 0, low_v = 0;
    for (int k = 0; k < L - 1; ++k) {
      low_u |= du[k];
      low_v |= dv[k];
    }
    if (low_u == 0 || low_v == 0) {
      const mp_limb_t m1 = low_u == 0 ? du[L - 1] : dv[L - 1];
      const mp_limb_t* w = low_u == 0 ? dv : du;
      for (int k = 0; k < L - 1; ++k) p[k] = 0;
      mp_limb_t carry = 0;
      for (int k = 0; k < L; ++k) {
        const u128 t = static_cast<u128>(m1) * w[k] + carry;
        p[L - 1 + k] = static_cast<mp_limb_t>(t);
        carry = static_cast<mp_limb_t>(t >> 64);
      }
      p[P - 1] = carry;
    } else {
      for (int k = 0; k < P; ++k) p[k] = 0;
      for (int i = 0; i < L; ++i) {  // schoolbook
        mp_limb_t carry = 0;
        for (int k = 0; k < L; ++k) {
          const u128 t = static_cast<u128>(du[i]) * dv[k] + p[i + k] + carry;
          p[i + k] = static_cast<mp_limb_t>(t);
          carry = static_cast<mp_limb_t>(t >> 64);
        }
        p[i + L] = carry;
      }
    }
    p[P] = 0;
    const long bit = static_cast<long>(mpfr_get_exp(u) + mpfr_get_exp(v) - emax) + F - GMP_NUMB_BITS * P;
    const bool negative = (mpfr_signbit(u) != 0) != (mpfr_signbit(v) != 0);
    mp_limb_t* const acc = negative ? neg : pos;
    mp_limb_t* const cs = negative ? neg_carries : pos_carries;
    // (x << 1) << (63 − r) is x << (64 − r) for r in 1..63 and 0 for r = 0: the shifts
    // below need no branch on r
    if (bit < 0) {
      const long q = (-bit) / GMP_NUMB_BITS;
      const int r = static_cast<int>((-bit) % GMP_NUMB_BITS);
      if (q >= P) {
        ++(negative ? trunc_neg : trunc_pos);  // the whole product lies below the last bit
        continue;
      }
      mp_limb_t low = (p[q] << 1) << (GMP_NUMB_BITS - 1 - r);  // the bits of p[q] below the last bit
      for (long k = 0; k < q; ++k) low |= p[k];
      if (low != 0) ++(negative ? trunc_neg : trunc_pos);
      // limb k of the accumulator gets p shifted right by 64q + r; the carry out of each
      // limb is counted in cs[k + 1] (carry-save: no carry chain between the limbs)
      const long len = std::min<long>(P - q, size);
      for (long k = 0; k < len; ++k) {
        const mp_limb_t limb = (p[k + q] >> r) | ((p[k + q + 1] << 1) << (GMP_NUMB_BITS - 1 - r));
        const mp_limb_t t = acc[k] + limb;
        cs[k + 1] += t < limb;
        acc[k] = t;
      }
    } else {
      const long q = bit / GMP_NUMB_BITS;
      const int r = static_cast<int>(bit % GMP_NUMB_BITS);
      for (long k = 0; k <= P && q + k < size; ++k) {
        const mp_limb_t limb = (p[k] << r) | (k == 0 ? 0 : (p[k - 1] >> 1) >> (GMP_NUMB_BITS - 1 - r));
        const mp_limb_t t = acc[q + k] + limb;
        cs[q + k + 1] += t < limb;
        acc[q + k] = t;
      }
    }
  }
}

// The same with factors of any (mixed) precisions, by GMP's mpn functions.
template <class AF, class XF>
void accumulate_general(MpfrScratch& s, long size, long n, AF a, XF x, mpfr_exp_t emax, long F, long& trunc_pos,
                        long& trunc_neg) {
  for (long j = 0; j < n; ++j) {
    mpfr_srcptr u = a(j);
    mpfr_srcptr v = x(j);
    if (!mpfr_regular_p(u) || !mpfr_regular_p(v)) continue;
    const long lu = limbs_of(mpfr_get_prec(u)), lv = limbs_of(mpfr_get_prec(v));
    const auto* du = static_cast<const mp_limb_t*>(mpfr_custom_get_significand(u));
    const auto* dv = static_cast<const mp_limb_t*>(mpfr_custom_get_significand(v));
    if (lu >= lv)
      mpn_mul(s.prod.data(), du, lu, dv, lv);
    else
      mpn_mul(s.prod.data(), dv, lv, du, lu);
    const long lp = lu + lv;
    // |u·v| = prod · 2^(e − 64·lp), e = exp(u) + exp(v); its last bit sits at
    // bit (e − 64·lp) − (emax − F) of the accumulator
    const long bit = static_cast<long>(mpfr_get_exp(u) + mpfr_get_exp(v) - emax) + F - GMP_NUMB_BITS * lp;
    const bool negative = (mpfr_signbit(u) != 0) != (mpfr_signbit(v) != 0);
    const bool dropped = add_shifted(negative ? s.neg : s.pos, size, s.prod.data(), lp, bit, s.shifted);
    if (dropped) ++(negative ? trunc_neg : trunc_pos);
  }
}

// One pass of the accumulator with F fraction bits below 2^emax: true (and r set) when
// the interval test proves the rounding. `uniform` > 0: every factor has that many limbs
// (the fixed-size loops when it is at most 8).
template <class AF, class XF>
bool sum_window(MpfrScratch& s, mpfr_ptr r, long n, AF a, XF x, mpfr_exp_t emax, long F, long maxlimbs,
                long uniform) {
  const long size = F / GMP_NUMB_BITS + 1;  // + one headroom limb for the carries
  s.pos.assign(static_cast<std::size_t>(size), 0);
  s.neg.assign(static_cast<std::size_t>(size), 0);
  s.pos_carries.assign(static_cast<std::size_t>(size) + 1, 0);  // [k]: carries into limb k
  s.neg_carries.assign(static_cast<std::size_t>(size) + 1, 0);
  s.prod.resize(static_cast<std::size_t>(maxlimbs));
  s.shifted.resize(static_cast<std::size_t>(std::max(maxlimbs, size) + 1));
  long trunc_pos = 0, trunc_neg = 0;
  switch (uniform) {
    case 1: accumulate_fixed<1>(s, size, n, a, x, emax, F, trunc_pos, trunc_neg); break;
    case 2: accumulate_fixed<2>(s, size, n, a, x, emax, F, trunc_pos, trunc_neg); break;
    case 3: accumulate_fixed<3>(s, size, n, a, x, emax, F, trunc_pos, trunc_neg); break;
    case 4: accumulate_fixed<4>(s, size, n, a, x, emax, F, trunc_pos, trunc_neg); break;
    case 5: accumulate_fixed<5>(s, size, n, a, x, emax, F, trunc_pos, trunc_neg); break;
    case 6: accumulate_fixed<6>(s, size, n, a, x, emax, F, trunc_pos, trunc_neg); break;
    case 7: accumulate_fixed<7>(s, size, n, a, x, emax, F, trunc_pos, trunc_neg); break;
    case 8: accumulate_fixed<8>(s, size, n, a, x, emax, F, trunc_pos, trunc_neg); break;
    default: accumulate_general(s, size, n, a, x, emax, F, trunc_pos, trunc_neg);
  }
  // the carry-save counts into the limbs (the sums stay below 2^(64·size): no carry out)
  mpn_add_n(s.pos.data(), s.pos.data(), s.pos_carries.data(), size);
  mpn_add_n(s.neg.data(), s.neg.data(), s.neg_carries.data(), size);
  // D = P − N as a signed integer in s.lo; hi = D + n₊, lo = D − n₋
  mpz_t P, N;
  long ps = size, ns = size;
  while (ps > 0 && s.pos[static_cast<std::size_t>(ps - 1)] == 0) --ps;
  while (ns > 0 && s.neg[static_cast<std::size_t>(ns - 1)] == 0) --ns;
  mpz_roinit_n(P, s.pos.data(), ps);
  mpz_roinit_n(N, s.neg.data(), ns);
  mpz_sub(s.hi, P, N);
  const mpfr_exp_t scale = emax - F;
  if (trunc_pos == 0 && trunc_neg == 0) {
    mpfr_set_z_2exp(r, s.hi, scale, MPFR_RNDN);  // the sum is exact: one rounding
    return true;
  }
  mpz_sub_ui(s.lo, s.hi, static_cast<unsigned long>(trunc_neg));
  mpz_add_ui(s.hi, s.hi, static_cast<unsigned long>(trunc_pos));
  const mpfr_prec_t p = mpfr_get_prec(r);
  mpfr_set_prec(s.rlo, p);
  mpfr_set_prec(s.rhi, p);
  mpfr_set_z_2exp(s.rlo, s.lo, scale, MPFR_RNDN);
  mpfr_set_z_2exp(s.rhi, s.hi, scale, MPFR_RNDN);
  if (mpfr_equal_p(s.rlo, s.rhi) && mpz_sgn(s.lo) == mpz_sgn(s.hi)) {
    mpfr_set(r, s.rlo, MPFR_RNDN);
    return true;
  }
  return false;
}

// The correctly rounded Σ a(j)·x(j), j < n, into r. `a` and `x` give the j-th factors.
template <class AF, class XF>
void mpfr_dot_into(mpfr_ptr r, long n, AF a, XF x) {
  MpfrScratch& s = mpfr_scratch();
  bool special = false;
  bool any = false;
  mpfr_exp_t emax = 0;
  long maxlimbs = 0;
  long uniform = -1;  // the limb count of every factor, 0 when they differ
  for (long j = 0; j < n; ++j) {
    mpfr_srcptr u = a(j);
    mpfr_srcptr v = x(j);
    if (!mpfr_regular_p(u) || !mpfr_regular_p(v)) {
      // a NaN or an infinity in either factor (0·∞ is NaN): IEEE semantics decide
      if (mpfr_nan_p(u) || mpfr_nan_p(v) || mpfr_inf_p(u) || mpfr_inf_p(v)) special = true;
      continue;
    }
    const mpfr_exp_t e = mpfr_get_exp(u) + mpfr_get_exp(v);
    if (!any || e > emax) emax = e;
    any = true;
    const long lu = limbs_of(mpfr_get_prec(u)), lv = limbs_of(mpfr_get_prec(v));
    maxlimbs = std::max(maxlimbs, lu + lv);
    if (uniform == -1) uniform = lu;
    if (lu != uniform || lv != uniform) uniform = 0;
  }
  if (special || !any) {
    // NaN, infinities, or only products with a zero factor (whose sign IEEE defines):
    // MPFR's own dot product; the empty sum is +0
    if (n == 0) {
      mpfr_set_zero(r, 1);
      return;
    }
    s.ap.resize(static_cast<std::size_t>(n));
    s.xp.resize(static_cast<std::size_t>(n));
    for (long j = 0; j < n; ++j) {
      s.ap[static_cast<std::size_t>(j)] = const_cast<mpfr_ptr>(a(j));
      s.xp[static_cast<std::size_t>(j)] = const_cast<mpfr_ptr>(x(j));
    }
    mpfr_dot(r, s.ap.data(), s.xp.data(), static_cast<unsigned long>(n), MPFR_RNDN);
    return;
  }
  // F fraction bits below 2^emax; a sum that cancels too far for the interval test is
  // summed again with a window four times as wide (exact once F reaches every product's
  // last bit), up to 2^20 bits, and only then handed to mpfr_dot
  for (long F = GMP_NUMB_BITS * (limbs_of(mpfr_get_prec(r)) + 2); F <= (1L << 20); F *= 4) {
    if (sum_window(s, r, n, a, x, emax, F, maxlimbs, uniform)) return;
  }
  s.ap.resize(static_cast<std::size_t>(n));
  s.xp.resize(static_cast<std::size_t>(n));
  for (long j = 0; j < n; ++j) {
    s.ap[static_cast<std::size_t>(j)] = const_cast<mpfr_ptr>(a(j));
    s.xp[static_cast<std::size_t>(j)] = const_cast<mpfr_ptr>(x(j));
  }
  mpfr_dot(r, s.ap.data(), s.xp.data(), static_cast<unsigned long>(n), MPFR_RNDN);
}

mpfr_srcptr cptr(const Mpfr& v) { return v.backend().data(); }
mpfr_ptr ptr(Mpfr& v) { return v.backend().data(); }

// ---------------------------------------------------------------------------------------
// Rational: common denominators, integer multiply-adds, one reduction per result.
// ---------------------------------------------------------------------------------------

struct Z {
  mpz_t v;
  Z() { mpz_init(v); }
  ~Z() { mpz_clear(v); }
  Z(const Z&) = delete;
  Z& operator=(const Z&) = delete;
};

mpq_srcptr qptr(const Rational& v) { return v.backend().data(); }

// L = lcm of the denominators of x (x(j), j < n); X[j] = xⱼ·L (integers).
template <class XF>
void to_common(long n, XF x, Z& L, std::vector<Z>& X) {
  mpz_set_ui(L.v, 1);
  for (long j = 0; j < n; ++j) {
    mpz_srcptr d = mpq_denref(x(j));
    if (mpz_cmp_ui(d, 1) != 0 && !mpz_divisible_p(L.v, d)) mpz_lcm(L.v, L.v, d);
  }
  if (static_cast<long>(X.size()) < n) X = std::vector<Z>(static_cast<std::size_t>(n));
  for (long j = 0; j < n; ++j) {
    Z& out = X[static_cast<std::size_t>(j)];
    mpq_srcptr q = x(j);
    if (mpz_cmp_ui(mpq_denref(q), 1) == 0) {
      mpz_mul(out.v, mpq_numref(q), L.v);
    } else {
      mpz_divexact(out.v, L.v, mpq_denref(q));
      mpz_mul(out.v, out.v, mpq_numref(q));
    }
  }
}

// r = num/den in lowest terms.
void reduce_into(Rational& r, Z& num, const Z& den) {
  mpq_ptr q = r.backend().data();
  mpz_set(mpq_numref(q), num.v);
  mpz_set(mpq_denref(q), den.v);
  mpq_canonicalize(q);
}

struct RationalScratch {
  Z L, La, den, acc;
  std::vector<Z> X, Y;
};
RationalScratch& rational_scratch() {
  thread_local RationalScratch s;
  return s;
}

}  // namespace

namespace detail {
Simd simd_supported() {
#ifdef DESCENT_KERNELS_X86
  if (__builtin_cpu_supports("avx512f")) return Simd::avx512;
  if (__builtin_cpu_supports("avx2")) return Simd::avx2;
#endif
  return Simd::sse2;
}
void limit_simd(Simd limit) { simd_limit = limit; }
}  // namespace detail

// ------------------------------------------------------------------------------- generic

template <class S>
void matvec(const Mat<S>& A, const Vec<S>& x, Vec<S>& y) {
  check_sizes(A.cols(), x.size(), "matvec");
  y.noalias() = A * x;
}
template <class S>
void matvec_transposed(const Mat<S>& A, const Vec<S>& x, Vec<S>& y) {
  check_sizes(A.rows(), x.size(), "matvec_transposed");
  y.noalias() = A.transpose() * x;
}
template <class S>
S dot(const Vec<S>& x, const Vec<S>& y) {
  check_sizes(x.size(), y.size(), "dot");
  return x.dot(y);
}
template <class S>
S squared_norm(const Vec<S>& x) {
  return x.squaredNorm();
}
template <class S>
void axpy(const S& alpha, const Vec<S>& x, Vec<S>& y) {
  check_sizes(x.size(), y.size(), "axpy");
  y += alpha * x;
}

// ---------------------------------------------------------------------------------- Mpfr

namespace {
// y_k = Σ_j a(k, j)·x_j for k < count, each correctly rounded at the working precision
// (the precision Eigen's product gave its fresh entries).
template <class AF>
void mpfr_products(long count, long n, AF a, const Vec<Mpfr>& x, Vec<Mpfr>& y) {
  if (y.size() != count) y.resize(count);
  const mpfr_prec_t p = mpfr_get_prec(cptr(Mpfr()));
  for (long k = 0; k < count; ++k)
    if (mpfr_get_prec(cptr(y(k))) != p) mpfr_set_prec(ptr(y(k)), p);
  const Mpfr* xv = x.data();
  for (long k = 0; k < count; ++k)
    mpfr_dot_into(ptr(y(k)), n, [&](long j) { return a(k, j); }, [&](long j) { return cptr(xv[j]); });
}
}  // namespace

template <>
void matvec<Mpfr>(const Mat<Mpfr>& A, const Vec<Mpfr>& x, Vec<Mpfr>& y) {
  check_sizes(A.cols(), x.size(), "matvec");
  if (&x == &y) throw std::invalid_argument("kernels::matvec: x and y must be different vectors");
  const Mpfr* a = A.data();
  const long m = A.rows();
  mpfr_products(m, A.cols(), [&](long i, long j) { return cptr(a[i + j * m]); }, x, y);
}
template <>
void matvec_transposed<Mpfr>(const Mat<Mpfr>& A, const Vec<Mpfr>& x, Vec<Mpfr>& y) {
  check_sizes(A.rows(), x.size(), "matvec_transposed");
  if (&x == &y) throw std::invalid_argument("kernels::matvec_transposed: x and y must be different vectors");
  const Mpfr* a = A.data();
  const long m = A.rows();
  mpfr_products(A.cols(), m, [&](long j, long i) { return cptr(a[i + j * m]); }, x, y);
}
template <>
void matvec_transposed<double>(const Mat<double>& A, const Vec<double>& x, Vec<double>& y) {
  check_sizes(A.rows(), x.size(), "matvec_transposed");
  if (&x == &y) throw std::invalid_argument("kernels::matvec_transposed: x and y must be different vectors");
  const long m = A.rows(), n = A.cols();
  if (y.size() != n) y.resize(n);
  const double* a = A.data();
  long j = 0;  // columns from j on remain
  if (has_avx512() && n >= 4) {
    const long q = n / 4;
    for (long k = 0; k < q; ++k) {
      const double* c[4] = {a + k * m, a + (k + q) * m, a + (k + 2 * q) * m, a + (k + 3 * q) * m};
      double out[4];
      columns_dot_avx512(c, x.data(), m, out);
      for (int t = 0; t < 4; ++t) y(k + t * q) = out[t];
    }
    j = 4 * q;
  } else if (has_avx2() && n >= 2) {
    const long q = n / 2;
    for (long k = 0; k < q; ++k) {
      const double* c[2] = {a + k * m, a + (k + q) * m};
      double out[2];
      columns_dot_avx2(c, x.data(), m, out);
      y(k) = out[0];
      y(k + q) = out[1];
    }
    j = 2 * q;
  }
  for (; j < n; ++j) y(j) = column_dot(a + j * m, x.data(), m);
}
template <>
Mpfr dot<Mpfr>(const Vec<Mpfr>& x, const Vec<Mpfr>& y) {
  check_sizes(x.size(), y.size(), "dot");
  Mpfr r;
  mpfr_dot_into(ptr(r), x.size(), [&](long j) { return cptr(x(j)); }, [&](long j) { return cptr(y(j)); });
  return r;
}
template <>
Mpfr squared_norm<Mpfr>(const Vec<Mpfr>& x) {
  return dot<Mpfr>(x, x);
}
template <>
void axpy<Mpfr>(const Mpfr& alpha, const Vec<Mpfr>& x, Vec<Mpfr>& y) {
  check_sizes(x.size(), y.size(), "axpy");
  for (long i = 0; i < x.size(); ++i) mpfr_fma(ptr(y(i)), cptr(alpha), cptr(x(i)), cptr(y(i)), MPFR_RNDN);
}

// ------------------------------------------------------------------------------ Rational

namespace {
// y_k = Σ_j a(k, j)·x_j for k < count: x brought to one common denominator once, each
// output's coefficients to theirs, integer multiply-adds, one reduction per output.
template <class AF>
void rational_products(long count, long n, AF a, const Vec<Rational>& x, Vec<Rational>& y) {
  RationalScratch& s = rational_scratch();
  to_common(n, [&](long j) { return qptr(x(j)); }, s.L, s.X);
  if (y.size() != count) y.resize(count);
  for (long k = 0; k < count; ++k) {
    mpz_set_ui(s.La.v, 1);
    for (long j = 0; j < n; ++j) {
      mpz_srcptr d = mpq_denref(qptr(a(k, j)));
      if (mpz_cmp_ui(d, 1) != 0 && !mpz_divisible_p(s.La.v, d)) mpz_lcm(s.La.v, s.La.v, d);
    }
    const bool integral = mpz_cmp_ui(s.La.v, 1) == 0;
    mpz_set_ui(s.acc.v, 0);
    for (long j = 0; j < n; ++j) {
      mpq_srcptr q = qptr(a(k, j));
      if (mpz_sgn(mpq_numref(q)) == 0) continue;
      if (integral) {
        mpz_addmul(s.acc.v, mpq_numref(q), s.X[static_cast<std::size_t>(j)].v);
      } else {
        mpz_divexact(s.den.v, s.La.v, mpq_denref(q));
        mpz_mul(s.den.v, s.den.v, mpq_numref(q));
        mpz_addmul(s.acc.v, s.den.v, s.X[static_cast<std::size_t>(j)].v);
      }
    }
    mpz_mul(s.den.v, s.La.v, s.L.v);
    reduce_into(y(k), s.acc, s.den);
  }
}
}  // namespace

template <>
void matvec<Rational>(const Mat<Rational>& A, const Vec<Rational>& x, Vec<Rational>& y) {
  check_sizes(A.cols(), x.size(), "matvec");
  if (&x == &y) throw std::invalid_argument("kernels::matvec: x and y must be different vectors");
  rational_products(A.rows(), A.cols(), [&](long i, long j) -> const Rational& { return A(i, j); }, x, y);
}
template <>
void matvec_transposed<Rational>(const Mat<Rational>& A, const Vec<Rational>& x, Vec<Rational>& y) {
  check_sizes(A.rows(), x.size(), "matvec_transposed");
  if (&x == &y) throw std::invalid_argument("kernels::matvec_transposed: x and y must be different vectors");
  rational_products(A.cols(), A.rows(), [&](long j, long i) -> const Rational& { return A(i, j); }, x, y);
}
template <>
Rational dot<Rational>(const Vec<Rational>& x, const Vec<Rational>& y) {
  check_sizes(x.size(), y.size(), "dot");
  RationalScratch& s = rational_scratch();
  const long n = x.size();
  to_common(n, [&](long j) { return qptr(x(j)); }, s.L, s.X);
  to_common(n, [&](long j) { return qptr(y(j)); }, s.La, s.Y);
  mpz_set_ui(s.acc.v, 0);
  for (long j = 0; j < n; ++j) mpz_addmul(s.acc.v, s.X[static_cast<std::size_t>(j)].v, s.Y[static_cast<std::size_t>(j)].v);
  mpz_mul(s.den.v, s.La.v, s.L.v);
  Rational r;
  reduce_into(r, s.acc, s.den);
  return r;
}
template <>
Rational squared_norm<Rational>(const Vec<Rational>& x) {
  return dot<Rational>(x, x);
}
template <>
void axpy<Rational>(const Rational& alpha, const Vec<Rational>& x, Vec<Rational>& y) {
  check_sizes(x.size(), y.size(), "axpy");
  mpq_t t;
  mpq_init(t);
  for (long i = 0; i < x.size(); ++i) {
    mpq_mul(t, qptr(alpha), qptr(x(i)));
    mpq_add(y(i).backend().data(), qptr(y(i)), t);
  }
  mpq_clear(t);
}

#define DESCENT_KERNELS(S)                                              \
  template void matvec<S>(const Mat<S>&, const Vec<S>&, Vec<S>&);      \
  template void matvec_transposed<S>(const Mat<S>&, const Vec<S>&, Vec<S>&); \
  template S dot<S>(const Vec<S>&, const Vec<S>&);                     \
  template S squared_norm<S>(const Vec<S>&);                           \
  template void axpy<S>(const S&, const Vec<S>&, Vec<S>&);

template void matvec<double>(const Mat<double>&, const Vec<double>&, Vec<double>&);
template double dot<double>(const Vec<double>&, const Vec<double>&);
template double squared_norm<double>(const Vec<double>&);
template void axpy<double>(const double&, const Vec<double>&, Vec<double>&);
DESCENT_KERNELS(Interval)
#undef DESCENT_KERNELS

}  // namespace descent::kernels
