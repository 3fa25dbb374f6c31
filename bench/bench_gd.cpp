// bench_gd: what one step of gradient descent costs, in double and at 50 digits.
//
// (a) BM_gd_step<S>/n: one step on f(x) = ½xᵀAx − bᵀx with A dense symmetric positive
//     definite of size n: the gradient Ax − b (Quadratic<S>::gradient) and the update
//     x − ηg (GradientDescent<S>::step). n ∈ {10, 100, 500, 1000, 2000} for double and
//     for Mpfr at 50 digits. The Mpfr sizes 1000 and 2000 are kept because one step
//     stays under the 2 s per iteration set as the limit for this benchmark (measured
//     on the 2-core development machine: about 0.14 s at n = 1000, 0.57 s at n = 2000;
//     the 2000×2000 Mpfr matrix takes about 220 MB).
// (b) BM_gd_trajectory<S>: a 1000-step run (descent::run, recording the Trace) on a
//     10-dimensional quadratic, at 50 digits, and in double for comparison.
//
// Counters: items = multiply-adds of the product Ax for (a) (n² per step), steps for
// (b); bytes = the bytes of A read per step for (a): n² · (sizeof(S) + the limbs an Mpfr
// value points to).
//
// The instance: A = Q diag(λ) Qᵀ with Q = cayley_orthogonal (an orthogonal matrix from a
// skew-symmetric K with entries of size 1/√n) and λ evenly spaced in [1, 10], so L = 10
// and the step η = 1/10 converges. A is formed once per n in double and symmetrized
// exactly; the Mpfr benchmarks use the same entries (exact binary numbers, so the data
// are identical and only the arithmetic differs).
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>
#include <map>
#include <memory>
#include <vector>

#include "bench_instances.hpp"
#include "descent/optimizers.hpp"

namespace {

using descent::Mat;
using descent::Mpfr;
using descent::Vec;
using descent::bench::hashed_vector;
using descent::bench::quadratic;

constexpr int bench_digits = 50;

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

// (a) One step: g = Ax − b, x ← x − ηg.
template <class S>
void BM_gd_step(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  const auto& problem = quadratic<S>(n);
  descent::GradientDescent<S> gd(S(1) / 10);  // η = 1/L
  Vec<S> x = hashed_vector<S>(n, 2);
  for (auto _ : state) {
    const Vec<S> g = problem.gradient(x);
    x = gd.step(problem, x, g);
    benchmark::DoNotOptimize(x.data());
    benchmark::ClobberMemory();
  }
  const auto nn = static_cast<std::int64_t>(n) * n;
  state.SetItemsProcessed(state.iterations() * nn);
  state.SetBytesProcessed(static_cast<std::int64_t>(static_cast<double>(state.iterations() * nn) * bytes_per_entry<S>()));
  state.SetLabel(std::string(descent::ScalarTraits<S>::name) + (std::is_same_v<S, Mpfr> ? " 50 digits" : ""));
}

// (b) A 1000-step trajectory on the 10-dimensional quadratic, recorded in a Trace.
template <class S>
void BM_gd_trajectory(benchmark::State& state) {
  constexpr int n = 10, steps = 1000;
  const auto& problem = quadratic<S>(n);
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
  state.SetLabel(std::string(descent::ScalarTraits<S>::name) + (std::is_same_v<S, Mpfr> ? " 50 digits" : "") +
                 ", items = steps");
}

BENCHMARK(BM_gd_step<double>)->Arg(10)->Arg(100)->Arg(500)->Arg(1000)->Arg(2000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_gd_step<Mpfr>)->Arg(10)->Arg(100)->Arg(500)->Arg(1000)->Arg(2000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_gd_trajectory<Mpfr>)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_gd_trajectory<double>)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  descent::set_digits(bench_digits);  // before any Mpfr is created
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::AddCustomContext("mpfr_digits", std::to_string(bench_digits));
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
