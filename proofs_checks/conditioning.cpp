// Claims of lesson 04: eigendecomposition and SVD, the contraction of GD on quadratics,
// the optimal fixed step, iterations against the condition number, contours.
#include "conditioning.hpp"

#include "instance_text.hpp"

#include <boost/multiprecision/number.hpp>
#include <cmath>

namespace descent::claims::conditioning {

namespace {
using Q = Rational;
using descent::abs_value;
using detail::matrix_text;
using detail::max_abs;
using detail::spectrum_text;
using detail::vec_text;
Q qpow(const Q& x, int k) {
  Q r = 1;
  for (int i = 0; i < k; ++i) r *= x;
  return r;
}
// ‖x_t‖² of exact GD on ½xᵀAx, t = 0 … steps.
std::vector<Q> gd_norms2(const Mat<Q>& A, const Vec<Q>& x0, const Q& eta, int steps) {
  std::vector<Q> out;
  Vec<Q> x = x0;
  for (int t = 0; t <= steps; ++t) {
    out.push_back(x.squaredNorm());
    x = x - eta * (A * x);
  }
  return out;
}
Q min_of(const std::vector<Q>& v) {
  Q m = v[0];
  for (const auto& x : v) m = std::min(m, x);
  return m;
}
Q max_of(const std::vector<Q>& v) {
  Q m = v[0];
  for (const auto& x : v) m = std::max(m, x);
  return m;
}

// f(x_t) = ½ x_tᵀ A x_t along exact GD, t = 0 … steps.
std::vector<Q> gd_values(const Mat<Q>& A, const Vec<Q>& x0, const Q& eta, int steps) {
  std::vector<Q> out;
  Vec<Q> x = x0;
  for (int t = 0; t <= steps; ++t) {
    out.push_back(x.dot(A * x) / 2);
    x = x - eta * (A * x);
  }
  return out;
}

constexpr std::string_view seed002 = "002_bafcec58fd3199bc.txt";
constexpr std::string_view seed004 = "004_25125f890ff02a00.txt";
const Erratum seed004_unitary{seed004, 142,
                              "- $U \\in \\mathbb{R}^{N \\times M}$  is unitary;  $V \\in \\mathbb{R}^{M \\times M}$  is unitary.",
                              "U in R^{NxM} has orthonormal columns (U^T U = I_M) but is not unitary when N > M (U U^T != I_N); "
                              "V is orthogonal"};
const Erratum seed002_small{seed002, 870, " - The \u201c" "condition\u201d number is small",
                            "the condition number max eta_opt / min eta_opt is large when convergence is slow (it must be "
                            "close to 1 for fast convergence, as the notes say at line 726)"};
const Erratum seed002_diameters{seed002, 1046,
                                " - The major axes of the ellipsoids are the *Eigenvectors* of \\mathbf{A} , and their "
                                "diameters are proportional to the Eigen values of \\mathbf{A}",
                                "the axes are along the eigenvectors, but the diameters are proportional to 1/sqrt(lambda_i) "
                                "(semi-axis sqrt(2c/lambda_i) on 1/2 w^T A w = c)"};
const Erratum seed002_cross{seed002, 1042,
                            "$$\\begin{aligned} E = & \\frac{1}{2} \\sum_i a_{ii} w_i^2 + \\sum_{i \\neq j} a_{ij} w_i w_j "
                            "\\\\ & + \\sum_i b_i w_i + c \\end{aligned}$$",
                            "1/2 sum_i a_ii w_i^2 + sum_{i<j} a_ij w_i w_j (= 1/2 sum_{i != j}) + sum_i b_i w_i + c"};
}  // namespace

Verdict eigen_reconstruction(const Mat<Mpfr>& B) {
  const SymmetricEigen<Mpfr> e = symmetric_eigen<Mpfr>(B);
  const int n = static_cast<int>(B.rows());
  Mat<Mpfr> L = Mat<Mpfr>::Zero(n, n);
  for (int i = 0; i < n; ++i) L(i, i) = e.values[static_cast<std::size_t>(i)];
  const Mpfr residual = max_abs<Mpfr>(Mat<Mpfr>(B - e.vectors * L * e.vectors.transpose())) +
                        max_abs<Mpfr>(Mat<Mpfr>(e.vectors.transpose() * e.vectors - Mat<Mpfr>::Identity(n, n)));
  return compare<Mpfr>("eigendecomposition_svd",
                       "B = E Lambda E^T with E^T E = I: largest entry of B - E Lambda E^T plus that of E^T E - I",
                       Kind::holds, residual, Relation::le, Mpfr(0), Mpfr(n * n) * (1 + max_abs<Mpfr>(B)),
                       std::to_string(n) + "x" + std::to_string(n) + " symmetric B, eigenvalues " +
                           shown<Mpfr>(e.values.front()) + " ... " + shown<Mpfr>(e.values.back()));
}

Verdict svd_kappa_equals_eigen_kappa(const Mat<Mpfr>& B, const Expect& kind) {
  using std::abs;
  const std::vector<Mpfr> sv = singular_values<Mpfr>(B);
  const Mpfr kappa_sigma = sv.front() / sv.back();
  // eigenvalues of a general 2x2 or symmetric matrix: symmetric ones by the solver, a
  // non-symmetric 2x2 by its characteristic polynomial (real roots only)
  Mpfr lo, hi;
  const bool symmetric = asymmetry<Mpfr>(B) <= tolerance_ulps * epsilon<Mpfr>() * max_abs<Mpfr>(B);
  if (symmetric) {
    const auto ev = symmetric_eigenvalues<Mpfr>(B);
    lo = hi = abs(ev.front());
    for (const auto& e : ev) lo = std::min(lo, Mpfr(abs(e))), hi = std::max(hi, Mpfr(abs(e)));
  } else {
    if (B.rows() != 2) throw std::invalid_argument("svd_kappa_equals_eigen_kappa: non-symmetric B must be 2x2");
    const Mpfr tr = B(0, 0) + B(1, 1), det = B(0, 0) * B(1, 1) - B(0, 1) * B(1, 0);
    const Mpfr disc = tr * tr / 4 - det;
    if (disc < 0) throw std::invalid_argument("svd_kappa_equals_eigen_kappa: complex eigenvalues");
    const Mpfr r = sqrt(disc);
    lo = abs(Mpfr(tr / 2 - r));
    hi = abs(Mpfr(tr / 2 + r));
    if (lo > hi) std::swap(lo, hi);
  }
  const Mpfr kappa_lambda = hi / lo;
  std::vector<Mpfr> ev;
  if (symmetric) ev = symmetric_eigenvalues<Mpfr>(B);
  const bool indefinite = symmetric && ev.front() < 0 && ev.back() > 0;
  Verdict v = compare<Mpfr>("eigendecomposition_svd",
                            "condition number from the singular values (sigma_max/sigma_min) vs from the eigenvalues "
                            "(|lambda|_max/|lambda|_min)",
                            kind, kappa_sigma, Relation::eq, kappa_lambda, Mpfr(16) * (kappa_sigma + kappa_lambda),
                            !symmetric ? "B = [[1, 1], [0, 1]], not symmetric"
                                       : (indefinite ? "symmetric indefinite B, eigenvalues " + shown<Mpfr>(ev.front(), 6) +
                                                           " and " + shown<Mpfr>(ev.back(), 6)
                                                     : std::string("symmetric positive definite B")));
  // For a symmetric indefinite B the signed ratio lambda_max/lambda_min is not kappa.
  if (indefinite && kind.kind == Kind::holds)
    rule_out<Mpfr>(v, "signed_eigenvalue_ratio", kappa_sigma, Relation::eq, Mpfr(ev.back() / ev.front()),
                   Mpfr(16) * (kappa_sigma + kappa_lambda));
  return v;
}

Verdict seed_thin_u_unitary() {
  Mat<Q> B(2, 1), U(2, 1), Sigma(1, 1), V(1, 1);
  B << 3, 4;
  U << Q(3, 5), Q(4, 5);
  Sigma << 5;
  V << 1;
  if (U * Sigma * V.transpose() != B || (U.transpose() * U)(0, 0) != 1)
    throw std::logic_error("seed_thin_u_unitary: not a thin SVD with orthonormal columns");
  const Mat<Q> D = U * U.transpose() - Mat<Q>::Identity(2, 2);
  const Q off = D.squaredNorm();
  return compare<Q>("eigendecomposition_svd",
                    "seed 004: U in R^{N x M} of B = U Sigma V^t is unitary; ||U U^T - I||_F^2 for N = 2, M = 1",
                    Expect::refutes(seed004_unitary), off, Relation::eq, Q(0), Q(0),
                    "B = [3; 4] = U Sigma V^T with U = [3/5; 4/5], Sigma = [5], V = [1]: U^T U = 1 but U U^T = "
                    "[[9/25, 12/25], [12/25, 16/25]]");
}

Verdict rayleigh_floor(const Mat<Q>& Qm, const std::vector<Q>& lambda, const Expect& kind) {
  const Mat<Q> B = with_spectrum<Q>(Qm, lambda);
  const int n = static_cast<int>(B.rows());
  const Q lmin = *std::min_element(lambda.begin(), lambda.end());
  if (kind.kind == Kind::tight) {
    const int i = static_cast<int>(std::min_element(lambda.begin(), lambda.end()) - lambda.begin());
    const Vec<Q> v = Qm.col(i);
    const Q quotient = v.dot(B * v) / v.squaredNorm();
    Verdict r = compare<Q>("eigendecomposition_svd",
                           "the Rayleigh quotient x^T B x / x^T x reaches lambda_min at its eigenvector" +
                               std::string(lmin == 0 ? " (B semidefinite: x^T B x = 0 there)" : ""),
                           kind, quotient, Relation::eq, lmin, Q(0),
                           "B = " + matrix_text(Qm, lambda) + "; the eigenvector is a column of Q");
    return rule_out<Q>(r, "rayleigh_floor_raised", quotient, Relation::ge, Q(lmin + Q(1, 4)), Q(0));
  }
  // 200 sample directions with small integer entries, reproducible
  Q worst = -1;
  Vec<Q> at;
  for (int k = 0; k < 200; ++k) {
    Vec<Q> x(n);
    for (int j = 0; j < n; ++j) x(j) = Q(((k + 1) * (j + 3) * 7919 + 13 * j) % 17 - 8);
    if (x.isZero(0)) continue;
    const Q r = x.dot(B * x) / x.squaredNorm();
    if (worst < 0 || r < worst) worst = r, at = x;
  }
  return compare<Q>("eigendecomposition_svd",
                    "seed 004's definiteness: x^T B x / x^T x >= lambda_min over 200 sample x, so x^T B x > 0 (B "
                    "positive definite) exactly when lambda_min > 0",
                    kind, worst, Relation::ge, lmin, Q(0),
                    "B = " + matrix_text(Qm, lambda) + "; the smallest quotient at x = " + vec_text(at));
}

Verdict definite_without_real_eigenvalues(const Q& s) {
  Mat<Q> B(2, 2);
  B << 1, s, -s, 1;
  const Vec<Q> x = (Vec<Q>(2) << 2, -3).finished();
  if (x.dot(B * x) != x.squaredNorm()) throw std::logic_error("definite_without_real_eigenvalues: x^T B x != ||x||^2");
  const Q tr = B.trace(), det = B(0, 0) * B(1, 1) - B(0, 1) * B(1, 0);
  return compare<Q>("eigendecomposition_svd",
                    "B positive definite by x^T B x > 0 for all x != 0; are its eigenvalues real, (tr B/2)^2 - det B >= 0 ?",
                    Expect::counterexample("symmetric"), Q(tr * tr / 4 - det), Relation::ge, Q(0), Q(0),
                    "B = [[1, " + shown<Q>(s) + "], [" + shown<Q>(Q(-s)) + ", 1]]: x^T B x = ||x||^2 for every x (the "
                    "skew part cancels), eigenvalues 1 +- " + shown<Q>(s) + " i");
}

Verdict contraction(const Mat<Q>& Qm, const std::vector<Q>& lambda, const Vec<Q>& x0, const Q& eta, int steps,
                    const Expect& kind) {
  const Mat<Q> A = with_spectrum<Q>(Qm, lambda);
  const Q lmin = min_of(lambda), lmax = max_of(lambda);
  const auto n2 = gd_norms2(A, x0, eta, steps);
  const Q factor = (1 - eta * lmin) * (1 - eta * lmin);
  int pick = 0;
  Q best;
  for (int t = 0; t <= steps; ++t) {
    const Q gap = qpow(factor, t) * n2[0] - n2[static_cast<std::size_t>(t)];
    if (kind.kind == Kind::tight) {
      const Q d = abs_value(gap);
      if (t == 0 || d >= best) best = d, pick = t;  // ties: the last step, where the most was multiplied
    } else if (t == 1 || (t > 1 && gap < best)) {
      best = gap;
      pick = t;
    }
  }
  if (kind.kind != Kind::tight && steps < 1) throw std::invalid_argument("contraction: needs steps >= 1");
  const auto tt = static_cast<std::size_t>(pick);
  Verdict v = compare<Q>("gd_quadratic_contraction",
                    "||x_t||^2 <= (1 - eta lambda_min)^(2t) ||x_0||^2, at the step t with the " +
                        std::string(kind.kind == Kind::tight ? "largest difference" : "smallest margin") + " (t = " +
                        std::to_string(pick) + ")",
                    kind, n2[tt], kind.kind == Kind::tight ? Relation::eq : Relation::le, qpow(factor, pick) * n2[0], Q(0),
                    "A = " + matrix_text(Qm, lambda) + ", eta = " + shown<Q>(eta) + " (1/lambda_max = " +
                        shown<Q>(1 / lmax) + "), x_0 = " + vec_text(x0) + ", " + std::to_string(steps) + " steps");
  // From the lambda_min eigenvector the rate of lambda_max is too fast.
  if (kind.kind == Kind::tight && pick >= 1 && lmax > lmin)
    rule_out<Q>(v, "lambda_max_rate", n2[tt], Relation::le, Q(qpow((1 - eta * lmax) * (1 - eta * lmax), pick) * n2[0]), Q(0));
  return v;
}

Verdict optimal_step_attained(const Mat<Q>& Qm, const std::vector<Q>& lambda, int index, int steps) {
  const Mat<Q> A = with_spectrum<Q>(Qm, lambda);
  const Q mu = min_of(lambda), L = max_of(lambda), kappa = L / mu;
  const Q eta = 2 / (L + mu);
  const Vec<Q> e0 = Qm.col(index);
  const auto n2 = gd_norms2(A, e0, eta, steps);
  const Q rate = (kappa - 1) / (kappa + 1);
  return compare<Q>("gd_optimal_fixed_step",
                    "eta = 2/(L + mu), start on the eigenvector of lambda = " + shown<Q>(lambda[static_cast<std::size_t>(index)]) +
                        ": ||e_T||^2 = ((kappa - 1)/(kappa + 1))^(2T) ||e_0||^2",
                    Kind::tight, n2.back(), Relation::eq, qpow(rate * rate, steps) * n2[0], Q(0),
                    "A = " + matrix_text(Qm, lambda) + ", kappa = " + shown<Q>(kappa) + ", rate " + shown<Q>(rate) +
                        ", T = " + std::to_string(steps));
}

Verdict no_fixed_step_better(const std::vector<Q>& lambda, int grid) {
  // r(η) = max_i |1 − ηλ_i| is convex and piecewise linear in η, with kinks only where
  // 1 − ηλ_i = 0 (η = 1/λ_i) or 1 − ηλ_i = −(1 − ηλ_j) (η = 2/(λ_i + λ_j)); on η > 0 its
  // minimum is at one of them (it grows as η → 0 toward 1 and beyond the last kink). So
  // the exact minimum over every η > 0 is the least r over that finite set (plus a grid
  // for the reader), with no reference to the claimed step 2/(L + μ).
  const Q mu = min_of(lambda), L = max_of(lambda), kappa = L / mu;
  auto r = [&](const Q& eta) {
    Q worst = 0;
    for (const auto& l : lambda) worst = std::max(worst, abs_value(Q(1 - eta * l)));
    return worst;
  };
  std::vector<Q> candidates;
  for (const auto& li : lambda) {
    candidates.push_back(1 / li);
    for (const auto& lj : lambda) candidates.push_back(2 / (li + lj));
  }
  for (int j = 1; j <= grid; ++j) candidates.push_back(Q(j) * 2 / (L * (grid + 1)));
  Q best = -1, best_eta = 0;
  for (const auto& eta : candidates)
    if (best < 0 || r(eta) < best) best = r(eta), best_eta = eta;
  const Q rate = (kappa - 1) / (kappa + 1);
  Verdict v = compare<Q>("gd_optimal_fixed_step",
                         "no fixed step does better: the exact minimum over eta > 0 of max_i |1 - eta lambda_i| (at its "
                         "kinks) equals (kappa - 1)/(kappa + 1)",
                         Kind::tight, best, Relation::eq, rate, Q(0),
                         "spectrum " + spectrum_text(lambda) + "; the minimizing kink is eta = " + shown<Q>(best_eta) +
                             " (2/(L + mu) = " + shown<Q>(2 / (L + mu)) + "), " + std::to_string(candidates.size()) +
                             " candidates (kinks and a grid of " + std::to_string(grid) + ")");
  rule_out<Q>(v, "rate_squared", best, Relation::eq, Q(rate * rate), Q(0));
  rule_out<Q>(v, "step_one_over_L", best, Relation::eq, Q((kappa - 1) / kappa), Q(0));
  // (sqrt kappa - 1)/(sqrt kappa + 1), exactly when kappa is the square of a rational
  const auto sn = boost::multiprecision::sqrt(numerator(kappa)), sd = boost::multiprecision::sqrt(denominator(kappa));
  if (sn * sn == numerator(kappa) && sd * sd == denominator(kappa)) {
    const Q root(sn, sd);
    rule_out<Q>(v, "momentum_rate", best, Relation::eq, Q((root - 1) / (root + 1)), Q(0));
  }
  return v;
}

Verdict optimal_step_wrong_L(const std::vector<Q>& lambda, const Q& L_used, int steps) {
  const Q mu = min_of(lambda), L = max_of(lambda);
  const Q kappa_used = L_used / mu, rate = (kappa_used - 1) / (kappa_used + 1);
  const Q eta = 2 / (L_used + mu);
  const int n = static_cast<int>(lambda.size());
  Mat<Q> A = Mat<Q>::Zero(n, n);
  int top = 0;
  for (int i = 0; i < n; ++i) {
    A(i, i) = lambda[static_cast<std::size_t>(i)];
    if (lambda[static_cast<std::size_t>(i)] == L) top = i;
  }
  Vec<Q> e0 = Vec<Q>::Zero(n);
  e0(top) = 1;
  const auto n2 = gd_norms2(A, e0, eta, steps);
  return compare<Q>("gd_optimal_fixed_step",
                    "eta = 2/(L' + mu) with L' = " + shown<Q>(L_used) + " below lambda_max = " + shown<Q>(L) +
                        ": ||e_T||^2 <= ((kappa' - 1)/(kappa' + 1))^(2T) ||e_0||^2 ?",
                    Expect::counterexample("extreme_eigenvalues"), n2.back(), Relation::le, qpow(rate * rate, steps) * n2[0],
                    Q(0),
                    "A = diag" + spectrum_text(lambda) + ", start on the top eigenvector: factor |1 - eta lambda_max| = " +
                        shown<Q>(abs_value(Q(1 - eta * L))) + " per step, T = " + std::to_string(steps));
}

long long iterations_to_eps(const Q& kappa, const Mpfr& eps, bool relative, const Mpfr& scale) {
  return iterations_to_eps(kappa, eps, relative, scale, Mpfr(1) / 10);
}

long long iterations_to_eps(const Q& kappa, const Mpfr& eps, bool relative, const Mpfr& scale, const Mpfr& fast_weight) {
  // A = R diag(1, kappa) R^T with an exactly orthogonal R; eta = 1/kappa.
  const Mat<Mpfr> R = cayley_orthogonal<Mpfr>(2, {Mpfr(1) / 3});
  const Mpfr k = from_rational<Mpfr>(kappa);
  const Mat<Mpfr> A = with_spectrum<Mpfr>(R, {Mpfr(1), k});
  const Mpfr eta = 1 / k;
  Vec<Mpfr> x = scale * (R.col(0) + fast_weight * R.col(1));
  const Mpfr target = relative ? Mpfr(eps * eps * x.squaredNorm()) : Mpfr(eps * eps);
  for (long long t = 0; t < 50'000'000; ++t) {
    if (x.squaredNorm() <= target) return t;
    x -= eta * (A * x);
  }
  throw std::runtime_error("iterations_to_eps: no convergence");
}

Verdict iterations_bound(const Q& kappa, const Mpfr& eps, const Mpfr& scale, const Expect& kind) {
  using std::ceil;
  using std::log;
  const bool relative = kind.kind != Kind::counterexample;
  const long long count = iterations_to_eps(kappa, eps, relative, scale);
  const Mpfr bound = ceil(Mpfr(from_rational<Mpfr>(kappa) * log(1 / eps)));
  Verdict v = compare<Mpfr>("gd_iterations_condition_number",
                       std::string("number of GD steps (eta = 1/lambda_max) to reach ||x_t|| <= eps") +
                           (relative ? " ||x_0||" : " (eps absolute)") + ", against ceil(kappa ln(1/eps))",
                       kind, Mpfr(count), Relation::le, bound, Mpfr(0),
                       "A = R diag(1, " + shown<Q>(kappa) + ") R^T, eps = " + shown<Mpfr>(eps, 3) + ", ||x_0|| = " +
                           shown<Mpfr>(Mpfr(scale * sqrt(Mpfr(101) / 100)), 6) + (relative ? "" : " (eps absolute)"));
  // momentum's sqrt(kappa) count is far too few for GD (from kappa = 4 on; at kappa near 1
  // both counts are a handful of steps)
  if (relative && kind.kind == Kind::holds && kappa >= 4)
    rule_out<Mpfr>(v, "sqrt_kappa_steps", Mpfr(count), Relation::le,
                   Mpfr(ceil(Mpfr(sqrt(from_rational<Mpfr>(kappa)) * log(1 / eps)))), Mpfr(0));
  return v;
}

Verdict iterations_attained(const Q& kappa, const Mpfr& eps, const Mpfr& delta) {
  using std::log;
  const long long count = iterations_to_eps(kappa, eps, true, Mpfr(1), Mpfr(0));
  const Mpfr bound = from_rational<Mpfr>(kappa) * log(1 / eps);
  return approaches<Mpfr>("gd_iterations_condition_number",
                          "kappa ln(1/eps) is attained as kappa grows: measured steps / (kappa ln(1/eps))",
                          Mpfr(Mpfr(count) / bound), delta,
                          "kappa = " + shown<Q>(kappa) + ", eps = " + shown<Mpfr>(eps, 3) + ": " + std::to_string(count) +
                              " steps against kappa ln(1/eps) = " + shown<Mpfr>(bound, 8) +
                              " (the start is on the slow eigenvector; the ratio is about 1 - 1/(2 kappa))");
}

Verdict seed_condition_number_small(const Q& kappa_a, const Q& kappa_b, const Mpfr& eps) {
  const long long na = iterations_to_eps(kappa_a, eps, true, Mpfr(1));
  const long long nb = iterations_to_eps(kappa_b, eps, true, Mpfr(1));
  const bool a_slow = na > nb;
  const Q slow = a_slow ? kappa_a : kappa_b, fast = a_slow ? kappa_b : kappa_a;
  // the notes: when convergence is slow, the condition number is small (smaller than for the fast one)
  return compare<Q>("gd_iterations_condition_number",
                    "seed 002: slow convergence when max eta_opt / min eta_opt is large, i.e. the condition number is "
                    "small; kappa of the slower problem <= kappa of the faster?",
                    Expect::refutes(seed002_small), slow, Relation::le, fast, Q(0),
                    "GD with eta = 1/lambda_max to eps = " + shown<Mpfr>(eps, 3) + ": kappa = " + shown<Q>(kappa_a) +
                        " takes " + std::to_string(na) + " steps, kappa = " + shown<Q>(kappa_b) + " takes " +
                        std::to_string(nb) + "; kappa = max eta_opt / min eta_opt");
}

namespace {
// q(θ) = u(θ)ᵀ A u(θ), u(θ) = (cos θ, sin θ): the contour ½xᵀAx = ½ lies at radius 1/√q(θ).
Mpfr direction_curvature(const Mat<Mpfr>& A, const Mpfr& theta) {
  using std::cos;
  using std::sin;
  const Mpfr c = cos(theta), s = sin(theta);
  return A(0, 0) * c * c + 2 * A(0, 1) * c * s + A(1, 1) * s * s;
}
// The smallest (sign = 1) or largest (sign = −1) q(θ) over θ ∈ [0, π): a scan of 720 angles,
// then golden section around the best one down to a bracket of √ε (q is flat there, so its
// value is found to a few ε).
Mpfr extreme_curvature(const Mat<Mpfr>& A, int sign) {
  using std::sqrt;
  using std::acos;
  const Mpfr pi = acos(Mpfr(-1)), h = pi / 720;
  int best = 0;
  Mpfr best_q = sign * direction_curvature(A, Mpfr(0));
  for (int i = 1; i < 720; ++i) {
    const Mpfr q = sign * direction_curvature(A, Mpfr(i * h));
    if (q < best_q) best_q = q, best = i;
  }
  Mpfr a = (best - 1) * h, b = (best + 1) * h;
  const Mpfr r = (3 - sqrt(Mpfr(5))) / 2;
  Mpfr u = a + r * (b - a), v = b - r * (b - a);
  Mpfr fu = sign * direction_curvature(A, u), fv = sign * direction_curvature(A, v);
  while (b - a > sqrt(epsilon<Mpfr>())) {
    if (fu < fv) {
      b = v, v = u, fv = fu, u = a + r * (b - a), fu = sign * direction_curvature(A, u);
    } else {
      a = u, u = v, fu = fv, v = b - r * (b - a), fv = sign * direction_curvature(A, v);
    }
  }
  return sign * (fu < fv ? fu : fv);
}
}  // namespace

Verdict contour_diameters(const Mat<Mpfr>& A, bool seed_form) {
  using std::sqrt;
  // measured: the longest and shortest diameters of the ellipse ½xᵀAx = ½, 2/√q_min and 2/√q_max
  const Mpfr q_min = extreme_curvature(A, 1), q_max = extreme_curvature(A, -1);
  const Mpfr measured = sqrt(Mpfr(q_max / q_min));  // longest / shortest diameter
  const std::vector<Mpfr> ev = symmetric_eigenvalues<Mpfr>(A);
  const std::string inst = "rotated 2x2 A with eigenvalues " + shown<Mpfr>(ev.front(), 6) + " and " + shown<Mpfr>(ev.back(), 6) +
                           " (from the eigen-solver); the diameters measured on the contour 1/2 x^T A x = 1/2 by a scan "
                           "of 720 directions refined by golden section: " +
                           shown<Mpfr>(Mpfr(2 / sqrt(q_min)), 8) + " and " + shown<Mpfr>(Mpfr(2 / sqrt(q_max)), 8);
  if (seed_form)
    return compare<Mpfr>("quadratic_contours",
                         "seed 002: diameters proportional to the eigenvalues: longest/shortest diameter = "
                         "lambda_max/lambda_min ?",
                         Expect::refutes(seed002_diameters), measured, Relation::eq, Mpfr(ev.back() / ev.front()), measured,
                         inst);
  Verdict v = compare<Mpfr>("quadratic_contours",
                            "diameters proportional to 1/sqrt(lambda_i): longest/shortest diameter = sqrt(lambda_max/lambda_min)",
                            Kind::holds, measured, Relation::eq, Mpfr(sqrt(Mpfr(ev.back() / ev.front()))), Mpfr(4) * measured,
                            inst);
  return rule_out<Mpfr>(v, "diameters_inverse_lambda", measured, Relation::eq, Mpfr(ev.back() / ev.front()), Mpfr(4) * measured);
}

Verdict expansion_cross_terms(const Mat<Q>& A, const Vec<Q>& w, bool seed_form) {
  const Q lhs = w.dot(A * w) / 2;
  Q diag = 0, cross = 0;
  for (int i = 0; i < A.rows(); ++i) {
    diag += A(i, i) * w(i) * w(i) / 2;
    for (int j = 0; j < A.cols(); ++j)
      if (seed_form ? i != j : i < j) cross += A(i, j) * w(i) * w(j);
  }
  Verdict v = compare<Q>("quadratic_contours",
                         seed_form ? "seed 002: 1/2 w^T A w = 1/2 sum_i a_ii w_i^2 + sum_{i != j} a_ij w_i w_j"
                                   : "1/2 w^T A w = 1/2 sum_i a_ii w_i^2 + sum_{i < j} a_ij w_i w_j",
                         seed_form ? Expect::refutes(seed002_cross) : Expect(Kind::holds), lhs, Relation::eq, diag + cross, Q(0),
                         "A = [[" + shown<Q>(A(0, 0)) + ", " + shown<Q>(A(0, 1)) + "], [" + shown<Q>(A(1, 0)) + ", " +
                             shown<Q>(A(1, 1)) + "]]" + (A.rows() > 2 ? " ..." : "") + ", w = " + vec_text(w));
  if (!seed_form) {
    Q as_square = diag;  // w_i^2 in place of w_i w_j
    for (int i = 0; i < A.rows(); ++i)
      for (int j = i + 1; j < A.cols(); ++j) as_square += A(i, j) * w(i) * w(i);
    rule_out<Q>(v, "cross_as_square", lhs, Relation::eq, as_square, Q(0));
  }
  return v;
}

Verdict rotation_keeps_rates(const Mat<Q>& M, const std::vector<Q>& lambda, const Vec<Q>& x0, const Q& eta, int steps,
                             const Expect& kind) {
  const int n = static_cast<int>(lambda.size());
  Mat<Q> L = Mat<Q>::Zero(n, n);
  for (int i = 0; i < n; ++i) L(i, i) = lambda[static_cast<std::size_t>(i)];
  // coordinates y = M x: g(y) = f(M^{-1} y) has Hessian M^{-T} Lambda M^{-1}
  Mat<Q> Minv;
  const bool orthogonal = M.transpose() * M == Mat<Q>::Identity(n, n);
  if (orthogonal) {
    Minv = M.transpose();
  } else {
    if (!M.isDiagonal(0)) throw std::invalid_argument("rotation_keeps_rates: M must be orthogonal or diagonal");
    Minv = Mat<Q>::Zero(n, n);
    for (int i = 0; i < n; ++i) Minv(i, i) = 1 / M(i, i);
  }
  const Mat<Q> Ay = Minv.transpose() * L * Minv;
  const auto fx = gd_values(L, x0, eta, steps);
  const auto gy = gd_values(Ay, Vec<Q>(M * x0), eta, steps);
  return compare<Q>("quadratic_contours",
                    orthogonal ? "GD on Q Lambda Q^T from Q x_0 and on Lambda from x_0: equal f(x_T) (f(x_0) equal by construction)"
                               : "GD after the non-orthogonal change y = D x: equal f(x_T) (f(x_0) equal by construction) ?",
                    kind, gy.back(), Relation::eq, fx.back(), Q(0),
                    "Lambda = diag" + spectrum_text(lambda) + ", eta = " + shown<Q>(eta) + ", x_0 = " + vec_text(x0) +
                        ", T = " + std::to_string(steps) +
                        (orthogonal ? "" : ", D = diag(" + shown<Q>(M(0, 0)) + ", " + shown<Q>(M(1, 1)) + ")"));
}

}  // namespace descent::claims::conditioning

// ---- the claims of lesson 04_condition_number that this file checks: their entries in the claim index
// (claim.hpp), registered here beside their checks (registry.cpp collects every file's)
namespace descent::claims {
std::vector<ClaimInfo> claims_of_conditioning() {
  return {
      {"eigendecomposition_svd", "04_condition_number",
       R"(B=U\Sigma U^\top\ (B=B^\top\in\mathbb{R}^{N\times N},\ U \text{ orthogonal},\ \Sigma=\mathrm{diag}(\sigma_0,\dots,\sigma_{N-1}));\ B=U\Sigma V^\top \text{ (SVD)};\ \kappa=\sigma_{\max}/\sigma_{\min}=|\lambda|_{\max}/|\lambda|_{\min}\ (=\lambda_{\max}/\lambda_{\min} \text{ for } B\succ0);\ x^\top Bx>0\ \forall x\ne0 \iff \lambda_{\min}>0)",
       {{"symmetric", R"(B=B^\top \text{ (for the eigendecomposition, } \sigma_i=|\lambda_i| \text{ and definiteness read from the eigenvalues)})"}},
       "seed 004 (SVD, eigendecomposition, condition number slides); erratum: U in R^{NxM} called unitary",
       {{"signed_eigenvalue_ratio", R"(\kappa=\sigma_{\max}/\sigma_{\min}=\lambda_{\max}/\lambda_{\min} \text{ for every symmetric } B)"},
        {"rayleigh_floor_raised", R"(x^\top Bx/x^\top x\ge\lambda_{\min}+\tfrac14 \text{ for every } x\ne0)"}}},
      {"gd_quadratic_contraction", "04_condition_number",
       R"(\|x_t\|_2\le(1-\eta\lambda_{\min})^t\|x_0\|_2 \text{ for GD on } \tfrac12x^\top Ax)",
       {{"spd", R"(A \text{ symmetric positive definite})"},
        {"step_below", R"(\eta\le1/\lambda_{\max})"}},
       "seed 003 (GD on quadratics, theorem and proof)",
       {{"lambda_max_rate", R"(\|x_t\|_2\le(1-\eta\lambda_{\max})^t\|x_0\|_2)"}}},
      {"gd_optimal_fixed_step", "04_condition_number",
       R"(\eta=\frac{2}{L+\mu}:\ \max_i|1-\eta\lambda_i|=\frac{\kappa-1}{\kappa+1},\ \text{and no fixed } \eta \text{ gives less})",
       {{"extreme_eigenvalues", R"(\mu=\lambda_{\min},\ L=\lambda_{\max} \text{ of } A)"}},
       "course (CURRICULUM 04); Polyak 1987, Introduction to Optimization, sec. 1.4",
       {{"rate_squared", R"(\min_\eta\max_i|1-\eta\lambda_i|=\left(\frac{\kappa-1}{\kappa+1}\right)^2)"},
        {"momentum_rate", R"(\min_\eta\max_i|1-\eta\lambda_i|=\frac{\sqrt\kappa-1}{\sqrt\kappa+1})"},
        {"step_one_over_L", R"(\text{the best fixed step is } \eta=1/L,\ \text{rate } (\kappa-1)/\kappa)"}}},
      {"gd_iterations_condition_number", "04_condition_number",
       R"(\eta=1/\lambda_{\max}:\ \|x_t\|\le\varepsilon\|x_0\| \text{ within } \lceil\kappa\ln(1/\varepsilon)\rceil \text{ steps, attained as } \kappa\to\infty)",
       {{"relative_eps", R"(\varepsilon \text{ relative to } \|x_0\| \text{ (or } \|x_0\|\le1\text{)})"}},
       "seed 003 (need kappa log(1/eps) iters); seed 004 (condition numbers 4 and 100); seed 002 (the \"condition\" number)",
       {{"sqrt_kappa_steps", R"(\eta=1/\lambda_{\max}:\ \|x_t\|\le\varepsilon\|x_0\| \text{ within } \lceil\sqrt\kappa\ln(1/\varepsilon)\rceil \text{ steps})"}}},
      {"quadratic_contours", "04_condition_number",
       R"(\tfrac12 x^\top Ax=c:\ \text{axes along the eigenvectors, semi-axes } \sqrt{2c/\lambda_i};\ \tfrac12x^\top Ax=\tfrac12\sum_i a_{ii}x_i^2+\sum_{i<j}a_{ij}x_ix_j;\ \text{GD rates unchanged by rotation})",
       {{"orthogonal", R"(\text{the change of coordinates is orthogonal (a rotation)})"}},
       "seed 002 (non-axis-aligned quadratics); errata: diameters proportional to the eigenvalues, sum over i != j",
       {{"cross_as_square", R"(\tfrac12x^\top Ax=\tfrac12\sum_i a_{ii}x_i^2+\sum_{i<j}a_{ij}x_i^2)"},
        {"diameters_inverse_lambda", R"(\text{diameters proportional to } 1/\lambda_i)"}}},
  };
}
}  // namespace descent::claims
