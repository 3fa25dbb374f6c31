// Claims of lesson 07: Newton's method on quadratics, its quadratic convergence and the
// hypotheses it needs, indefinite Hessians and diagonal loading, seed 001's best step in
// 1-D, and BFGS / L-BFGS on Rosenbrock.
#include "problem_audit.hpp"
#include "newton_checks.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "descent/optimizers/newton.hpp"
#include "descent/optimizers/quasi_newton.hpp"
#include "descent/problems/test_functions.hpp"
#include "instance_text.hpp"

namespace descent::claims::newton {

namespace {
using Q = Rational;

Q pow10(int n) { return Q(boost::multiprecision::pow(boost::multiprecision::mpz_int(10), static_cast<unsigned>(n))); }

// The working precision for one check, restored on the way out: the verdict keeps only
// text, so nothing computed at the raised precision outlives the guard.
using descent::ScopedDigits;

constexpr std::string_view seed001 = "001_c979c1f97a60694e.txt";
constexpr std::string_view seed003 = "003_0c17410241aab4a0.txt";
const Erratum seed003_loglog{
    seed003, 128, "Theorem:  $\\mathcal{O}(\\log \\log(\\frac{1}{\\epsilon}))$",
    "O(log log(1/eps)) Newton steps only locally: for eta = 1 and x_0 close enough to a minimizer x* with "
    "f''(x*) > 0 (Lipschitz Hessian), even for strongly convex f: on sqrt(1 + x^2) + x^2/40 pure Newton from x_0 = 2 "
    "falls into a 2-cycle near +-19.87"};
const Erratum seed001_signed{
    seed001, 182,
    "$$\\frac{\\left. \\frac{dy}{dx} \\right|_{x_0}}{\\left. y'' \\right|_{x_0}} = \\frac{|2ax_0 + b|}{2a}$$",
    "|y'(x_0)| / y''(x_0) = |2a x_0 + b| / (2a) = |x_0 + b/(2a)| for a > 0: the left side needs the absolute value, "
    "as line 209 has it (|First derivative| / Second derivative); likely lost in conversion"};

std::string vec_text(const Vec<Q>& v) {
  std::string s = "(";
  for (int i = 0; i < v.size(); ++i) s += (i ? ", " : "") + v(i).str();
  return s + ")";
}
std::string list_text(const std::vector<Q>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ", ") + x.str();
  return s;
}

StopRule<Q> exact_stop(int steps) {
  StopRule<Q> stop;
  stop.max_steps = steps;
  stop.divergence_bound = pow10(1000);
  return stop;
}

// f(x) = √(1 + x²): strictly convex, minimizer x* = 0 with f''(0) = 1, Lipschitz Hessian;
// Newton's step is x − f'/f'' = x − x(1 + x²) = −x³.
class SqrtOnePlusSquare final : public Problem<Mpfr> {
 public:
  int dimension() const override { return 1; }
  Mpfr value(const Vec<Mpfr>& x) const override { return sqrt(Mpfr(1 + x(0) * x(0))); }
  Vec<Mpfr> gradient(const Vec<Mpfr>& x) const override {
    return Vec<Mpfr>::Constant(1, Mpfr(x(0) / sqrt(Mpfr(1 + x(0) * x(0)))));
  }
  Mat<Mpfr> hessian(const Vec<Mpfr>& x) const override {
    const Mpfr s = 1 + x(0) * x(0);
    return Mat<Mpfr>::Constant(1, 1, Mpfr(1 / (s * sqrt(s))));
  }
  std::string name() const override { return "sqrt(1 + x^2)"; }
};

// f(x) = √(1 + x²) + x²/40: strongly convex (f'' = (1 + x²)^(−3/2) + 1/20 ≥ 1/20), minimizer
// x* = 0, Lipschitz Hessian — the setting of seed 003's theorem, taken charitably.
class SqrtPlusQuadratic final : public Problem<Mpfr> {
 public:
  int dimension() const override { return 1; }
  Mpfr value(const Vec<Mpfr>& x) const override { return sqrt(Mpfr(1 + x(0) * x(0))) + x(0) * x(0) / 40; }
  Vec<Mpfr> gradient(const Vec<Mpfr>& x) const override {
    return Vec<Mpfr>::Constant(1, Mpfr(x(0) / sqrt(Mpfr(1 + x(0) * x(0))) + x(0) / 20));
  }
  Mat<Mpfr> hessian(const Vec<Mpfr>& x) const override {
    const Mpfr s = 1 + x(0) * x(0);
    return Mat<Mpfr>::Constant(1, 1, Mpfr(1 / (s * sqrt(s)) + Mpfr(1) / 20));
  }
  std::string name() const override { return "sqrt(1 + x^2) + x^2/40"; }
};

// f(x) = x⁴/4 − x²/2: minima at ±1, a maximum at 0, f'' = 3x² − 1 < 0 for |x| < 1/√3.
class Quartic final : public Problem<Q> {
 public:
  int dimension() const override { return 1; }
  Q value(const Vec<Q>& v) const override {
    const Q x = v(0);
    return x * x * x * x / 4 - x * x / 2;
  }
  Vec<Q> gradient(const Vec<Q>& v) const override {
    const Q x = v(0);
    return Vec<Q>::Constant(1, Q(x * x * x - x));
  }
  Mat<Q> hessian(const Vec<Q>& v) const override { return Mat<Q>::Constant(1, 1, Q(3 * v(0) * v(0) - 1)); }
  std::string name() const override { return "x^4/4 - x^2/2"; }
};

// Exact determinant by Gaussian elimination (rational pivots).
Q determinant(Mat<Q> M) {
  const int n = static_cast<int>(M.rows());
  Q det = 1;
  for (int c = 0; c < n; ++c) {
    int p = c;
    while (p < n && M(p, c) == 0) ++p;
    if (p == n) return Q(0);
    if (p != c) {
      M.row(p).swap(M.row(c));
      det = -det;
    }
    det *= M(c, c);
    for (int r = c + 1; r < n; ++r) {
      const Q m = M(r, c) / M(c, c);
      for (int j = c; j < n; ++j) M(r, j) -= m * M(c, j);
    }
  }
  return det;
}

// Newton errors |x_k − x*| on ExpQuadratic1D at the current precision, x* given as text.
std::vector<Mpfr> exp_errors_here(const std::string& x_star_text, const Rational& x0, const Rational& eta, int steps,
                                  Mpfr* x_star_out = nullptr) {
  const Mpfr x_star = parse_scalar<Mpfr>(x_star_text, "x*");
  if (x_star_out) *x_star_out = x_star;
  const ExpQuadratic1D<Mpfr> f;
  Newton<Mpfr> method(from_rational<Mpfr>(eta), Mpfr(0));
  StopRule<Mpfr> stop;
  stop.max_steps = steps;
  const Trace<Mpfr> tr = run<Mpfr>(f, method, Vec<Mpfr>::Constant(1, from_rational<Mpfr>(x0)), stop);
  std::vector<Mpfr> e;
  for (const auto& x : tr.x) e.push_back(abs_value<Mpfr>(Mpfr(x(0) - x_star)));
  return e;
}

Trace<Mpfr> sqrt_newton(const Rational& x0, int steps) {
  const SqrtOnePlusSquare f;
  Newton<Mpfr> method(Mpfr(1), Mpfr(0));
  StopRule<Mpfr> stop;
  stop.max_steps = steps;
  return run<Mpfr>(f, method, Vec<Mpfr>::Constant(1, from_rational<Mpfr>(x0)), stop);
}

// The precision at which errors are meaningful: e_k ≥ 10^(−2D/5) leaves e_{k+1} ≈ C e_k²
// about D/5 digits above the rounding level 10^(−D).
Mpfr error_floor(int D) { return from_rational<Mpfr>(1 / pow10(2 * D / 5)); }

std::string sci(const Mpfr& x) { return descent::to_string<Mpfr>(x, 3); }

Trace<Mpfr> rosenbrock_run(Optimizer<Mpfr>& method, int budget, const Mpfr& tol, const Vec<Q>& x0) {
  const Rosenbrock<Mpfr> f(2);
  StopRule<Mpfr> stop;
  stop.max_steps = budget;
  stop.grad_norm2_tol = tol;
  Vec<Mpfr> start(x0.size());
  for (int i = 0; i < x0.size(); ++i) start(i) = from_rational<Mpfr>(x0(i));
  return run<Mpfr>(f, method, start, stop);
}
Mpfr qn_tolerance() { return from_rational<Mpfr>(1 / pow10(40)); }
int qn_digits(int digits) { return std::max(50, digits); }
}  // namespace

// ---- newton_one_step_quadratic ----

std::vector<Vec<Rational>> quadratic_errors(const Mat<Rational>& A, const Vec<Rational>& x_star, const Vec<Rational>& x0,
                                            const Rational& eta, int steps) {
  const Quadratic<Q> f(A, Vec<Q>(A * x_star), Q(0));  // ∇f = A(x − x*)
  Newton<Q> method(eta, Q(0));
  const Trace<Q> tr = run<Q>(f, method, x0, exact_stop(steps));
  std::vector<Vec<Q>> e;
  for (const auto& x : tr.x) e.push_back(x - x_star);
  return e;
}

Verdict one_step(const Mat<Rational>& A, const Vec<Rational>& x_star, const Vec<Rational>& x0) {
  const auto e = quadratic_errors(A, x_star, x0, Q(1), 1);
  return compare<Q>("newton_one_step_quadratic",
                    "eta = 1 on a positive definite quadratic: the minimizer in one step, ||x_1 - x*||^2 = 0",
                    Kind::holds, e[1].squaredNorm(), Relation::eq, Q(0), Q(0),
                    std::to_string(A.rows()) + "x" + std::to_string(A.rows()) + " A, x* = " + vec_text(x_star) +
                        " (the point the quadratic is built around), x_0 = " + vec_text(x0) +
                        ", ||x_0 - x*||^2 = " + shown<Q>(e[0].squaredNorm()));
}

Verdict error_factor(const Mat<Rational>& A, const Vec<Rational>& x_star, const Vec<Rational>& x0, const Rational& eta,
                     int steps) {
  const auto e = quadratic_errors(A, x_star, x0, eta, steps);
  const Q factor = 1 - eta;
  Q misfit = 0, power = 1;
  for (const auto& ek : e) {
    misfit += (ek - power * e[0]).squaredNorm();
    power *= factor;
  }
  const std::string regime = abs_value(factor) < 1 ? (factor == 0 ? "the minimizer in one step" : "converges")
                             : abs_value(factor) == 1 ? "constant amplitude" : "diverges";
  return compare<Q>("newton_one_step_quadratic",
                    "eta = " + eta.str() + ": e_k = (1 - eta)^k e_0 = (" + factor.str() +
                        ")^k e_0 for every k, so sum_k ||e_k - (1 - eta)^k e_0||^2 = 0",
                    Kind::holds, misfit, Relation::eq, Q(0), Q(0),
                    "K = " + std::to_string(e.size() - 1) + " steps, x_0 - x* = " + vec_text(e[0]) +
                        ", ||e_K||^2 = " + shown<Q>(e.back().squaredNorm()) + ": " + regime);
}

Verdict no_convergence_at_two(const Mat<Rational>& A, const Vec<Rational>& x_star, const Vec<Rational>& x0, int steps) {
  const auto e = quadratic_errors(A, x_star, x0, Q(2), steps);
  return compare<Q>("newton_one_step_quadratic", "eta = 2 (not below 2): convergence, ||e_K||^2 < ||e_0||^2",
                    Expect::counterexample("step_below_2"), e.back().squaredNorm(), Relation::lt, e[0].squaredNorm(), Q(0),
                    "e_k = (-1)^k e_0: the iterates jump across x* forever, K = " + std::to_string(e.size() - 1) +
                        " (seed 002: \"should not be greater than 2\"; 2 itself does not converge either)");
}

Verdict diverges_above_two(const Mat<Rational>& A, const Vec<Rational>& x_star, const Vec<Rational>& x0,
                           const Rational& eta, int steps) {
  if (!(eta > 2)) throw std::invalid_argument("diverges_above_two: eta must exceed 2");
  const auto e = quadratic_errors(A, x_star, x0, eta, steps);
  Verdict v = compare<Q>("newton_one_step_quadratic",
                         "eta = " + eta.str() + " > 2: |1 - eta| > 1, divergence predicted: ||e_K||^2 > ||e_0||^2",
                         Kind::holds, e.back().squaredNorm(), Relation::gt, e[0].squaredNorm(), Q(0),
                         "K = " + std::to_string(e.size() - 1) + ", each step multiplies e by " + Q(1 - eta).str());
  // a range 0 < eta < 4 would predict convergence here
  if (eta < 4) rule_out<Q>(v, "range_doubled", e.back().squaredNorm(), Relation::lt, e[0].squaredNorm(), Q(0));
  return v;
}

Verdict constant_amplitude_at_two(const Mat<Rational>& A, const Vec<Rational>& x_star, const Vec<Rational>& x0, int steps) {
  const auto e = quadratic_errors(A, x_star, x0, Q(2), steps);
  return compare<Q>("newton_one_step_quadratic",
                    "the end of the range 0 < eta < 2 is attained: at eta = 2, ||e_K||^2 = ||e_0||^2 (neither converges "
                    "nor diverges)",
                    Kind::tight, e.back().squaredNorm(), Relation::eq, e[0].squaredNorm(), Q(0),
                    "e_k = (-1)^k e_0, K = " + std::to_string(e.size() - 1));
}

Verdict saddle(const Mat<Rational>& Qm, const std::vector<Rational>& lambda, const Vec<Rational>& x_star,
               const Vec<Rational>& x0) {
  std::size_t neg = 0;
  for (std::size_t i = 0; i < lambda.size(); ++i)
    if (lambda[i] < lambda[neg]) neg = i;
  if (!(lambda[neg] < 0)) throw std::invalid_argument("saddle: needs a negative eigenvalue");
  const Mat<Q> A = with_spectrum<Q>(Qm, lambda);
  const Quadratic<Q> f(A, Vec<Q>(A * x_star), Q(0));
  Newton<Q> method(Q(1), Q(0));
  const Vec<Q> x1 = method.step(f, x0, f.gradient(x0));
  const Vec<Q> v = Qm.col(static_cast<int>(neg));
  Verdict out = compare<Q>("newton_one_step_quadratic",
                           "A indefinite (spectrum " + list_text(lambda) +
                               "): one Newton step reaches a stationary point; is it a minimum, f(x_1 + v) >= f(x_1)?",
                           Expect::counterexample("spd"), f.value(x1 + v), Relation::ge, f.value(x1), Q(0),
                           "x_1 = " + vec_text(x1) + ", grad f(x_1) = " + vec_text(f.gradient(x1)) +
                               ", v = the eigenvector of " + lambda[neg].str() + ": x_1 is a saddle");
  out.pass = out.pass && x1 == x_star && f.gradient(x1).squaredNorm() == 0;
  return out;
}

// ---- newton_quadratic_convergence ----

int convergence_digits(int requested) { return std::clamp(requested, 200, max_digits - 40); }

std::string exp_quadratic_minimizer_text(int digits) {
  const ScopedDigits guard(digits);
  // e^x + x − 2 is increasing, −1 at 0 and e − 1 at 1: halve [0, 1] until the bracket is
  // below 10^(−digits).
  Mpfr lo = 0, hi = 1;
  const int halvings = static_cast<int>(std::ceil(digits * 3.3219280948873623)) + 4;
  for (int i = 0; i < halvings; ++i) {
    const Mpfr mid = (lo + hi) / 2;
    if (exp(mid) + mid - 2 < 0)
      lo = mid;
    else
      hi = mid;
  }
  return descent::to_string<Mpfr>(Mpfr((lo + hi) / 2));
}

std::vector<double> exp_quadratic_errors(int digits, const Rational& x0, const Rational& eta, int steps) {
  const int D = convergence_digits(digits);
  const std::string x_star = exp_quadratic_minimizer_text(D + 40);
  const ScopedDigits guard(D);
  std::vector<double> out;
  for (const auto& e : exp_errors_here(x_star, x0, eta, steps)) out.push_back(to_double<Mpfr>(e));
  return out;
}

Verdict ratio_limit(int digits, const Rational& x0) {
  const int D = convergence_digits(digits);
  const Q delta = 1 / pow10(D / 10);
  const std::string x_star_text = exp_quadratic_minimizer_text(D + 40);
  const ScopedDigits guard(D);
  Mpfr x_star;
  const auto e = exp_errors_here(x_star_text, x0, Q(1), 40, &x_star);
  const Mpfr C = (2 - x_star) / (2 * (3 - x_star));  // f'''(x*)/(2 f''(x*)), f''' = e^x* = 2 − x*
  const Mpfr floor = from_rational<Mpfr>(1 / pow10(3 * D / 5));
  int last = -1;
  std::string seq;
  for (std::size_t k = 0; k + 1 < e.size() && e[k + 1] >= floor; ++k) {
    last = static_cast<int>(k);
    const Mpfr r = e[k + 1] / (e[k] * e[k]);
    seq += (seq.empty() ? "" : ", ") + sci(Mpfr(r / C - 1));
  }
  if (last < 0) throw std::logic_error("ratio_limit: no error above the floor");
  const Mpfr r = e[last + 1] / (e[last] * e[last]);
  Verdict v = approaches<Mpfr>("newton_quadratic_convergence",
                          "eta = 1 on f = e^x + x^2/2 - 2x from x_0 = " + x0.str() +
                              ": e_{k+1}/e_k^2 -> C = f'''(x*)/(2 f''(x*)) = (2 - x*)/(2(3 - x*)); C / (e_{k+1}/e_k^2) at k = " +
                              std::to_string(last),
                          Mpfr(C / r), from_rational<Mpfr>(delta),
                          std::to_string(D) + " digits, x* by bisection at " + std::to_string(D + 40) + " digits, C = " +
                              descent::to_string<Mpfr>(C, 12) + "; the sequence k = 0.." + std::to_string(last) +
                              ": (e_{k+1}/e_k^2)/C - 1 = " + seq + " (from above); k stops where e_{k+1} < 10^-" +
                              std::to_string(3 * D / 5) + ", delta = 10^-(D/10)");
  // without the 1/2 the constant is twice as large: the ratio would tend to 2
  return rule_out<Mpfr>(v, "constant_without_half", Mpfr(2 * C / r), Relation::le, Mpfr(1), Mpfr(1));
}

Verdict digits_double(int digits, const Rational& x0, const Rational& eta, int steps, const Expect& kind) {
  const int D = convergence_digits(digits);
  const std::string x_star_text = exp_quadratic_minimizer_text(D + 40);
  const ScopedDigits guard(D);
  Mpfr x_star;
  const auto e = exp_errors_here(x_star_text, x0, eta, steps, &x_star);
  // d_{k+1} − 2 d_k → −log10 C with C = f'''(x*)/(2 f''(x*)) = (2 − x*)/(2(3 − x*)) (0.516 here):
  // the bound allows a loss of 1/100 digit against that limit on every counted step.
  const Mpfr C = (2 - x_star) / (2 * (3 - x_star));
  const Mpfr bound = -log10(C) - Mpfr(1) / 100;
  const Mpfr floor = error_floor(D);
  Mpfr worst = 0, scale = 0, worst_triple = 0;
  int worst_k = -1, counted = 0;
  for (std::size_t k = 0; k + 1 < e.size() && e[k] >= floor; ++k) {
    const Mpfr d0 = -log10(e[k]), d1 = -log10(e[k + 1]);
    const Mpfr m = d1 - 2 * d0;
    const Mpfr t = d1 - 3 * d0;
    ++counted;
    if (worst_k < 0 || t < worst_triple) worst_triple = t;
    if (worst_k < 0 || m < worst) {
      worst = m;
      worst_k = static_cast<int>(k);
      scale = abs_value<Mpfr>(d1) + 2 * abs_value<Mpfr>(d0) + 1;
    }
  }
  if (worst_k < 0) throw std::logic_error("digits_double: no error above the floor");
  Verdict v = compare<Mpfr>(
      "newton_quadratic_convergence",
      "eta = " + eta.str() + ": the correct digits double, min_k [d_{k+1} - 2 d_k] >= -log10 C - 1/100 with "
      "d_k = -log10 |x_k - x*|, C = f'''(x*)/(2 f''(x*)) (-log10 C = " + descent::to_string<Mpfr>(Mpfr(-log10(C)), 4) + ")",
      kind, worst, Relation::ge, bound, scale,
      std::to_string(D) + " digits, x_0 = " + x0.str() + ", " + std::to_string(counted) +
          " steps with e_k >= 10^-" + std::to_string(2 * D / 5) + "; worst at k = " + std::to_string(worst_k) +
          ": e_k = " + sci(e[static_cast<std::size_t>(worst_k)]) + ", e_{k+1} = " +
          sci(e[static_cast<std::size_t>(worst_k) + 1]) +
          (eta == 1 ? "" : "; e_{k+1}/e_k -> 1 - eta = " + Q(1 - eta).str() + ": linear, one digit per few steps"));
  if (kind.kind == Kind::holds) rule_out<Mpfr>(v, "cubic_convergence", worst_triple, Relation::ge, Mpfr(-1), scale);
  return v;
}

Verdict steps_to_tolerance(int digits, const Rational& x0) {
  const int D = convergence_digits(digits);
  const int digits_eps = 2 * D / 5;  // ε = 10^(−digits_eps)
  const int K = static_cast<int>(std::ceil(std::log2(static_cast<double>(digits_eps)))) + 1;
  // The last step squares an error near ε: computed at D + 100 digits (x* at D + 140) so
  // that the printed e_K (about ε²) is right to the digits shown.
  const std::string x_star_text = exp_quadratic_minimizer_text(D + 140);
  const ScopedDigits guard(D + 100);
  const auto e = exp_errors_here(x_star_text, x0, Q(1), K);
  const Mpfr eps = error_floor(D);
  int first = -1;
  for (std::size_t k = 0; k < e.size() && first < 0; ++k)
    if (e[k] <= eps) first = static_cast<int>(k);
  return compare<Mpfr>("newton_quadratic_convergence",
                       "O(log log(1/eps)) steps: |x_K - x*| <= eps = 10^-" + std::to_string(digits_eps) +
                           " after K = ceil(log2 log10(1/eps)) + 1 = " + std::to_string(K) + " steps",
                       Kind::holds, e.back(), Relation::le, eps, eps,
                       std::to_string(D) + " digits, x_0 = " + x0.str() + "; the first k with e_k <= eps is " +
                           std::to_string(first) + " = ceil(log2 log10(1/eps)); the budget K allows one step more");
}

Verdict far_start_cycles(int digits, const Rational& x0, int steps) {
  const int D = convergence_digits(digits);
  const ScopedDigits guard(D);
  const Trace<Mpfr> tr = sqrt_newton(x0, steps);
  const Mpfr eps = error_floor(D);
  return compare<Mpfr>("newton_quadratic_convergence",
                       "f = sqrt(1 + x^2) (x* = 0, f''(0) = 1) from x_0 = " + x0.str() +
                           ", not close enough: |x_K - x*| <= eps = 10^-" + std::to_string(2 * D / 5),
                       Expect::counterexample("near_minimizer"), abs_value<Mpfr>(tr.x.back()(0)), Relation::le, eps, eps,
                       "Newton's map x -> -x^3 (converges iff |x_0| < 1); x_1 = " + sci(tr.x[1](0)) + ", x_2 = " +
                           sci(tr.x[2](0)) + ", x_K = " + sci(tr.x.back()(0)) + " after K = " + std::to_string(tr.steps()) +
                           " steps");
}

Verdict seed_loglog_theorem(int digits, const Rational& x0, int steps) {
  // Read charitably, in seed 003's strongly convex setting: f = sqrt(1 + x^2) + x^2/40 (f'' >= 1/20,
  // Lipschitz Hessian). Pure Newton from x_0 = 2 falls into the 2-cycle near +-19.87.
  const int D = convergence_digits(digits);
  const ScopedDigits guard(D);
  const SqrtPlusQuadratic f;
  Newton<Mpfr> method(Mpfr(1), Mpfr(0));
  StopRule<Mpfr> stop;
  stop.max_steps = steps;
  const Trace<Mpfr> tr = run<Mpfr>(f, method, Vec<Mpfr>::Constant(1, from_rational<Mpfr>(x0)), stop);
  std::string path;
  for (std::size_t k = 0; k < tr.x.size() && k < 5; ++k) path += (k ? ", " : "") + sci(tr.x[k](0));
  const Mpfr xK = abs_value<Mpfr>(tr.x.back()(0)), xs = abs_value<Mpfr>(tr.x.front()(0));
  const Mpfr misfit =
      audit::derivative_misfit<Mpfr>(f, Vec<Mpfr>::Constant(1, from_rational<Mpfr>(x0)), audit::difference_step());
  Verdict v = compare<Mpfr>("newton_quadratic_convergence",
                            "seed 003: \"Theorem: O(log log(1/eps))\" with no hypotheses; on the strongly convex "
                            "sqrt(1 + x^2) + x^2/40, eta = 1, x_0 = " + x0.str() +
                                ": the error does not grow, |x_K - x*| <= |x_0 - x*|",
                            Expect::refutes(seed003_loglog), xK, Relation::le, xs, Mpfr(xK + xs),
                            "x* = 0, f'' >= 1/20; x_k = " + path + ", ... (a 2-cycle); K = " + std::to_string(tr.steps()) +
                                "; f' and f'' agree with five-point differences of f (relative to their scale) to " + sci(misfit));
  v.pass = v.pass && misfit <= pow(Mpfr(10), -descent::digits() / 2);
  return v;
}

// ---- newton_indefinite_hessian ----

Verdict quartic_step(const Rational& x, const Rational& load, const Expect& kind) {
  const Quartic f;
  const Vec<Q> x0 = Vec<Q>::Constant(1, x);
  const Q h = f.hessian(x0)(0, 0), g = f.gradient(x0)(0);
  if (g == 0) throw std::invalid_argument("quartic_step: x is stationary");
  const bool loaded = load > -h;
  if (kind.kind == Kind::counterexample ? !(load < -h) : !loaded)
    throw std::invalid_argument("quartic_step: lambda > -f''(x) for holds, lambda < -f''(x) for a counterexample");
  Newton<Q> method(Q(1), load);
  const Vec<Q> x1 = method.step(f, x0, f.gradient(x0));
  const Q slope = g * (x1(0) - x);  // f'(x)·s, the derivative of f along the step
  const bool towards_max = abs_value(x1(0)) < abs_value(x);
  const Q f0 = f.value(x0), f1 = f.value(x1);
  return compare<Q>("newton_indefinite_hessian",
                    "f = x^4/4 - x^2/2 at x = " + x.str() + " (f'' = " + h.str() + "), load lambda = " + load.str() +
                        ": s = -(f'' + lambda)^-1 f' is a descent direction, f'(x) s < 0",
                    kind, slope, Relation::lt, Q(0), Q(0),
                    "x + s = " + shown<Q>(x1(0)) + (towards_max ? " (towards the maximum at 0)" : "") + "; f goes from " +
                        shown<Q>(f0) + " to " + shown<Q>(f1) + (f1 > f0 ? ": up" : ": down"));
}

Verdict loaded_direction(const Mat<Rational>& Qm, const std::vector<Rational>& lambda, const Rational& load,
                         const Expect& kind) {
  std::size_t imin = 0;
  for (std::size_t i = 0; i < lambda.size(); ++i)
    if (lambda[i] < lambda[imin]) imin = i;
  const int n = static_cast<int>(lambda.size());
  const Mat<Q> M = with_spectrum<Q>(Qm, lambda) + load * Mat<Q>::Identity(n, n);
  const std::string instance = "H = Q diag(" + list_text(lambda) + ") Q^T, lambda = " + load.str() +
                               ", -lambda_min(H) = " + Q(-lambda[imin]).str();
  if (kind.kind == Kind::counterexample) {
    if (!(load < -lambda[imin])) throw std::invalid_argument("loaded_direction: a counterexample needs lambda < -lambda_min");
    const Vec<Q> g = Qm.col(static_cast<int>(imin));
    const Q slope = g.dot(solve<Q>(M, g));
    Verdict v = compare<Q>("newton_indefinite_hessian",
                           "load lambda = " + load.str() + " too small: -(H + lambda I)^-1 g a descent direction, g^T (H + lambda I)^-1 g > 0",
                           kind, slope, Relation::gt, Q(0), Q(0),
                           instance + ", g = the eigenvector of lambda_min: the loaded step goes uphill");
    if (load > 0) rule_out<Q>(v, "positive_load_enough", slope, Relation::gt, Q(0), Q(0));
    return v;
  }
  if (!(load > -lambda[imin])) throw std::invalid_argument("loaded_direction: holds needs lambda > -lambda_min");
  // The conclusion for every g: (H + λI)^-1 positive definite, by Sylvester's criterion on
  // the exact inverse (columns by LU solves).
  Mat<Q> inv(n, n);
  for (int j = 0; j < n; ++j) inv.col(j) = solve<Q>(M, Vec<Q>(Vec<Q>::Unit(n, j)));
  Q worst = determinant(inv.topLeftCorner(1, 1));
  std::string minors;
  for (int k = 1; k <= n; ++k) {
    const Q m = determinant(inv.topLeftCorner(k, k));
    worst = std::min(worst, m);
    minors += (minors.empty() ? "" : ", ") + shown<Q>(m, 6);
  }
  return compare<Q>("newton_indefinite_hessian",
                    "load lambda = " + load.str() +
                        " > -lambda_min: g^T (H + lambda I)^-1 g > 0 for every g != 0; min leading minor of (H + lambda I)^-1 > 0",
                    kind, worst, Relation::gt, Q(0), Q(0), instance + "; leading minors of the inverse: " + minors);
}

Verdict loaded_direction_attained(const Mat<Rational>& Qm, const std::vector<Rational>& lambda, const Rational& load) {
  std::size_t imin = 0;
  for (std::size_t i = 0; i < lambda.size(); ++i)
    if (lambda[i] < lambda[imin]) imin = i;
  if (lambda[imin] + load == 0) throw std::invalid_argument("loaded_direction_attained: H + lambda I is singular");
  const int n = static_cast<int>(lambda.size());
  const Mat<Q> M = with_spectrum<Q>(Qm, lambda) + load * Mat<Q>::Identity(n, n);
  const Vec<Q> g = Qm.col(static_cast<int>(imin));
  return compare<Q>("newton_indefinite_hessian",
                    "Rayleigh: ||g||^2/(lambda_max + lambda) <= g^T (H + lambda I)^-1 g <= ||g||^2/(lambda_min + lambda); "
                    "the upper bound is attained along the eigenvector g of lambda_min",
                    Kind::tight, Q(g.dot(solve<Q>(M, g))), Relation::eq, Q(g.squaredNorm() / (lambda[imin] + load)), Q(0),
                    "H = Q diag(" + list_text(lambda) + ") Q^T, lambda = " + load.str() +
                        "; left: an LU solve, right: the eigenvalue");
}

// ---- best_step_1d ----

Verdict best_step(const Rational& a, const Rational& b, const Rational& x0) {
  if (!(a > 0)) throw std::invalid_argument("best_step: a > 0");
  auto y = [&](const Q& x) { return a * x * x + b * x; };
  // Central differences with h = 1 are exact on a quadratic.
  const Q d1 = (y(x0 + 1) - y(x0 - 1)) / 2, d2 = y(x0 + 1) - 2 * y(x0) + y(x0 - 1);
  Verdict v = compare<Q>("best_step_1d",
                         "y = a x^2 + b x, a > 0: the distance to the minimizer -b/(2a) is |y'(x_0)| / y''(x_0)", Kind::holds,
                         abs_value<Q>(Q(x0 + b / (2 * a))), Relation::eq, abs_value<Q>(d1) / d2, Q(0),
                         "a = " + a.str() + ", b = " + b.str() + ", x_0 = " + x0.str() + "; y' = " + d1.str() + ", y'' = " +
                             d2.str() + " by exact central differences");
  if (d1 != 0) rule_out<Q>(v, "half_distance", abs_value<Q>(Q(x0 + b / (2 * a))), Relation::eq, Q(abs_value<Q>(d1) / (2 * d2)), Q(0));
  return v;
}

Verdict best_step_concave(const Rational& a, const Rational& b, const Rational& x0) {
  if (!(a < 0)) throw std::invalid_argument("best_step_concave: a < 0");
  if (2 * a * x0 + b == 0) throw std::invalid_argument("best_step_concave: x_0 is the stationary point");
  auto y = [&](const Q& x) { return a * x * x + b * x; };
  const Q x1 = x0 - (2 * a * x0 + b) / (2 * a);
  return compare<Q>("best_step_1d",
                    "a = " + a.str() + " < 0: the Newton step -y'/y'' to the stationary point lowers y, y(x_1) <= y(x_0)",
                    Expect::counterexample("convex"), y(x1), Relation::le, y(x0), Q(0),
                    "b = " + b.str() + ", x_0 = " + x0.str() + ", x_1 = -b/(2a) = " + x1.str() +
                        ": the maximum of y, not a minimum");
}

Verdict seed_signed_best_step(const Rational& a, const Rational& b, const Rational& x0) {
  if (!(a > 0) || !(2 * a * x0 + b < 0))
    throw std::invalid_argument("seed_signed_best_step: needs a > 0 and 2 a x_0 + b < 0");
  const Q d1 = 2 * a * x0 + b, d2 = 2 * a;
  return compare<Q>("best_step_1d",
                    "seed 001: (dy/dx at x_0) / (y'' at x_0) = |2a x_0 + b| / (2a), the left side signed", Expect::refutes(seed001_signed),
                    Q(d1 / d2), Relation::eq, Q(abs_value(d1) / (2 * a)), Q(0),
                    "a = " + a.str() + ", b = " + b.str() + ", x_0 = " + x0.str() + ": 2a x_0 + b = " + d1.str() +
                        " < 0 (x_0 left of the minimizer)");
}

// ---- quasi_newton ----

Vec<Rational> rosenbrock_classic_start() { return (Vec<Q>(2) << Q(-6, 5), Q(1)).finished(); }

Verdict rosenbrock_converges(QuasiNewton which, int digits, int budget, const Vec<Rational>& x0) {
  const ScopedDigits guard(qn_digits(digits));
  const Mpfr tol = qn_tolerance();
  BFGS<Mpfr> bfgs;
  LBFGS<Mpfr> lbfgs(5);
  Optimizer<Mpfr>& method = which == QuasiNewton::bfgs ? static_cast<Optimizer<Mpfr>&>(bfgs) : lbfgs;
  const Trace<Mpfr> tr = rosenbrock_run(method, budget, tol, x0);
  const std::string name = which == QuasiNewton::bfgs ? "BFGS" : "L-BFGS (m = 5)";
  return compare<Mpfr>("quasi_newton",
                       name + " on 2-D Rosenbrock from " + vec_text(x0) + ": ||grad f||^2 <= 10^-40 within " + std::to_string(budget) +
                           " steps",
                       Kind::holds, tr.grad_norm2.back(), Relation::le, tol, tol,
                       std::to_string(qn_digits(digits)) + " digits; " + std::to_string(tr.steps()) +
                           " steps (strong Wolfe line search), f(x_K) = " + sci(tr.f.back()) + ", " + tr.message);
}

Verdict bfgs_curvature(int digits, int budget, const Vec<Rational>& x0) {
  const ScopedDigits guard(qn_digits(digits));
  BFGS<Mpfr> bfgs;
  const Trace<Mpfr> tr = rosenbrock_run(bfgs, budget, qn_tolerance(), x0);
  const Rosenbrock<Mpfr> f(2);
  // The strong Wolfe conditions of the search (c1 = 1e-4, c2 = 0.9), checked afresh on each
  // step s_k from the problem's values and gradients: f(x_k + s) <= f(x_k) + c1 g_k's and
  // |g_{k+1}'s| <= c2 |g_k's|. They imply s'y >= (1 - c2)|g_k's| > 0.
  const Mpfr c1 = Mpfr(1) / 10000, c2 = Mpfr(9) / 10;
  Mpfr worst = 1, worst_other = 1;
  int wolfe = 0, other = 0;
  for (int k = 0; k < tr.steps(); ++k) {
    const Vec<Mpfr> s = tr.x[k + 1] - tr.x[k];
    const Vec<Mpfr> g0 = f.gradient(tr.x[k]), g1 = f.gradient(tr.x[k + 1]);
    const Vec<Mpfr> y = g1 - g0;
    const Mpfr c = s.dot(y) / (s.norm() * y.norm());
    const Mpfr slope0 = g0.dot(s), slope1 = g1.dot(s);
    const bool met = f.value(tr.x[k + 1]) <= f.value(tr.x[k]) + c1 * slope0 && abs_value<Mpfr>(slope1) <= c2 * abs_value<Mpfr>(slope0);
    if (met) {
      ++wolfe;
      worst = std::min(worst, c);
    } else {
      ++other;
      worst_other = std::min(worst_other, c);
    }
  }
  if (wolfe == 0) throw std::invalid_argument("bfgs_curvature: no step met the strong Wolfe conditions (x0 the minimizer?)");
  return compare<Mpfr>("quasi_newton",
                       "BFGS steps meeting the strong Wolfe conditions keep s_k^T y_k > 0: min_k s_k^T y_k / (||s_k|| ||y_k||) > 0",
                       Kind::holds, worst, Relation::gt, Mpfr(0), Mpfr(1),
                       "2-D Rosenbrock from " + vec_text(x0) + ", y_k = grad f(x_{k+1}) - grad f(x_k); " +
                           std::to_string(wolfe) + " of " + std::to_string(tr.steps()) + " steps met strong Wolfe" +
                           (other == 0 ? ""
                                       : "; at the other " + std::to_string(other) +
                                             " the search ran out of trials and returned an Armijo point (min cosine " +
                                             sci(worst_other) + "), a pair the update skips when s'y <= 0"));
}

Verdict gd_behind(int digits, const Rational& eta, int budget) {
  const ScopedDigits guard(qn_digits(digits));
  const Mpfr tol = qn_tolerance();
  BFGS<Mpfr> bfgs;
  LBFGS<Mpfr> lbfgs(5);
  const Vec<Q> x0 = rosenbrock_classic_start();
  const int n_bfgs = rosenbrock_run(bfgs, budget, tol, x0).steps();
  const int n_lbfgs = rosenbrock_run(lbfgs, budget, tol, x0).steps();
  const int N = std::max(n_bfgs, n_lbfgs);
  // GD until the same tolerance (budget 10^6 steps). Near the minimizer (1, 1) the Hessian
  // [[802, -400], [-400, 200]] has lambda_min = 0.3994, and GD shrinks the slow component of
  // the gradient by (1 - eta lambda_min) per step: ||g||^2 falls by a factor 10^-40 in about
  // N_pred = ln(10^40) / (-2 ln(1 - eta lambda_min)) steps. The measured count must lie within
  // a factor 2 of that prediction (the fast first phase and the entry into the valley are
  // what the prediction leaves out).
  GradientDescent<Mpfr> gd(from_rational<Mpfr>(eta));
  const Trace<Mpfr> tr = rosenbrock_run(gd, 1'000'000, tol, x0);
  const bool reached = tr.grad_norm2.back() <= tol;
  const Rosenbrock<Mpfr> f(2);
  const auto ev = symmetric_eigenvalues<Mpfr>(f.hessian(Vec<Mpfr>::Ones(2)));
  const Mpfr lmin = ev.front();
  const Mpfr predicted = log(1 / tol) / (-2 * log(Mpfr(1 - from_rational<Mpfr>(eta) * lmin)));
  const Mpfr n_gd = tr.steps();
  const Mpfr off = n_gd > predicted ? Mpfr(n_gd / predicted) : Mpfr(predicted / n_gd);
  Verdict v = compare<Mpfr>("quasi_newton",
                            "GD with the fixed step " + eta.str() + " needs about ln(10^40)/(-2 ln(1 - eta lambda_min)) "
                            "steps to ||grad f||^2 <= 10^-40: max(measured/predicted, predicted/measured) <= 2",
                            Kind::holds, off, Relation::le, Mpfr(2), Mpfr(1),
                            "BFGS " + std::to_string(n_bfgs) + " steps, L-BFGS " + std::to_string(n_lbfgs) + " steps; GD " +
                                std::to_string(tr.steps()) + " steps (predicted " + descent::to_string<Mpfr>(predicted, 6) +
                                ", lambda_min = " + descent::to_string<Mpfr>(lmin, 6) + ")" +
                                (reached ? "" : "; GD did NOT reach the tolerance"));
  v.pass = v.pass && reached;
  set_ratio<Mpfr>(v, Mpfr(1 / off), "measured GD steps against the predicted count (the smaller over the larger)");
  // "far fewer steps": GD is not within 100 times the quasi-Newton count
  return rule_out<Mpfr>(v, "gd_comparable", n_gd, Relation::le, Mpfr(100 * N), Mpfr(0));
}



std::vector<audit::Misfit> audit_rows() {
  std::vector<audit::Misfit> rows;
  for (const char* x : {"0.4", "-2.3"}) {
    const Vec<Mpfr> p = Vec<Mpfr>::Constant(1, Mpfr(x));
    rows.push_back({std::string("sqrt(1 + x^2) at ") + x, false,
                    audit::derivative_misfit<Mpfr>(SqrtOnePlusSquare(), p, audit::difference_step())});
    rows.push_back({std::string("sqrt(1 + x^2) + x^2/40 at ") + x, false,
                    audit::derivative_misfit<Mpfr>(SqrtPlusQuadratic(), p, audit::difference_step())});
  }
  rows.push_back({"x^4/4 - x^2/2 at 2/3", true,
                  from_rational<Mpfr>(audit::derivative_misfit<Rational>(Quartic(), Vec<Rational>::Constant(1, Rational(2, 3)),
                                                                         Rational(1, 7)))});
  return rows;
}

}  // namespace descent::claims::newton

namespace descent::claims::audit {
std::vector<Misfit> newton_problems() { return newton::audit_rows(); }
}  // namespace descent::claims::audit

// ---- the claims of lesson 07_newton that this file checks: their entries in the claim index
// (claim.hpp), registered here beside their checks (registry.cpp collects every file's)
namespace descent::claims {
std::vector<ClaimInfo> claims_of_newton_checks() {
  return {
      {"newton_one_step_quadratic", "07_newton",
       R"(x_{k+1}=x_k-\eta H^{-1}\nabla f(x_k) \text{ on a quadratic: } e_{k+1}=(1-\eta)e_k;\ \eta=1 \text{ one step},\ 0<\eta<2 \text{ converges})",
       {{"spd", R"(H \text{ positive definite})"}, {"step_below_2", R"(0<\eta<2)"}},
       "seed 002 (for a quadratic the optimal eta is 1, and should not be greater than 2); seed 003",
       {{"range_doubled", R"(\text{the damped Newton step converges on a quadratic for } 0<\eta<4)"}}},
      {"newton_quadratic_convergence", "07_newton",
       R"(e_{k+1}/e_k^2\to\left|\frac{f'''(x^*)}{2f''(x^*)}\right|:\ \text{the correct digits double each step},\ O(\log\log(1/\varepsilon)) \text{ steps})",
       {{"eta_one", R"(\eta=1)"},
        {"near_minimizer", R"(x_0 \text{ close enough to a minimizer with } f''(x^*)>0)"}},
       "seed 003 (Newton's method, theorem O(log log(1/eps))); erratum: the theorem is stated without hypotheses",
       {{"constant_without_half", R"(e_{k+1}/e_k^2\to|f'''(x^*)/f''(x^*)|)"},
        {"cubic_convergence", R"(\text{the correct digits triple each step: } d_{k+1}\ge 3d_k-1)"}}},
      {"newton_indefinite_hessian", "07_newton",
       R"(\nabla^2 f(x)+\lambda I\succ0 \Rightarrow -(\nabla^2 f+\lambda I)^{-1}\nabla f \text{ is a descent direction; without it Newton can move uphill or to a saddle})",
       {{"load_large", R"(\lambda>-\lambda_{\min}(\nabla^2 f(x)))"}},
       "seed 002 (non-convex functions: the Hessian may not be positive semi-definite; diagonal load it)",
       {{"positive_load_enough", R"(\text{any load } \lambda>0 \text{ makes } -(\nabla^2 f+\lambda I)^{-1}\nabla f \text{ a descent direction})"}}},
      {"best_step_1d", "07_newton",
       R"(y=ax^2+bx+c,\ a>0:\ \text{best step } |x_0+\tfrac{b}{2a}|=\frac{|y'(x_0)|}{y''(x_0)})",
       {{"convex", R"(a>0)"}}, "seed 001 (best step = |first derivative| / second derivative); erratum: the signed form",
       {{"half_distance", R"(\text{best step } \frac{|y'(x_0)|}{2y''(x_0)})"}}},
      {"quasi_newton", "07_newton",
       R"(\text{BFGS and L-BFGS: every step meeting the strong Wolfe conditions has } s_k^\top y_k>0;\ \text{they reach } \|\nabla f\|\le\varepsilon \text{ on Rosenbrock in far fewer steps than GD})",
       {}, "seed 002 (BFGS, L-BFGS as remedies); Nocedal & Wright 2006, ch. 6-7",
       {{"gd_comparable", R"(\text{GD reaches } \|\nabla f\|^2\le10^{-40} \text{ within 100 times the steps of BFGS})"}}},
  };
}
}  // namespace descent::claims
