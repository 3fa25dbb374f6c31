// Claims of lesson 06: feature scaling, seed 002's whitening derivation line by line,
// diagonal against full preconditioning.
#include "preconditioning.hpp"

#include "instance_text.hpp"

namespace descent::claims::preconditioning {

namespace {
using Q = Rational;
using descent::abs_value;
using detail::max_abs;
using detail::spectrum_text;
using detail::vec_text;
std::string scales_text(const std::vector<double>& s) {
  std::string t = "{";
  for (std::size_t i = 0; i < s.size(); ++i) t += (i ? ", " : "") + descent::to_string<double>(s[i], 6);
  return t + "}";
}
Mat<Q> power(const Mat<Q>& E, const std::vector<Q>& roots, int p) {  // E diag(root^p) Eᵀ, p ∈ {1, −1, 2, −2}
  std::vector<Q> d;
  for (const auto& r : roots) {
    Q v = 1;
    for (int i = 0; i < (p < 0 ? -p : p); ++i) v *= r;
    d.push_back(p < 0 ? Q(1 / v) : v);
  }
  return with_spectrum<Q>(E, d);
}
Q rational_sqrt(const Q& x) {
  const auto sn = boost::multiprecision::sqrt(numerator(x)), sd = boost::multiprecision::sqrt(denominator(x));
  if (sn * sn != numerator(x) || sd * sd != denominator(x)) throw std::invalid_argument("rational_sqrt: not a square");
  return Q(sn, sd);
}
// The square root of a 2x2 SPD matrix by Cayley–Hamilton, independent of any eigenvectors:
// S² − (tr S)S + (det S)I = 0 with det S = √det A and tr S = √(tr A + 2√det A) gives
// S = (A + √det A · I)/√(tr A + 2√det A). Exact when both roots are rational.
Mat<Q> closed_form_sqrt(const Mat<Q>& A) {
  if (A.rows() != 2) throw std::invalid_argument("closed_form_sqrt: 2x2 only");
  const Q s = rational_sqrt(Q(A(0, 0) * A(1, 1) - A(0, 1) * A(1, 0)));
  const Q t = rational_sqrt(Q(A(0, 0) + A(1, 1) + 2 * s));
  return (A + s * Mat<Q>::Identity(2, 2)) / t;
}
Mat<Q> inverse_of(const Mat<Q>& M) {
  const int n = static_cast<int>(M.rows());
  Mat<Q> out(n, n);
  for (int j = 0; j < n; ++j) out.col(j) = solve<Q>(M, Vec<Q>(Mat<Q>::Identity(n, n).col(j)));
  return out;
}
// A = V diag(roots²) Vᵀ, and its roots computed from A alone (not from V).
struct Roots {
  Mat<Q> A, S, Sinv, Ainv;
};
Roots roots_of(const Mat<Q>& V, const std::vector<Q>& roots) {
  Roots r;
  r.A = power(V, roots, 2);
  r.S = closed_form_sqrt(r.A);
  r.Sinv = inverse_of(r.S);
  r.Ainv = inverse_of(r.A);
  return r;
}
Mpfr kappa_of(const Mat<Mpfr>& H) {
  const auto ev = symmetric_eigenvalues<Mpfr>(H);
  return ev.back() / ev.front();
}
Mat<Mpfr> data_matrix(std::uint64_t seed, int m, const std::vector<double>& scales, bool standardized) {
  const Mat<Mpfr> X = to_matrix<Mpfr>(scaled_classification_data(seed, m, scales).X);
  return standardized ? fit_standardization<Mpfr>(X).apply(X) : X;
}
constexpr std::string_view seed002 = "002_bafcec58fd3199bc.txt";
const Erratum seed002_bhat_sign{seed002, 937, "$$S^T S = \\mathbf{A}, \\quad \\hat{\\mathbf{b}}^T S = -\\mathbf{b}^T$$",
                                "b-hat^T S = b^T (no minus sign): matching the linear terms b^T w = b-hat^T S w for all w; "
                                "the notes' next line b-hat = A^{-0.5} b already uses the + sign"};
const Erratum seed002_constant_step{seed002, 1062, "$$\\mathbf{w}^{(k+1)} = \\mathbf{w}^{(k)} - \\eta \\mathbf{A}^{-1} \\mathbf{b}$$",
                                    "w^{(k+1)} = w^{(k)} - eta A^{-1} grad E(w^{(k)})^T = w^{(k)} - eta A^{-1}(A w^{(k)} + b), "
                                    "as at line 1015"};
}  // namespace

Verdict standardized_moments(std::uint64_t seed, int m, const std::vector<double>& scales) {
  const Mat<Mpfr> Z = data_matrix(seed, m, scales, true);
  Mpfr worst_mean = 0, worst_var = 0, worst_sample = 0;
  for (int j = 0; j < Z.cols(); ++j) {
    const Mpfr mean = Mpfr(Z.col(j).sum()) / m;
    const Mpfr var = Mpfr(Z.col(j).squaredNorm()) / m - mean * mean;
    worst_mean = std::max(worst_mean, abs_value<Mpfr>(mean));
    worst_var = std::max(worst_var, abs_value<Mpfr>(Mpfr(var - 1)));
    worst_sample = std::max(worst_sample, abs_value<Mpfr>(Mpfr(var * m / (m - 1) - 1)));
  }
  Verdict v = compare<Mpfr>("feature_scaling_conditioning",
                            "seed 001: after x <- (x - m)/sigma the means are 0 and the variances 1: max |mean| + max |var - 1|",
                            Kind::holds, Mpfr(worst_mean + worst_var), Relation::eq, Mpfr(0), Mpfr(4 * m),
                            std::to_string(m) + " examples, feature scales " + scales_text(scales) + ", seed " +
                                std::to_string(seed) + " (population variance, as numpy's std)");
  // with the divisor m - 1 (pandas' std) the variances are m/(m - 1), not 1
  return rule_out<Mpfr>(v, "sample_variance", Mpfr(worst_mean + worst_sample), Relation::eq, Mpfr(0), Mpfr(4 * m));
}

Verdict scaling_lowers_kappa(std::uint64_t seed, int m, const std::vector<double>& scales) {
  const Mat<Mpfr> X = data_matrix(seed, m, scales, false), Z = data_matrix(seed, m, scales, true);
  const Mpfr before = kappa_of(Mat<Mpfr>(X.transpose() * X / m)), after = kappa_of(Mat<Mpfr>(Z.transpose() * Z / m));
  // centering alone: x - m, unscaled
  Mat<Mpfr> C = X;
  for (int j = 0; j < C.cols(); ++j) C.col(j).array() -= Mpfr(X.col(j).sum()) / m;
  const Mpfr centered = kappa_of(Mat<Mpfr>(C.transpose() * C / m));
  Verdict v = compare<Mpfr>("feature_scaling_conditioning", "kappa of the least-squares Hessian X^T X/m: standardized < raw",
                            Kind::holds, after, Relation::lt, before, Mpfr(0),
                            std::to_string(m) + " examples, feature scales " + scales_text(scales) + ", seed " +
                                std::to_string(seed) + "; centered only: kappa = " + shown<Mpfr>(centered, 6));
  return rule_out<Mpfr>(v, "centering_suffices", centered, Relation::le, Mpfr(X.cols() * after), Mpfr(0));
}

Verdict kappa_diagonal_floor(std::uint64_t seed, int m, const std::vector<double>& scales) {
  // Each diagonal entry is a Rayleigh quotient e_iᵀHe_i, so it lies in [λmin, λmax]: κ(H) ≥
  // max_i H_ii / min_i H_ii — the size of the gain that standardizing (unit diagonal) can
  // bring is predicted by the spread of the features' second moments.
  const Mat<Mpfr> X = data_matrix(seed, m, scales, false);
  const Mat<Mpfr> H = X.transpose() * X / m;
  Mpfr hi = H(0, 0), lo = H(0, 0);
  for (int i = 1; i < H.rows(); ++i) hi = std::max(hi, Mpfr(H(i, i))), lo = std::min(lo, Mpfr(H(i, i)));
  return compare<Mpfr>("feature_scaling_conditioning",
                       "the predicted size: kappa(X^T X/m) >= max_i H_ii / min_i H_ii (the spread of the second moments)",
                       Kind::holds, kappa_of(H), Relation::ge, Mpfr(hi / lo), Mpfr(0),
                       std::to_string(m) + " examples, feature scales " + scales_text(scales) + ", seed " + std::to_string(seed) +
                           ": H_ii from " + shown<Mpfr>(lo, 6) + " to " + shown<Mpfr>(hi, 6));
}

namespace {
long long gd_steps(const Mat<Mpfr>& X) {
  // least squares ½‖Xw − y‖²/m with y = X·1 (so w* = 1), GD with η = 1/λmax from 0, until ‖w − w*‖ ≤ 1e-6 ‖w*‖
  const int m = static_cast<int>(X.rows()), n = static_cast<int>(X.cols());
  const Mat<Mpfr> H = X.transpose() * X / m;
  const Mpfr eta = 1 / symmetric_eigenvalues<Mpfr>(H).back();
  const Vec<Mpfr> wstar = Vec<Mpfr>::Ones(n);
  Vec<Mpfr> w = Vec<Mpfr>::Zero(n);
  const Mpfr target = Mpfr(wstar.squaredNorm()) / 1000000000000LL;
  for (long long k = 0; k < 10'000'000; ++k) {
    const Vec<Mpfr> e = w - wstar;
    if (e.squaredNorm() <= target) return k;
    w -= eta * (H * e);
  }
  throw std::runtime_error("gd_steps: no convergence");
}
}  // namespace

Verdict scaling_lowers_iterations(std::uint64_t seed, int m, const std::vector<double>& scales) {
  const long long before = gd_steps(data_matrix(seed, m, scales, false));
  const long long after = gd_steps(data_matrix(seed, m, scales, true));
  return compare<Mpfr>("feature_scaling_conditioning",
                       "GD steps (eta = 1/L) until ||w - w*|| <= 1e-6 ||w*|| on least squares: standardized < raw",
                       Kind::holds, Mpfr(after), Relation::lt, Mpfr(before), Mpfr(0),
                       std::to_string(m) + " examples, feature scales " + scales_text(scales) +
                           "; targets y = X 1 for each design (raw and standardized), so w* = 1 in both");
}

Verdict scaling_lowers_logistic_kappa(std::uint64_t seed, int m, const std::vector<double>& scales, const Mpfr& lambda) {
  const DataSet d = scaled_classification_data(seed, m, scales);
  Vec<Mpfr> y(m);
  for (int i = 0; i < m; ++i) y(i) = d.y[static_cast<std::size_t>(i)];
  const Mat<Mpfr> X = to_matrix<Mpfr>(d.X);
  const LogisticRegression<Mpfr> raw(X, y, lambda), scaled(fit_standardization<Mpfr>(X).apply(X), y, lambda);
  const Vec<Mpfr> w0 = Vec<Mpfr>::Zero(X.cols());
  const Mpfr before = kappa_of(raw.hessian(w0)), after = kappa_of(scaled.hessian(w0));
  return compare<Mpfr>("feature_scaling_conditioning", "kappa of the logistic-regression Hessian at w = 0: standardized < raw",
                       Kind::holds, after, Relation::lt, before, Mpfr(0),
                       std::to_string(m) + " examples, feature scales " + scales_text(scales) + ", lambda = " +
                           shown<Mpfr>(lambda, 6));
}

Verdict scaling_can_raise_kappa() {
  Mat<Mpfr> C(3, 3);
  C << 2, -2, -1, -2, 4, 2, -1, 2, 2;
  Mat<Mpfr> R = C;
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) R(i, j) = C(i, j) / sqrt(Mpfr(C(i, i) * C(j, j)));
  const Mpfr before = kappa_of(C), after = kappa_of(R);
  return compare<Mpfr>("feature_scaling_conditioning",
                       "features of similar scale: kappa after standardization (the correlation matrix) < kappa of the "
                       "covariance?",
                       Expect::counterexample("disparate_scales"), after, Relation::lt, before, Mpfr(16) * before,
                       "covariance C = [[2, -2, -1], [-2, 4, 2], [-1, 2, 2]] (variances 2, 4, 2)");
}

Verdict kappa_diagonal_floor_attained(const std::vector<double>& scales) {
  // The floor is attained when the features are centered and uncorrelated: the 2^n
  // factorial design with levels ±s_i has orthogonal, zero-mean columns, so XᵀX/m =
  // diag(s_i²) and κ = max s_i² / min s_i² exactly (the eigen-solver against the diagonal).
  const int n = static_cast<int>(scales.size()), m = 1 << n;
  Mat<Mpfr> X(m, n);
  for (int r = 0; r < m; ++r)
    for (int j = 0; j < n; ++j) X(r, j) = Mpfr(((r >> j) & 1) ? 1 : -1) * Mpfr(scales[static_cast<std::size_t>(j)]);
  const Mat<Mpfr> H = X.transpose() * X / m;
  Mpfr hi = H(0, 0), lo = H(0, 0);
  for (int i = 1; i < n; ++i) hi = std::max(hi, Mpfr(H(i, i))), lo = std::min(lo, Mpfr(H(i, i)));
  const Mpfr kappa = kappa_of(H);
  return compare<Mpfr>("feature_scaling_conditioning",
                       "the floor attained: centered, uncorrelated features (a 2^n factorial design with levels +-s_i): "
                       "kappa(X^T X/m) = max_i H_ii / min_i H_ii",
                       Kind::tight, kappa, Relation::eq, Mpfr(hi / lo), Mpfr(16) * kappa,
                       std::to_string(m) + " examples, scales " + scales_text(scales));
}

Verdict square_roots(const Mat<Rational>& E, const std::vector<Rational>& roots) {
  const Roots r = roots_of(E, roots);
  const int n = static_cast<int>(r.A.rows());
  const Mat<Q> Vroot = power(E, roots, 1);  // V Λ^0.5 Vᵀ, the notes' construction (lines 980, 984)
  const Q err = Mat<Q>(r.S.transpose() * r.S - r.A).squaredNorm() +
                Mat<Q>(r.Sinv.transpose() * r.Sinv * r.A - Mat<Q>::Identity(n, n)).squaredNorm() +
                Mat<Q>(Vroot - r.S).squaredNorm();
  return compare<Q>("whitening",
                    "seed 002: (A^0.5)^T A^0.5 = A and (A^-0.5)^T A^-0.5 = A^-1, and V Lambda^0.5 V^T is that root: "
                    "||S^T S - A||^2 + ||(A^-0.5)^T A^-0.5 A - I||^2 + ||V Lambda^0.5 V^T - S||^2",
                    Kind::holds, err, Relation::eq, Q(0), Q(0),
                    "A = V diag(squares) V^T with V exactly orthogonal; S = (A + sqrt(det A) I)/sqrt(tr A + 2 sqrt(det A)) "
                    "by Cayley-Hamilton from A alone, A^-0.5 = S^-1 by exact elimination");
}

Verdict whitened_energy(const Mat<Q>& E, const std::vector<Q>& roots, const Vec<Q>& b, const Vec<Q>& w, bool seed_sign) {
  const Roots r = roots_of(E, roots);
  const Mat<Q>&A = r.A, &S = r.S, &Sinv = r.Sinv;
  const Q c = Q(3, 2);
  const Q energy = w.dot(A * w) / 2 + b.dot(w) + c;
  const Vec<Q> what = S * w;
  const Vec<Q> bhat = seed_sign ? Vec<Q>(-(Sinv * b)) : Vec<Q>(Sinv * b);  // b̂ᵀS = ∓bᵀ with S symmetric
  const Q whitened = what.dot(what) / 2 + bhat.dot(what) + c;
  Verdict v = compare<Q>("whitening",
                    seed_sign ? "seed 002: b-hat^T S = -b^T, i.e. b-hat = -A^-0.5 b: E(w) = 1/2 w-hat^T w-hat + b-hat^T w-hat + c ?"
                              : "E(w) = 1/2 w^T A w + b^T w + c equals 1/2 w-hat^T w-hat + b-hat^T w-hat + c, w-hat = A^0.5 w, "
                                "b-hat = A^-0.5 b",
                    seed_sign ? Expect::refutes(seed002_bhat_sign) : Expect(Kind::holds), whitened, Relation::eq, energy, Q(0),
                    "w = " + vec_text(w) + ", b = " + vec_text(b) + ", c = 3/2");
  if (!seed_sign) {  // without the roots: w-hat = A w, b-hat = A^-1 b
    const Vec<Q> w2 = A * w, b2 = r.Ainv * b;
    rule_out<Q>(v, "no_square_root", Q(w2.dot(w2) / 2 + b2.dot(w2) + c), Relation::eq, energy, Q(0));
  }
  return v;
}

Verdict whitened_gradient(const Mat<Q>& E, const std::vector<Q>& roots, const Vec<Q>& b, const Vec<Q>& w) {
  const Roots r = roots_of(E, roots);
  const Mat<Q>&A = r.A, &S = r.S, &Sinv = r.Sinv;
  const Vec<Q> grad_hat = S * w + Sinv * b;     // ∇_ŵ of ½ŵᵀŵ + b̂ᵀŵ, at ŵ = A^0.5 w
  const Vec<Q> mapped = Sinv * (A * w + b);     // A^-0.5 ∇_w E(w)ᵀ
  return compare<Q>("whitening", "seed 002: grad_w-hat E = grad_w E A^-0.5: ||(w-hat + b-hat) - A^-0.5 (A w + b)||^2",
                    Kind::holds, Q(Vec<Q>(grad_hat - mapped).squaredNorm()), Relation::eq, Q(0), Q(0),
                    "w = " + vec_text(w) + ", b = " + vec_text(b));
}

Verdict whitened_gd(const Mat<Q>& E, const std::vector<Q>& roots, const Vec<Q>& b, const Vec<Q>& w0, const Q& eta, int steps,
                    const Expect& kind) {
  if (kind.kind == Kind::tight)
    throw ContractError("whitened_gd: one step with eta = 1 is an identity (whitened_one_step), not a bound attained");
  const Roots r = roots_of(E, roots);
  const Mat<Q>&A = r.A, &S = r.S, &Sinv = r.Sinv, &Ainv = r.Ainv;
  const int n = static_cast<int>(A.rows());
  // GD in w-hat on ½ŵᵀŵ + b̂ᵀŵ (the library's Quadratic uses −bᵀx: pass −b̂)
  const Quadratic<Q> fhat(Mat<Q>::Identity(n, n), Vec<Q>(-(Sinv * b)), Q(0));
  const Quadratic<Q> fw(A, Vec<Q>(-b), Q(0));
  GradientDescent<Q> gd(eta);
  PreconditionedGD<Q> pgd(eta, Ainv);
  StopRule<Q> stop;
  stop.max_steps = steps;
  const Trace<Q> th = run<Q>(fhat, gd, Vec<Q>(S * w0), stop), tw = run<Q>(fw, pgd, w0, stop);
  PreconditionedGD<Q> half(eta, Sinv);  // P = A^-0.5: the wrong power
  const Trace<Q> t_half = run<Q>(fw, half, w0, stop);
  Q worst = 0, worst_half = 0;
  for (std::size_t k = 0; k < th.x.size(); ++k) {
    worst = std::max(worst, Q(Vec<Q>(Sinv * th.x[k] - tw.x[k]).squaredNorm()));
    if (k < t_half.x.size()) worst_half = std::max(worst_half, Q(Vec<Q>(Sinv * th.x[k] - t_half.x[k]).squaredNorm()));
  }
  Verdict v = compare<Q>("whitening",
                         "seed 002: GD in w-hat, mapped back, is w <- w - eta A^-1 grad E(w)^T: max_k ||A^-0.5 w-hat_k - w_k||^2",
                         kind, worst, Relation::eq, Q(0), Q(0),
                         "eta = " + shown<Q>(eta) + ", " + std::to_string(steps) + " steps from w_0 = " + vec_text(w0) +
                             "; w_k from the library's PreconditionedGD with P = A^-1");
  return rule_out<Q>(v, "half_power_preconditioner", worst_half, Relation::eq, Q(0), Q(0));
}

Verdict whitened_one_step(const Mat<Q>& E, const std::vector<Q>& roots, const Vec<Q>& b, const Vec<Q>& w0) {
  const Roots r = roots_of(E, roots);
  const int n = static_cast<int>(r.A.rows());
  const Quadratic<Q> fhat(Mat<Q>::Identity(n, n), Vec<Q>(-(r.Sinv * b)), Q(0));
  GradientDescent<Q> gd(Q(1));
  StopRule<Q> stop;
  stop.max_steps = 1;
  const Trace<Q> th = run<Q>(fhat, gd, Vec<Q>(r.S * w0), stop);
  const Vec<Q> wstar = -(solve<Q>(r.A, b));
  return compare<Q>("whitening", "eta = 1 in w-hat (identity Hessian): one step lands on w* = -A^-1 b: ||A^-0.5 w-hat_1 - w*||^2",
                    Kind::holds, Q(Vec<Q>(r.Sinv * th.x[1] - wstar).squaredNorm()), Relation::eq, Q(0), Q(0),
                    "w_0 = " + vec_text(w0) + ", b = " + vec_text(b));
}

Verdict seed_constant_step(const Mat<Q>& E, const std::vector<Q>& roots, const Vec<Q>& b, const Q& eta) {
  const Roots r = roots_of(E, roots);
  const Mat<Q>& Ainv = r.Ainv;
  const Vec<Q> wstar = -(Ainv * b);
  const Vec<Q> w1 = wstar - eta * (Ainv * b);
  return compare<Q>("whitening", "seed 002 (non-axis-aligned case): w <- w - eta A^-1 b, from w*: ||w_1 - w*||^2 = 0 ?",
                    Expect::refutes(seed002_constant_step), Q(Vec<Q>(w1 - wstar).squaredNorm()), Relation::eq, Q(0), Q(0),
                    "w* = -A^-1 b = " + vec_text(wstar) + " (gradient A w* + b = 0), eta = " + shown<Q>(eta) +
                        ": the rule moves by the same eta A^-1 b at every step, even from the minimum");
}

Verdict indefinite_has_no_root(const Mat<Q>& A, const Vec<Q>& w) {
  return compare<Q>("whitening", "a real S with S^T S = A would give 1/2 w^T A w = 1/2 ||S w||^2 >= 0",
                    Expect::counterexample("spd"), Q(w.dot(A * w) / 2), Relation::ge, Q(0), Q(0),
                    "A = [[" + shown<Q>(A(0, 0)) + ", " + shown<Q>(A(0, 1)) + "], [" + shown<Q>(A(1, 0)) + ", " +
                        shown<Q>(A(1, 1)) + "]], w = " + vec_text(w));
}

Verdict mpfr_square_root(const Mat<Mpfr>& A) {
  const Mat<Mpfr> S = spd_sqrt<Mpfr>(A, 1);
  return compare<Mpfr>("whitening", "A^(1/2) = E Lambda^(1/2) E^T at the working precision: max |(A^(1/2) A^(1/2) - A)_ij|",
                       Kind::holds, max_abs<Mpfr>(Mat<Mpfr>(S * S - A)), Relation::eq, Mpfr(0),
                       Mpfr(A.rows() * A.rows()) * (1 + max_abs<Mpfr>(A)),
                       std::to_string(A.rows()) + "x" + std::to_string(A.cols()) + " SPD A with irrational square root");
}

Verdict diagonal_one_step(const Mat<Q>& A, const Vec<Q>& b, const Vec<Q>& x0, const Expect& kind) {
  const Quadratic<Q> f(A, b, Q(0));
  PreconditionedGD<Q> pgd(Q(1), PreconditionerKind::diagonal);
  StopRule<Q> stop;
  stop.max_steps = 1;
  const Trace<Q> tr = run<Q>(f, pgd, x0, stop);
  if (kind.kind == Kind::tight)
    throw ContractError("diagonal_one_step: one exact step is an identity (holds), not a bound attained");
  const Vec<Q> xstar = solve<Q>(A, b);
  Verdict v = compare<Q>("diagonal_vs_full_preconditioning",
                         "P = diag(1/a_ii), eta = 1: one step reaches x*: ||x_1 - x*||^2 = 0", kind,
                         Q(Vec<Q>(tr.x[1] - xstar).squaredNorm()), Relation::eq, Q(0), Q(0),
                         "A = [[" + shown<Q>(A(0, 0)) + ", " + shown<Q>(A(0, 1)) + "], [" + shown<Q>(A(1, 0)) + ", " +
                             shown<Q>(A(1, 1)) + "]], x_0 = " + vec_text(x0));
  if (kind.kind == Kind::holds) {  // P = diag(a_ii), not inverted
    const Vec<Q> g = f.gradient(x0);
    Vec<Q> x1 = x0;
    for (int i = 0; i < x0.size(); ++i) x1(i) -= A(i, i) * g(i);
    rule_out<Q>(v, "diagonal_not_inverted", Q(Vec<Q>(x1 - xstar).squaredNorm()), Relation::eq, Q(0), Q(0));
  }
  return v;
}

Verdict whitening_one_step(const Mat<Mpfr>& A, const Vec<Mpfr>& b, const Vec<Mpfr>& x0) {
  const Quadratic<Mpfr> f(A, b, Mpfr(0));
  PreconditionedGD<Mpfr> pgd(Mpfr(1), PreconditionerKind::whitening);
  StopRule<Mpfr> stop;
  stop.max_steps = 1;
  const Trace<Mpfr> tr = run<Mpfr>(f, pgd, x0, stop);
  const Vec<Mpfr> xstar = solve<Mpfr>(A, b);
  return compare<Mpfr>("diagonal_vs_full_preconditioning",
                       "P = A^-1/2 A^-1/2 (whitening), eta = 1: one step reaches x*: ||x_1 - x*||", Kind::holds,
                       Mpfr(Vec<Mpfr>(tr.x[1] - xstar).norm()), Relation::eq, Mpfr(0),
                       Mpfr(16) * (Mpfr(xstar.norm()) + Mpfr(x0.norm())),
                       "rotated A (kappa = " + shown<Mpfr>(kappa_of(A), 6) + "), P from the eigendecomposition at the working precision");
}

}  // namespace descent::claims::preconditioning

// ---- the claims of lesson 06_scaling_preconditioning that this file checks: their entries in the claim index
// (claim.hpp), registered here beside their checks (registry.cpp collects every file's)
namespace descent::claims {
std::vector<ClaimInfo> claims_of_preconditioning() {
  return {
      {"feature_scaling_conditioning", "06_scaling_preconditioning",
       R"(x_i^r\leftarrow(x_i^r-m_i)/\sigma_i \text{ gives means } 0 \text{ and variances } 1,\ \text{and lowers } \kappa \text{ of the Hessian when the features' scales differ widely})",
       {{"disparate_scales", R"(\text{the features' scales differ by orders of magnitude (standardization can raise } \kappa \text{ otherwise)})"}},
       "seed 001 (feature scaling); van der Sluis 1969 (the unit-diagonal scaling is within a factor n of the best)",
       {{"sample_variance", R"(\text{the standardized features have sample variance } \tfrac1{m-1}\sum_r (x_i^r)^2=1)"},
        {"centering_suffices", R"(x_i\leftarrow x_i-m_i \text{ alone brings } \kappa \text{ within a factor } n \text{ of standardizing})"}}},
      {"whitening", "06_scaling_preconditioning",
       R"(\hat w=A^{0.5}w,\ \hat b=A^{-0.5}b:\ E=\tfrac12\hat w^\top\hat w+\hat b^\top\hat w+c,\ \nabla_{\hat w}E=\nabla_wE\,A^{-0.5},\ \text{GD in } \hat w \equiv w\leftarrow w-\eta A^{-1}\nabla_wE^\top)",
       {{"spd", R"(A \text{ symmetric positive definite (so that } A^{\pm0.5}=E\Lambda^{\pm0.5}E^\top \text{ are real)})"}},
       "seed 002 (scaling and rotating the axes); errata: b^T S = -b^T, w <- w - eta A^{-1} b",
       {{"no_square_root", R"(\hat w=Aw,\ \hat b=A^{-1}b \text{ (the roots forgotten)})"},
        {"half_power_preconditioner", R"(\text{GD in } \hat w \equiv w\leftarrow w-\eta A^{-0.5}\nabla_wE^\top)"}}},
      {"diagonal_vs_full_preconditioning", "06_scaling_preconditioning",
       R"(P=\mathrm{diag}(1/a_{ii}) \text{ makes an axis-aligned quadratic perfectly conditioned;}\ P=A^{-1} \text{ any SPD quadratic})",
       {{"axis_aligned", R"(A \text{ diagonal (for the diagonal preconditioner)})"}},
       "seed 002 (normalized update rule); seed 004 (preconditioning)",
       {{"diagonal_not_inverted", R"(P=\mathrm{diag}(a_{ii}) \text{ makes an axis-aligned quadratic perfectly conditioned})"}}},
  };
}
}  // namespace descent::claims
