// Heavy Eigen × multiprecision instantiations live here, once.
#include "descent/linalg.hpp"

#include <Eigen/Eigenvalues>
#include <Eigen/LU>
#include <Eigen/SVD>

#include <type_traits>

namespace descent {

template <class S>
std::vector<S> symmetric_eigenvalues(const Mat<S>& A) {
  Eigen::SelfAdjointEigenSolver<Mat<S>> solver(A, Eigen::EigenvaluesOnly);
  if (solver.info() != Eigen::Success) throw std::runtime_error("symmetric_eigenvalues: no convergence");
  const auto& ev = solver.eigenvalues();
  return std::vector<S>(ev.data(), ev.data() + ev.size());
}

template <class S>
SymmetricEigen<S> symmetric_eigen(const Mat<S>& A) {
  Eigen::SelfAdjointEigenSolver<Mat<S>> solver(A, Eigen::ComputeEigenvectors);
  if (solver.info() != Eigen::Success) throw std::runtime_error("symmetric_eigen: no convergence");
  const auto& ev = solver.eigenvalues();
  return {std::vector<S>(ev.data(), ev.data() + ev.size()), solver.eigenvectors()};
}

template <class S>
Mat<S> spd_sqrt(const Mat<S>& A, int half_power) {
  using std::sqrt;
  if (half_power != 1 && half_power != -1) throw std::invalid_argument("spd_sqrt: half_power must be +1 or -1");
  const SymmetricEigen<S> e = symmetric_eigen<S>(A);
  Mat<S> D = Mat<S>::Zero(A.rows(), A.cols());
  for (std::size_t i = 0; i < e.values.size(); ++i) {
    if (!(e.values[i] > 0))
      throw InputError("A: must be positive definite for A^(1/2) and A^(-1/2); eigenvalue " + std::to_string(i + 1) +
                       " is " + to_string<S>(e.values[i], 6));
    const S r = sqrt(e.values[i]);
    D(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(i)) = half_power > 0 ? r : S(1 / r);
  }
  return e.vectors * D * e.vectors.transpose();
}

template <class S>
std::vector<S> singular_values(const Mat<S>& M) {
  Eigen::JacobiSVD<Mat<S>> svd(M);
  const auto& sv = svd.singularValues();
  return std::vector<S>(sv.data(), sv.data() + sv.size());
}

namespace {
// Gaussian elimination with partial pivoting on Mpfr values, every operation in place
// (a *= b, a -= b into preallocated numbers), so that the elimination allocates no
// temporaries: Eigen's LU over Boost numbers without expression templates allocates one
// MPFR number per product, which dominated Newton's step at 50 digits (bench_quasi_newton).
Vec<Mpfr> gauss_solve_in_place(Mat<Mpfr> A, Vec<Mpfr> b) {
  const int n = static_cast<int>(A.rows());
  Mpfr m, t;
  for (int c = 0; c < n; ++c) {
    int p = c;
    for (int r = c + 1; r < n; ++r)
      if (mpfr_cmpabs(A(r, c).backend().data(), A(p, c).backend().data()) > 0) p = r;
    if (A(p, c) == 0) throw std::domain_error("solve: the matrix is singular");
    if (p != c) {
      A.row(p).swap(A.row(c));
      std::swap(b(p), b(c));
    }
    for (int r = c + 1; r < n; ++r) {
      if (A(r, c) == 0) continue;
      m = A(r, c);
      m /= A(c, c);
      for (int j = c + 1; j < n; ++j) {
        t = A(c, j);
        t *= m;
        A(r, j) -= t;
      }
      t = b(c);
      t *= m;
      b(r) -= t;
    }
  }
  for (int r = n - 1; r >= 0; --r) {
    for (int j = r + 1; j < n; ++j) {
      t = A(r, j);
      t *= b(j);
      b(r) -= t;
    }
    b(r) /= A(r, r);
  }
  return b;
}
}  // namespace

template <class S>
Vec<S> solve(const Mat<S>& A, const Vec<S>& b) {
  if (A.rows() != A.cols() || A.rows() != b.size()) throw std::invalid_argument("solve: shapes do not match");
  if constexpr (ScalarTraits<S>::exact) {
    // exact: full pivoting decides singularity without a threshold
    const Eigen::FullPivLU<Mat<S>> lu(A);
    if (!lu.isInvertible()) throw std::domain_error("solve: the matrix is singular");
    return lu.solve(b);
  } else if constexpr (std::is_same_v<S, Mpfr>) {
    return gauss_solve_in_place(A, b);
  } else {
    // floating: partial pivoting (a third of the comparisons); a zero pivot means singular
    const Eigen::PartialPivLU<Mat<S>> lu(A);
    for (int i = 0; i < A.rows(); ++i)
      if (lu.matrixLU()(i, i) == 0) throw std::domain_error("solve: the matrix is singular");
    return lu.solve(b);
  }
}

template <class S>
Mat<S> cayley_orthogonal(int n, const std::vector<S>& upper) {
  Mat<S> K = Mat<S>::Zero(n, n);
  std::size_t k = 0;
  for (int i = 0; i < n; ++i)
    for (int j = i + 1; j < n; ++j) {
      const S v = k < upper.size() ? upper[k] : S(0);
      ++k;
      K(i, j) = v;
      K(j, i) = -v;
    }
  const Mat<S> I = Mat<S>::Identity(n, n);
  // (I + K) is invertible for skew K (its eigenvalues are 1 + i·t).
  const Mat<S> inv = (I + K).fullPivLu().solve(I);
  return (I - K) * inv;
}

template <class S>
Mat<S> with_spectrum(const Mat<S>& Q, const std::vector<S>& lambda) {
  Mat<S> D = Mat<S>::Zero(Q.rows(), Q.cols());
  for (std::size_t i = 0; i < lambda.size(); ++i) D(i, i) = lambda[i];
  return Q * D * Q.transpose();
}

template <class S>
S asymmetry(const Mat<S>& A) {
  S worst = 0;
  for (int i = 0; i < A.rows(); ++i)
    for (int j = i + 1; j < A.cols(); ++j) {
      S d = A(i, j) - A(j, i);
      if (d < 0) d = -d;
      if (d > worst) worst = d;
    }
  return worst;
}

template std::vector<double> symmetric_eigenvalues<double>(const Mat<double>&);
template std::vector<Mpfr> symmetric_eigenvalues<Mpfr>(const Mat<Mpfr>&);
template SymmetricEigen<double> symmetric_eigen<double>(const Mat<double>&);
template SymmetricEigen<Mpfr> symmetric_eigen<Mpfr>(const Mat<Mpfr>&);
template Mat<double> spd_sqrt<double>(const Mat<double>&, int);
template Mat<Mpfr> spd_sqrt<Mpfr>(const Mat<Mpfr>&, int);
template std::vector<double> singular_values<double>(const Mat<double>&);
template std::vector<Mpfr> singular_values<Mpfr>(const Mat<Mpfr>&);
#define DESCENT_INSTANTIATE(S)                                               \
  template Mat<S> cayley_orthogonal<S>(int, const std::vector<S>&);          \
  template Mat<S> with_spectrum<S>(const Mat<S>&, const std::vector<S>&);    \
  template S asymmetry<S>(const Mat<S>&);                                    \
  template Vec<S> solve<S>(const Mat<S>&, const Vec<S>&);
DESCENT_INSTANTIATE(double)
DESCENT_INSTANTIATE(Mpfr)
DESCENT_INSTANTIATE(Rational)
#undef DESCENT_INSTANTIATE

}  // namespace descent
