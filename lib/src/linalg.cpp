// Heavy Eigen × multiprecision instantiations live here, once.
#include "descent/linalg.hpp"

#include <Eigen/Eigenvalues>
#include <Eigen/LU>

namespace descent {

template <class S>
std::vector<S> symmetric_eigenvalues(const Mat<S>& A) {
  Eigen::SelfAdjointEigenSolver<Mat<S>> solver(A, Eigen::EigenvaluesOnly);
  if (solver.info() != Eigen::Success) throw std::runtime_error("symmetric_eigenvalues: no convergence");
  const auto& ev = solver.eigenvalues();
  return std::vector<S>(ev.data(), ev.data() + ev.size());
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
#define DESCENT_INSTANTIATE(S)                                               \
  template Mat<S> cayley_orthogonal<S>(int, const std::vector<S>&);          \
  template Mat<S> with_spectrum<S>(const Mat<S>&, const std::vector<S>&);    \
  template S asymmetry<S>(const Mat<S>&);
DESCENT_INSTANTIATE(double)
DESCENT_INSTANTIATE(Mpfr)
DESCENT_INSTANTIATE(Rational)
#undef DESCENT_INSTANTIATE

}  // namespace descent
