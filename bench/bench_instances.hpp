// The instance shared by the benchmarks: a dense SPD quadratic of size n with spectrum
// 1 … 10, built reproducibly (no random state) once per size and scalar type.
#pragma once

#include <cmath>
#include <cstdint>
#include <map>
#include <memory>
#include <utility>
#include <vector>

#include "descent/linalg.hpp"
#include "descent/problems.hpp"

namespace descent::bench {

/// A reproducible value in [−1, 1] (a multiplicative hash; no random state).
inline double hashed_unit(std::uint64_t k) {
  const std::uint64_t h = (k + 1) * 0x9E3779B97F4A7C15ull;
  return static_cast<double>(h >> 11) / static_cast<double>(1ull << 52) - 1.0;
}

/// The dense SPD matrix of size n (spectrum 1 … 10), built once.
inline const Mat<double>& spd_matrix(int n) {
  static std::map<int, Mat<double>> cache;
  auto it = cache.find(n);
  if (it != cache.end()) return it->second;
  std::vector<double> upper(static_cast<std::size_t>(n) * (n - 1) / 2);
  const double scale = 1.0 / std::sqrt(static_cast<double>(n));
  for (std::size_t k = 0; k < upper.size(); ++k) upper[k] = scale * hashed_unit(k);
  std::vector<double> lambda(n);
  for (int i = 0; i < n; ++i) lambda[i] = n == 1 ? 1.0 : 1.0 + 9.0 * i / (n - 1);
  const Mat<double> Q = descent::cayley_orthogonal<double>(n, upper);
  Mat<double> A = descent::with_spectrum<double>(Q, lambda);
  const Mat<double> sym = (A + A.transpose()) / 2;  // exactly symmetric
  return cache.emplace(n, sym).first->second;
}

template <class S>
Vec<S> hashed_vector(int n, std::uint64_t salt) {
  Vec<S> v(n);
  for (int i = 0; i < n; ++i) v(i) = S(hashed_unit(salt * 1000003ull + static_cast<std::uint64_t>(i)));
  return v;
}

/// The quadratic of size n over S, built once per (S, n, digits): `digits` tells apart the
/// working precisions of Mpfr (the caller has set it).
template <class S>
const descent::Quadratic<S>& quadratic(int n, int digits = 0) {
  static std::map<std::pair<int, int>, std::unique_ptr<descent::Quadratic<S>>> cache;
  const std::pair<int, int> key{n, digits};
  auto it = cache.find(key);
  if (it == cache.end()) {
    Mat<S> A = spd_matrix(n).template cast<S>();
    it = cache.emplace(key, std::make_unique<descent::Quadratic<S>>(std::move(A), hashed_vector<S>(n, 1), S(0)))
             .first;
  }
  return *it->second;
}

}  // namespace descent::bench
