// bench_quasi_newton: descent's L-BFGS against LBFGSpp (Debian liblbfgspp-dev, a real
// peer), and Newton's method at 50 digits against the same steps written with plain
// MPFR calls.
//
// (a) Pairs <case>/descent and <case>/lbfgspp, measured in the same run:
//     rosenbrock_10, rosenbrock_1000 (the chain Rosenbrock function from
//     x0 = (−1.2, 1, −1.2, 1, …)) and logistic_100x10000 (L2-regularized logistic
//     regression, λ = 10⁻³, on descent::scaled_classification_data with seed 1, 10 000
//     examples and 100 features of scales 1 … 10, from w = 0).
//     Both sides: memory m = 6, the same objective object (one value_and_gradient per
//     evaluation), the same line-search family (step ×½ / ×2.1 until the strong Wolfe
//     conditions with c₁ = 10⁻⁴, c₂ = 0.9 hold, at most 20 trials: LBFGSpp's
//     LineSearchBacktracking with LBFGS_LINESEARCH_BACKTRACKING_STRONG_WOLFE), the same
//     first trial step 1/‖∇f(x₀)‖ then 1, and the same stop ‖∇f‖ ≤ 10⁻⁶ (LBFGSpp:
//     epsilon = 10⁻⁶, epsilon_rel = 0). Counters: iterations (L-BFGS updates), f_final,
//     evaluations (of f and ∇f, per run).
// (b) newton_rosenbrock_10/descent and /plain_mpfr: 8 Newton steps (η = 1) at 50 digits on
//     the 10-dimensional Rosenbrock function from x0 = (−1.2, 1, …): the library's Newton
//     (dense LU with full pivoting of the Hessian, Eigen over Mpfr) against the same
//     steps with mpfr_t and a dense Gaussian elimination with partial pivoting written
//     here. Counter: |x_8 − x*|∞ of each, so that the two are seen to do the same work.
//
//   cmake --build build --target bench_quasi_newton && build/bin/bench_quasi_newton
#include <benchmark/benchmark.h>
#include <mpfr.h>

#include <LBFGS.h>

#include <cmath>
#include <stdexcept>
#include <vector>

#include "descent/optimizers/newton.hpp"
#include "descent/optimizers/quasi_newton.hpp"
#include "descent/problems/logistic.hpp"
#include "descent/problems/test_functions.hpp"

namespace {

using descent::Mat;
using descent::Mpfr;
using descent::Vec;

constexpr double grad_tol = 1e-6;
constexpr int memory = 6;

Vec<double> rosenbrock_start(int n) {
  Vec<double> x(n);
  for (int i = 0; i < n; ++i) x(i) = i % 2 == 0 ? -1.2 : 1.0;
  return x;
}

const descent::LogisticRegression<double>& logistic_problem() {
  static const descent::LogisticRegression<double> problem = [] {
    std::vector<double> scales(100);
    for (int j = 0; j < 100; ++j) scales[static_cast<std::size_t>(j)] = 1.0 + 9.0 * j / 99.0;
    const descent::DataSet d = descent::scaled_classification_data(1, 10000, scales);
    Vec<double> y(10000);
    for (int i = 0; i < 10000; ++i) y(i) = d.y[static_cast<std::size_t>(i)];
    return descent::LogisticRegression<double>(descent::to_matrix<double>(d.X), y, 1e-3);
  }();
  return problem;
}

// Counts the evaluations of f and ∇f that either side asks for.
struct Counting final : descent::Problem<double> {
  const descent::Problem<double>* inner;
  mutable long long evaluations = 0;
  explicit Counting(const descent::Problem<double>& p) : inner(&p) {}
  int dimension() const override { return inner->dimension(); }
  double value(const Vec<double>& x) const override { ++evaluations; return inner->value(x); }
  Vec<double> gradient(const Vec<double>& x) const override { ++evaluations; return inner->gradient(x); }
  Mat<double> hessian(const Vec<double>& x) const override { return inner->hessian(x); }
  double value_and_gradient(const Vec<double>& x, Vec<double>& g) const override {
    ++evaluations;
    return inner->value_and_gradient(x, g);
  }
  std::string name() const override { return inner->name(); }
};

// The objective as LBFGSpp wants it: f(x, grad).
struct Objective {
  const descent::Problem<double>* problem;
  double operator()(const Eigen::VectorXd& x, Eigen::VectorXd& grad) {
    Vec<double> g;
    const double f = problem->value_and_gradient(x, g);
    grad = g;
    return f;
  }
};

void run_descent(benchmark::State& state, const descent::Problem<double>& problem, const Vec<double>& x0) {
  const Counting f(problem);
  int iterations = 0;
  double fx = 0;
  for (auto _ : state) {
    descent::LBFGS<double> opt(memory);
    descent::StopRule<double> stop;
    stop.max_steps = 100000;
    stop.grad_norm2_tol = grad_tol * grad_tol;
    stop.keep_iterates = false;  // LBFGSpp keeps no trajectory either
    const descent::Trace<double> tr = descent::run<double>(f, opt, x0, stop);
    if (tr.status != descent::Status::converged) state.SkipWithError("descent L-BFGS did not converge");
    iterations = tr.steps();
    fx = tr.f.back();
    benchmark::DoNotOptimize(tr.x.back().data());  // (DoNotOptimize on a double lvalue is miscompiled here)
  }
  state.counters["iterations"] = iterations;
  state.counters["f_final"] = fx;
  state.counters["evaluations"] = static_cast<double>(f.evaluations) / static_cast<double>(state.iterations());
}

void run_lbfgspp(benchmark::State& state, const descent::Problem<double>& problem, const Vec<double>& x0) {
  const Counting f(problem);
  LBFGSpp::LBFGSParam<double> param;
  param.m = memory;
  param.epsilon = grad_tol;
  param.epsilon_rel = 0;
  param.max_iterations = 100000;
  param.linesearch = LBFGSpp::LBFGS_LINESEARCH_BACKTRACKING_STRONG_WOLFE;
  int iterations = 0;
  double fx = 0;
  for (auto _ : state) {
    LBFGSpp::LBFGSSolver<double, LBFGSpp::LineSearchBacktracking> solver(param);
    Objective obj{&f};
    Eigen::VectorXd x = x0;
    iterations = solver.minimize(obj, x, fx);
    benchmark::DoNotOptimize(x.data());
  }
  state.counters["iterations"] = iterations;
  state.counters["f_final"] = fx;
  state.counters["evaluations"] = static_cast<double>(f.evaluations) / static_cast<double>(state.iterations());
}

void rosenbrock_10_descent(benchmark::State& s) { run_descent(s, descent::Rosenbrock<double>(10), rosenbrock_start(10)); }
void rosenbrock_10_lbfgspp(benchmark::State& s) { run_lbfgspp(s, descent::Rosenbrock<double>(10), rosenbrock_start(10)); }
void rosenbrock_1000_descent(benchmark::State& s) {
  run_descent(s, descent::Rosenbrock<double>(1000), rosenbrock_start(1000));
}
void rosenbrock_1000_lbfgspp(benchmark::State& s) {
  run_lbfgspp(s, descent::Rosenbrock<double>(1000), rosenbrock_start(1000));
}
void logistic_descent(benchmark::State& s) { run_descent(s, logistic_problem(), Vec<double>::Zero(100)); }
void logistic_lbfgspp(benchmark::State& s) { run_lbfgspp(s, logistic_problem(), Vec<double>::Zero(100)); }

// ---- (b) Newton at 50 digits ------------------------------------------------------------
constexpr int newton_digits = 50;
constexpr int newton_n = 10;
constexpr int newton_steps = 8;

void newton_descent(benchmark::State& state) {
  descent::set_digits(newton_digits);
  const descent::Rosenbrock<Mpfr> f(newton_n);
  Vec<Mpfr> x0(newton_n);
  for (int i = 0; i < newton_n; ++i) x0(i) = i % 2 == 0 ? Mpfr(-12) / 10 : Mpfr(1);
  Mpfr err = 0;
  for (auto _ : state) {
    descent::Newton<Mpfr> newton(Mpfr(1), Mpfr(0));
    Vec<Mpfr> x = x0;
    for (int k = 0; k < newton_steps; ++k) x = newton.step(f, x, f.gradient(x));
    err = 0;
    for (int i = 0; i < newton_n; ++i) err = std::max(err, Mpfr(abs(Mpfr(x(i) - 1))));
    benchmark::DoNotOptimize(err);
  }
  state.counters["err_inf"] = static_cast<double>(err);
}

// The same steps with mpfr_t: Rosenbrock's gradient and tridiagonal Hessian formed densely,
// then (H | g) reduced by Gaussian elimination with partial pivoting, x ← x − H⁻¹g.
void newton_plain_mpfr(benchmark::State& state) {
  const mpfr_prec_t prec = static_cast<mpfr_prec_t>(std::ceil(newton_digits * 3.3219280948873623)) + 1;
  const int n = newton_n;
  std::vector<mpfr_t> x(n), g(n), H(n * (n + 1)), t(4);
  auto init = [&](mpfr_t& v) { mpfr_init2(v, prec); mpfr_set_zero(v, 1); };
  for (auto& v : x) init(v);
  for (auto& v : g) init(v);
  for (auto& v : H) init(v);
  for (auto& v : t) init(v);
  double err = 0;
  for (auto _ : state) {
    for (int i = 0; i < n; ++i) {
      if (i % 2 == 0) {
        mpfr_set_si(x[i], -12, MPFR_RNDN);
        mpfr_div_si(x[i], x[i], 10, MPFR_RNDN);
      } else {
        mpfr_set_si(x[i], 1, MPFR_RNDN);
      }
    }
    for (int k = 0; k < newton_steps; ++k) {
      for (int i = 0; i < n; ++i) mpfr_set_zero(g[i], 1);
      for (int i = 0; i < n * (n + 1); ++i) mpfr_set_zero(H[i], 1);
      auto h = [&](int r, int c) -> mpfr_t& { return H[r * (n + 1) + c]; };
      for (int i = 0; i + 1 < n; ++i) {
        // a = x_{i+1} − x_i², b = 1 − x_i
        mpfr_sqr(t[0], x[i], MPFR_RNDN);
        mpfr_sub(t[0], x[i + 1], t[0], MPFR_RNDN);
        mpfr_si_sub(t[1], 1, x[i], MPFR_RNDN);
        // g_i += −400 x_i a − 2b; g_{i+1} += 200a
        mpfr_mul(t[2], x[i], t[0], MPFR_RNDN);
        mpfr_mul_si(t[2], t[2], -400, MPFR_RNDN);
        mpfr_mul_si(t[3], t[1], 2, MPFR_RNDN);
        mpfr_sub(t[2], t[2], t[3], MPFR_RNDN);
        mpfr_add(g[i], g[i], t[2], MPFR_RNDN);
        mpfr_mul_si(t[2], t[0], 200, MPFR_RNDN);
        mpfr_add(g[i + 1], g[i + 1], t[2], MPFR_RNDN);
        // H_ii += 1200 x_i² − 400 x_{i+1} + 2; H_{i,i+1} = H_{i+1,i} += −400 x_i; H_{i+1,i+1} += 200
        mpfr_sqr(t[2], x[i], MPFR_RNDN);
        mpfr_mul_si(t[2], t[2], 1200, MPFR_RNDN);
        mpfr_mul_si(t[3], x[i + 1], 400, MPFR_RNDN);
        mpfr_sub(t[2], t[2], t[3], MPFR_RNDN);
        mpfr_add_si(t[2], t[2], 2, MPFR_RNDN);
        mpfr_add(h(i, i), h(i, i), t[2], MPFR_RNDN);
        mpfr_mul_si(t[2], x[i], -400, MPFR_RNDN);
        mpfr_add(h(i, i + 1), h(i, i + 1), t[2], MPFR_RNDN);
        mpfr_add(h(i + 1, i), h(i + 1, i), t[2], MPFR_RNDN);
        mpfr_add_si(h(i + 1, i + 1), h(i + 1, i + 1), 200, MPFR_RNDN);
      }
      for (int i = 0; i < n; ++i) mpfr_set(h(i, n), g[i], MPFR_RNDN);
      // forward elimination with partial pivoting
      for (int c = 0; c < n; ++c) {
        int p = c;
        for (int r = c + 1; r < n; ++r)
          if (mpfr_cmpabs(h(r, c), h(p, c)) > 0) p = r;
        if (mpfr_zero_p(h(p, c))) throw std::runtime_error("plain mpfr Newton: singular Hessian");
        if (p != c)
          for (int j = c; j <= n; ++j) mpfr_swap(h(p, j), h(c, j));
        for (int r = c + 1; r < n; ++r) {
          mpfr_div(t[0], h(r, c), h(c, c), MPFR_RNDN);
          for (int j = c; j <= n; ++j) {
            mpfr_mul(t[1], t[0], h(c, j), MPFR_RNDN);
            mpfr_sub(h(r, j), h(r, j), t[1], MPFR_RNDN);
          }
        }
      }
      // back substitution into column n, then x ← x − d
      for (int r = n - 1; r >= 0; --r) {
        for (int j = r + 1; j < n; ++j) {
          mpfr_mul(t[1], h(r, j), h(j, n), MPFR_RNDN);
          mpfr_sub(h(r, n), h(r, n), t[1], MPFR_RNDN);
        }
        mpfr_div(h(r, n), h(r, n), h(r, r), MPFR_RNDN);
      }
      for (int i = 0; i < n; ++i) mpfr_sub(x[i], x[i], h(i, n), MPFR_RNDN);
    }
    err = 0;
    for (int i = 0; i < n; ++i) {
      mpfr_sub_si(t[0], x[i], 1, MPFR_RNDN);
      err = std::max(err, std::fabs(mpfr_get_d(t[0], MPFR_RNDN)));
    }
    benchmark::ClobberMemory();
  }
  state.counters["err_inf"] = err;
  for (auto& v : x) mpfr_clear(v);
  for (auto& v : g) mpfr_clear(v);
  for (auto& v : H) mpfr_clear(v);
  for (auto& v : t) mpfr_clear(v);
}

}  // namespace

BENCHMARK(rosenbrock_10_descent)->Name("rosenbrock_10/descent")->Unit(benchmark::kMicrosecond);
BENCHMARK(rosenbrock_10_lbfgspp)->Name("rosenbrock_10/lbfgspp")->Unit(benchmark::kMicrosecond);
BENCHMARK(rosenbrock_1000_descent)->Name("rosenbrock_1000/descent")->Unit(benchmark::kMillisecond);
BENCHMARK(rosenbrock_1000_lbfgspp)->Name("rosenbrock_1000/lbfgspp")->Unit(benchmark::kMillisecond);
BENCHMARK(logistic_descent)->Name("logistic_100x10000/descent")->Unit(benchmark::kMillisecond);
BENCHMARK(logistic_lbfgspp)->Name("logistic_100x10000/lbfgspp")->Unit(benchmark::kMillisecond);
BENCHMARK(newton_descent)->Name("newton_rosenbrock_10/descent")->Unit(benchmark::kMillisecond);
BENCHMARK(newton_plain_mpfr)->Name("newton_rosenbrock_10/plain_mpfr")->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
