/// \file kernels.hpp
/// \brief The hot linear algebra of a step — y = Ax, xᵀy, ‖x‖², y ← y + αx — written once
/// per arithmetic without the temporaries of an expression.
///
/// Over Boost.Multiprecision every temporary of an Eigen expression allocates and frees
/// its limbs; at 50 digits that costs more than the arithmetic. These kernels work in
/// place on the MPFR and GMP numbers of preallocated vectors. What each computes, and how
/// it rounds:
///
/// - **double**: Eigen's vectorized products for Ax, xᵀy, ‖x‖², y + αx (the results of
///   `A * x`, `x.dot(y)`, `x.squaredNorm()`, `y += alpha * x`). Aᵀx is one sequential
///   pass over A's columns (the memory-bandwidth limit of a step, bench_gd), each
///   column's dot product with x summed in a fixed order: sixteen partial sums, lane l
///   over the entries i ≡ l (mod 16), added in lane order, then the last m mod 16 terms
///   — the same bits on every machine. With AVX-512 (AVX2) four (two) columns far apart
///   are summed per pass, each load of x serving all of them; the operations per column,
///   and so the bits, are the same.
/// - **Mpfr**: every dot product, and every entry of Ax and Aᵀx, is *correctly rounded*:
///   the exact sum of the exact products, rounded once to nearest at the precision of
///   the result. The exact products of the significands (unrolled loops when every
///   factor has the same 1 to 8 limbs, a factor with zero low limbs — an integer —
///   multiplying as one limb; GMP's mpn_mul otherwise) are added into an integer
///   accumulator (carry-save) with a window of 64·(limbs + 2) bits below the largest product;
///   when the products truncated at its last bit leave the rounding undecided (a sum that
///   cancels far below its terms) the sum is redone with a wider window, and MPFR's own
///   `mpfr_dot` decides only past 2^20 bits. NaN and infinities follow IEEE (via
///   `mpfr_dot`). The result is therefore never further from the exact value than the
///   term-by-term sum it replaces (which rounds 2n times), and equals
///   `from_rational<Mpfr>` of the exact rational result bit for bit (tested). `axpy`
///   rounds each y_i + αx_i once (`mpfr_fma`).
/// - **Rational**: exact, as before, but without canonicalizing each intermediate: the
///   vectors are brought to a common denominator once, the sums are formed by integer
///   multiply-adds (`mpz_addmul`) and each result is reduced once.
/// - **Interval**: Eigen's products over MPFI (enclosures, unchanged).
///
/// Instantiated for double, Mpfr, Rational and Interval in kernels.cpp.
#pragma once

#include "descent/linalg.hpp"

namespace descent::kernels {

/// y = A x (y is resized to A.rows()). A.cols() must equal x.size().
template <class S>
void matvec(const Mat<S>& A, const Vec<S>& x, Vec<S>& y);

/// y = Aᵀ x (y is resized to A.cols()). A.rows() must equal x.size().
template <class S>
void matvec_transposed(const Mat<S>& A, const Vec<S>& x, Vec<S>& y);

/// xᵀy. The sizes must agree.
template <class S>
S dot(const Vec<S>& x, const Vec<S>& y);

/// ‖x‖² = xᵀx.
template <class S>
S squared_norm(const Vec<S>& x);

/// y ← y + αx. The sizes must agree.
template <class S>
void axpy(const S& alpha, const Vec<S>& x, Vec<S>& y);

/// \cond DESCENT_INTERNAL
// The specializations defined in kernels.cpp, declared before any use.
template <> void matvec<Mpfr>(const Mat<Mpfr>&, const Vec<Mpfr>&, Vec<Mpfr>&);
template <> void matvec_transposed<Mpfr>(const Mat<Mpfr>&, const Vec<Mpfr>&, Vec<Mpfr>&);
template <> Mpfr dot<Mpfr>(const Vec<Mpfr>&, const Vec<Mpfr>&);
template <> Mpfr squared_norm<Mpfr>(const Vec<Mpfr>&);
template <> void axpy<Mpfr>(const Mpfr&, const Vec<Mpfr>&, Vec<Mpfr>&);
template <> void matvec<Rational>(const Mat<Rational>&, const Vec<Rational>&, Vec<Rational>&);
template <> void matvec_transposed<Rational>(const Mat<Rational>&, const Vec<Rational>&, Vec<Rational>&);
template <> Rational dot<Rational>(const Vec<Rational>&, const Vec<Rational>&);
template <> Rational squared_norm<Rational>(const Vec<Rational>&);
template <> void axpy<Rational>(const Rational&, const Vec<Rational>&, Vec<Rational>&);
template <> void matvec_transposed<double>(const Mat<double>&, const Vec<double>&, Vec<double>&);

namespace detail {
// The instruction set of the double Aᵀx: the widest the processor has (AVX-512, AVX2, or
// the SSE2 of every x86-64), at most the limit, which tests lower to run each path; all
// give the same bits. Not thread-safe: for tests only.
enum class Simd { sse2 = 0, avx2 = 1, avx512 = 2 };
Simd simd_supported();
void limit_simd(Simd limit);
}  // namespace detail
/// \endcond

}  // namespace descent::kernels
