// Claims of lesson 08: momentum. The forms of heavy ball and Nesterov and their
// equivalences, heavy ball's rate from the iteration matrix, the Lessard–Recht–Packard cycle,
// Nesterov's strongly convex rate and momentum on a plane.
#include "momentum_checks.hpp"

#include <cmath>
#include <stdexcept>

#include "descent/optimizers/momentum.hpp"
#include "descent/optimizers/schedules.hpp"
#include "descent/problems/test_functions.hpp"
#include "instance_text.hpp"

namespace descent::claims::momentum {

namespace {
using Q = Rational;
using descent::abs_value;
using detail::pow10;
using descent::power;
using detail::scalar_vec;
using detail::seed002;
using detail::seed003;
using detail::vec_text;
const Erratum seed003_lookahead{
    seed003, 94, "**Method:**  $v_{t+1} = -\\nabla f(x_t + \\beta v_t) + \\beta v_t$",
    "with x_{t+1} = x_t + eta v_{t+1} (line 96) the momentum step is eta beta v_t, so the look-ahead point is "
    "x_t + eta beta v_t: v_{t+1} = -grad f(x_t + eta beta v_t) + beta v_t (equivalently seed 002's "
    "Delta W = beta Delta W - eta grad Loss(W + beta Delta W)); as written it is Nesterov's method only for eta = 1"};
const Erratum seed002_superior{
    seed002, 1851, "- Momentum methods which emphasize directions of steady improvement are demonstrably superior to other methods",
    "momentum is faster on quadratics (about sqrt(kappa) ln(1/eps) steps against kappa ln(1/eps)), but not on every "
    "strongly convex function: heavy ball tuned for (mu, L) cycles on Lessard's function where gradient descent "
    "with eta = 1/L converges; Nesterov's scheme keeps a guarantee"};
const Erratum seed002_reinit{
    seed002, 1813, "- For all layers k , initialize $\\nabla_{\\mathbf{W}_k} Loss = 0, \\Delta W_k = 0$",
    "initialize Delta W_k = 0 once, before Do:, and reset only the gradient sum every pass; as written (inside the "
    "loop) Delta W_k is 0 at every look-ahead and the loop is plain gradient descent (the same slip is on line 1681)"};

std::vector<Vec<Q>> path(const Problem<Q>& f, Optimizer<Q>& opt, const Vec<Q>& x0, int steps) {
  return run<Q>(f, opt, x0, detail::stop_after<Q>(steps)).x;
}
Q misfit(const std::vector<Vec<Q>>& a, const std::vector<Vec<Q>>& b) {
  if (a.size() != b.size()) throw std::logic_error("momentum: trajectories of different lengths");
  Q m = 0;
  for (std::size_t k = 0; k < a.size(); ++k) m += (a[k] - b[k]).squaredNorm();
  return m;
}

// An upper bound of √d (d ≥ 0) as a rational with 40 decimals.
Q sqrt_upper(const Q& d) {
  using Z = boost::multiprecision::mpz_int;
  if (auto r = exact_sqrt(d)) return *r;
  const Z p = boost::multiprecision::numerator(d), q = boost::multiprecision::denominator(d);
  const Z scale = boost::multiprecision::pow(Z(10), 40);
  const Z root = boost::multiprecision::sqrt(Z(p * q * scale * scale)) + 1;
  return Q(root) / Q(Z(q * scale));
}
// ρ² of z² + a1 z + a0 (real coefficients): a0 for complex roots, the square of the larger
// |root| otherwise (exact when the discriminant is a rational square, else an upper bound).
Q radius_squared(const Q& a1, const Q& a0) {
  const Q disc = a1 * a1 - 4 * a0;
  if (disc < 0) return a0;
  const Q r = (abs_value<Q>(a1) + sqrt_upper(disc)) / 2;
  return r * r;
}

// Heavy ball's tuning for μ = 1, L = s².
struct Polyak {
  Q eta, beta, rho;
  explicit Polyak(const Q& s) : eta(Q(4) / ((s + 1) * (s + 1))), beta(((s - 1) / (s + 1)) * ((s - 1) / (s + 1))),
                                rho((s - 1) / (s + 1)) {}
};

Quadratic<Q> one_d(const Q& a) { return Quadratic<Q>(Mat<Q>::Constant(1, 1, a), Vec<Q>::Zero(1), Q(0)); }

// The three points of the attracting 3-cycle of heavy ball (η = 1/9, β = 4/9) on the
// Lessard function with μ = 1, L = 25, in the order visited.
const std::vector<Q>& lessard_cycle_points() {
  static const std::vector<Q> c = {Q(792, 1225), Q(-2208, 1225), Q(2592, 1225)};
  return c;
}
std::string doubles_text(const std::vector<Vec<Q>>& xs, std::size_t count) {
  std::string s;
  for (std::size_t k = 0; k < xs.size() && k < count; ++k) s += (k ? ", " : "") + xs[k](0).str();
  return s;
}
}  // namespace

// ---- heavy_ball_forms, nesterov_forms ----

Verdict heavy_ball_forms_agree(const Problem<Q>& f, const Vec<Q>& x0, const Q& eta, const Q& beta, int steps) {
  Momentum<Q> notes(eta, beta, MomentumForm::notes, false), torch(eta, beta, MomentumForm::pytorch, false);
  HeavyBall<Q> s003(eta, beta);
  const auto a = path(f, notes, x0, steps), b = path(f, s003, x0, steps), c = path(f, torch, x0, steps);
  return compare<Q>("heavy_ball_forms",
                    "the notes' v <- beta v - eta grad f, x <- x + v (seed 002), seed 003's v <- -grad f + beta v, "
                    "x <- x + eta v and PyTorch's b <- beta b + grad f, x <- x - eta b give the same x_k",
                    Kind::holds, Q(misfit(a, b) + misfit(a, c)), Relation::eq, Q(0), Q(0),
                    f.name() + ", x_0 = " + vec_text<Q>(x0) + ", eta = " + eta.str() + ", beta = " + beta.str() + ", " +
                        std::to_string(steps) + " steps; sum over k of ||x_k(notes) - x_k(003)||^2 + ||x_k(notes) - "
                        "x_k(pytorch)||^2; x_" + std::to_string(steps) + " = " + vec_text<Q>(a.back()));
}

Verdict heavy_ball_forms_under_schedule(const Problem<Q>& f, const Vec<Q>& x0, const Q& eta, const Q& beta) {
  Scheduled<Q> notes(std::make_unique<Momentum<Q>>(eta, beta, MomentumForm::notes, false), Schedule<Q>::inverse());
  Scheduled<Q> torch(std::make_unique<Momentum<Q>>(eta, beta, MomentumForm::pytorch, false), Schedule<Q>::inverse());
  const auto a = path(f, notes, x0, 2), b = path(f, torch, x0, 2);
  const Vec<Q> diff = a[2] - b[2];
  return compare<Q>("heavy_ball_forms",
                    "under eta_k = eta/(k + 1) the notes' and PyTorch's forms still agree at step 2: "
                    "||x_2(notes) - x_2(pytorch)||^2 = 0",
                    Expect::counterexample("constant_eta"), Q(diff.squaredNorm()), Relation::eq, Q(0), Q(0),
                    f.name() + ", x_0 = " + vec_text<Q>(x0) + ", eta_0 = " + eta.str() + ", eta_1 = " + Q(eta / 2).str() +
                        ", beta = " + beta.str() + "; x_1 agree, x_2(notes) - x_2(pytorch) = " + vec_text<Q>(diff) +
                        ": PyTorch's buffer (and seed 003's v) forgets the old eta, the notes' Delta W keeps it");
}

Verdict heavy_ball_schedule_difference(const Problem<Q>& f, const Vec<Q>& x0, const Q& eta, const Q& beta) {
  Scheduled<Q> notes(std::make_unique<Momentum<Q>>(eta, beta, MomentumForm::notes, false), Schedule<Q>::inverse());
  Scheduled<Q> torch(std::make_unique<Momentum<Q>>(eta, beta, MomentumForm::pytorch, false), Schedule<Q>::inverse());
  const auto a = path(f, notes, x0, 2), b = path(f, torch, x0, 2);
  const Q eta0 = eta, eta1 = eta / 2;
  const Vec<Q> predicted = -beta * (eta0 - eta1) * f.gradient(x0);  // derived by hand, see the lesson
  Verdict v = compare<Q>("heavy_ball_forms",
                    "under a schedule the two forms differ at step 2 by exactly -beta (eta_0 - eta_1) grad f(x_0) "
                    "(squared misfit to that prediction)",
                    Kind::holds, Q((a[2] - b[2] - predicted).squaredNorm()), Relation::eq, Q(0), Q(0),
                    f.name() + ", eta_k = eta/(k + 1), eta = " + eta.str() + ", beta = " + beta.str() +
                        ": notes x_2 = x_1 + beta(-eta_0 g_0) - eta_1 g_1, PyTorch x_2 = x_1 - eta_1(beta g_0 + g_1)");
  const Q gap = (a[2] - b[2]).squaredNorm();
  return rule_out(v, "schedule_invariant", gap != 0, "||x_2(notes) - x_2(pytorch)||^2 = " + shown<Q>(gap));
}

Verdict nesterov_forms_agree(const Problem<Q>& f, const Vec<Q>& x0, const Q& eta, const Q& beta, int steps) {
  Momentum<Q> notes(eta, beta, MomentumForm::notes, true), torch(eta, beta, MomentumForm::pytorch, true);
  const auto x = path(f, notes, x0, steps), p = path(f, torch, x0, steps);
  Q look_misfit = 0;
  for (std::size_t k = 0; k < x.size(); ++k) {
    const Vec<Q> v = k == 0 ? Vec<Q>(Vec<Q>::Zero(x0.size())) : Vec<Q>(x[k] - x[k - 1]);
    look_misfit += (p[k] - (x[k] + beta * v)).squaredNorm();
  }
  // seed 002, "Training with Nestorov", lines 1815-1822, with Delta W = 0 once before the loop
  Vec<Q> W = x0, dW = Vec<Q>::Zero(x0.size());
  Q code_misfit = (W - x[0]).squaredNorm();
  for (int k = 1; k <= steps; ++k) {
    W = W + beta * dW;              // 1815: W_k = W_k + beta Delta W_k
    const Vec<Q> grad = f.gradient(W);  // 1818-1819: the gradient at the look-ahead point
    W = W - eta * grad;             // 1821
    dW = beta * dW - eta * grad;    // 1822
    code_misfit += (W - x[static_cast<std::size_t>(k)]).squaredNorm();
  }
  Verdict out = compare<Q>("nesterov_forms",
                    "PyTorch's nesterov=True iterate p_k is the notes' look-ahead point x_k + beta v_k, and seed "
                    "002's pseudo-code (lines 1815-1822, Delta W initialized once) gives the notes' x_k",
                    Kind::holds, Q(look_misfit + code_misfit), Relation::eq, Q(0), Q(0),
                    f.name() + ", x_0 = " + vec_text<Q>(x0) + ", eta = " + eta.str() + ", beta = " + beta.str() + ", " +
                        std::to_string(steps) + " steps; sum of ||p_k - (x_k + beta v_k)||^2 = " + look_misfit.str() +
                        " and of ||W_k - x_k||^2 = " + code_misfit.str());
  // PyTorch's p_k is the look-ahead point, not the notes' x_k (with beta = 0 they coincide)
  if (beta != 0) rule_out<Q>(out, "pytorch_iterate_is_x", misfit(p, x), Relation::eq, Q(0), Q(0));
  return out;
}

Verdict nesterov_forms_under_schedule(const Problem<Q>& f, const Vec<Q>& x0, const Q& eta, const Q& beta, int steps) {
  Scheduled<Q> notes(std::make_unique<Momentum<Q>>(eta, beta, MomentumForm::notes, true), Schedule<Q>::inverse());
  Scheduled<Q> torch(std::make_unique<Momentum<Q>>(eta, beta, MomentumForm::pytorch, true), Schedule<Q>::inverse());
  const auto x = path(f, notes, x0, steps), p = path(f, torch, x0, steps);
  Q look_misfit = 0;
  for (std::size_t k = 0; k < x.size(); ++k) {
    const Vec<Q> v = k == 0 ? Vec<Q>(Vec<Q>::Zero(x0.size())) : Vec<Q>(x[k] - x[k - 1]);
    look_misfit += (p[k] - (x[k] + beta * v)).squaredNorm();
  }
  return compare<Q>("nesterov_forms",
                    "under eta_k = eta/(k + 1) PyTorch's nesterov=True iterate is still the notes' look-ahead point "
                    "x_k + beta v_k (sum of squared misfits)",
                    Expect::counterexample("constant_eta"), look_misfit, Relation::eq, Q(0), Q(0),
                    f.name() + ", x_0 = " + vec_text<Q>(x0) + ", eta = " + eta.str() + ", beta = " + beta.str() + ", " +
                        std::to_string(steps) + " steps: the buffer b = -v/eta holds only for a constant eta");
}

Verdict seed_lookahead(const Problem<Q>& f, const Vec<Q>& x0, const Q& eta, const Q& beta, int steps) {
  Momentum<Q> nesterov(eta, beta, MomentumForm::notes, true);
  const auto right = path(f, nesterov, x0, steps);
  std::vector<Vec<Q>> seed{x0};
  Vec<Q> x = x0, v = Vec<Q>::Zero(x0.size());
  for (int k = 0; k < steps; ++k) {
    v = -f.gradient(Vec<Q>(x + beta * v)) + beta * v;  // line 94
    x = x + eta * v;                                   // line 96
    seed.push_back(x);
  }
  return compare<Q>("nesterov_forms",
                    "seed 003: v <- -grad f(x + beta v) + beta v, x <- x + eta v is Nesterov's method: its x_k equal "
                    "those of v <- beta v - eta grad f(x + beta v), x <- x + v (sum of squared differences)",
                    Expect::refutes(seed003_lookahead), misfit(seed, right), Relation::eq, Q(0), Q(0),
                    f.name() + ", eta = " + eta.str() + ", beta = " + beta.str() + ", x_0 = " + vec_text<Q>(x0) + ", " +
                        std::to_string(steps) + " steps: seed 003's x_K = " + vec_text<Q>(seed.back()) +
                        ", Nesterov's x_K = " + vec_text<Q>(right.back()));
}

Verdict seed_pseudocode_reinitialized(const Problem<Q>& f, const Vec<Q>& x0, const Q& eta, const Q& beta, int steps) {
  Momentum<Q> nesterov(eta, beta, MomentumForm::notes, true);
  GradientDescent<Q> gd(eta);
  const auto right = path(f, nesterov, x0, steps), plain = path(f, gd, x0, steps);
  std::vector<Vec<Q>> written{x0};
  Vec<Q> W = x0;
  for (int k = 0; k < steps; ++k) {
    Vec<Q> dW = Vec<Q>::Zero(x0.size());  // 1813, inside Do:
    W = W + beta * dW;                    // 1815
    const Vec<Q> grad = f.gradient(W);
    W = W - eta * grad;                   // 1821
    dW = beta * dW - eta * grad;          // 1822 (forgotten at the next pass)
    written.push_back(W);
  }
  return compare<Q>("nesterov_forms",
                    "seed 002's \"Training with Nestorov\" as written (Delta W_k = 0 at the top of every pass) is "
                    "Nesterov's method: its W_k equal the look-ahead form's x_k",
                    Expect::refutes(seed002_reinit), misfit(written, right), Relation::eq, Q(0), Q(0),
                    f.name() + ", x_0 = " + vec_text<Q>(x0) + ", eta = " + eta.str() + ", beta = " + beta.str() + ", " +
                        std::to_string(steps) + " steps; as written the W_k equal gradient descent's exactly (sum of "
                        "squared differences " + misfit(written, plain).str() + ")");
}

// ---- heavy_ball_quadratic_rate ----

Verdict polyak_radius_exact(const Q& s, const std::vector<Q>& lambdas) {
  const Polyak p(s);
  const Q L = s * s;
  Q worst = -1000;
  std::string per;
  for (const auto& lambda : lambdas) {
    if (lambda < 1 || lambda > L) throw std::invalid_argument("polyak_radius_exact: lambda outside [1, s^2]");
    const Q c = 1 + p.beta - p.eta * lambda, disc = c * c - 4 * p.beta;
    worst = std::max(worst, disc);
    per += (per.empty() ? "" : ", ") + lambda.str() + ": " + shown<Q>(disc);
  }
  return compare<Q>("heavy_ball_quadratic_rate",
                    "Polyak's tuning puts every eigenvalue in [mu, L] in the complex (or double-root) regime: the "
                    "largest discriminant of p(z) = z^2 - (1 + beta - eta lambda) z + beta is 0, attained at mu and L",
                    Kind::tight, worst, Relation::eq, Q(0), Q(0),
                    "mu = 1, L = " + L.str() + ", eta = " + p.eta.str() + ", beta = " + p.beta.str() +
                        "; discriminant per lambda: " + per + " (a convex quadratic in lambda with roots mu and L); "
                        "so |z|^2 = det T = beta at every lambda and rho = sqrt(beta) = " + p.rho.str() +
                        " = (sqrt(kappa) - 1)/(sqrt(kappa) + 1)");
}

Verdict polyak_radius_mpfr(const Q& kappa) {
  using std::sqrt;
  const Mpfr k = from_rational<Mpfr>(kappa), s = sqrt(k);
  const Mpfr eta = 4 / ((s + 1) * (s + 1)), beta = ((s - 1) / (s + 1)) * ((s - 1) / (s + 1));
  Mpfr worst = 0, worst_misfit = 0;
  for (int j = 0; j <= 100; ++j) {
    const Mpfr lambda = 1 + (k - 1) * j / 100;
    // The characteristic polynomial is read off the library's heavy-ball iteration, not from
    // the formula: on f = lambda x^2/2 from x_0 = 1 (v_0 = 0) the iterates obey
    // x_{k+1} = c x_k - b x_{k-1} for k >= 1, and x_1..x_3 determine c and b (p(z) = z^2 - c z + b).
    const Quadratic<Mpfr> f1(Mat<Mpfr>::Constant(1, 1, lambda), Vec<Mpfr>::Zero(1), Mpfr(0));
    Momentum<Mpfr> hb(eta, beta, MomentumForm::notes, false);
    StopRule<Mpfr> stop;
    stop.max_steps = 3;
    const Trace<Mpfr> tr = run<Mpfr>(f1, hb, Vec<Mpfr>::Ones(1), stop);
    const Mpfr x0 = tr.x[0](0), x1 = tr.x[1](0), x2 = tr.x[2](0), x3 = tr.x[3](0);
    const Mpfr det = x1 * x1 - x2 * x0;  // [x1 -x0; x2 -x1] (c, b) = (x2, x3)
    const Mpfr c = (x2 * (-x1) - (-x0) * x3) / (-det), b = (x1 * x3 - x2 * x2) / (-det);
    worst_misfit = std::max(worst_misfit, Mpfr(abs(Mpfr(c - (1 + beta - eta * lambda))) + abs(Mpfr(b - beta))));
    const Mpfr disc = c * c - 4 * b;
    // eigenvalues (c ± √disc)/2: a complex pair of modulus √(c²/4 − disc/4) when disc < 0. At
    // λ = μ and λ = L the discriminant is 0 in exact arithmetic (a double root); a rounded
    // disc within the tolerance 64 ε (c² + 4β) is taken as 0, since its square root would
    // carry an error of order √ε.
    // disc is a difference of products of iterates: within about 10^4 eps of 0 it is taken as 0
    // (the double roots at mu and L), since its square root would carry an error of order sqrt(eps)
    const Mpfr tol = 10000 * epsilon<Mpfr>() * (c * c + 4 * abs(b));
    const Mpfr r = disc <= tol ? Mpfr(sqrt(abs(b))) : Mpfr((abs(c) + sqrt(disc)) / 2);
    if (r > worst) worst = r;
  }
  const Mpfr formula = (s - 1) / (s + 1);
  Verdict v = compare<Mpfr>("heavy_ball_quadratic_rate",
                            "at high precision: max over 101 eigenvalues in [1, kappa] of the spectral radius of the "
                            "heavy-ball iteration (its p(z) read off the library's iterates) = (sqrt(kappa) - 1)/(sqrt(kappa) + 1)",
                            Kind::tight, worst, Relation::eq, formula, Mpfr(10000 * (worst + formula + 2) / 64),
                            "kappa = " + kappa.str() + ", sqrt(kappa) irrational; eta = 4/(sqrt(kappa) + 1)^2 = " +
                                shown<Mpfr>(eta) + ", beta = " + shown<Mpfr>(beta) + "; the coefficients read off x_1..x_3 "
                                "agree with 1 + beta - eta lambda and beta to " + shown<Mpfr>(worst_misfit, 3) +
                                "; iterations to eps: about ln(1/eps)/ln(1/rho) ~ (sqrt(kappa)/2) ln(1/eps), against "
                                "(kappa/2) ln(1/eps) for GD");
  v.pass = v.pass && worst_misfit <= 10000 * epsilon<Mpfr>() * (k + 2);
  return rule_out<Mpfr>(v, "gd_rate", worst, Relation::eq, Mpfr((k - 1) / (k + 1)), Mpfr(10000 * (worst + formula + 2) / 64));
}

namespace {
// A lower bound of √d (d ≥ 0), 40 decimals.
Q sqrt_lower(const Q& d) {
  using Z = boost::multiprecision::mpz_int;
  if (auto r = exact_sqrt(d)) return *r;
  const Z p = boost::multiprecision::numerator(d), q = boost::multiprecision::denominator(d);
  const Z scale = boost::multiprecision::pow(Z(10), 40);
  return Q(Z(boost::multiprecision::sqrt(Z(p * q * scale * scale)))) / Q(Z(q * scale));
}
}  // namespace

Verdict stability(const Q& beta, const Q& h) {
  if (!(beta >= 0 && beta < 1 && h > 0)) throw std::invalid_argument("stability: needs 0 <= beta < 1, h > 0");
  const Q a1 = -(1 + beta - h), a0 = beta, disc = a1 * a1 - 4 * a0;
  const std::string inst = "beta = " + beta.str() + ", h = eta lambda = " + h.str() + ", 2 + 2 beta = " +
                           Q(2 + 2 * beta).str() + "; p(z) = z^2 - (1 + beta - h) z + beta, discriminant " + shown<Q>(disc);
  if (h < 2 + 2 * beta) {
    Verdict v = compare<Q>("heavy_ball_quadratic_rate",
                           "0 < eta lambda < 2 + 2 beta (0 <= beta < 1): both roots inside the unit circle, rho^2 < 1 (rho^2 "
                           "from the roots: beta if complex, else an upper bound of the larger |root|^2)",
                           Kind::holds, radius_squared(a1, a0), Relation::lt, Q(1), Q(0), inst);
    // between 2 + beta and 2 + 2 beta the edge 2 + beta would predict instability
    if (h >= 2 + beta) rule_out<Q>(v, "edge_2_plus_beta", radius_squared(a1, a0), Relation::ge, Q(1), Q(0));
    return v;
  }
  if (h == 2 + 2 * beta)
    return compare<Q>("heavy_ball_quadratic_rate",
                      "at eta lambda = 2 + 2 beta, the edge: the roots are -1 and -beta, rho^2 = 1",
                      Kind::tight, radius_squared(a1, a0), Relation::eq, Q(1), Q(0), inst);
  // a lower bound of the larger |root| = (|a1| + √disc)/2 (real roots: disc > 0 here)
  const Q r = (abs_value<Q>(a1) + sqrt_lower(disc)) / 2;
  return compare<Q>("heavy_ball_quadratic_rate",
                    "eta lambda > 2 + 2 beta: a real root beyond -1, rho > 1 (lower bound of the larger |root|)",
                    Kind::holds, r, Relation::gt, Q(1), Q(0), inst + "; the iteration diverges");
}

Verdict critical_beta(const Q& root_h) {
  if (!(root_h > 0 && root_h < 1)) throw std::invalid_argument("critical_beta: needs 0 < sqrt(h) < 1");
  const Q h = root_h * root_h, beta = (1 - root_h) * (1 - root_h);
  const Q a1 = -(1 + beta - h), disc = a1 * a1 - 4 * beta;
  return compare<Q>("heavy_ball_quadratic_rate",
                    "at the critical beta = (1 - sqrt(eta lambda))^2 the root is double and rho = 1 - sqrt(eta lambda) "
                    "(rho^2 compared)",
                    Kind::tight, radius_squared(a1, beta), Relation::eq, Q((1 - root_h) * (1 - root_h)), Q(0),
                    "eta lambda = " + h.str() + ", beta = " + beta.str() + ", discriminant " + disc.str() +
                        "; a smaller beta leaves a real root above 1 - sqrt(h), a larger one gives |z| = sqrt(beta) > "
                        "1 - sqrt(h)");
}

Verdict transient_growth(const Q& s, int steps) {
  const Polyak p(s);
  const Quadratic<Q> f = one_d(Q(1));
  Momentum<Q> hb(p.eta, p.beta, MomentumForm::notes, false);
  const auto x = path(f, hb, scalar_vec(Q(1)), steps);
  Q worst = 0, rho_t = 1;
  int worst_t = 0;
  for (int t = 0; t <= steps; ++t) {
    const Q r = abs_value<Q>(x[static_cast<std::size_t>(t)](0)) / rho_t;
    if (r > worst) {
      worst = r;
      worst_t = t;
    }
    rho_t *= p.rho;
  }
  return compare<Q>("heavy_ball_quadratic_rate",
                    "the naive bound ||x_t|| <= rho^t ||x_0|| for heavy ball (its companion matrix T is never normal), "
                    "at t = 1 on the eigenvalue lambda = mu",
                    Expect::counterexample("normal"), abs_value<Q>(x[1](0)), Relation::le, Q(p.rho), Q(0),
                    "kappa = " + Q(s * s).str() + ", eta = " + p.eta.str() + ", beta = " + p.beta.str() + ", rho = " +
                        p.rho.str() + ", lambda = 1, x_0 = 1, v_0 = 0: x_1 = " + x[1](0).str() +
                        "; |x_t|/rho^t grows to " + shown<Q>(worst) + " at t = " + std::to_string(worst_t) +
                        " (a double root, a Jordan block: the true bound is ||x_t|| <= C (t + 1) rho^t); at lambda = 2 "
                        "too x_1 = 113/121 > 99/121");
}

Verdict gd_naive_bound(int steps) {
  const Mat<Q> R = cayley_orthogonal<Q>(3, {Q(1, 2), Q(-1, 3), Q(1, 4)});
  const Quadratic<Q> f(with_spectrum<Q>(R, {Q(1), Q(4), Q(25)}), Vec<Q>::Zero(3), Q(0));
  const Q eta(1, 25), rho(24, 25);  // ρ(I − ηA) = max |1 − ηλ| = 24/25
  GradientDescent<Q> gd(eta);
  const Vec<Q> x0 = (Vec<Q>(3) << 3, 1, -2).finished();
  const auto x = path(f, gd, x0, steps);
  Q worst = 0, r2t = 1;
  for (const auto& xt : x) {
    worst = std::max(worst, Q(xt.squaredNorm() / (r2t * x0.squaredNorm())));
    r2t *= rho * rho;
  }
  return compare<Q>("heavy_ball_quadratic_rate",
                    "for a normal iteration matrix (GD's symmetric I - eta A) the naive bound holds: ||x_t||^2 <= "
                    "rho^{2t} ||x_0||^2 for every t (largest ratio <= 1)",
                    Kind::holds, worst, Relation::le, Q(1), Q(0),
                    "rotated 3x3 quadratic, spectrum 1, 4, 25, eta = 1/25, rho = 24/25, x_0 = (3, 1, -2), " +
                        std::to_string(steps) + " steps");
}

namespace {
// Steps until ‖x_t‖ ≤ ε‖x_0‖ (double), at most `cap`.
long count_until(const Problem<double>& f, Optimizer<double>& opt, const Vec<double>& x0, double eps, long cap) {
  opt.reset(static_cast<int>(x0.size()));
  Vec<double> x = x0;
  const double target = eps * x0.norm();
  for (long t = 0; t < cap; ++t) {
    if (x.norm() <= target) return t;
    x = opt.step(f, x, f.gradient(x));
  }
  return cap;
}
Quadratic<double> spread_quadratic(double kappa, int n) {
  Vec<double> d(n);
  for (int i = 0; i < n; ++i) d(i) = n == 1 ? 1.0 : std::pow(kappa, double(i) / double(n - 1));
  return Quadratic<double>(Mat<double>(d.asDiagonal()), Vec<double>::Zero(n), 0.0);
}
}  // namespace

std::vector<long> iteration_counts(double kappa, double eps) {
  const auto f = spread_quadratic(kappa, 2);
  const Vec<double> x0 = Vec<double>::Ones(2);
  const double s = std::sqrt(kappa);
  GradientDescent<double> gd(2.0 / (kappa + 1.0));
  Momentum<double> hb(4.0 / ((s + 1) * (s + 1)), ((s - 1) / (s + 1)) * ((s - 1) / (s + 1)), MomentumForm::notes, false);
  auto nesterov = Momentum<double>::accelerated(kappa, 1.0);
  const long cap = static_cast<long>(10 * kappa * std::log(1 / eps)) + 1000;
  return {count_until(f, gd, x0, eps, cap), count_until(f, hb, x0, eps, cap), count_until(f, nesterov, x0, eps, cap)};
}

std::vector<std::vector<double>> error_curves(double kappa, int steps) {
  const auto f = spread_quadratic(kappa, 10);
  const Vec<double> x0 = Vec<double>::Ones(10);
  const double s = std::sqrt(kappa);
  GradientDescent<double> gd(2.0 / (kappa + 1.0));
  Momentum<double> hb(4.0 / ((s + 1) * (s + 1)), ((s - 1) / (s + 1)) * ((s - 1) / (s + 1)), MomentumForm::notes, false);
  auto nesterov = Momentum<double>::accelerated(kappa, 1.0);
  std::vector<std::vector<double>> out;
  for (Optimizer<double>* m : {static_cast<Optimizer<double>*>(&gd), static_cast<Optimizer<double>*>(&hb),
                               static_cast<Optimizer<double>*>(&nesterov)}) {
    m->reset(10);
    Vec<double> x = x0;
    std::vector<double> e;
    for (int t = 0; t <= steps; ++t) {
      e.push_back(x.norm() / x0.norm());
      x = m->step(f, x, f.gradient(x));
    }
    out.push_back(std::move(e));
  }
  return out;
}

Verdict iterations_to_tolerance(double kappa, double eps) {
  const auto counts = iteration_counts(kappa, eps);
  // The predicted count: the error behaves like t rho^t (the double root, a Jordan block) with
  // ln(1/rho) ~ 2/sqrt(kappa), so t solves t = (sqrt(kappa)/2)(ln(1/eps) + ln t) (fixed point).
  double predicted = std::sqrt(kappa) / 2 * std::log(1 / eps);
  for (int i = 0; i < 20; ++i) predicted = std::sqrt(kappa) / 2 * (std::log(1 / eps) + std::log(predicted));
  const double measured = double(counts[1]);
  const double off = measured > predicted ? measured / predicted : predicted / measured;
  Verdict v = compare<double>("heavy_ball_quadratic_rate",
                              "measured: tuned heavy ball reaches ||x_t|| <= eps ||x_0|| in the predicted number of steps, "
                              "t = (sqrt(kappa)/2)(ln(1/eps) + ln t): max(measured/predicted, predicted/measured) <= 1.1",
                              Kind::holds, off, Relation::le, 1.1, 1.0,
                              "diag(1, kappa), kappa = " + descent::to_string<double>(kappa, 6) + ", x_0 = (1, 1), eps = " +
                                  descent::to_string<double>(eps, 3) + ": heavy ball " + std::to_string(counts[1]) +
                                  " steps against the predicted " + descent::to_string<double>(predicted, 5) +
                                  ", Nesterov's scheme " + std::to_string(counts[2]) + ", GD with eta = 2/(L + mu) " +
                                  std::to_string(counts[0]) + " (about (kappa/2) ln(1/eps) = " +
                                  descent::to_string<double>(kappa / 2 * std::log(1 / eps), 6) + ")");
  set_ratio<double>(v, 1 / off, "measured steps against the predicted count (the smaller over the larger)");
  // GD's rate (kappa - 1)/(kappa + 1) would need about (kappa/2) ln(1/eps) steps
  return rule_out<double>(v, "gd_rate", measured, Relation::ge, kappa / 2 * std::log(1 / eps) / 2, 1.0);
}

// ---- heavy_ball_not_global ----

Verdict lessard_smooth_strongly_convex() {
  const Lessard<Q> f(Q(1), Q(25));
  const std::vector<Q> grid = {Q(-3), Q(-1), Q(0), Q(1, 2), Q(99, 100), Q(1), Q(101, 100), Q(3, 2),
                               Q(199, 100), Q(2), Q(201, 100), Q(5, 2), Q(3), Q(4)};
  Q worst = -1, lo = 1000, hi = -1000;
  for (std::size_t i = 0; i < grid.size(); ++i)
    for (std::size_t j = i + 1; j < grid.size(); ++j) {
      const Q r = (f.gradient(scalar_vec(grid[i]))(0) - f.gradient(scalar_vec(grid[j]))(0)) / (grid[i] - grid[j]);
      lo = std::min(lo, r);
      hi = std::max(hi, r);
      worst = std::max(worst, std::max(Q(r - 25), Q(1 - r)));
    }
  return compare<Q>("heavy_ball_not_global",
                    "the Lessard function is 1-strongly convex and 25-smooth: mu <= (f'(x) - f'(y))/(x - y) <= L on "
                    "every pair of a grid straddling the breakpoints (the larger violation of the two bounds <= 0)",
                    Kind::holds, worst, Relation::le, Q(0), Q(0),
                    "f' = 25x (x < 1), x + 24 (1 <= x < 2), 25x - 24 (x >= 2), continuous at 1 and 2, so piecewise "
                    "linear with slopes 25, 1, 25: a quotient across pieces is a weighted mean of those slopes, and the "
                    "grid (pairs within and across pieces) is exhaustive for the bounds; " +
                        std::to_string(grid.size()) + " points; difference quotients from " + lo.str() + " to " +
                        hi.str());
}

Verdict lessard_cycle(int steps) {
  if (steps < 3) throw std::invalid_argument("lessard_cycle: needs at least 3 steps (one period)");
  const Lessard<Q> f(Q(1), Q(25));
  const auto& c = lessard_cycle_points();
  Momentum<Q> hb(Q(1, 9), Q(4, 9), MomentumForm::notes, false);
  hb.set_initial_step(scalar_vec(Q(c[1] - c[0])));
  const auto x = path(f, hb, scalar_vec(c[1]), steps);
  const bool periodic = x.size() > 3 && x[3] == x[0];
  Verdict v = compare<Q>("heavy_ball_not_global",
                    "heavy ball tuned for mu = 1, L = 25 (eta = 4/(sqrt L + sqrt mu)^2 = 1/9, beta = 4/9) converges on "
                    "the Lessard function: |x_K - x*| <= |x_0 - x*|/1000",
                    Expect::counterexample("quadratic"), abs_value<Q>(x.back()(0)), Relation::le,
                    Q(abs_value<Q>(x[0](0)) / 1000), Q(0),
                    "x* = 0; from (x_{-1}, x_0) = (" + c[0].str() + ", " + c[1].str() + "): x_1, x_2, x_3 = " +
                        x[1](0).str() + ", " + x[2](0).str() + ", " + x[3](0).str() +
                        (periodic ? " = x_0 exactly: a 3-cycle" : " (not periodic)") + "; K = " + std::to_string(steps) +
                        ", f stays at " + f.value(x[0]).str() + ", " + f.value(x[1]).str() + ", " +
                        f.value(x[2]).str());
  return rule_out<Q>(v, "global_on_strongly_convex", abs_value<Q>(x.back()(0)), Relation::le, Q(abs_value<Q>(x[0](0)) / 1000),
                     Q(0));
}

Verdict lessard_attracted(int steps) {
  const Lessard<Q> f(Q(1), Q(25));
  Momentum<Q> hb(Q(1, 9), Q(4, 9), MomentumForm::notes, false);
  const Q x0(33, 10);
  const auto x = path(f, hb, scalar_vec(x0), steps);
  Q dist = -1;
  for (const auto& p : lessard_cycle_points()) {
    const Q d = abs_value<Q>(x.back()(0) - p);
    if (dist < 0 || d < dist) dist = d;
  }
  const Q fK = f.value(x.back()), f0 = f.value(x[0]);
  return compare<Q>("heavy_ball_not_global",
                    "from x_{-1} = x_0 = 33/10 (no initial momentum): f(x_K) - f* <= (f(x_0) - f*)/1000",
                    Expect::counterexample("quadratic"), fK, Relation::le, Q(f0 / 1000), Q(0),
                    "f* = 0; x_k = " + doubles_text(x, 5) + ", ...; after K = " + std::to_string(steps) +
                        " exact steps the distance to the nearest cycle point is " + shown<Q>(dist) +
                        " (it cannot land on the cycle in finitely many steps: its denominators hold only the primes 2, "
                        "3, 5, the cycle's 7^2)");
}

Verdict seed_momentum_superior(int steps) {
  // Heavy ball tuned for (mu, L) = (1, 25) against gradient descent with eta = 1/L on Lessard's
  // function (1-strongly convex, 25-smooth), both from x_0 = 33/10 (no initial momentum).
  const Lessard<Q> f(Q(1), Q(25));
  Momentum<Q> hb(Q(1, 9), Q(4, 9), MomentumForm::notes, false);
  GradientDescent<Q> gd(Q(1, 25));
  const auto h = path(f, hb, scalar_vec(Q(33, 10)), steps), g = path(f, gd, scalar_vec(Q(33, 10)), steps);
  return compare<Q>("heavy_ball_not_global",
                    "seed 002: momentum methods are demonstrably superior to other methods: after K steps heavy ball's "
                    "f(x_K) - f* <= gradient descent's",
                    Expect::refutes(seed002_superior), f.value(h.back()), Relation::le, f.value(g.back()), Q(0),
                    "Lessard's function (mu = 1, L = 25, f* = 0), x_0 = 33/10, K = " + std::to_string(steps) +
                        "; heavy ball with Polyak's tuning eta = 1/9, beta = 4/9 (its best on quadratics) is drawn into a "
                        "3-cycle, GD with eta = 1/25 converges");
}

Verdict lessard_gd_converges(int steps) {
  const Lessard<Q> f(Q(1), Q(25));
  GradientDescent<Q> gd(Q(1, 25));
  const Q x0(33, 10);
  const auto x = path(f, gd, scalar_vec(x0), steps);
  const Q bound = power<Q>(Q(24, 25), steps) * x0;
  return compare<Q>("heavy_ball_not_global",
                    "gradient descent with eta = 1/L on the same function converges: |x_K - x*| <= (1 - mu/L)^K "
                    "|x_0 - x*|",
                    Kind::holds, abs_value<Q>(x.back()(0)), Relation::le, bound, Q(0),
                    "x_0 = 33/10, eta = 1/25, K = " + std::to_string(steps) + ": x_k = " + doubles_text(x, 4) + ", ...");
}

Verdict lessard_distance_to_cycle(int steps) {
  const Lessard<Q> f(Q(1), Q(25));
  Momentum<Q> hb(Q(1, 9), Q(4, 9), MomentumForm::notes, false);
  const auto x = path(f, hb, scalar_vec(Q(33, 10)), steps);
  const auto& c = lessard_cycle_points();
  // the last three iterates against the cycle in its order of visit
  Q worst = -1;
  for (std::size_t start = 0; start < 3; ++start) {
    Q d = 0;
    for (std::size_t j = 0; j < 3; ++j) d = std::max(d, abs_value<Q>(Q(x[x.size() - 3 + j](0) - c[(start + j) % 3])));
    if (worst < 0 || d < worst) worst = d;
  }
  return compare<Q>("heavy_ball_not_global",
                    "from x_{-1} = x_0 = 33/10 the exact trajectory is drawn into the 3-cycle: its last three iterates "
                    "lie within 10^-30 of the cycle's points, in order",
                    Kind::holds, worst, Relation::le, Q(Q(1) / pow10(30)), Q(0),
                    std::to_string(steps) + " exact steps; the cycle attracts at about (2/3)^k per step (its period map "
                    "is linear with the double eigenvalue -8/27)");
}

std::vector<double> lessard_trajectory(const Q& x0, int steps) {
  const Lessard<Q> f(Q(1), Q(25));
  Momentum<Q> hb(Q(1, 9), Q(4, 9), MomentumForm::notes, false);
  std::vector<double> out;
  for (const auto& x : path(f, hb, scalar_vec(x0), steps)) out.push_back(to_double<Q>(x(0)));
  return out;
}

// ---- nesterov_strongly_convex_rate ----

Verdict nesterov_bound(const Problem<Q>& f, const std::string& what, const Q& mu, const Q& L, const Vec<Q>& x_star,
                       const Vec<Q>& x0, int steps) {
  auto method = Momentum<Q>::accelerated(L, mu);
  const auto x = path(f, method, x0, steps);
  const auto s = exact_sqrt(Q(L / mu));
  const Q q = 1 - 1 / *s, f_star = f.value(x_star);
  const Q V0 = f.value(x0) - f_star + mu * (x0 - x_star).squaredNorm() / 2;
  Q worst = 0, qk = q;
  int worst_k = 1;
  for (std::size_t k = 1; k < x.size(); ++k) {  // at k = 0 the bound holds by the definition of V_0
    const Q r = (f.value(x[k]) - f_star) / (qk * V0);
    if (r > worst) {
      worst = r;
      worst_k = static_cast<int>(k);
    }
    qk *= q;
  }
  return compare<Q>("nesterov_strongly_convex_rate",
                    "Nesterov's scheme (beta = (sqrt(kappa) - 1)/(sqrt(kappa) + 1), step 1/L): f(x_k) - f* <= "
                    "(1 - 1/sqrt(kappa))^k V_0, V_0 = f(x_0) - f* + mu/2 ||x_0 - x*||^2, for every k >= 1 (largest ratio "
                    "<= 1)",
                    Kind::holds, worst, Relation::le, Q(1), Q(0),
                    what + ", mu = " + mu.str() + ", L = " + L.str() + ", beta = " + method.beta().str() + ", x_0 = " +
                        vec_text<Q>(x0) + ", " + std::to_string(steps) + " steps; largest ratio at k = " +
                        std::to_string(worst_k) + "; f(x_K) - f* = " + shown<Q>(Q(f.value(x.back()) - f_star)));
}

Verdict nesterov_radius(const Q& s) {
  const Q L = s * s, beta = (s - 1) / (s + 1), q = 1 - 1 / L;  // λ = μ = 1: 1 − ηλ = 1 − 1/L
  const Q a1 = -(1 + beta) * q, a0 = beta * q;
  const Q disc = a1 * a1 - 4 * a0;
  Verdict v = compare<Q>("nesterov_strongly_convex_rate",
                    "on a quadratic, at lambda = mu, Nesterov's iteration has the double root 1 - 1/sqrt(kappa): the "
                    "iterate contracts at exactly 1 - 1/sqrt(kappa) per step (rho^2 compared)",
                    Kind::tight, radius_squared(a1, a0), Relation::eq, Q((1 - 1 / s) * (1 - 1 / s)), Q(0),
                    "kappa = " + L.str() + ", beta = " + beta.str() + "; p(z) = z^2 - (1 + beta)(1 - lambda/L) z + "
                        "beta (1 - lambda/L), discriminant " + disc.str() +
                        "; f - f* then contracts at rho^2 = (1 - 1/sqrt(kappa))^2, so on quadratics the bound in f is "
                        "conservative by a square; heavy ball's rho = (sqrt(kappa) - 1)/(sqrt(kappa) + 1) is smaller, but "
                        "only on quadratics");
  return rule_out<Q>(v, "heavy_ball_radius", radius_squared(a1, a0), Relation::eq, Q(((s - 1) / (s + 1)) * ((s - 1) / (s + 1))),
                     Q(0));
}

Verdict nesterov_wrong_L(const Q& a, const Q& L, int steps) {
  const Quadratic<Q> f = one_d(a);
  auto method = Momentum<Q>::accelerated(L, Q(1));
  const Vec<Q> x0 = scalar_vec(Q(1));
  const auto x = path(f, method, x0, steps);
  const auto s = exact_sqrt(L);
  const Q V0 = f.value(x0) + x0.squaredNorm() / 2;
  const Q bound = power<Q>(Q(1 - 1 / *s), steps) * V0;
  return compare<Q>("nesterov_strongly_convex_rate",
                    "the scheme built for L on a function whose curvature exceeds L: f(x_K) - f* <= (1 - 1/sqrt(kappa))^K "
                    "V_0 (V_0 = f(x_0) - f* + mu/2 ||x_0 - x*||^2)",
                    Expect::counterexample("smooth_L"), f.value(x.back()), Relation::le, bound, Q(0),
                    "f = " + a.str() + " x^2/2 (1-strongly convex, but " + a.str() + "-smooth), scheme for mu = 1, L = " +
                        L.str() + " (step 1/" + L.str() + "), x_0 = 1, K = " + std::to_string(steps) + ": x_k = " +
                        doubles_text(x, 4) + ", ...");
}

// ---- momentum_constant_slope ----

Verdict slope_steps(const Vec<Q>& g, const Q& eta, const Q& beta, int steps) {
  const Quadratic<Q> plane(Mat<Q>::Zero(g.size(), g.size()), Vec<Q>(-g), Q(0));  // f = gᵀx
  Momentum<Q> hb(eta, beta, MomentumForm::notes, false);
  const auto x = path(plane, hb, Vec<Q>::Zero(g.size()), steps);
  Q m = 0, bk = beta;
  for (int k = 0; k < steps; ++k) {
    const Vec<Q> predicted = -eta * (1 - bk) / (1 - beta) * g;
    m += (x[static_cast<std::size_t>(k + 1)] - x[static_cast<std::size_t>(k)] - predicted).squaredNorm();
    bk *= beta;
  }
  return compare<Q>("momentum_constant_slope",
                    "on f = g^T x every heavy-ball step is x_{k+1} - x_k = -eta (1 - beta^{k+1})/(1 - beta) g: along -g, "
                    "only its length changes (sum of squared misfits)",
                    Kind::holds, m, Relation::eq, Q(0), Q(0),
                    "g = " + vec_text<Q>(g) + ", eta = " + eta.str() + ", beta = " + beta.str() + ", " +
                        std::to_string(steps) + " steps; x_K = " + vec_text<Q>(x.back()) + " where GD is at " +
                        vec_text<Q>(Vec<Q>(-eta * steps * g)));
}

Verdict slope_step_limit(const Vec<Q>& g, const Q& eta, const Q& beta) {
  const int K = static_cast<int>(std::ceil(6 * std::log(10.0) / std::log(1 / to_double<Q>(beta))));
  const Quadratic<Q> plane(Mat<Q>::Zero(g.size(), g.size()), Vec<Q>(-g), Q(0));
  Momentum<Q> hb(eta, beta, MomentumForm::notes, false);
  const auto x = path(plane, hb, Vec<Q>::Zero(g.size()), K + 1);
  int i = 0;
  while (g(i) == 0) ++i;
  const Q c = -(x[static_cast<std::size_t>(K + 1)](i) - x[static_cast<std::size_t>(K)](i)) / g(i);  // step = −c g
  const Q ratio = c / (eta / (1 - beta));
  Verdict v = approaches<Q>("momentum_constant_slope",
                       "the step length tends to eta ||g||/(1 - beta): the ratio at step K is in [1 - delta, 1]", ratio,
                       Q(1) / pow10(6),
                       "beta = " + beta.str() + ", K = ceil(6 ln 10 / ln(1/beta)) = " + std::to_string(K) +
                           "; ratio = 1 - beta^{K+1}: with beta = 0.9 momentum moves 10 times as far per step as GD "
                           "with the same eta, which is GD with step eta/(1 - beta)");
  // a step tending to eta (1 + beta) g would leave the ratio c / (eta (1 + beta)) near 1
  return rule_out<Q>(v, "limit_one_plus_beta", Q(c / (eta * (1 + beta))), Relation::le, Q(1), Q(0));
}

Verdict slope_needs_plane(const Q& eta, const Q& beta, int steps) {
  const Quadratic<Q> f = one_d(Q(1));
  Momentum<Q> hb(eta, beta, MomentumForm::notes, false);
  const auto x = path(f, hb, scalar_vec(Q(1)), steps);
  const Q last = abs_value<Q>(x[static_cast<std::size_t>(steps)](0) - x[static_cast<std::size_t>(steps - 1)](0));
  const Q grow = eta * 1 * (1 - power<Q>(beta, steps)) / (1 - beta);
  return compare<Q>("momentum_constant_slope",
                    "on 1/2 x^2 from x_0 = 1 the steps grow like the plane's: |x_K - x_{K-1}| >= eta |f'(x_0)| (1 - "
                    "beta^K)/(1 - beta)",
                    Expect::counterexample("constant_gradient"), last, Relation::ge, grow, Q(0),
                    "eta = " + eta.str() + ", beta = " + beta.str() + ", K = " + std::to_string(steps) +
                        ": the gradient shrinks with x, and the steps with it");
}

}  // namespace descent::claims::momentum

// ---- the claims of lesson 08_momentum that this file checks: their entries in the claim index
// (claim.hpp), registered here beside their checks (registry.cpp collects every file's)
namespace descent::claims {
std::vector<ClaimInfo> claims_of_momentum_checks() {
  return {
      {"heavy_ball_forms", "08_momentum",
       R"(v\leftarrow\beta v-\eta\nabla f(x),\ x\leftarrow x+v\ \equiv\ v\leftarrow-\nabla f(x)+\beta v,\ x\leftarrow x+\eta v\ \equiv\ b\leftarrow\beta b+\nabla f(x),\ x\leftarrow x-\eta b \text{ (the same iterates)})",
       {{"constant_eta", R"(\eta \text{ constant (no learning-rate schedule)})"}},
       "seed 002 (momentum, Delta W form); seed 003 (Polyak's heavy ball); PyTorch SGD(momentum)",
       {{"schedule_invariant", R"(\text{the three forms give the same iterates under a learning-rate schedule too})"}}},
      {"nesterov_forms", "08_momentum",
       R"(v\leftarrow\beta v-\eta\nabla f(x+\beta v),\ x\leftarrow x+v:\ \text{PyTorch's } b\leftarrow\beta b+\nabla f(p),\ p\leftarrow p-\eta(\nabla f(p)+\beta b) \text{ has } p_k=x_k+\beta v_k;\ \text{seed 002's pseudo-code gives the same } x_k)",
       {{"constant_eta", R"(\eta \text{ constant (no learning-rate schedule)})"}},
       "seed 002 (Nestorov's accelerated gradient; Training with Nestorov); PyTorch SGD(nesterov=True); errata: seed 003's "
       "look-ahead x_t + beta v_t with x <- x + eta v, and seed 002's Delta W_k = 0 inside the loop",
       {{"pytorch_iterate_is_x", R"(\text{PyTorch's nesterov=True iterate } p_k \text{ is the notes' } x_k)"}}},
      {"heavy_ball_quadratic_rate", "08_momentum",
       R"(\eta=\tfrac{4}{(\sqrt L+\sqrt\mu)^2},\ \beta=\big(\tfrac{\sqrt\kappa-1}{\sqrt\kappa+1}\big)^2:\ \rho(T)=\tfrac{\sqrt\kappa-1}{\sqrt\kappa+1};\ \text{per eigenvalue } \lambda \ (0\le\beta<1):\ \rho<1 \iff 0<\eta\lambda<2+2\beta;\ \text{critical } \beta=(1-\sqrt{\eta\lambda})^2;\ \|x_t\|\le\rho(T)^t\|x_0\| \text{ when } T \text{ is normal})",
       {{"quadratic", R"(f=\tfrac12x^\top Ax,\ \mathrm{spec}(A)\subset[\mu,L])"},
        {"normal", R"(T \text{ normal, so that } \|T^t\|=\rho(T)^t \text{ (GD's } I-\eta A \text{ is; heavy ball's companion matrix never is)})"}},
       "seed 003 (heavy ball: sqrt(kappa) log(1/eps) for quadratics, kappa = 10^8 -> 10^4); Polyak (1964)",
       {{"gd_rate", R"(\rho(T)=\frac{\kappa-1}{\kappa+1} \text{ for Polyak's tuning (no acceleration)})"},
        {"edge_2_plus_beta", R"(\rho<1 \iff 0<\eta\lambda<2+\beta)"}}},
      {"heavy_ball_not_global", "08_momentum",
       R"(\text{heavy ball tuned for } (\mu,L) \text{ converges (at rate } \tfrac{\sqrt\kappa-1}{\sqrt\kappa+1}\text{) on quadratics, but not on every } \mu\text{-strongly convex, } L\text{-smooth } f)",
       {{"quadratic", R"(f \text{ quadratic})"}},
       "seed 003 (the sqrt(kappa) rate \"does not hold for general strongly convex\"); Lessard, Recht & Packard (2016); "
       "erratum: seed 002's momentum \"demonstrably superior to other methods\"",
       {{"global_on_strongly_convex", R"(\text{tuned heavy ball converges on every } \mu\text{-strongly convex, } L\text{-smooth } f)"}}},
      {"nesterov_strongly_convex_rate", "08_momentum",
       R"(y_k=x_k+\beta(x_k-x_{k-1}),\ x_{k+1}=y_k-\tfrac1L\nabla f(y_k),\ \beta=\tfrac{\sqrt\kappa-1}{\sqrt\kappa+1}:\ f(x_k)-f^*\le\big(1-\tfrac1{\sqrt\kappa}\big)^k\big(f(x_0)-f^*+\tfrac\mu2\|x_0-x^*\|^2\big);\ \text{on quadratics the iteration's spectral radius is exactly } 1-\tfrac1{\sqrt\kappa})",
       {{"strongly_convex", R"(\mu\|x-y\|^2\le(\nabla f(x)-\nabla f(y))^\top(x-y)\ (\mu>0))"},
        {"smooth_L", R"(\|\nabla f(x)-\nabla f(y)\|\le L\|x-y\| \text{ with the } L \text{ of the step } 1/L)"}},
       "seed 003 (Nesterov: sqrt(kappa) log(1/eps) for strongly convex); Nesterov (2004), Thm 2.2.3",
       {{"heavy_ball_radius", R"(\text{on quadratics Nesterov's iteration contracts at heavy ball's } \tfrac{\sqrt\kappa-1}{\sqrt\kappa+1})"}}},
      {"momentum_constant_slope", "08_momentum",
       R"(f=g^\top x:\ x_{k+1}-x_k=-\eta\tfrac{1-\beta^{k+1}}{1-\beta}g \to -\tfrac{\eta}{1-\beta}g \text{ (momentum only changes the step size)})",
       {{"constant_gradient", R"(\nabla f \text{ constant (a plane)})"}},
       "seed 002 (poll 4: on a flat surface of constant slope momentum only changes step size)",
       {{"limit_one_plus_beta", R"(f=g^\top x:\ x_{k+1}-x_k\to-\eta(1+\beta)g)"}}},
  };
}
}  // namespace descent::claims
