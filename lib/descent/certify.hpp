/// \file certify.hpp
/// \brief Computer-assisted proofs about critical points in interval arithmetic (lessons 16
/// and 17): that a box holds exactly one zero of ∇f (Krawczyk's test), and the signs of the
/// Hessian's eigenvalues over the whole box.
///
/// Krawczyk (1969), in the form of Moore, Kearfott & Cloud, *Introduction to Interval
/// Analysis* (2009), §8.2: for a box X with midpoint x̂, an interval enclosure H(X) of ∇²f over X
/// and any nonsingular real matrix C (here the inverse of H's midpoint),
/// K(X) = x̂ − C∇f(x̂) + (I − C·H(X))(X − x̂).
/// If K(X) lies in the interior of X, then ∇f has exactly one zero in X, and it lies in K(X).
///
/// Signs of eigenvalues: the leading principal minors of H(X), evaluated by Laplace expansion in
/// interval arithmetic, enclose those of every matrix in the box. If all are positive (their
/// lower bounds > 0), every symmetric matrix ∇²f(x), x ∈ X, is positive definite (Sylvester);
/// applied to H(X) − aI it certifies λ_min ≥ a. A direction d with sup dᵀH(X)d < 0 certifies a
/// negative eigenvalue at every point of X.
#pragma once

#include <vector>

#include "descent/linalg.hpp"
#include "descent/problems.hpp"

namespace descent {

/// The box c + [−r, r]ⁿ, enclosed outward.
Vec<Interval> interval_box(const Vec<Mpfr>& center, const Mpfr& radius);

/// What Krawczyk's test found.
struct KrawczykResult {
  Vec<Interval> box;        ///< X = x̂ + [−r, r]ⁿ
  Vec<Interval> image;      ///< K(X)
  Mat<Interval> hessian;    ///< H(X), an enclosure of ∇²f over X
  Interval reach;           ///< max_i |K(X)_i − x̂_i|: K(X) ⊂ int X when sup(reach) < r
  bool unique_zero = false;  ///< K(X) lies in the interior of X: one zero of ∇f in X, inside K(X)
};
/// Krawczyk's test for ∇f on the box center + [−radius, radius]ⁿ (radius > 0). The gradient and
/// Hessian come from `f` evaluated in interval arithmetic (for an Mlp: the backward pass and
/// forward-over-forward AD). Throws std::invalid_argument for a dimension mismatch or radius ≤ 0.
KrawczykResult krawczyk(const Problem<Interval>& f, const Vec<Mpfr>& center, const Mpfr& radius);

/// Enclosures of the leading principal minors det A[0..k, 0..k], k = 1 … n, by Laplace expansion
/// (n ≤ 8; throws std::invalid_argument beyond).
std::vector<Interval> leading_minors(const Mat<Interval>& A);
/// The smallest lower bound of the leading principal minors: > 0 certifies that every symmetric
/// matrix enclosed by A is positive definite.
Mpfr smallest_minor_lower_bound(const Mat<Interval>& A);
/// dᵀAd in interval arithmetic.
Interval quadratic_form(const Mat<Interval>& A, const Vec<Interval>& d);
/// A − aI.
Mat<Interval> shifted(const Mat<Interval>& A, const Mpfr& a);
/// The midpoint matrix of A, in Mpfr.
Mat<Mpfr> midpoint(const Mat<Interval>& A);

}  // namespace descent
