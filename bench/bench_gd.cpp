// bench_gd: what one step of gradient descent costs in each arithmetic, against the
// limits measured in the same run.
//
// (a) BM_gd_step<S>/n: the whole step as descent::run takes it on f(x) = ½xᵀAx − bᵀx,
//     A dense symmetric positive definite of size n: the update x − η∇f
//     (GradientDescent::step_from), then f and ∇f at the new point
//     (Quadratic::value_and_gradient: one product Ax) and ‖∇f‖². S is double, Mpfr at 50
//     and at 200 digits, and Rational (exact), n ∈ {10, 50, 200, 2000}. Every iteration
//     steps from the same x₀ (an exact step from a fixed point costs the same each time;
//     iterating would grow the rationals' digits without bound).
// (b) BM_stream_read/n: the read bandwidth of a streaming dot product over n² doubles
//     (two arrays of n²/2, Eigen's vectorized dot): the limit for one pass over A.
// (c) BM_plain_mpfr_step/n: the same step at 50 digits written as plain MPFR calls
//     (mpfr_mul, mpfr_add on preallocated numbers, the sums term by term): the
//     per-operation level that descent's kernels are to beat.
// (d) BM_gd_trajectory<S>: a 1000-step run (descent::run, recording the Trace) on the
//     10-dimensional quadratic, at 50 digits and in double.
//
// Counters: items = multiply-adds of the product Ax (n² per step; steps for (d)); bytes =
// the bytes of A read per step: n² · (sizeof(S) + the limbs an Mpfr value points to) for
// Mpfr, n²·8 for double and for (b), n²·sizeof(Rational) for exact (its limbs not
// counted). The matrices stay cached per arithmetic: the whole run holds the 2000×2000
// matrix in double, at 50 and 200 digits and exact at once (over 1 GB). After the run
// the program prints the ratios: the double step at each n against (b) at the same n
// (fraction of the streaming read bandwidth), and the 50-digit step against (c); with
// --benchmark_repetitions=K, from the best of K.
//
//   build/bin/bench_gd --benchmark_repetitions=5 --benchmark_filter='stream|Double'
//   bench/compare_mpmath          # descent trace --digits 50 against python3-mpmath
//
// The instance: A = Q diag(λ) Qᵀ with Q = cayley_orthogonal (an orthogonal matrix from a
// skew-symmetric K with entries of size 1/√n) and λ evenly spaced in [1, 10], so L = 10
// and the step η = 1/10 converges. A is formed once per n in double and symmetrized
// exactly; every arithmetic uses the same entries (exact binary numbers, so the data
// are identical and only the arithmetic differs).
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "bench_instances.hpp"
#include "descent/kernels.hpp"
#include "descent/optimizers.hpp"

namespace {

using descent::Mat;
using descent::Mpfr;
using descent::Rational;
using descent::Vec;
using descent::bench::hashed_vector;
using descent::bench::quadratic;

/// The arithmetic of a benchmark: the scalar and, for Mpfr, the digits.
template <class S, int Digits = 0>
struct Arith {
  using Scalar = S;
  static constexpr int digits = Digits;
  static std::string label() {
    return std::string(descent::ScalarTraits<S>::name) + (Digits > 0 ? " " + std::to_string(Digits) + " digits" : "");
  }
  static void enter() {
    if constexpr (Digits > 0) descent::set_digits(Digits);
  }
};
using Double = Arith<double>;
using Mpfr50 = Arith<Mpfr, 50>;
using Mpfr200 = Arith<Mpfr, 200>;
using Exact = Arith<Rational>;

/// Bytes of one stored entry: the object, plus the limbs an Mpfr value points to.
template <class S>
double bytes_per_entry() {
  if constexpr (std::is_same_v<S, Mpfr>) {
    const Mpfr one(1);
    const auto prec = mpfr_get_prec(one.backend().data());
    const auto limbs = (prec + mp_bits_per_limb - 1) / mp_bits_per_limb;
    return static_cast<double>(sizeof(Mpfr) + static_cast<std::size_t>(limbs) * sizeof(mp_limb_t));
  } else {
    return static_cast<double>(sizeof(S));
  }
}

// (a) The step as run() takes it: x₁ = x₀ − η∇f(x₀), then f(x₁), ∇f(x₁), ‖∇f(x₁)‖².
template <class A>
void BM_gd_step(benchmark::State& state) {
  using S = typename A::Scalar;
  A::enter();
  const int n = static_cast<int>(state.range(0));
  const auto& problem = quadratic<S>(n, A::digits);
  descent::GradientDescent<S> gd(S(1) / 10);  // η = 1/L
  const Vec<S> x0 = hashed_vector<S>(n, 2);
  Vec<S> g0;
  const S f0 = problem.value_and_gradient(x0, g0);
  Vec<S> g;
  for (auto _ : state) {
    const Vec<S> x1 = gd.step_from(problem, x0, f0, g0);
    const S f1 = problem.value_and_gradient(x1, g);
    const S g2 = descent::kernels::squared_norm<S>(g);
    benchmark::DoNotOptimize(x1.data());
    benchmark::DoNotOptimize(&f1);
    benchmark::DoNotOptimize(&g2);
    benchmark::ClobberMemory();
  }
  const auto nn = static_cast<std::int64_t>(n) * n;
  state.SetItemsProcessed(state.iterations() * nn);
  state.SetBytesProcessed(static_cast<std::int64_t>(static_cast<double>(state.iterations() * nn) * bytes_per_entry<S>()));
  state.SetLabel(A::label());
}

// (b) Streaming read bandwidth: Eigen's dot product of the first half of A's storage with
// the second (the same n² doubles, in the same memory, that a step reads).
void BM_stream_read(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  const Mat<double>& A = quadratic<double>(n).A();
  const long half = static_cast<long>(n) * n / 2;
  const Eigen::Map<const Vec<double>> u(A.data(), half), v(A.data() + half, half);
  for (auto _ : state) {
    double s = u.dot(v);
    benchmark::DoNotOptimize(s);
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(state.iterations() * 2 * half * static_cast<std::int64_t>(sizeof(double)));
  state.SetLabel("double, the n^2 entries of A read once");
}

// (c) The 50-digit step as plain MPFR calls on preallocated numbers.
void BM_plain_mpfr_step(benchmark::State& state) {
  descent::set_digits(50);
  const int n = static_cast<int>(state.range(0));
  const mpfr_prec_t p = mpfr_get_prec(Mpfr(1).backend().data());
  const Mat<double>& Ad = descent::bench::spd_matrix(n);
  std::vector<mpfr_t> A(static_cast<std::size_t>(n) * n), x0(n), x1(n), g0(n), g(n), b(n);
  auto init = [&](std::vector<mpfr_t>& v) {
    for (auto& e : v) mpfr_init2(e, p);
  };
  init(A), init(x0), init(x1), init(g0), init(g), init(b);
  const Vec<double> xd = hashed_vector<double>(n, 2), bd = hashed_vector<double>(n, 1);
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < n; ++i) mpfr_set_d(A[static_cast<std::size_t>(i) * n + j], Ad(i, j), MPFR_RNDN);
  for (int i = 0; i < n; ++i) mpfr_set_d(x0[i], xd(i), MPFR_RNDN), mpfr_set_d(b[i], bd(i), MPFR_RNDN);
  mpfr_t t, f, g2, eta;
  mpfr_inits2(p, t, f, g2, eta, static_cast<mpfr_ptr>(nullptr));
  mpfr_set_ui(eta, 1, MPFR_RNDN);
  mpfr_div_ui(eta, eta, 10, MPFR_RNDN);
  auto gradient = [&](std::vector<mpfr_t>& x, std::vector<mpfr_t>& out) {  // out = Ax − b, f
    mpfr_set_zero(f, 1);
    for (int i = 0; i < n; ++i) {
      mpfr_set_zero(out[i], 1);
      for (int j = 0; j < n; ++j) {
        mpfr_mul(t, A[static_cast<std::size_t>(i) * n + j], x[j], MPFR_RNDN);
        mpfr_add(out[i], out[i], t, MPFR_RNDN);
      }
      mpfr_mul(t, out[i], x[i], MPFR_RNDN);  // f = Σ xᵢ((Ax)ᵢ/2 − bᵢ)
      mpfr_div_2ui(t, t, 1, MPFR_RNDN);
      mpfr_add(f, f, t, MPFR_RNDN);
      mpfr_mul(t, b[i], x[i], MPFR_RNDN);
      mpfr_sub(f, f, t, MPFR_RNDN);
      mpfr_sub(out[i], out[i], b[i], MPFR_RNDN);
    }
  };
  gradient(x0, g0);
  for (auto _ : state) {
    for (int i = 0; i < n; ++i) {
      mpfr_mul(t, eta, g0[i], MPFR_RNDN);
      mpfr_sub(x1[i], x0[i], t, MPFR_RNDN);
    }
    gradient(x1, g);
    mpfr_set_zero(g2, 1);
    for (int i = 0; i < n; ++i) {
      mpfr_mul(t, g[i], g[i], MPFR_RNDN);
      mpfr_add(g2, g2, t, MPFR_RNDN);
    }
    benchmark::DoNotOptimize(g2);
    benchmark::ClobberMemory();
  }
  for (auto* v : {&A, &x0, &x1, &g0, &g, &b})
    for (auto& e : *v) mpfr_clear(e);
  mpfr_clears(t, f, g2, eta, static_cast<mpfr_ptr>(nullptr));
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n) * n);
  state.SetLabel("mpfr 50 digits, plain calls");
}

// (d) A 1000-step trajectory on the 10-dimensional quadratic, recorded in a Trace.
template <class A>
void BM_gd_trajectory(benchmark::State& state) {
  using S = typename A::Scalar;
  A::enter();
  constexpr int n = 10, steps = 1000;
  const auto& problem = quadratic<S>(n, A::digits);
  const Vec<S> x0 = hashed_vector<S>(n, 3);
  descent::StopRule<S> stop;
  stop.max_steps = steps;
  for (auto _ : state) {
    descent::GradientDescent<S> gd(S(1) / 10);
    auto trace = descent::run<S>(problem, gd, x0, stop);
    if (trace.steps() != steps) {
      state.SkipWithError("the run stopped early");
      break;
    }
    benchmark::DoNotOptimize(trace.x.back().data());
  }
  state.SetItemsProcessed(state.iterations() * steps);
  state.SetLabel(A::label() + ", items = steps");
}

BENCHMARK(BM_stream_read)->Arg(10)->Arg(50)->Arg(200)->Arg(2000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_gd_step<Double>)->Arg(10)->Arg(50)->Arg(200)->Arg(2000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_gd_step<Mpfr50>)->Arg(10)->Arg(50)->Arg(200)->Arg(2000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_plain_mpfr_step)->Arg(10)->Arg(50)->Arg(200)->Arg(2000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_gd_step<Mpfr200>)->Arg(10)->Arg(50)->Arg(200)->Arg(2000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_gd_step<Exact>)->Arg(10)->Arg(50)->Arg(200)->Arg(2000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_gd_trajectory<Mpfr50>)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_gd_trajectory<Double>)->Unit(benchmark::kMillisecond);

/// The console output, plus the times kept for the ratios printed at the end.
class RatioReporter : public benchmark::ConsoleReporter {
 public:
  std::map<std::string, double> seconds, bytes_per_second;
  // with --benchmark_repetitions=K each figure is the best of the K repetitions
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& r : runs) {
      if (r.error_occurred || r.iterations == 0 || r.run_type != Run::RT_Iteration) continue;
      const std::string name = r.benchmark_name();
      const double t = r.real_accumulated_time / static_cast<double>(r.iterations);
      if (!seconds.count(name) || t < seconds[name]) seconds[name] = t;
      const auto it = r.counters.find("bytes_per_second");
      if (it != r.counters.end() && it->second.value > bytes_per_second[name]) bytes_per_second[name] = it->second.value;
    }
    ConsoleReporter::ReportRuns(runs);
  }
};

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  std::printf("\nratios (same run):\n");
  for (const int n : {10, 50, 200, 2000}) {
    const std::string stream = "BM_stream_read/" + std::to_string(n);
    const std::string step = "BM_gd_step<Double>/" + std::to_string(n);
    if (reporter.bytes_per_second.count(stream) && reporter.bytes_per_second.count(step))
      std::printf("  double step, n = %4d: %.2f of the streaming read bandwidth (%.2f GB/s of %.2f GB/s)\n", n,
                  reporter.bytes_per_second[step] / reporter.bytes_per_second[stream],
                  reporter.bytes_per_second[step] / 1e9, reporter.bytes_per_second[stream] / 1e9);
  }
  for (const int n : {10, 50, 200, 2000}) {
    const std::string plain = "BM_plain_mpfr_step/" + std::to_string(n);
    const std::string step = "BM_gd_step<Mpfr50>/" + std::to_string(n);
    if (reporter.seconds.count(plain) && reporter.seconds.count(step))
      std::printf("  50-digit step, n = %4d: %.2fx faster than plain MPFR calls\n", n,
                  reporter.seconds[plain] / reporter.seconds[step]);
  }
  benchmark::Shutdown();
  return 0;
}
