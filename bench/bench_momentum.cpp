// bench_momentum: what momentum and a learning-rate schedule add to a step of gradient
// descent, in double and at 50 digits (issue 7: "the overhead of momentum should be one
// vector update").
//
// BM_step<S, M>/n: one step on the dense SPD quadratic of size n (bench_instances.hpp):
// the gradient g = Ax − b at the iterate and the method's update, for
//   M = gd                 x − ηg
//   M = heavy_ball_notes   v ← βv − ηg, x ← x + v
//   M = heavy_ball_pytorch b ← βb + g, x ← x − ηb
//   M = nesterov_notes     v ← βv − η∇f(x + βv), x ← x + v  (a second gradient, at the look-ahead)
//   M = nesterov_pytorch   b ← βb + g, x ← x − η(g + βb)
//   M = gd_inverse         GD under Scheduled with η_k = η/(k + 1)
// Report each as a ratio to gd at the same n and arithmetic, measured in the same run:
// the update is O(n) against the O(n²) gradient, so heavy ball and the PyTorch Nesterov
// should cost about 1.0x of gd; the notes' Nesterov pays a second gradient (without the
// value), about 1.5x. Measured on the 2-core development machine (one run, 0.2 s minimum
// per benchmark): heavy ball 0.97–1.02x, PyTorch Nesterov 0.97–1.14x (1.14x only at
// n = 100 in double), the schedule 0.98–1.01x, the notes' Nesterov 1.46–1.54x.
#include <benchmark/benchmark.h>

#include <memory>
#include <string>

#include "bench_instances.hpp"
#include "descent/optimizers/momentum.hpp"
#include "descent/optimizers/schedules.hpp"

namespace {

using descent::Mpfr;
using descent::Vec;
using descent::bench::hashed_vector;
using descent::bench::quadratic;

constexpr int bench_digits = 50;

enum class M { gd, heavy_ball_notes, heavy_ball_pytorch, nesterov_notes, nesterov_pytorch, gd_inverse };

template <class S>
std::unique_ptr<descent::Optimizer<S>> make(M m) {
  const S eta = S(1) / 10, beta = S(9) / 10;
  using descent::Momentum;
  using descent::MomentumForm;
  switch (m) {
    case M::gd: return std::make_unique<descent::GradientDescent<S>>(eta);
    case M::heavy_ball_notes: return std::make_unique<Momentum<S>>(eta, beta, MomentumForm::notes, false);
    case M::heavy_ball_pytorch: return std::make_unique<Momentum<S>>(eta, beta, MomentumForm::pytorch, false);
    case M::nesterov_notes: return std::make_unique<Momentum<S>>(eta, beta, MomentumForm::notes, true);
    case M::nesterov_pytorch: return std::make_unique<Momentum<S>>(eta, beta, MomentumForm::pytorch, true);
    case M::gd_inverse:
      return std::make_unique<descent::Scheduled<S>>(std::make_unique<descent::GradientDescent<S>>(eta),
                                                     descent::Schedule<S>::inverse());
  }
  return nullptr;
}

template <class S, M m>
void BM_step(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  const auto& problem = quadratic<S>(n);
  auto opt = make<S>(m);
  opt->reset(n);
  Vec<S> x = hashed_vector<S>(n, 2);
  for (auto _ : state) {
    Vec<S> g;
    const S f = problem.value_and_gradient(x, g);
    x = opt->step_from(problem, x, f, g);
    benchmark::DoNotOptimize(x.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations());
  state.SetLabel(std::string(descent::ScalarTraits<S>::name) + (std::is_same_v<S, Mpfr> ? " 50 digits" : "") +
                 ", items = steps");
}

#define DESCENT_BENCH_METHOD(m)                                                                   \
  BENCHMARK(BM_step<double, M::m>)->Arg(100)->Arg(1000)->Unit(benchmark::kMicrosecond);          \
  BENCHMARK(BM_step<Mpfr, M::m>)->Arg(50)->Arg(200)->Unit(benchmark::kMillisecond);
DESCENT_BENCH_METHOD(gd)
DESCENT_BENCH_METHOD(heavy_ball_notes)
DESCENT_BENCH_METHOD(heavy_ball_pytorch)
DESCENT_BENCH_METHOD(nesterov_notes)
DESCENT_BENCH_METHOD(nesterov_pytorch)
DESCENT_BENCH_METHOD(gd_inverse)
#undef DESCENT_BENCH_METHOD

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
