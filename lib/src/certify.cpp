// Krawczyk's test and certified signs of a Hessian's eigenvalues.
#include "descent/certify.hpp"

#include <stdexcept>

namespace descent {

Vec<Interval> interval_box(const Vec<Mpfr>& center, const Mpfr& radius) {
  Vec<Interval> X(center.size());
  const Interval spread(Mpfr(-radius), radius);
  for (int i = 0; i < center.size(); ++i) X(i) = Interval(center(i)) + spread;
  return X;
}

Mat<Mpfr> midpoint(const Mat<Interval>& A) {
  Mat<Mpfr> M(A.rows(), A.cols());
  for (int i = 0; i < A.rows(); ++i)
    for (int j = 0; j < A.cols(); ++j) M(i, j) = (Mpfr(lower(A(i, j))) + Mpfr(upper(A(i, j)))) / 2;
  return M;
}

KrawczykResult krawczyk(const Problem<Interval>& f, const Vec<Mpfr>& center, const Mpfr& radius) {
  const int n = f.dimension();
  if (center.size() != n) throw std::invalid_argument("krawczyk: center has the wrong dimension");
  if (!(radius > 0)) throw std::invalid_argument("krawczyk: radius must be > 0");
  KrawczykResult r;
  r.box = interval_box(center, radius);
  Vec<Interval> c(n);
  for (int i = 0; i < n; ++i) c(i) = Interval(center(i));
  const Vec<Interval> g = f.gradient(c);
  r.hessian = f.hessian(r.box);
  // C = (mid H)^-1 in Mpfr (any C is sound; a good one makes K small), then used as exact points
  const Mat<Mpfr> M = midpoint(r.hessian);
  Mat<Mpfr> Cm = Mat<Mpfr>::Identity(n, n);
  for (int j = 0; j < n; ++j) Cm.col(j) = solve<Mpfr>(M, Vec<Mpfr>(Mat<Mpfr>::Identity(n, n).col(j)));
  Mat<Interval> C(n, n);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) C(i, j) = Interval(Cm(i, j));
  r.image = Vec<Interval>(n);
  r.reach = Interval(0);
  bool inside = true;
  for (int i = 0; i < n; ++i) {
    Interval k = c(i);
    for (int j = 0; j < n; ++j) k -= C(i, j) * g(j);
    for (int j = 0; j < n; ++j) {
      Interval m = i == j ? Interval(1) : Interval(0);  // (I - C H(X))_ij
      for (int l = 0; l < n; ++l) m -= C(i, l) * r.hessian(l, j);
      k += m * (r.box(j) - c(j));
    }
    r.image(i) = k;
    const Interval d = k - c(i);
    const Interval a(Mpfr(0), Mpfr(upper(d)) > Mpfr(-lower(d)) ? Mpfr(upper(d)) : Mpfr(-lower(d)));
    if (upper(a) > upper(r.reach)) r.reach = Interval(Mpfr(0), Mpfr(upper(a)));
    inside = inside && lower(k) > lower(r.box(i)) && upper(k) < upper(r.box(i));
  }
  r.unique_zero = inside;
  return r;
}

namespace {
Interval determinant(const Mat<Interval>& A) {
  const int n = static_cast<int>(A.rows());
  if (n == 1) return A(0, 0);
  Interval det(0);
  for (int j = 0; j < n; ++j) {
    Mat<Interval> minor(n - 1, n - 1);
    for (int r = 1; r < n; ++r)
      for (int c = 0, cc = 0; c < n; ++c)
        if (c != j) minor(r - 1, cc++) = A(r, c);
    const Interval term = A(0, j) * determinant(minor);
    det = j % 2 == 0 ? Interval(det + term) : Interval(det - term);
  }
  return det;
}
}  // namespace

std::vector<Interval> leading_minors(const Mat<Interval>& A) {
  if (A.rows() != A.cols() || A.rows() > 8) throw std::invalid_argument("leading_minors: a square matrix of size <= 8");
  std::vector<Interval> m;
  for (int k = 1; k <= A.rows(); ++k) m.push_back(determinant(Mat<Interval>(A.topLeftCorner(k, k))));
  return m;
}

Mpfr smallest_minor_lower_bound(const Mat<Interval>& A) {
  const std::vector<Interval> m = leading_minors(A);
  Mpfr low = Mpfr(lower(m.front()));
  for (const Interval& v : m)
    if (Mpfr(lower(v)) < low) low = Mpfr(lower(v));
  return low;
}

Interval quadratic_form(const Mat<Interval>& A, const Vec<Interval>& d) {
  Interval s(0);
  for (int i = 0; i < A.rows(); ++i)
    for (int j = 0; j < A.cols(); ++j) s += d(i) * A(i, j) * d(j);
  return s;
}

Mat<Interval> shifted(const Mat<Interval>& A, const Mpfr& a) {
  Mat<Interval> B = A;
  for (int i = 0; i < A.rows(); ++i) B(i, i) -= Interval(a);
  return B;
}

}  // namespace descent
